// Deleting one tag without touching other tags on the same manifest, on a registry without a vendor API for it (those
// are github/ and dockerhub/). The way is chosen once per registry from its answers and kept in the session
// (session.ts, TagDeleteWay; docs/registries.md): OCI distribution 1.1 allows DELETE by tag, and a registry that
// answers it 202 (distribution 3, Quay, GitLab) gets one DELETE per tag. distribution 2.8 refuses it; there, as
// regclient does, the tag is pointed at a throwaway manifest of the same family, which is then deleted by digest: only
// the throwaway and the tag go; the old digest and its other tags stay. Many hosted registries refuse DELETE by tag
// with 400/404 and DELETE by digest with 403/405: there the tag would be left on the throwaway, so before any tag moves
// the registry is asked, once per repository, to delete a digest no manifest has. Should the throwaway still not go,
// each tag is put back on its manifest.
import { Readable } from 'node:stream';
import { RegistryError } from '../../errors.js';
import { digestOf } from '../../oci/digest.js';
import { MediaType } from '../../oci/mediatypes.js';
import type { ImageManifest } from '../../oci/manifest.js';
import type { RegistryReference } from '../../oci/reference.js';
import type { ManifestHead } from '../store.js';
import { apiPath, expectStatus } from './http.js';
import type { DeleteProbe, RegistrySession, TagDeleteWay, WaitingTag } from './session.js';
import { headBlob } from './blob.js';
import { deleteManifestByDigest, getManifest, headManifest, putManifest } from './manifest.js';
import { putBlob } from './upload.js';

const EMPTY_JSON = Buffer.from('{}');

/**
 * One throwaway per repository and family, the same bytes every time: its blobs go up once, and each tag delete
 * after the first is one manifest PUT and one DELETE. Several tags pointing at it at once would all go with its
 * DELETE, which is no harm: only tags being deleted are ever pointed at it, and within a process one at a time.
 */
const THROWAWAY_CONFIG = (layer: string): Buffer =>
  Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Labels: { 'org.regkit.throwaway': 'points a tag being deleted away from its image' } },
      rootfs: { type: 'layers', diff_ids: [layer] },
    }),
  );

async function ensureBlob(
  ctx: RegistrySession,
  repository: string,
  bytes: Buffer,
  mediaType: string,
): Promise<{ mediaType: string; digest: string; size: number }> {
  const desc = { mediaType, digest: digestOf(bytes), size: bytes.length };
  if ((await headBlob(ctx, repository, desc.digest)) === undefined) await putBlob(ctx, repository, desc, Readable.from([bytes]));
  return desc;
}

