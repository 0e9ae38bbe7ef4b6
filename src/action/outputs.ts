// Step outputs and the job summary, rendered from the results.
import * as core from '@actions/core';
import type { Logger } from '../log.js';
import { resultRecord } from '../report/jsonl.js';
import type { OperationResult, OperationStatus } from '../report/result.js';
import { renderSummary, renderSyncSummary } from '../report/summary.js';
import { shardMatrix } from '../config/shard.js';

/** Statuses that wrote something to a target. */
const WRITES: readonly OperationStatus[] = ['copied', 'backed-up', 'deleted', 'restored'];

export interface ActionOutputs {
  digest: string;
  changed: string;
  bytes: string;
  plan: string;
}

export interface SyncOutputs {
  changed: string;
  bytes: string;
  plan: string;
  /** `{"shard":["1/N",…]}` for `strategy.matrix: ${{ fromJSON(…) }}`; empty unless a fan-out was asked for. */
  matrix: string;
}

export function outputsOf(results: readonly OperationResult[]): ActionOutputs {
  const withDigest = results.filter((r) => r.digest !== undefined);
  return {
    digest: withDigest.length > 0 ? withDigest[withDigest.length - 1]!.digest! : '',
    changed: String(results.some((r) => WRITES.includes(r.status))),
    bytes: String(results.reduce((sum, r) => sum + r.bytes, 0)),
    plan: JSON.stringify(results.map(resultRecord)),
  };
}

export function syncOutputsOf(results: readonly OperationResult[], shards: number | undefined): SyncOutputs {
  const { digest: _lastDigest, ...common } = outputsOf(results);
  return { ...common, matrix: shards === undefined ? '' : JSON.stringify({ shard: shardMatrix(shards) }) };
}

export interface PruneOutputs {
  /** Tags and images deleted (0 in a dry run). */
  deleted: string;
  changed: string;
  plan: string;
}

export function pruneOutputsOf(results: readonly OperationResult[]): PruneOutputs {
  const { changed, plan } = outputsOf(results);
  return { deleted: String(results.filter((r) => r.status === 'deleted').length), changed, plan };
}

export function setOutputs(outputs: ActionOutputs | SyncOutputs | PruneOutputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

export interface SummaryRequest {
  results: readonly OperationResult[];
  title: string;
  error: string | undefined;
  /** A sync gets the entries × tags table with its totals and wall time. */
  sync?: { durationMs: number };
}

/** Appends the summary; a runner without a summary file (a local run) gets a warning, not a failure. */
export async function writeSummary(req: SummaryRequest, logger: Logger): Promise<void> {
  const opts = { title: req.title, ...(req.error !== undefined ? { error: req.error } : {}) };
  const markdown = req.sync ? renderSyncSummary(req.results, { ...opts, durationMs: req.sync.durationMs }) : renderSummary(req.results, opts);
  try {
    await core.summary.addRaw(markdown).write();
  } catch (err) {
    logger.warn(`job summary not written: ${(err as Error).message}`);
  } finally {
    core.summary.emptyBuffer();
  }
}
