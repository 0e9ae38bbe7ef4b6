#!/usr/bin/env node
// Entry of the bundle (`dist/index.js`, the `regkit` bin): an action step or the CLI, then the exit code.
import { isActionRun } from './action/mode.js';
import { runAction } from './action/run.js';
import { runCli } from './cli/run.js';

const argv = process.argv.slice(2);
process.exitCode = isActionRun(process.env) ? await runAction(argv, process.env) : await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
