// What `index.json` keeps alive in a layout, and removing the rest. The roots are the entries of `index.json`
// (tags, and referrers stored untagged); from each manifest, its children, config and layers are reachable.
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { referencedDescriptors, type Descriptor, type ImageIndex } from '../../oci/manifest.js';
import { isValidDigest } from '../../oci/reference.js';
import { readManifestBlob, TEMP_OWNER, TEMP_PREFIX, type LayoutBounds } from './layout.js';

/** A temp file this old belongs to a write that died; a live write renames its file within seconds of its last byte. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a temp file belongs to a write that died: its writer (named in the file name, on this host) is gone, or
 * it is older than any live write leaves one. Files from another host, or without an owner, go by age alone.
 */
async function abandoned(file: string, name: string): Promise<boolean> {
  const owner = /^(.+)-(\d+)-[0-9a-f]+$/.exec(name.slice(TEMP_PREFIX.length));
  const host = TEMP_OWNER.slice(0, TEMP_OWNER.lastIndexOf('-'));
  if (owner !== null && owner[1] === host && !processAlive(Number(owner[2]))) return true;
  const st = await stat(file).catch(() => undefined);
  return st !== undefined && Date.now() - st.mtimeMs > ABANDONED_TEMP_MS;
}

/**
 * Removes temp files of layout writes that died (a killed copy leaves its half-written blob), in the layout's root
 * and its blob directories. Runs when a store first uses the layout; needs no lock, since a live write's file is kept.
 */
export async function removeAbandonedTemps(root: string): Promise<number> {
  let removed = 0;
  const algorithms = await readdir(join(root, 'blobs')).catch(() => [] as string[]);
  for (const dir of [root, ...algorithms.map((alg) => join(root, 'blobs', alg))]) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const file = join(dir, name);
      if (!name.startsWith(TEMP_PREFIX) || !(await abandoned(file, name))) continue;
      await unlink(file).then(
        () => removed++,
        () => undefined,
      );
    }
  }
  return removed;
}

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
        if (await abandoned(file, name)) await unlink(file).catch(() => undefined);
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
