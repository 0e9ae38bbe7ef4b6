// Signature material comes from the registry, which is untrusted: every read of it stops at a cap.
import type { Readable } from 'node:stream';

/** Reads a stream whole up to `limit` bytes, and refuses one that goes past it without reading on. */
export async function readCapped(stream: Readable, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      throw new Error(`${what} larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