export async function throwawayManifest(ctx: RegistrySession, repository: string, docker: boolean): Promise<{ bytes: Buffer; mediaType: string }> {
  const emptyLayer = { mediaType: docker ? MediaType.DockerLayerGzip : MediaType.OciLayer, digest: digestOf(EMPTY_JSON), size: EMPTY_JSON.length };
  const config = THROWAWAY_CONFIG(emptyLayer.digest);
  const configDesc = { mediaType: docker ? MediaType.DockerConfig : MediaType.OciConfig, digest: digestOf(config), size: config.length };
  const memo = ctx.tagDeletes;
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

/**
 * The digest of bytes that are not JSON, so no registry holds a manifest with it: deleting it cannot remove anything,
 * and the answer says whether this registry deletes manifests (distribution 2.8: 404 MANIFEST_UNKNOWN when deletes
 * are on, 405 UNSUPPORTED when they are off; hosted registries that refuse answer 403 or 405).
 */
export const DELETE_PROBE_DIGEST = digestOf(Buffer.from('regkit delete probe: these bytes are not JSON, so no manifest has their digest\n'));

function probeDeletes(ctx: RegistrySession, repository: string): Promise<DeleteProbe> {
  const probes = ctx.tagDeletes.probes;
  let probe = probes.get(repository);
  if (!probe) {
    probe = (async () => {
      const res = await ctx.client.request({
        method: 'DELETE',
        target: apiPath(ctx, repository, `manifests/${DELETE_PROBE_DIGEST}`),
        repository,
        operation: 'manifest-delete',
      });
      await res.body.dump();
      return { deletes: res.status === 404 || (res.status >= 200 && res.status < 300), status: res.status };
    })();
    probes.set(repository, probe);
    // A probe that could not be sent says nothing about the registry: the next delete asks again.
    probe.catch(() => probes.delete(repository));
  }
  return probe;
}

/**
 * The session's way of deleting tags (session.ts, TagDeleteWay), learned from the first DELETE by tag: a 2xx chooses
 * `by-tag` (and has deleted this tag), a refusal other than 401/403/405 chooses `throwaway`. 401/403/405 say the
 * credentials or the registry refuse deletes at all: they throw, nothing moved, and the next delete asks again.
 */
async function tagDeleteWay(ctx: RegistrySession, ref: RegistryReference & { tag: string }): Promise<'deleted' | Extract<TagDeleteWay, { kind: 'throwaway' }>> {
  const memo = ctx.tagDeletes;
  if (memo.way?.kind === 'throwaway') return memo.way;
  const name = `tag ${ref.repository}:${ref.tag}`;
  const res = await ctx.client.request({
    method: 'DELETE',
    target: apiPath(ctx, ref.repository, `manifests/${ref.tag}`),
    repository: ref.repository,
    operation: 'tag-delete',
  });
  if (res.status === 202 || res.status === 200 || res.status === 204) {
    await res.body.dump();
    if (memo.way === undefined) ctx.logger.debug('tags are deleted by OCI DELETE of the tag', { registry: ctx.client.registry });
    memo.way = { kind: 'by-tag' };
    return 'deleted';
  }
  // 405 is how distribution says deletes are disabled; going on would leave the tag on the throwaway manifest. On a
  // registry that took DELETE by tag before, any refusal is this tag's error, not a reason to change ways.
  if (res.status === 405 || res.status === 401 || res.status === 403 || memo.way?.kind === 'by-tag')
    await expectStatus(res, [], ctx, ref.repository, 'tag-delete', name);
  await res.body.dump();
  ctx.logger.debug('the registry refused DELETE by tag; tags are deleted through a throwaway manifest', { registry: ctx.client.registry, status: res.status });
  // A registry that refuses DELETE by tag once refuses it for every tag: not asked again.
  memo.way = { kind: 'throwaway', tagDeleteRefused: res.status };
  return memo.way;
}

/** `current`: the tag's manifest as the caller has just seen it, so it is not looked up again. */
export async function deleteTag(ctx: RegistrySession, ref: RegistryReference & { tag: string }, current?: ManifestHead): Promise<void> {
  const name = `tag ${ref.repository}:${ref.tag}`;
  current ??= await headManifest(ctx, ref);
  if (!current)
    throw new RegistryError(`${name} not found`, { status: 404, registry: ctx.client.registry, repository: ref.repository, operation: 'tag-delete' });

  const way = await tagDeleteWay(ctx, ref);
  if (way === 'deleted') return;
  const probe = await probeDeletes(ctx, ref.repository);
  if (!probe.deletes && probe.status !== 403 && probe.status !== 405) {
    throw new RegistryError(
      `the registry's answer to a DELETE by digest (HTTP ${probe.status}) does not show whether it deletes manifests in ${ref.repository}; nothing was moved, ${ref.repository}:${ref.tag} still names ${current.digest}`,
      {
        status: probe.status,
        registry: ctx.client.registry,
        repository: ref.repository,
        operation: 'tag-delete',
        hint: "run again later; if it persists, delete the tag with the registry's own tools",
      },
    );
  }
  if (!probe.deletes) {
    throw new RegistryError(
      `the registry does not delete manifests in ${ref.repository}: DELETE of the tag answered ${way.tagDeleteRefused}, DELETE by digest answered ${probe.status} (where deletes work, a digest no manifest has gets 404); nothing was moved, ${ref.repository}:${ref.tag} still names ${current.digest}`,
      {
        status: probe.status,
        registry: ctx.client.registry,
        repository: ref.repository,
        operation: 'tag-delete',
        hint: "enable deletes on the registry (distribution: REGISTRY_STORAGE_DELETE_ENABLED=true) or give these credentials delete permission, or delete the tag with the registry's own tools",
      },
    );
  }
  // Same family as the tag's manifest: a registry that only takes Docker types still takes the throwaway.
  const throwaway = await throwawayManifest(ctx, ref.repository, current.mediaType.startsWith('application/vnd.docker.'));
  await pointAwayAndDelete(ctx, { ref, original: current.digest }, throwaway);
  ctx.logger.debug('deleted a tag through a throwaway manifest', {
    registry: ctx.client.registry,
    repository: ref.repository,
    tag: ref.tag,
    previous: current.digest,
  });
}

/**
 * Points the tag at the throwaway and deletes the throwaway by digest, which takes the tag with it. distribution
 * deletes a manifest by reading every tag link of the repository, while a tag PUT rewrites its link file in place: a
 * DELETE that meets a PUT reads a half-written link and answers 500 for a delete it partly made. So within one
 * repository the PUTs and the DELETE take turns; tags that arrive while a turn runs wait together, and the next turn
 * points them all at the throwaway and deletes it once for all of them.
 */
function pointAwayAndDelete(ctx: RegistrySession, tag: Omit<WaitingTag, 'settle'>, throwaway: { bytes: Buffer; mediaType: string }): Promise<void> {
  const byKey = ctx.tagDeletes.waiting;
  const turn = `tag-delete ${tag.ref.repository}`;
  const key = `${turn} ${throwaway.mediaType}`;
  return new Promise<void>((resolve, reject) => {
    const entry: WaitingTag = { ...tag, settle: (err) => (err === undefined ? resolve() : reject(err)) };
    const open = byKey.get(key);
    if (open) return void open.push(entry);
    const batch = [entry];
    byKey.set(key, batch);
    void ctx.turns.run(turn, async () => {
      byKey.delete(key);
      // deleteBatch settles every tag itself; this catches what it did not foresee, so no caller waits forever.
      await deleteBatch(ctx, batch, throwaway).catch((err: unknown) => batch.forEach((w) => w.settle(err ?? new Error('tag delete failed'))));
    });
  });
}

async function deleteBatch(ctx: RegistrySession, batch: WaitingTag[], throwaway: { bytes: Buffer; mediaType: string }): Promise<void> {
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
      await Promise.all(pointed.map(async (w) => w.settle(await putBack(ctx, w, digest!, err))));
      return;
    }
  }
  for (const w of pointed) w.settle();
}

