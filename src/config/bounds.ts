// The bounds regkit keeps on what it reads from registries, layouts and archives: bytes held in memory, pages and
// entries of a listing, and time. Every source is untrusted (docs/security.md, "Bounds"), so none is left unbounded;
// the defaults sit far above what real registries send and far below what hurts the process. `--bound key=value`
// (action input `bounds`) moves one.
import { UsageError } from '../errors.js';
import { parseGoDuration } from './duration.js';

export interface Bounds {
  /** A manifest or index, a referrers page, a referrers fallback index (regclient's push cap; registries refuse more). */
  manifestBytes: number;
  /** A token realm's answer. */
  tokenBytes: number;
  /** One page of a tag list or catalog. */
  listPageBytes: number;
  /** Pages of one tag list, catalog or referrers listing. */
  listPages: number;
  /** Entries (tags, repositories, referrers) of one listing, all pages together. */
  listEntries: number;
  /** A layout's or an archive's `index.json`. */
  indexBytes: number;
  /** One request from sending to the last byte of a body read into memory (retries are new requests). */
  requestTimeoutMs: number;
  /**
   * A blob's body gets `requestTimeoutMs` plus its size at this rate: a fixed deadline would cut large layers on slow
   * links, so time scales with the declared size and only a transfer slower than this on average is ended.
   */
  blobMinBytesPerSec: number;
  /** One operation (a manifest read with its retries, a whole listing) from start to end. */
  operationTimeoutMs: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

export const DEFAULT_BOUNDS: Readonly<Bounds> = {
  manifestBytes: 4 * MiB,
  tokenBytes: 1 * MiB,
  listPageBytes: 16 * MiB,
  listPages: 10_000,
  listEntries: 250_000,
  indexBytes: 64 * MiB,
  requestTimeoutMs: 5 * 60_000,
  blobMinBytesPerSec: 32 * KiB,
  operationTimeoutMs: 30 * 60_000,
};

type Kind = 'bytes' | 'count' | 'duration' | 'rate';

/** The `--bound` keys, each with its field and how its value is written. */
const KEYS: Record<string, { field: keyof Bounds; kind: Kind }> = {
  'manifest-bytes': { field: 'manifestBytes', kind: 'bytes' },
  'token-bytes': { field: 'tokenBytes', kind: 'bytes' },
  'list-page-bytes': { field: 'listPageBytes', kind: 'bytes' },
  'list-pages': { field: 'listPages', kind: 'count' },
  'list-entries': { field: 'listEntries', kind: 'count' },
  'index-bytes': { field: 'indexBytes', kind: 'bytes' },
  'request-timeout': { field: 'requestTimeoutMs', kind: 'duration' },
  'blob-min-rate': { field: 'blobMinBytesPerSec', kind: 'rate' },
  'operation-timeout': { field: 'operationTimeoutMs', kind: 'duration' },
};

/** The `--bound` key of a field, for messages that tell the user what to raise. */
export function boundKey(field: keyof Bounds): string {
  return Object.entries(KEYS).find(([, k]) => k.field === field)![0];
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1000, kib: KiB, m: 1e6, mb: 1e6, mib: MiB, g: 1e9, gb: 1e9, gib: 1024 * MiB };

function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? BYTE_UNITS[m[2]!.toLowerCase()] : undefined;
  return m && unit !== undefined ? Math.floor(Number(m[1]) * unit) : undefined;
}

function parseValue(kind: Kind, text: string): number | undefined {
  switch (kind) {
    case 'bytes':
      return parseBytes(text);
    case 'rate':
      return parseBytes(text.replace(/\/s$/i, ''));
    case 'count':
      return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
    case 'duration':
      try {
        return Math.round(parseGoDuration(text.trim()) * 1000);
      } catch {
        return undefined;
      }
  }
}

const EXAMPLE: Record<Kind, string> = { bytes: '8MiB', count: '20000', duration: '10m', rate: '16KiB/s' };

/** `key=value` specs (`manifest-bytes=8MiB`, `request-timeout=10m`) as the bounds they change; `from` names the flag. */
export function parseBoundSpecs(specs: readonly string[], from: string): Partial<Bounds> {
  const out: Partial<Bounds> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const key = eq < 0 ? spec : spec.slice(0, eq).trim();
    const known = KEYS[key];
    if (eq < 0 || known === undefined) throw new UsageError(`${from} "${spec}": expected key=value with a key among ${Object.keys(KEYS).join(', ')}`);
    const value = parseValue(known.kind, spec.slice(eq + 1));
    if (value === undefined || !Number.isFinite(value) || value <= 0)
      throw new UsageError(`${from} "${spec}": ${key} takes a positive ${known.kind} such as ${key}=${EXAMPLE[known.kind]}`);
    out[known.field] = value;
  }
  return out;
}

/** The bounds with `given` over the defaults. */
export function boundsWith(given: Partial<Bounds> | undefined): Bounds {
  return { ...DEFAULT_BOUNDS, ...given };
}

/** A byte count as people read it: `4 MiB`, `512 KiB`, `1000 bytes`. */
export function formatBytes(n: number): string {
  if (n >= MiB && n % (MiB / 4) === 0) return `${n / MiB} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} bytes`;
}

export function formatMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
