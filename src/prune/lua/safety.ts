// Before a manifest is deleted by digest (which takes every tag on it): which tags that are not being deleted still
// need it. The search is the store's (`store/tag-uses.ts`); what this run already deleted no longer counts.
import { repositoryKey, type Reference } from '../../oci/reference.js';
import type { Store } from '../../store/store.js';
import { describeTagUse, tagsUsingDigest as findTagUses } from '../../store/tag-uses.js';
import type { Journal } from './journal.js';

/** Tags (other than `except` and tags this run already deleted or planned to) that still use `digest`, as named in a refusal. */
export async function tagsUsingDigest(store: Store, ref: Reference, digest: string, except: ReadonlySet<string>, journal: Journal): Promise<string[]> {
  const key = repositoryKey(ref);
  const uses = await findTagUses(store, ref, digest, {
    skipTag: (t) => except.has(t) || journal.isTagDeleted(key, t),
    skipDigest: (d) => journal.isDigestDeleted(key, d),
  });
  return uses.map(describeTagUse);
}
