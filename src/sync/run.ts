// Running a sync: expand the steps into items, then for each item compare digests (one HEAD on each side), and copy,
// back up, or report. `check` is the same walk with every write replaced by a dry run, so a plan shows exactly what
// `once` would do.
import { copyImage, digestFromHead, UNCHANGED_REASON, upToDateByHeads } from '../copy/copy.js';
import { sourceNotFound } from '../copy/failures.js';
import { createLimiter, forEachAtMost } from '../limit.js';
import type { CopyContext, CopyOptions } from '../copy/options.js';
import { exitCodeFor, RegistryError } from '../errors.js';
import { atPosition, type Logger } from '../log.js';
import { parseTag } from '../oci/names.js';
import { formatReference, parseReference, repositoryOf, withDigest, withTag, type Reference } from '../oci/reference.js';
import { imageAt, type Location, type OperationResult } from '../report/result.js';
import type { ManifestHead } from '../store/store.js';
import { expandBackup, type SyncConfig } from './config/load.js';
import { excludedResult, expandStep, ON_TARGET_REASON, parseStepEndpoints, registryAt, type StepEndpoints, type StoreLookup, type SyncItem } from './items.js';
import { pruneTarget } from './prune-target.js';
import { BUNDLE_ARTIFACT_TYPES } from '../verify/bundle.js';
import { readsBundles } from '../verify/policy.js';
import { verifySigned } from '../verify/verify.js';
import { waitForRateLimit, type RateLimitClock } from './ratelimit-wait.js';
import type { Shard } from '../config/shard.js';

export type SyncMode = 'once' | 'check';

/** Items whose two HEADs may be in flight at once: far above any per-host request limit, far below a large mirror. */
const CHECKS_AT_ONCE = 128;

export interface SyncRunOptions {
  mode: SyncMode;
  shard?: Shard;
  missing?: boolean;
  /** Stop scheduling new items after the first failure. */
  abortOnError?: boolean;
  /** Longest total wait for rate limits in this run, seconds; past it an item fails with a clear message. */
  maxWaitSeconds?: number;
}

export interface SyncContext {
  stores: StoreLookup;
  logger: Logger;
  clock?: RateLimitClock;
  onProgress?: CopyContext['onProgress'];
  /** Called with each result as soon as it is final, so a run cut short has already told what it finished. */
  onResult?: (r: OperationResult) => void;
}

export async function runSync(ctx: SyncContext, config: SyncConfig, opts: SyncRunOptions): Promise<OperationResult[]> {
  for (const w of config.warnings) ctx.logger.warn(w.message, atPosition(w));
  const steps = config.sync.map(parseStepEndpoints);
  const results: OperationResult[] = [];
  const report = (done: readonly OperationResult[]): void => {
    for (const r of done) ctx.onResult?.(r);
  };
  const notRunNow = (left: readonly SyncItem[], rest: readonly StepEndpoints[]): OperationResult[] => {
    const out = notRun(left, rest);
    report(out);
    return out;
  };
  const items: SyncItem[] = [];
  const listed: StepEndpoints[] = [];
  for (const [i, endpoints] of steps.entries()) {
    try {
      const expanded = await expandStep(ctx.stores, endpoints, opts);
      listed.push(endpoints);
      items.push(...expanded.items);
      results.push(...expanded.excluded, ...expanded.failed);
      report([...expanded.excluded, ...expanded.failed]);
      if (opts.abortOnError && expanded.failed.length > 0) return [...results, ...notRunNow(items, steps.slice(i + 1))];
    } catch (err) {
      if (exitCodeFor(err) === 2) throw err;
      const stepFailed: OperationResult = { ...stepBase(endpoints), status: 'failed', bytes: 0, reason: reasonOf(err) };
      results.push(stepFailed);
      report([stepFailed]);
      if (opts.abortOnError) return [...results, ...notRunNow(items, steps.slice(i + 1))];
    }
  }
  const parallel = Math.max(1, config.defaults.parallel);
  const limit = createLimiter(parallel);
  const budget = { waitedSeconds: 0, maxSeconds: opts.maxWaitSeconds };
  let aborted = false;
  const runItem = async (item: SyncItem, checked: CheckedItem | { results: OperationResult[] }): Promise<OperationResult[]> => {
    const out = 'srcHead' in checked ? await syncItem(ctx, item, checked, opts, budget) : checked.results;
    if (opts.abortOnError && out.some((r) => r.status === 'failed')) aborted = true;
    report(out);
    return out;
  };
  // Items are checked many at a time (the per-host request limit still applies), as regsync starts all steps to look
  // for changes; `parallel` bounds only the items that have something to do, so a no-op run is a few round trips long.
  // The checks in flight are bounded all the same: each holds its requests and their state until answered, and a
  // mirror of thousands of tags checked all at once would hold all of them (memory grew with the tag count).
  // With --abort-on-error the check takes a slot too: "nothing starts after the first failure" then holds in order.
  // A checked item waiting for a copy slot keeps its checker: while copies are the bottleneck, checking more would
  // only queue more.
  const perItem: OperationResult[][] = new Array<OperationResult[]>(items.length);
  await forEachAtMost(items, opts.abortOnError ? parallel : Math.max(parallel, CHECKS_AT_ONCE), async (item, i) => {
    if (opts.abortOnError && aborted) {
      perItem[i] = notRunNow([item], []);
      return;
    }
    const checked = await checkItem(ctx, item, opts);
    perItem[i] = 'srcHead' in checked ? await limit(() => runItem(item, checked)) : await runItem(item, checked);
  });
  results.push(...perItem.flat());
  // Pruning comes last and only for steps whose tags were listed: a step that could not read its source must not
  // take that as "no tag is wanted any more".
  if (!aborted) {
    for (const endpoints of listed) {
      if (endpoints.type !== 'repository' || !endpoints.step.prune) continue;
      const pruned = await pruneTarget(ctx.stores, endpoints.step, endpoints.target, {
        check: opts.mode === 'check',
        ...(opts.shard ? { shard: opts.shard } : {}),
      });
      results.push(...pruned);
      report(pruned);
    }
  }
  return results;
}

