// What `index.json` keeps alive in a layout, and removing the rest. The roots are the entries of `index.json`
// (tags, and referrers stored untagged); from each manifest, its children, config and layers are reachable.
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { referencedDescriptors, type Descriptor, type ImageIndex } from '../../oci/manifest.js';
import { isValidDigest } from '../../oci/reference.js';
import { readManifestBlob, TEMP_PREFIX, type LayoutBounds } from './layout.js';

/** A temp file this old belongs to a write that died; a live write renames its file within seconds of its last byte. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000;

export interface GcResult {
  /** Digests of the blobs removed. */
  removed: string[];
  bytes: number;
}

/** Every digest reachable from the entries of `index`, walking indexes recursively. */
export async function reachableDigests(root: string, index: ImageIndex, bounds?: LayoutBounds): Promise<Set<string>> {
  const seen = new Set<string>();
  const manifests: Descriptor[] = [...index.manifests];
  while (manifests.length > 0) {
    const d = manifests.pop()!;
    if (seen.has(d.digest)) continue;
    seen.add(d.digest);
    const m = await readManifestBlob(root, d.digest, bounds);
    if (!m) continue;
    for (const child of referencedDescriptors(m)) {
      if (!isValidDigest(child.digest)) continue;
      if (m.kind === 'index') manifests.push(child);
      else seen.add(child.digest);
    }
  }
  return seen;
}

/** Removes every blob `index` does not reach, and temp files of writes that died. Call it under the layout lock. */
export async function collectGarbage(root: string, index: ImageIndex, bounds?: LayoutBounds): Promise<GcResult> {
  const keep = await reachableDigests(root, index, bounds);
  const result: GcResult = { removed: [], bytes: 0 };
  const algorithms = await readdir(join(root, 'blobs')).catch(() => [] as string[]);
  for (const alg of algorithms) {
    const dir = join(root, 'blobs', alg);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const file = join(dir, name);
      const digest = `${alg}:${name}`;
      if (name.startsWith(TEMP_PREFIX)) {
        const st = await stat(file).catch(() => undefined);
        if (st && Date.now() - st.mtimeMs > ABANDONED_TEMP_MS) await unlink(file).catch(() => undefined);
        continue;
      }
      if (!isValidDigest(digest) || keep.has(digest)) continue;
      const st = await stat(file).catch(() => undefined);
      if (!st?.isFile()) continue;
      await unlink(file);
      result.removed.push(digest);
      result.bytes += st.size;
    }
  }
  return result;
}
