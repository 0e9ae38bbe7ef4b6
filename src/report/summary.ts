// Operation results as a markdown job summary: a heading with totals and one table row per operation.
import type { OperationResult, OperationStatus } from './result.js';
import { formatBytes, formatDuration, shortDigest } from './units.js';

export interface SummaryOptions {
  /** Heading text before the totals, `regkit` when absent. */
  title?: string;
  /** A failure that ended the run before or instead of results. */
  error?: string;
}

const STATUS_ORDER: readonly OperationStatus[] = ['copied', 'would-copy', 'backed-up', 'would-backup', 'deleted', 'would-delete', 'skipped', 'excluded', 'failed'];

/** Cell text that cannot break the table: `|` escaped, line breaks as `<br>`, HTML inert. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

function totalsLine(results: readonly OperationResult[]): string {
  const counts = STATUS_ORDER.map((s) => [s, results.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
  const parts = [`${results.length} operation${results.length === 1 ? '' : 's'}`, ...counts.map(([s, n]) => `${n} ${s}`), `${formatBytes(bytes)} moved`];
  return parts.join(', ');
}

function row(r: OperationResult): string {
  const blobs = r.blobs ? `${r.blobs.copied}/${r.blobs.skipped}/${r.blobs.mounted}` : '';
  const status = r.reason ? `${r.status}: ${r.reason}` : r.status;
  const cells = [
    escapeCell(r.source ?? ''),
    escapeCell(r.target ?? ''),
    r.digest ? `\`${escapeCell(shortDigest(r.digest))}\`` : '',
    escapeCell((r.platforms ?? []).join(', ')),
    blobs,
    formatBytes(r.bytes),
    r.durationMs === undefined ? '' : formatDuration(r.durationMs),
    escapeCell(status),
  ];
  return `| ${cells.join(' | ')} |`;
}

export function renderSummary(results: readonly OperationResult[], opts: SummaryOptions = {}): string {
  const lines = [`### ${escapeCell(opts.title ?? 'regkit')}: ${totalsLine(results)}`, ''];
  if (opts.error !== undefined) lines.push(`**Failed:** ${escapeCell(opts.error)}`, '');
  if (results.length > 0) {
    lines.push(
      '| Source | Target | Digest | Platforms | Blobs copied/skipped/mounted | Bytes | Time | Status |',
      '| --- | --- | --- | --- | --- | ---: | ---: | --- |',
      ...results.map(row),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
