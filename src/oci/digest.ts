// Digests (OCI image spec, descriptor.md "Digests"): sha256 and sha512, computed over exact bytes or while streaming.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DigestMismatchError, UsageError } from '../errors.js';
import { KEEP_SPENT, type SpentChunks } from '../spent-buffers.js';

export type DigestAlgorithm = 'sha256' | 'sha512';

export function digestAlgorithm(digest: string): DigestAlgorithm {
  const alg = digest.slice(0, digest.indexOf(':'));
  if (alg === 'sha256' || alg === 'sha512') return alg;
  throw new UsageError(`unsupported digest algorithm in "${digest}": only sha256 and sha512 are supported`);
}

export function digestOf(bytes: Uint8Array, alg: DigestAlgorithm = 'sha256'): string {
  return `${alg}:${createHash(alg).update(bytes).digest('hex')}`;
}

export function verifyBytes(bytes: Uint8Array, expected: string, what: string): void {
  const actual = digestOf(bytes, digestAlgorithm(expected));
  if (actual !== expected) throw new DigestMismatchError(expected, actual, what);
}

/**
 * A pass-through stream that hashes what flows and fails at the end when the digest or size is wrong. The error is
 * raised before the last byte is released downstream, so an upload fed by it never completes with bad content.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash;
  private seen = 0;
  private held: Buffer | undefined;

  constructor(
    private readonly expected: string,
    private readonly expectedSize: number | undefined,
    private readonly what: string,
    /** Told of each chunk once it is hashed, so a long stream does not pile up spent buffers. */
    private readonly release: SpentChunks = KEEP_SPENT,
  ) {
    super();
    this.hash = createHash(digestAlgorithm(expected));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.expectedSize !== undefined && this.seen > this.expectedSize) {
      done(new DigestMismatchError(this.expected, `more than ${this.expectedSize} bytes`, this.what));
      return;
    }
    this.hash.update(chunk);
    this.release.spent(chunk.length);
    // Hold the latest chunk back so a mismatch found at the end still stops the consumer short of the full body.
    const out = this.held;
    this.held = chunk;
    if (out) this.push(out);
    done();
  }

  override _flush(done: TransformCallback): void {
    const actual = `${digestAlgorithm(this.expected)}:${this.hash.digest('hex')}`;
    if (this.expectedSize !== undefined && this.seen !== this.expectedSize) {
      done(new DigestMismatchError(this.expected, `${this.seen} bytes where ${this.expectedSize} were expected`, this.what, true));
      return;
    }
    if (actual !== this.expected) {
      done(new DigestMismatchError(this.expected, actual, this.what));
      return;
    }
    if (this.held) this.push(this.held);
    done();
  }

  get bytesSeen(): number {
    return this.seen;
  }
}
