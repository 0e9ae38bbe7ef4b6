// Blob uploads (distribution spec "Pushing blobs"): POST opens a session, then one monolithic PUT streams the body,
// or, above `blobMax`, PATCH chunks (at least `OCI-Chunk-Min-Length` each) and a closing PUT with the digest.
// Bytes pass through DigestVerifier on the way out, so a body that does not match its digest never completes.
//
// Retry choice: a streamed body cannot be replayed, so a failed upload is not retried here. The session is
// cancelled and the error (RegistryError with `retryable`, or DigestMismatchError) goes to the caller, which retries
// by re-opening its source and calling putBlob again: a fresh session. Chunk PATCHes are buffers and are retried.
import type { Readable } from 'node:stream';
import { DigestMismatchError, RegistryError } from '../../errors.js';
import { DigestVerifier } from '../../oci/digest.js';
import type { Descriptor } from '../../oci/manifest.js';
import type { RegistryResponse } from '../../transport/client.js';
import { DEFAULT_BLOB_CHUNK, MAX_BLOB_CHUNK } from '../../config/hostconfig.js';
import { header } from '../../transport/response.js';
import { repositoryScope } from '../../transport/auth/scope.js';
import { apiPath, expectStatus, resolveLocation } from './http.js';
import type { RegistrySession } from './session.js';
import type { BlobContent } from '../store.js';

const OCTET_STREAM = 'application/octet-stream';

interface UploadSession {
  location: URL;
  /** `OCI-Chunk-Min-Length`: the smallest PATCH the registry accepts (OCI distribution spec 1.1). */
  minChunk: number | undefined;
}

async function openSession(ctx: RegistrySession, repository: string, digest: string): Promise<UploadSession> {
  const res = await ctx.client.request({
    method: 'POST',
    target: apiPath(ctx, repository, 'blobs/uploads/'),
    repository,
    operation: 'blob-put',
    headers: { 'content-length': '0' },
  });
  await expectStatus(res, [202], ctx, repository, 'blob-put', `upload of blob ${digest}`);
  await res.body.dump();
  const min = header(res.headers, 'oci-chunk-min-length');
  return {
    location: resolveLocation(res, ctx, repository, 'blob-put', 'the upload request'),
    minChunk: min !== undefined && /^\d+$/.test(min) ? Number(min) : undefined,
  };
}

/** Cancels an upload session; best effort, since the failure that led here is what the caller needs to see. */
async function cancelSession(ctx: RegistrySession, repository: string, location: URL): Promise<void> {
  try {
    const res = await ctx.client.request({ method: 'DELETE', target: location.href, repository, operation: 'blob-put' });
    await res.body.dump();
  } catch (err) {
    ctx.logger.debug('could not cancel an upload session', { registry: ctx.client.registry, repository, error: (err as Error).message });
  }
}

function withDigest(location: URL, digest: string): string {
  const url = new URL(location);
  url.searchParams.set('digest', digest);
  return url.href;
}

export async function putBlob(ctx: RegistrySession, repository: string, desc: Descriptor, content: BlobContent): Promise<void> {
  const verifier = new DigestVerifier(desc.digest, desc.size, `blob ${desc.digest}`, ctx.spent);
  let verifyError: Error | undefined;
  verifier.on('error', (err) => (verifyError ??= err));
  // A source still answering: the session opens meanwhile, and its body flows into the verifier when it comes.
  let source: Readable | undefined;
  void Promise.resolve(content).then(
    (body) => {
      source = body;
      body.on('error', (err) => verifier.destroy(err));
      if (verifier.destroyed) body.destroy();
      else body.pipe(verifier);
    },
    (err: unknown) => verifier.destroy(err instanceof Error ? err : new Error(String(err))),
  );

  let session: UploadSession | undefined;
  try {
    session = await openSession(ctx, repository, desc.digest);
    const blobMax = ctx.client.host.blobMax ?? -1;
    if (blobMax > 0 && desc.size > blobMax) await uploadChunked(ctx, repository, desc, verifier, session);
    else await uploadMonolithic(ctx, repository, desc, verifier, session);
  } catch (err) {
    source?.unpipe(verifier);
    source?.destroy();
    verifier.destroy();
    if (session) await cancelSession(ctx, repository, session.location);
    // The verifier's verdict (a digest mismatch, or the source's own error) explains an aborted body better than
    // the socket error it caused.
    throw verifyError ?? err;
  }
}

