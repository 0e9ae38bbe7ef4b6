// The record of every write a script asked for, executed or (in dry-run) only planned, and what the report makes
// of it. Deletes the script made (or, in a dry run, planned) are remembered by the JournalingStore, so that later
// safety checks in the same run treat those tags and digests as gone.
import { repositoryKey, type Reference } from '../../oci/reference.js';
import type { OperationKind, OperationResult, OperationStatus } from '../../report/result.js';
import { StoreDecorator } from '../../store/decorator.js';
import type { DeleteReceipt, ManifestHead, Store } from '../../store/store.js';
import type { JournalEntry, JournalOperation } from '../types.js';

export class Journal {
  readonly entries: JournalEntry[] = [];
  private readonly deletedTags = new Set<string>();
  private readonly deletedDigests = new Set<string>();

  constructor(private readonly onChange: (index: number, entry: JournalEntry, settled: boolean) => void = () => {}) {}

  /** Records a write; the entry is returned so the caller can mark its outcome (then `changed`). */
  record(op: JournalOperation, fields: Omit<JournalEntry, 'op' | 'executed'>): JournalEntry {
    const entry: JournalEntry = { op, ...fields, executed: false };
    this.entries.push(entry);
    this.onChange(this.entries.length - 1, entry, false);
    return entry;
  }

  changed(entry: JournalEntry): void {
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.onChange(i, entry, true);
  }

  noteTagDeleted(repo: string, tag: string): void {
    this.deletedTags.add(`${repo}:${tag}`);
  }

  noteDigestDeleted(repo: string, digest: string): void {
    this.deletedDigests.add(`${repo}@${digest}`);
  }

  isTagDeleted(repo: string, tag: string): boolean {
    return this.deletedTags.has(`${repo}:${tag}`);
  }

  isDigestDeleted(repo: string, digest: string): boolean {
    return this.deletedDigests.has(`${repo}@${digest}`);
  }
}

/** Remembers the deletes that went through it (made, or planned by a dry-run store below it). */
export class JournalingStore extends StoreDecorator {
  constructor(
    inner: Store,
    private readonly journal: Journal,
  ) {
    super(inner);
  }

  /** The store's receipt passes through: a GitHub Packages delete names the versions it removed, for the result. */
  override async deleteTag(ref: Reference, current?: ManifestHead): Promise<DeleteReceipt | void> {
    const receipt = await this.inner.deleteTag(ref, current);
    if (ref.tag !== undefined) this.journal.noteTagDeleted(repositoryKey(ref), ref.tag);
    return receipt;
  }

  override async deleteManifest(ref: Reference): Promise<DeleteReceipt | void> {
    const receipt = await this.inner.deleteManifest(ref);
    if (ref.digest !== undefined) this.journal.noteDigestDeleted(repositoryKey(ref), ref.digest);
    return receipt;
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
  'image.exportTar': 'export',
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
    target: e.target,
    ...(e.source !== undefined ? { source: e.source } : {}),
    ...(e.digest !== undefined ? { digest: e.digest } : {}),
    bytes: 0,
    ...(e.error !== undefined ? { reason: e.error } : {}),
    details: {
      kind: 'script' as const,
      script,
      call: e.op,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.githubVersionIds !== undefined ? { githubVersionIds: e.githubVersionIds } : {}),
    },
  }));
}
