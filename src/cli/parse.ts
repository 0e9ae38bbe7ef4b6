// argv → Invocation. Global flags may come before or after the command and its arguments (as regctl allows);
// `--` ends flags. Every mistake is a UsageError (exit 2) that names the flag, never a --host value.
import { UsageError } from '../errors.js';
import { parsePlatform } from '../oci/platform.js';
import { parseReference, parseRegistryHost } from '../oci/reference.js';
import { parseGoDuration } from '../config/duration.js';
import { parseShard } from '../config/shard.js';
import { parseHostSpecs } from '../config/host-spec.js';
import { buildCopyCommand, parseOutputFormat, parsePositiveInteger, type Command, type GlobalOptions } from '../command/options.js';
import { COMMANDS, GLOBAL_FLAGS, commandName, flagTable, type CommandSpec, type FlagSpec } from './spec.js';
import { commandUsage, groupUsage, mainUsage } from './usage.js';

export type Invocation =
  | { kind: 'run'; global: GlobalOptions; command: Command }
  | { kind: 'help'; text: string }
  | { kind: 'version' };

interface RawArgs {
  positionals: string[];
  /** Values by long flag name; boolean flags hold `''`. */
  flags: Map<string, string[]>;
}

const FLAGS = flagTable();

function splitArgv(argv: readonly string[]): RawArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq >= 0 ? token.slice(0, eq) : token;
    const spec = FLAGS.get(name);
    if (!spec) throw new UsageError(`unknown flag ${name}; see regkit --help`);
    let value = '';
    if (spec.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${spec.name} takes no value`);
    } else if (eq >= 0) {
      value = token.slice(eq + 1);
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`--${spec.name} needs a value: ${spec.value ?? 'VALUE'}`);
      value = argv[++i]!;
    }
    flags.set(spec.name, [...(flags.get(spec.name) ?? []), value]);
  }
  return { positionals, flags };
}

function findCommand(positionals: readonly string[]): CommandSpec | undefined {
  return COMMANDS.find((c) => c.words.every((w, i) => positionals[i] === w));
}

function checkFlags(raw: RawArgs, spec: CommandSpec): void {
  const allowed = new Map<string, FlagSpec>([...GLOBAL_FLAGS, ...spec.flags].map((f) => [f.name, f]));
  for (const [name, values] of raw.flags) {
    const flag = allowed.get(name);
    if (!flag) throw new UsageError(`${commandName(spec)} does not take --${name}; see regkit ${commandName(spec)} --help`);
    if (flag.kind !== 'repeat' && values.length > 1) throw new UsageError(`--${name} given more than once`);
  }
}

function one(raw: RawArgs, name: string): string | undefined {
  return raw.flags.get(name)?.[0];
}

function has(raw: RawArgs, name: string): boolean {
  return raw.flags.has(name);
}

/** Tag filters are anchored, as regctl's are: `v1` matches the tag `v1`, not `v10`. */
function anchoredRegex(source: string, flag: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch (err) {
    throw new UsageError(`--${flag}: invalid regular expression: ${(err as Error).message}`);
  }
}

function parseWaitDuration(text: string): number {
  try {
    const seconds = parseGoDuration(text);
    if (seconds < 0) throw new Error('it is negative');
    return seconds;
  } catch (err) {
    throw new UsageError(`--max-wait: ${(err as Error).message}`);
  }
}

function globalOptions(raw: RawArgs): GlobalOptions {
  const format = one(raw, 'format');
  const logFormat = one(raw, 'log-format');
  return {
    hosts: parseHostSpecs(raw.flags.get('host') ?? []),
    format: format === undefined ? 'text' : parseOutputFormat(format, '--format'),
    logFormat: logFormat === undefined ? 'text' : parseOutputFormat(logFormat, '--log-format'),
    verbose: has(raw, 'verbose'),
  };
}

// The config readers (YAML, templates, Lua) load only for the commands that read a config: start-up is part of the
// wall time of every copy, and most of the bundle is not needed for one.
async function loadSyncConfigFile(file: string) {
  return (await import('../command/configs.js')).loadSyncConfig(file);
}

async function loadBotConfigFile(file: string) {
  return (await import('../command/configs.js')).loadBotConfig(file);
}

async function buildCommand(spec: CommandSpec, args: readonly string[], raw: RawArgs): Promise<Command> {
  const limit = one(raw, 'limit');
  const last = one(raw, 'last');
  const platform = one(raw, 'platform');
  const arg = args[0]!;
  const name = commandName(spec) as Command['name'];
  switch (name) {
    case 'copy': {
      const concurrency = one(raw, 'concurrency');
      return buildCopyCommand({
        source: arg,
        target: args[1]!,
        platforms: raw.flags.get('platform') ?? [],
        referrers: has(raw, 'referrers'),
        digestTags: has(raw, 'digest-tags'),
        includeExternal: has(raw, 'include-external'),
        forceRecursive: has(raw, 'force-recursive'),
        fast: has(raw, 'fast'),
        dryRun: has(raw, 'dry-run'),
        ...(concurrency !== undefined ? { concurrency: parsePositiveInteger(concurrency, '--concurrency') } : {}),
      });
    }
    case 'tag ls': {
      const include = one(raw, 'include');
      const exclude = one(raw, 'exclude');
      const repository = parseReference(arg, { repositoryOnly: true });
      if (repository.tag !== undefined || repository.digest !== undefined) throw new UsageError(`tag ls takes a repository, not an image: drop the tag or digest from "${arg}"`);
      return {
        name,
        repository,
        ...(include !== undefined ? { include: anchoredRegex(include, 'include') } : {}),
        ...(exclude !== undefined ? { exclude: anchoredRegex(exclude, 'exclude') } : {}),
        ...(limit !== undefined ? { limit: parsePositiveInteger(limit, '--limit') } : {}),
        ...(last !== undefined ? { last } : {}),
      };
    }
    case 'tag delete': {
      const ref = parseReference(arg, { repositoryOnly: true });
      if (ref.tag === undefined || ref.digest !== undefined) throw new UsageError(`tag delete needs REPO:TAG, got "${arg}"; to delete by digest use regkit image delete`);
      return { name, ref };
    }
    case 'repo ls':
      return {
        name,
        registry: parseRegistryHost(arg),
        ...(limit !== undefined ? { limit: parsePositiveInteger(limit, '--limit') } : {}),
        ...(last !== undefined ? { last } : {}),
      };
    case 'image digest':
    case 'image manifest':
    case 'image config':
      return { name, ref: parseReference(arg), ...(platform !== undefined ? { platform: parsePlatform(platform) } : {}) };
    case 'image ratelimit':
      return { name, ref: parseReference(arg) };
    case 'image delete':
      return { name, ref: parseReference(arg), force: has(raw, 'force') };
    case 'image restore': {
      const repository = parseReference(arg, { repositoryOnly: true });
      if (repository.scheme !== 'registry' || repository.tag !== undefined || repository.digest !== undefined) throw new UsageError(`image restore takes a registry repository, not "${arg}"`);
      const ids = (args[1] ?? '').split(',').map((id) => parsePositiveInteger(id.trim(), 'IDS'));
      return { name, repository, githubVersionIds: ids };
    }
    case 'sync once':
    case 'sync check':
    case 'sync config':
    case 'sync cache-key': {
      const file = one(raw, 'config');
      if (file === undefined) throw new UsageError(`${name} needs -c FILE: the regsync.yml to read`);
      const shard = one(raw, 'shard');
      const maxWait = one(raw, 'max-wait');
      return {
        name,
        config: await loadSyncConfigFile(file),
        ...(shard !== undefined ? { shard: parseShard(shard) } : {}),
        missing: has(raw, 'missing'),
        abortOnError: has(raw, 'abort-on-error'),
        ...(maxWait !== undefined ? { maxWaitSeconds: parseWaitDuration(maxWait) } : {}),
      };
    }
    case 'prune once': {
      const file = one(raw, 'config');
      if (file === undefined) throw new UsageError('prune once needs -c FILE: the regbot.yml to read');
      return { name, config: await loadBotConfigFile(file), dryRun: has(raw, 'dry-run') };
    }
    case 'image export':
    case 'image import': {
      const platforms = raw.flags.get('platform') ?? [];
      for (const p of platforms) parsePlatform(p);
      return { name, ref: parseReference(arg), file: args[1]!, options: platforms.length > 0 ? { platforms: [...platforms] } : {} };
    }
  }
}

export async function parseCommandLine(argv: readonly string[]): Promise<Invocation> {
  const raw = splitArgv(argv);
  const spec = findCommand(raw.positionals);
  const wantsHelp = has(raw, 'help');
  if (!spec) {
    const group = COMMANDS.filter((c) => c.words.length > 1 && c.words[0] === raw.positionals[0]);
    if (wantsHelp) return { kind: 'help', text: group.length > 0 ? groupUsage(raw.positionals[0]!) : mainUsage() };
    if (has(raw, 'version')) return { kind: 'version' };
    if (raw.positionals.length === 0) throw new UsageError(`no command given; commands: ${COMMANDS.map(commandName).join(', ')}`);
    if (group.length > 0) {
      throw new UsageError(`unknown command "${raw.positionals.slice(0, 2).join(' ')}"; ${raw.positionals[0]} commands: ${group.map(commandName).join(', ')}`);
    }
    throw new UsageError(`unknown command "${raw.positionals[0]}"; commands: ${COMMANDS.map(commandName).join(', ')}`);
  }
  if (wantsHelp) return { kind: 'help', text: commandUsage(spec) };
  if (has(raw, 'version')) return { kind: 'version' };
  checkFlags(raw, spec);
  const args = raw.positionals.slice(spec.words.length);
  if (args.length !== spec.args.length) {
    throw new UsageError(`${commandName(spec)} takes ${spec.args.join(' ')}, got ${args.length} argument${args.length === 1 ? '' : 's'}; see regkit ${commandName(spec)} --help`);
  }
  return { kind: 'run', global: globalOptions(raw), command: await buildCommand(spec, args, raw) };
}
