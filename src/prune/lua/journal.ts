// The record of every write a script asked for, executed or (in dry-run) only planned, and what the report makes
// of it. Planned tag deletions are remembered so that later safety checks in the same dry run treat them as gone.
import type { OperationKind, OperationResult, OperationStatus } from '../../report/result.js';
import type { JournalEntry, JournalOperation } from '../types.js';

export class Journal {
  readonly entries: JournalEntry[] = [];
  private readonly plannedTagDeletes = new Set<string>();

  /** Records a write; the entry is returned so the caller can mark its outcome. */
  record(op: JournalOperation, fields: Omit<JournalEntry, 'op' | 'executed'>): JournalEntry {
    const entry: JournalEntry = { op, ...fields, executed: false };
    this.entries.push(entry);
    return entry;
  }

  /** Tags (as `repository:tag` keys) this dry run has planned to delete. */
  planTagDelete(repositoryKey: string, tag: string): void {
    this.plannedTagDeletes.add(`${repositoryKey}:${tag}`);
  }

  isTagPlannedForDelete(repositoryKey: string, tag: string): boolean {
    return this.plannedTagDeletes.has(`${repositoryKey}:${tag}`);
  }
}

const KIND: Record<JournalOperation, OperationKind> = {
  'tag.delete': 'tag-delete',
  'manifest.delete': 'image-delete',
  'image.delete': 'image-delete',
  'manifest.put': 'copy',
  'image.copy': 'copy',
  'blob.put': 'copy',
  'image.importTar': 'import',
};

function statusOf(entry: JournalEntry): OperationStatus {
  if (entry.error !== undefined) return 'failed';
  const deleting = entry.op === 'tag.delete' || entry.op.endsWith('.delete');
  if (deleting) return entry.executed ? 'deleted' : 'would-delete';
  return entry.executed ? 'copied' : 'would-copy';
}

/** The journal in the one result model, for the text, JSON-lines and job-summary renderers. */
export function journalToResults(script: string, entries: readonly JournalEntry[]): OperationResult[] {
  return entries.map((e) => ({
    op: KIND[e.op],
    status: statusOf(e),
    target: e.reference,
    ...(e.source !== undefined ? { source: e.source } : {}),
    ...(e.digest !== undefined ? { digest: e.digest } : {}),
    bytes: 0,
    ...(e.error !== undefined ? { reason: e.error } : {}),
    details: { script, call: e.op, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.githubVersionIds !== undefined ? { githubVersionIds: e.githubVersionIds } : {}) },
  }));
}
