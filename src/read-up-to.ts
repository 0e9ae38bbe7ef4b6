// Bytes from elsewhere (a registry body, a layout file, signature material) are read into memory only up to a bound:
// the one loop every such read goes through, each caller wording its own refusal.
import type { Readable } from 'node:stream';

/** Reads up to `limit` bytes; undefined (and the stream destroyed) as soon as it is longer. */
export async function readUpTo(stream: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limit) {
      stream.destroy();
      return undefined;
    }
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}
