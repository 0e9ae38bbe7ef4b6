// The prune engine. A dry run plans: every script in dry-run, every policy planned, `protect` and `maxDeletes`
// checked, nothing written. A real run acts as regbot does: each script runs once, in config order, and each write
// takes effect when the script calls it (so a script that lists tags after deleting one no longer sees it), every
// delete passing the guard (`protect`, the children of kept indexes, `maxDeletes` counted as deletes are made: one
// past it fails at the script's line). Then the policies are planned against what the scripts left, and applied
// unless the policies' plan with the scripts' deletes is over `maxDeletes`, in which case they delete nothing.
// A failing script or policy stops only itself; its failure is a `failed` result, so the run exits 1 at the end.
import { atPosition } from '../log.js';
import type { OperationResult } from '../report/result.js';
import type { BotConfig, BotScript } from './config/types.js';
import { applyPlannedDeletes } from './plan/apply.js';
import { buildPlan, planPolicies, runBotScript, type PruneContext } from './plan/build.js';
import { DeleteGuard } from './plan/guard.js';
import { planResults, protectedResult, scriptResults, unitFailure } from './plan/results.js';
import type { PlanUnit, PrunePlan } from './plan/types.js';

export type { PruneContext } from './plan/build.js';

export interface PruneRunOptions {
  /** Plan and report only: no write of any kind. */
  dryRun: boolean;
}

export interface PruneReport {
  /** A dry run's whole plan; a real run's plan for its policies (its scripts act as they run). */
  plan: PrunePlan;
  results: OperationResult[];
}

/** Each result as soon as it is final (a delete when it is done), so a run cut short has told what it finished. */
type ResultSink = (r: OperationResult) => void;

async function runScriptForReal(ctx: PruneContext, config: BotConfig, guard: DeleteGuard, script: BotScript): Promise<OperationResult[]> {
  const real = await runBotScript(ctx, config, script, false, guard.stores);
  const unit = { name: script.name, source: { kind: 'script' as const, script } };
  const held = new Map([...guard.protectedRefs].map(([ref, p]) => [ref, p.source]));
  const out = scriptResults(unit, real.journal, held);
  if (real.error !== undefined) out.push(unitFailure(unit, real.error));
  return out;
}

async function applyPolicy(ctx: PruneContext, config: BotConfig, guard: DeleteGuard, unit: PlanUnit, onResult: ResultSink): Promise<OperationResult[]> {
  if (unit.error !== undefined) {
    const failed = unitFailure(unit, unit.error);
    onResult(failed);
    return [failed];
  }
  const applied = await applyPlannedDeletes(guard.stores, guard, ctx.logger, unit, config.defaults.parallel, onResult);
  const held = unit.protected.map((p) => protectedResult(unit, p));
  held.forEach(onResult);
  return [...applied, ...held];
}

function overLimitResult(config: BotConfig, reason: string): OperationResult {
  return { op: 'prune', status: 'failed', target: { kind: 'file', path: config.file }, bytes: 0, reason };
}

export async function runPrune(ctx: PruneContext, config: BotConfig, opts: PruneRunOptions, onResult: ResultSink = () => {}): Promise<PruneReport> {
  for (const w of config.warnings) ctx.logger.warn(w.message, atPosition(w));
  if (opts.dryRun) {
    const plan = await buildPlan(ctx, config);
    ctx.logger.info('Prune plan', { deletes: plan.deleteCount, units: plan.units.length, dryRun: true });
    const results = planResults(plan.units);
    if (plan.overLimit !== undefined) results.push(overLimitResult(config, plan.overLimit));
    results.forEach(onResult);
    return { plan, results };
  }
  const guard = new DeleteGuard(ctx.stores, config.defaults.protect, config.defaults.maxDeletes);
  const results: OperationResult[] = [];
  for (const script of config.scripts) {
    const out = await runScriptForReal(ctx, config, guard, script);
    out.forEach(onResult);
    results.push(...out);
  }
  const plan = await planPolicies(ctx, config, guard.deletesMade);
  if (plan.units.length > 0) ctx.logger.info('Prune plan', { deletes: plan.deleteCount, units: plan.units.length, dryRun: false });
  if (plan.overLimit !== undefined) {
    const held = [...planResults(plan.units), overLimitResult(config, plan.overLimit)];
    held.forEach(onResult);
    results.push(...held);
    return { plan, results };
  }
  for (const unit of plan.units) results.push(...(await applyPolicy(ctx, config, guard, unit, onResult)));
  return { plan, results };
}
