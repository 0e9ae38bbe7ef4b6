// Operation results as a markdown job summary, laid out for a reader at GitHub's content width: the heading carries
// the counts; failures come first, each with its whole reason; then what changed or would change (a pull request's
// check shows its plan before anything else), one table shape per kind of operation; unchanged and excluded entries
// are folded into counts per repository. The whole stays under a size cap, with a line saying what was left out.
import { formatReference, repositoryOf } from '../oci/reference.js';
import { locationText, type Location, type OperationResult, type OperationStatus, githubVersionIdsOf, versionNote } from './result.js';
import { tally } from './text.js';
import { formatBytes, formatDuration, shortDigest } from './units.js';

/** Well under GitHub's 1 MiB limit for one step's summary, leaving room for other steps of the job. */
export const SUMMARY_MAX_BYTES = 512 * 1024;

export interface SummaryOptions {
  /** Heading text before the totals, `regkit` when absent. */
  title?: string;
  /** A failure that ended the run before or instead of results. */
  error?: string;
  /** Wall time of the whole run. */
  durationMs?: number;
  /** Size cap in bytes (UTF-8) of the markdown; default SUMMARY_MAX_BYTES. */
  maxBytes?: number;
  /** Tags named in one folded line before `…`. Default 10. */
  namedInFold?: number;
}

/** Cell text that cannot break the table: `|` escaped, line breaks as `<br>`, HTML inert. */
export function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|');
}

/** Text that stays text in markdown: HTML inert, line breaks as `<br>`, emphasis and link marks escaped. */
function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}

/** A code span: its text is shown as it is (no escapes work inside one), so only a backtick must not end it early. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

const CHANGES: readonly OperationStatus[] = ['would-copy', 'would-backup', 'would-delete', 'copied', 'backed-up', 'deleted', 'restored'];
const FOLDED: ReadonlyArray<{ status: OperationStatus; label: string }> = [
  { status: 'skipped', label: 'unchanged' },
  { status: 'excluded', label: 'excluded' },
  { status: 'not-run', label: 'not run' },
];

function isDelete(r: OperationResult): boolean {
  return r.op === 'tag-delete' || r.op === 'image-delete' || r.op === 'prune' || r.op === 'restore';
}

function textOf(loc: Location | undefined): string {
  return loc ? locationText(loc) : '';
}

/** The repository an image belongs to (`host/repo`, `ocidir://path`), without tag or digest; other places as they are. */
function repositoryText(loc: Location | undefined): string {
  if (loc?.kind === 'image') return formatReference(repositoryOf(loc.ref));
  if (loc?.kind === 'file') return loc.path;
  return textOf(loc);
}

/** What names one image within its repository: the tag (with a digest pinned beside it), or the digest. */
function tagText(loc: Location | undefined): string {
  if (loc?.kind === 'image') {
    const { tag, digest } = loc.ref;
    if (tag !== undefined) return digest !== undefined ? `${tag}@${shortDigest(digest)}` : tag;
    return digest ? shortDigest(digest) : textOf(loc);
  }
  if (loc?.kind === 'file' && loc.tag !== undefined) return loc.tag;
  return textOf(loc);
}

/** The registry a rate limit belongs to; all OCI layouts count as one, `ocidir`. */
function registryText(loc: Location): string {
  if (loc.kind === 'image') return loc.ref.scheme === 'ocidir' ? 'ocidir' : loc.ref.registry;
  if (loc.kind === 'registry') return loc.host;
  return locationText(loc);
}

