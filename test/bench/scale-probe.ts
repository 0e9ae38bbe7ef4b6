// The scale case's sync alone, to measure one build against another or to look inside a run: seeds the largest of
// PROBE_REPOS (a comma list, default 10,33) repositories × 30 tags once, then for each size runs a cold and a no-op
// `sync once` of the CLI at PROBE_BIN (default the compiled build/src/main.js) under GNU time, with PROBE_NODE_ARGS
// (`--heap-prof`, `--trace-gc`, an `--import` of a sampler) before it, PROBE_ARGS after it, and each run's stdout
// written to PROBE_DUMP-REPOS-PASS.txt when set. `node build/test/bench/scale-probe.js`
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { startRegistry } from '../harness/registry.js';
import { NO_AUTH_ENV } from './clients.js';
import { seedScale, writeSyncConfig } from './cases-scale.js';
import { runTimed } from './measure.js';

const BIN = process.env['PROBE_BIN'] ?? fileURLToPath(new URL('../../src/main.js', import.meta.url));
const NODE_ARGS = (process.env['PROBE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
const sizes = (process.env['PROBE_REPOS'] ?? '10,33').split(',').map(Number);
const extra = (process.env['PROBE_ARGS'] ?? '').split(' ').filter(Boolean);

const dir = await makeTempDir('regkit-probe-');
const source = await startRegistry();
try {
  await seedScale(source, Math.max(...sizes));
  for (const repos of sizes) {
    const target = await startRegistry();
    try {
      const config = await writeSyncConfig(dir, source.host, target.host, repos);
      for (const pass of ['cold', 'noop']) {
        source.clearRequests();
        target.clearRequests();
        const run = await runTimed(process.execPath, [...NODE_ARGS, BIN, 'sync', '-c', config, 'once', '--format', 'json', ...extra], { env: NO_AUTH_ENV });
        if (process.env['PROBE_DUMP']) await writeFile(`${process.env['PROBE_DUMP']}-${repos}-${pass}.txt`, run.stdout);
        const requests = source.requests().length + target.requests().length;
        const tags = repos * 30;
        const lines = run.stdout.split('\n').filter(Boolean).length;
        process.stdout.write(
          `${tags} tags ${pass}: ${(run.ms / 1000).toFixed(2)} s wall, ${(run.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${(run.peakRss / 2 ** 20).toFixed(1)} MiB, ` +
            `${requests} requests (${((requests - repos) / tags).toFixed(2)}/tag beyond tag lists), ${lines} results\n`,
        );
      }
    } finally {
      await target.stop();
    }
  }
} finally {
  await source.stop();
  await removeTempDir(dir);
}
