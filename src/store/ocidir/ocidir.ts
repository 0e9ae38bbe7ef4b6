// The Store over an OCI image layout directory (image-spec image-layout.md), laid out as regclient and skopeo do:
// tags are entries of `index.json` carrying `org.opencontainers.image.ref.name`; manifests are blobs too.
// A manifest pushed by digest alone is stored as a blob only (children of an index are written that way), except one
// with a `subject`: it gets an untagged entry, so referrers stay discoverable and survive `gc`.
import { createWriteStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RegistryError, UsageError, type Operation } from '../../errors.js';
import { boundsWith, type Bounds } from '../../config/bounds.js';
import type { Logger } from '../../log.js';
import type { SpentChunks } from '../../spent-buffers.js';
import { digestAlgorithm, DigestVerifier, digestOf, verifyBytes } from '../../oci/digest.js';
import { parseManifest, type Descriptor, type ImageIndex, type ParsedManifest } from '../../oci/manifest.js';
import { parseTag, type Tag } from '../../oci/names.js';
import { OCIDIR_SCHEME, type OcidirReference, type Reference } from '../../oci/reference.js';
import { keepValidNames } from '../names.js';
import { collectGarbage, reachableDigests, removeAbandonedTemps, type GcResult } from './gc.js';
import {
  blobPath,
  emptyIndex,
  ensureLayout,
  INDEX_FILE,
  LOCK_FILE,
  readFileBounded,
  makeDirectories,
  readIndex,
  readManifestBlob,
  REF_NAME_ANNOTATION,
  refNameOf,
  tagOf,
  tempPathFor,
  writeFileAtomic,
  writeIndex,
} from './layout.js';
import { FileLock } from './lock.js';
import type { BlobContent, FetchedManifest, ListOptions, ManifestHead, ReferrerOptions, Store } from '../store.js';

export interface OcidirStoreOptions {
  logger: Logger;
  /** How long to wait for another writer's `index.json.lock`. */
  lockTimeoutMs?: number;
  /** Age at which a lock file is taken to be left by a process that died. */
  staleLockMs?: number;
  /** Told of blob bytes written and verified (spent-buffers.ts). */
  spent?: SpentChunks;
  bounds?: Partial<Bounds>;
}

const DEFAULT_TAG = 'latest';

export class OcidirStore implements Store {
  readonly kind = 'ocidir' as const;
  private readonly root: string;
  private readonly logger: Logger;
  private readonly lock: FileLock;
  private readonly spent: SpentChunks | undefined;
  private readonly bounds: Bounds;
  private prepared: Promise<void> | undefined;
  private opened: Promise<void> | undefined;

  constructor(
    readonly path: string,
    opts: OcidirStoreOptions,
  ) {
    this.root = resolve(path);
    this.logger = opts.logger;
    this.spent = opts.spent;
    this.lock = new FileLock(join(this.root, LOCK_FILE), {
      logger: this.logger,
      ...(opts.lockTimeoutMs !== undefined ? { timeoutMs: opts.lockTimeoutMs } : {}),
      ...(opts.staleLockMs !== undefined ? { staleMs: opts.staleLockMs } : {}),
    });
    this.bounds = boundsWith(opts.bounds);
  }

  async headManifest(ref: Reference): Promise<ManifestHead | undefined> {
    const target = await this.resolveManifest(ref);
    if (!target) return undefined;
    const st = await stat(blobPath(this.root, target.digest)).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const mediaType = target.mediaType ?? (await readManifestBlob(this.root, target.digest, this.bounds))?.mediaType ?? '';
    return { digest: target.digest, mediaType, size: st.size };
  }

  async getManifest(ref: Reference): Promise<FetchedManifest> {
    const target = await this.resolveManifest(ref);
    if (!target) throw this.notFound('manifest-get', `no manifest tagged "${this.check(ref).tag ?? DEFAULT_TAG}"`);
    let bytes: Buffer;
    try {
      bytes = await readFileBounded(blobPath(this.root, target.digest), this.bounds.manifestBytes, 'manifestBytes');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw this.notFound('manifest-get', `manifest ${target.digest} is not in the layout`);
      throw err;
    }
    verifyBytes(bytes, target.digest, `manifest ${target.digest} in ${this.name}`);
    const mediaType = parseManifest(bytes, target.mediaType).mediaType || target.mediaType || '';
    return { digest: target.digest, mediaType, size: bytes.length, bytes };
  }

