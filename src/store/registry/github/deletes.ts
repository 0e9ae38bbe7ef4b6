// Tag and manifest deletes on a GitHub Packages registry (ghcr.io), which answers every OCI manifest DELETE with
// 405 UNSUPPORTED. There one package version is one manifest digest, with `metadata.container.tags`, and deleting
// the version is the only delete:
// - a tag whose version carries no other tag, and which no kept index holds as a child, goes with its version;
// - a tag sharing its version (other tags, or a kept index reaching it) moves to the throwaway manifest that
//   tag-delete.ts builds, and the throwaway's version is deleted: the version and its other tags stay;
// - after a version goes, what only it held goes after it (parent first, children after): its children and its
//   `sha256-<hex>` digest-tag versions (cosign `.sig`/`.att`/`.sbom`, the referrers fallback index), unless
//   another tag or a tagged index still reaches them.
// "Kept" means reached from a tagged version; an untagged index is not a root, so children it alone holds may go.
import { RegistryError, type Operation } from '../../../errors.js';
import { digestOf } from '../../../oci/digest.js';
import { parseManifest } from '../../../oci/manifest.js';
import type { RegistryReference } from '../../../oci/reference.js';
import type { DeleteReceipt, ManifestHead, UntaggedManifest } from '../../store.js';
import type { RegistrySession } from '../session.js';
import { getManifest, headManifest, putManifest } from '../manifest.js';
import { throwawayManifest } from '../tag-delete.js';
import type { GithubPackagesApi, PackageRef, PackageVersion } from './packages.js';

/** The manifests a manifest reaches (an index's children) and the one it refers to (`subject`). */
interface ManifestLinks {
  children: string[];
  subject?: string;
}

/** What this run knows of one package: its versions as last listed (kept current with our own changes). */
interface PackageState {
  pkg: PackageRef;
  versions: PackageVersion[];
}

/** Manifest reads in flight at once while learning what reaches what. */
const MANIFEST_READS_AT_ONCE = 8;

/** `sha256-<hex>`, `sha256-<hex>.sig` …: tags named after the digest they belong to. */
function isDigestTagOf(tag: string, digest: string): boolean {
  const [alg, hex] = digest.split(':');
  return tag === `${alg}-${hex}` || tag.startsWith(`${alg}-${hex}.`);
}

export class GithubPackagesDeletes {
  private readonly states = new Map<string, Promise<PackageState>>();
  /** What each manifest points at, by digest; manifests by digest never change. */
  private readonly links = new Map<string, Promise<ManifestLinks>>();

  constructor(
    private readonly ctx: RegistrySession,
    private readonly api: GithubPackagesApi,
  ) {}

  deleteTag(ref: RegistryReference & { tag: string }, current?: ManifestHead): Promise<DeleteReceipt> {
    return this.ctx.turns.run(`github-packages ${ref.repository}`, async () => {
      const head = current ?? (await headManifest(this.ctx, ref));
      if (!head) throw this.error(`tag ${ref.repository}:${ref.tag} not found`, 404, ref.repository, 'tag-delete');
      const state = await this.stateOf(ref.repository);
      this.api.assertMayDelete(state.pkg, 'tag-delete');
      const version = await this.versionHolding(state, head.digest, ref.tag);
      const now = await this.api.version(state.pkg, version.id);
      if (now && now.tags.length === 1 && now.tags[0] === ref.tag && !(await this.reached(state, version.digest))) {
        return { githubVersionIds: await this.deleteWithDependents(state, version, 'tag-delete') };
      }
      await this.untag(state, ref, head);
      version.tags = version.tags.filter((t) => t !== ref.tag);
      return { githubVersionIds: [] };
    });
  }

  deleteManifest(ref: RegistryReference & { digest: string }): Promise<DeleteReceipt> {
    return this.ctx.turns.run(`github-packages ${ref.repository}`, async () => {
      const state = await this.stateOf(ref.repository);
      this.api.assertMayDelete(state.pkg, 'manifest-delete');
      const version = await this.versionHolding(state, ref.digest);
      return { githubVersionIds: await this.deleteWithDependents(state, version, 'manifest-delete') };
    });
  }

