// The action face: mask credentials, read inputs, run the command, set outputs, write the job summary, and call
// setFailed once here at the top.
import * as core from '@actions/core';
import { executeCommand, type CommandOutput } from '../command/execute.js';
import { secretsInHostSpecs } from '../config/host-spec.js';
import { Secrets } from '../log.js';
import { isSyncCommand } from '../command/options.js';
import { openStores, type StoreTuning } from '../command/store-options.js';
import { exitCodeFor } from '../errors.js';
import type { Logger } from '../log.js';
import { renderJsonLine } from '../report/jsonl.js';
import { createProgressReporter } from '../report/progress.js';
import { exitCodeOf, failsRun, type OperationResult } from '../report/result.js';
import { renderTextLine, renderTotals } from '../report/text.js';
import { cacheRunFrom, layoutCacheSpec } from '../command/layout-cache.js';
import { readInput, readLines, readSettings, type ActionSettings } from './inputs.js';
import { actionsCacheService, restoreLayouts, saveLayouts } from './layout-cache.js';
import { createActionLogger, failStep, GroupedProgress } from './logger.js';
import { outputsOf, PLAN_MAX_BYTES, planOutput, pruneOutputsOf, setOutputs, syncOutputsOf, writeSummary } from './outputs.js';

/**
 * The run's secrets, each form handed to the runner's masking as it is learned (the runner masks only values it
 * knows, and a `pass=` inside `hosts` is not one), starting with the inputs' before anything can log.
 */
function runSecrets(env: NodeJS.ProcessEnv): Secrets {
  const secrets = new Secrets();
  secrets.onForm((form) => core.setSecret(form));
  for (const secret of secretsInHostSpecs(readLines(env, 'hosts'))) secrets.add(secret);
  return secrets;
}

function wroteSomething(out: CommandOutput): boolean {
  return out.kind === 'results' && outputsOf(out.results).changed === 'true';
}

/**
 * Runs the command, with a sync's OCI layouts restored from the Actions cache before and saved after when this is
 * the node24 action. A composite step (`inCompositeStep`) cannot reach the cache service: its action.yml wraps the
 * step in actions/cache steps instead.
 */
async function execute(
  settings: ActionSettings,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  secrets: Secrets,
  inCompositeStep: boolean,
  tuning: StoreTuning,
): Promise<CommandOutput> {
  const { command } = settings;
  // First: opening the stores registers the hosts' and the config's credentials, which nothing may print before.
  const stores = openStores(command, settings.global, logger, secrets, tuning);
  const writes = command.name === 'sync once';
  const spec =
    isSyncCommand(command) && command.name !== 'sync config' && settings.cache ? layoutCacheSpec(command.config, cacheRunFrom(env), command.shard) : undefined;
  const service = spec && !inCompositeStep ? await actionsCacheService() : undefined;
  const restored = spec && service ? await restoreLayouts(service, spec, logger) : undefined;
  const progress = new GroupedProgress();
  const json = settings.global.format === 'json';
  // Each result is logged as its operation ends, outside any progress group, so a job cut off by its timeout shows
  // what it finished.
  const onResult = (r: OperationResult): void => {
    progress.close();
    const masked = secrets.redactData(r);
    core.info(secrets.redact((json ? renderJsonLine(masked) : renderTextLine(masked)).trimEnd()));
  };
  let out: CommandOutput;
  try {
    out = await executeCommand(command, { stores, logger, onProgress: createProgressReporter(progress.emit), onResult });
  } finally {
    progress.close();
    await stores.close();
  }
  if (service && restored && writes) await saveLayouts(service, restored, wroteSomething(out), logger);
  return out;
}

/** `tuning`: what main.ts's runtime tuning hands down (runtime.ts); none when the action runs in a test. */
export async function runAction(argv: readonly string[], env: NodeJS.ProcessEnv, tuning: StoreTuning = {}): Promise<number> {
  const secrets = runSecrets(env);
  const started = Date.now();
  const logger = createActionLogger(secrets);
  const commandWord = argv[0] ?? readInput(env, 'command');
  let results: OperationResult[] = [];
  let failure: unknown;
  let title = `regkit ${commandWord}`.trim();
  try {
    const settings = readSettings(env, argv[0]);
    const { command } = settings;
    title = `regkit ${command.name}`;
    const out = await execute(settings, env, logger, secrets, argv[0] !== undefined, tuning);
    if (out.kind === 'results') {
      // Masked field by field before anything renders them: the summary escapes characters a secret may hold.
      results = secrets.redactData(out.results);
      core.info(renderTotals(results, Date.now() - started));
      const { leftOut } = planOutput(results);
      if (leftOut > 0)
        logger.warn(
          `the plan output leaves out ${leftOut} of ${results.length} entries (unchanged and excluded first) to stay under ${PLAN_MAX_BYTES} bytes; this log lists every result`,
        );
    } else if (out.kind === 'raw') core.info(secrets.redact(Buffer.from(out.bytes).toString('utf8').trimEnd()));
    setOutputs(
      secrets.redactData(
        isSyncCommand(command) ? syncOutputsOf(results, settings.shards) : command.name === 'prune once' ? pruneOutputsOf(results) : outputsOf(results),
      ),
    );
  } catch (err) {
    failure = err;
  }
  const message = failure === undefined ? undefined : secrets.redact(failure instanceof Error ? failure.message : String(failure));
  await writeSummary({ results, title, error: message, durationMs: Date.now() - started }, logger, secrets);
  if (message !== undefined) {
    failStep(failure, secrets);
    return exitCodeFor(failure);
  }
  const failed = results.filter(failsRun);
  if (failed.length > 0) {
    core.setFailed(`${failed.length} of ${results.length} operations failed or were rejected: ${failed.map((r) => r.reason ?? r.status).join('; ')}`);
  }
  return exitCodeOf(results);
}
