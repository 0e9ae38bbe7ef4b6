// The copy engine: cheapest check first, then blobs, child manifests, referrers, and the tag last, so a tag never
// points at content the target does not hold and a failed copy leaves the target tag as it was.
import { DigestMismatchError, UsageError } from '../errors.js';
import { digestOf } from '../oci/digest.js';
import { parseManifest, type Descriptor, type ParsedManifest } from '../oci/manifest.js';
import { isExternalLayerMediaType } from '../oci/mediatypes.js';
import { formatPlatform, parsePlatform } from '../oci/platform.js';
import { formatReference, repositoryOf, sameRepository, withDigest, withTag, type Reference } from '../oci/reference.js';
import { imageAt, type BlobCounts, type OperationResult } from '../report/result.js';
import { BlobTransfer } from './blobs.js';
import { sourceNotFound } from './failures.js';
import { createLimiter, type Limiter } from '../limit.js';
import { DEFAULT_BLOB_CONCURRENCY, type CopyContext, type CopyOptions } from './options.js';
import { narrowToPlatforms } from './platforms.js';
import { digestTagsFor, referrersOf } from './referrers.js';
import { holds, UNCHANGED_REASON, upToDateByHeads } from './uptodate.js';

export type { CopyContext, CopyOptions, CopyProgress } from './options.js';
export { digestFromHead, UNCHANGED_REASON, upToDateByHeads } from './uptodate.js';

export async function copyImage(ctx: CopyContext, src: Reference, dst: Reference, opts: CopyOptions = {}): Promise<OperationResult> {
  const started = Date.now();
  if (src.tag === undefined && src.digest === undefined) throw new UsageError(`source ${formatReference(src)} needs a tag or a digest`);
  if (dst.tag === undefined && dst.digest === undefined) throw new UsageError(`target ${formatReference(dst)} needs a tag or a digest`);
  // Checked before any request: a single-platform source never reaches the platform filter, and a typo must not
  // turn into an unfiltered copy.
  for (const p of opts.platforms ?? []) parsePlatform(p);
  const srcStore = ctx.stores.storeFor(src);
  const dstStore = ctx.stores.storeFor(dst);
  const [srcHead, dstHead] = opts.heads ? [opts.heads.source, opts.heads.target] : await Promise.all([srcStore.headManifest(src), dstStore.headManifest(dst)]);
  if (!srcHead) throw await sourceNotFound(ctx.stores, src);
  const base = { op: 'copy' as const, source: imageAt(src), target: imageAt(dst) };
  const known = upToDateByHeads(srcHead, dstHead, opts);
  if (known !== undefined) return { ...base, status: 'skipped', digest: known, bytes: 0, reason: UNCHANGED_REASON, durationMs: Date.now() - started };

  const fetched = await srcStore.getManifest(withDigest(src, srcHead.digest));
  const parsed = parseManifest(fetched.bytes, fetched.mediaType);
  const narrowed = opts.platforms?.length ? await narrowToPlatforms(ctx, src, parsed, opts.platforms, opts.sparseIndex) : { manifest: parsed };
  const top = narrowed.manifest;
  const topDigest = top.bytes === fetched.bytes ? fetched.digest : digestOf(top.bytes);
  const platforms = platformsOf(top, narrowed.only);
  if (holds(dstHead, topDigest, opts)) {
    return {
      ...base,
      status: 'skipped',
      digest: topDigest,
      bytes: 0,
      ...(platforms ? { platforms } : {}),
      reason: UNCHANGED_REASON,
      durationMs: Date.now() - started,
    };
  }

  // With referrers or digest tags asked for, a target that has the image still gets what hangs off it.
  const present = dstHead?.digest === topDigest && !opts.forceRecursive;
  const tree = new TreeCopy(ctx, src, dst, opts, createLimiter(opts.concurrency ?? DEFAULT_BLOB_CONCURRENCY));
  await tree.copyContent(top, topDigest, present, narrowed.only);
  if (opts.digestTags) await copyDigestTags(ctx, src, dst, tree.copiedDigests(), opts);
  if (!opts.dryRun && !present) await putChecked(ctx, dst, top, topDigest);
  const moved = tree.moved();
  const changed = !present || moved.manifests > 0 || moved.bytes > 0;
  const status = !changed ? 'skipped' : opts.dryRun ? 'would-copy' : 'copied';
  return {
    ...base,
    status,
    digest: topDigest,
    bytes: moved.bytes,
    ...(platforms ? { platforms } : {}),
    blobs: moved.blobs,
    durationMs: Date.now() - started,
    ...(changed ? {} : { reason: 'target already has this digest and its referrers' }),
    ...(dstHead && dstHead.digest !== topDigest ? { details: { kind: 'transfer' as const, previousDigest: dstHead.digest } } : {}),
  };
}

/** Copies what a manifest needs (children, blobs, referrers) but not the manifest itself. */
class TreeCopy {
  private readonly done = new Map<string, Promise<void>>();
  private readonly transfer: BlobTransfer;
  /** Where referrers are read from and written to when `referrerSource`/`referrerTarget` name other repositories. */
  private elsewhere: TreeCopy | undefined;
  /** Manifests written by digest (children and referrers); the top manifest is not counted. */
  private manifestsWritten = 0;

  constructor(
    private readonly ctx: CopyContext,
    private readonly src: Reference,
    private readonly dst: Reference,
    private readonly opts: CopyOptions,
    private readonly limit: Limiter,
  ) {
    this.transfer = new BlobTransfer(ctx, src, dst, opts, limit);
  }

