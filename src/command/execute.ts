// Runs one typed command against the stores. Shared by both faces; what comes back is data, never printed here.
import { exportImage, importImage } from '../copy/archive.js';
import { copyImage, type CopyProgress } from '../copy/copy.js';
import { exitCodeFor, UsageError } from '../errors.js';
import { atPosition, type Logger } from '../log.js';
import { imageAt, type Location, type OperationResult } from '../report/result.js';
import type { RateLimit } from '../store/store.js';
import type { StoreSet } from '../store/open.js';
import { deleteImage, deleteTag, restoreImages } from './delete.js';
import {
  configView,
  describeInspection,
  imageConfig,
  imageDigest,
  imageInspect,
  imageManifest,
  imageRateLimit,
  inspectView,
  manifestView,
} from './image-read.js';
import { rateLimitView, withPretty, type DocumentOutput } from './views.js';
import { formatReference, repositoryOf } from '../oci/reference.js';
import { runRegistrySettings } from './registry-settings.js';
import { versionInfo } from './version.js';
import { listRepositories, listTags } from './listing.js';
import { cacheRunFrom, layoutCacheSpec, renderCacheOutputs } from './layout-cache.js';
import type { SyncRunOptions } from '../sync/run.js';
import type { Command, CopyCommand, ImageArchiveCommand, SyncCommand, VerifyCommand } from './options.js';
import { verifySigned } from '../verify/verify.js';

export interface CommandContext {
  stores: StoreSet;
  logger: Logger;
  onProgress?: (p: CopyProgress) => void;
  /**
   * Hears each result as soon as it is final, in the order operations end: a face prints it at once, so a run killed
   * by a timeout has logged what it finished. The `results` output still holds them all, in plan order.
   */
  onResult?: (r: OperationResult) => void;
}

export type CommandOutput =
  /** Writes (or would-be writes), rendered by the report renderers. */
  | { kind: 'results'; results: OperationResult[] }
  | { kind: 'list'; items: string[]; view?: unknown }
  | { kind: 'digest'; digest: string; view?: unknown }
  | { kind: 'ratelimit'; rateLimit: RateLimit; view?: unknown }
  /** Bytes printed exactly as stored, so their digest is the image's. */
  | { kind: 'raw'; bytes: Uint8Array; view?: unknown }
  | DocumentOutput;

/**
 * A copy that fails at the registry becomes a `failed` result (exit 1) so the summary still shows it;
 * a usage mistake stays an error (exit 2).
 */
async function runCopy(cmd: CopyCommand | ImageArchiveCommand, ctx: CommandContext): Promise<OperationResult> {
  const started = Date.now();
  const copyCtx = { stores: ctx.stores, logger: ctx.logger, spent: ctx.stores.spent, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) };
  const [source, target]: [Location, Location] =
    cmd.name === 'copy'
      ? [imageAt(cmd.source), imageAt(cmd.target)]
      : cmd.name === 'image export'
        ? [imageAt(cmd.ref), { kind: 'file', path: cmd.file }]
        : [{ kind: 'file', path: cmd.file }, imageAt(cmd.ref)];
  try {
    if (cmd.name === 'copy') return await copyImage(copyCtx, cmd.source, cmd.target, cmd.options);
    if (cmd.name === 'image export') return await exportImage(copyCtx, cmd.ref, cmd.file, cmd.options);
    return await importImage(copyCtx, cmd.file, cmd.ref, cmd.options);
  } catch (err) {
    if (exitCodeFor(err) === 2) throw err;
    return {
      op: cmd.name === 'copy' ? 'copy' : cmd.name === 'image export' ? 'export' : 'import',
      status: 'failed',
      source,
      target,
      bytes: 0,
      reason: err instanceof Error ? err.message : String(err),
      durationMs: Date.now() - started,
    };
  }
}

function syncRunOptions(cmd: SyncCommand): SyncRunOptions {
  return {
    mode: cmd.name === 'sync check' ? 'check' : 'once',
    missing: cmd.missing,
    abortOnError: cmd.abortOnError,
    ...(cmd.shard ? { shard: cmd.shard } : {}),
    ...(cmd.maxWaitSeconds !== undefined ? { maxWaitSeconds: cmd.maxWaitSeconds } : {}),
  };
}

