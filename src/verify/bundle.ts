// sigstore bundles (cosign 3's default signature format): OCI 1.1 referrers of the image whose single layer is the
// bundle JSON. The sigstore libraries check the cryptography and the evidence against the trusted root; regkit checks
// what they leave to the caller: that the bundle names this very image (a message signature's digest, an in-toto
// statement's subject) and that its signer is one the policy trusts.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import { toSignedEntity, Verifier, VerificationError, type Signer, type SignedEntity, type TrustMaterial } from '@sigstore/verify';
import { verifyBytes } from '../oci/digest.js';
import { parseManifest, type Descriptor } from '../oci/manifest.js';
import { withDigest, type Reference } from '../oci/reference.js';
import type { Store } from '../store/store.js';
import { readCapped } from './capped.js';
import { describeMatch, mostTelling, textMatches, type Rejection, type TrustedRoot, type Verdict, type VerifyPolicy } from './policy.js';

/** The artifact types cosign gives a bundle referrer (and, the same, the bundle layer's media type). */
export const BUNDLE_ARTIFACT_TYPES: readonly string[] = [
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
];
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** A bundle is a few KiB (a certificate, a log entry, a signature): 1 MiB is far past any honest one. */
export const MAX_BUNDLE_BYTES = 1024 * 1024;
/** Bundles read per image: one per signer or attestation; past this many the image is refused, not half-read. */
export const MAX_BUNDLES = 64;
/** Log entries, timestamps and signatures read per bundle. */
export const MAX_EVIDENCE = 8;

export type BundlePolicy = VerifyPolicy & { trustedRoot: TrustedRoot };

/** The image under verification: its digest, and its manifest bytes (a message signature is over them). */
export interface ImageUnderVerification {
  digest: string;
  manifest(): Promise<Uint8Array>;
}

/**
 * Verifies the image `digest` of `repo` against the sigstore bundles that refer to it; undefined when none does.
 * Registry errors are thrown (the caller reports them as failures, not as a verdict).
 */
export async function verifyBundles(store: Store, repo: Reference, digest: string, policy: BundlePolicy): Promise<Verdict | undefined> {
  const listed = await store.listReferrers(withDigest(repo, digest));
  const found = listed.filter((d) => d.artifactType !== undefined && BUNDLE_ARTIFACT_TYPES.includes(d.artifactType));
  if (found.length === 0) return undefined;
  if (found.length > MAX_BUNDLES) {
    return {
      ok: false,
      digest,
      reason: 'invalid-signature',
      message: `${found.length} sigstore bundles refer to ${digest}, more than the ${MAX_BUNDLES} read`,
    };
  }
  let manifest: Promise<Uint8Array> | undefined;
  const image: ImageUnderVerification = {
    digest,
    manifest: () =>
      (manifest ??= store.getManifest(withDigest(repo, digest)).then((m) => {
        verifyBytes(m.bytes, digest, `the manifest of ${digest}`);
        return m.bytes;
      })),
  };
  const rejections: Rejection[] = [];
  // One at a time, stopping at the first that admits: memory holds one bundle, and a lone signature costs two reads.
  for (const desc of found) {
    const json = await readBundle(store, repo, desc);
    const v = 'problem' in json ? reject(digest, desc, 'invalid-signature', json.problem) : await verifyBundle(json.bundle, image, policy, desc);
    if (v.ok) return v;
    rejections.push(v);
  }
  return mostTelling(rejections);
}

