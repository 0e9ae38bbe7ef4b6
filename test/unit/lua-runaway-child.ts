// Runs one script through runScript in a process of its own and prints what happened with the time it took and the
// process's peak RSS, so each runaway case of lua-worker.test.ts is measured alone.
import { silentLogger } from '../../src/log.js';
import { runScript } from '../../src/prune/lua/run.js';
import { StoreSet } from '../../src/store/open.js';

const [source = '', timeoutMs = '2000', memoryMiB = ''] = process.argv.slice(2);
const stores = new StoreSet({ hosts: [], logger: silentLogger, useDockerConfig: false });
const started = Date.now();
const results = [];
for (const name of ['runaway', 'next']) {
  results.push(
    await runScript({
      name,
      source: name === 'runaway' ? source : 'log("next script ran")',
      stores,
      logger: silentLogger,
      dryRun: true,
      timeoutMs: Number(timeoutMs),
      ...(memoryMiB !== '' ? { memoryLimitMiB: Number(memoryMiB) } : {}),
      copy: () => Promise.reject(new Error('no copies here')),
      site: { file: 'regbot.yml', line: 7, luaLineOffset: 8 },
    }),
  );
  if (name === 'runaway') results[0]!.durationMs = Date.now() - started;
}
process.stdout.write(
  JSON.stringify({
    error: results[0]!.error,
    ms: results[0]!.durationMs,
    next: results[1]!.logs.map((l) => l.message),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
await stores.close();
