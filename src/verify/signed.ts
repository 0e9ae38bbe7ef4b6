// Which manifests of an image must carry a trusted signature: the one decision sync and `regkit verify` ask, made
// from what the copy writes (the step's platform filter picks the children), so what is verified is what lands.
import type { Descriptor, ParsedManifest } from '../oci/manifest.js';
import { choosePlatforms, formatPlatform } from '../oci/platform.js';
import type { SignedScope } from './policy.js';

/** A child of an index whose signature is asked for, with its platform as messages name it (or `no platform`). */
export interface SignedChild {
  digest: string;
  platform: string;
}

/** One way to admit an image: the signature of the manifest the image's digest names, or one of each child's. */
export type SignedWay = { kind: 'self'; digest: string } | { kind: 'children'; children: SignedChild[] };

/**
 * The ways to admit the image `digest` under `scope`, with the step's `platforms` filter (empty: none).
 * `readTop` fetches the image's manifest by that digest; it is asked only when the scope looks at children, so the
 * default scope costs what a single-digest verification does.
 *
 * - A single image manifest is what is written, whatever the scope: its own signature.
 * - `index`: the index's signature. It names every child by digest, and the copy reads the children through it by
 *   digest, so it vouches for what is written: the whole index, a rewritten or sparse one with some children, or one
 *   child alone.
 * - `children`: each child the copy writes: every child without a filter (attestation manifests included), the
 *   filter's children with one, or the one child a single platform writes as the image itself.
 * - `index-or-children`: the index's, else each child's.
 * An index that lists no child is itself all that is written, under every scope.
 */
export async function manifestsToVerify(
  digest: string,
  scope: SignedScope,
  platforms: readonly string[],
  source: string,
  readTop: () => Promise<ParsedManifest>,
): Promise<SignedWay[]> {
  const top: SignedWay = { kind: 'self', digest };
  if (scope === 'index') return [top];
  const manifest = await readTop();
  if (manifest.kind !== 'index') return [top];
  const children = writtenChildren(manifest.index.manifests, platforms, source).map((d) => ({ digest: d.digest, platform: platformName(d) }));
  // An index without children is all the copy writes: no signature of nothing may admit it.
  if (children.length === 0) return [top];
  const each: SignedWay = { kind: 'children', children };
  return scope === 'children' ? [each] : [top, each];
}

/** The children a copy with this platform filter writes (the copy engine's own choice, `choosePlatforms`). */
function writtenChildren(children: readonly Descriptor[], platforms: readonly string[], source: string): readonly Descriptor[] {
  if (platforms.length === 0) return children;
  const chosen = choosePlatforms(children, platforms, source);
  return 'single' in chosen ? [chosen.single] : chosen.kept;
}

function platformName(d: Descriptor): string {
  return d.platform ? formatPlatform(d.platform) : 'no platform';
}
