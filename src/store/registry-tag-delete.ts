// Deleting one tag without touching other tags on the same manifest. The distribution API only deletes manifests
// by digest (which takes every tag with it); OCI distribution 1.1 allows DELETE by tag, which distribution 2.8
// refuses. Fallback, as regclient does: point the tag at a throwaway manifest of the same family, then delete that
// manifest by digest. Only the throwaway and the tag go; the old digest and its other tags stay.
import { Readable } from 'node:stream';
import { RegistryError } from '../errors.js';
import { digestOf } from '../oci/digest.js';
import { MediaType } from '../oci/mediatypes.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { RegistryReference } from '../ref.js';
import { apiPath, expectStatus, type RegistryContext } from './registry-http.js';
import { headBlob } from './registry-blob.js';
import { deleteManifestByDigest, headManifest, putManifest } from './registry-manifest.js';
import { putBlob } from './registry-upload.js';

const EMPTY_JSON = Buffer.from('{}');

async function ensureBlob(ctx: RegistryContext, repository: string, bytes: Buffer, mediaType: string): Promise<{ mediaType: string; digest: string; size: number }> {
  const desc = { mediaType, digest: digestOf(bytes), size: bytes.length };
  if ((await headBlob(ctx, repository, desc.digest)) === undefined) await putBlob(ctx, repository, desc, Readable.from([bytes]));
  return desc;
}

// distribution deletes a manifest by reading every tag link of the repository, while a tag PUT rewrites its link file
// in place: a DELETE that meets another throwaway's PUT reads a half-written link and answers 500 for a delete it
// partly made. So within one repository, the PUT-then-DELETE pairs of parallel tag deletes take turns.
const turns = new WeakMap<object, Map<string, Promise<void>>>();

async function oneAtATime(ctx: RegistryContext, repository: string, work: () => Promise<void>): Promise<void> {
  let queues = turns.get(ctx.client);
  if (!queues) turns.set(ctx.client, (queues = new Map()));
  const before = queues.get(repository) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.catch(() => undefined);
  queues.set(repository, settled);
  try {
    await mine;
  } finally {
    if (queues.get(repository) === settled) queues.delete(repository);
  }
}

export async function deleteTag(ctx: RegistryContext, ref: RegistryReference & { tag: string }): Promise<void> {
  const name = `tag ${ref.repository}:${ref.tag}`;
  const current = await headManifest(ctx, ref);
  if (!current) throw new RegistryError(`${name} not found`, { status: 404, registry: ctx.client.registry, repository: ref.repository, operation: 'tag-delete' });

  const res = await ctx.client.request({ method: 'DELETE', target: apiPath(ctx, ref.repository, `manifests/${ref.tag}`), repository: ref.repository, operation: 'tag-delete' });
  if (res.status === 202 || res.status === 200 || res.status === 204) {
    await res.body.dump();
    return;
  }
  // 405 is how distribution says deletes are disabled; going on would leave the tag on the throwaway manifest.
  if (res.status === 405 || res.status === 401 || res.status === 403) await expectStatus(res, [], ctx, ref.repository, 'tag-delete', name);
  await res.body.dump();

  // Same family as the tag's manifest: a registry that only takes Docker types still takes the throwaway.
  const docker = current.mediaType.startsWith('application/vnd.docker.');
  const layer = await ensureBlob(ctx, ref.repository, EMPTY_JSON, docker ? MediaType.DockerLayerGzip : MediaType.OciLayer);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: { 'delete-tag': ref.tag, 'delete-date': new Date().toISOString() } },
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
    }),
  );
  // The config carries the time, so it is always new: push it without asking first.
  const configDesc = { mediaType: docker ? MediaType.DockerConfig : MediaType.OciConfig, digest: digestOf(config), size: config.length };
  await putBlob(ctx, ref.repository, configDesc, Readable.from([config]));
  const manifestType = docker ? MediaType.DockerManifest : MediaType.OciManifest;
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: manifestType, config: configDesc, layers: [layer] };
  await oneAtATime(ctx, ref.repository, async () => {
    const { digest } = await putManifest(ctx, ref, Buffer.from(JSON.stringify(manifest)), manifestType);
    await deleteManifestByDigest(ctx, ref.repository, digest);
  });
  ctx.logger.debug('deleted a tag through a throwaway manifest', { registry: ctx.client.registry, repository: ref.repository, tag: ref.tag, previous: current.digest });
}
