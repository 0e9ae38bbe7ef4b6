// An offline sigstore world for the tests: the Fulcio, Rekor and timestamp authority stand-ins that `@sigstore/mock`
// exports, served by node:http on 127.0.0.1, and the `trusted_root.json` that trusts exactly them. Bundles are made by
// the sigstore project's own signing library (`@sigstore/sign`), so what regkit verifies is what a sigstore client
// produces, and nothing here shares code with regkit's verifier.
//
// Usage: `const world = await startSigstore()`; `await world.writeTrustedRoot(path)` for the policy's trusted root;
// `const bundle = await signKeyless(world, image.digest, { issuer, subject, kind: 'dsse' })` (or cosign 2's `.sig` layers:
// `signKeylessSig`, `signKeyedSig`, whose Rekor bundle this world's Rekor signs);
// `await pushBundleReferrer(reg.host, 'team/app', imageDescriptor, bundle, { fallbackTag: true })`; `await
// world.close()` in an `after`. A second `startSigstore()` is a separate world whose CA, logs and TSA the first
// world's root does not trust: bundles signed there are the "untrusted root" case.
import { createHash, createPublicKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, initializeTSA, rekorHandler, tsaHandler } from '@sigstore/mock';
import type { HandlerFn } from '@sigstore/mock';
import { HashAlgorithm, PublicKeyDetails, TrustedRoot, type TransparencyLogInstance } from '@sigstore/protobuf-specs';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import {
  DSSEBundleBuilder,
  FulcioSigner,
  MessageSignatureBundleBuilder,
  RekorWitness,
  TSAWitness,
  type Bundle,
  type Signer,
  type Witness,
} from '@sigstore/sign';
import { pushBlob, type SignatureLayer } from './cosign-signer.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** The predicate type of the statement `cosign sign` (cosign 3, new bundle format) signs for an image. */
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
export const SLSA_PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const TRUSTED_ROOT_MEDIA_TYPE = 'application/vnd.dev.sigstore.trustedroot+json;version=0.1';

/** `trusted_root.json` as sigstore clients read it (the protobuf-specs JSON form of a TrustedRoot). */
export type TrustedRootJSON = Record<string, unknown>;

export interface StartSigstoreOptions {
  /**
   * The validity every authority of the trusted root claims. Default: from a minute before the world starts, open
   * ended. A window that ends before signing is how a test gets a root that no longer vouches for its CA.
   */
  validFor?: { start: Date; end?: Date };
}

export interface SigstoreWorld {
  fulcioURL: string;
  rekorURL: string;
  tsaURL: string;
  trustedRoot: TrustedRootJSON;
  writeTrustedRoot(path: string): Promise<void>;
  close(): Promise<void>;
  /** ES256 key of this world's OIDC issuer, which signs the identity tokens `identityToken` makes. */
  readonly oidcKey: KeyObject;
  /** The Fulcio CA's certificates above a signing certificate, PEM: what cosign writes as the chain annotation. */
  readonly caChainPem: string;
}

const ecKeyPair = (): { privateKey: KeyObject; publicKey: KeyObject } => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

