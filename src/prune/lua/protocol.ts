// The messages between a script's worker and its host (the main thread, which owns the stores, their connection
// pools and tokens, and the files). Plain data only: everything crosses by structured clone.
import type { CopyOptions } from '../../copy/options.js';
import type { LogLevel } from '../../log.js';
import type { Platform } from '../../oci/manifest.js';
import type { Reference } from '../../oci/reference.js';
import type { JournalEntry, ScriptLogLine, ScriptSite } from '../types.js';

/** The Store calls a worker may ask for by name; every other name is refused by the host. */
export const STORE_CALLS = [
  'headManifest',
  'getManifest',
  'putManifest',
  'deleteManifest',
  'headBlob',
  'mountBlob',
  'listTags',
  'listRepositories',
  'listReferrers',
  'deleteTag',
] as const;
export type StoreCall = (typeof STORE_CALLS)[number];

export type Request =
  | { op: 'store'; at: Reference; call: StoreCall; args: unknown[] }
  /** Opens a blob for reading; the reply is a stream id for `read` and `close`. */
  | { op: 'getBlob'; at: Reference; repo: Reference; desc: unknown }
  | { op: 'read'; stream: number }
  | { op: 'close'; stream: number }
  /**
   * Starts a blob upload; the reply is a stream id for `write` (replies false when the store wants no more bytes),
   * `end` (resolves once stored) and `close` (abandon).
   */
  | { op: 'putBlob'; at: Reference; repo: Reference; desc: unknown }
  | { op: 'write'; stream: number; chunk: Uint8Array }
  | { op: 'end'; stream: number }
  | { op: 'copy'; src: Reference; dst: Reference; opts: CopyOptions }
  | { op: 'importTar'; file: string; ref: Reference }
  | { op: 'exportTar'; ref: Reference; file: string };

export type WorkerMessage =
  | { kind: 'call'; id: number; request: Request }
  | { kind: 'log'; level: LogLevel; message: string; fields: Record<string, unknown> }
  /** `settled`: the call that recorded the entry has finished (the entry holds its outcome). */
  | { kind: 'journal'; index: number; entry: JournalEntry; settled: boolean }
  /** A `log`/`print` line of the script, for its result. */
  | { kind: 'scriptLog'; line: ScriptLogLine }
  | { kind: 'done'; error?: string };

export type HostMessage = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; message: string };

export interface WorkerInput {
  name: string;
  source: string;
  dryRun: boolean;
  timeoutMs: number;
  stringLimitBytes: number;
  platform?: Platform;
  site?: ScriptSite;
  /** Int32Array over it: [0] the script line the clock hook last saw. */
  status: SharedArrayBuffer;
}
