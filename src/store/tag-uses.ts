// Deleting a manifest by digest takes every tag on it, and breaks every index that lists it: before such a delete,
// `image delete`, a regbot script's `manifest.delete`/`image.delete` and prune's `protect` check all ask which tags
// still reach the digest, directly or as a child of the index they point at. Found by listing the repository's tags.
import { parseManifest } from '../oci/manifest.js';
import { isIndexMediaType } from '../oci/mediatypes.js';
import { repositoryOf, withDigest, withTag, type Reference } from '../oci/reference.js';
import type { Store } from './store.js';

/** Tags looked at in parallel while searching for users of a digest. */
const TAG_CHECK_CONCURRENCY = 8;

/** A tag that reaches a digest: pointing at it, or at the index (`throughIndex`) that lists it. */
export interface TagUse {
  readonly tag: string;
  readonly throughIndex?: string;
}

export interface TagUseFilter {
  /** Tags not to look at (the one being deleted, tags already deleted). */
  skipTag?: (tag: string) => boolean;
  /** Manifests a tag may point at that no longer count (already deleted by this run). */
  skipDigest?: (digest: string) => boolean;
}

/** The tags of `ref`'s repository that reach `digest`, sorted by tag. */
export async function tagsUsingDigest(store: Store, ref: Reference, digest: string, filter: TagUseFilter = {}): Promise<TagUse[]> {
  const repo = repositoryOf(ref);
  const tags = (await store.listTags(repo)).filter((t) => !filter.skipTag?.(t));
  const uses: TagUse[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tags.length) {
      const tag = tags[next++]!;
      const head = await store.headManifest(withTag(repo, tag));
      if (!head || filter.skipDigest?.(head.digest)) continue;
      if (head.digest === digest) {
        uses.push({ tag });
      } else if (isIndexMediaType(head.mediaType)) {
        const fetched = await store.getManifest(withDigest(repo, head.digest));
        const parsed = parseManifest(fetched.bytes, fetched.mediaType);
        if (parsed.kind === 'index' && parsed.index.manifests.some((d) => d.digest === digest)) uses.push({ tag, throughIndex: head.digest });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(TAG_CHECK_CONCURRENCY, tags.length) }, worker));
  return uses.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** `tag`, or `tag (through its index sha256:…)`, as refusals name it. */
export function describeTagUse(use: TagUse): string {
  return use.throughIndex === undefined ? use.tag : `${use.tag} (through its index ${use.throughIndex})`;
}