// The handlers take the request body as a string: Fulcio's, Rekor's and the TSA's requests are all JSON.
async function serve(handler: { path: string; fn: HandlerFn }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method !== 'POST' || path !== handler.path) {
        res.writeHead(404).end();
        return;
      }
      handler.fn(Buffer.concat(chunks).toString()).then(
        (r) => {
          res.writeHead(r.statusCode, { 'content-type': r.contentType ?? 'text/plain' });
          res.end(typeof r.response === 'string' ? r.response : Buffer.from(r.response.buffer, r.response.byteOffset, r.response.byteLength));
        },
        (e: unknown) => res.writeHead(500).end(String(e)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

// The stand-in logs a proposed entry as it came, but Rekor logs a `dsse` entry in its canonical form (the hashes, the
// signatures and their verifiers, not the envelope), and verifiers compare the bundle with that form.
function canonicalEntry(body: string): string {
  const entry = JSON.parse(body) as { kind?: string; apiVersion?: string; spec?: { proposedContent?: { envelope: string; verifiers: string[] } } };
  const proposed = entry.spec?.proposedContent;
  if (entry.kind !== 'dsse' || !proposed) return body;
  const envelope = JSON.parse(proposed.envelope) as { payload: string; signatures: { sig: string }[] };
  const hex = (b: string | Buffer): string => createHash('sha256').update(b).digest('hex');
  return JSON.stringify({
    apiVersion: entry.apiVersion,
    kind: 'dsse',
    spec: {
      envelopeHash: { algorithm: 'sha256', value: hex(proposed.envelope) },
      payloadHash: { algorithm: 'sha256', value: hex(Buffer.from(envelope.payload, 'base64')) },
      signatures: envelope.signatures.map((s, i) => ({ signature: s.sig, verifier: proposed.verifiers[i] ?? proposed.verifiers[0] })),
    },
  });
}

// The stand-in TSA writes its clock's milliseconds into genTime with trailing zeros dropped (`.5Z`), which
// @sigstore/core refuses (it reads exactly three digits), so one timestamp in ten would fail to verify. This clock
// reads the current time at whole seconds, and the TSA reads it through the Date it is handed. The instant is taken
// once per turn of the event loop: the encoder reads year, month … seconds one call at a time, and an instant taken
// per call could straddle a second (at 02:59:59.999, an hour off) and put the timestamp outside the certificate's life.
function wholeSecondClock(): Date {
  let instant: Date | undefined;
  return new Proxy(new Date(), {
    get(_target, prop) {
      if (instant === undefined) {
        instant = new Date(Math.floor(Date.now() / 1000) * 1000);
        setImmediate(() => (instant = undefined));
      }
      const now = instant;
      const value: unknown = Reflect.get(now, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(now) : value;
    },
  });
}

const der = (v: ArrayBufferView): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const pem = (cert: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${(cert.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;

export async function startSigstore(opts: StartSigstoreOptions = {}): Promise<SigstoreWorld> {
  const validFor = opts.validFor ?? { start: new Date(Date.now() - 60_000) };
  const ctlog = await initializeCTLog(ecKeyPair());
  const ca = await initializeCA(ecKeyPair(), ctlog);
  const tsa = await initializeTSA(ecKeyPair(), wholeSecondClock());
  const fulcio = await serve(fulcioHandler(ca));
  const timestamps = await serve(tsaHandler(tsa));
  // Rekor's checkpoint names the log by its URL's host, so the log is made once its port is known.
  const logRoute: { fn?: HandlerFn } = {};
  const rekor = await serve({ path: '/api/v1/log/entries', fn: (body) => logRoute.fn!(canonicalEntry(body)) });
  const tlog = await initializeTLog(rekor.url, ecKeyPair());
  logRoute.fn = rekorHandler(tlog).fn;

  const keyId = (spki: Buffer): Buffer => createHash('sha256').update(spki).digest();
  const logInstance = (baseUrl: string, spki: Buffer, logId: Buffer): TransparencyLogInstance => ({
    baseUrl,
    hashAlgorithm: HashAlgorithm.SHA2_256,
    publicKey: { rawBytes: spki, keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256, validFor },
    logId: { keyId: logId },
    checkpointKeyId: undefined,
    operator: 'regkit-test',
  });
  const root: TrustedRoot = {
    mediaType: TRUSTED_ROOT_MEDIA_TYPE,
    tlogs: [logInstance(rekor.url, tlog.publicKey, keyId(tlog.publicKey))],
    ctlogs: [logInstance(fulcio.url, ctlog.publicKey, der(ctlog.logID))],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: fulcio.url,
        certChain: { certificates: [{ rawBytes: der(ca.rootCertificate) }] },
        validFor,
        operator: 'regkit-test',
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: timestamps.url,
        certChain: { certificates: [{ rawBytes: der(tsa.intCertificate) }, { rawBytes: der(tsa.rootCertificate) }] },
        validFor,
        operator: 'regkit-test',
      },
    ],
  };
  const trustedRoot = TrustedRoot.toJSON(root) as TrustedRootJSON;
  const servers = [fulcio.server, rekor.server, timestamps.server];
  return {
    fulcioURL: fulcio.url,
    rekorURL: rekor.url,
    tsaURL: timestamps.url,
    trustedRoot,
    oidcKey: ecKeyPair().privateKey,
    caChainPem: pem(der(ca.rootCertificate)),
    writeTrustedRoot: (path) => writeFile(path, JSON.stringify(trustedRoot, null, 2)),
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

export interface IdentityClaims {
  /** The token's `iss`: Fulcio writes it into the certificate's issuer extensions. */
  issuer: string;
  /** The token's `sub`: Fulcio (this stand-in) makes it the certificate's URI subject alternative name. */
  subject: string;
  email?: string;
}

/** An OIDC identity token (ES256 JWT signed by the world's issuer key) for `claims`, audience `sigstore`. */
export function identityToken(world: SigstoreWorld, claims: IdentityClaims): string {
  const b64 = (v: object): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = { iss: claims.issuer, sub: claims.subject, aud: 'sigstore', iat: now, exp: now + 600, ...(claims.email ? { email: claims.email } : {}) };
  const signingInput = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64(body)}`;
  const sig = cryptoSign('sha256', Buffer.from(signingInput), { key: world.oidcKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${sig.toString('base64url')}`;
}

export interface SignKeylessOptions extends IdentityClaims {
  /**
   * `dsse`: an in-toto statement in a DSSE envelope, as `cosign sign` (cosign 3) and `cosign attest` write;
   * `message`: a plain signature over `artifact`, whose sha256 is the bundle's message digest.
   */
  kind: 'message' | 'dsse';
  /** `message` only, required: the bytes signed, the image manifest for an image (its sha256 must be `digest`). */
  artifact?: Uint8Array;
  /** `dsse`: the statement's predicate type. Default cosign's image signature type. */
  predicateType?: string;
  /** `dsse`: the statement's predicate. Default `{}`. */
  predicate?: unknown;
  /** `dsse`: the digest the statement's subject names, when it is not `digest` (a statement for another image). */
  statementSubjectDigest?: string;
  /** `dsse`: the statement subject's name. Default `image`. */
  statementSubjectName?: string;
  /** Log the signature in the world's Rekor. Default true. */
  tlog?: boolean;
  /** Timestamp the signature with the world's TSA. Default true. */
  tsa?: boolean;
}

/** The in-toto statement a `dsse` bundle carries: `predicateType` about the image `digest` (sha256:<hex>). */
export function inTotoStatement(digest: string, predicateType = COSIGN_SIGN_PREDICATE, predicate: unknown = {}, name = 'image'): Buffer {
  const [algorithm, hex] = digest.split(':');
  if (!algorithm || !hex) throw new Error(`not a digest: ${digest}`);
  return Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name, digest: { [algorithm]: hex } }], predicateType, predicate }));
}

