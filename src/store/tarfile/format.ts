// The tar format, as much as a layout needs: POSIX ustar headers (IEEE 1003.1-2001 "ustar Interchange Format"), with
// pax extended headers ('x') for paths that do not fit and sizes of 8 GiB and more. Reading also accepts GNU long
// names ('L'/'K') and GNU base-256 sizes, which GNU tar and older Docker write.
import { UsageError } from '../../errors.js';

export const BLOCK = 512;
/** ustar's size field holds 11 octal digits: 8 GiB - 1 at most. */
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

export type TarEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'pax' | 'pax-global' | 'gnu-longname' | 'gnu-longlink' | 'other';

export interface TarHeader {
  path: string;
  type: TarEntryType;
  size: number;
  mode: number;
  mtime: number;
  linkname: string;
}

export interface TarEntryInit {
  path: string;
  type: 'file' | 'directory';
  size: number;
  mode?: number;
  /** Seconds since the epoch; 0 keeps archives of the same layout byte-identical. */
  mtime?: number;
}

const TYPE_FLAGS: Record<string, TarEntryType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '5': 'directory',
  '2': 'symlink',
  '1': 'hardlink',
  x: 'pax',
  g: 'pax-global',
  L: 'gnu-longname',
  K: 'gnu-longlink',
};

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  block.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

/** Splits a path into ustar's prefix (155 bytes) and name (100 bytes) at a slash; undefined when it cannot. */
function splitUstarPath(path: string): { prefix: string; name: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { prefix, name };
  }
  return undefined;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  // The length counts its own digits, which can push it past a power of ten.
  let total = bodyLength + String(bodyLength).length;
  if (String(total).length > String(bodyLength).length) total = bodyLength + String(total).length;
  return `${total}${body}`;
}

function ustarBlock(path: { prefix: string; name: string }, typeflag: string, size: number, mode: number, mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, path.name);
  writeOctal(block, 100, 8, mode);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, mtime);
  block.fill(' ', 148, 156);
  block.write(typeflag, 156, 1, 'latin1');
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, path.prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** Zero bytes that fill data of `size` up to the next block. */
export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** Two zero blocks end an archive. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(2 * BLOCK);
}

/** The header block(s) of one entry: a pax header first when the path or the size does not fit ustar. */
export function encodeHeader(entry: TarEntryInit): Buffer {
  const path = entry.type === 'directory' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
  const mode = entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644);
  const mtime = entry.mtime ?? 0;
  const split = splitUstarPath(path);
  let pax = '';
  if (!split) pax += paxRecord('path', path);
  if (entry.size > MAX_OCTAL_SIZE) pax += paxRecord('size', String(entry.size));
  const main = ustarBlock(
    split ?? { prefix: '', name: path.slice(-100).replace(/^\/+/, '') },
    entry.type === 'directory' ? '5' : '0',
    entry.size > MAX_OCTAL_SIZE ? 0 : entry.size,
    mode,
    mtime,
  );
  if (pax === '') return main;
  const body = Buffer.from(pax, 'utf8');
  const paxName = `PaxHeaders/${path.split('/').filter(Boolean).pop() ?? 'entry'}`.slice(0, 100);
  return Buffer.concat([ustarBlock({ prefix: '', name: paxName }, 'x', body.length, 0o644, mtime), body, padding(body.length), main]);
}

function readString(block: Buffer, offset: number, length: number): string {
  const end = block.indexOf(0, offset);
  return block.toString('utf8', offset, end < 0 || end > offset + length ? offset + length : end);
}

function readNumber(block: Buffer, offset: number, length: number): number {
  if ((block[offset]! & 0x80) !== 0) {
    // GNU base-256: the high bit flags it; the remaining bits are a big-endian number.
    let value = block[offset]! & 0x7f;
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i]!;
    return value;
  }
  const text = readString(block, offset, length).trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

/** Parses one header block; `undefined` for a zero block (the end of the archive). Throws on a bad checksum. */
export function decodeHeader(block: Buffer): TarHeader | undefined {
  if (block.every((b) => b === 0)) return undefined;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  const stored = readNumber(block, 148, 8);
  if (stored !== sum) throw new UsageError(`tar header checksum mismatch (stored ${stored}, computed ${sum}): the file is not a tar archive or is damaged`);
  const name = readString(block, 0, 100);
  const isUstar = block.toString('latin1', 257, 262) === 'ustar';
  const prefix = isUstar ? readString(block, 345, 155) : '';
  const flag = String.fromCharCode(block[156]!);
  return {
    path: prefix !== '' ? `${prefix}/${name}` : name,
    type: TYPE_FLAGS[flag] ?? 'other',
    size: readNumber(block, 124, 12),
    mode: readNumber(block, 100, 8),
    mtime: readNumber(block, 136, 12),
    linkname: readString(block, 157, 100),
  };
}

/** Records of a pax extended header (`<len> <key>=<value>\n` each). */
export function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space < 0) break;
    const len = Number.parseInt(body.toString('latin1', pos, space), 10);
    if (!Number.isFinite(len) || len <= 0 || pos + len > body.length) throw new UsageError('malformed pax extended header in tar archive');
    const record = body.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}
