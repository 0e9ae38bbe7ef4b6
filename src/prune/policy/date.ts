// An image's date for the policies: the config's `created`, or a label holding an RFC 3339 date. A multi-platform
// index is dated by its first real platform's config (buildx attestation entries, `unknown/unknown`, are skipped):
// the platforms of one index are built together.
import { parseManifest } from '../../oci/manifest.js';
import { withDigest, type Reference } from '../../oci/reference.js';
import type { Store } from '../../store/store.js';
import { ManifestHandle } from '../lua/handles.js';
import { fetchConfig } from '../lua/manifest-fetch.js';
import type { ImageDateSource } from './types.js';

export interface ImageDate {
  /** Digest of what the tag points at (the index for a multi-platform image). */
  digest: string;
  /** Absent when the config has no such field or it is not a date. */
  date?: Date;
  /** The text read, for reports. */
  text?: string;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export function parseRfc3339(text: string): Date | undefined {
  if (!RFC3339.test(text)) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Reads the date of the image `ref` (a tag) points at. */
export async function imageDate(store: Store, ref: Reference, by: ImageDateSource): Promise<ImageDate> {
  const fetched = await store.getManifest(ref);
  const parsed = parseManifest(fetched.bytes, fetched.mediaType);
  let source: ManifestHandle | Reference;
  let platform = { os: 'linux', architecture: 'amd64' };
  if (parsed.kind === 'index') {
    const child = parsed.index.manifests.find((d) => d.platform && d.platform.os !== 'unknown') ?? parsed.index.manifests[0];
    if (!child) return { digest: fetched.digest };
    source = withDigest(ref, child.digest);
    if (child.platform) platform = child.platform;
  } else {
    source = new ManifestHandle(withDigest(ref, fetched.digest), fetched.digest, fetched.mediaType, fetched.size, parsed, undefined);
  }
  const { config } = await fetchConfig(store, source, platform);
  const text = by.kind === 'created' ? config.created : config.config?.Labels?.[by.label];
  if (typeof text !== 'string' || text === '') return { digest: fetched.digest };
  const date = parseRfc3339(text);
  return { digest: fetched.digest, text, ...(date ? { date } : {}) };
}
