// What a verify policy says and what a verification concludes: the types sync, the `verify` command and the config
// loader share. A policy is parsed once, at the edge (the config loader or the CLI's flags), into loaded keys, compiled
// identity patterns and a trusted root ready to verify with.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { TrustMaterial } from '@sigstore/verify';

/** A public key the policy trusts, with the name (file path) it was given by, for messages. */
export interface TrustedKey {
  name: string;
  key: KeyObject;
}

/** A string the policy asks for: exactly this text, or text an anchored regular expression matches whole. */
export type TextMatch = { exact: string } | { regExp: RegExp; pattern: string };

/** A keyless signer: the OIDC issuer and the subject (certificate SAN) Fulcio wrote into the signing certificate. */
export interface KeylessIdentity {
  issuer: TextMatch;
  subject: TextMatch;
}

/** sigstore's trusted root (`trusted_root.json`): CAs, transparency and CT logs, timestamp authorities. */
export interface TrustedRoot {
  /** The file it was read from, for messages. */
  name: string;
  material: TrustMaterial;
}

/**
 * How much independent evidence a sigstore bundle must carry, each checked against the trusted root: transparency
 * log entries, certificate transparency SCTs (keyless only), and verified times of signing (a log's integrated time
 * and each RFC 3161 timestamp count).
 */
export interface EvidenceThresholds {
  tlog: number;
  ctlog: number;
  timestamp: number;
}

/** cosign's defaults: a log entry and an SCT are required, and the time of signing comes from the log or a TSA. */
export const DEFAULT_THRESHOLDS: EvidenceThresholds = { tlog: 1, ctlog: 1, timestamp: 1 };

/**
 * What must be signed of a multi-platform image (an index): `index`, the index's own signature (it names each child
 * by digest, so it vouches for them; `cosign sign` signs what it is given, normally the index); `children`, a
 * signature of each child the copy writes (`cosign sign --recursive` signs the index and each child); either one.
 * A single-platform image is its own manifest under all three.
 */
export const SIGNED_SCOPES = ['index', 'children', 'index-or-children'] as const;
export type SignedScope = (typeof SIGNED_SCOPES)[number];

export function parseSignedScope(value: string): SignedScope | undefined {
  return (SIGNED_SCOPES as readonly string[]).includes(value) ? (value as SignedScope) : undefined;
}

/** regkit's `verify:` extension of a regsync step or of `defaults`: whose signatures admit an image. */
export interface VerifyPolicy {
  /** `.sig` signatures, and key-based bundles when a trusted root is given, by any of these admit. */
  keys: TrustedKey[];
  /** Bundles whose Fulcio certificate names one of these admit. */
  keyless: KeylessIdentity[];
  /** Given: sigstore bundles are read and checked against it. Required with `keyless`. */
  trustedRoot?: TrustedRoot;
  thresholds: EvidenceThresholds;
  /** Which manifests of a multi-platform image must be signed. */
  signed: SignedScope;
}

/** Whether the policy reads sigstore bundles (the referrers of an image): only with a root to check them against. */
export function readsBundles(policy: VerifyPolicy): policy is VerifyPolicy & { trustedRoot: TrustedRoot } {
  return policy.trustedRoot !== undefined;
}

/** How a face spells the policy's settings in its messages: the config file's keys, or the CLI's flags. */
export interface PolicySpelling {
  keys: string;
  keyless: string;
  trustedRoot: string;
  timestampThreshold: string;
}

/**
 * What makes a policy unusable: nothing trusted, keyless identities with no root to check certificates against, or
 * no time to check a certificate at. Said in the spelling of the face that read the policy.
 */
export function policyProblem(policy: VerifyPolicy, say: PolicySpelling): string | undefined {
  if (policy.keys.length === 0 && policy.keyless.length === 0) return `no ${say.keys} and no ${say.keyless}: no image could be admitted`;
  if (policy.keyless.length > 0 && !policy.trustedRoot) return `${say.keyless} needs ${say.trustedRoot} (trusted_root.json) to check certificates against`;
  // A Fulcio certificate lives minutes: it is checked at the verified time of signing, so keyless needs one.
  if (policy.keyless.length > 0 && policy.thresholds.timestamp < 1) {
    return `${say.keyless} needs ${say.timestampThreshold} of 1 or more: a certificate is checked at the time of signing`;
  }
  return undefined;
}

