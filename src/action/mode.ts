// Whether this process runs as a GitHub Action step rather than as the CLI.
import { INPUT_NAMES, inputVariables } from './input-names.js';

/**
 * On a runner (`GITHUB_ACTIONS=true`) with at least one of our inputs set. `regkit` called from a plain `run:` step
 * has no INPUT_* variables of ours and stays a CLI.
 */
export function isActionRun(env: NodeJS.ProcessEnv): boolean {
  if (env['GITHUB_ACTIONS'] !== 'true') return false;
  return INPUT_NAMES.some((name) => inputVariables(name).some((v) => env[v] !== undefined));
}
