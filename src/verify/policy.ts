// What a verify policy says and what a verification concludes: the types sync, the `verify` command and the config
// loader share. A policy is parsed once, at the edge (the config loader or the CLI's --key), into loaded keys.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A public key the policy trusts, with the name (file path) it was given by, for messages. */
export interface TrustedKey {
  name: string;
  key: KeyObject;
}

/** regkit's `verify:` extension of a regsync step or of `defaults`: whose signatures admit an image. */
export interface VerifyPolicy {
  keys: TrustedKey[];
}

/**
 * Why an image is rejected. `no-signature`: no `.sig` tag, or one without a simple-signing layer. `bad-signature`:
 * signatures exist but none verifies with a trusted key over its payload (a wrong key or an altered payload: the
 * two cannot be told apart). `digest-mismatch`: a trusted key signed a payload naming another image.
 * `invalid-signature`: the signature manifest or payload is not what cosign writes.
 */
export type RejectReason = 'no-signature' | 'bad-signature' | 'digest-mismatch' | 'invalid-signature';

export type Verdict = { ok: true; digest: string; signatureTag: string; key: string } | { ok: false; digest: string; reason: RejectReason; message: string };

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

/** A trusted key from its file; the error names the path and the cause, never the file's text. */
export function readPublicKeyFile(path: string): TrustedKey {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  return parsePublicKey(pem, path);
}
