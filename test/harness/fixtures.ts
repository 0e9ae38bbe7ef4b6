// OCI image layouts (image-spec image-layout.md: `oci-layout`, `index.json`, `blobs/<alg>/<hex>`) generated from a
// seed, for seeding registries with skopeo. Layer payloads come from AES-256-CTR over zeros keyed by the seed: fast,
// incompressible and reproducible, streamed to disk so 1 GiB layers never sit in memory. Each layer is a real gzip of
// a real tar, because skopeo recompresses a "gzip" layer it cannot read, which would change its digest.
import { createCipheriv, createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import { MediaType } from '../../src/oci/mediatypes.js';
import type { Descriptor, Platform } from '../../src/oci/manifest.js';

export interface ImageLayoutOptions {
  tag?: string | undefined;
  /** `os/arch[/variant]`; more than one makes an index. */
  platforms?: string[];
  /** Make an index even for a single platform. */
  forceIndex?: boolean;
  layers?: number;
  /** Bytes of random payload per layer. */
  layerSize?: number;
  labels?: Record<string, string>;
  created?: string;
  seed?: string;
  mediaTypes?: 'oci' | 'docker';
}

export interface FixtureBlob {
  digest: string;
  size: number;
  mediaType: string;
}

export interface FixtureManifest extends FixtureBlob {
  platform: Platform;
  config: FixtureBlob;
  layers: FixtureBlob[];
}

export interface FixtureImage {
  tag: string;
  /** Digest of what the tag points at: the index, or the one image manifest. */
  digest: string;
  mediaType: string;
  size: number;
  /** Image manifests, one per platform. */
  manifests: FixtureManifest[];
  /** Every blob and manifest written, the top one included. */
  blobs: FixtureBlob[];
}

const TAR_BLOCK = 512;
const SHA256 = 'sha256';

function seededStream(seed: string, size: number): Readable {
  const key = createHash(SHA256).update(`regkit-fixture:${seed}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(1024 * 1024);
  let left = size;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const n = Math.min(left, zeros.length);
      left -= n;
      this.push(cipher.update(n === zeros.length ? zeros : zeros.subarray(0, n)));
    },
  });
}

/** A ustar header for one regular file (POSIX pax/ustar format, checksum over the header with spaces in its field). */
function tarHeader(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(TAR_BLOCK);
  const put = (text: string, offset: number, length: number) => h.write(text, offset, length, 'ascii');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0');
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\x0000', 257, 8);
  let sum = 0;
  for (const byte of h) sum += byte;
  put(`${octal(sum, 7)}\x00`, 148, 8);
  return h;
}

function tarStream(name: string, payload: Readable, size: number, mtime: number): Readable {
  const pad = (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
  return Readable.from(
    (async function* () {
      yield tarHeader(name, size, mtime);
      yield* payload;
      // Padding to the block, then the two zero blocks that end an archive.
      yield Buffer.alloc(pad + 2 * TAR_BLOCK);
    })(),
  );
}

function hashing(hash: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

async function writeBlob(layout: string, bytes: Buffer, mediaType: string): Promise<FixtureBlob> {
  const hex = createHash(SHA256).update(bytes).digest('hex');
  await writeFile(join(layout, 'blobs', SHA256, hex), bytes);
  return { digest: `${SHA256}:${hex}`, size: bytes.length, mediaType };
}

async function writeLayer(
  layout: string,
  seed: string,
  name: string,
  size: number,
  mtime: number,
  mediaType: string,
): Promise<{ blob: FixtureBlob; diffId: string }> {
  const tmp = join(layout, 'blobs', SHA256, `.tmp-${createHash(SHA256).update(seed).digest('hex').slice(0, 16)}`);
  const diff = createHash(SHA256);
  const compressed = createHash(SHA256);
  // The payload is random, so deflate cannot shrink it: stored blocks (level 0) are still valid gzip and ten times
  // faster than level 1, which matters for 1 GiB layers.
  await pipeline(
    tarStream(name, seededStream(seed, size), size, mtime),
    hashing(diff),
    createGzip({ level: zlibConstants.Z_NO_COMPRESSION }),
    hashing(compressed),
    createWriteStream(tmp),
  );
  const hex = compressed.digest('hex');
  await rename(tmp, join(layout, 'blobs', SHA256, hex));
  const { size: written } = await stat(join(layout, 'blobs', SHA256, hex));
  return { blob: { digest: `${SHA256}:${hex}`, size: written, mediaType }, diffId: `${SHA256}:${diff.digest('hex')}` };
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new Error(`platform "${text}" is not os/arch[/variant]`);
  return { os, architecture, ...(variant ? { variant } : {}) };
}

interface LayoutIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
}

const REF_NAME = 'org.opencontainers.image.ref.name';

async function readLayoutIndex(layout: string): Promise<LayoutIndex> {
  try {
    return JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as LayoutIndex;
  } catch {
    return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
  }
}

// skopeo 1.9's oci: transport skips index.json entries whose type is not OCI, so a Docker-typed manifest is listed
// under its OCI twin; skopeo still sends the body's own mediaType when it pushes. It cannot push a Docker manifest
// list from a layout with --preserve-digests at all (it insists on converting it to an OCI index).
const LAYOUT_ENTRY_TYPE: Record<string, string> = { [MediaType.DockerManifest]: MediaType.OciManifest, [MediaType.DockerManifestList]: MediaType.OciIndex };

async function tagInLayout(layout: string, tag: string, top: FixtureBlob): Promise<void> {
  const index = await readLayoutIndex(layout);
  index.manifests = index.manifests.filter((d) => d.annotations?.[REF_NAME] !== tag);
  const mediaType = LAYOUT_ENTRY_TYPE[top.mediaType] ?? top.mediaType;
  index.manifests.push({ mediaType, digest: top.digest, size: top.size, annotations: { [REF_NAME]: tag } });
  await writeFile(join(layout, 'index.json'), JSON.stringify(index));
}

export async function makeImageLayout(dir: string, opts: ImageLayoutOptions = {}): Promise<FixtureImage> {
  const tag = opts.tag ?? 'latest';
  const seed = opts.seed ?? 'regkit';
  const platforms = (opts.platforms ?? ['linux/amd64']).map(parsePlatform);
  const docker = opts.mediaTypes === 'docker';
  const types = docker
    ? { manifest: MediaType.DockerManifest, index: MediaType.DockerManifestList, config: MediaType.DockerConfig, layer: MediaType.DockerLayerGzip }
    : { manifest: MediaType.OciManifest, index: MediaType.OciIndex, config: MediaType.OciConfig, layer: MediaType.OciLayerGzip };
  const created = opts.created ?? '2024-01-01T00:00:00Z';
  const mtime = Math.floor(Date.parse(created) / 1000);
  await mkdir(join(dir, 'blobs', SHA256), { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));

  const blobs: FixtureBlob[] = [];
  const manifests: FixtureManifest[] = [];
  for (const platform of platforms) {
    const name = [platform.os, platform.architecture, platform.variant].filter(Boolean).join('-');
    const layers: FixtureBlob[] = [];
    const diffIds: string[] = [];
    for (let i = 0; i < (opts.layers ?? 1); i++) {
      const { blob, diffId } = await writeLayer(dir, `${seed}/${name}/${i}`, `${name}-layer-${i}.bin`, opts.layerSize ?? 1024, mtime, types.layer);
      layers.push(blob);
      diffIds.push(diffId);
    }
    const config = {
      created,
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      config: { Labels: opts.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map(() => ({ created, created_by: `regkit fixture ${seed}` })),
    };
    const configBlob = await writeBlob(dir, Buffer.from(JSON.stringify(config)), types.config);
    const manifest = { schemaVersion: 2, mediaType: types.manifest, config: configBlob, layers };
    const manifestBlob = await writeBlob(dir, Buffer.from(JSON.stringify(manifest)), types.manifest);
    blobs.push(...layers, configBlob, manifestBlob);
    manifests.push({ ...manifestBlob, platform, config: configBlob, layers });
  }
  let top: FixtureBlob = manifests[0]!;
  if (platforms.length > 1 || opts.forceIndex) {
    const index = {
      schemaVersion: 2,
      mediaType: types.index,
      manifests: manifests.map((m) => ({ mediaType: m.mediaType, digest: m.digest, size: m.size, platform: m.platform })),
    };
    top = await writeBlob(dir, Buffer.from(JSON.stringify(index)), types.index);
    blobs.push(top);
  }
  await tagInLayout(dir, tag, top);
  return { tag, digest: top.digest, mediaType: top.mediaType, size: top.size, manifests, blobs };
}

/** Points another tag of the layout at a manifest or index already in it. */
export async function addTagToLayout(dir: string, tag: string, digest: string): Promise<void> {
  const hex = digest.slice(digest.indexOf(':') + 1);
  const bytes = await readFile(join(dir, 'blobs', SHA256, hex));
  const mediaType = (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType ?? MediaType.OciManifest;
  await tagInLayout(dir, tag, { digest, size: bytes.length, mediaType });
}