  /** The versions of a deleted tag's or manifest's package, for `restore` (GitHub keeps them 30 days). */
  async restore(repository: string, ids: readonly number[]): Promise<void> {
    const pkg = await this.api.packageOf(repository);
    for (const id of ids) await this.api.restoreVersion(pkg, id);
    this.states.delete(repository);
  }

  private stateOf(repository: string): Promise<PackageState> {
    let state = this.states.get(repository);
    if (!state) {
      state = (async () => {
        const pkg = await this.api.packageOf(repository);
        return { pkg, versions: await this.api.versions(pkg) };
      })();
      this.states.set(repository, state);
      state.catch(() => this.states.delete(repository));
    }
    return state;
  }

  /** The version of `digest` (holding `tag`, when given); listed again once when this run's list does not have it. */
  private async versionHolding(state: PackageState, digest: string, tag?: string): Promise<PackageVersion> {
    const find = () => state.versions.find((v) => v.digest === digest && (tag === undefined || v.tags.includes(tag)));
    let version = find();
    if (!version) {
      state.versions = await this.api.versions(state.pkg);
      version = find();
    }
    if (!version)
      throw this.error(
        `no version of package ${state.pkg.name} holds ${digest}${tag === undefined ? '' : ` with tag ${tag}`}`,
        404,
        state.pkg.repository,
        tag === undefined ? 'manifest-delete' : 'tag-delete',
      );
    return version;
  }

  private linksOf(digest: string, repository: string): Promise<ManifestLinks> {
    let found = this.links.get(digest);
    if (!found) {
      found = getManifest(this.ctx, { scheme: 'registry', registry: this.ctx.client.registry, repository, digest }).then((m) => {
        const parsed = parseManifest(m.bytes, m.mediaType);
        const subject = parsed.kind === 'index' ? parsed.index.subject?.digest : parsed.kind === 'image' ? parsed.manifest.subject?.digest : undefined;
        return { children: parsed.kind === 'index' ? parsed.index.manifests.map((d) => d.digest) : [], ...(subject !== undefined ? { subject } : {}) };
      });
      this.links.set(digest, found);
      found.catch(() => this.links.delete(digest));
    }
    return found;
  }

  /** Reads the manifests not yet known, a few at a time: a package can hold thousands, each one round trip. */
  private async prefetch(digests: readonly string[], repository: string): Promise<void> {
    const unknown = digests.filter((d) => !this.links.has(d));
    for (let i = 0; i < unknown.length; i += MANIFEST_READS_AT_ONCE)
      await Promise.all(unknown.slice(i, i + MANIFEST_READS_AT_ONCE).map((d) => this.linksOf(d, repository)));
  }

  private async childrenOf(digest: string, repository: string): Promise<string[]> {
    return (await this.linksOf(digest, repository)).children;
  }

  /**
   * Untagged versions no tag reaches: not a child (at any depth) of a tagged version, and not a referrer (`subject`)
   * of a version that stays. Listed afresh; indexes first, so a parent goes before its children.
   */
  async listUntagged(repository: string): Promise<UntaggedManifest[]> {
    const state = await this.stateOf(repository);
    state.versions = await this.api.versions(state.pkg);
    const live = new Map(state.versions.map((v) => [v.digest, v]));
    await this.prefetch([...live.keys()], repository);
    const reached = new Set<string>();
    const walk = async (digest: string): Promise<void> => {
      if (reached.has(digest) || !live.has(digest)) return;
      reached.add(digest);
      for (const child of await this.childrenOf(digest, repository)) await walk(child);
    };
    for (const v of state.versions) if (v.tags.length > 0) await walk(v.digest);
    // A referrer of an image that stays (a signature, an SBOM pushed by digest) stays with it, and so does what it reaches.
    let grew = true;
    while (grew) {
      grew = false;
      for (const v of state.versions) {
        if (reached.has(v.digest)) continue;
        const subject = (await this.linksOf(v.digest, repository)).subject;
        if (subject !== undefined && reached.has(subject)) {
          await walk(v.digest);
          grew = true;
        }
      }
    }
    const untagged = state.versions.filter((v) => !reached.has(v.digest));
    const isParent = new Map<string, boolean>();
    for (const v of untagged) isParent.set(v.digest, (await this.childrenOf(v.digest, repository)).length > 0);
    return [...untagged.filter((v) => isParent.get(v.digest)), ...untagged.filter((v) => !isParent.get(v.digest))].map((v) => ({
      digest: v.digest,
      githubVersionId: v.id,
    }));
  }

