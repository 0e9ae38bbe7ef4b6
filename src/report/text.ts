// Operation results as aligned text lines: what a person reads at the end of a CLI run or in an action log.
import { versionNote, type OperationResult } from './result.js';
import { formatBytes, shortDigest } from './units.js';

/** `SOURCE → TARGET`, or the one side an operation has (a delete names only its target). */
export function routeOf(r: OperationResult): string {
  if (r.source !== undefined && r.target !== undefined) return `${r.source} → ${r.target}`;
  return r.target ?? r.source ?? '';
}

/** One line per operation: status, route, short digest, bytes, reason; columns padded to line up. */
export function renderText(results: readonly OperationResult[]): string {
  const rows = results.map((r) => [r.status, routeOf(r), r.digest === undefined ? '-' : shortDigest(r.digest), formatBytes(r.bytes), [r.reason ?? '', versionNote(r)].filter(Boolean).join(' ')]);
  const widths = [0, 1, 2, 3].map((col) => Math.max(0, ...rows.map((row) => row[col]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col < widths.length ? cell.padEnd(widths[col]!) : cell.replace(/\r?\n/g, ' ')))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
