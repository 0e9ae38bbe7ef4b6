// What of a multi-platform image a policy's `signed` scope asks to be signed (src/verify/signed.ts), and the verdict
// over it (verifySigned): the children are the ones the copy writes (the copy engine's own platform choice), a
// rejected child is named by platform and digest, and a rejection stops the children not yet started. The store is
// an in-memory stand-in serving cosign `.sig` manifests signed by Node's crypto in the test.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { narrowToPlatforms } from '../../src/copy/platforms.js';
import { UsageError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { parseManifest, type Descriptor, type ParsedManifest } from '../../src/oci/manifest.js';
import type { Reference } from '../../src/oci/reference.js';
import type { FetchedManifest, Store } from '../../src/store/store.js';
import { DEFAULT_THRESHOLDS, parsePublicKey, type SignedScope, type VerifyPolicy } from '../../src/verify/policy.js';
import { manifestsToVerify, type SignedWay } from '../../src/verify/signed.js';
import { verifySigned } from '../../src/verify/verify.js';

const REPO: Reference = { scheme: 'registry', registry: 'example.test', repository: 'app' };
const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const IMAGE_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const sha = (b: Uint8Array | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function imageManifest(seed: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: IMAGE_TYPE,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(`config ${seed}`), size: 2 },
      layers: [],
    }),
  );
}

function child(seed: string, platform?: string): { desc: Descriptor; bytes: Buffer } {
  const bytes = imageManifest(seed);
  const [os, architecture, variant] = (platform ?? '').split('/');
  return {
    bytes,
    desc: {
      mediaType: IMAGE_TYPE,
      digest: sha(bytes),
      size: bytes.length,
      ...(platform ? { platform: { os: os!, architecture: architecture!, ...(variant ? { variant } : {}) } } : {}),
    },
  };
}

function indexOf(children: ReadonlyArray<{ desc: Descriptor }>): { digest: string; bytes: Buffer; parsed: ParsedManifest } {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX_TYPE, manifests: children.map((c) => c.desc) }));
  return { digest: sha(bytes), bytes, parsed: parseManifest(bytes, INDEX_TYPE) };
}

const AMD64 = child('amd64', 'linux/amd64');
const ARM64 = child('arm64', 'linux/arm64/v8');
const ATTESTATION = child('attestation', 'unknown/unknown');
const INDEX = indexOf([AMD64, ARM64, ATTESTATION]);

/** The decision, with a reader that counts how often it is asked. */
async function ways(scope: SignedScope, platforms: string[] = [], top: ParsedManifest = INDEX.parsed): Promise<{ ways: SignedWay[]; reads: number }> {
  let reads = 0;
  const found = await manifestsToVerify(INDEX.digest, scope, platforms, 'example.test/app:v1', () => {
    reads++;
    return Promise.resolve(top);
  });
  return { ways: found, reads };
}

const self = { kind: 'self', digest: INDEX.digest };
const each = (...cs: Array<{ desc: Descriptor; name: string }>) => ({
  kind: 'children',
  children: cs.map((c) => ({ digest: c.desc.digest, platform: c.name })),
});