/** The bundle JSON a referrer manifest carries in its layer, or why it carries none. */
async function readBundle(store: Store, repo: Reference, desc: Descriptor): Promise<{ bundle: unknown } | { problem: string }> {
  const parsed = parseManifest((await store.getManifest(withDigest(repo, desc.digest))).bytes);
  if (parsed.kind !== 'image') return { problem: 'is not an image manifest, as cosign writes a bundle referrer' };
  const layers = parsed.manifest.layers;
  const layer = layers.length === 1 ? layers[0]! : layers.find((l) => BUNDLE_ARTIFACT_TYPES.includes(l.mediaType));
  if (!layer) return { problem: `has ${layers.length} layers and none of a sigstore bundle's media type` };
  if (layer.size > MAX_BUNDLE_BYTES) return { problem: `holds a bundle of ${layer.size} bytes, more than the ${MAX_BUNDLE_BYTES} read` };
  const bytes = await readCapped(await store.getBlob(repo, layer), MAX_BUNDLE_BYTES, `the bundle ${desc.digest}`);
  verifyBytes(bytes, layer.digest, `the bundle layer of ${desc.digest}`);
  try {
    return { bundle: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { problem: 'holds a bundle that is not JSON' };
  }
}

function reject(digest: string, desc: Pick<Descriptor, 'digest'>, reason: Rejection['reason'], problem: string): Rejection {
  return { ok: false, digest, reason, message: `the sigstore bundle ${desc.digest} ${problem}` };
}

/**
 * One bundle's verdict on the image: its form, its content's binding to the image, its evidence and signature (the
 * sigstore verifier, against the trusted root and thresholds), then its signer against the policy.
 */
export async function verifyBundle(json: unknown, image: ImageUnderVerification, policy: BundlePolicy, desc: Pick<Descriptor, 'digest'>): Promise<Verdict> {
  const no = (reason: Rejection['reason'], problem: string) => reject(image.digest, desc, reason, problem);
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (err) {
    return no('invalid-signature', `is not a sigstore bundle: ${(err as Error).message}`);
  }
  let artifact: Buffer | undefined;
  const content = bundle.content;
  if (content.$case === 'messageSignature') {
    // The signature is over the manifest bytes, so it can only be checked against the image the digest names: one
    // naming another image is refused before any of it is verified.
    const md = content.messageSignature.messageDigest;
    const named = md.algorithm === HashAlgorithm.SHA2_256 ? `sha256:${Buffer.from(md.digest).toString('hex')}` : `a ${HashAlgorithm[md.algorithm]} digest`;
    if (named !== image.digest) return no('digest-mismatch', `signs ${named}, not this image's ${image.digest}`);
    artifact = Buffer.from(await image.manifest());
  } else if (content.dsseEnvelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return no('invalid-signature', `signs a ${JSON.stringify(content.dsseEnvelope.payloadType)} payload, not an in-toto statement (${IN_TOTO_PAYLOAD_TYPE})`);
  }
  const signed = trustedSigner(bundle, artifact, policy);
  if ('reason' in signed) return no(signed.reason, signed.problem);
  if (content.$case === 'dsseEnvelope') {
    const subject = statementNames(content.dsseEnvelope.payload, image.digest);
    if (subject !== true) return no(subject.reason, subject.problem);
  }
  return { ok: true, digest: image.digest, signature: `sigstore bundle ${desc.digest}`, signer: signed.signer };
}

/** Why one bundle does not admit the image; `code` is the sigstore verifier's error code, when it said no. */
export interface Problem {
  reason: Rejection['reason'];
  problem: string;
  code?: string;
}

/** A keyless signature under a policy of keys alone: nothing to check its certificate's identity against. */
export const KEYLESS_UNDER_KEYS: Problem = { reason: 'wrong-identity', problem: 'is signed keyless, and the policy trusts only keys' };
/** A key's signature under a policy of keyless identities alone. */
export const KEYED_UNDER_KEYLESS: Problem = { reason: 'bad-signature', problem: 'is signed with a key, and the policy trusts no key, only keyless identities' };

/**
 * Who signed `bundle` over `artifact` (a message signature's signed bytes; none for DSSE), when the sigstore verifier
 * accepts its signature and evidence against the trusted root and thresholds, and the policy trusts the signer. What
 * the signed content names is the caller's to check.
 */
export function trustedSigner(bundle: Bundle, artifact: Buffer | undefined, policy: BundlePolicy): { signer: string } | Problem {
  // The verifier checks each piece of evidence, some against every other: a bundle padded with hundreds would cost
  // seconds of CPU before any of it is found untrusted. Honest bundles carry one or two of each.
  const evidence = {
    'transparency log entries': bundle.verificationMaterial.tlogEntries.length,
    'RFC 3161 timestamps': bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0,
    'DSSE signatures': bundle.content.$case === 'dsseEnvelope' ? bundle.content.dsseEnvelope.signatures.length : 1,
  };
  for (const [what, n] of Object.entries(evidence)) {
    if (n > MAX_EVIDENCE) return { reason: 'invalid-signature', problem: `carries ${n} ${what}, more than the ${MAX_EVIDENCE} read` };
  }
  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle, artifact);
  } catch (err) {
    return { reason: 'invalid-signature', problem: `cannot be read: ${(err as Error).message}` };
  }
  return signerOf(bundle, entity, policy);
}

