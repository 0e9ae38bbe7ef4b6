// Operation results as JSON lines (`--format json`): one object per operation, keys always present and in one order,
// so scripts can rely on the shape.
import { locationText, type OperationResult, type ResultDetails } from './result.js';

/** `details` as scripts have read them: the fields of its kind, without the kind. */
function detailsRecord(details: ResultDetails): Record<string, unknown> {
  const { kind: _kind, ...fields } = details;
  return fields;
}

export function resultRecord(r: OperationResult): Record<string, unknown> {
  return {
    op: r.op,
    source: r.source ? locationText(r.source) : null,
    target: r.target ? locationText(r.target) : null,
    status: r.status,
    digest: r.digest ?? null,
    bytes: r.bytes,
    reason: r.reason ?? null,
    platforms: r.platforms ?? null,
    blobs: r.blobs ? { copied: r.blobs.copied, skipped: r.blobs.skipped, mounted: r.blobs.mounted } : null,
    durationMs: r.durationMs ?? null,
    ...(r.details !== undefined ? { details: detailsRecord(r.details) } : {}),
  };
}

/** One result as one line, written as the operation ends. */
export function renderJsonLine(r: OperationResult): string {
  return `${JSON.stringify(resultRecord(r))}\n`;
}
