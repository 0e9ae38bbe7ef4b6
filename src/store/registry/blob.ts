// Blob HEAD and streaming GET. Redirects to storage are followed by the client without the Authorization header.
import type { Readable } from 'node:stream';
import type { Descriptor } from '../../oci/manifest.js';
import { header } from '../../transport/response.js';
import { apiPath, expectStatus } from './http.js';
import type { RegistrySession } from './session.js';

export async function headBlob(ctx: RegistrySession, repository: string, digest: string): Promise<number | undefined> {
  const res = await ctx.client.request({ method: 'HEAD', target: apiPath(ctx, repository, `blobs/${digest}`), repository, operation: 'blob-head' });
  await res.body.dump();
  if (res.status === 404) return undefined;
  await expectStatus(res, [200], ctx, repository, 'blob-head', `blob ${digest}`);
  const length = header(res.headers, 'content-length');
  return length === undefined ? 0 : Number(length);
}

/** The body as the registry sends it: unverified, so the consumer pipes it through DigestVerifier. */
export async function getBlob(ctx: RegistrySession, repository: string, desc: Descriptor): Promise<Readable> {
  const res = await ctx.client.request({
    method: 'GET',
    target: apiPath(ctx, repository, `blobs/${desc.digest}`),
    repository,
    operation: 'blob-get',
    blobBytes: desc.size,
  });
  await expectStatus(res, [200], ctx, repository, 'blob-get', `blob ${desc.digest}`);
  return res.body;
}
