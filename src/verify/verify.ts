// The one verdict on an image under a verify policy, whichever format its signatures take: cosign's `.sig` digest
// tag (keyed, or keyless with its trusted root) and sigstore bundle referrers (with its trusted root), over the
// manifests the policy's `signed` scope asks for (signed.ts). Sync and `regkit verify` ask `verifySigned` and nothing
// else.
import { parseManifest } from '../oci/manifest.js';
import { formatReference, withDigest, type Reference } from '../oci/reference.js';
import { forEachAtMost } from '../limit.js';
import type { Store } from '../store/store.js';
import { verifyBundles } from './bundle.js';
import { verifyCosignSignatures } from './cosign.js';
import { mostTelling, readsBundles, type Rejection, type Verdict, type VerifyPolicy } from './policy.js';
import { manifestsToVerify, type SignedChild } from './signed.js';

/**
 * Children verified at once. The per-host request limit applies anyway; the width keeps an index of many children
 * from queueing every verification before the first rejection can stop the rest.
 */
const CHILDREN_AT_ONCE = 4;

/**
 * Verifies the image `digest` of `repo` as the policy's `signed` scope asks, with the copy's platform filter
 * (`platforms`, empty for none): admitted when every manifest of one way verifies; otherwise the rejection, which
 * names each rejected child by platform and digest. Registry errors are thrown (a failure, not a verdict).
 */
export async function verifySigned(store: Store, repo: Reference, digest: string, policy: VerifyPolicy, platforms: readonly string[] = []): Promise<Verdict> {
  const ways = await manifestsToVerify(digest, policy.signed, platforms, formatReference(withDigest(repo, digest)), async () => {
    const fetched = await store.getManifest(withDigest(repo, digest));
    return parseManifest(fetched.bytes, fetched.mediaType);
  });
  const rejections: Rejection[] = [];
  for (const way of ways) {
    const v = way.kind === 'self' ? await verifyImage(store, repo, way.digest, policy) : await verifyChildren(store, repo, digest, way.children, policy);
    if (v.ok) return v;
    rejections.push(v);
  }
  if (rejections.length === 1) return rejections[0]!;
  const [index, children] = rejections;
  return { ok: false, digest, reason: mostTelling(rejections)!.reason, message: `${index!.message}; nor is each child signed: ${children!.message}` };
}

/** Each child must verify; the first rejection stops the ones not yet started. */
async function verifyChildren(store: Store, repo: Reference, digest: string, children: readonly SignedChild[], policy: VerifyPolicy): Promise<Verdict> {
  const verdicts: Array<{ at: number; verdict: Verdict }> = [];
  let rejected = false;
  await forEachAtMost(children, CHILDREN_AT_ONCE, async (child, at) => {
    if (rejected) return;
    const verdict = await verifyImage(store, repo, child.digest, policy);
    verdicts.push({ at, verdict });
    if (!verdict.ok) rejected = true;
  });
  verdicts.sort((a, b) => a.at - b.at);
  const name = (at: number): string => `child ${children[at]!.platform} ${children[at]!.digest}`;
  const refused = verdicts.flatMap(({ at, verdict }) => (verdict.ok ? [] : [{ at, verdict }]));
  if (refused.length > 0) {
    return {
      ok: false,
      digest,
      reason: mostTelling(refused.map((r) => r.verdict))!.reason,
      message: refused.map(({ at, verdict }) => `${name(at)}: ${verdict.message}`).join('; '),
    };
  }
  const admitted = verdicts.flatMap(({ at, verdict }) => (verdict.ok ? [{ at, verdict }] : []));
  return {
    ok: true,
    digest,
    signature: admitted.map(({ at, verdict }) => `${children[at]!.platform}: ${verdict.signature}`).join(', '),
    signer: [...new Set(admitted.map(({ verdict }) => verdict.signer))].join(', '),
  };
}

/**
 * Verifies the single manifest `digest` of `repo`: admitted when any signature of either format verifies under the
 * policy; otherwise the most telling rejection. Registry errors are thrown (a failure, not a verdict).
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
