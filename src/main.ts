#!/usr/bin/env node
// Entry of the bundle (`dist/index.js`, the `regkit` bin): an action step or the CLI, then the exit code.
// Each face is imported only when chosen: start-up counts in every CLI call's wall time, and the action's toolkit
// (with its own HTTP stack) is most of the bundle. `webpackMode: "eager"` keeps ncc's output one file.
import { isActionRun } from './action/mode.js';

const argv = process.argv.slice(2);
if (isActionRun(process.env)) {
  const { runAction } = await import(/* webpackMode: "eager" */ './action/run.js');
  process.exitCode = await runAction(argv, process.env);
} else {
  const { runCli } = await import(/* webpackMode: "eager" */ './cli/run.js');
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
}