const NOT_RUN_REASON = 'not run: --abort-on-error stopped the run after an earlier failure';

/** What `--abort-on-error` never started: each item, and each step not yet expanded, so no entry goes unreported. */
function notRun(items: readonly SyncItem[], steps: readonly StepEndpoints[]): OperationResult[] {
  return [...items.map(base), ...steps.map(stepBase)].map((at) => ({ ...at, status: 'not-run', bytes: 0, reason: NOT_RUN_REASON }));
}

/** Where a step reads and writes, for a step that failed before it had items. */
function stepBase(endpoints: StepEndpoints): Pick<OperationResult, 'op' | 'source' | 'target'> {
  const at = (side: StepEndpoints['source']): Location => ('host' in side ? registryAt(side) : imageAt(side));
  return { op: 'sync', source: at(endpoints.source), target: at(endpoints.target) };
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The step's platform filter (regsync's `platform`, or its `platforms`): what the copy writes and the verifier checks. */
function platformsOf(step: SyncItem['step']): string[] {
  return step.platform ? [step.platform] : step.platforms;
}

function copyOptionsFor(item: SyncItem): CopyOptions {
  const { step, referrerRepos } = item;
  const platforms = platformsOf(step);
  return {
    ...(platforms.length > 0 ? { platforms } : {}),
    sparseIndex: step.platformsIndex === 'sparse',
    ...referrersFor(step),
    ...(referrerRepos.source ? { referrerSource: referrerRepos.source } : {}),
    ...(referrerRepos.target ? { referrerTarget: referrerRepos.target } : {}),
    // A verified image takes its signatures along, so the mirror can be verified in turn.
    digestTags: step.digestTags || step.verify !== undefined,
    includeExternal: step.includeExternal,
    forceRecursive: step.forceRecursive,
    fast: step.fastCheck,
  };
}

/**
 * The step's referrers, and with a policy that reads sigstore bundles, the bundles too: a verified image takes its
 * signatures along in both formats, so the mirror can be verified in turn. Other referrers stay as the step says.
 */
function referrersFor(step: SyncItem['step']): Pick<CopyOptions, 'referrers' | 'referrerFilters'> {
  if (!step.verify || !readsBundles(step.verify) || (step.referrers && step.referrerFilters.length === 0)) {
    return { referrers: step.referrers, referrerFilters: step.referrerFilters };
  }
  const bundles = BUNDLE_ARTIFACT_TYPES.map((artifactType) => ({ artifactType, annotations: {} }));
  return { referrers: true, referrerFilters: step.referrers ? [...step.referrerFilters, ...bundles] : bundles };
}

function base(item: SyncItem): Pick<OperationResult, 'op' | 'source' | 'target'> {
  return { op: 'sync', source: imageAt(item.source), target: imageAt(item.target) };
}

function failed(item: SyncItem, err: unknown): OperationResult {
  return { ...base(item), status: 'failed', bytes: 0, reason: reasonOf(err) + sparseIndexHint(item, err) };
}

/**
 * regsync's sparse index (the default, so the target keeps the source's digest) names children that were not copied;
 * registries that check an index's children (distribution among them) refuse it: name the setting that fixes it.
 */
