// One tar holding an OCI image layout plus the Docker `manifest.json` that `docker load` reads, so the same file
// goes into an air-gapped registry (`image import`) and into a Docker engine. Blobs stream from disk and are verified
// against their names on the way out.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DigestMismatchError, UsageError } from '../../errors.js';
import type { Descriptor } from '../../oci/manifest.js';
import { isValidDigest } from '../../oci/reference.js';
import { localPlatform, selectPlatform, type Platform } from '../../oci/platform.js';
import { INDEX_FILE, OCI_LAYOUT_FILE, readIndex, readManifestBlob, tagOf } from '../ocidir/layout.js';
import { encodeHeader, endOfArchive, padding } from './format.js';
import { KEEP_SPENT, type SpentChunks } from '../../spent-buffers.js';

export const DOCKER_MANIFEST_FILE = 'manifest.json';
/** containerd and `docker save` name the image of an `index.json` entry with this annotation. */
const CONTAINERD_IMAGE_NAME = 'io.containerd.image.name';

export interface WriteLayoutTarOptions {
  /** Repository for Docker's `RepoTags` (`registry.example.com/app` → `registry.example.com/app:<tag>`). */
  repository?: string;
  /** Which child of an index Docker gets; the runner's platform when not given. */
  platform?: Platform;
  /** Told of blob bytes written and verified (spent-buffers.ts). */
  spent?: SpentChunks;
}

/** One entry of Docker's `manifest.json` (moby image/tarexport). Paths are relative to the archive root. */
export interface DockerArchiveManifest {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
}

function blobName(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

async function exists(root: string, digest: string): Promise<boolean> {
  return stat(join(root, blobName(digest))).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The image Docker should load for an `index.json` entry: itself, or for an index the child for `platform`. */
async function imageFor(root: string, entry: Descriptor, platform: Platform): Promise<{ config: Descriptor; layers: Descriptor[] } | undefined> {
  const m = await readManifestBlob(root, entry.digest);
  if (m?.kind === 'image') return { config: m.manifest.config, layers: m.manifest.layers };
  if (m?.kind !== 'index') return undefined;
  const present: Descriptor[] = [];
  for (const child of m.index.manifests) if (await exists(root, child.digest)) present.push(child);
  const candidates = [selectPlatform(present, platform), ...present].filter((d): d is Descriptor => d !== undefined);
  for (const child of candidates) {
    const image = await imageFor(root, child, platform);
    if (image) return image;
  }
  return undefined;
}

/** Docker's `manifest.json` for the tagged images of a layout whose config and layers are all present. */
export async function dockerManifestFor(root: string, opts: WriteLayoutTarOptions = {}): Promise<DockerArchiveManifest[]> {
  const index = await readIndex(root);
  if (!index) throw new UsageError(`${root} is not an OCI image layout: it has no ${INDEX_FILE}`);
  const platform = opts.platform ?? localPlatform();
  const byConfig = new Map<string, DockerArchiveManifest>();
  for (const entry of index.manifests) {
    const tag = tagOf(entry);
    if (tag === undefined) continue;
    const image = await imageFor(root, entry, platform);
    if (!image) continue;
    const blobs = [image.config, ...image.layers];
    if (!blobs.every((d) => isValidDigest(d.digest))) continue;
    if (!(await Promise.all(blobs.map((d) => exists(root, d.digest)))).every(Boolean)) continue;
    const key = `${image.config.digest} ${image.layers.map((l) => l.digest).join(' ')}`;
    let item = byConfig.get(key);
    if (!item) {
      item = { Config: blobName(image.config.digest), RepoTags: [], Layers: image.layers.map((l) => blobName(l.digest)) };
      byConfig.set(key, item);
    }
    const name = entry.annotations?.[CONTAINERD_IMAGE_NAME] ?? (opts.repository !== undefined ? `${opts.repository}:${tag}` : undefined);
    if (name !== undefined && !item.RepoTags!.includes(name)) item.RepoTags!.push(name);
  }
  return [...byConfig.values()].map((m) => ({ ...m, RepoTags: m.RepoTags!.length > 0 ? m.RepoTags : null }));
}

async function* blobChunks(file: string, digest: string, size: number, spent: SpentChunks): AsyncGenerator<Buffer> {
  const hash = createHash(digest.slice(0, digest.indexOf(':')));
  let seen = 0;
  // Exactly `size` bytes: a file that grew meanwhile must not shift every later entry of the archive.
  if (size > 0) {
    for await (const chunk of createReadStream(file, { start: 0, end: size - 1 })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      spent.spent(buf.length);
      seen += buf.length;
      yield buf;
    }
  }
  const actual = `${digest.slice(0, digest.indexOf(':'))}:${hash.digest('hex')}`;
  if (seen !== size) throw new DigestMismatchError(digest, `${seen} bytes where ${size} were expected`, `${file} while exporting`);
  if (actual !== digest) throw new DigestMismatchError(digest, actual, `${file} while exporting`);
}

async function* archive(root: string, dockerManifest: DockerArchiveManifest[], spent: SpentChunks): AsyncGenerator<Buffer> {
  const small: Array<[string, Buffer]> = [
    [OCI_LAYOUT_FILE, await readFile(join(root, OCI_LAYOUT_FILE))],
    [INDEX_FILE, await readFile(join(root, INDEX_FILE))],
    [DOCKER_MANIFEST_FILE, Buffer.from(`${JSON.stringify(dockerManifest)}\n`)],
  ];
  for (const [name, bytes] of small) {
    yield encodeHeader({ path: name, type: 'file', size: bytes.length });
    yield bytes;
    yield padding(bytes.length);
  }
  yield encodeHeader({ path: 'blobs', type: 'directory', size: 0 });
  const algorithms = (await readdir(join(root, 'blobs'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const alg of algorithms.sort()) {
    const names = (await readdir(join(root, 'blobs', alg))).filter((n) => isValidDigest(`${alg}:${n}`)).sort();
    yield encodeHeader({ path: `blobs/${alg}`, type: 'directory', size: 0 });
    for (const name of names) {
      const file = join(root, 'blobs', alg, name);
      const size = (await stat(file)).size;
      yield encodeHeader({ path: `blobs/${alg}/${name}`, type: 'file', size });
      yield* blobChunks(file, `${alg}:${name}`, size, spent);
      yield padding(size);
    }
  }
  yield endOfArchive();
}

/**
 * Writes the layout at `root` as one tar into `out` (which is ended): `oci-layout`, `index.json`, Docker's
 * `manifest.json`, then every blob. Throws DigestMismatchError if a blob does not hash to its name.
 */
export async function writeLayoutTar(root: string, out: Writable, opts: WriteLayoutTarOptions = {}): Promise<void> {
  const dockerManifest = await dockerManifestFor(root, opts);
  await pipeline(Readable.from(archive(root, dockerManifest, opts.spent ?? KEEP_SPENT), { objectMode: false }), out);
}