/**
 * A sigstore bundle (v0.3 JSON) for the image `digest`, signed keyless through the world's Fulcio with the
 * identity `opts` names, with the Rekor entry and RFC 3161 timestamp the options ask for.
 */
export async function signKeyless(world: SigstoreWorld, digest: string, opts: SignKeylessOptions): Promise<SerializedBundle> {
  const token = identityToken(world, opts);
  const fetchOpts = { timeout: 10_000, retry: false as const };
  const signer = new FulcioSigner({ fulcioBaseURL: world.fulcioURL, identityProvider: { getToken: () => Promise.resolve(token) }, ...fetchOpts });
  const witnesses: Witness[] = [];
  if (opts.tlog ?? true) witnesses.push(new RekorWitness({ rekorBaseURL: world.rekorURL, entryType: 'dsse', ...fetchOpts }));
  if (opts.tsa ?? true) witnesses.push(new TSAWitness({ tsaBaseURL: world.tsaURL, ...fetchOpts }));
  let bundle: Bundle;
  if (opts.kind === 'message') {
    if (!opts.artifact) throw new Error('signKeyless: a message signature needs the artifact (the image manifest bytes)');
    const data = Buffer.from(opts.artifact);
    const actual = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    if (actual !== digest) throw new Error(`signKeyless: the artifact's digest is ${actual}, not ${digest}`);
    bundle = asV03(await new MessageSignatureBundleBuilder({ signer, witnesses }).create({ data }));
  } else {
    const statement = inTotoStatement(opts.statementSubjectDigest ?? digest, opts.predicateType, opts.predicate, opts.statementSubjectName);
    bundle = await new DSSEBundleBuilder({ signer, witnesses }).create({ data: statement, type: IN_TOTO_PAYLOAD_TYPE });
  }
  return bundleToJSON(bundle);
}

// @sigstore/sign still packs a message signature as a v0.2 bundle with a one-certificate chain; v0.3, which cosign 3
// writes, carries the leaf certificate alone. The signature and the log and timestamp evidence stay as they are.
function asV03(bundle: Bundle): Bundle {
  const content = bundle.verificationMaterial.content;
  if (content.$case !== 'x509CertificateChain') return bundle;
  const [leaf] = content.x509CertificateChain.certificates;
  if (!leaf) throw new Error('signKeyless: the signer returned an empty certificate chain');
  return {
    ...bundle,
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { ...bundle.verificationMaterial, content: { $case: 'certificate', certificate: leaf } },
  };
}