  async putManifest(ref: Reference, bytes: Uint8Array, mediaType: string): Promise<string> {
    const r = this.check(ref);
    let digest: string;
    if (r.digest !== undefined) {
      verifyBytes(bytes, r.digest, `manifest pushed as ${r.digest}`);
      digest = r.digest;
    } else {
      digest = digestOf(bytes);
    }
    const parsed = parseManifest(bytes, mediaType);
    await this.prepare();
    const file = blobPath(this.root, digest);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.size !== bytes.length) {
      await makeDirectories(dirname(file));
      await writeFileAtomic(file, bytes);
    }
    const entry: Descriptor = { mediaType: parsed.mediaType || mediaType, digest, size: bytes.length };
    const artifactType = declaredArtifactType(parsed);
    if (artifactType !== undefined) entry.artifactType = artifactType;
    if (r.tag !== undefined) {
      const tag = parseTag(r.tag, `a manifest put into ${this.name}`);
      const tagged: Descriptor = { ...entry, annotations: { [REF_NAME_ANNOTATION]: tag } };
      await this.updateIndex((index) => {
        // A moved tag keeps its place in index.json, so tag listings stay in a stable order.
        let placed = false;
        index.manifests = index.manifests.flatMap((d) => {
          if (tagOf(d) !== tag) return [d];
          if (placed) return [];
          placed = true;
          return [tagged];
        });
        if (!placed) index.manifests.push(tagged);
        return true;
      });
    } else if (subjectOf(parsed) !== undefined) {
      await this.updateIndex((index) => {
        if (index.manifests.some((d) => d.digest === digest && tagOf(d) === undefined)) return false;
        index.manifests.push(entry);
        return true;
      });
    }
    this.logger.debug('stored manifest', { layout: this.path, digest, tag: r.tag });
    return digest;
  }

  /**
   * Removes every `index.json` entry of the digest (all its tags). The manifest file itself is removed unless another
   * entry still reaches it (a child of a kept index); its config and layers stay until `gc()`.
   */
  async deleteManifest(ref: Reference): Promise<void> {
    const r = this.check(ref);
    const digest = r.digest;
    if (digest === undefined) throw new UsageError(`deleting a manifest needs a digest: ${OCIDIR_SCHEME}${r.path}@sha256:...`);
    const file = blobPath(this.root, digest);
    await this.withLock(async () => {
      const index = (await readIndex(this.root, this.bounds)) ?? emptyIndex();
      const before = index.manifests.length;
      index.manifests = index.manifests.filter((d) => d.digest !== digest);
      const present = await stat(file).then(
        () => true,
        () => false,
      );
      if (!present && index.manifests.length === before) throw this.notFound('manifest-delete', `manifest ${digest} is not in the layout`);
      if (index.manifests.length !== before) await writeIndex(this.root, index);
      if (present && !(await reachableDigests(this.root, index, this.bounds)).has(digest)) await unlink(file);
    });
    this.logger.debug('deleted manifest', { layout: this.path, digest });
  }

  async headBlob(repo: Reference, digest: string): Promise<number | undefined> {
    this.check(repo);
    const st = await stat(blobPath(this.root, digest)).catch(() => undefined);
    return st?.isFile() ? st.size : undefined;
  }

  async getBlob(repo: Reference, desc: Descriptor): Promise<Readable> {
    this.check(repo);
    try {
      const fh = await open(blobPath(this.root, desc.digest), 'r');
      return fh.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw this.notFound('blob-get', `blob ${desc.digest} is not in the layout`);
      throw err;
    }
  }

  /**
   * Streams into a temp file of the layout through a DigestVerifier, then renames it into place: a mismatch leaves
   * no file, and concurrent writers of one digest each rename a complete, identical file.
   */
  async putBlob(repo: Reference, desc: Descriptor, given: BlobContent): Promise<void> {
    const content = await given;
    this.check(repo);
    digestAlgorithm(desc.digest);
    const file = blobPath(this.root, desc.digest);
    const existing = await stat(file).catch(() => undefined);
    if (existing?.isFile() && existing.size === desc.size) {
      content.destroy();
      return;
    }
    await this.prepare();
    await makeDirectories(dirname(file));
    const tmp = tempPathFor(file);
    try {
      await pipeline(
        content,
        new DigestVerifier(desc.digest, desc.size, `blob ${desc.digest} for ${this.name}`, this.spent),
        createWriteStream(tmp, { flags: 'wx', flush: true }),
      );
      await rename(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  /** Blobs of one layout are shared by everything in it, so a mount within the same layout is a presence check. */
  async mountBlob(repo: Reference, digest: string, from: Reference): Promise<boolean> {
    this.check(repo);
    if (from.scheme !== 'ocidir' || resolve(from.path) !== this.root) return false;
    return (await this.headBlob(repo, digest)) !== undefined;
  }

  /**
   * Tags in `index.json` order, after `last` when given. The layout answers in one page, so `limit` (a page size) cuts
   * nothing: callers get what a registry gives when all pages are followed.
   */
  async listTags(repo: Reference, opts: ListOptions = {}): Promise<Tag[]> {
    this.check(repo);
    await this.open();
    const index = await readIndex(this.root, this.bounds);
    // As a registry answers for a repository it never held: a listing that could not tell "empty" from "mistyped".
    if (!index) throw this.notFound('tag-list', `${this.root} is not an OCI layout (no ${INDEX_FILE}); check the path`);
    const named = index.manifests.map(refNameOf).filter((name) => name !== undefined);
    const tags: Tag[] = [];
    for (const tag of keepValidNames(named, parseTag, `${this.name}/${INDEX_FILE}`, opts, this.logger)) {
      if (!tags.includes(tag)) tags.push(tag);
    }
    if (opts.last === undefined) return tags;
    const after = tags.findIndex((t) => t === opts.last);
    return after >= 0 ? tags.slice(after + 1) : tags.filter((t) => t > opts.last!);
  }

  async listRepositories(opts: ListOptions = {}): Promise<string[]> {
    return opts.last !== undefined && this.path <= opts.last ? [] : [this.path];
  }

  /** Manifests in `index.json`, and the children of indexes there, whose `subject` is the digest. */
  async listReferrers(ref: Reference, opts: ReferrerOptions = {}): Promise<Descriptor[]> {
    const subject = (await this.resolveManifest(ref))?.digest;
    if (subject === undefined) return [];
    const index = await readIndex(this.root, this.bounds);
    const seen = new Set<string>();
    const found: Descriptor[] = [];
    const visit = async (digest: string, descend: boolean): Promise<void> => {
      if (seen.has(digest)) return;
      seen.add(digest);
      const m = await readManifestBlob(this.root, digest, this.bounds);
      if (!m) return;
      if (subjectOf(m) === subject) {
        const d: Descriptor = { mediaType: m.mediaType, digest, size: m.bytes.length };
        const artifactType = artifactTypeOf(m);
        if (artifactType !== undefined) d.artifactType = artifactType;
        const annotations = annotationsOf(m);
        if (annotations !== undefined) d.annotations = annotations;
        if (opts.artifactType === undefined || opts.artifactType === artifactType) found.push(d);
      }
      if (descend && m.kind === 'index') for (const child of m.index.manifests) await visit(child.digest, false);
    };
    for (const d of index?.manifests ?? []) await visit(d.digest, true);
    return found;
  }

  async deleteTag(ref: Reference): Promise<void> {
    const r = this.check(ref);
    const tag = r.tag;
    if (tag === undefined) throw new UsageError(`deleting a tag needs one: ${OCIDIR_SCHEME}${r.path}:TAG`);
    await this.withLock(async () => {
      const index = (await readIndex(this.root, this.bounds)) ?? emptyIndex();
      const kept = index.manifests.filter((d) => tagOf(d) !== tag);
      if (kept.length === index.manifests.length) throw this.notFound('tag-delete', `no tag "${tag}"`);
      index.manifests = kept;
      await writeIndex(this.root, index);
    });
  }

  /**
   * Removes blobs no entry of `index.json` reaches (after deleteTag/deleteManifest). Blobs pushed for a manifest not
   * yet put are unreachable too, so run it only when no copy into this layout is under way.
   */
  async gc(): Promise<GcResult> {
    const result = await this.withLock(async () => collectGarbage(this.root, (await readIndex(this.root, this.bounds)) ?? emptyIndex(), this.bounds));
    if (result.removed.length > 0) this.logger.info('removed unreferenced blobs', { layout: this.path, count: result.removed.length, bytes: result.bytes });
    return result;
  }

  async close(): Promise<void> {}

  private get name(): string {
    return `${OCIDIR_SCHEME}${this.path}`;
  }

  private check(ref: Reference): OcidirReference {
    if (ref.scheme !== 'ocidir' || resolve(ref.path) !== this.root) {
      const given = ref.scheme === 'ocidir' ? `${OCIDIR_SCHEME}${ref.path}` : `${ref.registry}/${ref.repository}`;
      throw new UsageError(`${given} is not in the layout ${this.name}: open a store for that reference instead`);
    }
    return ref;
  }

  private notFound(operation: Operation, message: string): RegistryError {
    return new RegistryError(message, { status: undefined, absent: true, registry: this.name, repository: undefined, operation });
  }

  /** The digest a reference names, with the `index.json` entry's media type when it has one. */
  private async resolveManifest(ref: Reference): Promise<{ digest: string; mediaType?: string } | undefined> {
    const r = this.check(ref);
    await this.open();
    const index = await readIndex(this.root, this.bounds);
    if (r.digest !== undefined) {
      const entry = index?.manifests.find((d) => d.digest === r.digest);
      return { digest: r.digest, ...(entry?.mediaType ? { mediaType: entry.mediaType } : {}) };
    }
    const tag = r.tag ?? DEFAULT_TAG;
    const entry = index?.manifests.find((d) => tagOf(d) === tag);
    return entry ? { digest: entry.digest, ...(entry.mediaType ? { mediaType: entry.mediaType } : {}) } : undefined;
  }

  /** The first use of the layout clears what writes killed before left behind (their temp files). */
  private open(): Promise<void> {
    this.opened ??= removeAbandonedTemps(this.root).then((removed) => {
      if (removed > 0) this.logger.info('removed temp files left by interrupted writes', { layout: this.path, count: removed });
    });
    return this.opened;
  }

  /** Makes the directory a layout (`oci-layout`, `blobs/`, an empty `index.json`) before the first write. */
  private prepare(): Promise<void> {
    this.prepared ??= (async () => {
      await this.open();
      await ensureLayout(this.root);
      try {
        await stat(join(this.root, INDEX_FILE));
      } catch {
        await this.updateIndex(() => true);
      }
    })().catch((err: unknown) => {
      this.prepared = undefined;
      throw err;
    });
    return this.prepared;
  }

  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  /** Read-modify-write of `index.json` under the lock; `change` returns false when it changed nothing. */
  private async updateIndex(change: (index: ImageIndex) => boolean): Promise<void> {
    await this.withLock(async () => {
      const existing = await readIndex(this.root, this.bounds);
      const index = existing ?? emptyIndex();
      if (change(index) || existing === undefined) await writeIndex(this.root, index);
    });
  }
}

function subjectOf(m: ParsedManifest): string | undefined {
  if (m.kind === 'index') return m.index.subject?.digest;
  if (m.kind === 'image') return m.manifest.subject?.digest;
  const subject = (m.json as { subject?: { digest?: unknown } } | null)?.subject?.digest;
  return typeof subject === 'string' ? subject : undefined;
}

function declaredArtifactType(m: ParsedManifest): string | undefined {
  if (m.kind === 'index') return m.index.artifactType;
  if (m.kind === 'image') return m.manifest.artifactType;
  const t = (m.json as { artifactType?: unknown } | null)?.artifactType;
  return typeof t === 'string' ? t : undefined;
}

/** distribution-spec referrers: `artifactType`, else the config's media type of an image manifest. */
function artifactTypeOf(m: ParsedManifest): string | undefined {
  return declaredArtifactType(m) ?? (m.kind === 'image' ? m.manifest.config.mediaType : undefined);
}

function annotationsOf(m: ParsedManifest): Record<string, string> | undefined {
  if (m.kind === 'index') return m.index.annotations;
  if (m.kind === 'image') return m.manifest.annotations;
  return undefined;
}
