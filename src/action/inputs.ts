// Action inputs (INPUT_* variables) → the same typed options the CLI builds from argv.
import { parseHostSpecs } from '../cli/host-flag.js';
import { buildCopyCommand, parseOutputFormat, parsePositiveInteger, type Command, type GlobalOptions } from '../cli/options.js';
import { UsageError } from '../errors.js';

export const INPUT_NAMES = [
  'command',
  'source',
  'target',
  'platforms',
  'referrers',
  'digest-tags',
  'include-external',
  'force-recursive',
  'fast',
  'dry-run',
  'concurrency',
  'hosts',
  'format',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

/** Commands the action runs so far. */
export const ACTION_COMMANDS = ['copy'] as const;

export interface ActionSettings {
  global: GlobalOptions;
  command: Command;
}

/**
 * The variables an input may arrive in. The runner names them `INPUT_DIGEST-TAGS` for a JS action (as
 * `@actions/core` reads them); composite steps set them through `env:`, where `INPUT_DIGEST_TAGS` is the portable
 * spelling, so both are read.
 */
export function inputVariables(name: string): string[] {
  const upper = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const underscored = upper.replace(/-/g, '_');
  return upper === underscored ? [upper] : [upper, underscored];
}

export function readInput(env: NodeJS.ProcessEnv, name: InputName): string {
  for (const v of inputVariables(name)) {
    const value = env[v];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return '';
}

/** Non-empty lines; `#` starts a comment line, as in YAML block scalars people paste host lists into. */
export function readLines(env: NodeJS.ProcessEnv, name: InputName): string[] {
  return readInput(env, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The YAML 1.2 core schema booleans that `core.getBooleanInput` accepts; empty means false. */
export function readBoolean(env: NodeJS.ProcessEnv, name: InputName): boolean {
  const value = readInput(env, name);
  if (value === '' || ['false', 'False', 'FALSE'].includes(value)) return false;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  throw new UsageError(`input ${name} must be true or false, not "${value}"`);
}

function requireInput(env: NodeJS.ProcessEnv, name: InputName, command: string): string {
  const value = readInput(env, name);
  if (value === '') throw new UsageError(`input ${name} is required for command ${command}`);
  return value;
}

/** `argvCommand` is the command a composite action passes as the first argument. */
export function readSettings(env: NodeJS.ProcessEnv, argvCommand?: string): ActionSettings {
  const inputCommand = readInput(env, 'command');
  if (argvCommand !== undefined && inputCommand !== '' && argvCommand !== inputCommand) {
    throw new UsageError(`this action runs "${argvCommand}" but input command is "${inputCommand}"; drop the command input`);
  }
  const command = argvCommand ?? inputCommand;
  if (command === '') throw new UsageError(`input command is required: one of ${ACTION_COMMANDS.join(', ')}`);
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) throw new UsageError(`input command must be one of ${ACTION_COMMANDS.join(', ')}, not "${command}"`);
  const format = readInput(env, 'format');
  const concurrency = readInput(env, 'concurrency');
  const global: GlobalOptions = {
    hosts: parseHostSpecs(readLines(env, 'hosts')),
    format: format === '' ? 'text' : parseOutputFormat(format, 'input format'),
    logFormat: 'text',
    verbose: false,
  };
  return {
    global,
    command: buildCopyCommand({
      source: requireInput(env, 'source', command),
      target: requireInput(env, 'target', command),
      // One platform per line: a comma belongs to the platform syntax (`windows/amd64,osver=10.0.17763`).
      platforms: readLines(env, 'platforms'),
      referrers: readBoolean(env, 'referrers'),
      digestTags: readBoolean(env, 'digest-tags'),
      includeExternal: readBoolean(env, 'include-external'),
      forceRecursive: readBoolean(env, 'force-recursive'),
      fast: readBoolean(env, 'fast'),
      dryRun: readBoolean(env, 'dry-run'),
      ...(concurrency !== '' ? { concurrency: parsePositiveInteger(concurrency, 'input concurrency') } : {}),
    }),
  };
}