async function uploadMonolithic(ctx: RegistrySession, repository: string, desc: Descriptor, body: Readable, session: UploadSession): Promise<void> {
  const res = await ctx.client.request({
    method: 'PUT',
    target: withDigest(session.location, desc.digest),
    repository,
    operation: 'blob-put',
    headers: { 'content-type': OCTET_STREAM, 'content-length': String(desc.size) },
    body,
    blobBytes: desc.size,
  });
  await finishUpload(ctx, repository, desc, res);
}

async function finishUpload(ctx: RegistrySession, repository: string, desc: Descriptor, res: RegistryResponse): Promise<void> {
  await expectStatus(res, [201, 204], ctx, repository, 'blob-put', `upload of blob ${desc.digest}`);
  await res.body.dump();
  const stored = header(res.headers, 'docker-content-digest');
  if (stored !== undefined && stored !== desc.digest && stored.split(':')[0] === desc.digest.split(':')[0]) {
    throw new DigestMismatchError(desc.digest, stored, `blob ${desc.digest} as stored by the registry`);
  }
}

async function uploadChunked(ctx: RegistrySession, repository: string, desc: Descriptor, body: Readable, session: UploadSession): Promise<void> {
  const wanted = Math.max(ctx.client.host.blobChunk ?? DEFAULT_BLOB_CHUNK, session.minChunk ?? 0);
  if (wanted > MAX_BLOB_CHUNK) {
    throw new RegistryError(`the registry asks for upload chunks of ${wanted} bytes, above the ${MAX_BLOB_CHUNK}-byte limit`, {
      status: undefined,
      registry: ctx.client.registry,
      repository,
      operation: 'blob-put',
      hint: 'raise blobMax so this blob goes up in one PUT',
    });
  }
  let location = session.location;
  let offset = 0;
  let pending: Buffer = Buffer.alloc(0);
  const sendChunk = async (chunk: Buffer): Promise<void> => {
    const range = `${offset}-${offset + chunk.length - 1}`;
    const res = await ctx.client.request({
      method: 'PATCH',
      target: location.href,
      repository,
      operation: 'blob-put',
      headers: { 'content-type': OCTET_STREAM, 'content-length': String(chunk.length), 'content-range': range },
      body: chunk,
      blobBytes: chunk.length,
    });
    await expectStatus(res, [202], ctx, repository, 'blob-put', `chunk ${range} of blob ${desc.digest}`);
    await res.body.dump();
    location = resolveLocation(res, ctx, repository, 'blob-put', 'a chunk upload');
    offset += chunk.length;
  };
  for await (const data of body) {
    pending = pending.length === 0 ? (data as Buffer) : Buffer.concat([pending, data as Buffer]);
    while (pending.length >= wanted) {
      await sendChunk(pending.subarray(0, wanted));
      pending = pending.subarray(wanted);
    }
  }
  // The closing PUT may carry the last chunk (distribution spec), which can be shorter than the minimum.
  const last = pending.length > 0 ? pending : undefined;
  const res = await ctx.client.request({
    method: 'PUT',
    target: withDigest(location, desc.digest),
    repository,
    operation: 'blob-put',
    headers: {
      'content-type': OCTET_STREAM,
      'content-length': String(last?.length ?? 0),
      ...(last ? { 'content-range': `${offset}-${offset + last.length - 1}` } : {}),
    },
    ...(last ? { body: last, blobBytes: last.length } : {}),
  });
  await finishUpload(ctx, repository, desc, res);
}

/** Cross-repository mount: 201 means linked; 202 means the registry opened a plain upload instead, which is cancelled. */
export async function mountBlob(ctx: RegistrySession, repository: string, digest: string, fromRepository: string): Promise<boolean> {
  const target = `${apiPath(ctx, repository, 'blobs/uploads/')}?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
  const res = await ctx.client.request({
    method: 'POST',
    target,
    repository,
    // The registry checks pull access on the source; without it in the token it silently declines the mount.
    scopes: [repositoryScope(fromRepository, ['pull'])],
    operation: 'blob-mount',
    headers: { 'content-length': '0' },
  });
  await expectStatus(res, [201, 202], ctx, repository, 'blob-mount', `mount of blob ${digest} from ${fromRepository}`);
  await res.body.dump();
  if (res.status === 201) return true;
  if (res.headers['location'] !== undefined) await cancelSession(ctx, repository, resolveLocation(res, ctx, repository, 'blob-mount', 'a declined mount'));
  return false;
}
