// Fetching what the manifest and image tables hand to scripts: a manifest (resolved to one platform, as regbot's
// manifest.get does, or as stored), a HEAD-only descriptor, and an image config.
import { RegistryError } from '../../errors.js';
import { verifyBytes } from '../../oci/digest.js';
import { parseManifest, type ImageConfig } from '../../oci/manifest.js';
import { formatPlatform, localPlatform, selectPlatform, type Platform } from '../../oci/platform.js';
import { formatReference, withDigest, type Reference } from '../../oci/reference.js';
import type { Store } from '../../store/store.js';
import { ConfigHandle, ManifestHandle } from './handles.js';

/** The manifest a reference names; with `platform`, an index is resolved to that platform's image manifest. */
export async function fetchManifest(store: Store, ref: Reference, platform: Platform | undefined): Promise<ManifestHandle> {
  const fetched = await store.getManifest(ref);
  const parsed = parseManifest(fetched.bytes, fetched.mediaType);
  if (parsed.kind !== 'index' || platform === undefined) {
    return new ManifestHandle(ref, fetched.digest, parsed.mediaType || fetched.mediaType, fetched.size, parsed, fetched.rateLimit);
  }
  const child = selectPlatform(parsed.index.manifests, platform);
  if (!child) {
    const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [formatPlatform(d.platform)] : [])).join(', ');
    throw new Error(`no manifest for platform ${formatPlatform(platform)} in ${formatReference(ref)} (it has ${offered || 'no platforms'})`);
  }
  const resolved = await store.getManifest(withDigest(ref, child.digest));
  const childParsed = parseManifest(resolved.bytes, resolved.mediaType);
  return new ManifestHandle(ref, resolved.digest, childParsed.mediaType || resolved.mediaType, resolved.size, childParsed, fetched.rateLimit);
}

export async function headManifest(store: Store, ref: Reference): Promise<ManifestHandle> {
  const head = await store.headManifest(ref);
  if (!head) {
    throw new RegistryError('manifest not found', {
      status: 404,
      registry: ref.scheme === 'registry' ? ref.registry : ref.path,
      repository: ref.scheme === 'registry' ? ref.repository : undefined,
      operation: 'manifest-head',
    });
  }
  return new ManifestHandle(ref, head.digest, head.mediaType, head.size, undefined, head.rateLimit);
}

/** The image config of a manifest; an index or a HEAD-only manifest is first resolved to `platform`. */
export async function fetchConfig(store: Store, source: ManifestHandle | Reference, platform: Platform): Promise<ConfigHandle> {
  let m = source instanceof ManifestHandle ? source : await fetchManifest(store, source, platform);
  if (m.parsed?.kind !== 'image') m = await fetchManifest(store, withDigest(m.ref, m.digest), platform);
  if (m.parsed?.kind !== 'image') throw new Error(`${formatReference(m.ref)} is not an image manifest (${m.mediaType}), so it has no config`);
  const desc = m.parsed.manifest.config;
  const stream = await store.getBlob(m.ref, desc);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    // A config is a few KiB; a descriptor claiming more is refused rather than buffered.
    if (size > 16 * 1024 * 1024) throw new Error(`config ${desc.digest} is over 16 MiB`);
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  verifyBytes(bytes, desc.digest, `config of ${formatReference(m.ref)}`);
  const config = JSON.parse(bytes.toString('utf8')) as ImageConfig;
  return new ConfigHandle(m.ref, m, config, bytes);
}

export function defaultPlatform(configured: Platform | undefined): Platform {
  return configured ?? localPlatform();
}
