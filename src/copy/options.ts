import type { Logger } from '../log.js';
import type { SpentChunks } from '../spent-buffers.js';
import type { ManifestHead, Store } from '../store/store.js';
import type { LayoutBounds } from '../store/ocidir/layout.js';
import type { Reference } from '../oci/reference.js';
import type { CopyProgress } from '../report/result.js';

/**
 * One referrer filter: the `artifactType` must equal when set, and every annotation must be present on the referrer's
 * descriptor, with that value unless the value asked for is empty (any value then).
 */
export interface ReferrerMatch {
  artifactType?: string;
  annotations: Readonly<Record<string, string>>;
}

export interface CopyOptions {
  /**
   * Platforms to copy from a multi-platform source. One platform copies that platform's image manifest alone to the
   * target tag (as `regctl image copy --platform` does); several copy an index rewritten to hold just those.
   */
  platforms?: string[];
  /**
   * With several platforms: push the source index unchanged and copy only the chosen children (regsync's sparse
   * index, same digest as the source). Registries that check an index's children, distribution among them, refuse it.
   */
  sparseIndex?: boolean;
  /** Also copy referrers (signatures, SBOMs, attestations) of every manifest copied. */
  referrers?: boolean;
  /** With referrers: copy only those some filter matches (regsync's `referrerFilters`); none or empty copies all. */
  referrerFilters?: readonly ReferrerMatch[];
  /** With referrers: the repository referrers are read from (the source's own when unset). */
  referrerSource?: Reference;
  /** With referrers: the repository referrers are written to (the target's own when unset). */
  referrerTarget?: Reference;
  /** Also copy tags named after a copied digest (`sha256-<hex>`, `sha256-<hex>.sig` ...). */
  digestTags?: boolean;
  /** Copy foreign and non-distributable layers too. */
  includeExternal?: boolean;
  /** Walk the whole tree even when the target's top digest already matches. */
  forceRecursive?: boolean;
  /** With referrers or digest tags: stop at a matching top digest without checking them. */
  fast?: boolean;
  /** Plan only: read, never write. */
  dryRun?: boolean;
  /** Blobs moved at once (default 3). */
  concurrency?: number;
  /** The two manifest HEADs when the caller has just made them (sync checks every tag first): not asked again. */
  heads?: { source: ManifestHead; target: ManifestHead | undefined };
}

/** Where stores come from: `StoreSet` in production, anything that maps references to stores in tests. */
export interface StoreSource {
  storeFor(ref: Reference): Store;
  /** Bounds on what is read from layouts and archives (imports); the defaults when absent. */
  readonly layoutBounds?: LayoutBounds;
}

export type { CopyProgress };

export interface CopyContext {
  stores: StoreSource;
  logger: Logger;
  onProgress?: (p: CopyProgress) => void;
  /** For blobs streamed outside a store, into or out of an archive (spent-buffers.ts); stores have their own. */
  spent?: SpentChunks;
}

export const DEFAULT_BLOB_CONCURRENCY = 3;