/** Who signed the bundle, when the sigstore verifier accepts it and the policy trusts the signer. */
function signerOf(bundle: Bundle, entity: SignedEntity, policy: BundlePolicy): { signer: string } | Problem {
  const options = { tlogThreshold: policy.thresholds.tlog, ctlogThreshold: policy.thresholds.ctlog, timestampThreshold: policy.thresholds.timestamp };
  if (bundle.verificationMaterial.content.$case === 'publicKey') {
    if (policy.keys.length === 0) return KEYED_UNDER_KEYLESS;
    // A bundle's key hint is free text: every trusted key is tried, as cosign does with --key. A trusted key has no
    // validity window, so a verified time of signing checks nothing about it: cosign asks none of a key's signature,
    // and neither does regkit (the log entry is what tlogThreshold asks for).
    const keyOptions = { ...options, timestampThreshold: 0 };
    const problems: Problem[] = [];
    for (const key of policy.keys) {
      const material: TrustMaterial = { ...policy.trustedRoot.material, publicKey: () => ({ publicKey: key.key, validFor: () => true }) };
      const checked = verifiedOrDiagnosed(entity, material, keyOptions);
      if (!('reason' in checked)) return loggedUnderOtherKey(bundle, key.key) ?? { signer: key.name };
      problems.push(checked);
    }
    // Evidence outside the root, or a log entry of another signature, fails with every key alike; a signature that
    // verifies with none is the key's fault.
    return (
      problems.find((p) => p.code !== 'SIGNATURE_ERROR') ?? {
        reason: 'bad-signature',
        problem: `verifies with no trusted key (${policy.keys.map((k) => k.name).join(', ')}): signed by another key, or altered`,
      }
    );
  }
  if (policy.keyless.length === 0) return KEYLESS_UNDER_KEYS;
  const checked = verifiedOrDiagnosed(entity, policy.trustedRoot.material, options);
  if ('reason' in checked) return checked;
  const subject = checked.identity?.subjectAlternativeName;
  const issuer = checked.identity?.extensions?.issuer;
  const who = `${subject ?? '(no subject)'} (issuer ${issuer ?? 'unknown'})`;
  if (policy.keyless.some((id) => textMatches(id.issuer, issuer) && textMatches(id.subject, subject))) return { signer: who };
  const wanted = policy.keyless.map((id) => `${describeMatch(id.subject)} from ${describeMatch(id.issuer)}`).join(', ');
  return { reason: 'wrong-identity', problem: `is signed by ${who}, which is none of the policy's identities (${wanted})` };
}

/**
 * A log entry of a key-signed bundle must name the key that verified it. The verifier compares the entry's signature
 * and digest with the bundle's, not its key: an ECDSA signature verifies under keys anyone can compute from it, so a
 * signature by a trusted key could be logged under another, out of sight of whoever watches the log for that key.
 */
