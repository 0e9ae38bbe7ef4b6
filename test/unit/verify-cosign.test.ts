// The cosign verifier against what a hostile or broken registry can serve: oversized payloads (refused before a
// byte is read, or cut at the cap when the store streams more than declared), more layers than read, signatures
// that are not base64 or not DER, a signed payload that is not cosign's. The store is an in-memory stand-in for
// the three calls the verifier makes; the signatures come from Node's crypto in the test, not from the verifier.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { Descriptor } from '../../src/oci/manifest.js';
import type { Reference } from '../../src/oci/reference.js';
import type { Store } from '../../src/store/store.js';
import { verifyCosignSignatures } from '../../src/verify/cosign.js';
import { DEFAULT_THRESHOLDS, parsePublicKey, type VerifyPolicy } from '../../src/verify/policy.js';

const IMAGE = `sha256:${'a'.repeat(64)}`;
const REPO: Reference = { scheme: 'registry', registry: 'example.test', repository: 'app' };
const LAYER = 'application/vnd.dev.cosign.simplesigning.v1+json';
const ANNOTATION = 'dev.cosignproject.cosign/signature';

function keyPair(type: 'ec' | 'ed25519'): { priv: KeyObject; policy: VerifyPolicy } {
  const { privateKey, publicKey } = type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  return {
    priv: privateKey,
    policy: {
      keys: [parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString(), `${type}.pub`)],
      keyless: [],
      thresholds: DEFAULT_THRESHOLDS,
      signed: 'index',
    },
  };
}

const payloadFor = (digest: string): Buffer =>
  Buffer.from(
    JSON.stringify({
      critical: { identity: { 'docker-reference': 'example.test/app' }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' },
      optional: null,
    }),
  );

interface Served {
  layers: Descriptor[];
  /** What getBlob streams for a digest; the declared size need not match (a lying store). */
  blobs: Map<string, () => Readable>;
  blobReads: number;
}

function storeServing(served: Served): Store {
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'c'.repeat(64)}`, size: 2 },
      layers: served.layers,
    }),
  );
  const head = {
    digest: `sha256:${createHash('sha256').update(manifest).digest('hex')}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: manifest.length,
  };
  const partial: Partial<Store> = {
    headManifest: (ref) => Promise.resolve(ref.tag === `sha256-${'a'.repeat(64)}.sig` ? head : undefined),
    getManifest: () => Promise.resolve({ ...head, bytes: manifest }),
    getBlob: (_repo, desc) => {
      served.blobReads++;
      const blob = served.blobs.get(desc.digest);
      if (!blob) throw new Error(`no blob ${desc.digest}`);
      return Promise.resolve(blob());
    },
  };
  return partial as Store;
}

function layerOf(payload: Buffer, signature: string, served: Served, declaredSize = payload.length): void {
  const digest = `sha256:${createHash('sha256').update(payload).digest('hex')}`;
  served.layers.push({ mediaType: LAYER, digest, size: declaredSize, annotations: { [ANNOTATION]: signature } });
  served.blobs.set(digest, () => Readable.from([payload]));
}

const fresh = (): Served => ({ layers: [], blobs: new Map(), blobReads: 0 });

describe('verify: cosign .sig signatures', () => {
  it('an Ed25519 key verifies as an ECDSA one does', async () => {
    const { priv, policy } = keyPair('ed25519');
    const served = fresh();
    const payload = payloadFor(IMAGE);
    layerOf(payload, sign(null, payload, priv).toString('base64'), served);
    const v = await verifyCosignSignatures(storeServing(served), REPO, IMAGE, policy);
    assert.deepEqual(v, { ok: true, digest: IMAGE, signature: `sha256-${'a'.repeat(64)}.sig`, signer: 'ed25519.pub' });
  });

  it('one good signature among broken ones admits the image; the broken ones alone give the strongest reason', async () => {
    const { priv, policy } = keyPair('ec');
    const served = fresh();
    const good = payloadFor(IMAGE);
    layerOf(Buffer.from('{"x":1}'), 'not base64!', served);
    layerOf(Buffer.from('{"x":2}'), Buffer.from('not a DER signature').toString('base64'), served);
    const notCosign = Buffer.from('{"critical":{"type":"something else"}}');
    layerOf(notCosign, sign('sha256', notCosign, priv).toString('base64'), served);
    const broken = { ...served, layers: [...served.layers] };
    assert.deepEqual(await verifyCosignSignatures(storeServing(broken), REPO, IMAGE, policy), {
      ok: false,
      digest: IMAGE,
      reason: 'bad-signature',
      message: `no signature in sha256-${'a'.repeat(64)}.sig verifies with a trusted key (ec.pub): signed by another key, or altered`,
    });
    layerOf(good, sign('sha256', good, priv).toString('base64'), served);
    assert.equal((await verifyCosignSignatures(storeServing(served), REPO, IMAGE, policy)).ok, true);
  });

  it('a payload declared over 64 KiB is refused before it is read', async () => {
    const { priv, policy } = keyPair('ec');
    const served = fresh();
    const payload = payloadFor(IMAGE);
    layerOf(payload, sign('sha256', payload, priv).toString('base64'), served, 1024 ** 3);
    const v = await verifyCosignSignatures(storeServing(served), REPO, IMAGE, policy);
    assert.equal(v.ok, false);
    assert.match(v.ok ? '' : v.message, /is 1073741824 bytes, more than the 65536 read/);
    assert.equal(served.blobReads, 0);
  });

  it('a store that streams more than the cap is cut there: time and memory stay small', async () => {
    const { priv, policy } = keyPair('ec');
    const served = fresh();
    const payload = payloadFor(IMAGE);
    layerOf(payload, sign('sha256', payload, priv).toString('base64'), served);
    const digest = served.layers[0]!.digest;
    let produced = 0;
    // An endless stream of 16 KiB chunks: only the cap's worth may be pulled.
    served.blobs.set(digest, () =>
      Readable.from(
        (function* () {
          for (;;) {
            produced += 16384;
            yield Buffer.alloc(16384, 0x20);
          }
        })(),
      ),
    );
    const rssBefore = process.resourceUsage().maxRSS;
    const started = Date.now();
    await assert.rejects(verifyCosignSignatures(storeServing(served), REPO, IMAGE, policy), /payload larger than 65536 bytes/);
    assert.ok(Date.now() - started < 1000);
    assert.ok(produced <= 65536 + 2 * 16384, `${produced} bytes pulled`);
    assert.ok(process.resourceUsage().maxRSS - rssBefore < 32 * 1024, 'peak RSS grew by less than 32 MiB');
  });

  it('more signature layers than read is refused without reading any', async () => {
    const { policy } = keyPair('ec');
    const served = fresh();
    for (let i = 0; i < 65; i++) layerOf(Buffer.from(`{"n":${i}}`), 'AAAA', served);
    const v = await verifyCosignSignatures(storeServing(served), REPO, IMAGE, policy);
    assert.equal(v.ok ? '' : v.reason, 'invalid-signature');
    assert.equal(served.blobReads, 0);
  });
});
