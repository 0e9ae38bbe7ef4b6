// Building the plan: every script runs in dry-run (reads real, writes journaled), every declarative policy plans,
// then `protect` takes out what it holds and the total is checked against `maxDeletes`. Nothing is written here.
// A real run plans only the policies (planPolicies), after its scripts have acted.
import { createLimiter } from '../../limit.js';
import type { StoreSource } from '../../copy/options.js';
import type { Logger } from '../../log.js';
import type { Platform } from '../../oci/manifest.js';
import { formatReference, type Reference } from '../../oci/reference.js';
import type { BotConfig, BotPolicy, BotScript } from '../config/types.js';
import { runScript } from '../lua/run.js';
import { protectedBy } from './guard.js';
import type { PlanUnit, PlannedDelete, PrunePlan } from './types.js';
import { planPolicy } from '../policy/policy.js';
import type { CopyFunction, JournalEntry, JournalOperation } from '../types.js';

export interface PruneContext {
  stores: StoreSource;
  logger: Logger;
  copy: CopyFunction;
  /** What `manifest.get` resolves an index to in scripts; default this runner's platform. */
  platform?: Platform;
  /** Milliseconds since the epoch, for olderThan; tests fix it. */
  now?: () => number;
  /** Where scripts may write and read files when the config names no `defaults.scriptFiles`; default the working directory. */
  filesDir?: string;
}

const DELETES: readonly JournalOperation[] = ['tag.delete', 'manifest.delete', 'image.delete'];

export function isDelete(e: JournalEntry): boolean {
  return DELETES.includes(e.op);
}

/** The image a delete entry names (every delete targets an image, never a file). */
function deletedImage(e: JournalEntry): Reference | undefined {
  return e.target.kind === 'image' ? e.target.ref : undefined;
}

export function scriptReason(name: string, line: number | undefined): string {
  return `script "${name}"${line !== undefined ? ` line ${line}` : ''}`;
}

/** Runs one script as it will run for real: the regbot API plus the `policy` table. */
export function runBotScript(ctx: PruneContext, config: BotConfig, script: BotScript, dryRun: boolean, stores: StoreSource) {
  const filesDir = config.defaults.scriptFiles ?? ctx.filesDir;
  return runScript({
    name: script.name,
    source: script.source,
    stores,
    logger: ctx.logger,
    dryRun,
    timeoutMs: script.timeoutSeconds * 1000,
    memoryLimitMiB: config.defaults.scriptMemoryMiB,
    copy: ctx.copy,
    ...(ctx.platform ? { platform: ctx.platform } : {}),
    ...(filesDir !== undefined ? { filesDir } : {}),
    site: { file: script.file, line: script.line, ...(script.luaLineOffset !== undefined ? { luaLineOffset: script.luaLineOffset } : {}) },
  });
}

function tagDeleteOf(e: JournalEntry, reason: string): PlannedDelete {
  const ref = deletedImage(e)!;
  return { reference: formatReference(ref), ref, tag: ref.tag!, digest: e.digest!, reason, ...(e.line !== undefined ? { line: e.line } : {}) };
}

async function planScript(ctx: PruneContext, config: BotConfig, script: BotScript): Promise<PlanUnit> {
  const result = await runBotScript(ctx, config, script, true, ctx.stores);
  const writes = result.journal.filter((e) => e.error === undefined);
  const onlyTagDeletes = writes.every((e) => e.op === 'tag.delete');
  return {
    name: script.name,
    source: { kind: 'script', script },
    apply: onlyTagDeletes ? 'plan' : 'rerun',
    // A script that failed while planning shows none of its planned deletes: its failure is the result.
    deletes: onlyTagDeletes && result.error === undefined ? writes.map((e) => tagDeleteOf(e, scriptReason(script.name, e.line))) : [],
    journal: result.journal,
    protected: [],
    ...(result.error !== undefined ? { error: result.error } : {}),
  };
}

async function planDeclared(ctx: PruneContext, policy: BotPolicy): Promise<PlanUnit> {
  const unit: PlanUnit = { name: policy.name, source: { kind: 'policy', policy }, apply: 'plan', deletes: [], journal: [], protected: [] };
  try {
    const plan = await planPolicy({ stores: ctx.stores, logger: ctx.logger, ...(ctx.now ? { now: ctx.now } : {}) }, policy.call);
    unit.deletes = plan.deletes.map((d) => ({
      reference: formatReference(d.ref),
      ref: d.ref,
      ...(d.tag !== undefined ? { tag: d.tag } : {}),
      digest: d.digest,
      reason: `${policy.name}: ${d.reason}`,
    }));
  } catch (err) {
    unit.error = `policy "${policy.name}" failed: ${err instanceof Error ? err.message : String(err)}`;
    ctx.logger.error('Policy failed', { policy: policy.name, error: unit.error });
  }
  return unit;
}

/** Moves protected tag deletes out of the unit's plan; returns how many deletes remain. */
function applyProtect(config: BotConfig, unit: PlanUnit): number {
  const patterns = config.defaults.protect;
  if (unit.apply === 'plan') {
    unit.deletes = unit.deletes.filter((d) => {
      const p = d.tag === undefined ? undefined : protectedBy(patterns, d.ref, d.tag);
      if (p) unit.protected.push({ reference: d.reference, ref: d.ref, digest: d.digest, pattern: p.source });
      return !p;
    });
    return unit.deletes.length;
  }
  let count = 0;
  for (const e of unit.journal) {
    if (!isDelete(e) || e.error !== undefined) continue;
    const ref = e.op === 'tag.delete' ? deletedImage(e) : undefined;
    const p = ref?.tag !== undefined ? protectedBy(patterns, ref, ref.tag) : undefined;
    if (p && ref) unit.protected.push({ reference: formatReference(ref), ref, ...(e.digest !== undefined ? { digest: e.digest } : {}), pattern: p.source });
    else count++;
  }
  return count;
}

/** Applies `protect` to the units and checks what remains, plus `spent` deletes already made, against `maxDeletes`. */
function limitPlan(config: BotConfig, units: PlanUnit[], spent: number): PrunePlan {
  const deleteCount = units.reduce((sum, u) => sum + applyProtect(config, u), 0);
  const max = config.defaults.maxDeletes;
  const plan: PrunePlan = { units, deleteCount };
  if (max !== undefined && spent + deleteCount > max) {
    const made = spent > 0 ? ` after the scripts' ${spent}` : '';
    plan.overLimit = `the plan deletes ${deleteCount} tags or images${made}, over defaults.maxDeletes (${max}): nothing ${spent > 0 ? 'more ' : ''}was deleted; check the plan (--dry-run), then raise maxDeletes or narrow the scripts and policies`;
  }
  return plan;
}

async function planPolicyUnits(ctx: PruneContext, config: BotConfig): Promise<PlanUnit[]> {
  const units: PlanUnit[] = [];
  for (const p of config.policies) units.push(await planDeclared(ctx, p));
  return units;
}

/** The dry run's plan: every script in dry-run, then every policy. */
export async function buildPlan(ctx: PruneContext, config: BotConfig): Promise<PrunePlan> {
  const limit = createLimiter(config.defaults.parallel);
  const scripts = await Promise.all(config.scripts.map((s) => limit(() => planScript(ctx, config, s))));
  return limitPlan(config, [...scripts, ...(await planPolicyUnits(ctx, config))], 0);
}

/** A real run's plan for its policies, made after its scripts ran and deleted `spent` tags or images. */
export async function planPolicies(ctx: PruneContext, config: BotConfig, spent: number): Promise<PrunePlan> {
  return limitPlan(config, await planPolicyUnits(ctx, config), spent);
}
