// `prune: true` on a repository step: target tags the step's filters no longer select are removed, through the
// store's safe tag delete (other tags on the same digest stay). Digest tags (`sha256-<hex>…`: signatures,
// attestations, the referrers fallback) belong to the images beside them and are never pruned here. Backups written
// into the same repository are removed too unless the filters select them: keep backups in another repository (a
// backup template that names a full reference) when pruning.
import { formatReference, repositoryOf, withTag, type Reference } from '../oci/reference.js';
import { imageAt, type OperationResult } from '../report/result.js';
import { selectTags, type SyncStep } from './config/load.js';
import type { StoreLookup } from './items.js';
import { tagsIfAny } from '../store/store.js';
import { inShard, type Shard } from '../config/shard.js';

const DIGEST_TAG = /^sha(256|512)-[0-9a-f]+/;

export async function pruneTarget(stores: StoreLookup, step: SyncStep, target: Reference, opts: { check: boolean; shard?: Shard }): Promise<OperationResult[]> {
  const repo = repositoryOf(target);
  const store = stores.storeFor(repo);
  const tags = await tagsIfAny(store, repo);
  const kept = new Set(selectTags(step.tagSets, tags));
  const doomed = tags
    .filter((t) => !kept.has(t) && !DIGEST_TAG.test(t))
    .map((t) => withTag(repo, t))
    .filter((r) => inShard(formatReference(r), opts.shard));
  const results: OperationResult[] = [];
  for (const ref of doomed) {
    const base = { op: 'prune' as const, target: imageAt(ref), bytes: 0 };
    try {
      const head = await store.headManifest(ref);
      const digest = head ? { digest: head.digest } : {};
      if (opts.check) {
        results.push({ ...base, ...digest, status: 'would-delete', reason: 'not selected by the tags filters (prune: true)' });
        continue;
      }
      await store.deleteTag(ref);
      results.push({ ...base, ...digest, status: 'deleted', reason: 'not selected by the tags filters (prune: true)' });
    } catch (err) {
      results.push({ ...base, status: 'failed', reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return results;
}
