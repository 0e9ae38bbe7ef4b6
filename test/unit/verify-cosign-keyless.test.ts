// cosign 2's `.sig` signatures under a trusted root: layers signed with a certificate from a local Fulcio stand-in, or
// with a key, logged in a local Rekor whose signed entry timestamp cosign keeps in the layer's annotations
// (test/harness/sigstore-signer.ts `signKeylessSig` and `signKeyedSig`, which share no code with the verifier), served by an in-memory store as a registry serves the
// `sha256-<hex>.sig` tag. Each rejection is reached by the layer a hostile or mistaken upstream would push.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { Descriptor } from '../../src/oci/manifest.js';
import type { Reference } from '../../src/oci/reference.js';
import type { Store } from '../../src/store/store.js';
import { verifyCosignSignatures } from '../../src/verify/cosign.js';
import { DEFAULT_THRESHOLDS, parsePublicKey, type EvidenceThresholds, type KeylessIdentity, type Verdict, type VerifyPolicy } from '../../src/verify/policy.js';
import { parseTrustedRoot } from '../../src/verify/trusted-root.js';
import { verifyImage } from '../../src/verify/verify.js';
import { cosignKeyPair, simpleSigningPayload, type CosignKeyPair, type SignatureLayer } from '../harness/cosign-signer.js';
import { signKeyedSig, signKeylessSig, startSigstore, type SigstoreWorld } from '../harness/sigstore-signer.js';

const ISSUER = 'https://token.actions.example.test';
const SUBJECT = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const REPO: Reference = { scheme: 'registry', registry: 'example.test', repository: 'app' };
const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const TAG = `sha256-${'a'.repeat(64)}.sig`;
const PAYLOAD = simpleSigningPayload('example.test/app', DIGEST);

