// Splitting a sync over N matrix jobs: each item belongs to exactly one shard, decided by a hash of its target, so
// every job computes the same split without talking to the others and a re-run lands each tag on the same job.
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based, as matrix values are written: `--shard 2/4`. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`--shard must be I/N (e.g. 1/4), not "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard ${text}: I must be between 1 and N, and N at least 1`);
  return { index, count };
}

export function inShard(key: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const bucket = createHash('sha256').update(key).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}

/** The values a job matrix fans out over: `["1/3","2/3","3/3"]`. */
export function shardMatrix(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${i + 1}/${count}`);
}