export interface SignKeylessSigOptions extends IdentityClaims {
  /** Log the signature in the world's Rekor and write its Rekor bundle annotation. Default true. */
  tlog?: boolean;
  /** Timestamp the signature with the world's TSA and write the RFC 3161 annotation. Default false, as cosign 2. */
  tsa?: boolean;
}

/**
 * A keyless `.sig` layer as cosign 2 writes it: the simple-signing `payload` signed with a certificate the world's
 * Fulcio issues for the identity, logged as a `hashedrekord` entry in its Rekor, and the layer's annotations made from
 * what came back: the leaf certificate and the CA chain (PEM), the signature, cosign's Rekor bundle (the log's signed
 * entry timestamp over the entry's body, time, index and log ID) and, when asked, the TSA's timestamp.
 */
export async function signKeylessSig(world: SigstoreWorld, payload: Buffer, opts: SignKeylessSigOptions): Promise<SignatureLayer> {
  const token = identityToken(world, opts);
  const fetchOpts = { timeout: 10_000, retry: false as const };
  const signer = new FulcioSigner({ fulcioBaseURL: world.fulcioURL, identityProvider: { getToken: () => Promise.resolve(token) }, ...fetchOpts });
  const witnesses: Witness[] = [];
  if (opts.tlog ?? true) witnesses.push(new RekorWitness({ rekorBaseURL: world.rekorURL, ...fetchOpts }));
  if (opts.tsa ?? false) witnesses.push(new TSAWitness({ tsaBaseURL: world.tsaURL, ...fetchOpts }));
  const bundle = await new MessageSignatureBundleBuilder({ signer, witnesses }).create({ data: payload });
  const material = bundle.verificationMaterial;
  const leaf =
    material.content.$case === 'x509CertificateChain'
      ? material.content.x509CertificateChain.certificates[0]
      : material.content.$case === 'certificate'
        ? material.content.certificate
        : undefined;
  if (!leaf) throw new Error('signKeylessSig: the signer returned no certificate');
  return sigLayer(payload, bundle, { 'dev.sigstore.cosign/certificate': pem(der(leaf.rawBytes)), 'dev.sigstore.cosign/chain': world.caChainPem });
}

export interface SignKeyedSigOptions {
  /** Log the signature in the world's Rekor and write its Rekor bundle annotation. Default true, as cosign 2. */
  tlog?: boolean;
  /** Timestamp the signature with the world's TSA and write the RFC 3161 annotation. Default false, as cosign 2. */
  tsa?: boolean;
  /**
   * The key the log entry names, when not the signing key: a log that checks nothing (as this world's) takes it, as
   * Rekor would take a key recovered from the signature (ECDSA lets anyone compute one it verifies under).
   */
  loggedKey?: KeyObject;
}

/**
 * A key-signed `.sig` layer as `cosign sign --key` (cosign 2) writes it: the simple-signing `payload` signed with
 * `privateKey` (ECDSA P-256, SHA-256), logged in the world's Rekor as a `hashedrekord` entry that names the public key
 * (PEM), and cosign's Rekor bundle annotation made from what the log returned.
 */
export async function signKeyedSig(world: SigstoreWorld, payload: Buffer, privateKey: KeyObject, opts: SignKeyedSigOptions = {}): Promise<SignatureLayer> {
  const publicPem = createPublicKey(opts.loggedKey ?? privateKey)
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const signer: Signer = {
    sign: (data) => Promise.resolve({ signature: cryptoSign('sha256', data, privateKey), key: { $case: 'publicKey', publicKey: publicPem } }),
  };
  const fetchOpts = { timeout: 10_000, retry: false as const };
  const witnesses: Witness[] = [];
  if (opts.tlog ?? true) witnesses.push(new RekorWitness({ rekorBaseURL: world.rekorURL, ...fetchOpts }));
  if (opts.tsa ?? false) witnesses.push(new TSAWitness({ tsaBaseURL: world.tsaURL, ...fetchOpts }));
  return sigLayer(payload, await new MessageSignatureBundleBuilder({ signer, witnesses }).create({ data: payload }), {});
}