function sparseIndexHint(item: SyncItem, err: unknown): string {
  const refused = err instanceof RegistryError && err.operation === 'manifest-put' && err.codes.includes('MANIFEST_BLOB_UNKNOWN');
  if (!refused || item.step.platformsIndex !== 'sparse' || item.step.platforms.length === 0) return '';
  return '; this registry refuses an index whose other platforms were not copied (platformsIndex: sparse, the default): set platformsIndex: rewrite on the step or in defaults to push an index of the copied platforms only';
}

function heads(ctx: SyncContext, item: SyncItem): Promise<[ManifestHead | undefined, ManifestHead | undefined]> {
  return Promise.all([ctx.stores.storeFor(item.source).headManifest(item.source), ctx.stores.storeFor(item.target).headManifest(item.target)]);
}

async function notFound(ctx: SyncContext, item: SyncItem): Promise<OperationResult> {
  return { ...base(item), status: 'failed', bytes: 0, reason: (await sourceNotFound(ctx.stores, item.source)).message };
}

interface CheckedItem {
  /** Time the two HEADs took: part of the item's own time, unlike the wait for a copy slot that follows. */
  checkMs: number;
  srcHead: ManifestHead;
  dstHead: ManifestHead | undefined;
}

/** The two HEADs and what they settle on their own: a missing source, an excluded media type, an unchanged tag. */
async function checkItem(ctx: SyncContext, item: SyncItem, opts: SyncRunOptions): Promise<CheckedItem | { results: OperationResult[] }> {
  const { step } = item;
  const started = Date.now();
  try {
    const [srcHead, dstHead] = await heads(ctx, item);
    if (!srcHead) return { results: [await notFound(ctx, item)] };
    // Repository steps drop these at expansion from the target's tag list; an image step has only this HEAD to ask.
    if (opts.missing && dstHead) return { results: [excludedResult(item, ON_TARGET_REASON)] };
    if (step.mediaTypes.length > 0 && !step.mediaTypes.includes(srcHead.mediaType)) {
      return {
        results: [{ ...base(item), status: 'excluded', digest: srcHead.digest, bytes: 0, reason: `media type ${srcHead.mediaType} is not in mediaTypes` }],
      };
    }
    // Before any write and before the unchanged verdict: a policy change shows at once which images it would refuse.
    const rejected = await verifiedOrRejected(ctx, item, srcHead.digest);
    if (rejected) return { results: [{ ...rejected, durationMs: Date.now() - started }] };
    // A rate-limited source is looked at again after the wait, so its verdict waits for a copy slot.
    if (step.rateLimit.min > 0 && srcHead.rateLimit?.set) return { checkMs: Date.now() - started, srcHead, dstHead };
    const unchanged = unchangedResult(item, copyOptionsFor(item), srcHead, dstHead, started);
    return unchanged ? { results: [unchanged] } : { checkMs: Date.now() - started, srcHead, dstHead };
  } catch (err) {
    return { results: [failed(item, err)] };
  }
}

/** The `rejected` result when the step's verify policy refuses the image `digest`; undefined when admitted or unasked. */
async function verifiedOrRejected(ctx: SyncContext, item: SyncItem, digest: string): Promise<OperationResult | undefined> {
  const policy = item.step.verify;
  if (!policy) return undefined;
  const verdict = await verifySigned(ctx.stores.storeFor(item.source), repositoryOf(item.source), digest, policy, platformsOf(item.step));
  return verdict.ok ? undefined : { ...base(item), status: 'rejected', digest, bytes: 0, reason: verdict.message };
}

/** The `skipped` result when the two HEADs settle the item (the copy engine's own verdict), undefined when it must look. */
function unchangedResult(
  item: SyncItem,
  copyOpts: CopyOptions,
  srcHead: ManifestHead,
  dstHead: ManifestHead | undefined,
  started: number,
): OperationResult | undefined {
  const digest = upToDateByHeads(srcHead, dstHead, copyOpts);
  if (digest === undefined) return undefined;
  return { ...base(item), status: 'skipped', digest, bytes: 0, reason: UNCHANGED_REASON, durationMs: Date.now() - started };
}

