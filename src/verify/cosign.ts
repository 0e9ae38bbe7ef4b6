// cosign's `.sig` digest-tag format: the signatures of image `sha256:<hex>` are the layers of the manifest tagged
// `sha256-<hex>.sig` in the image's repository; each layer is a simple-signing payload (JSON naming the image digest)
// and its `dev.cosignproject.cosign/signature` annotation is the base64 signature over the payload's bytes. A
// signature counts only when it verifies (with a trusted key, or, for cosign 2's keyless layers, by a trusted identity;
// with a trusted root, together with its Rekor bundle: cosign-bundle.ts) AND its payload names the very digest regkit
// resolved: a valid signature of another image admits nothing.
import { verify as verifySignature } from 'node:crypto';
import { parseManifest, type Descriptor } from '../oci/manifest.js';
import { withTag, type Reference } from '../oci/reference.js';
import type { Store } from '../store/store.js';
import { readCapped } from './capped.js';
import { KEYED_UNDER_KEYLESS, KEYLESS_UNDER_KEYS, type Problem } from './bundle.js';
import { isKeyless, layerSigner as loggedSigner } from './cosign-bundle.js';
import { mostTelling, readsBundles, type Rejection, type RejectReason, type Verdict, type VerifyPolicy } from './policy.js';

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
const COSIGN_PAYLOAD_TYPE = 'cosign container image signature';
/** cosign's payloads are a few hundred bytes; a signature manifest lists one layer per signer. */
const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_SIGNATURES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `sha256:<hex>` → `sha256-<hex>.sig`, the tag cosign stores an image's signatures under. */
export function signatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

/**
 * Who signed one `.sig` layer, under the policy. A keyless layer (one that carries its certificate) is checked by the
 * policy's identities and trusted root. A key-signed one, with a trusted root, as `cosign verify --key` does: its
 * signature and its Rekor bundle together, under the root's logs and the thresholds; with keys alone, its signature
 * (cosign's `--insecure-ignore-tlog`).
 */
function layerSigner(layer: Descriptor, payload: Buffer, b64: string, policy: VerifyPolicy, tag: string): { signer: string } | Problem {
  const annotations = layer.annotations ?? {};
  const keyless = isKeyless(annotations);
  const where = keyless ? `the keyless signature in ${tag}` : `the signature in ${tag}`;
  const named = (p: { signer: string } | Problem): { signer: string } | Problem => ('reason' in p ? { ...p, problem: `${where} ${p.problem}` } : p);
  if (keyless) return named(readsBundles(policy) ? loggedSigner(annotations, payload, b64, policy) : KEYLESS_UNDER_KEYS);
  if (policy.keys.length === 0) return { ...KEYED_UNDER_KEYLESS, problem: `a signature in ${tag} ${KEYED_UNDER_KEYLESS.problem}` };
  if (readsBundles(policy)) return named(loggedSigner(annotations, payload, b64, policy));
  const signature = Buffer.from(b64, 'base64');
  const key = policy.keys.find((k) => {
    try {
      // Ed25519 hashes inside the algorithm; ECDSA (cosign's default, P-256) and RSA sign a SHA-256 digest.
      return verifySignature(k.key.asymmetricKeyType === 'ed25519' ? null : 'sha256', payload, k.key, signature);
    } catch {
      return false; // A malformed signature (not DER, wrong length) verifies with no key.
    }
  });
  if (key) return { signer: key.name };
  return {
    reason: 'bad-signature',
    problem: `no signature in ${tag} verifies with a trusted key (${policy.keys.map((k) => k.name).join(', ')}): signed by another key, or altered`,
  };
}

/** The image digest a simple-signing payload names, or why it names none. */
function payloadDigest(payload: Buffer): string | { problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch {
    return { problem: 'the signed payload is not JSON' };
  }
  const critical = (doc as { critical?: { type?: unknown; image?: { 'docker-manifest-digest'?: unknown } } } | null)?.critical;
  if (critical?.type !== COSIGN_PAYLOAD_TYPE) return { problem: `the signed payload's critical.type is not "${COSIGN_PAYLOAD_TYPE}"` };
  const named = critical.image?.['docker-manifest-digest'];
  return typeof named === 'string' ? named : { problem: 'the signed payload names no critical.image.docker-manifest-digest' };
}

/**
 * Verifies the image `digest` of `repo` against the `.sig` signatures in the same repository. Registry errors other
 * than an absent signature tag are thrown (the caller reports them as failures, not as a verdict).
 */
export async function verifyCosignSignatures(store: Store, repo: Reference, digest: string, policy: VerifyPolicy): Promise<Verdict> {
  const tag = signatureTag(digest);
  const reject = (reason: RejectReason, message: string): Rejection => ({ ok: false, digest, reason, message });
  const sigRef = withTag(repo, tag);
  if (!(await store.headManifest(sigRef))) return reject('no-signature', `no signature: ${tag} does not exist`);
  const parsed = parseManifest((await store.getManifest(sigRef)).bytes);
  if (parsed.kind !== 'image') return reject('invalid-signature', `${tag} is not an image manifest, as cosign writes`);
  const layers = parsed.manifest.layers.filter((l: Descriptor) => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE);
  if (layers.length === 0) return reject('no-signature', `no signature: ${tag} holds no ${SIMPLE_SIGNING_MEDIA_TYPE} layer`);
  if (layers.length > MAX_SIGNATURES) return reject('invalid-signature', `${tag} lists ${layers.length} signatures, more than the ${MAX_SIGNATURES} read`);
  const rejections: Rejection[] = [];
  for (const layer of layers) {
    const b64 = layer.annotations?.[SIGNATURE_ANNOTATION];
    if (b64 === undefined || !BASE64.test(b64)) {
      rejections.push(reject('invalid-signature', `a layer of ${tag} has no base64 ${SIGNATURE_ANNOTATION} annotation`));
      continue;
    }
    if (layer.size > MAX_PAYLOAD_BYTES) {
      rejections.push(reject('invalid-signature', `a payload of ${tag} is ${layer.size} bytes, more than the ${MAX_PAYLOAD_BYTES} read`));
      continue;
    }
    const payload = await readCapped(await store.getBlob(repo, layer), MAX_PAYLOAD_BYTES, 'payload');
    const signed = layerSigner(layer, payload, b64, policy, tag);
    if ('reason' in signed) {
      rejections.push(reject(signed.reason, signed.problem));
      continue;
    }
    const named = payloadDigest(payload);
    if (typeof named !== 'string') {
      rejections.push(reject('invalid-signature', named.problem));
      continue;
    }
    if (named !== digest) {
      rejections.push(reject('digest-mismatch', `the payload signed by ${signed.signer} names ${named}, not this image's ${digest}`));
      continue;
    }
    return { ok: true, digest, signature: tag, signer: signed.signer };
  }
  return mostTelling(rejections)!;
}
