// What the prune runtime takes and gives back. The regbot config loader and the `prune` command build on these.
import type { CopyOptions, StoreSource } from '../copy/options.js';
import type { Logger } from '../log.js';
import type { Platform } from '../oci/manifest.js';
import type { Reference } from '../oci/reference.js';
import type { Location, OperationResult } from '../report/result.js';

/** The copy engine, injected so that scripts and the CLI share one implementation. */
export type CopyFunction = (src: Reference, dst: Reference, opts: CopyOptions) => Promise<OperationResult>;

/** Where a script sits in its config file, so a failure the host reports names the YAML line. */
export interface ScriptSite {
  file: string;
  /** The line of the `scripts[]` entry. */
  line: number;
  /** For a block scalar (`script: |`): the file line of the script's line 0, so file line = offset + Lua line. */
  luaLineOffset?: number;
}

export interface RunScriptOptions {
  /** The script's name from the config: errors and log lines carry it. */
  name: string;
  source: string;
  stores: StoreSource;
  logger: Logger;
  /** Journal every write instead of doing it; reads still run. */
  dryRun: boolean;
  /**
   * Wall time for the whole script: enforced inside Lua (an instruction-count hook) and, from outside, by
   * terminating the script's worker shortly after, which also stops a runaway library call.
   */
  timeoutMs: number;
  /** Heap cap of the script's worker (V8 old generation), and cap on the bytes its strings hold. Default 256 MiB. */
  memoryLimitMiB?: number;
  copy: CopyFunction;
  /** What `manifest.get` resolves an index to when the script names no platform. Default: this runner's platform. */
  platform?: Platform;
  /** The directory `image.exportTar`, `image.importTar` and `ocidir://` references must stay in. Default: the working directory. */
  filesDir?: string;
  site?: ScriptSite;
}

/** The writes that run on the host side of the worker, where the stores and files are. */
export interface ScriptHost {
  copy(src: Reference, dst: Reference, opts: CopyOptions): Promise<{ digest?: string }>;
  importTar(file: string, ref: Reference): Promise<{ digest?: string }>;
  exportTar(ref: Reference, file: string): Promise<void>;
}

/** What the Lua engine inside the worker runs from. */
export interface EngineOptions {
  name: string;
  source: string;
  /** The host's stores, reached through the worker's message port. */
  stores: StoreSource;
  host: ScriptHost;
  logger: Logger;
  dryRun: boolean;
  timeoutMs: number;
  /** Largest total of bytes the script's strings may hold. */
  stringLimitBytes: number;
  platform?: Platform;
  site?: ScriptSite;
}

/** Every call that changes a registry or layout. */
export type JournalOperation =
  'tag.delete' | 'manifest.put' | 'manifest.delete' | 'image.copy' | 'image.delete' | 'image.importTar' | 'image.exportTar' | 'blob.put';

export interface JournalEntry {
  op: JournalOperation;
  /** What was written or deleted (the target of a copy or import; the tar file of an export). */
  target: Location;
  /** The source of a copy or export, or the tar file of an import. */
  source?: Location;
  /** The digest removed, written or copied, when known. */
  digest?: string;
  /** False in dry-run (planned only), and when the call failed. */
  executed: boolean;
  /** The script line that made the call. */
  line?: number;
  error?: string;
  /** GitHub Packages versions the delete removed (ghcr.io), for `regkit image restore`. */
  githubVersionIds?: number[];
}

export interface ScriptLogLine {
  message: string;
  line?: number;
}

export interface ScriptResult {
  name: string;
  ok: boolean;
  /** Why the script stopped: `NAME:LINE: message` for Lua errors, a timeout or limit message otherwise. */
  error?: string;
  journal: JournalEntry[];
  logs: ScriptLogLine[];
  durationMs: number;
}
