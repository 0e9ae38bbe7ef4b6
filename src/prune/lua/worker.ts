// The entry of a script's worker thread: one script, one worker. string-limit.js must be the first import (it wraps
// fengari's string constructors before the VM loads them).
import './string-limit.js';
import { parentPort, workerData } from 'node:worker_threads';
import { installPolicy } from '../policy/lua.js';
import { runEngine } from './engine.js';
import type { WorkerInput } from './protocol.js';
import { HostPort, remoteHost, remoteLogger, remoteStores } from './remote.js';

async function main(): Promise<void> {
  if (!parentPort) throw new Error('worker.ts runs only as a worker thread');
  const input = workerData as WorkerInput;
  const host = new HostPort(parentPort);
  const status = new Int32Array(input.status);
  const result = await runEngine(
    {
      name: input.name,
      source: input.source,
      stores: remoteStores(host),
      host: remoteHost(host),
      logger: remoteLogger(host),
      dryRun: input.dryRun,
      timeoutMs: input.timeoutMs,
      stringLimitBytes: input.stringLimitBytes,
      ...(input.platform ? { platform: input.platform } : {}),
      ...(input.site ? { site: input.site } : {}),
    },
    [installPolicy],
    {
      journal: (index, entry, settled) => host.send({ kind: 'journal', index, entry, settled }),
      log: (line) => host.send({ kind: 'scriptLog', line }),
      line: (line) => Atomics.store(status, 0, line),
    },
  );
  host.send({ kind: 'done', ...(result.error !== undefined ? { error: result.error } : {}) });
}

void main();
