#!/usr/bin/env node
// Entry of the bundle (`dist/index.js`, the `regkit` bin): an action step or the CLI, then the exit code.
// Start-up counts in every CLI call's wall time, so this file stays small and each face is a chunk of its own, loaded
// when chosen: the action's toolkit (with its own HTTP stack) is the largest part of the bundle and a copy never needs
// it. Where Node keeps a compile cache (22.1 and later), the chunks are compiled once per machine instead of per call.
import module from 'node:module';
import { isActionRun } from './action/mode.js';
import { tuneRuntime } from './runtime.js';

const runtime = tuneRuntime();
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const argv = process.argv.slice(2);
if (isActionRun(process.env)) {
  const { runAction } = await import('./action/run.js');
  process.exitCode = await runAction(argv, process.env, runtime);
} else {
  const { runCli } = await import('./cli/run.js');
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr }, runtime);
}
