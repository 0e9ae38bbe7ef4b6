// The prune engine: plan first (every script in dry-run, every policy planned, `protect` and `maxDeletes` checked),
// then, unless this is a dry run, apply in config order (scripts, then policies): planned deletes from the plan,
// scripts that write run again for real (see plan-types.ts for the rule). A plan over `maxDeletes` deletes nothing.
// A failing script or policy stops only itself; its failure is a `failed` result, so the run exits 1 at the end.
import { atPosition } from '../log.js';
import type { OperationResult } from '../report/result.js';
import type { BotConfig } from './config/types.js';
import { applyPlannedDeletes } from './plan/apply.js';
import { buildPlan, runBotScript, type PruneContext } from './plan/build.js';
import { DeleteGuard } from './plan/guard.js';
import { planResults, protectedResult, scriptResults, unitFailure } from './plan/results.js';
import type { PlanUnit, PrunePlan } from './plan/types.js';

export type { PruneContext } from './plan/build.js';

export interface PruneRunOptions {
  /** Plan and report only: no write of any kind. */
  dryRun: boolean;
}

export interface PruneReport {
  plan: PrunePlan;
  results: OperationResult[];
}

/** Each result as soon as it is final (a delete when it is done), so a run cut short has told what it finished. */
type ResultSink = (r: OperationResult) => void;

async function applyUnit(ctx: PruneContext, config: BotConfig, guard: DeleteGuard, unit: PlanUnit, onResult: ResultSink): Promise<OperationResult[]> {
  const finished = (out: OperationResult[]): OperationResult[] => {
    out.forEach(onResult);
    return out;
  };
  if (unit.apply === 'plan') {
    if (unit.error !== undefined) return finished([unitFailure(unit, unit.error)]);
    const applied = await applyPlannedDeletes(guard.stores, guard, ctx.logger, unit, config.defaults.parallel, onResult);
    const held = unit.protected.map((p) => protectedResult(unit, p));
    held.forEach(onResult);
    return [...applied, ...held];
  }
  if (unit.source.kind !== 'script') return [];
  if (unit.error !== undefined) ctx.logger.warn('Script failed in dry-run; running it for real, as it writes', { script: unit.name, error: unit.error });
  const real = await runBotScript(ctx, config, unit.source.script, false, guard.stores);
  const held = new Map([...guard.protectedRefs].map(([ref, p]) => [ref, p.source]));
  const out = scriptResults(unit, real.journal, held);
  if (real.error !== undefined) out.push(unitFailure(unit, real.error));
  return finished(out);
}

export async function runPrune(ctx: PruneContext, config: BotConfig, opts: PruneRunOptions, onResult: ResultSink = () => {}): Promise<PruneReport> {
  for (const w of config.warnings) ctx.logger.warn(w.message, atPosition(w));
  const plan = await buildPlan(ctx, config);
  ctx.logger.info('Prune plan', { deletes: plan.deleteCount, units: plan.units.length, dryRun: opts.dryRun });
  if (opts.dryRun || plan.overLimit !== undefined) {
    const results = planResults(plan.units);
    if (plan.overLimit !== undefined)
      results.push({ op: 'prune', status: 'failed', target: { kind: 'file', path: config.file }, bytes: 0, reason: plan.overLimit });
    results.forEach(onResult);
    return { plan, results };
  }
  const guard = new DeleteGuard(ctx.stores, config.defaults.protect, config.defaults.maxDeletes);
  const results: OperationResult[] = [];
  for (const unit of plan.units) results.push(...(await applyUnit(ctx, config, guard, unit, onResult)));
  return { plan, results };
}
