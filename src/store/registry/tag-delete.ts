// Deleting one tag without touching other tags on the same manifest. The distribution API only deletes manifests
// by digest (which takes every tag with it); OCI distribution 1.1 allows DELETE by tag, which distribution 2.8
// refuses. Fallback, as regclient does: point the tag at a throwaway manifest of the same family, then delete that
// manifest by digest. Only the throwaway and the tag go; the old digest and its other tags stay.
import { Readable } from 'node:stream';
import { RegistryError } from '../../errors.js';
import { digestOf } from '../../oci/digest.js';
import { MediaType } from '../../oci/mediatypes.js';
import type { ImageManifest } from '../../oci/manifest.js';
import type { RegistryReference } from '../../oci/reference.js';
import type { ManifestHead } from '../store.js';
import { apiPath, expectStatus, type RegistryContext } from './http.js';
import { headBlob } from './blob.js';
import { deleteManifestByDigest, headManifest, putManifest } from './manifest.js';
import { oneAtATime } from './turns.js';
import { putBlob } from './upload.js';

const EMPTY_JSON = Buffer.from('{}');

/**
 * One throwaway per repository and family, the same bytes every time: its blobs go up once, and each tag delete
 * after the first is one manifest PUT and one DELETE. Several tags pointing at it at once would all go with its
 * DELETE, which is no harm: only tags being deleted are ever pointed at it, and within a process one at a time.
 */
const THROWAWAY_CONFIG = (layer: string): Buffer =>
  Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { 'org.regkit.throwaway': 'points a tag being deleted away from its image' } }, rootfs: { type: 'layers', diff_ids: [layer] } }));

interface WaitingTag {
  ref: RegistryReference & { tag: string };
  settle: (err?: unknown) => void;
}

/** What tag deletes on one client share. */
interface ClientMemo {
  /** The throwaway blobs' upload per repository and family, shared while in flight. */
  blobsIn: Map<string, Promise<unknown>>;
  tagDeleteRefused: boolean;
  /** Tags waiting for their repository's next turn, by repository and throwaway type. */
  waiting: Map<string, WaitingTag[]>;
}

const memos = new WeakMap<object, ClientMemo>();

function memoFor(ctx: RegistryContext): ClientMemo {
  let memo = memos.get(ctx.client);
  if (!memo) memos.set(ctx.client, (memo = { blobsIn: new Map(), tagDeleteRefused: false, waiting: new Map() }));
  return memo;
}

async function ensureBlob(ctx: RegistryContext, repository: string, bytes: Buffer, mediaType: string): Promise<{ mediaType: string; digest: string; size: number }> {
  const desc = { mediaType, digest: digestOf(bytes), size: bytes.length };
  if ((await headBlob(ctx, repository, desc.digest)) === undefined) await putBlob(ctx, repository, desc, Readable.from([bytes]));
  return desc;
}

export async function throwawayManifest(ctx: RegistryContext, repository: string, docker: boolean): Promise<{ bytes: Buffer; mediaType: string }> {
  const emptyLayer = { mediaType: docker ? MediaType.DockerLayerGzip : MediaType.OciLayer, digest: digestOf(EMPTY_JSON), size: EMPTY_JSON.length };
  const config = THROWAWAY_CONFIG(emptyLayer.digest);
  const configDesc = { mediaType: docker ? MediaType.DockerConfig : MediaType.OciConfig, digest: digestOf(config), size: config.length };
  const memo = memoFor(ctx);
  const key = `${docker ? 'docker' : 'oci'} ${repository}`;
  let uploaded = memo.blobsIn.get(key);
  if (!uploaded) {
    uploaded = Promise.all([ensureBlob(ctx, repository, EMPTY_JSON, emptyLayer.mediaType), ensureBlob(ctx, repository, config, configDesc.mediaType)]);
    memo.blobsIn.set(key, uploaded);
    // A failed upload is tried again by the next delete rather than remembered.
    uploaded.catch(() => memo.blobsIn.delete(key));
  }
  await uploaded;
  const mediaType = docker ? MediaType.DockerManifest : MediaType.OciManifest;
  const manifest: ImageManifest = { schemaVersion: 2, mediaType, config: configDesc, layers: [emptyLayer] };
  return { bytes: Buffer.from(JSON.stringify(manifest)), mediaType };
}

