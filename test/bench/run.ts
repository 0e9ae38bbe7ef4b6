// `npm run bench`: regkit against skopeo and `curl | curl` on local registries, one table of figures and the quality
// bars of design.md, plus `build/bench-results.json`. BENCH_QUICK=1 runs a small version as a smoke test,
// BENCH_REPS=N sets the repetitions (median reported), BENCH_CASES=abe picks cases (a–f copy, g–h sync, i prune, j scale). The bench reports; it does not gate.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bigLayerCase } from './cases-big.js';
import { ceilingCase } from './cases-ceiling.js';
import { coldCase, measureCopies, noopCase, wanCase, type CopyRuns } from './cases-copy.js';
import { sameRegistryCase } from './cases-mount.js';
import { measurePrunes, pruneCase } from './cases-prune.js';
import { measureScale, scaleCase } from './cases-scale.js';
import { measureSyncs, seedTags, syncCase } from './cases-sync.js';
import { REGKIT_BIN } from './clients.js';
import { renderTable, writeResults, type CaseResult } from './report.js';
import { benchConfig, startSource } from './setup.js';

const RESULTS_PATH = fileURLToPath(new URL('../../bench-results.json', import.meta.url));

const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

async function main(): Promise<void> {
  const cfg = benchConfig(process.env);
  if (!existsSync(REGKIT_BIN)) throw new Error(`${REGKIT_BIN} is missing: run \`npm run build\` first (npm run bench does)`);
  const want = (id: string) => cfg.cases.has(id);
  const started = Date.now();
  progress(`${cfg.quick ? 'quick' : 'full'} run, ${cfg.reps} repetition(s), cases ${[...cfg.cases].join('')}: generating and seeding images`);
  const source = await startSource(cfg, want('d'));
  const results: CaseResult[] = [];
  try {
    let loopback: CopyRuns | undefined;
    if (want('a') || want('b') || want('f')) {
      progress('(a)(b) cold and no-op copies on loopback');
      loopback = await measureCopies(cfg, source, 0);
      if (want('a')) results.push(coldCase(cfg, loopback));
      if (want('b')) results.push(noopCase(loopback));
    }
    if (want('c')) {
      progress('(c) retag and same-registry copy');
      results.push(await sameRegistryCase(source));
    }
    if (want('d')) {
      progress('(d) one big layer');
      results.push(await bigLayerCase(cfg, source));
    }
    if (want('e')) {
      progress(`(e) cold and no-op copies through a ${cfg.delayMs} ms round-trip TCP delay`);
      results.push(wanCase(cfg, await measureCopies(cfg, source, cfg.delayMs)));
    }
    if (want('g') || want('h')) {
      const tags = await seedTags(source, cfg.quick ? 6 : 30);
      if (want('g')) {
        progress(`(g) sync of ${tags} tags on loopback`);
        results.push(syncCase('g', await measureSyncs(cfg, source, tags, 0), 4));
      }
      if (want('h')) {
        progress(`(h) sync of ${tags} tags through a ${cfg.delayMs} ms round-trip TCP delay`);
        results.push(syncCase('h', await measureSyncs(cfg, source, tags, cfg.delayMs), 10));
      }
    }
    if (want('i')) results.push(pruneCase(await measurePrunes(cfg, progress)));
    if (want('j')) results.push(scaleCase(await measureScale(cfg, progress)));
    if (want('f')) {
      progress('(f) curl | curl ceiling');
      results.push(await ceilingCase(cfg, source, loopback?.regkit.cold ?? [], loopback?.skopeo.cold ?? []));
    }
  } finally {
    await source.stop();
  }
  // Node's own start-up is part of every regkit figure (`npm run bench` runs the node@24 package's Node, the action's).
  process.stdout.write(`regkit ran on Node ${process.version} (${process.execPath}), ${cpus().length} CPUs\n`);
  process.stdout.write(`${renderTable(results)}\n`);
  const missed = results.flatMap((c) => c.bars.filter((b) => !b.met).map((b) => `(${c.id}) ${b.what}`));
  process.stdout.write(missed.length ? `bars missed: ${missed.join('; ')}\n` : 'all bars met\n');
  const meta = {
    date: new Date().toISOString(),
    quick: cfg.quick,
    reps: cfg.reps,
    node: process.version,
    cpus: cpus().length,
    durationMs: Date.now() - started,
  };
  await writeResults(RESULTS_PATH, meta, results);
  progress(`results written to ${RESULTS_PATH}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
