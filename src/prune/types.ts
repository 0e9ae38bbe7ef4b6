// What the prune runtime takes and gives back. The regbot config loader and the `prune` command build on these.
import type { CopyOptions, StoreSource } from '../copy/options.js';
import type { Logger } from '../log.js';
import type { Platform } from '../oci/manifest.js';
import type { Reference } from '../oci/reference.js';
import type { OperationResult } from '../report/result.js';

/** The copy engine, injected so that scripts and the CLI share one implementation. */
export type CopyFunction = (src: Reference, dst: Reference, opts: CopyOptions) => Promise<OperationResult>;

export interface RunScriptOptions {
  /** The script's name from the config: errors and log lines carry it. */
  name: string;
  source: string;
  stores: StoreSource;
  logger: Logger;
  /** Journal every write instead of doing it; reads still run. */
  dryRun: boolean;
  /** Wall time for the whole script, enforced inside Lua (instruction-count hook) and around each registry call. */
  timeoutMs: number;
  /** Largest string one library call may build (string.rep, table.concat, string.gsub). Default 64 MiB. */
  memoryLimitBytes?: number;
  copy: CopyFunction;
  /** What `manifest.get` resolves an index to when the script names no platform. Default: this runner's platform. */
  platform?: Platform;
}

/** Every call that changes a registry or layout. */
export type JournalOperation = 'tag.delete' | 'manifest.put' | 'manifest.delete' | 'image.copy' | 'image.delete' | 'image.importTar' | 'blob.put';

export interface JournalEntry {
  op: JournalOperation;
  /** The reference written or deleted (the target of a copy or import). */
  reference: string;
  /** The source of a copy, or the tar file of an import. */
  source?: string;
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
