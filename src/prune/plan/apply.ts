// Applying a unit's planned tag deletes, at most `parallel` at once, through the guarded stores. Each tag is checked
// again first: one that now points at another digest than planned (re-pushed since) or is gone is left alone.
import { createLimiter } from '../../limit.js';
import type { StoreSource } from '../../copy/options.js';
import type { Logger } from '../../log.js';
import type { OperationResult } from '../../report/result.js';
import type { DeleteGuard } from './guard.js';
import { deleteResult } from './results.js';
import type { PlanUnit, PlannedDelete } from './types.js';

async function applyDelete(stores: StoreSource, guard: DeleteGuard, logger: Logger, unit: PlanUnit, d: PlannedDelete): Promise<OperationResult> {
  try {
    const store = stores.storeFor(d.ref);
    const now = await store.headManifest(d.ref);
    if (!now) return deleteResult(unit, d, 'skipped', 'already gone');
    if (now.digest !== d.digest) return deleteResult(unit, d, 'skipped', `left alone: it now points at ${now.digest}, not the planned ${d.digest}`);
    const receipt = d.tag === undefined ? await store.deleteManifest(d.ref) : await store.deleteTag(d.ref, now);
    if (guard.protectedRefs.has(d.reference))
      return deleteResult(unit, d, 'excluded', `protected by defaults.protect "${guard.protectedRefs.get(d.reference)!.source}"`);
    logger.info('Deleted tag', {
      [unit.source.kind]: unit.name,
      image: d.reference,
      digest: d.digest,
      ...(receipt ? { githubVersionIds: receipt.githubVersionIds } : {}),
    });
    return deleteResult(unit, d, 'deleted', undefined, receipt);
  } catch (err) {
    return deleteResult(unit, d, 'failed', err instanceof Error ? err.message : String(err));
  }
}

/** `onResult` hears each delete as it ends; the array comes back in plan order. */
export async function applyPlannedDeletes(
  stores: StoreSource,
  guard: DeleteGuard,
  logger: Logger,
  unit: PlanUnit,
  parallel: number,
  onResult?: (r: OperationResult) => void,
): Promise<OperationResult[]> {
  const limit = createLimiter(Math.max(1, parallel));
  return Promise.all(
    unit.deletes.map((d) =>
      limit(async () => {
        const r = await applyDelete(stores, guard, logger, unit, d);
        onResult?.(r);
        return r;
      }),
    ),
  );
}
