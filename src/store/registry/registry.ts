// The Store for a registry speaking the distribution API v2 / OCI distribution spec 1.1. Each job lives in its own
// module (manifests, blobs, uploads, lists, referrers, tag delete); this class checks references and wires them up.
import type { Readable } from 'node:stream';
import { RegistryError, UsageError } from '../../errors.js';
import type { Descriptor } from '../../oci/manifest.js';
import type { Tag } from '../../oci/names.js';
import type { Reference, RegistryReference } from '../../oci/reference.js';
import { getBlob, headBlob } from './blob.js';
import { registryRef } from './http.js';
import type { RegistrySession } from './session.js';
import { listRepositories, listTags } from './list.js';
import { deleteManifestByDigest, getManifest, headManifest, manifestName, putManifest } from './manifest.js';
import { addToFallbackIndex, listReferrers, referrerDescriptor } from './referrers.js';
import { deleteTag } from './tag-delete.js';
import { mountBlob, putBlob } from './upload.js';
import { GithubPackagesDeletes } from './github/deletes.js';
import type { DockerHubApi } from './dockerhub/hub.js';
import type {
  BlobContent,
  DeleteReceipt,
  FetchedManifest,
  ListOptions,
  ListsUntagged,
  ManifestHead,
  ReferrerOptions,
  RestoresDeleted,
  Store,
  UntaggedManifest,
} from '../store.js';

function subjectOf(bytes: Uint8Array): string | undefined {
  try {
    const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as { subject?: { digest?: unknown } };
    return typeof m.subject?.digest === 'string' ? m.subject.digest : undefined;
  } catch {
    return undefined;
  }
}

export class RegistryStore implements Store, RestoresDeleted, ListsUntagged {
  readonly kind = 'registry' as const;
  private readonly githubDeletes: GithubPackagesDeletes | undefined;

  constructor(private readonly ctx: RegistrySession) {
    this.githubDeletes = ctx.githubPackages && new GithubPackagesDeletes(ctx, ctx.githubPackages);
  }

  get registry(): string {
    return this.ctx.client.registry;
  }

  headManifest(ref: Reference): Promise<ManifestHead | undefined> {
    return headManifest(this.ctx, registryRef(this.ctx, ref));
  }

  getManifest(ref: Reference): Promise<FetchedManifest> {
    return getManifest(this.ctx, registryRef(this.ctx, ref));
  }

  async putManifest(ref: Reference, bytes: Uint8Array, mediaType: string): Promise<string> {
    const r = registryRef(this.ctx, ref);
    const { digest, subjectHandled } = await putManifest(this.ctx, r, bytes, mediaType);
    const subject = subjectOf(bytes);
    if (subject !== undefined && !subjectHandled) {
      await addToFallbackIndex(this.ctx, { ...r, digest: subject }, referrerDescriptor(bytes, mediaType, digest));
    }
    return digest;
  }

  async deleteManifest(ref: Reference): Promise<DeleteReceipt | void> {
    const r = registryRef(this.ctx, ref);
    let digest = r.digest;
    if (digest === undefined) {
      const head = await headManifest(this.ctx, r);
      if (!head)
        throw new RegistryError(`${manifestName(r)} not found`, { status: 404, registry: r.registry, repository: r.repository, operation: 'manifest-delete' });
      digest = head.digest;
    }
    if (this.githubDeletes) return this.githubDeletes.deleteManifest({ ...r, digest });
    await deleteManifestByDigest(this.ctx, r.repository, digest);
  }

  headBlob(repo: Reference, digest: string): Promise<number | undefined> {
    return headBlob(this.ctx, registryRef(this.ctx, repo).repository, digest);
  }

  getBlob(repo: Reference, desc: Descriptor): Promise<Readable> {
    return getBlob(this.ctx, registryRef(this.ctx, repo).repository, desc);
  }

  /** One upload session; on failure the session is cancelled and the caller retries with a re-opened source. */
  putBlob(repo: Reference, desc: Descriptor, content: BlobContent): Promise<void> {
    return putBlob(this.ctx, registryRef(this.ctx, repo).repository, desc, content);
  }

  mountBlob(repo: Reference, digest: string, from: Reference): Promise<boolean> {
    const target = registryRef(this.ctx, repo);
    const source = registryRef(this.ctx, from);
    if (source.repository === target.repository) return Promise.resolve(true);
    return mountBlob(this.ctx, target.repository, digest, source.repository);
  }

  listTags(repo: Reference, opts?: ListOptions): Promise<Tag[]> {
    return listTags(this.ctx, registryRef(this.ctx, repo).repository, opts);
  }

  listRepositories(opts?: ListOptions): Promise<string[]> {
    return listRepositories(this.ctx, opts);
  }

  async listReferrers(ref: Reference, opts?: ReferrerOptions): Promise<Descriptor[]> {
    const r = registryRef(this.ctx, ref);
    let digest = r.digest;
    if (digest === undefined) {
      const head = await headManifest(this.ctx, r);
      if (!head)
        throw new RegistryError(`${manifestName(r)} not found`, { status: 404, registry: r.registry, repository: r.repository, operation: 'referrers' });
      digest = head.digest;
    }
    return listReferrers(this.ctx, { ...r, digest }, opts);
  }

  deleteTag(ref: Reference, current?: ManifestHead): Promise<DeleteReceipt | void> {
    const r: RegistryReference = registryRef(this.ctx, ref);
    if (r.tag === undefined)
      throw new RegistryError('deleting a tag needs a reference with a tag', {
        status: undefined,
        registry: r.registry,
        repository: r.repository,
        operation: 'tag-delete',
      });
    if (this.githubDeletes) return this.githubDeletes.deleteTag({ ...r, tag: r.tag }, current);
    if (this.ctx.dockerHub) return this.deleteHubTag(this.ctx.dockerHub, { ...r, tag: r.tag }, current);
    return deleteTag(this.ctx, { ...r, tag: r.tag }, current);
  }

  /** Docker Hub: the tag goes through the Hub API; the manifest stays, untagged, with any other tags it has. */
  private async deleteHubTag(hub: DockerHubApi, ref: RegistryReference & { tag: string }, current?: ManifestHead): Promise<void> {
    if (!current && !(await headManifest(this.ctx, ref)))
      throw new RegistryError(`tag ${ref.repository}:${ref.tag} not found`, {
        status: 404,
        registry: ref.registry,
        repository: ref.repository,
        operation: 'tag-delete',
      });
    await hub.deleteTag(ref.repository, ref.tag);
  }

  listUntagged(repo: Reference): Promise<UntaggedManifest[]> {
    const r = registryRef(this.ctx, repo);
    if (!this.githubDeletes)
      throw new UsageError(
        `${r.registry} has no API that lists untagged manifests: the untagged policy works on GitHub Packages registries (ghcr.io, or a host with api: github)`,
      );
    return this.githubDeletes.listUntagged(r.repository);
  }

  restoreDeleted(repo: Reference, githubVersionIds: readonly number[]): Promise<void> {
    const r = registryRef(this.ctx, repo);
    if (!this.githubDeletes)
      throw new UsageError(
        `${r.registry} has no API to restore deleted images: restore works on GitHub Packages registries (ghcr.io, or a host with api: github)`,
      );
    return this.githubDeletes.restore(r.repository, githubVersionIds);
  }

  close(): Promise<void> {
    return this.ctx.close();
  }
}
