import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { DigestMismatchError, UsageError } from '../../src/errors.js';
import { digestAlgorithm, digestOf, DigestVerifier, verifyBytes } from '../../src/oci/digest.js';

const payload = Buffer.from('hello, registry');
const sha256 = `sha256:${createHash('sha256').update(payload).digest('hex')}`;
const sha512 = `sha512:${createHash('sha512').update(payload).digest('hex')}`;

/** Collects what the verifier releases downstream, chunk by chunk. */
function collector(): { sink: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { sink, chunks };
}

function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

describe('digests', () => {
  it('computes sha256 and sha512 over exact bytes', () => {
    assert.equal(digestOf(payload), sha256);
    assert.equal(digestOf(payload, 'sha512'), sha512);
    assert.equal(digestOf(new Uint8Array()), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('knows the algorithm of a digest and rejects others', () => {
    assert.equal(digestAlgorithm(sha256), 'sha256');
    assert.equal(digestAlgorithm(sha512), 'sha512');
    assert.throws(
      () => digestAlgorithm('md5:abc'),
      (err: unknown) => err instanceof UsageError && /md5:abc.*only sha256 and sha512/.test(err.message),
    );
  });

  it('verifyBytes passes matching bytes and names both digests on a mismatch', () => {
    verifyBytes(payload, sha256, 'test');
    verifyBytes(payload, sha512, 'test');
    assert.throws(
      () => verifyBytes(Buffer.from('other'), sha256, 'the manifest'),
      (err: unknown) => {
        assert.ok(err instanceof DigestMismatchError);
        assert.equal(err.expected, sha256);
        assert.equal(err.actual, digestOf(Buffer.from('other')));
        assert.match(err.message, /the manifest/);
        return true;
      },
    );
  });
});

describe('DigestVerifier', () => {
  for (const [name, digest] of [
    ['sha256', sha256],
    ['sha512', sha512],
  ] as const) {
    it(`passes a good ${name} stream through unchanged`, async () => {
      const { sink, chunks } = collector();
      const verifier = new DigestVerifier(digest, payload.length, 'blob');
      await pipeline(chunked(payload, 4), verifier, sink);
      assert.deepEqual(Buffer.concat(chunks), payload);
      assert.equal(verifier.bytesSeen, payload.length);
    });
  }

  it('passes a good stream when no size is known', async () => {
    const { sink, chunks } = collector();
    await pipeline(chunked(payload, 3), new DigestVerifier(sha256, undefined, 'blob'), sink);
    assert.deepEqual(Buffer.concat(chunks), payload);
  });

  it('fails bad content before releasing the last chunk', async () => {
    const bad = Buffer.from(payload);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    const { sink, chunks } = collector();
    await assert.rejects(pipeline(chunked(bad, 4), new DigestVerifier(sha256, bad.length, 'blob'), sink), DigestMismatchError);
    const released = Buffer.concat(chunks);
    assert.ok(released.length < bad.length, `released ${released.length} of ${bad.length} bytes`);
    assert.deepEqual(released, bad.subarray(0, released.length));
  });

  it('fails a stream that is too short, without releasing all of it', async () => {
    const { sink, chunks } = collector();
    await assert.rejects(pipeline(chunked(payload, 4), new DigestVerifier(sha256, payload.length + 1, 'blob'), sink), (err: unknown) => {
      assert.ok(err instanceof DigestMismatchError);
      assert.match(err.message, /15 bytes where 16 were expected/);
      return true;
    });
    assert.ok(Buffer.concat(chunks).length < payload.length);
  });

  it('fails a stream that is too long as soon as it passes the size', async () => {
    const { sink, chunks } = collector();
    const longer = Buffer.concat([payload, Buffer.from('!!!!!!!!')]);
    await assert.rejects(pipeline(chunked(longer, 4), new DigestVerifier(sha256, payload.length, 'blob'), sink), /more than 15 bytes/);
    assert.ok(Buffer.concat(chunks).length < payload.length);
  });

  it('releases nothing of a single-chunk body that does not match', async () => {
    const { sink, chunks } = collector();
    await assert.rejects(pipeline(Readable.from([Buffer.from('x')]), new DigestVerifier(sha256, 1, 'blob'), sink), DigestMismatchError);
    assert.equal(chunks.length, 0);
  });
});