/** `41.0 MiB` kept on one line. */
function unbroken(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

/** `2,400`: counts read at a glance. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

function headingCounts(results: readonly OperationResult[]): string {
  return tally(results)
    .counts.map(([s, n]) => `${count(n)} ${FOLDED.find((f) => f.status === s)?.label ?? s}`)
    .join(', ');
}

/** Bytes moved (and to move, in a plan), wall time, and the lowest rate limit each source registry reported. */
function factsLine(results: readonly OperationResult[], durationMs: number | undefined): string {
  const t = tally(results);
  // A plan moves nothing: it says what it would move; deletes move no bytes at all.
  const parts = t.moved > 0 || (t.toMove === 0 && !results.every(isDelete)) ? [`${formatBytes(t.moved)} moved`] : [];
  if (t.toMove > 0) parts.push(`${formatBytes(t.toMove)} to move`);
  if (durationMs !== undefined) parts.push(formatDuration(durationMs));
  const lowest = new Map<string, number>();
  for (const r of results) {
    const remaining = r.details?.kind === 'transfer' ? r.details.rateLimitRemaining : undefined;
    if (remaining === undefined || r.source === undefined) continue;
    const registry = registryText(r.source);
    lowest.set(registry, Math.min(remaining, lowest.get(registry) ?? Infinity));
  }
  if (lowest.size > 0) parts.push(`rate limit remaining (lowest seen): ${[...lowest].map(([registry, n]) => `${code(registry)} ${n}`).join(', ')}`);
  return parts.join(' · ');
}

function routeText(r: OperationResult): string {
  if (r.source !== undefined && r.target !== undefined) return `${textOf(r.source)} → ${textOf(r.target)}`;
  return textOf(r.target ?? r.source);
}

function failureItem(r: OperationResult): string {
  return `- **${escapeText(routeText(r) || r.op)}**<br>${escapeText(r.reason ?? 'no reason given')}`;
}

const TRANSFER_HEAD = ['| Status | Image | Digest | Size | Time |', '| --- | --- | --- | ---: | ---: |'];
const DELETE_HEAD = ['| Action | Tag | Digest | Rule |', '| --- | --- | --- | --- |'];

function transferRow(r: OperationResult): string {
  const status = r.op === 'sync' || r.op === 'copy' || r.op === 'backup' ? r.status : `${r.status} (${r.op})`;
  const digest = r.digest ? code(shortDigest(r.digest)) : '';
  const time = r.durationMs === undefined ? '' : unbroken(formatDuration(r.durationMs));
  // The source under the target, smaller: a column of its own would squeeze the others into two lines at GitHub's width.
  const image = r.source !== undefined ? `${escapeCell(textOf(r.target))}<br><sub>from ${escapeCell(textOf(r.source))}</sub>` : escapeCell(textOf(r.target));
  return `| ${[status, image, digest, unbroken(formatBytes(r.bytes)), time].join(' | ')} |`;
}

/** The script or policy that asked for a delete, or the reason a sync step gave. */
function ruleText(r: OperationResult): string {
  const d = r.details;
  if (d?.kind === 'script') return `script "${d.script}"${d.line !== undefined ? ` line ${d.line}` : ''}`;
  if (d?.kind === 'policy') return `policy "${d.policy}"${d.line !== undefined ? ` line ${d.line}` : ''}`;
  return r.reason ?? '';
}

function deleteRow(r: OperationResult): string {
  const digest = r.digest ? code(shortDigest(r.digest)) : '';
  const rule = [ruleText(r), versionNote(r)].filter(Boolean).join(' ');
  return `| ${[r.status, escapeCell(textOf(r.target ?? r.source)), digest, escapeCell(rule)].join(' | ')} |`;
}

/** How to take back this run's GitHub Packages deletes, one command per repository (GitHub keeps them 30 days). */
function undoLines(results: readonly OperationResult[]): string[] {
  const byRepo = new Map<string, number[]>();
  for (const r of results) {
    const ids = r.status === 'deleted' ? githubVersionIdsOf(r) : [];
    if (ids.length === 0 || r.target === undefined) continue;
    const repo = repositoryText(r.target);
    const known = byRepo.get(repo);
    if (known) known.push(...ids);
    else byRepo.set(repo, [...ids]);
  }
  if (byRepo.size === 0) return [];
  return ['To undo within 30 days:', '', ...[...byRepo].map(([repo, ids]) => `    regkit image restore ${repo} ${ids.join(',')}`), ''];
}

/** One line per repository pair and reason: how many tags, and the first few by name. */
function foldedLines(results: readonly OperationResult[], named: number): string[] {
  const groups = new Map<string, OperationResult[]>();
  for (const r of results) {
    const key = JSON.stringify([repositoryText(r.target), repositoryText(r.source), r.reason ?? '']);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const tags = group.map((r) => tagText(r.target ?? r.source));
    const names = tags.slice(0, named).join(', ') + (tags.length > named ? ', …' : '');
    const from = first.source && first.target ? ` ← ${code(repositoryText(first.source))}` : '';
    const what = `${count(group.length)} ${group.length === 1 ? 'tag' : 'tags'}${first.reason ? `, ${first.reason}` : ''}`;
    return `- ${code(repositoryText(first.target ?? first.source))}${from}: ${escapeText(what)} (${escapeText(names)})`;
  });
}

