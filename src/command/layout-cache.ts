// Keeping a sync's OCI layout directories across workflow runs in the Actions cache, so a nightly export only fetches
// the blobs that are new since the last run. Cache entries are immutable and expire after 7 days without use, so each
// run saves under a new key (a stable prefix plus the run id and attempt) and restores the newest entry by prefix.
// Both the node24 action (through @actions/cache) and the composite action (through actions/cache/restore and /save
// steps, fed by `regkit sync cache-key`) take their key from `layoutCacheSpec`.
import { createHash } from 'node:crypto';
import { normalize } from 'node:path';
import { OCIDIR_SCHEME, parseReference } from '../oci/reference.js';
import type { SyncConfig } from '../sync/config/load.js';
import type { Shard } from '../config/shard.js';

export interface LayoutCacheSpec {
  /** The key this run saves under: never used before, as cache entries cannot be overwritten. */
  key: string;
  /** Prefixes that restore the newest entry an earlier run saved for the same layouts. */
  restoreKeys: string[];
  /** The layout directories, as the config names them (relative ones are relative to the working directory). */
  paths: string[];
}

/** Which run saves: `GITHUB_RUN_ID` and `GITHUB_RUN_ATTEMPT` on a runner. */
export interface CacheRun {
  runId: string;
  attempt?: string;
}

export const LAYOUT_CACHE_PREFIX = 'regkit-ocidir';

/** Every `ocidir://` directory a step reads or writes, normalized, each once, sorted. */
export function ocidirPaths(config: SyncConfig): string[] {
  const paths = new Set<string>();
  for (const step of config.sync) {
    for (const text of [step.source, step.target]) {
      if (!text.trim().startsWith(OCIDIR_SCHEME)) continue;
      const ref = parseReference(text, { repositoryOnly: true });
      if (ref.scheme === 'ocidir') paths.add(normalize(ref.path).replace(/(.)\/+$/, '$1'));
    }
  }
  return [...paths].sort();
}

/**
 * The cache key, restore prefix and paths for a sync, or undefined when no step uses an OCI layout. The prefix
 * hashes the paths (two configs writing the same layout share its entries) and the shard (each matrix job keeps
 * the part of the layout it writes).
 */
export function layoutCacheSpec(config: SyncConfig, run: CacheRun, shard?: Shard): LayoutCacheSpec | undefined {
  const paths = ocidirPaths(config);
  if (paths.length === 0) return undefined;
  const identity = createHash('sha256')
    .update(JSON.stringify({ paths, shard: shard && shard.count > 1 ? `${shard.index}/${shard.count}` : null }))
    .digest('hex')
    .slice(0, 16);
  const shardPart = shard && shard.count > 1 ? `-shard${shard.index}of${shard.count}` : '';
  const prefix = `${LAYOUT_CACHE_PREFIX}-${identity}${shardPart}-`;
  return { key: `${prefix}${run.runId}-${run.attempt ?? '1'}`, restoreKeys: [prefix], paths };
}

/** The run identity on a runner; outside one, the time, so a local save still gets a fresh key. */
export function cacheRunFrom(env: NodeJS.ProcessEnv, now: () => number = Date.now): CacheRun {
  const runId = env['GITHUB_RUN_ID'];
  if (runId === undefined || runId === '') return { runId: `local${now()}` };
  const attempt = env['GITHUB_RUN_ATTEMPT'];
  return { runId, ...(attempt !== undefined && attempt !== '' ? { attempt } : {}) };
}

/**
 * The spec in the `GITHUB_OUTPUT` file-command format (`name<<DELIMITER` blocks for the multi-line values), for
 * `regkit sync cache-key >> "$GITHUB_OUTPUT"`. With no layout, every value is empty, so the workflow's cache steps
 * can be skipped on `key == ''`.
 */
export function renderCacheOutputs(spec: LayoutCacheSpec | undefined): string {
  const delimiter = `regkit_${createHash('sha256')
    .update(JSON.stringify(spec ?? null))
    .digest('hex')
    .slice(0, 20)}`;
  const block = (name: string, lines: readonly string[]) => `${name}<<${delimiter}\n${lines.map((l) => `${l}\n`).join('')}${delimiter}\n`;
  return `key=${spec?.key ?? ''}\n${block('restore-keys', spec?.restoreKeys ?? [])}${block('paths', spec?.paths ?? [])}`;
}
