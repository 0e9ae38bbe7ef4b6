// Bounded concurrency, the one way regkit runs many tasks: a counting semaphore (at most `n` tasks at once, the rest
// waiting in order) and a pool of `n` workers over a list.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(n: number): Limiter {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${n}`);
  let running = 0;
  const waiting: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < n) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * `work` for each of `items`, at most `n` at a time, by `n` workers taking the next item as they finish: unlike
 * `createLimiter` over a map, an item not yet started costs nothing, so the state a run holds stays bounded by `n`.
 */
export async function forEachAtMost<T>(items: readonly T[], n: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, got ${n}`);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
