// What hangs off a copied manifest: referrers (OCI distribution 1.1 "Listing Referrers") and digest tags, the
// `sha256-<hex>[.suffix]` tags that cosign and older signers push beside an image.
import { withDigest, type Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/manifest.js';
import type { CopyContext, ReferrerMatch } from './options.js';

/** Referrers of `digest` listed in the repository `from`, keeping those a filter matches (all when none is given). */
export async function referrersOf(ctx: CopyContext, from: Reference, digest: string, filters: readonly ReferrerMatch[] = []): Promise<Descriptor[]> {
  const listed = await ctx.stores.storeFor(from).listReferrers(withDigest(from, digest));
  return filters.length === 0 ? listed : listed.filter((d) => filters.some((f) => matches(d, f)));
}

function matches(d: Descriptor, f: ReferrerMatch): boolean {
  if (f.artifactType !== undefined && f.artifactType !== '' && d.artifactType !== f.artifactType) return false;
  return Object.entries(f.annotations).every(([key, value]) => {
    const found = d.annotations !== undefined && Object.hasOwn(d.annotations, key) ? d.annotations[key] : undefined;
    return found !== undefined && (value === '' || value === found);
  });
}

/**
 * Tags named after one of `digests`. When referrers are copied, the plain `sha256-<hex>` tag is the referrers fallback
 * index, which the target store maintains itself, so it is left out.
 */
export function digestTagsFor(tags: readonly string[], digests: readonly string[], skipFallback: boolean): string[] {
  const prefixes = digests.map((d) => d.replace(':', '-'));
  return tags.filter((t) => prefixes.some((p) => (t === p && !skipFallback) || t.startsWith(`${p}.`)));
}
