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
import { compileAnchoredRegex } from '../config/regex.js';
import {
  DEFAULT_THRESHOLDS,
  parseSignedScope,
  policyProblem,
  readPublicKeyFile,
  SIGNED_SCOPES,
  type SignedScope,
  type TextMatch,
  type VerifyPolicy,
} from '../verify/policy.js';
import { readTrustedRootFile } from '../verify/trusted-root.js';
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

/** `regkit verify REF --key FILE | --trusted-root FILE --certificate-identity …`: one image by a sync step's rules. */
export interface VerifyCommand {
  name: 'verify';
  ref: Reference;
  policy: VerifyPolicy;
  /** The platform filter a sync step would copy with (`--platform`): the children verified under `--signed children`. */
  platforms: string[];
}

/** `regkit verify`'s flags, as cosign spells them, before they are checked. */
export interface VerifyFlags {
  keys: readonly string[];
  trustedRoot?: string | undefined;
  identity?: string | undefined;
  identityRegexp?: string | undefined;
  issuer?: string | undefined;
  issuerRegexp?: string | undefined;
  tlogThreshold?: string | undefined;
  ctlogThreshold?: string | undefined;
  timestampThreshold?: string | undefined;
  signed?: string | undefined;
}

function signedScope(value: string | undefined): SignedScope {
  if (value === undefined) return 'index';
  const scope = parseSignedScope(value);
  if (!scope) throw new UsageError(`--signed must be one of ${SIGNED_SCOPES.join(', ')}, not "${value}"`);
  return scope;
}

/** The policy `regkit verify` applies: the same as a sync step's `verify:` with the same keys, identity and root. */
export function verifyPolicyFromFlags(flags: VerifyFlags): VerifyPolicy {
  const read = <T>(flag: string, file: string, reader: (path: string) => T): T => {
    try {
      return reader(file);
    } catch (err) {
      throw new UsageError(`${flag}: ${(err as Error).message}`);
    }
  };
  const match = (exact: string | undefined, pattern: string | undefined, flag: string): TextMatch | undefined => {
    if (exact !== undefined && pattern !== undefined) throw new UsageError(`give --${flag} or --${flag}-regexp, not both`);
    if (exact !== undefined) return { exact };
    if (pattern === undefined) return undefined;
    try {
      return { regExp: compileAnchoredRegex(pattern), pattern };
    } catch (err) {
      throw new UsageError(`--${flag}-regexp: ${(err as Error).message}`);
    }
  };
  const subject = match(flags.identity, flags.identityRegexp, 'certificate-identity');
  const issuer = match(flags.issuer, flags.issuerRegexp, 'certificate-oidc-issuer');
  if ((subject === undefined) !== (issuer === undefined)) {
    throw new UsageError('keyless verification needs both --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]');
  }
  const threshold = (value: string | undefined, flag: string, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!/^[0-9]+$/.test(value)) throw new UsageError(`--${flag} must be a whole number, not "${value}"`);
    return Number(value);
  };
  const policy: VerifyPolicy = {
    keys: flags.keys.map((file) => read('--key', file, readPublicKeyFile)),
    keyless: subject && issuer ? [{ subject, issuer }] : [],
    ...(flags.trustedRoot !== undefined ? { trustedRoot: read('--trusted-root', flags.trustedRoot, readTrustedRootFile) } : {}),
    thresholds: {
      tlog: threshold(flags.tlogThreshold, 'tlog-threshold', DEFAULT_THRESHOLDS.tlog),
      ctlog: threshold(flags.ctlogThreshold, 'ctlog-threshold', DEFAULT_THRESHOLDS.ctlog),
      timestamp: threshold(flags.timestampThreshold, 'timestamp-threshold', DEFAULT_THRESHOLDS.timestamp),
    },
    signed: signedScope(flags.signed),
  };
  if (policy.keys.length === 0 && policy.keyless.length === 0) {
    throw new UsageError(
      'verify needs --key FILE (a public key, as cosign.pub), or --trusted-root FILE with --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]',
    );
  }
  const problem = policyProblem(policy, {
    keys: '--key',
    keyless: '--certificate-identity',
    trustedRoot: '--trusted-root',
    timestampThreshold: '--timestamp-threshold',
  });
  if (problem) throw new UsageError(`verify: ${problem}`);
  return policy;
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