async function syncItem(
  ctx: SyncContext,
  item: SyncItem,
  checked: CheckedItem,
  opts: SyncRunOptions,
  budget: { waitedSeconds: number; maxSeconds: number | undefined },
): Promise<OperationResult[]> {
  const { step } = item;
  // The clock restarts when the item gets its slot: an image queued behind a large one is not charged for the wait.
  const started = Date.now() - checked.checkMs;
  const copyCtx: CopyContext = { stores: ctx.stores, logger: ctx.logger, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) };
  try {
    let { srcHead, dstHead }: { srcHead: ManifestHead | undefined; dstHead: ManifestHead | undefined } = checked;
    if (step.rateLimit.min > 0 && srcHead.rateLimit?.set) {
      const waited = await waitForRateLimit(ctx, item, srcHead, budget);
      if (waited.gaveUp) return [{ ...base(item), status: 'failed', bytes: 0, reason: waited.reason }];
      if (waited.seconds > 0) [srcHead, dstHead] = await heads(ctx, item);
      if (!srcHead) return [await notFound(ctx, item)];
      if (srcHead.digest !== checked.srcHead.digest) {
        const rejected = await verifiedOrRejected(ctx, item, srcHead.digest);
        if (rejected) return [rejected];
      }
    }
    // With a verify policy the copy reads the digest that was verified, never what the tag names by then.
    const source: Reference = step.verify ? { ...item.source, digest: srcHead.digest } : item.source;
    const copyOpts = { ...copyOptionsFor(item), heads: { source: srcHead, target: dstHead } };
    const unchanged = unchangedResult(item, copyOpts, srcHead, dstHead, started);
    if (unchanged) return [unchanged];
    const remaining = srcHead.rateLimit?.set ? srcHead.rateLimit.remaining : undefined;
    const withRate = (r: OperationResult): OperationResult =>
      remaining === undefined
        ? r
        : { ...r, details: { ...(r.details?.kind === 'transfer' ? r.details : { kind: 'transfer' }), rateLimitRemaining: remaining } };
    // `check` walks the whole copy read-only so the plan can say what would move; `once` walks it only when a backup
    // depends on the digest a platform filter would produce.
    const needsPlan = opts.mode === 'check' || (digestFromHead(srcHead, copyOpts) === undefined && dstHead !== undefined && step.backup !== undefined);
    const planned = needsPlan ? await copyImage(copyCtx, source, item.target, { ...copyOpts, dryRun: true }) : undefined;
    if (planned?.status === 'skipped') return [withRate({ ...planned, op: 'sync' })];
    const out: OperationResult[] = [];
    if (dstHead && step.backup && dstHead.digest !== (planned?.digest ?? srcHead.digest)) {
      const backup = await backUp(copyCtx, item, dstHead, opts.mode);
      out.push(backup);
      if (backup.status === 'failed') {
        out.push({
          ...base(item),
          status: 'failed',
          bytes: 0,
          reason: `not overwritten: the backup of ${formatReference(item.target)} failed, so the old image would have no way back`,
        });
        return out;
      }
    }
    const done = planned && opts.mode === 'check' ? planned : await copyImage(copyCtx, source, item.target, copyOpts);
    out.push(withRate({ ...done, op: 'sync', durationMs: Date.now() - started }));
    return out;
  } catch (err) {
    // Even a usage error found this late (a platform the source lacks) belongs to this item alone: thrown, it would
    // end the run while other items are still copying.
    return [failed(item, err)];
  }
}

async function backUp(ctx: CopyContext, item: SyncItem, current: ManifestHead, mode: SyncMode): Promise<OperationResult> {
  const target = item.target;
  const result = { op: 'backup' as const, source: imageAt(target), digest: current.digest };
  let backupRef: Reference | undefined;
  try {
    backupRef = backupReference(item, current);
    const r = await copyImage(ctx, withDigest(target, current.digest), backupRef, { dryRun: mode === 'check' });
    return { ...r, ...result, status: mode === 'check' ? 'would-backup' : 'backed-up', target: imageAt(backupRef) };
  } catch (err) {
    // A template that names no usable reference fails this backup (and so keeps the old tag), not the whole run.
    return { ...result, status: 'failed', ...(backupRef ? { target: imageAt(backupRef) } : {}), bytes: 0, reason: reasonOf(err) };
  }
}

function backupReference(item: SyncItem, current: ManifestHead): Reference {
  const target = item.target;
  const name = expandBackup(item.step, {
    Reference: formatReference(target),
    Registry: target.scheme === 'registry' ? target.registry : '',
    Repository: target.scheme === 'registry' ? target.repository : target.path,
    Tag: target.tag ?? '',
    Digest: current.digest,
  });
  if (name === undefined) throw new Error('backUp called for a step without backup');
  // regsync's rule: a name with `/` or `:` is a whole reference, anything else a tag beside the target.
  return /[/:]/.test(name)
    ? parseReference(name)
    : withTag(repositoryOf(target), parseTag(name, `the backup name of sync[${item.step.index}] (${item.step.file}:${item.step.line}:${item.step.column})`));
}
