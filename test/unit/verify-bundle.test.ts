// The sigstore bundle verdicts: bundles made by the sigstore project's own signer against local Fulcio/Rekor/TSA
// stand-ins (test/harness/sigstore-signer.ts), served to the verifier by an in-memory store as a registry serves
// referrers. Each rejection reason is reached by the bundle a hostile or mistaken upstream would push.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { DSSEBundleBuilder, RekorWitness, TSAWitness } from '@sigstore/sign';
import type { Descriptor } from '../../src/oci/manifest.js';
import type { Reference } from '../../src/oci/reference.js';
import type { Store } from '../../src/store/store.js';
import { MAX_BUNDLE_BYTES, MAX_BUNDLES, MAX_EVIDENCE, verifyBundle } from '../../src/verify/bundle.js';
import { compileAnchoredRegex } from '../../src/config/regex.js';
import { DEFAULT_THRESHOLDS, parsePublicKey, type KeylessIdentity, type TrustedRoot, type Verdict, type VerifyPolicy } from '../../src/verify/policy.js';
import { parseTrustedRoot } from '../../src/verify/trusted-root.js';
import { verifyImage } from '../../src/verify/verify.js';
import { BUNDLE_MEDIA_TYPE, inTotoStatement, signKeyless, startSigstore, type SigstoreWorld } from '../harness/sigstore-signer.js';

const ISSUER = 'https://token.actions.example.test';
const SUBJECT = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const REPO: Reference = { scheme: 'registry', registry: 'example.test', repository: 'app' };
const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const manifestOf = (seed: string): Buffer =>
  Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [], annotations: { seed } }));
const IMAGE = manifestOf('image');
const OTHER = manifestOf('other');
const DIGEST = sha256(IMAGE);

const exact = (issuer: string, subject: string): KeylessIdentity => ({ issuer: { exact: issuer }, subject: { exact: subject } });
const regex = (issuer: string, subject: string): KeylessIdentity => ({
  issuer: { regExp: compileAnchoredRegex(issuer), pattern: issuer },
  subject: { regExp: compileAnchoredRegex(subject), pattern: subject },
});

/** The manifests and blobs of one repository, and the referrers of DIGEST, as the verifier's store calls see them. */
class Served {
  readonly manifests = new Map<string, Buffer>([[DIGEST, IMAGE]]);
  readonly blobs = new Map<string, Buffer>();
  readonly referrers: Descriptor[] = [];
  blobReads = 0;

  addBundle(json: unknown, opts: { declaredSize?: number; raw?: Buffer } = {}): string {
    const layer = opts.raw ?? Buffer.from(JSON.stringify(json));
    const layerDigest = sha256(layer);
    this.blobs.set(layerDigest, layer);
    const m = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: BUNDLE_MEDIA_TYPE,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(Buffer.from('{}')), size: 2 },
        layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: layerDigest, size: opts.declaredSize ?? layer.length }],
        subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: DIGEST, size: IMAGE.length },
      }),
    );
    const digest = sha256(m);
    this.manifests.set(digest, m);
    this.referrers.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: m.length, artifactType: BUNDLE_MEDIA_TYPE });
    return digest;
  }

  store(): Store {
    const partial: Partial<Store> = {
      headManifest: () => Promise.resolve(undefined),
      listReferrers: () => Promise.resolve([...this.referrers]),
      getManifest: (ref) => {
        const bytes = this.manifests.get(ref.digest ?? '');
        if (!bytes) return Promise.reject(new Error(`no manifest ${ref.digest}`));
        return Promise.resolve({ digest: ref.digest!, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: bytes.length, bytes });
      },
      getBlob: (_repo, desc) => {
        this.blobReads++;
        const blob = this.blobs.get(desc.digest);
        if (!blob) return Promise.reject(new Error(`no blob ${desc.digest}`));
        return Promise.resolve(Readable.from([blob]));
      },
    };
    return partial as Store;
  }
}

