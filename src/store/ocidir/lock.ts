// A lock file that serialises read-modify-write of one file across async tasks and across processes.
// The lock is a file created with O_EXCL; a holder that died leaves it behind, so a lock older than `staleMs` is taken
// over. Within one store a promise chain queues callers first, so they never poll against each other; two stores on
// one layout in one process (two StoreSets) still exclude each other through the file, as two processes do.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../log.js';

export interface FileLockOptions {
  /** A lock file older than this is held by a process that died. Holders finish in well under a second. */
  staleMs?: number;
  /** Give up waiting after this long. */
  timeoutMs?: number;
  logger?: Logger;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 120_000;
export class FileLock {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly lockPath: string,
    private readonly opts: FileLockOptions = {},
  ) {}

  /** Runs `fn` while holding the lock file, after every earlier `fn` of this lock has settled. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue
      .catch(() => undefined)
      .then(async () => {
        const token = await acquire(this.lockPath, this.opts);
        try {
          return await fn();
        } finally {
          await release(this.lockPath, token);
        }
      });
    this.queue = run;
    return run;
  }
}

async function acquire(lockPath: string, opts: FileLockOptions): Promise<string> {
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const token = `${process.pid} ${randomBytes(8).toString('hex')} ${new Date().toISOString()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lockPath, 'wx');
      try {
        await fh.writeFile(token);
      } finally {
        await fh.close();
      }
      return token;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await breakIfStale(lockPath, staleMs)) {
      opts.logger?.warn('took over a stale lock left by a process that stopped', { lock: lockPath });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${lockPath}; if no other regkit process uses this layout, delete that file and retry`);
    }
    await sleep(Math.min(5 + attempt * 5, 100));
  }
}

/**
 * Moves a stale lock aside. The rename is atomic, so of several waiters only one wins; if the file renamed turns out
 * to be a fresh lock that another waiter created in between, it is linked back (link fails if yet another exists).
 */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let seen: string;
  try {
    const st = await stat(lockPath);
    if (Date.now() - st.mtimeMs < staleMs) return false;
    seen = await readFile(lockPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== seen) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return true;
}

async function release(lockPath: string, token: string): Promise<void> {
  // Only remove the lock if it is still ours: after a stall longer than staleMs another process may own it now.
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === token) await unlink(lockPath).catch(() => undefined);
}
