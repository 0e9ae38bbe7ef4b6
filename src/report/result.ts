// The one result model. Engines return these; faces render them as text, JSON lines or a markdown job summary.
import { formatReference, type Reference } from '../oci/reference.js';

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
  /** Not copied: the step's verify policy refused the image's signatures (the reason says which way). */
  | 'rejected'
  /** `regkit verify`: a trusted signature names the image's digest. */
  | 'verified'
  | 'failed'
  /** Never started: `--abort-on-error` stopped the run after an earlier failure. */
  | 'not-run';

export type OperationKind = 'copy' | 'backup' | 'tag-delete' | 'image-delete' | 'restore' | 'export' | 'import' | 'sync' | 'prune' | 'verify';

export interface BlobCounts {
  copied: number;
  skipped: number;
  mounted: number;
}

/**
 * Where an operation read or wrote, as data: the renderers alone turn it into text (`locationText`), and the job
 * summary groups by its parts instead of cutting a formatted string apart.
 */
export type Location =
  /** An image in a registry or an OCI layout. */
  | { kind: 'image'; ref: Reference }
  /** A file: an archive written by `image export` or read by `image import` (with the tag taken from it), a config. */
  | { kind: 'file'; path: string; tag?: string }
  /** A registry, and the path below it, that a registry-wide sync step names. */
  | { kind: 'registry'; host: string; path?: string }
  /** A regbot script or policy, by its name in the config. */
  | { kind: 'rule'; name: string };

export function imageAt(ref: Reference): Location {
  return { kind: 'image', ref };
}

export function locationText(loc: Location): string {
  switch (loc.kind) {
    case 'image':
      return formatReference(loc.ref);
    case 'file':
      return loc.tag === undefined ? loc.path : `${loc.path}:${loc.tag}`;
    case 'registry':
      return loc.path ? `${loc.host}/${loc.path}` : loc.host;
    case 'rule':
      return loc.name;
  }
}

/** Extras for one kind of operation; `kind` says which, and is not part of the rendered `details`. */
export type ResultDetails =
  /** An image copied (copy, sync, backup, export, import). */
  | { kind: 'transfer'; previousDigest?: string; rateLimitRemaining?: number }
  /** A write a regbot script asked for, or a failure of the script; `call` is the regbot API call. */
  | { kind: 'script'; script: string; call?: string; line?: number; githubVersionIds?: number[] }
  /** A delete a declarative prune policy planned. */
  | { kind: 'policy'; policy: string; line?: number; githubVersionIds?: number[] }
  /** A delete by `regkit tag delete` or `image delete` that removed GitHub Packages versions. */
  | { kind: 'delete'; githubVersionIds: number[] };

export interface OperationResult {
  op: OperationKind;
  status: OperationStatus;
  source?: Location;
  target?: Location;
  /** Digest of the top manifest written or compared. */
  digest?: string;
  /** Blob bytes moved (0 for a retag or a no-op). */
  bytes: number;
  /** Why: the skip reason, the filter that excluded, or the error message. */
  reason?: string;
  platforms?: string[];
  blobs?: BlobCounts;
  durationMs?: number;
  details?: ResultDetails;
}

/** The GitHub Packages version ids a delete removed (`details.githubVersionIds`): what `regkit image restore` takes. */
export function githubVersionIdsOf(r: OperationResult): number[] {
  const d = r.details;
  return d !== undefined && 'githubVersionIds' in d ? (d.githubVersionIds ?? []) : [];
}

/** `(GitHub versions 1, 2)` after a delete that removed package versions; empty otherwise. */
export function versionNote(r: OperationResult): string {
  const ids = githubVersionIdsOf(r);
  return ids.length === 0 ? '' : `(GitHub version${ids.length === 1 ? '' : 's'} ${ids.join(', ')})`;
}

export function emptyBlobCounts(): BlobCounts {
  return { copied: 0, skipped: 0, mounted: 0 };
}

/**
 * What fails a run: an operation that failed, and an image a verify policy rejected (the mirror was asked for it and
 * it did not enter). The other operations still ran.
 */
export function failsRun(r: OperationResult): boolean {
  return r.status === 'failed' || r.status === 'rejected';
}

/** 0 when no operation fails the run (failsRun), 1 otherwise. */
export function exitCodeOf(results: readonly OperationResult[]): 0 | 1 {
  return results.some(failsRun) ? 1 : 0;
}

/** Bytes and blobs moved so far for one image: what progress lines and bars are drawn from. */
export interface CopyProgress {
  image: string;
  bytesDone: number;
  bytesTotal: number;
  blobsDone: number;
  blobsTotal: number;
}
