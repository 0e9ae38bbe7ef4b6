// Operation results as text lines: what a person reads as a CLI run or an action log goes, one line as each
// operation ends, and the totals at the end.
import { locationText, versionNote, type OperationResult, type OperationStatus } from './result.js';
import { formatBytes, formatDuration, shortDigest } from './units.js';

/** `SOURCE → TARGET`, or the one side an operation has (a delete names only its target). */
export function routeOf(r: OperationResult): string {
  if (r.source !== undefined && r.target !== undefined) return `${locationText(r.source)} → ${locationText(r.target)}`;
  const one = r.target ?? r.source;
  return one ? locationText(one) : '';
}

/** Width of the longest status, `would-backup`: lines written one at a time still start their routes in one column. */
const STATUS_WIDTH = 12;

/** One operation: status, route, short digest, bytes, its own time, reason (on the same line). */
export function renderTextLine(r: OperationResult): string {
  const cells = [
    r.status.padEnd(STATUS_WIDTH),
    routeOf(r),
    r.digest === undefined ? '-' : shortDigest(r.digest),
    formatBytes(r.bytes),
    ...(r.durationMs === undefined ? [] : [formatDuration(r.durationMs)]),
    ...(r.reason === undefined ? [] : [r.reason.replace(/\r?\n/g, ' ')]),
    ...(versionNote(r) === '' ? [] : [versionNote(r)]),
  ];
  return `${cells.join('  ')}\n`;
}

export interface Tally {
  operations: number;
  /** Statuses that occurred, in the order they read best: writes, plans, no-ops, failures. */
  counts: Array<[OperationStatus, number]>;
  /** Bytes moved by operations done, and bytes a dry run would move. */
  moved: number;
  toMove: number;
}

export const STATUS_ORDER: readonly OperationStatus[] = [
  'failed',
  'rejected',
  'copied',
  'would-copy',
  'backed-up',
  'would-backup',
  'deleted',
  'would-delete',
  'restored',
  'verified',
  'skipped',
  'excluded',
  'not-run',
];

export function tally(results: readonly OperationResult[]): Tally {
  const n = new Map<OperationStatus, number>();
  let moved = 0;
  let toMove = 0;
  for (const r of results) {
    n.set(r.status, (n.get(r.status) ?? 0) + 1);
    if (r.status.startsWith('would-')) toMove += r.bytes;
    else moved += r.bytes;
  }
  return { operations: results.length, counts: STATUS_ORDER.filter((s) => n.has(s)).map((s) => [s, n.get(s)!]), moved, toMove };
}

/** `12 operations: 1 failed, 3 copied, 8 skipped · 1.2 GiB moved · 41.0 s`: the line a run ends with. */
export function renderTotals(results: readonly OperationResult[], durationMs?: number): string {
  const t = tally(results);
  const counts = t.counts.map(([s, n]) => `${n} ${s}`).join(', ');
  const parts = [`${t.operations} operation${t.operations === 1 ? '' : 's'}${counts ? `: ${counts}` : ''}`, `${formatBytes(t.moved)} moved`];
  if (t.toMove > 0) parts.push(`${formatBytes(t.toMove)} to move`);
  if (durationMs !== undefined) parts.push(formatDuration(durationMs));
  return parts.join(' · ');
}
