// Writes to one registry that must not overlap within this process, queued by a key (a repository, a subject).
import type { RegistryContext } from './http.js';

const turns = new WeakMap<object, Map<string, Promise<void>>>();

/** Runs `work` after every earlier `work` of the same client and key has settled. */
export async function oneAtATime<T>(ctx: RegistryContext, key: string, work: () => Promise<T>): Promise<T> {
  let queues = turns.get(ctx.client);
  if (!queues) turns.set(ctx.client, (queues = new Map()));
  const before = queues.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  try {
    return await mine;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}
