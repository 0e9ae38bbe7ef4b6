// cosign's encrypted private key file as the test signer (test/harness/cosign-signer.ts) reads and writes it: a round
// trip, the document's fields and costs as go-securesystemslib's `encrypted` package writes them, and the checks it
// makes when reading, so a user's existing `cosign.key` is read the way cosign reads it.
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { describe, test } from 'node:test';
import { cosignKeyPair, openWithPassword, readEncryptedCosignKey, sealWithPassword, SCRYPT_COSTS, writeEncryptedCosignKey } from '../harness/cosign-signer.js';

const spki = (pem: string): string => createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');

describe("cosign's encrypted private key file", () => {
  test('a key written under a password reads back as the same key, and not under another password', async () => {
    const pair = cosignKeyPair();
    const pem = await writeEncryptedCosignKey(pair.privateKey, 'correct horse');
    assert.match(
      pem,
      /^-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n([A-Za-z0-9+/=]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END ENCRYPTED COSIGN PRIVATE KEY-----\n$/,
    );
    const key = await readEncryptedCosignKey(pem, 'correct horse');
    assert.equal(createPublicKey(key).export({ type: 'spki', format: 'pem' }), pair.publicPem);
    assert.deepEqual(key.export({ type: 'pkcs8', format: 'der' }), pair.privateKey.export({ type: 'pkcs8', format: 'der' }));
    await assert.rejects(readEncryptedCosignKey(pem, 'correct horsE'), /decryption failed/);
    assert.ok(!pem.includes(Buffer.from('correct horse').toString('base64')), 'the password is nowhere in the file');
  });

  test('the body is the JSON document go-securesystemslib writes, at the cost asked for', async () => {
    const pair = cosignKeyPair();
    const pem = await writeEncryptedCosignKey(pair.privateKey, '', { label: 'ENCRYPTED SIGSTORE PRIVATE KEY', n: SCRYPT_COSTS.legacy });
    const body = pem.split('\n').slice(1, -2).join('');
    const doc = JSON.parse(Buffer.from(body, 'base64').toString()) as Record<string, unknown>;
    const shape = (v: unknown): unknown =>
      v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v === 'string' ? 'string' : v;
    // The fields in go-securesystemslib's order, and the legacy cost asked for.
    assert.equal(
      JSON.stringify(shape(doc)),
      JSON.stringify({
        kdf: { name: 'string', params: { N: 32768, r: 8, p: 1 }, salt: 'string' },
        cipher: { name: 'string', nonce: 'string' },
        ciphertext: 'string',
      }),
    );
    assert.deepEqual([(doc.kdf as { name: string }).name, (doc.cipher as { name: string }).name], ['scrypt', 'nacl/secretbox']);
    assert.equal(Buffer.from((doc.kdf as { salt: string }).salt, 'base64').length, 32);
    assert.equal(
      spki(
        createPublicKey(await readEncryptedCosignKey(pem, ''))
          .export({ type: 'spki', format: 'pem' })
          .toString(),
      ),
      spki(pair.publicPem),
    );
  });

  test('a document the format does not allow is refused before any key is derived', async () => {
    const sealed = JSON.parse((await sealWithPassword(Buffer.from('x'), 'pw', SCRYPT_COSTS.legacy)).toString()) as {
      kdf: { name: string; params: { N: number } };
      cipher: { name: string; nonce: string };
      ciphertext: string;
    };
    const variant = (change: (d: typeof sealed) => void): Buffer => {
      const copy = structuredClone(sealed);
      change(copy);
      return Buffer.from(JSON.stringify(copy));
    };
    await assert.rejects(
      openWithPassword(
        variant((d) => (d.kdf.params.N = 1 << 30)),
        'pw',
      ),
      /unsupported scrypt parameters/,
    );
    await assert.rejects(
      openWithPassword(
        variant((d) => (d.kdf.name = 'pbkdf2')),
        'pw',
      ),
      /unknown kdf/,
    );
    await assert.rejects(
      openWithPassword(
        variant((d) => (d.cipher.name = 'aes-gcm')),
        'pw',
      ),
      /unknown cipher/,
    );
    await assert.rejects(
      openWithPassword(
        variant((d) => (d.cipher.nonce = 'AAAA')),
        'pw',
      ),
      /nonce size/,
    );
    const altered = variant((d) => {
      const c = Buffer.from(d.ciphertext, 'base64');
      c[0]! ^= 1;
      d.ciphertext = c.toString('base64');
    });
    await assert.rejects(openWithPassword(altered, 'pw'), /decryption failed/);
    await assert.rejects(readEncryptedCosignKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'pw'), /not a cosign private key file/);
  });
});
