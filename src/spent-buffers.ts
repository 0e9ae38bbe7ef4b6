// Every chunk a socket reads is a fresh buffer outside V8's heap. Once written on, it is garbage, but V8 collects it
// only when its young generation fills (a stream makes little of that) or when 64 MiB of such memory has piled up:
// a 1 GiB blob would hold the process at ~160 MB. A young-generation collection every few MiB streamed keeps the
// spent chunks at a few MiB; it takes well under a millisecond, since little in the young generation is alive.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const COLLECT_EVERY = 8 * 1024 * 1024;

type Collect = (opts: { type: 'minor'; execution: 'sync' }) => void;

let collect: Collect | undefined;
let sinceLast = 0;

function collector(): Collect {
  if (collect) return collect;
  try {
    // `--expose-gc` set now reaches only contexts created afterwards, so the function comes from a fresh one.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as Collect;
  } catch {
    collect = () => undefined;
  }
  return collect;
}

/** Counts bytes that went through and are no longer needed; frees their buffers every few MiB. */
export function spentBytes(n: number): void {
  sinceLast += n;
  if (sinceLast < COLLECT_EVERY) return;
  sinceLast = 0;
  collector()({ type: 'minor', execution: 'sync' });
}
