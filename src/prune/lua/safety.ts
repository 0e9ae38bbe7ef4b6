// Before a manifest is deleted by digest (which takes every tag on it): which tags that are not being deleted still
// need it, directly or as a child of an index they point at. Found by listing the repository's tags.
import { parseManifest } from '../../oci/manifest.js';
import { isIndexMediaType } from '../../oci/mediatypes.js';
import { repositoryKey, repositoryOf, withDigest, withTag, type Reference } from '../../oci/reference.js';
import type { Store } from '../../store/store.js';
import type { Journal } from './journal.js';

const CHECK_CONCURRENCY = 4;

/** Tags (other than `except` and tags this run already deleted or planned to) that still use `digest`. */
export async function tagsUsingDigest(store: Store, ref: Reference, digest: string, except: ReadonlySet<string>, journal: Journal): Promise<string[]> {
  const repo = repositoryOf(ref);
  const key = repositoryKey(ref);
  const tags = (await store.listTags(repo)).filter((t) => !except.has(t) && !journal.isTagDeleted(key, t));
  const users: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tags.length) {
      const tag = tags[next++]!;
      const head = await store.headManifest(withTag(repo, tag));
      if (!head || journal.isDigestDeleted(key, head.digest)) continue;
      if (head.digest === digest) {
        users.push(tag);
      } else if (isIndexMediaType(head.mediaType)) {
        const fetched = await store.getManifest(withDigest(repo, head.digest));
        const parsed = parseManifest(fetched.bytes, fetched.mediaType);
        if (parsed.kind === 'index' && parsed.index.manifests.some((d) => d.digest === digest)) users.push(`${tag} (through its index ${head.digest})`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, tags.length) }, worker));
  return users.sort();
}
