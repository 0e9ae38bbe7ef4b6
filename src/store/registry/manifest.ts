// Manifests over the distribution API: HEAD (digest from `Docker-Content-Digest`), GET with every manifest type in
// `Accept`, verified against the digest, capped in size; PUT checked against the digest the registry reports; DELETE.
import { setTimeout as sleep } from 'node:timers/promises';
import { DigestMismatchError, RegistryError, RegistryLimitError } from '../../errors.js';
import { boundKey, formatBytes } from '../../config/bounds.js';
import { digestAlgorithm, digestOf, verifyBytes } from '../../oci/digest.js';
import { MANIFEST_MEDIA_TYPES } from '../../oci/mediatypes.js';
import { parseDigest, type Digest } from '../../oci/names.js';
import type { RegistryReference } from '../../oci/reference.js';
import { headDisabled } from '../../config/hostconfig.js';
import { parseRateLimit } from '../../transport/ratelimit.js';
import { header, readBounded } from '../../transport/response.js';
import { apiPath, expectStatus, retryingBrokenBody } from './http.js';
import type { RegistrySession } from './session.js';
import type { FetchedManifest, ManifestHead } from '../store.js';
import type { RegistryResponse } from '../../transport/client.js';

const BLOB_UNKNOWN_ATTEMPTS = 4;
const BLOB_UNKNOWN_DELAY_MS = 150;
const ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

