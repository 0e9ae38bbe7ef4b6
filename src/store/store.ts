// The one interface every backend implements. Engines (copy, sync, prune) see only this, never HTTP or files.
import type { Readable } from 'node:stream';
import { RegistryError, type InvalidNameError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { Tag } from '../oci/names.js';
import type { Reference } from '../oci/reference.js';
import type { RateLimit } from '../transport/ratelimit.js';

export type { RateLimit };

/**
 * A blob's bytes for `putBlob`: a stream, or one still on its way (a source GET not answered yet), so a registry opens
 * its upload session while the source answers and the body then flows straight in, with no stream between them.
 */
export type BlobContent = Readable | Promise<Readable>;

export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
  rateLimit?: RateLimit;
}

export interface FetchedManifest extends ManifestHead {
  /** Exact bytes, already verified against `digest` (and against the reference's digest when it has one). */
  bytes: Uint8Array;
}

export interface ListOptions {
  /** Page size asked for (`n=`); all pages are still followed unless `maxResults` stops it. */
  limit?: number;
  /** Start after this entry (`last=`). */
  last?: string;
  /**
   * Told of each listed name that is not valid in the OCI grammar; such a name is never returned. Without it the
   * store logs a warning naming the source and the value.
   */
  onInvalid?: (rejected: InvalidNameError) => void;
}

export interface ReferrerOptions {
  artifactType?: string;
}

/** What a delete did beyond the delete itself, when the backend says more than "done". */
export interface DeleteReceipt {
  /** GitHub Packages version ids deleted (the manifest's, then what only it held): what `restore` takes back. */
  githubVersionIds: number[];
}

export function isDeleteReceipt(value: unknown): value is DeleteReceipt {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<DeleteReceipt>).githubVersionIds);
}

/** A store that can take deletes back: GitHub Packages keeps deleted versions for 30 days. */
export interface RestoresDeleted {
  /** Restores package versions by the ids a delete's receipt gave; throws for a registry without such an API. */
  restoreDeleted(repo: Reference, githubVersionIds: readonly number[]): Promise<void>;
}

export function canRestore(store: Store): store is Store & RestoresDeleted {
  return typeof (store as Partial<RestoresDeleted>).restoreDeleted === 'function';
}

/** A manifest no tag reaches, as a registry that lists such manifests reports it. */
export interface UntaggedManifest {
  digest: string;
  githubVersionId?: number;
}

/** A store that can list its untagged manifests (GitHub Packages lists every version, tagged or not). */
export interface ListsUntagged {
  /** Manifests of the repository that no tag reaches: not tagged, no tagged index's child, no live image's referrer. Parents come before their children. */
  listUntagged(repo: Reference): Promise<UntaggedManifest[]>;
}

export function listsUntagged(store: Store): store is Store & ListsUntagged {
  return typeof (store as Partial<ListsUntagged>).listUntagged === 'function';
}

export interface Store {
  readonly kind: 'registry' | 'ocidir';

  /** The manifest's digest, type and size; `undefined` when the tag or digest does not exist. */
  headManifest(ref: Reference): Promise<ManifestHead | undefined>;
  /** Throws RegistryError (status 404) when missing. */
  getManifest(ref: Reference): Promise<FetchedManifest>;
  /** Stores the exact bytes under the reference's tag (or by digest when it has none) and returns their digest. */
  putManifest(ref: Reference, bytes: Uint8Array, mediaType: string): Promise<string>;
  /** Deletes a manifest by digest: every tag on it goes too. Callers check tag usage first. */
  deleteManifest(ref: Reference): Promise<DeleteReceipt | void>;

  /** The blob's size when present, `undefined` when not. */
  headBlob(repo: Reference, digest: string): Promise<number | undefined>;
  /** The blob's bytes as a stream; consumers verify through DigestVerifier. */
  getBlob(repo: Reference, desc: Descriptor): Promise<Readable>;
  /**
   * Streams content into the repository, verifying size and digest as it goes; nothing is committed on mismatch. A
   * content promise that rejects fails the upload with its error. The caller destroys a stream the store did not read.
   */
  putBlob(repo: Reference, desc: Descriptor, content: BlobContent): Promise<void>;
  /** Links a blob from another repository of the same store without moving bytes; false when the store declined. */
  mountBlob(repo: Reference, digest: string, from: Reference): Promise<boolean>;

  listTags(repo: Reference, opts?: ListOptions): Promise<Tag[]>;
  /** Repositories of this registry (`_catalog`); ocidir stores hold one repository and answer with its path. */
  listRepositories(opts?: ListOptions): Promise<string[]>;
  /** Manifests whose `subject` is the reference's digest: referrers API, else the `sha256-<hex>` fallback tag. */
  listReferrers(ref: Reference, opts?: ReferrerOptions): Promise<Descriptor[]>;
  /**
   * Removes one tag and never another tag that shares its digest. `current`: the tag's manifest as the caller has just
   * seen it (HEAD), which saves the store asking again.
   */
  deleteTag(ref: Reference, current?: ManifestHead): Promise<DeleteReceipt | void>;

  close(): Promise<void>;
}

/**
 * The tags of a repository that may not exist yet, a sync's target: none when the store answers that it does not.
 * Anything else (a refusal, a broken page) is still an error.
 */
export async function tagsIfAny(store: Store, repo: Reference, opts?: ListOptions): Promise<Tag[]> {
  try {
    return await store.listTags(repo, opts);
  } catch (err) {
    if (err instanceof RegistryError && err.notFound && err.operation === 'tag-list') return [];
    throw err;
  }
}
