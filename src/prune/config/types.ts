// The resolved regbot config: what the prune engine works from. Durations are in seconds, `protect` compiled,
// every script checked to compile, every declarative policy validated by the same code the Lua `policy` table uses.
import type { CredsEntry } from '../../config/creds.js';
import type { ConfigWarning } from '../../config/yaml.js';
import type { PolicyCall } from '../policy/types.js';

export interface ProtectPattern {
  /** As written in the config. */
  source: string;
  /** Anchored `^(?:…)$`; matched against `repository:tag` and against the tag alone. */
  regex: RegExp;
}

export interface BotDefaults {
  /** Concurrent scripts while planning, and concurrent deletes while applying; at least 1. */
  parallel: number;
  intervalSeconds?: number;
  schedule?: string;
  /** Default per-script wall time, seconds. */
  timeoutSeconds?: number;
  /** Largest blob chunk held in memory, bytes. */
  blobLimit: number;
  skipDockerConfig: boolean;
  userAgent?: string;
  /** Tags no script or policy may delete: dropped from the plan and reported. */
  protect: ProtectPattern[];
  /** Most deletes one run may make; a larger plan aborts before the first delete. Undefined: no limit. */
  maxDeletes?: number;
  /** Heap cap of each script's worker, and cap on the bytes its strings hold, MiB (`scriptMemory`, regkit's own). */
  scriptMemoryMiB: number;
  /** The directory scripts' files must stay in (`scriptFiles`, regkit's own); relative to the working directory. */
  scriptFiles?: string;
}

export interface BotScript {
  /** Position in `scripts[]`, and where the entry is written. */
  index: number;
  name: string;
  source: string;
  file: string;
  line: number;
  column: number;
  intervalSeconds?: number;
  schedule?: string;
  /** From the script, else `defaults.timeout`, else DEFAULT_SCRIPT_TIMEOUT_SECONDS. */
  timeoutSeconds: number;
  /** For a block-scalar script, the file line of its line 0: file line = offset + Lua line. */
  luaLineOffset?: number;
}

export interface BotPolicy {
  /** Position in `policies[]`. */
  index: number;
  /** `policies[0] keepLast`: how results and errors name it. */
  name: string;
  call: PolicyCall;
  file: string;
  line: number;
  column: number;
}

export interface BotConfig {
  file: string;
  version: 1;
  creds: CredsEntry[];
  defaults: BotDefaults;
  scripts: BotScript[];
  policies: BotPolicy[];
  /** Deprecated keys, unreadable `{{file}}` paths: for the runner to show. */
  warnings: ConfigWarning[];
}