export function manifestName(ref: RegistryReference): string {
  return `manifest ${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

function referenceOf(ref: RegistryReference): string {
  const target = ref.digest ?? ref.tag;
  if (target === undefined)
    throw new RegistryError('a manifest reference needs a tag or a digest', {
      status: undefined,
      registry: ref.registry,
      repository: ref.repository,
      operation: 'manifest-get',
    });
  return target;
}

function contentType(value: string | undefined): string | undefined {
  const mt = value?.split(';')[0]?.trim();
  // Some registries (and static servers) answer with a generic type; the body's own mediaType is better then.
  return mt && mt !== 'application/json' && mt !== 'text/plain' && mt !== 'application/octet-stream' ? mt : undefined;
}

function mediaTypeInBody(bytes: Uint8Array): string {
  try {
    const json = JSON.parse(Buffer.from(bytes).toString('utf8')) as { mediaType?: unknown; manifests?: unknown; config?: unknown };
    if (typeof json.mediaType === 'string') return json.mediaType;
    if (Array.isArray(json.manifests)) return 'application/vnd.oci.image.index.v1+json';
    if (typeof json.config === 'object') return 'application/vnd.oci.image.manifest.v1+json';
  } catch {
    // Not JSON: the caller's parse will say so with context.
  }
  return '';
}

export async function headManifest(ctx: RegistrySession, ref: RegistryReference): Promise<ManifestHead | undefined> {
  if (headDisabled(ctx.client.host)) return getForHead(ctx, ref);
  const res = await ctx.client.request({
    method: 'HEAD',
    target: apiPath(ctx, ref.repository, `manifests/${referenceOf(ref)}`),
    repository: ref.repository,
    operation: 'manifest-head',
    headers: { accept: ACCEPT },
  });
  await res.body.dump();
  if (res.status === 404) return undefined;
  await expectStatus(res, [200], ctx, ref.repository, 'manifest-head', manifestName(ref));
  const digest = ref.digest ?? headerDigest(ctx, ref, header(res.headers, 'docker-content-digest'));
  const mediaType = contentType(header(res.headers, 'content-type'));
  const length = header(res.headers, 'content-length');
  // Without a digest header (or a usable type) the HEAD cannot answer: fetch the manifest and hash it.
  if (digest === undefined || mediaType === undefined || length === undefined) return getForHead(ctx, ref);
  const rateLimit = parseRateLimit(res.headers);
  return { digest, mediaType, size: Number(length), ...(rateLimit ? { rateLimit } : {}) };
}

/** A HEAD's `Docker-Content-Digest` names the manifest every later request asks for, so it is parsed first. */
function headerDigest(ctx: RegistrySession, ref: RegistryReference, value: string | undefined): Digest | undefined {
  return value === undefined ? undefined : parseDigest(value, `the Docker-Content-Digest header for ${manifestName(ref)} on ${ctx.client.registry}`);
}

async function getForHead(ctx: RegistrySession, ref: RegistryReference): Promise<ManifestHead | undefined> {
  try {
    const { bytes: _bytes, ...head } = await getManifest(ctx, ref);
    return head;
  } catch (err) {
    if (err instanceof RegistryError && err.status === 404) return undefined;
    throw err;
  }
}

export function getManifest(ctx: RegistrySession, ref: RegistryReference): Promise<FetchedManifest> {
  return retryingBrokenBody(ctx, { repository: ref.repository, operation: 'manifest-get', what: manifestName(ref) }, (notAfter) =>
    getManifestOnce(ctx, ref, notAfter),
  );
}

async function getManifestOnce(ctx: RegistrySession, ref: RegistryReference, notAfter: number): Promise<FetchedManifest> {
  const what = manifestName(ref);
  const res = await ctx.client.request({
    method: 'GET',
    target: apiPath(ctx, ref.repository, `manifests/${referenceOf(ref)}`),
    repository: ref.repository,
    operation: 'manifest-get',
    headers: { accept: ACCEPT },
    notAfter,
  });
  await expectStatus(res, [200], ctx, ref.repository, 'manifest-get', what);
  const bytes = await readBounded(res, {
    registry: ctx.client.registry,
    secrets: ctx.client.secrets,
    repository: ref.repository,
    operation: 'manifest-get',
    what,
    limit: ctx.client.bounds.manifestBytes,
    bound: 'manifestBytes',
  });
  const headerDigest = header(res.headers, 'docker-content-digest');
  const expected = ref.digest ?? headerDigest;
  if (expected !== undefined) verifyBytes(bytes, expected, what);
  if (ref.digest !== undefined && headerDigest !== undefined && headerDigest !== ref.digest && digestAlgorithm(headerDigest) === digestAlgorithm(ref.digest)) {
    throw new DigestMismatchError(ref.digest, headerDigest, `${what} (Docker-Content-Digest header)`);
  }
  const rateLimit = parseRateLimit(res.headers);
  return {
    digest: expected ?? digestOf(bytes),
    mediaType: contentType(header(res.headers, 'content-type')) ?? mediaTypeInBody(bytes),
    size: bytes.length,
    bytes,
    ...(rateLimit ? { rateLimit } : {}),
  };
}

export interface PutManifestResult {
  digest: string;
  /** The registry processed the `subject` itself (OCI distribution spec 1.1, `OCI-Subject` header). */
  subjectHandled: boolean;
}

export async function putManifest(ctx: RegistrySession, ref: RegistryReference, bytes: Uint8Array, mediaType: string): Promise<PutManifestResult> {
  const where = `${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}`;
  const limit = ctx.client.bounds.manifestBytes;
  if (bytes.length > limit) {
    throw new RegistryLimitError(`manifest for ${where} is ${bytes.length} bytes`, {
      status: undefined,
      registry: ctx.client.registry,
      repository: ref.repository,
      operation: 'manifest-put',
      setting: boundKey('manifestBytes'),
      limit: formatBytes(limit),
    });
  }
  const digest = digestOf(bytes, ref.digest ? digestAlgorithm(ref.digest) : 'sha256');
  if (ref.digest !== undefined && ref.digest !== digest) throw new DigestMismatchError(ref.digest, digest, `manifest for ${where}`);
  for (let attempt = 1; ; attempt++) {
    const res = await ctx.client.request({
      method: 'PUT',
      target: apiPath(ctx, ref.repository, `manifests/${ref.tag ?? digest}`),
      repository: ref.repository,
      operation: 'manifest-put',
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    try {
      await expectStatus(res, [200, 201, 202, 204], ctx, ref.repository, 'manifest-put', `manifest ${where}`);
    } catch (err) {
      // Callers put a manifest only after its blobs are in. distribution's filesystem driver rewrites a blob's link
      // file in place when another writer commits the same blob, so for a moment the blob reads as unknown: that
      // answer is worth a second look before it is believed.
      if (attempt >= BLOB_UNKNOWN_ATTEMPTS || !(err instanceof RegistryError) || !err.codes.includes('MANIFEST_BLOB_UNKNOWN')) throw err;
      await sleep(BLOB_UNKNOWN_DELAY_MS * attempt);
      continue;
    }
    await res.body.dump();
    return finishPut(res, digest, where);
  }
}

function finishPut(res: RegistryResponse, digest: string, where: string): PutManifestResult {
  const reported = header(res.headers, 'docker-content-digest');
  if (reported !== undefined && reported.startsWith(`${digestAlgorithm(digest)}:`) && reported !== digest) {
    throw new DigestMismatchError(digest, reported, `manifest ${where} as stored by the registry`);
  }
  return { digest, subjectHandled: header(res.headers, 'oci-subject') !== undefined };
}

export async function deleteManifestByDigest(ctx: RegistrySession, repository: string, digest: string): Promise<void> {
  const res = await ctx.client.request({ method: 'DELETE', target: apiPath(ctx, repository, `manifests/${digest}`), repository, operation: 'manifest-delete' });
  await expectStatus(res, [200, 202, 204], ctx, repository, 'manifest-delete', `manifest ${repository}@${digest}`);
  await res.body.dump();
}
