// Runs one typed command against the stores. Shared by both faces; what comes back is data, never printed here.
import { exportImage, importImage } from '../copy/archive.js';
import { copyImage, type CopyProgress } from '../copy/copy.js';
import { exitCodeFor } from '../errors.js';
import type { Logger } from '../log.js';
import { formatReference } from '../oci/reference.js';
import type { OperationResult } from '../report/result.js';
import type { RateLimit } from '../store/store.js';
import type { StoreSet } from '../store/open.js';
import { deleteImage, deleteTag, restoreImages } from './delete.js';
import { imageConfig, imageDigest, imageManifest, imageRateLimit } from './image-read.js';
import { listRepositories, listTags } from './listing.js';
import { cacheRunFrom, layoutCacheSpec, renderCacheOutputs } from './layout-cache.js';
import type { SyncRunOptions } from '../sync/run.js';
import type { Command, CopyCommand, ImageArchiveCommand, SyncCommand } from './options.js';

export interface CommandContext {
  stores: StoreSet;
  logger: Logger;
  onProgress?: (p: CopyProgress) => void;
}

export type CommandOutput =
  /** Writes (or would-be writes), rendered by the report renderers. */
  | { kind: 'results'; results: OperationResult[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'digest'; digest: string }
  | { kind: 'ratelimit'; rateLimit: RateLimit }
  /** Bytes printed exactly as stored, so their digest is the image's. */
  | { kind: 'raw'; bytes: Uint8Array };

/**
 * A copy that fails at the registry becomes a `failed` result (exit 1) so the summary still shows it;
 * a usage mistake stays an error (exit 2).
 */
async function runCopy(cmd: CopyCommand | ImageArchiveCommand, ctx: CommandContext): Promise<OperationResult> {
  const started = Date.now();
  const copyCtx = { stores: ctx.stores, logger: ctx.logger, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) };
  const [source, target] =
    cmd.name === 'copy' ? [formatReference(cmd.source), formatReference(cmd.target)] : cmd.name === 'image export' ? [formatReference(cmd.ref), cmd.file] : [cmd.file, formatReference(cmd.ref)];
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

// Sync and prune engines load when their command runs, so a copy does not pay for their code at start-up.
export async function executeCommand(cmd: Command, ctx: CommandContext): Promise<CommandOutput> {
  switch (cmd.name) {
    case 'sync once':
    case 'sync check': {
      const { runSync } = await import('../sync/run.js');
      return { kind: 'results', results: await runSync({ stores: ctx.stores, logger: ctx.logger, ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) }, cmd.config, syncRunOptions(cmd)) };
    }
    case 'sync config': {
      const { renderSyncConfig } = await import('../sync/config/view.js');
      return { kind: 'raw', bytes: Buffer.from(renderSyncConfig(cmd.config)) };
    }
    case 'sync cache-key':
      return { kind: 'raw', bytes: Buffer.from(renderCacheOutputs(layoutCacheSpec(cmd.config, cacheRunFrom(process.env), cmd.shard))) };
    case 'prune once': {
      const { runPrune } = await import('../prune/run.js');
      const copy = { stores: ctx.stores, logger: ctx.logger };
      const report = await runPrune({ stores: ctx.stores, logger: ctx.logger, copy: (src, dst, opts) => copyImage(copy, src, dst, opts) }, cmd.config, { dryRun: cmd.dryRun });
      return { kind: 'results', results: report.results };
    }
    case 'copy':
    case 'image export':
    case 'image import':
      return { kind: 'results', results: [await runCopy(cmd, ctx)] };
    case 'tag ls':
      return { kind: 'list', items: await listTags(ctx.stores.storeFor(cmd.repository), cmd) };
    case 'tag delete':
      return { kind: 'results', results: [await deleteTag(ctx.stores.storeFor(cmd.ref), cmd.ref)] };
    case 'repo ls':
      return { kind: 'list', items: await listRepositories(ctx.stores.storeForRegistry(cmd.registry), cmd) };
    case 'image digest':
      return { kind: 'digest', digest: await imageDigest(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform) };
    case 'image manifest':
      return { kind: 'raw', bytes: await imageManifest(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform) };
    case 'image config':
      return { kind: 'raw', bytes: await imageConfig(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.platform) };
    case 'image ratelimit':
      return { kind: 'ratelimit', rateLimit: await imageRateLimit(ctx.stores.storeFor(cmd.ref), cmd.ref) };
    case 'image delete':
      return { kind: 'results', results: [await deleteImage(ctx.stores.storeFor(cmd.ref), cmd.ref, cmd.force)] };
    case 'image restore':
      return { kind: 'results', results: [await restoreImages(ctx.stores.storeFor(cmd.repository), cmd.repository, cmd.githubVersionIds)] };
  }
}
