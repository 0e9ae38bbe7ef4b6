// Typed options per command: what argv (CLI) and inputs (action) both turn into, and what the executors take.
import type { CopyOptions } from '../copy/copy.js';
import { UsageError } from '../errors.js';
import type { Platform } from '../oci/manifest.js';
import { parsePlatform } from '../oci/platform.js';
import { parseReference, type Reference } from '../oci/reference.js';
import type { BotConfig } from '../prune/config/load.js';
import type { SyncConfig } from '../sync/config/load.js';
import type { Shard } from '../config/shard.js';
import type { HostConfig } from '../config/hostconfig.js';
import type { Bounds } from '../config/bounds.js';
import type { LogLevel } from '../log.js';
import { readPublicKeyFile, type VerifyPolicy } from '../verify/policy.js';
import type { OutputTemplate } from './format.js';

export type OutputFormat = 'text' | 'json';

export interface GlobalOptions {
  hosts: HostConfig[];
  /** Bounds moved by `--bound` (input `bounds`); the rest keep their defaults. */
  bounds: Partial<Bounds>;
  format: OutputFormat;
  logFormat: OutputFormat;
  verbose: boolean;
  /** `--format '{{ … }}'`, compiled; only read commands take one. */
  template?: OutputTemplate;
  /** `-v LEVEL` / `--verbosity LEVEL`: the lowest level logged (default info; plain `-v` is debug). */
  logLevel?: LogLevel;
}

export interface CopyCommand {
  name: 'copy';
  source: Reference;
  target: Reference;
  options: CopyOptions;
}

export interface TagListCommand {
  name: 'tag ls';
  repository: Reference;
  include?: RegExp;
  exclude?: RegExp;
  limit?: number;
  last?: string;
}

export interface TagDeleteCommand {
  name: 'tag delete';
  ref: Reference;
}

export interface RepoListCommand {
  name: 'repo ls';
  registry: string;
  limit?: number;
  last?: string;
}

export interface ImageReadCommand {
  name: 'image digest' | 'image manifest' | 'image config' | 'image inspect';
  ref: Reference;
  platform?: Platform;
}

export interface ImageRateLimitCommand {
  name: 'image ratelimit';
  ref: Reference;
}

export interface ImageDeleteCommand {
  name: 'image delete';
  ref: Reference;
  force: boolean;
}

export interface ImageRestoreCommand {
  name: 'image restore';
  /** The repository the versions were deleted from. */
  repository: Reference;
  githubVersionIds: number[];
}

export interface ImageArchiveCommand {
  name: 'image export' | 'image import';
  ref: Reference;
  file: string;
  options: CopyOptions;
}

export interface SyncCommand {
  name: 'sync once' | 'sync check' | 'sync config' | 'sync cache-key';
  config: SyncConfig;
  shard?: Shard;
  missing: boolean;
  abortOnError: boolean;
  maxWaitSeconds?: number;
}

export interface PruneCommand {
  name: 'prune once';
  config: BotConfig;
  dryRun: boolean;
}

/** `regkit verify REF --key FILE`: one image by the rules a sync step's verify policy applies. */
export interface VerifyCommand {
  name: 'verify';
  ref: Reference;
  policy: VerifyPolicy;
}

/** `--key FILE` (repeatable), as both faces give it: at least one, each a readable public key. */
export function verifyPolicyFromKeyFiles(files: readonly string[]): VerifyPolicy {
  if (files.length === 0) throw new UsageError('verify needs --key FILE: the public key (cosign.pub) whose signatures admit the image');
  return {
    keys: files.map((file) => {
      try {
        return readPublicKeyFile(file);
      } catch (err) {
        throw new UsageError(`--key: ${(err as Error).message}`);
      }
    }),
  };
}

export interface VersionCommand {
  name: 'version';
  /** The face's version (the CLI's VERSION). */
  version: string;
}

/** `registry set|login|logout|ls`: the stored settings file (config/user-settings.ts), named at the edge. */
export type RegistrySettingsCommand =
  | { name: 'registry set'; file: string; registry: string; settings: Partial<HostConfig> }
  | { name: 'registry login'; file: string; registry: string; user: string; pass: string }
  | { name: 'registry logout'; file: string; registry: string }
  | { name: 'registry ls'; file: string };

export type Command =
  | VerifyCommand
  | VersionCommand
  | RegistrySettingsCommand
  | PruneCommand
  | SyncCommand
  | ImageArchiveCommand
  | CopyCommand
  | TagListCommand
  | TagDeleteCommand
  | RepoListCommand
  | ImageReadCommand
  | ImageRateLimitCommand
  | ImageDeleteCommand
  | ImageRestoreCommand;

export function isSyncCommand(command: Command): command is SyncCommand {
  return command.name.startsWith('sync ');
}

/** What a copy is asked for, as both faces read it before validation. */
export interface CopyRequest {
  source: string;
  target: string;
  platforms: readonly string[];
  referrers: boolean;
  digestTags: boolean;
  includeExternal: boolean;
  forceRecursive: boolean;
  fast: boolean;
  dryRun: boolean;
  concurrency?: number;
}

export function buildCopyCommand(req: CopyRequest): CopyCommand {
  for (const p of req.platforms) parsePlatform(p);
  return {
    name: 'copy',
    source: parseReference(req.source),
    target: parseReference(req.target),
    options: {
      ...(req.platforms.length > 0 ? { platforms: [...req.platforms] } : {}),
      referrers: req.referrers,
      digestTags: req.digestTags,
      includeExternal: req.includeExternal,
      forceRecursive: req.forceRecursive,
      fast: req.fast,
      dryRun: req.dryRun,
      ...(req.concurrency !== undefined ? { concurrency: req.concurrency } : {}),
    },
  };
}

export function parseOutputFormat(value: string, what: string): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new UsageError(`${what} must be text or json, not "${value}"`);
}

export function parsePositiveInteger(value: string, what: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new UsageError(`${what} must be a whole number of 1 or more, not "${value}"`);
  return Number(value);
}