describe('verify: which manifests a policy asks to be signed', () => {
  it('index (the default): the digest the source names, without reading its manifest, with or without a platform filter', async () => {
    assert.deepEqual(await ways('index'), { ways: [self], reads: 0 });
    assert.deepEqual(await ways('index', ['linux/amd64']), { ways: [self], reads: 0 });
  });

  it('children: every child without a filter, attestation manifests included; index-or-children: the index first', async () => {
    const all = each({ ...AMD64, name: 'linux/amd64' }, { ...ARM64, name: 'linux/arm64/v8' }, { ...ATTESTATION, name: 'unknown/unknown' });
    assert.deepEqual(await ways('children'), { ways: [all], reads: 1 });
    assert.deepEqual(await ways('index-or-children'), { ways: [self, all], reads: 1 });
  });

  it('with a platform filter, the children the copy writes: the one child of a single platform, the matching ones of several', async () => {
    assert.deepEqual((await ways('children', ['linux/amd64'])).ways, [each({ ...AMD64, name: 'linux/amd64' })]);
    // The copy's own choice (containerd's matcher): linux/arm64 picks the arm64/v8 child.
    assert.deepEqual((await ways('index-or-children', ['linux/arm64'])).ways, [self, each({ ...ARM64, name: 'linux/arm64/v8' })]);
    assert.deepEqual((await ways('children', ['linux/arm64', 'linux/amd64'])).ways, [
      each({ ...AMD64, name: 'linux/amd64' }, { ...ARM64, name: 'linux/arm64/v8' }),
    ]);
  });

  it('what is verified is what the copy writes, for each filter', async () => {
    const manifests = new Map([AMD64, ARM64, ATTESTATION].map((c) => [c.desc.digest, c.bytes]));
    const stores = {
      storeFor: () =>
        ({
          getManifest: (ref: Reference): Promise<FetchedManifest> => {
            const bytes = manifests.get(ref.digest!)!;
            return Promise.resolve({ digest: ref.digest!, mediaType: IMAGE_TYPE, size: bytes.length, bytes });
          },
        }) as unknown as Store,
    };
    const ctx = { stores, logger: silentLogger };
    for (const filter of [['linux/amd64'], ['linux/arm64'], ['linux/arm64', 'linux/amd64'], ['linux/arm64', 'windows/amd64']]) {
      for (const sparse of [false, true]) {
        const narrowed = await narrowToPlatforms(ctx, { ...REPO, tag: 'v1' }, INDEX.parsed, filter, sparse);
        const m = narrowed.manifest;
        assert.ok(m.kind === 'image' || m.kind === 'index');
        const written = m.kind === 'image' ? [sha(m.bytes)] : m.index.manifests.map((d) => d.digest).filter((d) => !narrowed.only || narrowed.only.has(d));
        const [way] = (await ways('children', filter)).ways;
        assert.ok(way?.kind === 'children');
        assert.deepEqual(
          way.children.map((c) => c.digest),
          written,
          `${filter.join(',')} sparse=${sparse}`,
        );
      }
    }
  });

  it('a filter that matches no child is the copy’s usage error, never a verification of nothing', async () => {
    await assert.rejects(ways('children', ['linux/s390x']), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /^example\.test\/app:v1 has no manifest for linux\/s390x; it has: linux\/amd64, linux\/arm64\/v8, unknown\/unknown$/);
      return true;
    });
  });

  it('a single image, and an index without children, are their own signed manifest under every scope', async () => {
    const image = parseManifest(AMD64.bytes, IMAGE_TYPE);
    const empty = indexOf([]).parsed;
    for (const scope of ['children', 'index-or-children'] as const) {
      assert.deepEqual((await ways(scope, [], image)).ways, [self]);
      assert.deepEqual((await ways(scope, ['linux/amd64'], image)).ways, [self]);
      assert.deepEqual((await ways(scope, [], empty)).ways, [self]);
    }
  });
});

// ---- the verdict over the decision, against cosign `.sig` signatures ----

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const policyFor = (signed: SignedScope): VerifyPolicy => ({
  keys: [parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'cosign.pub')],
  keyless: [],
  thresholds: DEFAULT_THRESHOLDS,
  signed,
});

/** A registry holding `index` and its children, and a valid `.sig` of each digest in `signed`. */
class Served {
  readonly manifests = new Map<string, Buffer>();
  readonly blobs = new Map<string, Buffer>();
  sigLookups = 0;

  constructor(index: { digest: string; bytes: Buffer }, children: ReadonlyArray<{ desc: Descriptor; bytes: Buffer }>, signed: readonly string[]) {
    this.manifests.set(index.digest, index.bytes);
    for (const c of children) this.manifests.set(c.desc.digest, c.bytes);
    for (const digest of signed) {
      const payload = Buffer.from(
        JSON.stringify({
          critical: {
            identity: { 'docker-reference': 'example.test/app' },
            image: { 'docker-manifest-digest': digest },
            type: 'cosign container image signature',
          },
          optional: null,
        }),
      );
      this.blobs.set(sha(payload), payload);
      const sigManifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: IMAGE_TYPE,
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha('{}'), size: 2 },
          layers: [
            {
              mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
              digest: sha(payload),
              size: payload.length,
              annotations: { 'dev.cosignproject.cosign/signature': sign('sha256', payload, privateKey).toString('base64') },
            },
          ],
        }),
      );
      this.manifests.set(`${digest.replace(':', '-')}.sig`, sigManifest);
    }
  }

  store(): Store {
    const fetched = (key: string): FetchedManifest | undefined => {
      const bytes = this.manifests.get(key);
      if (!bytes) return undefined;
      const mediaType = (JSON.parse(bytes.toString()) as { mediaType: string }).mediaType;
      return { digest: sha(bytes), mediaType, size: bytes.length, bytes };
    };
    const partial: Partial<Store> = {
      headManifest: (ref) => {
        if (ref.tag?.endsWith('.sig')) this.sigLookups++;
        const f = fetched(ref.digest ?? ref.tag!);
        return Promise.resolve(f && { digest: f.digest, mediaType: f.mediaType, size: f.size });
      },
      getManifest: (ref) => {
        const f = fetched(ref.digest ?? ref.tag!);
        return f ? Promise.resolve(f) : Promise.reject(new Error(`no manifest ${ref.digest ?? ref.tag}`));
      },
      getBlob: (_repo, desc) => Promise.resolve(Readable.from([this.blobs.get(desc.digest)!])),
    };
    return partial as Store;
  }
}