/** The `.sig` layer for a message signature bundle over `payload`: its signature, and its evidence as cosign's annotations. */
function sigLayer(payload: Buffer, bundle: Bundle, annotations: Record<string, string>): SignatureLayer {
  if (bundle.content.$case !== 'messageSignature') throw new Error('the signer returned no message signature');
  const material = bundle.verificationMaterial;
  const entry = material.tlogEntries[0];
  if (entry) {
    if (!entry.inclusionPromise) throw new Error('the log returned no signed entry timestamp');
    annotations['dev.sigstore.cosign/bundle'] = JSON.stringify({
      SignedEntryTimestamp: der(entry.inclusionPromise.signedEntryTimestamp).toString('base64'),
      Payload: {
        body: der(entry.canonicalizedBody).toString('base64'),
        integratedTime: Number(entry.integratedTime),
        logIndex: Number(entry.logIndex),
        logID: der(entry.logId.keyId).toString('hex'),
      },
    });
  }
  const stamp = material.timestampVerificationData?.rfc3161Timestamps[0];
  if (stamp) annotations['dev.sigstore.cosign/rfc3161timestamp'] = JSON.stringify({ SignedRFC3161Timestamp: der(stamp.signedTimestamp).toString('base64') });
  return { payload, signature: der(bundle.content.messageSignature.signature).toString('base64'), annotations };
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

const EMPTY_CONFIG = Buffer.from('{}');
const INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
const MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';

async function putManifest(host: string, repo: string, reference: string, mediaType: string, body: Buffer): Promise<void> {
  const put = await fetch(`http://${host}/v2/${repo}/manifests/${reference}`, { method: 'PUT', body, headers: { 'content-type': mediaType } });
  if (put.status !== 201) throw new Error(`PUT manifest ${repo}:${reference}: HTTP ${put.status} ${await put.text()}`);
}

/**
 * Pushes `bundle` to `repo` of `host` as cosign 3 does: an OCI 1.1 image manifest whose artifact type and only layer
 * are the bundle, with the empty config and `subject` = `image`. With `fallbackTag`, the `sha256-<hex>` referrers
 * index (the distribution spec's fallback for registries without the referrers API, distribution 2.8 among them)
 * gets a descriptor for it, created if missing. Returns the referrer's descriptor.
 */
export async function pushBundleReferrer(
  host: string,
  repo: string,
  image: Descriptor,
  bundle: SerializedBundle,
  opts: { fallbackTag?: boolean } = {},
): Promise<Descriptor & { artifactType: string; annotations: Record<string, string> }> {
  const layer = Buffer.from(JSON.stringify(bundle));
  const configDigest = await pushBlob(host, repo, EMPTY_CONFIG);
  const layerDigest = await pushBlob(host, repo, layer);
  const annotations: Record<string, string> = { 'dev.sigstore.bundle.content': bundle.dsseEnvelope ? 'dsse-envelope' : 'message-signature' };
  if (bundle.dsseEnvelope) {
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()) as { predicateType?: string };
    if (statement.predicateType) annotations['dev.sigstore.bundle.predicateType'] = statement.predicateType;
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_MEDIA_TYPE,
      artifactType: BUNDLE_MEDIA_TYPE,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: configDigest, size: EMPTY_CONFIG.length },
      layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: layerDigest, size: layer.length }],
      subject: { mediaType: image.mediaType, digest: image.digest, size: image.size },
      annotations,
    }),
  );
  const digest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  await putManifest(host, repo, digest, MANIFEST_MEDIA_TYPE, manifest);
  const descriptor = { mediaType: MANIFEST_MEDIA_TYPE, digest, size: manifest.length, artifactType: BUNDLE_MEDIA_TYPE, annotations };
  if (opts.fallbackTag) await addToReferrersTag(host, repo, image.digest, descriptor);
  return descriptor;
}

/** Adds `descriptor` to the `sha256-<hex>` referrers tag index of `subjectDigest`, creating the index if missing. */
export async function addToReferrersTag(host: string, repo: string, subjectDigest: string, descriptor: Descriptor): Promise<void> {
  const tag = subjectDigest.replace(':', '-');
  const existing = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { headers: { accept: INDEX_MEDIA_TYPE } });
  let manifests: Descriptor[] = [];
  if (existing.status === 200) manifests = ((await existing.json()) as { manifests?: Descriptor[] }).manifests ?? [];
  else if (existing.status !== 404) throw new Error(`GET referrers tag ${repo}:${tag}: HTTP ${existing.status}`);
  else await existing.body?.cancel();
  if (!manifests.some((m) => m.digest === descriptor.digest)) manifests.push(descriptor);
  await putManifest(host, repo, tag, INDEX_MEDIA_TYPE, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX_MEDIA_TYPE, manifests })));
}
