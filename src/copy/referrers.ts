// What hangs off a copied manifest: referrers (OCI distribution 1.1 "Listing Referrers") and digest tags, the
// `sha256-<hex>[.suffix]` tags that cosign and older signers push beside an image.
import { withDigest, type Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/manifest.js';
import type { CopyContext } from './options.js';

export function referrersOf(ctx: CopyContext, src: Reference, digest: string): Promise<Descriptor[]> {
  return ctx.stores.storeFor(src).listReferrers(withDigest(src, digest));
}

/**
 * Tags named after one of `digests`. When referrers are copied, the plain `sha256-<hex>` tag is the referrers fallback
 * index, which the target store maintains itself, so it is left out.
 */
export function digestTagsFor(tags: readonly string[], digests: readonly string[], skipFallback: boolean): string[] {
  const prefixes = digests.map((d) => d.replace(':', '-'));
  return tags.filter((t) => prefixes.some((p) => (t === p && !skipFallback) || t.startsWith(`${p}.`)));
}
