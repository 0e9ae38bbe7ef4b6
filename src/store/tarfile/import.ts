// Unpacks a layout tar (ours, `docker save`'s, or a plain tar of an OCI layout; gzip'd or not) into a new directory.
// The archive is untrusted: no absolute paths, no `..`, nothing but regular files and directories is created (links
// inside the archive are skipped, links pointing outside reject it), and every blob is verified against its name.
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileLimitError, fileProblem, InvalidContentError, UsageError } from '../../errors.js';
import { boundKey, DEFAULT_BOUNDS, formatBytes } from '../../config/bounds.js';
import { DigestVerifier, verifyBytes } from '../../oci/digest.js';
import { parseManifest, referencedDescriptors, type Descriptor, type ImageIndex } from '../../oci/manifest.js';
import { KEEP_SPENT, type SpentChunks } from '../../spent-buffers.js';
import { isValidDigest } from '../../oci/reference.js';
import { blobPath, INDEX_FILE, makeDirectories, OCI_LAYOUT_FILE, type LayoutBounds } from '../ocidir/layout.js';
import { BLOCK, decodeHeader, parsePax, type TarHeader } from './format.js';

export interface ExtractResult {
  files: number;
  bytes: number;
  /** The archive's `index.json`, as read while extracting. */
  index: ImageIndex | undefined;
}

/** Pulls exact byte counts from a stream of chunks. */
class ByteSource {
  private buffered: Buffer[] = [];
  private length = 0;
  private done = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  private async fill(min: number): Promise<void> {
    while (this.length < min && !this.done) {
      const next = await this.chunks.next();
      if (next.done) this.done = true;
      else {
        this.buffered.push(next.value);
        this.length += next.value.length;
      }
    }
  }

  /** Up to `max` bytes, at least one unless the stream ended. */
  async some(max: number): Promise<Buffer | undefined> {
    await this.fill(1);
    const head = this.buffered[0];
    if (!head) return undefined;
    const out = head.length <= max ? head : head.subarray(0, max);
    if (out === head) this.buffered.shift();
    else this.buffered[0] = head.subarray(max);
    this.length -= out.length;
    return out;
  }

  /** The next header block; `undefined` at the end of the stream. */
  async block(): Promise<Buffer | undefined> {
    await this.fill(BLOCK);
    return this.length === 0 ? undefined : this.exactly(BLOCK, 'a header');
  }

  async exactly(n: number, what: string): Promise<Buffer> {
    await this.fill(n);
    if (this.length < n) throw new UsageError(`tar archive ends in the middle of ${what}: the file is truncated`);
    const all = Buffer.concat(this.buffered);
    this.buffered = all.length > n ? [all.subarray(n)] : [];
    this.length -= n;
    return all.subarray(0, n);
  }

  async *take(n: number, what: string): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      const chunk = await this.some(left);
      if (!chunk) throw new UsageError(`tar archive ends in the middle of ${what}: the file is truncated`);
      left -= chunk.length;
      yield chunk;
    }
  }

  async skip(n: number, what: string): Promise<void> {
    for (let left = n; left > 0;) {
      const chunk = await this.some(left);
      if (!chunk) throw new UsageError(`tar archive ends in the middle of ${what}: the file is truncated`);
      left -= chunk.length;
    }
  }
}

function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** The entry's path inside the archive root, or a UsageError when it would land elsewhere. */
function safeRelativePath(tarFile: string, name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  const parts = trimmed.split('/').filter((p) => p !== '' && p !== '.');
  if (name.startsWith('/') || name.includes('\0') || /^[A-Za-z]:/.test(name) || name.includes('\\') || parts.includes('..')) {
    throw new UsageError(`refusing ${tarFile}: entry "${name}" would be written outside the target directory`);
  }
  return parts.join('/');
}

function checkLinkTarget(tarFile: string, header: TarHeader, path: string): void {
  const target = header.type === 'hardlink' ? header.linkname : posix.join(posix.dirname(path), header.linkname);
  const normalized = posix.normalize(target);
  if (header.linkname.startsWith('/') || normalized === '..' || normalized.startsWith('../')) {
    throw new UsageError(`refusing ${tarFile}: link "${path}" points outside the archive (to "${header.linkname}")`);
  }
}

