// From a reference (and maybe a platform) to the one manifest a command is about.
import { UsageError } from '../errors.js';
import { parseManifest, type Platform } from '../oci/manifest.js';
import { formatPlatform, selectPlatform } from '../oci/platform.js';
import { formatReference, withDigest, type Reference } from '../oci/reference.js';
import { referenceNotFound } from '../store/not-found.js';
import type { FetchedManifest, ManifestHead, Store } from '../store/store.js';

export async function headOrFail(store: Store, ref: Reference): Promise<ManifestHead> {
  const head = await store.headManifest(ref);
  if (!head) throw referenceNotFound(ref, 'manifest-head');
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
