// Signature material comes from the registry, which is untrusted: every read of it stops at a cap.
import type { Readable } from 'node:stream';
import { readUpTo } from '../read-up-to.js';

/** Reads a stream whole up to `limit` bytes, and refuses one that goes past it without reading on. */
export async function readCapped(stream: Readable, limit: number, what: string): Promise<Buffer> {
  const bytes = await readUpTo(stream, limit);
  if (bytes === undefined) throw new Error(`${what} larger than ${limit} bytes`);
  return bytes;
}
