// From a reference (and maybe a platform) to the one manifest a command is about.
import { RegistryError, UsageError } from '../errors.js';
import { parseManifest, type Platform } from '../oci/manifest.js';
import { formatPlatform, selectPlatform } from '../oci/platform.js';
import { formatReference, withDigest, type Reference } from '../oci/reference.js';
import type { FetchedManifest, ManifestHead, Store } from '../store/store.js';

export function notFound(ref: Reference, operation: 'manifest-head' | 'manifest-get' = 'manifest-head'): RegistryError {
  return new RegistryError(`${formatReference(ref)} does not exist`, {
    status: 404,
    registry: ref.scheme === 'registry' ? ref.registry : `ocidir://${ref.path}`,
    repository: ref.scheme === 'registry' ? ref.repository : undefined,
    operation,
    hint: 'check the name with regkit tag ls',
  });
}

export async function headOrFail(store: Store, ref: Reference): Promise<ManifestHead> {
  const head = await store.headManifest(ref);
  if (!head) throw notFound(ref);
  return head;
}

/** The manifest itself, or the child of an index that matches `platform`. */
export async function fetchForPlatform(store: Store, ref: Reference, platform: Platform | undefined): Promise<FetchedManifest> {
  const top = await store.getManifest(ref);
  if (!platform) return top;
  const parsed = parseManifest(top.bytes, top.mediaType);
  if (parsed.kind !== 'index') return top;
  const child = selectPlatform(parsed.index.manifests, platform);
  if (!child) {
    const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [formatPlatform(d.platform)] : []));
    throw new UsageError(`${formatReference(ref)} has no ${formatPlatform(platform)} image; it offers ${offered.join(', ') || 'no platforms'}`);
  }
  return store.getManifest(withDigest(ref, child.digest));
}
