// The action face: mask credentials, read inputs, run the command, set outputs, write the job summary, and call
// setFailed once here at the top.
import * as core from '@actions/core';
import { secretsInHostSpecs } from '../cli/host-flag.js';
import { executeCommand } from '../cli/execute.js';
import { exitCodeFor } from '../errors.js';
import { renderJsonLines } from '../report/jsonl.js';
import { createProgressReporter } from '../report/progress.js';
import { exitCodeOf, type OperationResult } from '../report/result.js';
import { renderText } from '../report/text.js';
import { StoreSet } from '../store/open.js';
import { readLines, readSettings } from './inputs.js';
import { createActionLogger, GroupedProgress } from './logger.js';
import { setOutputs, writeSummary } from './outputs.js';

/** Before anything can log: the runner masks only secrets it knows, and a `pass=` inside `hosts` is not one. */
function maskInputSecrets(env: NodeJS.ProcessEnv): void {
  for (const secret of secretsInHostSpecs(readLines(env, 'hosts'))) core.setSecret(secret);
}

export async function runAction(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  maskInputSecrets(env);
  const logger = createActionLogger();
  let results: OperationResult[] = [];
  let failure: unknown;
  let title = `regkit ${argv[0] ?? ''}`.trim();
  try {
    const settings = readSettings(env, argv[0]);
    title = `regkit ${settings.command.name}`;
    const stores = new StoreSet({ hosts: settings.global.hosts, logger });
    const progress = new GroupedProgress();
    try {
      const out = await executeCommand(settings.command, { stores, logger, onProgress: createProgressReporter(progress.emit) });
      if (out.kind === 'results') results = out.results;
    } finally {
      progress.close();
      await stores.close();
    }
    core.info((settings.global.format === 'json' ? renderJsonLines(results) : renderText(results)).trimEnd());
    setOutputs(results);
  } catch (err) {
    failure = err;
  }
  const message = failure === undefined ? undefined : failure instanceof Error ? failure.message : String(failure);
  await writeSummary(results, title, message, logger);
  if (message !== undefined) {
    core.setFailed(message);
    return exitCodeFor(failure);
  }
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    core.setFailed(`${failed.length} of ${results.length} operations failed: ${failed.map((r) => r.reason ?? r.status).join('; ')}`);
  }
  return exitCodeOf(results);
}
