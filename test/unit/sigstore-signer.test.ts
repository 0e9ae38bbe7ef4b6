// The offline sigstore world (test/harness/sigstore-signer.ts) checked with the sigstore project's own verifier: a
// bundle signed in world A verifies with A's trusted root and the signer's identity, and not with another world's
// root or another identity. If this fails, the verify tests that rely on the harness prove nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertBundle, bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier, type VerifierOptions } from '@sigstore/verify';
import {
  BUNDLE_MEDIA_TYPE,
  COSIGN_SIGN_PREDICATE,
  SLSA_PROVENANCE_PREDICATE,
  signKeyless,
  startSigstore,
  type SigstoreWorld,
  type TrustedRootJSON,
} from '../harness/sigstore-signer.js';

const ISSUER = 'https://token.actions.example.test';
const SUBJECT = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] }));
const imageDigest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;

const FULL: VerifierOptions = { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 };

function verify(root: TrustedRootJSON, json: unknown, artifact?: Buffer, identity = { issuer: ISSUER, subject: SUBJECT }, opts = FULL): void {
  const bundle: Bundle = bundleFromJSON(json);
  assertBundle(bundle);
  const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(root)), opts);
  verifier.verify(toSignedEntity(bundle, artifact), { subjectAlternativeName: identity.subject, extensions: { issuer: identity.issuer } });
}

describe('the offline sigstore world', () => {
  let a: SigstoreWorld;
  let b: SigstoreWorld;
  before(async () => {
    [a, b] = await Promise.all([startSigstore(), startSigstore()]);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  test('a message signature over the manifest verifies with its own root and identity only', async () => {
    const json = await signKeyless(a, imageDigest, { issuer: ISSUER, subject: SUBJECT, kind: 'message', artifact: manifest });
    assert.equal(json.mediaType, BUNDLE_MEDIA_TYPE);
    assert.ok(json.verificationMaterial.certificate, 'v0.3 carries the leaf certificate alone');
    assert.equal(json.verificationMaterial.tlogEntries.length, 1);
    assert.equal(json.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length, 1);
    assert.equal(Buffer.from(json.messageSignature!.messageDigest!.digest, 'base64').toString('hex'), imageDigest.slice('sha256:'.length));
    verify(a.trustedRoot, json, manifest);
    assert.throws(() => verify(b.trustedRoot, json, manifest), /certificate|chain|timestamp/i);
    assert.throws(() => verify(a.trustedRoot, json, Buffer.from('other bytes')), /signature|SIGNATURE/i);
    assert.throws(() => verify(a.trustedRoot, json, manifest, { issuer: ISSUER, subject: 'https://github.com/evil/app' }), /identity|SAN|subject/i);
    assert.throws(() => verify(a.trustedRoot, json, manifest, { issuer: 'https://other.issuer.test', subject: SUBJECT }), /issuer|extension/i);
  });

  test('a DSSE statement names the image and verifies with its own root only', async () => {
    const json = await signKeyless(a, imageDigest, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse' });
    assert.equal(json.mediaType, BUNDLE_MEDIA_TYPE);
    const envelope = json.dsseEnvelope!;
    assert.equal(envelope.payloadType, 'application/vnd.in-toto+json');
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as { predicateType: string; subject: { digest: { sha256: string } }[] };
    assert.equal(statement.predicateType, COSIGN_SIGN_PREDICATE);
    assert.equal(statement.subject[0]?.digest.sha256, imageDigest.slice('sha256:'.length));
    verify(a.trustedRoot, json);
    assert.throws(() => verify(b.trustedRoot, json), /certificate|chain|timestamp/i);
  });

  test('the statement can name another digest and another predicate; the evidence can be left out', async () => {
    const other = `sha256:${'ab'.repeat(32)}`;
    const json = await signKeyless(a, imageDigest, {
      issuer: ISSUER,
      subject: SUBJECT,
      kind: 'dsse',
      predicateType: SLSA_PROVENANCE_PREDICATE,
      statementSubjectDigest: other,
      tlog: false,
    });
    const statement = JSON.parse(Buffer.from(json.dsseEnvelope!.payload, 'base64').toString()) as {
      predicateType: string;
      subject: { digest: { sha256: string } }[];
    };
    assert.equal(statement.predicateType, SLSA_PROVENANCE_PREDICATE);
    assert.equal(statement.subject[0]?.digest.sha256, 'ab'.repeat(32));
    assert.equal(json.verificationMaterial.tlogEntries?.length ?? 0, 0);
    // Signed and timestamped, but not logged: the log threshold decides.
    verify(a.trustedRoot, json, undefined, undefined, { tlogThreshold: 0, ctlogThreshold: 1, timestampThreshold: 1 });
    assert.throws(() => verify(a.trustedRoot, json), /tlog|transparency/i);
  });

  test('the trusted root is written as trusted_root.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regkit-sigstore-'));
    try {
      await a.writeTrustedRoot(join(dir, 'trusted_root.json'));
      const root = JSON.parse(await readFile(join(dir, 'trusted_root.json'), 'utf8')) as TrustedRootJSON;
      assert.deepEqual(root, a.trustedRoot);
      const parsed = TrustedRoot.fromJSON(root);
      assert.equal(parsed.certificateAuthorities.length, 1);
      assert.equal(parsed.tlogs.length, 1);
      assert.equal(parsed.ctlogs.length, 1);
      assert.equal(parsed.timestampAuthorities.length, 1);
      assert.equal(parsed.tlogs[0]?.baseUrl, a.rekorURL);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