  /** Whether a tagged version other than the digest's own holds it as a child. */
  private async reached(state: PackageState, digest: string): Promise<boolean> {
    await this.prefetch(
      state.versions.filter((v) => v.tags.length > 0).map((v) => v.digest),
      state.pkg.repository,
    );
    for (const v of state.versions) {
      if (v.tags.length === 0 || v.digest === digest) continue;
      if ((await this.childrenOf(v.digest, state.pkg.repository)).includes(digest)) return true;
    }
    return false;
  }

  /** Deletes the version, then what only it held; the ids of every version deleted, parent first. */
  private async deleteWithDependents(state: PackageState, version: PackageVersion, operation: Operation): Promise<number[]> {
    // Read before the delete: the manifest is gone after it.
    const children = await this.childrenOf(version.digest, state.pkg.repository);
    await this.api.deleteVersion(state.pkg, version.id, operation);
    state.versions = state.versions.filter((v) => v.id !== version.id);
    const deleted = [version.id];
    const digestTagged = state.versions.filter((v) => v.tags.length > 0 && v.tags.every((t) => isDigestTagOf(t, version.digest)));
    const orphans = state.versions.filter((v) => v.tags.length === 0 && children.includes(v.digest));
    for (const dependent of [...digestTagged, ...orphans]) {
      if (!state.versions.includes(dependent) || (await this.reached(state, dependent.digest))) continue;
      deleted.push(...(await this.deleteWithDependents(state, dependent, operation)));
    }
    return deleted;
  }

  /**
   * Points the tag at the throwaway and deletes the throwaway's version: only the tag goes. When that delete fails the
   * tag is put back on its image; the throwaway stays behind as one untagged version, named in the error.
   */
  private async untag(state: PackageState, ref: RegistryReference & { tag: string }, head: ManifestHead): Promise<void> {
    const original = await getManifest(this.ctx, { ...ref, digest: head.digest });
    const throwaway = await throwawayManifest(this.ctx, ref.repository, head.mediaType.startsWith('application/vnd.docker.'));
    // A throwaway version left by an earlier refused run goes first: with a token whose rights GitHub does not tell in
    // advance, that delete is the probe, and a refusal now has moved nothing.
    const leftover = state.versions.find((v) => v.digest === digestOf(throwaway.bytes) && v.tags.length === 0);
    if (leftover) {
      await this.api.deleteVersion(state.pkg, leftover.id, 'tag-delete');
      state.versions = state.versions.filter((v) => v.id !== leftover.id);
    }
    const { digest } = await putManifest(this.ctx, ref, throwaway.bytes, throwaway.mediaType);
    let version: PackageVersion | undefined;
    try {
      state.versions = await this.api.versions(state.pkg);
      version = state.versions.find((v) => v.digest === digest);
      if (!version)
        throw this.error(
          `the throwaway manifest ${digest} that tag ${ref.tag} was moved to has no package version to delete`,
          undefined,
          ref.repository,
          'tag-delete',
        );
      await this.api.deleteVersion(state.pkg, version.id, 'tag-delete');
    } catch (err) {
      const { digest: _digest, ...tagged } = ref;
      await putManifest(this.ctx, tagged, original.bytes, original.mediaType);
      this.ctx.logger.warn('tag put back on its image after the throwaway could not be deleted', {
        registry: this.ctx.client.registry,
        repository: ref.repository,
        tag: ref.tag,
        digest: head.digest,
        ...(version ? { leftVersion: version.id } : {}),
      });
      throw err;
    }
    state.versions = state.versions.filter((v) => v.id !== version.id);
    this.ctx.logger.debug('deleted a tag through a throwaway package version', {
      registry: this.ctx.client.registry,
      repository: ref.repository,
      tag: ref.tag,
      version: version.id,
    });
  }

  private error(message: string, status: number | undefined, repository: string, operation: Operation): RegistryError {
    return new RegistryError(message, { status, registry: this.ctx.client.registry, repository, operation });
  }
}
