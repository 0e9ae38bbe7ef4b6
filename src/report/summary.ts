// Operation results as a markdown job summary: a heading with totals and one table row per operation.
import { githubVersionIdsOf, versionNote, type OperationResult, type OperationStatus } from './result.js';
import { formatBytes, formatDuration, shortDigest } from './units.js';

export interface SummaryOptions {
  /** Heading text before the totals, `regkit` when absent. */
  title?: string;
  /** A failure that ended the run before or instead of results. */
  error?: string;
}

const STATUS_ORDER: readonly OperationStatus[] = ['copied', 'would-copy', 'backed-up', 'would-backup', 'deleted', 'would-delete', 'restored', 'skipped', 'excluded', 'failed'];

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
  const status = [r.reason ? `${r.status}: ${r.reason}` : r.status, versionNote(r)].filter(Boolean).join(' ');
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
  lines.push(...undoLines(results));
  return `${lines.join('\n')}\n`;
}

/** How to take back this run's GitHub Packages deletes, one command per repository (GitHub keeps them 30 days). */
function undoLines(results: readonly OperationResult[]): string[] {
  const byRepo = new Map<string, number[]>();
  for (const r of results) {
    const ids = r.status === 'deleted' ? githubVersionIdsOf(r) : [];
    if (ids.length > 0 && r.target !== undefined) byRepo.set(repositoryText(r.target), [...(byRepo.get(repositoryText(r.target)) ?? []), ...ids]);
  }
  if (byRepo.size === 0) return [];
  return ['To undo within 30 days:', '', ...[...byRepo].map(([repo, ids]) => `    regkit image restore ${repo} ${ids.join(',')}`), ''];
}

export interface SyncSummaryOptions extends SummaryOptions {
  /** Wall time of the whole run. */
  durationMs?: number;
  /** Excluded tags of one repository pair and reason beyond this many are folded into one row. Default 5. */
  foldExcludedOver?: number;
}

/** Always shown in a sync heading, zero or not, so runs read alike; the rest only when they occur. */
const SYNC_TOTALS: readonly OperationStatus[] = ['copied', 'skipped', 'would-copy', 'backed-up', 'excluded', 'failed'];
const SYNC_OCCASIONAL: readonly OperationStatus[] = ['would-backup', 'deleted', 'would-delete'];

/** `host/repo:tag` → `host/repo` (also for `ocidir://path:tag`); a digest is dropped too. */
function repositoryText(ref: string): string {
  const at = ref.indexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') && !name.slice(colon).includes(']') ? name.slice(0, colon) : name;
}

function tagText(ref: string): string {
  const repo = repositoryText(ref);
  return ref.length > repo.length ? ref.slice(repo.length + 1) : ref;
}

function registryText(ref: string): string {
  return ref.startsWith('ocidir://') ? 'ocidir' : ref.split('/')[0]!;
}

function syncTotalsLine(results: readonly OperationResult[], durationMs: number | undefined): string {
  const count = (s: OperationStatus) => results.filter((r) => r.status === s).length;
  const statuses = [...SYNC_TOTALS.map((s) => `${count(s)} ${s}`), ...SYNC_OCCASIONAL.filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`)];
  const planned = (r: OperationResult) => r.status.startsWith('would-');
  const moved = results.reduce((sum, r) => sum + (planned(r) ? 0 : r.bytes), 0);
  const toMove = results.reduce((sum, r) => sum + (planned(r) ? r.bytes : 0), 0);
  const bytes = [`${formatBytes(moved)} moved`, ...(toMove > 0 ? [`${formatBytes(toMove)} to move`] : [])];
  return [statuses.join(', '), ...bytes, ...(durationMs !== undefined ? [formatDuration(durationMs)] : [])].join(' · ');
}

/** The lowest remaining pull count each source registry reported, from `details.rateLimitRemaining`. */
function rateLimitLine(results: readonly OperationResult[]): string | undefined {
  const lowest = new Map<string, number>();
  for (const r of results) {
    const remaining = r.details?.['rateLimitRemaining'];
    if (typeof remaining !== 'number' || r.source === undefined) continue;
    const registry = registryText(r.source);
    lowest.set(registry, Math.min(remaining, lowest.get(registry) ?? Infinity));
  }
  if (lowest.size === 0) return undefined;
  return `Rate limit remaining (lowest seen): ${[...lowest].map(([registry, n]) => `\`${escapeCell(registry)}\` ${n}`).join(', ')}`;
}

function syncRow(r: OperationResult): string {
  const cells = [
    escapeCell(r.source ?? ''),
    escapeCell(r.target ?? ''),
    r.op === 'backup' || r.op === 'sync' ? r.status : `${r.status} (${r.op})`,
    r.digest ? `\`${escapeCell(shortDigest(r.digest))}\`` : '',
    formatBytes(r.bytes),
    r.durationMs === undefined ? '' : formatDuration(r.durationMs),
    escapeCell(r.reason ?? ''),
  ];
  return `| ${cells.join(' | ')} |`;
}

const NAMED_IN_FOLD = 5;

function foldedRow(group: readonly OperationResult[]): string {
  const first = group[0]!;
  const tags = group.map((r) => tagText(r.target ?? r.source ?? ''));
  const named = tags.slice(0, NAMED_IN_FOLD).join(', ') + (tags.length > NAMED_IN_FOLD ? ', …' : '');
  const cells = [
    escapeCell(repositoryText(first.source ?? '')),
    escapeCell(repositoryText(first.target ?? '')),
    'excluded',
    '',
    '',
    '',
    escapeCell(`${group.length} tags: ${first.reason ?? 'excluded'} (${named})`),
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * Rows in result order; the excluded tags of one repository pair with one reason become a single row, where the
 * first of them stood, once there are more than `foldOver` of them (a policy that keeps 3 of 400 tags stays readable).
 */
function syncRows(results: readonly OperationResult[], foldOver: number): string[] {
  const groups = new Map<string, OperationResult[]>();
  const groupOf = (r: OperationResult) => JSON.stringify([repositoryText(r.source ?? ''), repositoryText(r.target ?? ''), r.reason ?? '']);
  for (const r of results) {
    if (r.status !== 'excluded') continue;
    const key = groupOf(r);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const rows: string[] = [];
  const folded = new Set<string>();
  for (const r of results) {
    const group = r.status === 'excluded' ? groups.get(groupOf(r))! : undefined;
    if (!group || group.length <= foldOver) rows.push(syncRow(r));
    else if (!folded.has(groupOf(r))) {
      folded.add(groupOf(r));
      rows.push(foldedRow(group));
    }
  }
  return rows;
}

/** A sync run: totals with bytes and wall time, rate limits when known, then one row per entry and tag. */
export function renderSyncSummary(results: readonly OperationResult[], opts: SyncSummaryOptions = {}): string {
  const lines = [`### ${escapeCell(opts.title ?? 'regkit sync')}: ${syncTotalsLine(results, opts.durationMs)}`, ''];
  if (opts.error !== undefined) lines.push(`**Failed:** ${escapeCell(opts.error)}`, '');
  const limits = rateLimitLine(results);
  if (limits !== undefined) lines.push(limits, '');
  if (results.length > 0) {
    lines.push(
      '| Source | Target | Verdict | Digest | Bytes | Time | Reason |',
      '| --- | --- | --- | --- | ---: | ---: | --- |',
      ...syncRows(results, opts.foldExcludedOver ?? 5),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
