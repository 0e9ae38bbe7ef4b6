// Step outputs and the job summary, rendered from the results.
import * as core from '@actions/core';
import type { Logger, Secrets } from '../log.js';
import { resultRecord } from '../report/jsonl.js';
import type { OperationResult, OperationStatus } from '../report/result.js';
import { renderSummary } from '../report/summary.js';
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

/** Largest `plan` output: step outputs of a job share about 1 MiB, and a runner echoes each into the log. */
export const PLAN_MAX_BYTES = 256 * 1024;

/** No-op entries: the first left out of a `plan` over its cap. */
const NO_OPS: readonly OperationStatus[] = ['skipped', 'excluded'];

/**
 * The `plan` output: a JSON array of result records (the objects of `--format json`, in run order). Over
 * PLAN_MAX_BYTES, unchanged and excluded entries are left out first, then the array is cut at the cap; `leftOut`
 * says how many entries are missing (the step log has every one).
 */
export function planOutput(results: readonly OperationResult[], maxBytes = PLAN_MAX_BYTES): { json: string; leftOut: number } {
  const lines = results.map((r) => ({ status: r.status, text: JSON.stringify(resultRecord(r)) }));
  const size = (kept: readonly { text: string }[]) => kept.reduce((n, l) => n + Buffer.byteLength(l.text) + 1, 1);
  let kept = lines;
  if (size(kept) > maxBytes) kept = kept.filter((l) => !NO_OPS.includes(l.status));
  if (size(kept) > maxBytes) {
    let used = 1;
    const cut = kept.findIndex((l) => (used += Buffer.byteLength(l.text) + 1) > maxBytes);
    kept = kept.slice(0, cut);
  }
  return { json: `[${kept.map((l) => l.text).join(',')}]`, leftOut: lines.length - kept.length };
}

export function outputsOf(results: readonly OperationResult[]): ActionOutputs {
  const withDigest = results.filter((r) => r.digest !== undefined);
  return {
    digest: withDigest.length > 0 ? withDigest[withDigest.length - 1]!.digest! : '',
    changed: String(results.some((r) => WRITES.includes(r.status))),
    bytes: String(results.reduce((sum, r) => sum + r.bytes, 0)),
    plan: planOutput(results).json,
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
  /** Wall time of the run. */
  durationMs: number;
}

/** Appends the summary; a runner without a summary file (a local run) gets a warning, not a failure. */
export async function writeSummary(req: SummaryRequest, logger: Logger, secrets: Secrets): Promise<void> {
  const markdown = renderSummary(req.results, { title: req.title, durationMs: req.durationMs, ...(req.error !== undefined ? { error: req.error } : {}) });
  try {
    await core.summary.addRaw(secrets.redact(markdown)).write();
  } catch (err) {
    logger.warn(`job summary not written: ${(err as Error).message}`);
  } finally {
    core.summary.emptyBuffer();
  }
}
