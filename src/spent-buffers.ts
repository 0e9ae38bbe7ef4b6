// Every chunk a socket reads is a fresh buffer outside V8's heap. Once written on, it is garbage, but V8 collects it
// only when its young generation fills (a stream makes little of that) or when 64 MiB of such memory has piled up:
// a 1 GiB blob would hold the process at ~160 MB. A young-generation collection every few MiB streamed keeps the
// spent chunks at a few MiB; it takes well under a millisecond, since little in the young generation is alive.
// The collection itself comes from the entry point (runtime.ts), which alone may change how the process runs; what
// streams blobs is handed a `SpentChunks` and only counts.

const COLLECT_EVERY = 8 * 1024 * 1024;

/** Told of bytes that went through and are no longer needed. */
export interface SpentChunks {
  spent(bytes: number): void;
}

/** For a process that was given no collection (a library caller, a test): V8 frees the chunks on its own schedule. */
export const KEEP_SPENT: SpentChunks = { spent: () => undefined };

/** Runs `collect` (a young-generation collection) once every `every` bytes reported spent. */
export function collectEvery(collect: () => void, every = COLLECT_EVERY): SpentChunks {
  let sinceLast = 0;
  return {
    spent(bytes: number): void {
      sinceLast += bytes;
      if (sinceLast < every) return;
      sinceLast = 0;
      collect();
    },
  };
}
