// Writes to one registry that must not overlap within this process, queued by a key (a repository, a subject).

/** The queues of one registry session; a key's queue is dropped once nothing waits in it. */
export class WriteTurns {
  private readonly queues = new Map<string, Promise<void>>();

  /** Runs `work` after every earlier `work` of the same key has settled. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    try {
      return await mine;
    } finally {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    }
  }
}
