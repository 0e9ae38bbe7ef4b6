// The files of an OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, `blobs/<alg>/<hex>`.
// Every path is derived from a validated digest, so nothing outside the layout can be named; every write lands in a
// temp file inside the layout first and is renamed into place, so readers never see half a file.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { MediaType } from '../../oci/mediatypes.js';
import { parseManifest, type Descriptor, type ImageIndex, type ParsedManifest } from '../../oci/manifest.js';
import { isValidDigest, isValidTag, type Tag } from '../../oci/names.js';
import { FileLimitError, fileProblem, UsageError } from '../../errors.js';
import { boundKey, DEFAULT_BOUNDS, formatBytes, type Bounds } from '../../config/bounds.js';
import { readUpTo } from '../../read-up-to.js';

/** The bounds on what is read from a layout's files. */
export type LayoutBounds = Pick<Bounds, 'indexBytes' | 'manifestBytes'>;

export const OCI_LAYOUT_FILE = 'oci-layout';
export const INDEX_FILE = 'index.json';
export const LOCK_FILE = 'index.json.lock';
export const OCI_LAYOUT_CONTENT = '{"imageLayoutVersion":"1.0.0"}';
/** image-spec annotations.md: the tag of an entry of `index.json`. */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
/** Prefix of in-flight files; `gc` removes old ones, nothing else reads them. */
export const TEMP_PREFIX = '.tmp-';

export function blobPath(root: string, digest: string): string {
  if (!isValidDigest(digest)) throw new UsageError(`invalid digest "${digest}": expected sha256:<64 hex> or sha512:<128 hex>`);
  const colon = digest.indexOf(':');
  return join(root, 'blobs', digest.slice(0, colon), digest.slice(colon + 1));
}

/** Host and process in a temp file's name, so the next opening of the layout can tell a dead writer's file. */
export const TEMP_OWNER = `${hostname().replace(/[^A-Za-z0-9.-]/g, '_')}-${process.pid}`;

/** `.tmp-<host>-<pid>-<random>` beside the target. */
export function tempPathFor(target: string): string {
  const slash = target.lastIndexOf('/');
  return `${target.slice(0, slash + 1)}${TEMP_PREFIX}${TEMP_OWNER}-${randomBytes(8).toString('hex')}`;
}

export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await writeFile(tmp, data, { flag: 'wx', flush: true });
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

export function emptyIndex(): ImageIndex {
  return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
}

/**
 * The one way a layout file is read into memory: cut as soon as it passes `limit`, so a huge or growing file fails
 * with its name and the bound instead of exhausting memory (or ending in V8's "Invalid string length").
 */
export async function readFileBounded(file: string, limit: number, bound: keyof LayoutBounds): Promise<Buffer> {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  try {
    const bytes = await readUpTo(stream, limit);
    if (bytes === undefined)
      throw new FileLimitError(file, `the file is larger than ${formatBytes(limit)}`, { setting: boundKey(bound), limit: formatBytes(limit) });
    return bytes;
  } finally {
    stream.destroy();
  }
}

/** The layout's `index.json`, or `undefined` when the directory is not (yet) a layout. */
export async function readIndex(root: string, bounds: LayoutBounds = DEFAULT_BOUNDS): Promise<ImageIndex | undefined> {
  let text: string;
  try {
    text = (await readFileBounded(join(root, INDEX_FILE), bounds.indexBytes, 'indexBytes')).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${join(root, INDEX_FILE)} is not valid JSON (${(err as Error).message}); restore it or point regkit at another directory`);
  }
  const index = parsed as ImageIndex;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(index.manifests)) {
    throw new UsageError(`${join(root, INDEX_FILE)} has no "manifests" array; it is not an OCI image layout index`);
  }
  for (const d of index.manifests) {
    if (!isValidDigest(d.digest)) throw new UsageError(`${join(root, INDEX_FILE)} lists an invalid digest "${d.digest}"`);
  }
  return index;
}

/** Creates `oci-layout` and `blobs/` when missing, so the directory is a layout from the first write on. */
/**
 * `mkdir -p` that always ends: Node's recursive mkdir loops forever when a parent refuses children with ENOENT (under
 * `/proc`, say), so each missing directory is made on its own, top down, and the first refusal is the answer.
 */
export async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const st = await stat(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (st) {
      if (!st.isDirectory()) throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR', path: at });
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing) {
    await mkdir(at).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return;
      const why = err.code === 'ENOENT' ? `${dirname(at)} does not take new directories (ENOENT)` : fileProblem(at, err);
      throw new UsageError(`cannot create the directory ${at}: ${why}; give a path where this user may create directories`);
    });
  }
}

export async function ensureLayout(root: string): Promise<void> {
  await makeDirectories(join(root, 'blobs'));
  const target = join(root, OCI_LAYOUT_FILE);
  const tmp = tempPathFor(target);
  // link() creates the name only if it is absent, so a concurrent reader sees no file or the whole file.
  await writeFile(tmp, OCI_LAYOUT_CONTENT, { flag: 'wx' });
  try {
    await link(tmp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

export async function writeIndex(root: string, index: ImageIndex): Promise<void> {
  await writeFileAtomic(join(root, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
}

/**
 * The entry's tag. An annotation that is not a valid tag names nothing: the entry counts as untagged, so no lookup,
 * listing or export ever uses that value (`listTags` reports it).
 */
export function tagOf(d: Descriptor): Tag | undefined {
  const name = refNameOf(d);
  return typeof name === 'string' && isValidTag(name) ? name : undefined;
}

/** The raw `org.opencontainers.image.ref.name` annotation, as untrusted as the file it came from. */
export function refNameOf(d: Descriptor): unknown {
  return (d.annotations as Record<string, unknown> | undefined)?.[REF_NAME_ANNOTATION];
}

/** Reads and parses a manifest blob of the layout; `undefined` when the layout does not hold it (a sparse index). */
export async function readManifestBlob(root: string, digest: string, bounds: LayoutBounds = DEFAULT_BOUNDS): Promise<ParsedManifest | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(blobPath(root, digest), bounds.manifestBytes, 'manifestBytes');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseManifest(bytes);
}
