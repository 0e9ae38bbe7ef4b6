// A cosign signer for the tests, written from cosign's published format and sharing no code with regkit's verifier:
// Node's crypto makes the key pair and the ECDSA P-256 / SHA-256 signature, scrypt and tweetnacl's secretbox read and
// write cosign's encrypted key file, and the signature manifest is pushed with plain HTTP requests to the distribution
// API, so a verifier bug cannot hide behind a matching signer bug.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, scrypt, sign, type KeyObject } from 'node:crypto';
import nacl from 'tweetnacl';

export interface CosignKeyPair {
  privateKey: KeyObject;
  /** `cosign.pub` as cosign writes it: a PEM SubjectPublicKeyInfo. */
  publicPem: string;
}

export function cosignKeyPair(): CosignKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

// cosign's private key file (`cosign generate-key-pair`, `cosign import-key-pair`): the PKCS #8 DER of the key, sealed
// with NaCl secretbox under a key that scrypt derives from the password, as the JSON document of
// go-securesystemslib's `encrypted` package, in a PEM block. cosign writes the SIGSTORE label since 2.x and still reads
// the COSIGN one older versions wrote; both carry the same body.
export type CosignKeyLabel = 'ENCRYPTED COSIGN PRIVATE KEY' | 'ENCRYPTED SIGSTORE PRIVATE KEY';
const KEY_LABELS: readonly CosignKeyLabel[] = ['ENCRYPTED COSIGN PRIVATE KEY', 'ENCRYPTED SIGSTORE PRIVATE KEY'];

/** The scrypt costs the format admits (r = 8, p = 1): legacy (2^15, older cosign), standard (2^16, today's), OWASP's. */
export const SCRYPT_COSTS = { legacy: 32768, standard: 65536, owasp: 131072 } as const;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const SALT_BYTES = 32;

interface SealedDocument {
  kdf: { name: string; params: { N: number; r: number; p: number }; salt: string };
  cipher: { name: string; nonce: string };
  ciphertext: string;
}

function scryptKey(password: Uint8Array, salt: Uint8Array, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes.
    scrypt(password, salt, nacl.secretbox.keyLength, { N: n, r: SCRYPT_R, p: SCRYPT_P, maxmem: 256 * n * SCRYPT_R }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `plaintext` sealed under `password` as go-securesystemslib's `encrypted.Encrypt` writes it (its JSON bytes). */
export async function sealWithPassword(plaintext: Uint8Array, password: string | Uint8Array, n: number = SCRYPT_COSTS.standard): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  const key = await scryptKey(Buffer.from(password), salt, n);
  const box = nacl.secretbox(plaintext, nonce, key);
  const doc: SealedDocument = {
    kdf: { name: 'scrypt', params: { N: n, r: SCRYPT_R, p: SCRYPT_P }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(box).toString('base64'),
  };
  return Buffer.from(JSON.stringify(doc));
}

/** The plaintext of a go-securesystemslib `encrypted` document, with that package's checks; throws on a wrong password. */
export async function openWithPassword(sealed: Uint8Array, password: string | Uint8Array): Promise<Buffer> {
  const doc = JSON.parse(Buffer.from(sealed).toString()) as SealedDocument;
  if (doc.kdf?.name !== 'scrypt') throw new Error(`encrypted: unknown kdf name ${JSON.stringify(doc.kdf?.name)}`);
  if (doc.cipher?.name !== 'nacl/secretbox') throw new Error(`encrypted: unknown cipher name ${JSON.stringify(doc.cipher?.name)}`);
  const { N, r, p } = doc.kdf.params ?? {};
  if (r !== SCRYPT_R || p !== SCRYPT_P || !Object.values<number>(SCRYPT_COSTS).includes(N)) throw new Error('encrypted: unsupported scrypt parameters');
  const nonce = Buffer.from(doc.cipher.nonce, 'base64');
  if (nonce.length !== nacl.secretbox.nonceLength) throw new Error('encrypted: incorrect nonce size');
  const key = await scryptKey(Buffer.from(password), Buffer.from(doc.kdf.salt, 'base64'), N);
  const opened = nacl.secretbox.open(Buffer.from(doc.ciphertext, 'base64'), nonce, key);
  if (!opened) throw new Error('encrypted: decryption failed (wrong password, or the file was altered)');
  return Buffer.from(opened);
}

/** `cosign.key` for `privateKey` under `password`, as cosign writes it. */
export async function writeEncryptedCosignKey(
  privateKey: KeyObject,
  password: string | Uint8Array,
  opts: { label?: CosignKeyLabel; n?: number } = {},
): Promise<string> {
  const label = opts.label ?? 'ENCRYPTED COSIGN PRIVATE KEY';
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const body = (await sealWithPassword(der, password, opts.n)).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The private key in a cosign key file (either label), decrypted with `password`. */
export async function readEncryptedCosignKey(pem: string, password: string | Uint8Array): Promise<KeyObject> {
  const m = /-----BEGIN ([A-Z ]+)-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END \1-----/.exec(pem);
  if (!m || !KEY_LABELS.includes(m[1] as CosignKeyLabel)) throw new Error(`not a cosign private key file (PEM label ${JSON.stringify(m?.[1])})`);
  const der = await openWithPassword(Buffer.from(m[2]!.replace(/\s/g, ''), 'base64'), password);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** cosign's simple-signing payload for `digest` of `dockerReference` (host/repository). */
export function simpleSigningPayload(dockerReference: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: { identity: { 'docker-reference': dockerReference }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' },
      optional: null,
    }),
  );
}

export interface SignatureLayer {
  payload: Buffer;
  /** base64, as the `dev.cosignproject.cosign/signature` annotation carries it. */
  signature: string;
  /** The layer's other annotations: a keyless signature's certificate, chain, Rekor bundle and timestamp. */
  annotations?: Record<string, string>;
}

export function signPayload(payload: Buffer, key: KeyObject): SignatureLayer {
  return { payload, signature: sign('sha256', payload, key).toString('base64') };
}

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export async function pushBlob(host: string, repo: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload start: HTTP ${start.status}`);
  const location = new URL(start.headers.get('location') ?? '', `http://${host}`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status}`);
  return digest;
}

/**
 * Pushes `sha256-<hex>.sig` in `repo` of `host` naming `layers` (cosign appends a layer per signature), and returns
 * the signature manifest's digest.
 */
export async function pushCosignSignature(host: string, repo: string, imageDigest: string, layers: readonly SignatureLayer[]): Promise<string> {
  const config = Buffer.from('{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":[]}}');
  const configDigest = await pushBlob(host, repo, config);
  const descriptors = [];
  for (const l of layers) {
    descriptors.push({
      mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
      size: l.payload.length,
      digest: await pushBlob(host, repo, l.payload),
      annotations: { ...l.annotations, 'dev.cosignproject.cosign/signature': l.signature },
    });
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: config.length, digest: configDigest },
      layers: descriptors,
    }),
  );
  const tag = `${imageDigest.replace(':', '-')}.sig`;
  const put = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT',
    body: manifest,
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
  });
  if (put.status !== 201) throw new Error(`signature manifest: HTTP ${put.status} ${await put.text()}`);
  return sha256(manifest);
}
