// cosign 2's `.sig` layers as sigstore sees them: beside the signature, a layer's annotations carry the Rekor entry
// cosign logged with the log's signed entry timestamp (a "Rekor bundle"), optionally an RFC 3161 timestamp, and, when
// signed keyless, the Fulcio certificate and its chain. They are the pieces of a sigstore v0.1 bundle in other clothes:
// regkit puts them back into one (a key-signed layer's with a public key hint where the certificate would be) and asks
// the same sigstore verifier, trusted root, thresholds, keys and identity rules as a bundle referrer (bundle.ts).
import { createHash } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { trustedSigner, type BundlePolicy, type Problem } from './bundle.js';

const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
const REKOR_BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
const TIMESTAMP_ANNOTATION = 'dev.sigstore.cosign/rfc3161timestamp';
const BUNDLE_V01_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
/** A leaf and its chain are three certificates at Fulcio; more is no honest chain, and each is parsed. */
const MAX_CHAIN_CERTIFICATES = 8;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** Whether a `.sig` layer is a keyless signature: it carries the certificate its signature verifies with. */
export function isKeyless(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return annotations?.[CERTIFICATE_ANNOTATION] !== undefined;
}

/**
 * Who signed `payload`, by the layer's annotations, when the sigstore verifier accepts the signature and its log and
 * timestamp evidence against the trusted root and thresholds, and the policy trusts the signer: a keyless layer's
 * certificate identity, or one of the policy's keys for any other. What the payload names is the caller's to check.
 */
export function layerSigner(
  annotations: Readonly<Record<string, string>>,
  payload: Buffer,
  signature: string,
  policy: BundlePolicy,
): { signer: string } | Problem {
  const json = asBundleJSON(annotations, payload, signature);
  if ('problem' in json) return { reason: 'invalid-signature', problem: json.problem };
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json.bundle);
  } catch (err) {
    return { reason: 'invalid-signature', problem: `does not make a sigstore bundle: ${(err as Error).message}` };
  }
  return trustedSigner(bundle, payload, policy);
}

/** The v0.1 bundle JSON cosign's annotations spell, or what in them is not as cosign writes it. */
function asBundleJSON(annotations: Readonly<Record<string, string>>, payload: Buffer, signature: string): { bundle: unknown } | { problem: string } {
  const signing = signingMaterial(annotations);
  if ('problem' in signing) return signing;
  const tlog = annotations[REKOR_BUNDLE_ANNOTATION];
  const entry = tlog === undefined ? undefined : rekorEntry(tlog);
  if (entry && 'problem' in entry) return entry;
  const stamp = annotations[TIMESTAMP_ANNOTATION];
  const timestamp = stamp === undefined ? undefined : rfc3161Timestamp(stamp);
  if (timestamp && 'problem' in timestamp) return timestamp;
  return {
    bundle: {
      mediaType: BUNDLE_V01_MEDIA_TYPE,
      verificationMaterial: {
        ...signing.material,
        tlogEntries: entry ? [entry.entry] : [],
        ...(timestamp ? { timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: timestamp.signedTimestamp }] } } : {}),
      },
      messageSignature: {
        messageDigest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(payload).digest('base64') },
        signature,
      },
    },
  };
}

/**
 * What the signature verifies with, as a bundle's verification material: a keyless layer's certificate and chain; for
 * a key-signed one, a key hint (free text the verifier ignores: bundle.ts tries every trusted key, as cosign does).
 */
function signingMaterial(annotations: Readonly<Record<string, string>>): { material: object } | { problem: string } {
  if (!isKeyless(annotations)) return { material: { publicKey: { hint: '' } } };
  const leaf = certificates(annotations[CERTIFICATE_ANNOTATION] ?? '');
  const chain = certificates(annotations[CHAIN_ANNOTATION] ?? '');
  if (leaf.length !== 1) return { problem: `has a ${CERTIFICATE_ANNOTATION} annotation that is not one PEM certificate` };
  if (chain.length > MAX_CHAIN_CERTIFICATES)
    return { problem: `has a ${CHAIN_ANNOTATION} of ${chain.length} certificates, more than the ${MAX_CHAIN_CERTIFICATES} read` };
  return { material: { x509CertificateChain: { certificates: [...leaf, ...chain].map((rawBytes) => ({ rawBytes })) } } };
}

/** The base64 DER of each PEM certificate in `pem`. */
function certificates(pem: string): string[] {
  return [...pem.matchAll(PEM_CERTIFICATE)].map((m) => m[1]!.replace(/\s/g, ''));
}

const problem = (what: string) => ({ problem: `has a ${REKOR_BUNDLE_ANNOTATION} annotation that is not cosign's Rekor bundle: ${what}` });

/**
 * cosign's Rekor bundle, `{SignedEntryTimestamp, Payload: {body, integratedTime, logIndex, logID}}`, as a sigstore
 * bundle's log entry: the signed entry timestamp is its inclusion promise, the body its canonicalized body, and the
 * body's own kind and apiVersion its kindVersion (the verifier compares them with the body, and the body with the
 * signature).
 */
function rekorEntry(text: string): { entry: unknown } | { problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return problem('not JSON');
  }
  const { SignedEntryTimestamp: set, Payload: p } = (doc ?? {}) as { SignedEntryTimestamp?: unknown; Payload?: Record<string, unknown> };
  if (typeof set !== 'string' || !BASE64.test(set)) return problem('no base64 SignedEntryTimestamp');
  const { body, integratedTime, logIndex, logID } = p ?? {};
  if (typeof body !== 'string' || !BASE64.test(body)) return problem('no base64 Payload.body');
  if (!Number.isSafeInteger(integratedTime) || !Number.isSafeInteger(logIndex)) return problem('no integer Payload.integratedTime and Payload.logIndex');
  if (typeof logID !== 'string' || !/^[0-9a-f]{64}$/i.test(logID)) return problem('no hex sha256 Payload.logID');
  let kind: unknown;
  let version: unknown;
  try {
    ({ kind, apiVersion: version } = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as { kind?: unknown; apiVersion?: unknown });
  } catch {
    return problem('its Payload.body is not a JSON log entry');
  }
  if (typeof kind !== 'string' || typeof version !== 'string') return problem('its Payload.body names no kind and apiVersion');
  return {
    entry: {
      logIndex: String(logIndex),
      logId: { keyId: Buffer.from(logID, 'hex').toString('base64') },
      kindVersion: { kind, version },
      integratedTime: String(integratedTime),
      inclusionPromise: { signedEntryTimestamp: set },
      canonicalizedBody: body,
    },
  };
}

/** cosign's RFC 3161 timestamp annotation, `{SignedRFC3161Timestamp: base64}`: a timestamp over the signature bytes. */
function rfc3161Timestamp(text: string): { signedTimestamp: string } | { problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  const signed = (doc as { SignedRFC3161Timestamp?: unknown } | null | undefined)?.SignedRFC3161Timestamp;
  if (typeof signed !== 'string' || signed === '' || !BASE64.test(signed)) {
    return { problem: `has a ${TIMESTAMP_ANNOTATION} annotation that is not cosign's {"SignedRFC3161Timestamp": base64}` };
  }
  return { signedTimestamp: signed };
}