/** A registry holding the `.sig` manifest of DIGEST with `layers`, and nothing else (no referrers). */
function storeWith(layers: readonly SignatureLayer[]): Store {
  const blobs = new Map<string, Buffer>();
  const descriptors: Descriptor[] = layers.map((l) => {
    const digest = `sha256:${createHash('sha256').update(l.payload).digest('hex')}`;
    blobs.set(digest, l.payload);
    return {
      mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
      digest,
      size: l.payload.length,
      annotations: { ...l.annotations, 'dev.cosignproject.cosign/signature': l.signature },
    };
  });
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${'c'.repeat(64)}`, size: 2 },
      layers: descriptors,
    }),
  );
  const head = {
    digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: bytes.length,
  };
  const partial: Partial<Store> = {
    headManifest: (ref) => Promise.resolve(ref.tag === TAG ? head : undefined),
    getManifest: () => Promise.resolve({ ...head, bytes }),
    getBlob: (_repo, desc) => Promise.resolve(Readable.from([blobs.get(desc.digest)!])),
    listReferrers: () => Promise.resolve([]),
  };
  return partial as Store;
}

async function rejected(v: Promise<Verdict>, reason: string, message: RegExp): Promise<void> {
  const verdict = await v;
  assert.equal(verdict.ok, false, JSON.stringify(verdict));
  if (verdict.ok) return;
  assert.equal(verdict.reason, reason, verdict.message);
  assert.match(verdict.message, message);
}

describe('verify: cosign 2 keyless .sig signatures', () => {
  let world: SigstoreWorld;
  let stranger: SigstoreWorld;
  let policy: (keyless?: KeylessIdentity[], thresholds?: EvidenceThresholds) => VerifyPolicy;
  let signed: SignatureLayer;
  const identity = { issuer: ISSUER, subject: SUBJECT };
  const judge = (layers: readonly SignatureLayer[], p = policy()): Promise<Verdict> => verifyCosignSignatures(storeWith(layers), REPO, DIGEST, p);

  before(async () => {
    [world, stranger] = await Promise.all([startSigstore(), startSigstore()]);
    const root = parseTrustedRoot(JSON.stringify(world.trustedRoot), 'trusted_root.json');
    policy = (keyless = [{ issuer: { exact: ISSUER }, subject: { exact: SUBJECT } }], thresholds = DEFAULT_THRESHOLDS) => ({
      keys: [],
      keyless,
      trustedRoot: root,
      thresholds,
      signed: 'index',
    });
    signed = await signKeylessSig(world, PAYLOAD, identity);
  });
  after(async () => {
    await Promise.all([world?.close(), stranger?.close()]);
  });

  it('a layer signed by a trusted identity and logged in a trusted Rekor admits the image, by its signed entry timestamp', async () => {
    assert.deepEqual(Object.keys(signed.annotations ?? {}).sort(), [
      'dev.sigstore.cosign/bundle',
      'dev.sigstore.cosign/certificate',
      'dev.sigstore.cosign/chain',
    ]);
    assert.deepEqual(await judge([signed]), { ok: true, digest: DIGEST, signature: TAG, signer: `${SUBJECT} (issuer ${ISSUER})` });
    // With cosign's RFC 3161 timestamp beside the log entry, two verified times.
    const stamped = await signKeylessSig(world, PAYLOAD, { ...identity, tsa: true });
    assert.ok(stamped.annotations?.['dev.sigstore.cosign/rfc3161timestamp']);
    assert.equal((await judge([stamped], policy(undefined, { ...DEFAULT_THRESHOLDS, timestamp: 2 }))).ok, true);
  });

  it('verifyImage reads .sig layers under a keyless-only policy', async () => {
    const v = await verifyImage(storeWith([signed]), REPO, DIGEST, policy());
    assert.equal(v.ok, true, JSON.stringify(v));
  });

  it('another signer is wrong-identity; a policy of keys alone does not read the certificate', async () => {
    const evil = await signKeylessSig(world, PAYLOAD, { issuer: ISSUER, subject: 'https://github.com/evil/app' });
    await rejected(
      judge([evil]),
      'wrong-identity',
      new RegExp(
        `^the keyless signature in ${TAG} is signed by https://github\\.com/evil/app \\(issuer ${ISSUER}\\), which is none of the policy's identities`,
      ),
    );
    const keysOnly: VerifyPolicy = {
      keys: [parsePublicKey(cosignKeyPair().publicPem, 'cosign.pub')],
      keyless: [],
      thresholds: DEFAULT_THRESHOLDS,
      signed: 'index',
    };
    await rejected(judge([signed], keysOnly), 'wrong-identity', /is signed keyless, and the policy trusts only keys/);
  });

  it('a .sig tag padded with 64 fully verifying layers of a wrong identity is rejected within the bound, in bounded memory', async (t) => {
    const evil = await signKeylessSig(world, PAYLOAD, { issuer: ISSUER, subject: 'https://github.com/evil/app' });
    const store = storeWith(Array.from({ length: 64 }, () => evil));
    const rssBefore = process.resourceUsage().maxRSS;
    const started = performance.now();
    await rejected(verifyCosignSignatures(store, REPO, DIGEST, policy()), 'wrong-identity', /none of the policy's identities/);
    const ms = performance.now() - started;
    const grewMiB = (process.resourceUsage().maxRSS - rssBefore) / 1024;
    // Each layer costs one sigstore verification (a few ms); 64 is the cap on layers read.
    assert.ok(ms < 10_000, `${ms} ms`);
    assert.ok(grewMiB < 64, `peak RSS grew ${grewMiB} MiB`);
    t.diagnostic(`64 wrong-identity keyless layers: ${ms.toFixed(0)} ms, peak RSS +${grewMiB.toFixed(1)} MiB`);
  });

  it("another world's Fulcio and Rekor are untrusted-root", async () => {
    const foreign = await signKeylessSig(stranger, PAYLOAD, identity);
    await rejected(judge([foreign]), 'untrusted-root', new RegExp(`^the keyless signature in ${TAG} is not backed by the trusted root`));
    // The foreign certificate with the trusted world's log entry: the chain is checked, not only the log.
    const mixed = await signKeylessSig(world, PAYLOAD, identity);
    const grafted = {
      ...mixed,
      annotations: { ...mixed.annotations, 'dev.sigstore.cosign/certificate': foreign.annotations!['dev.sigstore.cosign/certificate']! },
    };
    await rejected(judge([grafted]), 'untrusted-root', /CERTIFICATE_ERROR|is not backed by the trusted root/);
  });

  it('a payload altered after signing is bad-signature', async () => {
    const altered = { ...signed, payload: simpleSigningPayload('example.test/evil', DIGEST) };
    await rejected(judge([altered]), 'bad-signature', new RegExp(`^the keyless signature in ${TAG} does not verify .*signed by another key, or altered$`));
  });

  it('a valid signature of another digest is digest-mismatch, after the signature verifies', async () => {
    const other = await signKeylessSig(world, simpleSigningPayload('example.test/app', OTHER), identity);
    await rejected(
      judge([other]),
      'digest-mismatch',
      new RegExp(`^the payload signed by ${SUBJECT} \\(issuer ${ISSUER}\\) names ${OTHER}, not this image's ${DIGEST}$`),
    );
  });

  it('no Rekor bundle: rejected under tlogThreshold 1, admitted at 0 with a TSA timestamp', async () => {
    const unlogged = await signKeylessSig(world, PAYLOAD, { ...identity, tlog: false, tsa: true });
    assert.equal(unlogged.annotations?.['dev.sigstore.cosign/bundle'], undefined);
    await rejected(judge([unlogged]), 'untrusted-root', /TLOG_ERROR: expected 1 tlog entries, got 0/);
    assert.equal((await judge([unlogged], policy(undefined, { ...DEFAULT_THRESHOLDS, tlog: 0 }))).ok, true);
  });

  it('a Rekor bundle whose signed entry timestamp does not cover its fields is untrusted-root', async () => {
    const bundle = JSON.parse(signed.annotations!['dev.sigstore.cosign/bundle']!) as { Payload: { logIndex: number } };
    bundle.Payload.logIndex += 1;
    const moved = { ...signed, annotations: { ...signed.annotations, 'dev.sigstore.cosign/bundle': JSON.stringify(bundle) } };
    await rejected(judge([moved]), 'untrusted-root', /TLOG_INCLUSION_PROMISE_ERROR/);
  });

  it('annotations that are not what cosign writes are invalid-signature, named', async () => {
    const withAnnotation = (name: string, value: string): SignatureLayer => ({ ...signed, annotations: { ...signed.annotations, [name]: value } });
    await rejected(
      judge([withAnnotation('dev.sigstore.cosign/certificate', 'not a certificate')]),
      'invalid-signature',
      /certificate annotation that is not one PEM certificate/,
    );
    await rejected(
      judge([withAnnotation('dev.sigstore.cosign/bundle', '{')]),
      'invalid-signature',
      /bundle annotation that is not cosign's Rekor bundle: not JSON/,
    );
    await rejected(
      judge([
        withAnnotation(
          'dev.sigstore.cosign/bundle',
          JSON.stringify({ SignedEntryTimestamp: 'AA==', Payload: { body: 'e30=', integratedTime: 1, logIndex: 1, logID: 'ab' } }),
        ),
      ]),
      'invalid-signature',
      /no hex sha256 Payload\.logID/,
    );
    await rejected(
      judge([withAnnotation('dev.sigstore.cosign/rfc3161timestamp', '{}')]),
      'invalid-signature',
      /rfc3161timestamp annotation that is not cosign's/,
    );
  });

  it('a keyed layer beside a keyless one: the keyless one admits; a keyed one alone under a keyless policy is refused, named', async () => {
    const keyed = { payload: PAYLOAD, signature: Buffer.from('not a signature').toString('base64') };
    assert.equal((await judge([keyed, signed])).ok, true);
    await rejected(judge([keyed]), 'bad-signature', new RegExp(`^a signature in ${TAG} is signed with a key, and the policy trusts no key`));
  });
});

