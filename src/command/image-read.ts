// `image digest|manifest|config|ratelimit`: read-only looks at one image.
import { Buffer } from 'node:buffer';
import { UsageError } from '../errors.js';
import { verifyBytes } from '../oci/digest.js';
import { parseManifest, type Platform } from '../oci/manifest.js';
import { formatPlatform } from '../oci/platform.js';
import { formatReference, repositoryOf, type Reference } from '../oci/reference.js';
import type { RateLimit, Store } from '../store/store.js';
import { fetchForPlatform, headOrFail } from './resolve.js';

/** A HEAD alone when no platform is asked for: Docker Hub does not count HEADs against the pull limit. */
export async function imageDigest(store: Store, ref: Reference, platform: Platform | undefined): Promise<string> {
  if (!platform) return (await headOrFail(store, ref)).digest;
  return (await fetchForPlatform(store, ref, platform)).digest;
}

export async function imageManifest(store: Store, ref: Reference, platform: Platform | undefined): Promise<Uint8Array> {
  return (await fetchForPlatform(store, ref, platform)).bytes;
}

export async function imageConfig(store: Store, ref: Reference, platform: Platform | undefined): Promise<Uint8Array> {
  const fetched = await fetchForPlatform(store, ref, platform);
  const parsed = parseManifest(fetched.bytes, fetched.mediaType);
  if (parsed.kind === 'index') {
    const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [formatPlatform(d.platform)] : []));
    throw new UsageError(`${formatReference(ref)} is a multi-platform index (${offered.join(', ')}); pass --platform to pick one image`);
  }
  if (parsed.kind !== 'image') throw new UsageError(`${formatReference(ref)} is a ${parsed.mediaType}, which has no image config`);
  const desc = parsed.manifest.config;
  const chunks: Buffer[] = [];
  for await (const chunk of await store.getBlob(repositoryOf(ref), desc)) chunks.push(Buffer.from(chunk as Uint8Array));
  const bytes = Buffer.concat(chunks);
  verifyBytes(bytes, desc.digest, `config of ${formatReference(ref)}`);
  return bytes;
}

export async function imageRateLimit(store: Store, ref: Reference): Promise<RateLimit> {
  return (await headOrFail(store, ref)).rateLimit ?? { set: false, policies: [] };
}

export function describeRateLimit(rl: RateLimit): string {
  if (!rl.set) return 'no rate limit reported';
  const window = rl.policies.length > 0 ? ` (policy ${rl.policies.join(', ')})` : '';
  const reset = rl.reset !== undefined ? `, resets in ${rl.reset}s` : '';
  return `${rl.remaining} of ${rl.limit ?? '?'} pulls remaining${window}${reset}`;
}