const TWO = indexOf([AMD64, ARM64]);
const SIGNED = { index: [TWO.digest], children: [AMD64.desc.digest, ARM64.desc.digest], amd64: [AMD64.desc.digest] } as const;
const hex = (digest: string): string => digest.slice('sha256:'.length);

async function verdict(signed: keyof typeof SIGNED, scope: SignedScope, platforms: string[] = []) {
  return verifySigned(new Served(TWO, [AMD64, ARM64], SIGNED[signed]).store(), REPO, TWO.digest, policyFor(scope), platforms);
}

describe('verify: the verdict over what the policy asks to be signed', () => {
  it('signed at the index only: index and index-or-children admit it, children rejects naming each child', async () => {
    assert.deepEqual(await verdict('index', 'index'), { ok: true, digest: TWO.digest, signature: `sha256-${hex(TWO.digest)}.sig`, signer: 'cosign.pub' });
    assert.equal((await verdict('index', 'index-or-children')).ok, true);
    assert.deepEqual(await verdict('index', 'children'), {
      ok: false,
      digest: TWO.digest,
      reason: 'no-signature',
      message:
        `child linux/amd64 ${AMD64.desc.digest}: no signature: sha256-${hex(AMD64.desc.digest)}.sig does not exist; ` +
        `child linux/arm64/v8 ${ARM64.desc.digest}: no signature: sha256-${hex(ARM64.desc.digest)}.sig does not exist`,
    });
  });

  it('signed per child: children and index-or-children admit it, with each child’s signature; index rejects it', async () => {
    const admitted = {
      ok: true,
      digest: TWO.digest,
      signature: `linux/amd64: sha256-${hex(AMD64.desc.digest)}.sig, linux/arm64/v8: sha256-${hex(ARM64.desc.digest)}.sig`,
      signer: 'cosign.pub',
    };
    assert.deepEqual(await verdict('children', 'children'), admitted);
    assert.deepEqual(await verdict('children', 'index-or-children'), admitted);
    assert.deepEqual(await verdict('children', 'index'), {
      ok: false,
      digest: TWO.digest,
      reason: 'no-signature',
      message: `no signature: sha256-${hex(TWO.digest)}.sig does not exist`,
    });
  });

  it('one child signed: rejected, naming the unsigned child alone, unless the filter copies only the signed one', async () => {
    const one = await verdict('amd64', 'children');
    assert.equal(one.ok, false);
    assert.equal(one.ok ? '' : one.message, `child linux/arm64/v8 ${ARM64.desc.digest}: no signature: sha256-${hex(ARM64.desc.digest)}.sig does not exist`);
    const either = await verdict('amd64', 'index-or-children');
    assert.equal(
      either.ok ? '' : either.message,
      `no signature: sha256-${hex(TWO.digest)}.sig does not exist; nor is each child signed: ` +
        `child linux/arm64/v8 ${ARM64.desc.digest}: no signature: sha256-${hex(ARM64.desc.digest)}.sig does not exist`,
    );
    assert.equal((await verdict('amd64', 'children', ['linux/amd64'])).ok, true);
    assert.equal((await verdict('amd64', 'index-or-children', ['linux/amd64'])).ok, true);
    assert.equal((await verdict('amd64', 'children', ['linux/arm64'])).ok, false);
    assert.equal((await verdict('amd64', 'index', ['linux/amd64'])).ok, false);
  });

  it('a rejected child stops the children not yet started: an index of 5,000 unsigned children costs at most 4 lookups', async (t) => {
    const many = Array.from({ length: 5000 }, (_, i) => child(`c${i}`, `linux/arch${i}`));
    const index = indexOf(many);
    const served = new Served(index, many, []);
    const rssBefore = process.resourceUsage().maxRSS;
    const started = process.hrtime.bigint();
    const v = await verifySigned(served.store(), REPO, index.digest, policyFor('children'));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(v.ok, false);
    assert.ok(served.sigLookups <= 4, `${served.sigLookups} .sig lookups`);
    assert.match(v.ok ? '' : v.message, /^child linux\/arch0 sha256:[0-9a-f]{64}: no signature: /);
    assert.ok((v.ok ? '' : v.message).split('; ').length <= 4);
    t.diagnostic(
      `5,000 unsigned children rejected in ${ms.toFixed(1)} ms, ${served.sigLookups} lookups, peak RSS +${process.resourceUsage().maxRSS - rssBefore} KiB`,
    );
    assert.ok(ms < 1000, `${ms} ms`);
    assert.ok(process.resourceUsage().maxRSS - rssBefore < 32 * 1024, 'peak RSS grew by less than 32 MiB');
  });
});
