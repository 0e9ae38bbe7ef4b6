// Platform filtering of a multi-platform source. One platform resolves to that platform's image manifest, as
// `regctl image copy --platform` does. Several keep an index, rewritten to list only them: a sparse index (the
// original bytes with children missing) is refused by registries that check an index's children exist, distribution
// among them.
import { UsageError } from '../errors.js';
import { parseManifest, type Descriptor, type ParsedManifest } from '../oci/manifest.js';
import { formatPlatform, parsePlatform, platformMatches, selectPlatform } from '../oci/platform.js';
import { formatReference, withDigest, type Reference } from '../ref.js';
import type { CopyContext } from './options.js';

export async function narrowToPlatforms(ctx: CopyContext, src: Reference, top: ParsedManifest, wanted: string[]): Promise<ParsedManifest> {
  if (top.kind !== 'index') return top;
  const wants = wanted.map((w) => parsePlatform(w));
  const children = top.index.manifests;
  if (wants.length === 1) {
    const chosen = selectPlatform(children, wants[0]!);
    if (!chosen) throw noMatch(src, wanted, children);
    const fetched = await ctx.stores.storeFor(src).getManifest(withDigest(src, chosen.digest));
    return parseManifest(fetched.bytes, fetched.mediaType);
  }
  const kept = children.filter((d) => d.platform !== undefined && wants.some((w) => platformMatches(w, d.platform!)));
  if (kept.length === 0) throw noMatch(src, wanted, children);
  if (kept.length === children.length) return top;
  const index = { ...top.index, manifests: kept };
  return { kind: 'index', mediaType: top.mediaType, index, bytes: Buffer.from(JSON.stringify(index)) };
}

function noMatch(src: Reference, wanted: string[], children: readonly Descriptor[]): UsageError {
  const have = children.filter((d) => d.platform).map((d) => formatPlatform(d.platform!));
  return new UsageError(`${formatReference(src)} has no manifest for ${wanted.join(', ')}; it has: ${have.join(', ') || 'no platforms listed'}`);
}