/** `current`: the tag's manifest as the caller has just seen it, so it is not looked up again. */
export async function deleteTag(ctx: RegistryContext, ref: RegistryReference & { tag: string }, current?: ManifestHead): Promise<void> {
  const name = `tag ${ref.repository}:${ref.tag}`;
  current ??= await headManifest(ctx, ref);
  if (!current) throw new RegistryError(`${name} not found`, { status: 404, registry: ctx.client.registry, repository: ref.repository, operation: 'tag-delete' });

  const memo = memoFor(ctx);
  if (!memo.tagDeleteRefused) {
    const res = await ctx.client.request({ method: 'DELETE', target: apiPath(ctx, ref.repository, `manifests/${ref.tag}`), repository: ref.repository, operation: 'tag-delete' });
    if (res.status === 202 || res.status === 200 || res.status === 204) {
      await res.body.dump();
      return;
    }
    // 405 is how distribution says deletes are disabled; going on would leave the tag on the throwaway manifest.
    if (res.status === 405 || res.status === 401 || res.status === 403) await expectStatus(res, [], ctx, ref.repository, 'tag-delete', name);
    await res.body.dump();
    // A registry that refuses DELETE by tag once refuses it for every tag: not asked again.
    memo.tagDeleteRefused = true;
  }

  // Same family as the tag's manifest: a registry that only takes Docker types still takes the throwaway.
  const throwaway = await throwawayManifest(ctx, ref.repository, current.mediaType.startsWith('application/vnd.docker.'));
  await pointAwayAndDelete(ctx, ref, throwaway);
  ctx.logger.debug('deleted a tag through a throwaway manifest', { registry: ctx.client.registry, repository: ref.repository, tag: ref.tag, previous: current.digest });
}

/**
 * Points the tag at the throwaway and deletes the throwaway by digest, which takes the tag with it. distribution
 * deletes a manifest by reading every tag link of the repository, while a tag PUT rewrites its link file in place: a
 * DELETE that meets a PUT reads a half-written link and answers 500 for a delete it partly made. So within one
 * repository the PUTs and the DELETE take turns; tags that arrive while a turn runs wait together, and the next turn
 * points them all at the throwaway and deletes it once for all of them.
 */
function pointAwayAndDelete(ctx: RegistryContext, ref: RegistryReference & { tag: string }, throwaway: { bytes: Buffer; mediaType: string }): Promise<void> {
  const byKey = memoFor(ctx).waiting;
  const turn = `tag-delete ${ref.repository}`;
  const key = `${turn} ${throwaway.mediaType}`;
  return new Promise<void>((resolve, reject) => {
    const entry: WaitingTag = { ref, settle: (err) => (err === undefined ? resolve() : reject(err)) };
    const open = byKey.get(key);
    if (open) return void open.push(entry);
    const batch = [entry];
    byKey.set(key, batch);
    void oneAtATime(ctx, turn, async () => {
      byKey.delete(key);
      // deleteBatch settles every tag itself; this catches what it did not foresee, so no caller waits forever.
      await deleteBatch(ctx, batch, throwaway).catch((err: unknown) => batch.forEach((w) => w.settle(err ?? new Error('tag delete failed'))));
    });
  });
}

async function deleteBatch(ctx: RegistryContext, batch: WaitingTag[], throwaway: { bytes: Buffer; mediaType: string }): Promise<void> {
  const puts = await Promise.allSettled(batch.map((w) => putManifest(ctx, w.ref, throwaway.bytes, throwaway.mediaType)));
  const pointed: WaitingTag[] = [];
  let digest: string | undefined;
  puts.forEach((put, i) => {
    if (put.status === 'rejected') return batch[i]!.settle(put.reason);
    pointed.push(batch[i]!);
    digest = put.value.digest;
  });
  if (digest === undefined) return;
  try {
    await deleteManifestByDigest(ctx, batch[0]!.ref.repository, digest);
  } catch (err) {
    // Another process deleting tags here took the throwaway, and these tags with it: they are gone either way.
    if (!(err instanceof RegistryError && err.status === 404)) {
      for (const w of pointed) w.settle(err);
      return;
    }
  }
  for (const w of pointed) w.settle();
}