describe('verify: sigstore bundles', () => {
  let world: SigstoreWorld;
  let stranger: SigstoreWorld;
  let root: TrustedRoot;
  let message: SerializedBundle;
  let dsse: SerializedBundle;
  const policy = (keyless: KeylessIdentity[] = [exact(ISSUER, SUBJECT)], thresholds = DEFAULT_THRESHOLDS): VerifyPolicy & { trustedRoot: TrustedRoot } => ({
    keys: [],
    keyless,
    trustedRoot: root,
    thresholds,
    signed: 'index',
  });
  const judge = (json: unknown, p = policy()): Promise<Verdict> =>
    verifyBundle(json, { digest: DIGEST, manifest: () => Promise.resolve(IMAGE) }, p, { digest: `sha256:${'b'.repeat(64)}` });
  const rejected = async (v: Promise<Verdict>, reason: string, message: RegExp): Promise<void> => {
    const got = await v;
    assert.equal(got.ok, false, JSON.stringify(got));
    if (got.ok) return;
    assert.equal(got.reason, reason, got.message);
    assert.match(got.message, message);
  };

  before(async () => {
    [world, stranger] = await Promise.all([startSigstore(), startSigstore()]);
    root = parseTrustedRoot(JSON.stringify(world.trustedRoot), 'trusted_root.json');
    [message, dsse] = await Promise.all([
      signKeyless(world, DIGEST, { issuer: ISSUER, subject: SUBJECT, kind: 'message', artifact: IMAGE }),
      signKeyless(world, DIGEST, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse' }),
    ]);
  });
  after(async () => {
    await Promise.all([world?.close(), stranger?.close()]);
  });

  it('a message signature over the manifest and a DSSE statement about the image both admit it, naming the signer', async () => {
    for (const json of [message, dsse]) {
      const v = await judge(json);
      assert.deepEqual(v, { ok: true, digest: DIGEST, signature: `sigstore bundle sha256:${'b'.repeat(64)}`, signer: `${SUBJECT} (issuer ${ISSUER})` });
    }
  });

  it('identities match exactly or by a regex over the whole value', async () => {
    assert.equal((await judge(dsse, policy([regex('https://token\\.actions\\..*', 'https://github\\.com/acme/.*@refs/heads/main')]))).ok, true);
    // A regex that matches only a part does not admit: `acme` alone is not the subject.
    await rejected(
      judge(dsse, policy([regex(ISSUER.replace(/\./g, '\\.'), 'https://github\\.com/acme')])),
      'wrong-identity',
      /is signed by https:\/\/github\.com\/acme/,
    );
    // Any one of several identities admits.
    assert.equal((await judge(message, policy([exact(ISSUER, 'someone-else'), exact(ISSUER, SUBJECT)]))).ok, true);
  });

  it('a signer the policy does not name is wrong-identity: another subject, another issuer', async () => {
    await rejected(
      judge(message, policy([exact(ISSUER, 'https://github.com/evil/app')])),
      'wrong-identity',
      /none of the policy's identities \("https:\/\/github\.com\/evil\/app" from/,
    );
    await rejected(judge(dsse, policy([exact('https://other.issuer.test', SUBJECT)])), 'wrong-identity', /issuer https:\/\/token\.actions\.example\.test/);
    await rejected(judge(dsse, { ...policy([]), keys: [] }), 'wrong-identity', /the policy trusts only keys/);
  });

  it('a bundle naming another image is digest-mismatch: the message digest, the statement subject', async () => {
    const otherMessage = await signKeyless(world, sha256(OTHER), { issuer: ISSUER, subject: SUBJECT, kind: 'message', artifact: OTHER });
    await rejected(judge(otherMessage), 'digest-mismatch', new RegExp(`signs ${sha256(OTHER)}, not this image's ${DIGEST}`));
    const otherStatement = await signKeyless(world, DIGEST, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse', statementSubjectDigest: sha256(OTHER) });
    await rejected(judge(otherStatement), 'digest-mismatch', new RegExp(`in-toto statement about ${sha256(OTHER)}, not this image's`));
  });

  it('an altered bundle is bad-signature: a changed statement, a changed signature', async () => {
    const statement = JSON.parse(Buffer.from(dsse.dsseEnvelope!.payload, 'base64').toString()) as { predicate: unknown };
    statement.predicate = { note: 'added after signing' };
    const alteredPayload = { ...dsse, dsseEnvelope: { ...dsse.dsseEnvelope!, payload: Buffer.from(JSON.stringify(statement)).toString('base64') } };
    await rejected(judge(alteredPayload), 'bad-signature', /does not verify/);
    const sig = Buffer.from(message.messageSignature!.signature, 'base64');
    sig[sig.length - 1]! ^= 1;
    const alteredSig = { ...message, messageSignature: { ...message.messageSignature!, signature: sig.toString('base64') } };
    await rejected(judge(alteredSig), 'bad-signature', /does not verify/);
  });

  it('a bundle from a CA, log and TSA the trusted root does not hold is untrusted-root', async () => {
    const foreign = await signKeyless(stranger, DIGEST, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse' });
    await rejected(judge(foreign), 'untrusted-root', /is not backed by the trusted root \((TIMESTAMP|CERTIFICATE|TLOG)/);
  });

  it('evidence below the thresholds is untrusted-root; a lower threshold admits it', async () => {
    const unlogged = await signKeyless(world, DIGEST, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse', tlog: false });
    await rejected(judge(unlogged), 'untrusted-root', /TLOG_ERROR: expected 1 tlog entries, got 0/);
    assert.equal((await judge(unlogged, policy(undefined, { ...DEFAULT_THRESHOLDS, tlog: 0 }))).ok, true);
    const untimed = await signKeyless(world, DIGEST, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse', tlog: false, tsa: false });
    await rejected(judge(untimed, policy(undefined, { ...DEFAULT_THRESHOLDS, tlog: 0 })), 'untrusted-root', /TIMESTAMP_ERROR/);
  });

  it('what is not a bundle, or signs no in-toto statement, is invalid-signature', async () => {
    await rejected(judge({ mediaType: BUNDLE_MEDIA_TYPE }), 'invalid-signature', /is not a sigstore bundle/);
    await rejected(judge([1, 2]), 'invalid-signature', /is not a sigstore bundle/);
    const otherType = { ...dsse, dsseEnvelope: { ...dsse.dsseEnvelope!, payloadType: 'text/plain' } };
    await rejected(judge(otherType), 'invalid-signature', /signs a "text\/plain" payload, not an in-toto statement/);
  });

  it('verifyImage reads the referrers: the good bundle among bad ones admits, the most telling rejection is kept', async () => {
    const served = new Served();
    served.addBundle({ not: 'a bundle' });
    served.addBundle(await signKeyless(world, DIGEST, { issuer: ISSUER, subject: 'https://github.com/evil/app', kind: 'dsse' }));
    assert.equal((await verifyImage(served.store(), REPO, DIGEST, policy())).ok ? 'admitted' : 'rejected', 'rejected');
    await rejected(
      verifyImage(served.store(), REPO, DIGEST, policy()),
      'wrong-identity',
      /^the sigstore bundle sha256:[0-9a-f]{64} is signed by https:\/\/github\.com\/evil\/app/,
    );
    const good = served.addBundle(message);
    const v = await verifyImage(served.store(), REPO, DIGEST, policy());
    assert.deepEqual(v.ok ? v.signature : v, `sigstore bundle ${good}`);
  });

  it('no referrer and no .sig tag is no-signature, naming the places the policy looked', async () => {
    await rejected(
      verifyImage(new Served().store(), REPO, DIGEST, policy()),
      'no-signature',
      // A keyless policy reads cosign 2's keyless `.sig` layers too.
      new RegExp(`^no signature: sha256-[0-9a-f]{64}\\.sig does not exist, and no sigstore bundle refers to ${DIGEST}$`),
    );
    const key = parsePublicKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'cosign.pub');
    const both: VerifyPolicy = { ...policy(), keys: [key] };
    await rejected(
      verifyImage(new Served().store(), REPO, DIGEST, both),
      'no-signature',
      new RegExp(`^no signature: sha256-[0-9a-f]{64}\\.sig does not exist, and no sigstore bundle refers to ${DIGEST}$`),
    );
    // Keys and no trusted root: the `.sig` tag alone, as before bundles were read.
    const { trustedRoot: _root, ...keysOnly } = both;
    await rejected(
      verifyImage(new Served().store(), REPO, DIGEST, { ...keysOnly, keyless: [] }),
      'no-signature',
      /^no signature: sha256-[0-9a-f]{64}\.sig does not exist$/,
    );
  });

  it('bounds: more than 64 bundles are refused unread; a bundle layer over 1 MiB is refused before a byte is read', async () => {
    const many = new Served();
    for (let i = 0; i <= MAX_BUNDLES; i++)
      many.referrers.push({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: `sha256:${i.toString(16).padStart(64, '0')}`,
        size: 10,
        artifactType: BUNDLE_MEDIA_TYPE,
      });
    await rejected(verifyImage(many.store(), REPO, DIGEST, policy()), 'invalid-signature', /65 sigstore bundles refer to .*, more than the 64 read/);
    assert.equal(many.blobReads, 0);
    const big = new Served();
    big.addBundle(undefined, { raw: Buffer.from('{}'), declaredSize: 1024 ** 3 });
    await rejected(
      verifyImage(big.store(), REPO, DIGEST, policy()),
      'invalid-signature',
      new RegExp(`holds a bundle of ${1024 ** 3} bytes, more than the ${MAX_BUNDLE_BYTES} read`),
    );
    assert.equal(big.blobReads, 0);
  });

  it('a bundle padded with evidence is refused before the verifier spends time on it', async (t) => {
    const entry = message.verificationMaterial.tlogEntries[0]!;
    const padded = {
      ...message,
      verificationMaterial: {
        ...message.verificationMaterial,
        tlogEntries: Array.from({ length: 200 }, (_, i) => ({ ...entry, integratedTime: String(Number(entry.integratedTime) + i) })),
      },
    };
    const started = process.hrtime.bigint();
    await rejected(judge(padded), 'invalid-signature', new RegExp(`carries 200 transparency log entries, more than the ${MAX_EVIDENCE} read`));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    t.diagnostic(`bundle with 200 log entries (${JSON.stringify(padded).length} bytes): refused in ${ms.toFixed(1)} ms`);
    assert.ok(ms < 1000, `${ms} ms`);
    const one = { ...message, verificationMaterial: { ...message.verificationMaterial, tlogEntries: [entry, entry] } };
    // Within the bound the verifier judges it: the same entry twice is no second piece of evidence.
    await rejected(judge(one), 'untrusted-root', /duplicate timestamp/);
  });

  it('a store that streams more than the layer declares is cut at the cap', async (t) => {
    const lying = new Served();
    // An endless body: the read must stop at the cap, not when the stream ends.
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += chunk.length;
        this.push(chunk);
      },
    });
    lying.addBundle(undefined, { raw: Buffer.from('{}'), declaredSize: 100 });
    const partial: Partial<Store> = { ...lying.store(), getBlob: () => Promise.resolve(endless) };
    const started = process.hrtime.bigint();
    await assert.rejects(verifyImage(partial as Store, REPO, DIGEST, policy()), /the bundle sha256:[0-9a-f]{64} larger than 1048576 bytes/);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    t.diagnostic(
      `endless bundle layer: refused after ${sent} bytes in ${ms.toFixed(1)} ms, process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
    assert.ok(sent <= MAX_BUNDLE_BYTES + 2 * chunk.length, `${sent} bytes read`);
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it('a bundle signed with a key (cosign sign --key, new format) verifies with the policy’s keys, logged in the trusted root’s Rekor', async () => {
    const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ours = pair();
    const pem = (k: typeof ours) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const signer = {
      sign: (data: Buffer) =>
        Promise.resolve({
          signature: cryptoSign('sha256', data, ours.privateKey),
          key: { $case: 'publicKey' as const, publicKey: pem(ours), hint: 'any hint' },
        }),
    };
    const witnesses = [
      new RekorWitness({ rekorBaseURL: world.rekorURL, entryType: 'dsse', retry: false }),
      new TSAWitness({ tsaBaseURL: world.tsaURL, retry: false }),
    ];
    const keyed = bundleToJSON(
      await new DSSEBundleBuilder({ signer, witnesses }).create({ data: inTotoStatement(DIGEST), type: 'application/vnd.in-toto+json' }),
    );
    assert.ok(keyed.verificationMaterial.publicKey, 'a key-based bundle');
    const keys = (k: typeof ours, name: string) => [parsePublicKey(pem(k), name)];
    const withKeys = (k: typeof ours, name: string): VerifyPolicy & { trustedRoot: TrustedRoot } => ({ ...policy([]), keys: keys(k, name) });
    const v = await judge(keyed, { ...withKeys(ours, 'cosign.pub'), keys: [...keys(pair(), 'rotated.pub'), ...keys(ours, 'cosign.pub')] });
    assert.equal(v.ok ? v.signer : v.message, 'cosign.pub');
    await rejected(
      judge(keyed, withKeys(pair(), 'other.pub')),
      'bad-signature',
      /verifies with no trusted key \(other\.pub\): signed by another key, or altered/,
    );
    await rejected(judge(keyed, policy()), 'bad-signature', /is signed with a key, and the policy trusts no key/);
    // Unlogged and untimed (--tlog-upload=false): the log entry is asked for, a time of signing is not (a key has no
    // validity window), so tlogThreshold 0 admits it with the key alone.
    const unlogged = bundleToJSON(
      await new DSSEBundleBuilder({ signer, witnesses: [] }).create({ data: inTotoStatement(DIGEST), type: 'application/vnd.in-toto+json' }),
    );
    await rejected(judge(unlogged, withKeys(ours, 'cosign.pub')), 'untrusted-root', /\(TLOG_ERROR: expected 1 tlog entries, got 0\)/);
    const untimed = await judge(unlogged, { ...withKeys(ours, 'cosign.pub'), thresholds: { ...DEFAULT_THRESHOLDS, tlog: 0 } });
    assert.equal(untimed.ok ? untimed.signer : untimed.message, 'cosign.pub');
  });
});
