// The one result model. Engines return these; faces render them as text, JSON lines or a markdown job summary.

export type OperationStatus =
  | 'copied'
  | 'skipped'
  | 'would-copy'
  | 'backed-up'
  | 'would-backup'
  | 'deleted'
  | 'restored'
  | 'would-delete'
  | 'excluded'
  | 'failed';

export type OperationKind = 'copy' | 'backup' | 'tag-delete' | 'image-delete' | 'restore' | 'export' | 'import' | 'sync' | 'prune';

export interface BlobCounts {
  copied: number;
  skipped: number;
  mounted: number;
}

export interface OperationResult {
  op: OperationKind;
  status: OperationStatus;
  source?: string;
  target?: string;
  /** Digest of the top manifest written or compared. */
  digest?: string;
  /** Blob bytes moved (0 for a retag or a no-op). */
  bytes: number;
  /** Why: the skip reason, the filter that excluded, or the error message. */
  reason?: string;
  platforms?: string[];
  blobs?: BlobCounts;
  durationMs?: number;
  /** Free-form extras for one kind of operation (rate-limit remaining, backup ref, shard). */
  details?: Record<string, unknown>;
}

/** The GitHub Packages version ids a delete removed (`details.githubVersionIds`): what `regkit image restore` takes. */
export function githubVersionIdsOf(r: OperationResult): number[] {
  const ids = r.details?.['githubVersionIds'];
  return Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id)) : [];
}

/** `(GitHub versions 1, 2)` after a delete that removed package versions; empty otherwise. */
export function versionNote(r: OperationResult): string {
  const ids = githubVersionIdsOf(r);
  return ids.length === 0 ? '' : `(GitHub version${ids.length === 1 ? '' : 's'} ${ids.join(', ')})`;
}

export function emptyBlobCounts(): BlobCounts {
  return { copied: 0, skipped: 0, mounted: 0 };
}

/** 0 when every operation succeeded, 1 when any failed: the other operations still ran. */
export function exitCodeOf(results: readonly OperationResult[]): 0 | 1 {
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

/** Bytes and blobs moved so far for one image: what progress lines and bars are drawn from. */
export interface CopyProgress {
  image: string;
  bytesDone: number;
  bytesTotal: number;
  blobsDone: number;
  blobsTotal: number;
}
