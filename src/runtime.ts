// Process-wide tuning, applied once by the entry point (main.ts) before a face loads: V8 flags are global to the
// process, so no module sets them as a side effect of being imported. A library caller or a test that never calls
// this runs with Node's defaults and the same results, only slower to exit and with more memory held on long copies.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Runtime {
  /**
   * A synchronous young-generation collection, for whoever streams blobs to call every few MiB (see
   * spent-buffers.ts); undefined where the engine refuses `--expose-gc`.
   */
  collectYoung?: () => void;
}

export function tuneRuntime(): Runtime {
  // undici parses HTTP/1 with llhttp compiled to WebAssembly. V8 re-optimizes that module on background threads, and
  // process exit waits for them: ~100 ms added to every CLI run on Node 20, ~45 ms on Node 24. The baseline compiler
  // alone is fast enough, since bodies are only counted, not parsed. Set before the first connection compiles the
  // module; Node 24's V8 no longer derives "no dynamic tiering" from --liftoff-only set at run time, so both are named.
  setFlagsFromString('--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering');
  const collect = youngCollector();
  return collect ? { collectYoung: () => collect({ type: 'minor', execution: 'sync' }) } : {};
}

type Collect = (opts: { type: 'minor'; execution: 'sync' }) => void;

function youngCollector(): Collect | undefined {
  try {
    // `--expose-gc` set now reaches only contexts created afterwards, so the function comes from a fresh one.
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Collect;
  } catch {
    return undefined;
  }
}