/**
 * Why an image is rejected. `no-signature`: no `.sig` tag (or one without a simple-signing layer) and no sigstore
 * bundle referrer. `bad-signature`: signatures exist but none verifies over its content (a wrong key or an altered
 * payload: the two cannot be told apart). `untrusted-root`: a bundle's certificate, log entries or timestamps do not
 * chain to the trusted root, or fall short of its thresholds. `wrong-identity`: a bundle verifies but its signer is
 * none the policy names. `digest-mismatch`: a signature names another image. `invalid-signature`: the signature
 * manifest, bundle or payload is not what cosign writes.
 */
export type RejectReason = 'no-signature' | 'bad-signature' | 'untrusted-root' | 'wrong-identity' | 'digest-mismatch' | 'invalid-signature';

export type Verdict =
  /** `signature`: where the admitting signature is (a `.sig` tag, a bundle referrer); `signer`: the key or identity. */
  { ok: true; digest: string; signature: string; signer: string } | { ok: false; digest: string; reason: RejectReason; message: string };

export type Rejection = Extract<Verdict, { ok: false }>;

/** The closer a signature came to admitting the image, the more its rejection tells; ties keep the first. */
const TELLING: Record<RejectReason, number> = {
  'no-signature': 0,
  'invalid-signature': 1,
  'bad-signature': 2,
  'untrusted-root': 3,
  'wrong-identity': 4,
  'digest-mismatch': 5,
};

/** The rejection to report of several signatures that all failed. */
export function mostTelling(rejections: readonly Rejection[]): Rejection | undefined {
  return rejections.reduce<Rejection | undefined>((best, r) => (best === undefined || TELLING[r.reason] > TELLING[best.reason] ? r : best), undefined);
}

export function textMatches(m: TextMatch, value: string | undefined): boolean {
  if (value === undefined) return false;
  return 'exact' in m ? m.exact === value : m.regExp.test(value);
}

export function describeMatch(m: TextMatch): string {
  return 'exact' in m ? JSON.stringify(m.exact) : `/${m.pattern}/`;
}

/**
 * A PEM public key (SubjectPublicKeyInfo, as `cosign generate-key-pair` writes `cosign.pub`). The error never quotes
 * the text: a path mistyped to a secret file must not print it.
 */
export function parsePublicKey(pem: string, name: string): TrustedKey {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error(`${name} is not a PEM public key (expected -----BEGIN PUBLIC KEY-----, as cosign.pub)`);
  }
  const type = key.asymmetricKeyType;
  if (type !== 'ec' && type !== 'rsa' && type !== 'ed25519') throw new Error(`${name} is a ${type ?? 'unknown'} key; verify takes ECDSA, RSA or Ed25519 keys`);
  return { name, key };
}

/** Policy files are keys and trusted roots, a few KiB; the cap keeps a path onto a device or a log from filling memory. */
const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/** A file the policy names, read whole; the error names the path and the cause, never the file's text. */
export function readPolicyFile(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(MAX_POLICY_FILE_BYTES + 1);
    let size = 0;
    for (let n = -1; n !== 0 && size < buf.length; size += n) n = readSync(fd, buf, size, buf.length - size, null);
    if (size > MAX_POLICY_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_POLICY_FILE_BYTES} bytes, more than a key or a trusted root`);
    return buf.subarray(0, size).toString('utf8');
  } catch (err) {
    if (!(err as NodeJS.ErrnoException).code) throw err;
    throw new Error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`, { cause: err });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A trusted key from its file. */
export function readPublicKeyFile(path: string): TrustedKey {
  return parsePublicKey(readPolicyFile(path), path);
}