/** The archive's bytes, inflated when it is gzip'd (`docker save | gzip`). */
async function openArchive(tarFile: string): Promise<{ chunks: AsyncIterator<Buffer>; close(): void }> {
  const magic = Buffer.alloc(2);
  const fh = await open(tarFile, 'r').catch((err: unknown) => {
    throw new UsageError(
      `cannot read the archive: ${fileProblem(tarFile, err)}; give the path of a tar written by regkit image export, docker save or skopeo (oci-archive:)`,
    );
  });
  try {
    await fh.read(magic, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const file = createReadStream(tarFile);
  let stream: Readable = file;
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    // Loaded here, not with the module: every CLI call loads this store, few read a gzip'd archive.
    const { createGunzip } = await import('node:zlib');
    const gunzip = createGunzip();
    file.on('error', (err) => gunzip.destroy(err));
    stream = file.pipe(gunzip);
  }
  return {
    chunks: stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>,
    close: () => {
      file.destroy();
      stream.destroy();
    },
  };
}

/** An entry named `blobs/<alg>/<hex>` with a valid digest names that digest; anything else is not a blob. */
function blobDigest(path: string): string | undefined {
  const parts = path.split('/');
  const digest = parts.length === 3 && parts[0] === 'blobs' ? `${parts[1]}:${parts[2]}` : undefined;
  return digest !== undefined && isValidDigest(digest) ? digest : undefined;
}

interface Declared {
  size: number;
  /** Listed as a manifest (by `index.json` or an index), so its own descriptors are declared in turn. */
  manifest: boolean;
}

/**
 * Undeclared blobs that could still be manifests are held in memory up to this many manifest-size bounds: enough for
 * the manifests and configs of archives that put `index.json` last (`docker save`), while larger undeclared entries
 * wait for another pass over the archive instead of being written on trust.
 */
const HELD_MANIFESTS = 8;

/**
 * What an archive may write: `oci-layout`, `index.json`, and each blob its `index.json` and manifests declare, at
 * exactly the declared size. A tar entry states its size before its data, so an entry larger than its descriptor
 * (a small layer that inflates to gigabytes) is refused before one byte of it is written; an entry nothing declares
 * is not written at all. Entries seen before their declaration are held (small ones) or fetched by a later pass.
 */
class Extraction {
  readonly result: ExtractResult = { files: 0, bytes: 0, index: undefined };
  private readonly declared = new Map<string, Declared>();
  private readonly written = new Set<string>();
  private readonly held = new Map<string, Buffer>();
  private heldBytes = 0;
  private readonly deferred = new Set<string>();

  constructor(
    private readonly tarFile: string,
    private readonly intoDir: string,
    private readonly bounds: LayoutBounds,
    private readonly spent: SpentChunks,
  ) {}

  /** Takes one file entry's `size` bytes from `source`; `wanted` on later passes names the deferred blobs to write. */
  async entry(source: ByteSource, path: string, size: number, wanted?: ReadonlySet<string>): Promise<void> {
    if (path === OCI_LAYOUT_FILE || path === INDEX_FILE) {
      if (wanted !== undefined || this.written.has(path)) return source.skip(size, path);
      const bytes = await source.exactly(this.checkSize(path, size, this.bounds.indexBytes, 'indexBytes'), path);
      await this.writeBytes(path, bytes);
      if (path === INDEX_FILE) await this.readIndex(bytes);
      return;
    }
    const digest = blobDigest(path);
    if (digest === undefined || this.written.has(digest)) return source.skip(size, path);
    const declared = this.declared.get(digest);
    if (declared !== undefined) {
      if (declared.size !== size)
        throw new InvalidContentError(
          `refusing ${this.tarFile}: entry "${path}" is ${formatBytes(size)} but the image's manifests declare ${formatBytes(declared.size)} for ${digest}; nothing of it was written`,
        );
      if (declared.manifest)
        return this.store(digest, declared, await source.exactly(this.checkSize(path, size, this.bounds.manifestBytes, 'manifestBytes'), path));
      return this.storeStream(digest, source, path, size);
    }
    if (wanted === undefined && size <= this.bounds.manifestBytes && this.heldBytes + size <= HELD_MANIFESTS * this.bounds.manifestBytes) {
      const bytes = await source.exactly(size, path);
      verifyBytes(bytes, digest, `${path} in the archive`);
      this.held.set(digest, bytes);
      this.heldBytes += size;
      return;
    }
    if (wanted === undefined) this.deferred.add(digest);
    return source.skip(size, path);
  }

  /** Deferred blobs declared since they went by: the next pass writes them. */
  takeWanted(): Set<string> {
    const wanted = new Set([...this.deferred].filter((d) => this.declared.has(d) && !this.written.has(d)));
    for (const d of wanted) this.deferred.delete(d);
    return wanted;
  }

  private checkSize(path: string, size: number, limit: number, bound: keyof LayoutBounds): number {
    if (size > limit)
      throw new FileLimitError(this.tarFile, `entry "${path}" is ${formatBytes(size)}, larger than ${formatBytes(limit)}`, {
        setting: boundKey(bound),
        limit: formatBytes(limit),
      });
    return size;
  }

  private async readIndex(bytes: Buffer): Promise<void> {
    let index: ImageIndex;
    try {
      index = JSON.parse(bytes.toString('utf8')) as ImageIndex;
    } catch (err) {
      throw new InvalidContentError(`${this.tarFile}: its index.json is not valid JSON (${(err as Error).message})`);
    }
    if (typeof index !== 'object' || index === null || !Array.isArray(index.manifests))
      throw new InvalidContentError(`${this.tarFile}: its index.json has no "manifests" array`);
    this.result.index = index;
    for (const d of index.manifests) await this.declare(d, true);
  }

  private async declare(desc: Descriptor, manifest: boolean): Promise<void> {
    if (typeof desc?.digest !== 'string' || !isValidDigest(desc.digest) || !Number.isSafeInteger(desc.size) || desc.size < 0) {
      throw new InvalidContentError(`${this.tarFile}: a manifest in it lists an unusable descriptor (${JSON.stringify(desc).slice(0, 200)})`);
    }
    const prior = this.declared.get(desc.digest);
    if (prior !== undefined) {
      if (prior.size !== desc.size)
        throw new InvalidContentError(`${this.tarFile}: ${desc.digest} is declared with two sizes (${prior.size} and ${desc.size})`);
      return;
    }
    const declared = { size: desc.size, manifest };
    this.declared.set(desc.digest, declared);
    const held = this.held.get(desc.digest);
    if (held === undefined) return;
    this.held.delete(desc.digest);
    this.heldBytes -= held.length;
    if (held.length !== desc.size)
      throw new InvalidContentError(
        `refusing ${this.tarFile}: blob ${desc.digest} is ${formatBytes(held.length)} but the image's manifests declare ${formatBytes(desc.size)}`,
      );
    await this.store(desc.digest, declared, held);
  }

  private async store(digest: string, declared: Declared, bytes: Buffer): Promise<void> {
    verifyBytes(bytes, digest, `${digest} in ${this.tarFile}`);
    this.written.add(digest);
    const path = blobPath(this.intoDir, digest);
    await makeDirectories(dirname(path));
    await this.writeBytes(path, bytes);
    if (!declared.manifest) return;
    const m = parseManifest(bytes);
    for (const child of referencedDescriptors(m)) await this.declare(child, m.kind === 'index');
  }

  private async storeStream(digest: string, source: ByteSource, path: string, size: number): Promise<void> {
    this.written.add(digest);
    const file = blobPath(this.intoDir, digest);
    await makeDirectories(dirname(file));
    try {
      await pipeline(
        Readable.from(source.take(size, path)),
        new DigestVerifier(digest, size, `${path} in ${this.tarFile}`, this.spent),
        createWriteStream(file, { flags: 'wx' }),
      );
    } catch (err) {
      await unlink(file).catch(() => undefined);
      throw err;
    }
    this.result.files++;
    this.result.bytes += size;
  }

  private async writeBytes(path: string, bytes: Buffer): Promise<void> {
    this.written.add(path);
    await writeFile(path.startsWith('/') ? path : join(this.intoDir, path), bytes, { flag: 'wx' });
    this.result.files++;
    this.result.bytes += bytes.length;
  }
}

/**
 * Extracts `tarFile` into `intoDir`, which must be absent or empty (so no link already inside can redirect a write).
 * Fails unless the result is an OCI image layout (`oci-layout` and `index.json`). Only what the layout declares is
 * written (see Extraction); the archive is read again only for blobs that came before their declaration. `spent` is
 * told of blob bytes written and verified (spent-buffers.ts).
 */
export async function extractLayoutTar(
  tarFile: string,
  intoDir: string,
  bounds: LayoutBounds = DEFAULT_BOUNDS,
  spent: SpentChunks = KEEP_SPENT,
): Promise<ExtractResult> {
  const existing = await readdir(intoDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const existed = existing !== undefined;
  if (existing !== undefined && existing.length > 0)
    throw new UsageError(`cannot extract into ${intoDir}: the directory is not empty; choose a new or empty directory`);
  await makeDirectories(intoDir);
  try {
    const extraction = new Extraction(tarFile, intoDir, bounds, spent);
    await readArchive(tarFile, intoDir, (source, path, size) => extraction.entry(source, path, size));
    for (let wanted = extraction.takeWanted(); wanted.size > 0; wanted = extraction.takeWanted()) {
      await readArchive(tarFile, intoDir, (source, path, size) => extraction.entry(source, path, size, wanted));
    }
    for (const required of [OCI_LAYOUT_FILE, INDEX_FILE]) {
      if (
        !(await stat(join(intoDir, required)).then(
          (s) => s.isFile(),
          () => false,
        ))
      ) {
        throw new UsageError(`${tarFile} is not an OCI image layout archive: it has no ${required}`);
      }
    }
    return extraction.result;
  } catch (err) {
    // The directory was empty or absent before, so everything in it now came from this archive.
    await rm(intoDir, { recursive: true, force: true });
    if (existed) await makeDirectories(intoDir);
    throw err;
  }
}

/** pax and GNU long-name headers carry a path and a few numbers; they are read into memory, so they are bounded. */
const EXTENDED_HEADER_MAX = 1024 * 1024;

type FileEntry = (source: ByteSource, path: string, size: number) => Promise<void>;

async function readArchive(tarFile: string, intoDir: string, onFile: FileEntry): Promise<void> {
  const archive = await openArchive(tarFile);
  try {
    await extractEntries(tarFile, new ByteSource(archive.chunks), intoDir, onFile);
  } finally {
    archive.close();
  }
}

async function extractEntries(tarFile: string, source: ByteSource, intoDir: string, onFile: FileEntry): Promise<void> {
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await source.block();
    const raw = block ? decodeHeader(block) : undefined;
    if (!raw) return;
    const size = pax['size'] !== undefined ? Number(pax['size']) : raw.size;
    if (raw.type === 'pax' || raw.type === 'gnu-longname' || raw.type === 'gnu-longlink' || raw.type === 'pax-global') {
      if (raw.size > EXTENDED_HEADER_MAX)
        throw new InvalidContentError(`refusing ${tarFile}: an extended header of ${formatBytes(raw.size)} (real ones hold a path and a few numbers)`);
      const body = await source.exactly(paddedSize(raw.size), 'an extended header');
      const content = body.subarray(0, raw.size);
      if (raw.type === 'pax') pax = { ...pax, ...parsePax(content) };
      else if (raw.type === 'gnu-longname') longName = content.toString('utf8').replace(/\0+$/, '');
      else if (raw.type === 'gnu-longlink') longLink = content.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    const header: TarHeader = { ...raw, path: pax['path'] ?? longName ?? raw.path, linkname: pax['linkpath'] ?? longLink ?? raw.linkname, size };
    pax = {};
    longName = undefined;
    longLink = undefined;
    const path = safeRelativePath(tarFile, header.path);
    if (header.type === 'file' && path !== '') {
      await onFile(source, path, header.size);
      await source.skip(paddedSize(header.size) - header.size, path);
      continue;
    }
    if (header.type === 'directory') await makeDirectories(join(intoDir, path));
    if (header.type === 'symlink' || header.type === 'hardlink') checkLinkTarget(tarFile, header, path);
    // Links and special files are not part of a layout: their data, if any, is skipped.
    await source.skip(header.type === 'directory' ? 0 : paddedSize(header.size), path);
  }
}