/** Lines added while they fit the byte budget; what does not fit is counted, not written. */
class Budget {
  readonly lines: string[] = [];
  private used = 0;
  leftOut = 0;

  constructor(private readonly max: number) {}

  fits(lines: readonly string[]): boolean {
    return this.used + lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) <= this.max;
  }

  add(...lines: string[]): void {
    for (const l of lines) this.used += Buffer.byteLength(l) + 1;
    this.lines.push(...lines);
  }

  /** A block (a heading, a table head) and then its items one by one, as many as fit; `tail` closes the block. */
  block(head: string[], items: readonly string[], tail: string[] = ['']): void {
    if (items.length === 0) return;
    if (!this.fits([...head, items[0]!, ...tail])) {
      this.leftOut += items.length;
      return;
    }
    this.add(...head);
    let i = 0;
    for (; i < items.length && this.fits([items[i]!, ...tail]); i++) this.add(items[i]!);
    this.leftOut += items.length - i;
    this.add(...tail);
  }
}

/** Room kept for the line that says what was left out. */
const NOTE_ROOM = 400;

export function renderSummary(results: readonly OperationResult[], opts: SummaryOptions = {}): string {
  const title = escapeText(opts.title ?? 'regkit');
  const counts = headingCounts(results);
  // A run that ended in an error says so in its heading: never "0 failed" above a failure.
  const verdict = opts.error !== undefined ? `failed${counts ? ` (${counts})` : ''}` : counts || 'nothing to do';
  const out = new Budget((opts.maxBytes ?? SUMMARY_MAX_BYTES) - NOTE_ROOM);
  out.add(`### ${title}: ${verdict}`, '');
  if (opts.error !== undefined) out.add(`**Failed:** ${escapeText(opts.error)}`, '');
  const facts = results.length > 0 ? factsLine(results, opts.durationMs) : '';
  if (facts) out.add(facts, '');

  const failed = results.filter((r) => r.status === 'failed');
  out.block([`#### Failed (${count(failed.length)})`, ''], failed.map(failureItem));
  const rejected = results.filter((r) => r.status === 'rejected');
  out.block([`#### Rejected by the verify policy (${count(rejected.length)})`, ''], rejected.map(failureItem));
  for (const [label, statuses] of [
    ['Would change', CHANGES.filter((s) => s.startsWith('would-'))],
    ['Changed', CHANGES.filter((s) => !s.startsWith('would-'))],
  ] as const) {
    const rows = results.filter((r) => statuses.includes(r.status));
    if (rows.length === 0) continue;
    out.add(`#### ${label} (${count(rows.length)})`, '');
    out.block(TRANSFER_HEAD, rows.filter((r) => !isDelete(r)).map(transferRow));
    out.block(DELETE_HEAD, rows.filter(isDelete).map(deleteRow));
  }
  const undo = undoLines(results);
  if (undo.length > 0) out.add(...undo);
  for (const { status, label } of FOLDED) {
    const rows = results.filter((r) => r.status === status);
    if (rows.length > 0)
      out.block([`<details><summary>${count(rows.length)} ${label}</summary>`, ''], foldedLines(rows, opts.namedInFold ?? 10), ['', '</details>', '']);
  }
  if (out.leftOut > 0) {
    out.add(
      `_${count(out.leftOut)} more ${out.leftOut === 1 ? 'entry' : 'entries'} left out to keep this summary under ${formatBytes(opts.maxBytes ?? SUMMARY_MAX_BYTES)}; the step log lists every result._`,
      '',
    );
  }
  return `${out.lines.join('\n')}\n`;
}