// `cosign sign --key` (cosign 2) logs the key's signature in Rekor too, and `cosign verify --key` checks that entry by
// default. With a trusted root, so does regkit; with keys alone it checks the key's signature only.
describe('verify: cosign 2 key-signed .sig signatures and their Rekor bundle', () => {
  let world: SigstoreWorld;
  let stranger: SigstoreWorld;
  let policy: (thresholds?: EvidenceThresholds) => VerifyPolicy;
  let keysOnly: VerifyPolicy;
  let signer: CosignKeyPair;
  let logged: SignatureLayer;
  const judge = (layers: readonly SignatureLayer[], p = policy()): Promise<Verdict> => verifyCosignSignatures(storeWith(layers), REPO, DIGEST, p);

  before(async () => {
    [world, stranger] = await Promise.all([startSigstore(), startSigstore()]);
    signer = cosignKeyPair();
    const root = parseTrustedRoot(JSON.stringify(world.trustedRoot), 'trusted_root.json');
    const keys = [parsePublicKey(signer.publicPem, 'cosign.pub')];
    policy = (thresholds = DEFAULT_THRESHOLDS) => ({ keys, keyless: [], trustedRoot: root, thresholds, signed: 'index' });
    keysOnly = { keys, keyless: [], thresholds: DEFAULT_THRESHOLDS, signed: 'index' };
    logged = await signKeyedSig(world, PAYLOAD, signer.privateKey);
  });
  after(async () => {
    await Promise.all([world?.close(), stranger?.close()]);
  });

  it('a layer signed by a trusted key and logged in a trusted Rekor admits the image, through the sigstore verifier', async () => {
    assert.deepEqual(Object.keys(logged.annotations ?? {}), ['dev.sigstore.cosign/bundle']);
    const body = JSON.parse(Buffer.from(JSON.parse(logged.annotations!['dev.sigstore.cosign/bundle']!).Payload.body, 'base64').toString()) as {
      kind: string;
      spec: { signature: { publicKey: { content: string } } };
    };
    // The entry cosign logs for a key: a hashedrekord naming the public key, as PEM.
    assert.equal(body.kind, 'hashedrekord');
    assert.equal(Buffer.from(body.spec.signature.publicKey.content, 'base64').toString(), signer.publicPem);
    assert.deepEqual(await judge([logged]), { ok: true, digest: DIGEST, signature: TAG, signer: 'cosign.pub' });
    const v = await verifyImage(storeWith([logged]), REPO, DIGEST, policy());
    assert.equal(v.ok, true, JSON.stringify(v));
  });

  it('no Rekor bundle: rejected under tlogThreshold 1, admitted with the key alone at 0 (no time of signing asked of a key)', async () => {
    const unlogged = await signKeyedSig(world, PAYLOAD, signer.privateKey, { tlog: false });
    assert.deepEqual(unlogged.annotations, {});
    await rejected(
      judge([unlogged]),
      'untrusted-root',
      new RegExp(`^the signature in ${TAG} is not backed by the trusted root \\(TLOG_ERROR: expected 1 tlog entries, got 0\\)`),
    );
    assert.deepEqual(await judge([unlogged], policy({ ...DEFAULT_THRESHOLDS, tlog: 0 })), {
      ok: true,
      digest: DIGEST,
      signature: TAG,
      signer: 'cosign.pub',
    });
  });

  it("a Rekor bundle from another world's log is untrusted-root; under keys alone it is not read", async () => {
    const foreign = await signKeyedSig(stranger, PAYLOAD, signer.privateKey);
    await rejected(judge([foreign]), 'untrusted-root', new RegExp(`^the signature in ${TAG} is not backed by the trusted root \\(TLOG`));
    assert.deepEqual(await judge([foreign], keysOnly), { ok: true, digest: DIGEST, signature: TAG, signer: 'cosign.pub' });
  });

  it('a Rekor bundle of another signature is bad-signature, named by the log entry', async () => {
    // ECDSA signatures are randomized: a second signing of the same payload is another signature, logged apart.
    const other = await signKeyedSig(world, PAYLOAD, signer.privateKey);
    assert.notEqual(other.signature, logged.signature);
    const swapped = { ...logged, annotations: other.annotations! };
    await rejected(judge([swapped]), 'bad-signature', new RegExp(`^the signature in ${TAG} does not verify \\(.*\\): signed by another key, or altered$`));
  });

  it('a signature by the trusted key logged under another key is refused: the log entry is not evidence of this signer', async () => {
    const elsewhere = await signKeyedSig(world, PAYLOAD, signer.privateKey, { loggedKey: cosignKeyPair().privateKey });
    await rejected(
      judge([elsewhere]),
      'untrusted-root',
      new RegExp(`^the signature in ${TAG} is logged under another public key than the one it verifies with: the log entry is not evidence of this signer$`),
    );
    // The same layer passes a policy of keys alone, which reads no log.
    assert.equal((await judge([elsewhere], keysOnly)).ok, true);
  });

  it('a logged signature by another key is bad-signature; an altered payload too; another digest is digest-mismatch', async () => {
    const stranger = await signKeyedSig(world, PAYLOAD, cosignKeyPair().privateKey);
    await rejected(judge([stranger]), 'bad-signature', new RegExp(`^the signature in ${TAG} verifies with no trusted key \\(cosign\\.pub\\)`));
    const altered = { ...logged, payload: simpleSigningPayload('example.test/evil', DIGEST) };
    await rejected(judge([altered]), 'bad-signature', new RegExp(`^the signature in ${TAG} `));
    const other = await signKeyedSig(world, simpleSigningPayload('example.test/app', OTHER), signer.privateKey);
    await rejected(judge([other]), 'digest-mismatch', new RegExp(`^the payload signed by cosign\\.pub names ${OTHER}, not this image's ${DIGEST}$`));
  });

  it('the Rekor bundle costs the sigstore checks over the key signature alone, measured', async (t) => {
    const median = async (p: VerifyPolicy): Promise<number> => {
      const store = storeWith([logged]);
      const ms: number[] = [];
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        assert.equal((await verifyCosignSignatures(store, REPO, DIGEST, p)).ok, true);
        ms.push(performance.now() - started);
      }
      return ms.sort((a, b) => a - b)[15]!;
    };
    const [alone, withLog] = [await median(keysOnly), await median(policy())];
    assert.ok(withLog < 50, `${withLog} ms`);
    t.diagnostic(`keyed .sig layer, in process: key signature alone ${alone.toFixed(2)} ms, with its Rekor bundle ${withLog.toFixed(2)} ms (median of 30)`);
  });

  it('a malformed Rekor bundle beside a key signature is invalid-signature under a trusted root', async () => {
    const broken = { ...logged, annotations: { 'dev.sigstore.cosign/bundle': '{' } };
    await rejected(judge([broken]), 'invalid-signature', /bundle annotation that is not cosign's Rekor bundle: not JSON/);
  });
});
