// Step outputs and the job summary, rendered from the results.
import * as core from '@actions/core';
import type { Logger } from '../log.js';
import { resultRecord } from '../report/jsonl.js';
import type { OperationResult, OperationStatus } from '../report/result.js';
import { renderSummary } from '../report/summary.js';

/** Statuses that wrote something to a target. */
const WRITES: readonly OperationStatus[] = ['copied', 'backed-up', 'deleted'];

export interface ActionOutputs {
  digest: string;
  changed: string;
  bytes: string;
  plan: string;
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

export function setOutputs(results: readonly OperationResult[]): void {
  for (const [name, value] of Object.entries(outputsOf(results))) core.setOutput(name, value);
}

/** Appends the summary; a runner without a summary file (a local run) gets a warning, not a failure. */
export async function writeSummary(results: readonly OperationResult[], title: string, error: string | undefined, logger: Logger): Promise<void> {
  try {
    await core.summary.addRaw(renderSummary(results, { title, ...(error !== undefined ? { error } : {}) })).write();
  } catch (err) {
    logger.warn(`job summary not written: ${(err as Error).message}`);
  } finally {
    core.summary.emptyBuffer();
  }
}
