// `tag delete` and `image delete`. Deleting a manifest removes every tag on it, so `image delete` first looks for
// other tags that still need the digest, directly or as a child of their index, and refuses unless forced.
import { withDigest, type Reference } from '../oci/reference.js';
import { imageAt, type OperationResult } from '../report/result.js';
import { canRestore, type DeleteReceipt, type Store } from '../store/store.js';
import { describeTagUse, tagsUsingDigest } from '../store/tag-uses.js';
import { headOrFail } from './resolve.js';

/** The GitHub Packages version ids a delete removed, for `image restore`. */
function receiptDetails(receipt: DeleteReceipt | void): Pick<OperationResult, 'details'> {
  return receipt ? { details: { kind: 'delete', githubVersionIds: receipt.githubVersionIds } } : {};
}

export async function deleteTag(store: Store, ref: Reference): Promise<OperationResult> {
  const head = await headOrFail(store, ref);
  const receipt = await store.deleteTag(ref);
  return { op: 'tag-delete', status: 'deleted', target: imageAt(ref), digest: head.digest, bytes: 0, ...receiptDetails(receipt) };
}

/** Takes back deletes of GitHub Packages versions (the ids prune and delete results carry), within GitHub's 30 days. */
export async function restoreImages(store: Store, repository: Reference, githubVersionIds: readonly number[]): Promise<OperationResult> {
  const target = imageAt(repository);
  if (!canRestore(store)) return { op: 'restore', status: 'failed', target, bytes: 0, reason: 'only registries restore deleted images' };
  await store.restoreDeleted(repository, githubVersionIds);
  return { op: 'restore', status: 'restored', target, bytes: 0, details: { kind: 'delete', githubVersionIds: [...githubVersionIds] } };
}

export async function deleteImage(store: Store, ref: Reference, force: boolean): Promise<OperationResult> {
  const { digest } = await headOrFail(store, ref);
  const target = imageAt(ref);
  if (!force) {
    const users = await tagsUsingDigest(store, ref, digest, { skipTag: (t) => t === ref.tag });
    if (users.length > 0) {
      return {
        op: 'image-delete',
        status: 'failed',
        target,
        digest,
        bytes: 0,
        reason: `still used by ${users.map(describeTagUse).join(', ')}; delete those tags first or pass --force`,
      };
    }
  }
  const receipt = await store.deleteManifest(withDigest(ref, digest));
  return { op: 'image-delete', status: 'deleted', target, digest, bytes: 0, ...receiptDetails(receipt) };
}