/** The image's digest (the one its reference names, else what its tag names now), verified as a sync step would. */
async function verifyOne(ctx: CommandContext, cmd: VerifyCommand): Promise<OperationResult> {
  const started = Date.now();
  const store = ctx.stores.storeFor(cmd.ref);
  const head = await store.headManifest(cmd.ref);
  if (!head) throw new UsageError(`${formatReference(cmd.ref)} does not exist`);
  const v = await verifySigned(store, repositoryOf(cmd.ref), head.digest, cmd.policy, cmd.platforms);
  const reason = v.ok ? `signed by ${v.signer} (${v.signature})` : v.message;
  return {
    op: 'verify',
    status: v.ok ? 'verified' : 'rejected',
    source: imageAt(cmd.ref),
    digest: v.digest,
    bytes: 0,
    reason,
    durationMs: Date.now() - started,
  };
}

/** Results of a one-operation command, told to `onResult` like an engine's. */
function single(ctx: CommandContext, r: OperationResult): CommandOutput {
  ctx.onResult?.(r);
  return { kind: 'results', results: [r] };
}

// Sync and prune engines load when their command runs, so a copy does not pay for their code at start-up.
export async function executeCommand(cmd: Command, ctx: CommandContext): Promise<CommandOutput> {
  switch (cmd.name) {
    case 'sync once':
    case 'sync check': {
      const { runSync } = await import('../sync/run.js');
      const syncCtx = {
        stores: ctx.stores,
        logger: ctx.logger,
        ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
        ...(ctx.onResult ? { onResult: ctx.onResult } : {}),
      };
      return { kind: 'results', results: await runSync(syncCtx, cmd.config, syncRunOptions(cmd)) };
    }
    case 'sync config': {
      // Nothing runs, so the warnings a run would log first are logged here: what is printed leaves them out.
      for (const w of cmd.config.warnings) ctx.logger.warn(w.message, atPosition(w));
      const { renderSyncConfig } = await import('../sync/config/view.js');
      return { kind: 'raw', bytes: Buffer.from(renderSyncConfig(cmd.config)) };
    }
    case 'sync cache-key':
      return { kind: 'raw', bytes: Buffer.from(renderCacheOutputs(layoutCacheSpec(cmd.config, cacheRunFrom(process.env), cmd.shard))) };
    case 'prune once': {
      const { runPrune } = await import('../prune/run.js');
      const copy = { stores: ctx.stores, logger: ctx.logger };
      const report = await runPrune(
        { stores: ctx.stores, logger: ctx.logger, copy: (src, dst, opts) => copyImage(copy, src, dst, opts) },
        cmd.config,
        { dryRun: cmd.dryRun },
        ctx.onResult,
      );
      return { kind: 'results', results: report.results };
    }
    case 'copy':
    case 'image export':
    case 'image import':
      return single(ctx, await runCopy(cmd, ctx));
    case 'tag ls': {
      const tags = await listTags(ctx.stores.storeFor(cmd.repository), cmd);
      return { kind: 'list', items: tags, view: withPretty({ Name: formatReference(cmd.repository), Tags: tags }, tags.map((t) => `${t}\n`).join('')) };
    }
    case 'tag delete':
      return single(ctx, await deleteTag(ctx.stores.storeFor(cmd.ref), cmd.ref));
    case 'repo ls': {
      const repositories = await listRepositories(ctx.stores.storeForRegistry(cmd.registry), cmd);
      return {
        kind: 'list',
        items: repositories,
        view: withPretty({ Name: cmd.registry, Repositories: repositories }, repositories.map((r) => `${r}\n`).join('')),
      };
    }
    case 'image digest': {
      const digest = await imageDigest(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
      return { kind: 'digest', digest, view: { Name: formatReference(cmd.ref), Digest: digest } };
    }
    case 'image manifest': {
      const manifest = await imageManifest(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
      return { kind: 'raw', bytes: manifest.bytes, view: manifestView(manifest) };
    }
    case 'image config': {
      const bytes = await imageConfig(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
      return { kind: 'raw', bytes, view: configView(bytes) };
    }
    case 'image inspect': {
      const inspection = await imageInspect(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform);
      const text = describeInspection(inspection);
      return { kind: 'document', text, json: inspection, view: withPretty(inspectView(inspection), text) };
    }
    case 'image ratelimit': {
      const rateLimit = await imageRateLimit(ctx.stores.storeFor(cmd.ref), cmd.ref);
      return { kind: 'ratelimit', rateLimit, view: rateLimitView(rateLimit) };
    }
    case 'verify':
      return single(ctx, await verifyOne(ctx, cmd));
    case 'version':
      return versionInfo(cmd);
    case 'registry set':
    case 'registry login':
    case 'registry logout':
    case 'registry ls':
      return runRegistrySettings(cmd);
    case 'image delete':
      return single(ctx, await deleteImage(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.force));
    case 'image restore':
      return single(ctx, await restoreImages(ctx.stores.storeFor(cmd.repository), cmd.repository, cmd.githubVersionIds));
  }
}
