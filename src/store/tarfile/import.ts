// Unpacks a layout tar (ours, `docker save`'s, or a plain tar of an OCI layout; gzip'd or not) into a new directory.
// The archive is untrusted: no absolute paths, no `..`, nothing but regular files and directories is created (links
// inside the archive are skipped, links pointing outside reject it), and every blob is verified against its name.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { UsageError } from '../../errors.js';
import { DigestVerifier } from '../../oci/digest.js';
import { KEEP_SPENT, type SpentChunks } from '../../spent-buffers.js';
import { isValidDigest } from '../../oci/reference.js';
import { INDEX_FILE, OCI_LAYOUT_FILE } from '../ocidir/layout.js';
import { BLOCK, decodeHeader, parsePax, type TarHeader } from './format.js';

export interface ExtractResult {
  files: number;
  bytes: number;
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
    for (let left = n; left > 0; ) {
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
  const fh = await open(tarFile, 'r');
  try {
    await fh.read(magic, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const file = createReadStream(tarFile);
  let stream: Readable = file;
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
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

async function writeEntry(source: ByteSource, file: string, path: string, size: number, spent: SpentChunks): Promise<void> {
  const parts = path.split('/');
  const digest = parts.length === 3 && parts[0] === 'blobs' ? `${parts[1]}:${parts[2]}` : undefined;
  const data = Readable.from(source.take(size, path));
  const sink = createWriteStream(file);
  try {
    if (digest !== undefined && isValidDigest(digest)) await pipeline(data, new DigestVerifier(digest, size, `${path} in the archive`, spent), sink);
    else await pipeline(data, sink);
  } catch (err) {
    await unlink(file).catch(() => undefined);
    throw err;
  }
}

/**
 * Extracts `tarFile` into `intoDir`, which must be absent or empty (so no link already inside can redirect a write).
 * Fails unless the result is an OCI image layout (`oci-layout` and `index.json`). `spent` is told of blob bytes written
 * and verified (spent-buffers.ts).
 */
export async function extractLayoutTar(tarFile: string, intoDir: string, spent: SpentChunks = KEEP_SPENT): Promise<ExtractResult> {
  const existing = await readdir(intoDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  const existed = existing !== undefined;
  if (existing !== undefined && existing.length > 0) throw new UsageError(`cannot extract into ${intoDir}: the directory is not empty; choose a new or empty directory`);
  await mkdir(intoDir, { recursive: true });
  const archive = await openArchive(tarFile);
  try {
    const result = await extractEntries(tarFile, new ByteSource(archive.chunks), intoDir, spent);
    for (const required of [OCI_LAYOUT_FILE, INDEX_FILE]) {
      if (!(await stat(join(intoDir, required)).then((s) => s.isFile(), () => false))) {
        throw new UsageError(`${tarFile} is not an OCI image layout archive: it has no ${required}`);
      }
    }
    return result;
  } catch (err) {
    // The directory was empty or absent before, so everything in it now came from this archive.
    await rm(intoDir, { recursive: true, force: true });
    if (existed) await mkdir(intoDir, { recursive: true });
    throw err;
  } finally {
    archive.close();
  }
}

async function extractEntries(tarFile: string, source: ByteSource, intoDir: string, spent: SpentChunks): Promise<ExtractResult> {
  const result: ExtractResult = { files: 0, bytes: 0 };
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await source.block();
    const raw = block ? decodeHeader(block) : undefined;
    if (!raw) return result;
    const size = pax['size'] !== undefined ? Number(pax['size']) : raw.size;
    if (raw.type === 'pax' || raw.type === 'gnu-longname' || raw.type === 'gnu-longlink' || raw.type === 'pax-global') {
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
      const file = join(intoDir, path);
      await mkdir(dirname(file), { recursive: true });
      await writeEntry(source, file, path, header.size, spent);
      await source.skip(paddedSize(header.size) - header.size, path);
      result.files++;
      result.bytes += header.size;
      continue;
    }
    if (header.type === 'directory') await mkdir(join(intoDir, path), { recursive: true });
    if (header.type === 'symlink' || header.type === 'hardlink') checkLinkTarget(tarFile, header, path);
    // Links and special files are not part of a layout: their data, if any, is skipped.
    await source.skip(header.type === 'directory' ? 0 : paddedSize(header.size), path);
  }
}
