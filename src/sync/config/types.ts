// The resolved regsync config: what the planner and runner work from. Every default is applied, durations are in
// seconds, regexes and semver ranges compiled, `backup` compiled (run per copy with `.Ref` and `.Step`).
import type { CompiledTemplate } from '../../gotemplate/template.js';
import type { CredsEntry } from '../../config/creds.js';
import type { ConfigWarning } from '../../config/yaml.js';
import type { NameFilter, TagFilter } from '../../config/filters.js';
import type { VerifyPolicy } from '../../verify/policy.js';

export type { NameFilter, NamePattern, TagFilter, TagSort } from '../../config/filters.js';

export type SyncType = 'image' | 'repository' | 'registry';
export const SYNC_TYPES: readonly SyncType[] = ['image', 'repository', 'registry'];

/**
 * How a platform-filtered index is written: `sparse` pushes the source index unchanged with only the chosen
 * children copied (regsync's way; some registries, Nexus among them, reject it), `rewrite` pushes a new index
 * listing only the copied children (a new digest).
 */
export type PlatformsIndex = 'sparse' | 'rewrite';

export interface ReferrerFilter {
  artifactType?: string;
  annotations: Record<string, string>;
}

/** Parsed as regsync parses them; regsync never runs them either. */
export interface Hook {
  type: string;
  params: string[];
}

export interface Hooks {
  pre?: Hook;
  post?: Hook;
  unchanged?: Hook;
}

export interface RateLimit {
  /** Wait while the source's remaining pulls are below this; 0 never waits. */
  min: number;
  /** Seconds between checks, at least 300 (regsync's floor). */
  retrySeconds: number;
}

/** What a step takes from `defaults` when it does not say. */
export interface StepSettings {
  intervalSeconds?: number;
  schedule?: string;
  rateLimit: RateLimit;
  digestTags: boolean;
  referrers: boolean;
  referrerSource?: string | undefined;
  referrerTarget?: string | undefined;
  referrerSlow: boolean;
  fastCheck: boolean;
  forceRecursive: boolean;
  includeExternal: boolean;
  mediaTypes: string[];
  hooks: Hooks;
  platformsIndex: PlatformsIndex;
  /** regkit's extension: only images whose signatures this policy trusts are copied (src/verify/). */
  verify?: VerifyPolicy;
}

export interface SyncDefaults extends StepSettings {
  /** Concurrent copies, at least 1. */
  parallel: number;
  backup?: string;
  referrerFilters?: ReferrerFilter[];
  /** Largest blob chunk held in memory, bytes. */
  blobLimit: number;
  cacheCount: number;
  cacheTimeSeconds: number;
  skipDockerConfig: boolean;
  userAgent?: string;
}

export interface SyncStep extends StepSettings {
  /** Position in `sync[]`, and where the entry is written. */
  index: number;
  file: string;
  line: number;
  column: number;
  /** Expanded from their templates. */
  source: string;
  target: string;
  type: SyncType;
  /** Union of `tags` and `tagSets`; empty means every tag. */
  tagSets: TagFilter[];
  repos: NameFilter;
  platform?: string;
  platforms: string[];
  referrerFilters: ReferrerFilter[];
  /** Run per overwritten tag with `.Ref` and `.Step`; see expandBackup. */
  backup?: CompiledTemplate;
  /** Delete target tags the filters no longer allow (repository steps only). */
  prune: boolean;
}

export interface SyncConfig {
  file: string;
  version: 1;
  creds: CredsEntry[];
  defaults: SyncDefaults;
  sync: SyncStep[];
  /** Things the runner should show: deprecated keys, unreadable `{{file}}` paths. */
  warnings: ConfigWarning[];
}

/** `.Ref` in a backup template: the target about to be overwritten. */
export interface BackupRef {
  Reference: string;
  Registry: string;
  Repository: string;
  Tag: string;
  Digest: string;
}
