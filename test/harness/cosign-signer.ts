// A cosign signer for the tests, written from cosign's published format and sharing no code with regkit's verifier:
// Node's crypto makes the key pair and the ECDSA P-256 / SHA-256 signature, and the signature manifest is pushed with
// plain HTTP requests to the distribution API, so a verifier bug cannot hide behind a matching signer bug.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface CosignKeyPair {
  privateKey: KeyObject;
  /** `cosign.pub` as cosign writes it: a PEM SubjectPublicKeyInfo. */
  publicPem: string;
}

export function cosignKeyPair(): CosignKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
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
      annotations: { 'dev.cosignproject.cosign/signature': l.signature },
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