  copiedDigests(): string[] {
    return [...this.done.keys()];
  }

  /** What this tree and the referrer repositories beside it wrote. */
  moved(): { bytes: number; manifests: number; blobs: BlobCounts } {
    const side = this.elsewhere?.moved();
    const own = this.transfer.counts;
    return {
      bytes: this.transfer.bytesMoved + (side?.bytes ?? 0),
      manifests: this.manifestsWritten + (side?.manifests ?? 0),
      blobs: side ? { copied: own.copied + side.blobs.copied, skipped: own.skipped + side.blobs.skipped, mounted: own.mounted + side.blobs.mounted } : own,
    };
  }

  /** `present`: the target holds this manifest, so only referrers may be missing below it. */
  async copyContent(m: ParsedManifest, digest: string, present = false, only?: ReadonlySet<string>): Promise<void> {
    if (!this.done.has(digest)) this.done.set(digest, Promise.resolve());
    const work: Array<Promise<void>> = [];
    if (m.kind === 'index') work.push(...m.index.manifests.filter((d) => !only || only.has(d.digest)).map((d) => this.copyManifest(d, present)));
    if (m.kind === 'image' && !present) work.push(...this.blobsOf(m).map((d) => this.transfer.copy(d)));
    if (this.opts.referrers) work.push(this.copyReferrers(digest));
    await settleAll(work);
  }

  /** A manifest named by digest (an index's child or a referrer): its content first, then the manifest. */
  copyManifest(desc: Descriptor, knownPresent = false): Promise<void> {
    let pending = this.done.get(desc.digest);
    if (!pending) {
      pending = knownPresent && !this.opts.referrers ? Promise.resolve() : this.copyManifestOnce(desc, knownPresent);
      this.done.set(desc.digest, pending);
    }
    return pending;
  }

  private async copyManifestOnce(desc: Descriptor, knownPresent: boolean): Promise<void> {
    const srcRef = withDigest(this.src, desc.digest);
    const dstRef = withDigest(this.dst, desc.digest);
    const checkTarget = !knownPresent && !this.opts.forceRecursive;
    // Ask the target and fetch the source at once: one round trip instead of two on a cold copy.
    const [head, fetched] = await Promise.all([
      checkTarget ? this.ctx.stores.storeFor(this.dst).headManifest(dstRef) : Promise.resolve(undefined),
      this.ctx.stores.storeFor(this.src).getManifest(srcRef),
    ]);
    const child = parseManifest(fetched.bytes, fetched.mediaType);
    const present = knownPresent || head !== undefined;
    await this.copyContent(child, desc.digest, present);
    if (present || this.opts.dryRun) return;
    await putChecked(this.ctx, dstRef, child, desc.digest);
    this.manifestsWritten++;
  }

  private blobsOf(m: Extract<ParsedManifest, { kind: 'image' }>): Descriptor[] {
    const layers = m.manifest.layers.filter((l) => this.opts.includeExternal || !(isExternalLayerMediaType(l.mediaType) || l.urls?.length));
    return [m.manifest.config, ...layers];
  }

  private async copyReferrers(digest: string): Promise<void> {
    const side = this.referrerSide();
    const found = await referrersOf(this.ctx, side.src, digest, this.opts.referrerFilters);
    await settleAll(found.map((d) => side.copyManifest(d)));
  }

  /**
   * The tree that copies referrers: this one, or one between `referrerSource` and `referrerTarget` (each defaulting to
   * this tree's side), whose own referrers are then read and written there too, as regsync does.
   */
  private referrerSide(): TreeCopy {
    const from = this.opts.referrerSource ? repositoryOf(this.opts.referrerSource) : this.src;
    const to = this.opts.referrerTarget ? repositoryOf(this.opts.referrerTarget) : this.dst;
    if (sameRepository(from, this.src) && sameRepository(to, this.dst)) return this;
    this.elsewhere ??= new TreeCopy(this.ctx, from, to, this.opts, this.limit);
    return this.elsewhere;
  }
}

async function copyDigestTags(ctx: CopyContext, src: Reference, dst: Reference, digests: readonly string[], opts: CopyOptions): Promise<void> {
  const tags = await ctx.stores.storeFor(src).listTags(repositoryOf(src));
  for (const tag of digestTagsFor(tags, digests, opts.referrers === true)) {
    // Each digest tag is its own copy: the HEADs the caller made were of the image, not of what this tag names.
    const { heads: _heads, ...own } = opts;
    await copyImage(ctx, withTag(src, tag), withTag(dst, tag), { ...own, digestTags: false, platforms: [] });
  }
}

async function putChecked(ctx: CopyContext, ref: Reference, m: ParsedManifest, digest: string): Promise<void> {
  const stored = await ctx.stores.storeFor(ref).putManifest(ref, m.bytes, m.mediaType);
  // A registry that rewrites manifests would break every digest pinned by users of the copy.
  if (stored !== digest) throw new DigestMismatchError(digest, stored, `manifest stored at ${formatReference(ref)}`);
}

/** Waits for every task, then rethrows the first failure, so no write is left running behind a thrown error. */
async function settleAll(work: Array<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function platformsOf(m: ParsedManifest, only?: ReadonlySet<string>): string[] | undefined {
  if (m.kind !== 'index') return undefined;
  return m.index.manifests.filter((d) => d.platform && d.platform.os !== 'unknown' && (!only || only.has(d.digest))).map((d) => formatPlatform(d.platform!));
}
