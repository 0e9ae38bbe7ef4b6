// The one verdict on an image under a verify policy, whichever format its signatures take: cosign's `.sig` digest
// tag (keyed, or keyless with its trusted root) and sigstore bundle referrers (with its trusted root). Sync and `regkit verify` ask
// this and nothing else.
import type { Reference } from '../oci/reference.js';
import type { Store } from '../store/store.js';
import { verifyBundles } from './bundle.js';
import { verifyCosignSignatures } from './cosign.js';
import { mostTelling, readsBundles, type Rejection, type Verdict, type VerifyPolicy } from './policy.js';

/**
 * Verifies the image `digest` of `repo`: admitted when any signature of either format verifies under the policy;
 * otherwise the most telling rejection. Registry errors are thrown (a failure, not a verdict).
 */
export async function verifyImage(store: Store, repo: Reference, digest: string, policy: VerifyPolicy): Promise<Verdict> {
  // Both are asked at once: their round trips overlap, and the slower answers nothing the faster could settle early.
  const [sig, bundles] = await Promise.all([
    verifyCosignSignatures(store, repo, digest, policy),
    readsBundles(policy) ? verifyBundles(store, repo, digest, policy) : undefined,
  ]);
  if (sig.ok) return sig;
  if (bundles?.ok) return bundles;
  const rejections = [sig, bundles].filter((v): v is Rejection => v !== undefined);
  const found = mostTelling(rejections.filter((r) => r.reason !== 'no-signature'));
  if (found) return found;
  const looked = [sig.message.replace(/^no signature: /, ''), ...(readsBundles(policy) ? [`no sigstore bundle refers to ${digest}`] : [])];
  return { ok: false, digest, reason: 'no-signature', message: `no signature: ${looked.join(', and ')}` };
}
