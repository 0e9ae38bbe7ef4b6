// Action inputs (INPUT_* variables) → the same typed options the CLI builds from argv.
import { parseHostSpecs } from '../config/host-spec.js';
import { parseBoundSpecs } from '../config/bounds.js';
import { buildCopyCommand, parseOutputFormat, parsePositiveInteger, type Command, type GlobalOptions, type SyncCommand } from '../command/options.js';
import { UsageError } from '../errors.js';
import { loadBotConfig } from '../command/prune-config.js';
import { loadSyncConfig } from '../command/sync-config.js';
import { parseGoDuration } from '../config/duration.js';
import { parseShard } from '../config/shard.js';
import { configTrustOf, type ConfigTrust } from '../config/trust.js';
import { ACTION_COMMANDS, inputVariables, type ActionCommand, type InputName } from './input-names.js';

/**
 * The rate-limit wait budget of a sync step when `max-wait` is empty: long enough to outlast a short dip below
 * `ratelimit.min` (regsync retries every 5 minutes at least), short enough to leave most of a job's time for copying.
 */
export const DEFAULT_ACTION_MAX_WAIT = '30m';

export const SYNC_MODES = ['once', 'check', 'config'] as const;

export interface ActionSettings {
  global: GlobalOptions;
  command: Command;
  /** `sync` with mode `check`: how many matrix jobs the `matrix` output fans out over. */
  shards?: number;
  /** `sync`: keep the `ocidir://` layouts in the Actions cache across runs. */
  cache: boolean;
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
export function readBoolean(env: NodeJS.ProcessEnv, name: InputName, whenEmpty = false): boolean {
  const value = readInput(env, name);
  if (value === '') return whenEmpty;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  throw new UsageError(`input ${name} must be true or false, not "${value}"`);
}

/** `untrusted-config: true`: the config is a policy under review (see config/trust.ts), reading only `allow-env`. */
function readConfigTrust(env: NodeJS.ProcessEnv): ConfigTrust {
  return configTrustOf(readBoolean(env, 'untrusted-config'), readLines(env, 'allow-env'), {
    untrusted: 'input untrusted-config: true',
    allowEnv: 'input allow-env',
  });
}

function requireInput(env: NodeJS.ProcessEnv, name: InputName, command: string): string {
  const value = readInput(env, name);
  if (value === '') throw new UsageError(`input ${name} is required for command ${command}`);
  return value;
}

function readMaxWait(env: NodeJS.ProcessEnv): number {
  const text = readInput(env, 'max-wait') || DEFAULT_ACTION_MAX_WAIT;
  let seconds: number;
  try {
    seconds = parseGoDuration(text);
  } catch (err) {
    throw new UsageError(`input max-wait: ${(err as Error).message}`);
  }
  if (seconds < 0) throw new UsageError(`input max-wait must not be negative, not "${text}"`);
  return seconds;
}

function readCopyCommand(env: NodeJS.ProcessEnv): Command {
  const concurrency = readInput(env, 'concurrency');
  return buildCopyCommand({
    source: requireInput(env, 'source', 'copy'),
    target: requireInput(env, 'target', 'copy'),
    // One platform per line: a comma belongs to the platform syntax (`windows/amd64,osver=10.0.17763`).
    platforms: readLines(env, 'platforms'),
    referrers: readBoolean(env, 'referrers'),
    digestTags: readBoolean(env, 'digest-tags'),
    includeExternal: readBoolean(env, 'include-external'),
    forceRecursive: readBoolean(env, 'force-recursive'),
    fast: readBoolean(env, 'fast'),
    dryRun: readBoolean(env, 'dry-run'),
    ...(concurrency !== '' ? { concurrency: parsePositiveInteger(concurrency, 'input concurrency') } : {}),
  });
}

/** Every input is checked before the config is read, so a typo in an input is reported as such. */
function readSyncSettings(env: NodeJS.ProcessEnv): { command: SyncCommand; shards?: number; cache: boolean } {
  const file = requireInput(env, 'config', 'sync');
  const mode = readInput(env, 'mode') || 'once';
  if (!(SYNC_MODES as readonly string[]).includes(mode)) throw new UsageError(`input mode must be one of ${SYNC_MODES.join(', ')}, not "${mode}"`);
  const shardText = readInput(env, 'shard');
  const shardsText = readInput(env, 'shards');
  let shard;
  try {
    shard = shardText === '' ? undefined : parseShard(shardText);
  } catch (err) {
    throw new UsageError(`input shard: ${(err as Error).message}`);
  }
  const shards = shardsText === '' ? undefined : parsePositiveInteger(shardsText, 'input shards');
  if (shards !== undefined && mode !== 'check')
    throw new UsageError('input shards plans a fan-out and needs mode: check; the matrix jobs then run mode: once with shard: ${{ matrix.shard }}');
  if (shards !== undefined && shard !== undefined) throw new UsageError('give input shard (run one part) or input shards (plan the parts), not both');
  const missing = readBoolean(env, 'missing');
  const abortOnError = readBoolean(env, 'abort-on-error');
  const maxWaitSeconds = readMaxWait(env);
  const cache = readBoolean(env, 'cache', true);
  const strict = readBoolean(env, 'strict');
  const command: SyncCommand = {
    name: `sync ${mode as (typeof SYNC_MODES)[number]}`,
    config: loadSyncConfig(file, undefined, { strict, trust: readConfigTrust(env) }),
    ...(shard ? { shard } : {}),
    missing,
    abortOnError,
    maxWaitSeconds,
  };
  return { command, ...(shards !== undefined ? { shards } : {}), cache };
}

/** The command this step runs: the composite action's first argument, else the `command` input. */
function commandOf(env: NodeJS.ProcessEnv, argvCommand?: string): string {
  const inputCommand = readInput(env, 'command');
  if (argvCommand !== undefined && inputCommand !== '' && argvCommand !== inputCommand) {
    throw new UsageError(`this action runs "${argvCommand}" but input command is "${inputCommand}"; drop the command input`);
  }
  const command = argvCommand ?? inputCommand;
  if (command === '') throw new UsageError(`input command is required: one of ${ACTION_COMMANDS.join(', ')}`);
  if (!(ACTION_COMMANDS as readonly string[]).includes(command))
    throw new UsageError(`input command must be one of ${ACTION_COMMANDS.join(', ')}, not "${command}"`);
  return command;
}

/** `argvCommand` is the command a composite action passes as the first argument. */
export function readSettings(env: NodeJS.ProcessEnv, argvCommand?: string): ActionSettings {
  const command = commandOf(env, argvCommand) as ActionCommand;
  const format = readInput(env, 'format');
  const global: GlobalOptions = {
    hosts: parseHostSpecs(readLines(env, 'hosts'), 'the hosts input'),
    bounds: parseBoundSpecs(readLines(env, 'bounds'), 'input bounds'),
    format: format === '' ? 'text' : parseOutputFormat(format, 'input format'),
    logFormat: 'text',
    verbose: false,
  };
  if (command === 'sync') return { global, ...readSyncSettings(env) };
  if (command === 'prune') {
    const file = requireInput(env, 'config', 'prune');
    const dryRun = readBoolean(env, 'dry-run');
    const strict = readBoolean(env, 'strict');
    return { global, command: { name: 'prune once', config: loadBotConfig(file, undefined, { strict, trust: readConfigTrust(env) }), dryRun }, cache: false };
  }
  return { global, command: readCopyCommand(env), cache: false };
}