/** The throwaway could not be deleted: the tag goes back to its manifest, and the error says which way it ended. */
async function putBack(ctx: RegistrySession, w: WaitingTag, throwaway: string, cause: unknown): Promise<RegistryError> {
  const { ref, original } = w;
  const why = cause instanceof Error ? cause.message : String(cause);
  const init = {
    status: cause instanceof RegistryError ? cause.status : undefined,
    registry: ctx.client.registry,
    repository: ref.repository,
    operation: 'tag-delete' as const,
    cause,
  };
  try {
    // Read back only now: on the way that works it costs nothing (on Docker Hub a manifest GET is a counted pull), and
    // a manifest untagged a moment ago is still there by digest.
    const manifest = await getManifest(ctx, { scheme: 'registry', registry: ref.registry, repository: ref.repository, digest: original });
    await putManifest(ctx, ref, manifest.bytes, manifest.mediaType);
  } catch (err) {
    return new RegistryError(
      `the throwaway manifest ${throwaway} could not be deleted (${why}), and putting ${ref.repository}:${ref.tag} back failed too (${err instanceof Error ? err.message : String(err)}): the tag names the throwaway now`,
      {
        ...init,
        hint: `put it back with: regkit copy ${ref.registry}/${ref.repository}@${original} ${ref.registry}/${ref.repository}:${ref.tag}`,
      },
    );
  }
  return new RegistryError(
    `the throwaway manifest ${throwaway} could not be deleted (${why}); ${ref.repository}:${ref.tag} was put back on ${original}, nothing else changed`,
    {
      ...init,
      hint: 'check that these credentials may delete manifests in this repository, then run again',
    },
  );
}
