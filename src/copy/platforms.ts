// Platform filtering of a multi-platform source. One platform resolves to that platform's image manifest, as
// `regctl image copy --platform` does. Several keep an index, rewritten by default to list only them, because a
// sparse index (the original bytes with children missing, regsync's way) is refused by registries that check an
// index's children exist, distribution among them; sparse stays available for registries that take it.
import { parseManifest, type ParsedManifest } from '../oci/manifest.js';
import { choosePlatforms } from '../oci/platform.js';
import { formatReference, withDigest, type Reference } from '../oci/reference.js';
import type { CopyContext } from './options.js';

export interface Narrowed {
  manifest: ParsedManifest;
  /** Digests of the children to copy when the index is kept whole but sparse. */
  only?: ReadonlySet<string>;
}

export async function narrowToPlatforms(ctx: CopyContext, src: Reference, top: ParsedManifest, wanted: string[], sparse = false): Promise<Narrowed> {
  if (top.kind !== 'index') return { manifest: top };
  const chosen = choosePlatforms(top.index.manifests, wanted, formatReference(src));
  if ('single' in chosen) {
    const fetched = await ctx.stores.storeFor(src).getManifest(withDigest(src, chosen.single.digest));
    return { manifest: parseManifest(fetched.bytes, fetched.mediaType) };
  }
  const { kept } = chosen;
  if (kept.length === top.index.manifests.length) return { manifest: top };
  if (sparse) return { manifest: top, only: new Set(kept.map((d) => d.digest)) };
  const index = { ...top.index, manifests: kept };
  return { manifest: { kind: 'index', mediaType: top.mediaType, index, bytes: Buffer.from(JSON.stringify(index)) } };
}