function loggedUnderOtherKey(bundle: Bundle, key: KeyObject): Problem | undefined {
  const want = key.export({ type: 'spki', format: 'der' });
  for (const entry of bundle.verificationMaterial.tlogEntries) {
    let named: string[];
    try {
      const body = JSON.parse(entry.canonicalizedBody.toString('utf8')) as {
        kind?: unknown;
        spec?: { signature?: { publicKey?: { content?: unknown } }; signatures?: Array<{ verifier?: unknown }> };
      };
      const found = body.kind === 'dsse' ? (body.spec?.signatures ?? []).map((s) => s.verifier) : [body.spec?.signature?.publicKey?.content];
      if (found.length === 0 || found.some((k) => typeof k !== 'string')) throw new Error('no key');
      named = found as string[];
    } catch {
      return { reason: 'invalid-signature', problem: `has a transparency log entry that names no public key` };
    }
    for (const b64 of named) {
      let der: Buffer;
      try {
        der = createPublicKey(Buffer.from(b64, 'base64').toString('utf8')).export({ type: 'spki', format: 'der' });
      } catch {
        return { reason: 'invalid-signature', problem: `has a transparency log entry whose public key cannot be read` };
      }
      if (!der.equals(want)) {
        return {
          reason: 'untrusted-root',
          problem: 'is logged under another public key than the one it verifies with: the log entry is not evidence of this signer',
        };
      }
    }
  }
  return undefined;
}

type VerifierOptions = ConstructorParameters<typeof Verifier>[1] & { timestampThreshold: number };

/**
 * The sigstore verifier's verdict. An RFC 3161 timestamp covers the signature bytes, so an altered signature fails
 * first as a timestamp "not verified", as one from a foreign TSA does; a second look without the TSA timestamps,
 * taken only to name the reason (it never admits), tells the two apart when the log gives a time of its own.
 */
function verifiedOrDiagnosed(entity: SignedEntity, material: TrustMaterial, options: VerifierOptions): Signer | Problem {
  const first = verified(() => new Verifier(material, options).verify(entity));
  if (!('reason' in first) || first.code !== 'TIMESTAMP_ERROR') return first;
  const logged = entity.timestamps.filter((t) => t.$case === 'transparency-log');
  if (logged.length === 0 || logged.length === entity.timestamps.length) return first;
  const second = verified(() => new Verifier(material, { ...options, timestampThreshold: 1 }).verify({ ...entity, timestamps: logged }));
  return 'reason' in second && second.reason === 'bad-signature' ? second : first;
}

/** The sigstore verifier's verdict, its errors sorted into regkit's reasons. */
function verified(run: () => Signer): Signer | Problem {
  try {
    return run();
  } catch (err) {
    const message = (err as Error).message;
    if (!(err instanceof VerificationError)) return { reason: 'invalid-signature', problem: `cannot be verified: ${message}` };
    const code = err.code;
    switch (code) {
      case 'SIGNATURE_ERROR':
      case 'TLOG_BODY_ERROR':
        return { reason: 'bad-signature', problem: `does not verify (${message}): signed by another key, or altered`, code };
      case 'NOT_IMPLEMENTED_ERROR':
        return { reason: 'invalid-signature', problem: `uses what the verifier does not support: ${message}`, code };
      default:
        // Certificate chain, SCTs, log inclusion, timestamps: evidence from outside the trusted root, or too little.
        return { reason: 'untrusted-root', problem: `is not backed by the trusted root (${code}: ${message})`, code };
    }
  }
}

/** Whether an in-toto statement names the image among its subjects, by its sha256. */
function statementNames(payload: Buffer, digest: string): true | Problem {
  let statement: unknown;
  try {
    statement = JSON.parse(payload.toString('utf8'));
  } catch {
    return { reason: 'invalid-signature', problem: 'signs an in-toto payload that is not JSON' };
  }
  const subjects = (statement as { subject?: unknown } | null)?.subject;
  if (!Array.isArray(subjects) || subjects.length === 0) return { reason: 'invalid-signature', problem: 'signs an in-toto statement with no subject' };
  const hex = digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : undefined;
  const named = subjects.map((s) => (s as { digest?: { sha256?: unknown } } | null)?.digest?.sha256);
  if (hex !== undefined && named.some((n) => typeof n === 'string' && n.toLowerCase() === hex)) return true;
  const shown = named.filter((n): n is string => typeof n === 'string').map((n) => `sha256:${n}`);
  return { reason: 'digest-mismatch', problem: `signs an in-toto statement about ${shown.join(', ') || 'no sha256 digest'}, not this image's ${digest}` };
}
