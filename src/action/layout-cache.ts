// The node24 action's side of the layout cache: restore the sync's OCI layouts before the run and save them after,
// through @actions/cache. Only a JS action step gets the runtime token and cache URL it needs (composite steps do
// not: actions/runner#3046), and a cache problem never fails a sync: it warns and the run goes on from the disk.
import { existsSync } from 'node:fs';
import type { Logger } from '../log.js';
import type { LayoutCacheSpec } from '../command/layout-cache.js';

/** The part of @actions/cache this uses. */
export interface CacheService {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface RestoredLayouts {
  spec: LayoutCacheSpec;
  /** False when the service is absent: nothing is saved either. */
  available: boolean;
  /** The entry restored, when one was. */
  restoredKey?: string;
}

/**
 * Loaded only when a sync uses a layout, from a chunk of its own beside dist/index.js (`lazy`, not `eager`): the
 * cache client with its storage SDK is about 2.4 MB of bundle, which every CLI call would otherwise parse at start-up.
 */
export async function actionsCacheService(): Promise<CacheService> {
  const cache = await import(/* webpackMode: "lazy" */ '@actions/cache');
  return {
    isFeatureAvailable: () => cache.isFeatureAvailable(),
    restoreCache: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
    saveCache: (paths, key) => cache.saveCache(paths, key),
  };
}

const listed = (spec: LayoutCacheSpec) => spec.paths.join(', ');

export async function restoreLayouts(service: CacheService, spec: LayoutCacheSpec, logger: Logger): Promise<RestoredLayouts> {
  if (!service.isFeatureAvailable()) {
    logger.warn(
      `the Actions cache service is not available to this step (not on a GitHub runner, or ACTIONS_CACHE_URL/ACTIONS_RESULTS_URL unset): ${listed(spec)} start from what is on disk and are not kept for the next run`,
    );
    return { spec, available: false };
  }
  try {
    const restoredKey = await service.restoreCache([...spec.paths], spec.key, [...spec.restoreKeys]);
    if (restoredKey === undefined) logger.info(`layout cache: no entry yet for ${listed(spec)}; this run starts them empty`);
    else logger.info(`layout cache: restored ${listed(spec)} from ${restoredKey}`);
    return { spec, available: true, ...(restoredKey !== undefined ? { restoredKey } : {}) };
  } catch (err) {
    logger.warn(`layout cache: restoring ${listed(spec)} failed (${(err as Error).message}); the sync goes on from what is on disk`);
    return { spec, available: true };
  }
}

/**
 * Saves under this run's key when the run wrote something, or when nothing was restored. An unchanged layout is not
 * saved again: restoring its entry already renewed the entry's 7 days.
 */
export async function saveLayouts(service: CacheService, restored: RestoredLayouts, changed: boolean, logger: Logger): Promise<void> {
  const { spec } = restored;
  if (!restored.available) return;
  if (!changed && restored.restoredKey !== undefined) {
    logger.info(`layout cache: ${listed(spec)} unchanged; ${restored.restoredKey} stays the entry to restore`);
    return;
  }
  const missing = spec.paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    logger.info(`layout cache: not saved, ${missing.join(', ')} not on disk`);
    return;
  }
  try {
    await service.saveCache([...spec.paths], spec.key);
    logger.info(`layout cache: saved ${listed(spec)} as ${spec.key}`);
  } catch (err) {
    logger.warn(`layout cache: saving ${listed(spec)} failed (${(err as Error).message}); the next run fetches what it lacks again`);
  }
}
