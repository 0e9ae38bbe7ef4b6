// argv → Invocation. Global flags may come before or after the command and its arguments (as regctl allows);
// `--` ends flags. Every mistake is a UsageError (exit 2) that names the flag, never a --host value.
import { readFileSync } from 'node:fs';
import { fileProblem, UsageError } from '../errors.js';
import type { LogLevel } from '../log.js';
import { parsePlatform } from '../oci/platform.js';
import { parseReference, parseRegistryHost } from '../oci/reference.js';
import { parseGoDuration } from '../config/duration.js';
import { parseShard } from '../config/shard.js';
import { parseHostSpecs } from '../config/host-spec.js';
import { configTrustOf, type ConfigTrust } from '../config/trust.js';
import { parseTlsMode, settingsPath } from '../config/user-settings.js';
import { buildCopyCommand, verifyPolicyFromFlags, parseOutputFormat, parsePositiveInteger, type Command, type GlobalOptions } from '../command/options.js';
import { parseBoundSpecs } from '../config/bounds.js';
import { COMMANDS, GLOBAL_FLAGS, commandName, flagTable, type CommandSpec, type FlagSpec } from './spec.js';
import { commandUsage, groupUsage, mainUsage } from './usage.js';
import { completionScript } from './completion.js';
import { VERSION } from './version.js';

export type Invocation =
  | { kind: 'run'; global: GlobalOptions; command: Command }
  /** Text printed as it is: usage, or a completion script. */
  | { kind: 'help'; text: string }
  | { kind: 'version' };

interface RawArgs {
  positionals: string[];
  /** Values by long flag name; boolean flags hold `''`. */
  flags: Map<string, string[]>;
}

const FLAGS = flagTable();

/** regctl's `-v` levels (logrus's names) → ours; trace shows what debug shows. */
const LEVELS: ReadonlyMap<string, LogLevel> = new Map<string, LogLevel>([
  ['trace', 'debug'],
  ['debug', 'debug'],
  ['info', 'info'],
  ['warn', 'warn'],
  ['warning', 'warn'],
  ['error', 'error'],
  ['fatal', 'error'],
  ['panic', 'error'],
]);

/** Where the workflow templates that replace regsync's and regbot's servers live. */
const SERVER_REPLACEMENTS: Record<string, string> = {
  sync: 'regsync server is not a regkit command: a scheduled GitHub workflow replaces the server. Start from .github/workflow-templates/nightly-sync.yml (it runs regkit sync once on a cron); see docs/workflows.md',
  prune:
    'regbot server is not a regkit command: a scheduled GitHub workflow replaces the server. Start from .github/workflow-templates/weekly-retention.yml (it runs regkit prune once on a cron); see docs/workflows.md',
};

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
    // regctl's `-v LEVEL`; a plain `-v` (followed by anything else) stays the boolean debug switch.
    if (token === '-v' && LEVELS.has(argv[i + 1] ?? '')) {
      flags.set('verbosity', [...(flags.get('verbosity') ?? []), argv[++i]!]);
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

/** The command named by the leading positionals, by its words or one of its aliases, and how many words named it. */
function findCommand(positionals: readonly string[]): { spec: CommandSpec; length: number } | undefined {
  const named = (words: readonly string[]) => words.every((w, i) => positionals[i] === w);
  for (const spec of COMMANDS) {
    const words = [spec.words, ...(spec.aliases ?? [])].find(named);
    if (words) return { spec, length: words.length };
  }
  return undefined;
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

function parseLevel(value: string): LogLevel {
  const level = LEVELS.get(value.toLowerCase());
  if (!level) throw new UsageError(`--verbosity must be one of ${[...LEVELS.keys()].join(', ')}, not "${value}"`);
  return level;
}

/** `--logopt json` is regctl's `--log-format json`; it has no other option regkit could honour. */
function logFormatFrom(raw: RawArgs): GlobalOptions['logFormat'] {
  for (const opt of raw.flags.get('logopt') ?? []) if (opt !== 'json') throw new UsageError(`--logopt takes json, not "${opt}"`);
  const logFormat = one(raw, 'log-format');
  if (has(raw, 'logopt')) return 'json';
  return logFormat === undefined ? 'text' : parseOutputFormat(logFormat, '--log-format');
}

async function globalOptions(raw: RawArgs, command: Command['name']): Promise<GlobalOptions> {
  const format = one(raw, 'format');
  const verbosity = one(raw, 'verbosity');
  const logLevel = verbosity !== undefined ? parseLevel(verbosity) : undefined;
  // A Go template is anything with an action in it; other words must be text or json, so a typo is not printed back.
  const template = format !== undefined && format.includes('{{') ? (await import('../command/format.js')).compileOutputTemplate(format, command) : undefined;
  return {
    hosts: parseHostSpecs(raw.flags.get('host') ?? []),
    bounds: parseBoundSpecs(raw.flags.get('bound') ?? [], '--bound'),
    format: format === undefined || template ? 'text' : parseOutputFormat(format, '--format'),
    logFormat: logFormatFrom(raw),
    verbose: has(raw, 'verbose') || logLevel === 'debug',
    ...(template ? { template } : {}),
    ...(logLevel !== undefined ? { logLevel } : {}),
  };
}

/** A password from standard input: what a pipe or `echo` adds at the end is not part of it. */
function passwordFromStdin(): string {
  const pass = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (pass === '') throw new UsageError('registry login: standard input held no password');
  return pass;
}

/** regctl's `--cacert` takes the PEM text itself (`"$(cat ca.crt)"`); a path to the file is taken too. */
function readCaFile(file: string): string {
  if (file.trimStart().startsWith('-----BEGIN')) return file;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--cacert: ${fileProblem(file, err)}; give the CA certificate's PEM file or its text`);
  }
}

// The config readers (YAML, templates, Lua) load only for the commands that read a config, each only its own: start-up
// is part of the wall time of every copy and sync, and most of the bundle is needed by neither.
async function loadSyncConfigFile(file: string, raw: RawArgs) {
  return (await import('../command/sync-config.js')).loadSyncConfig(file, undefined, { strict: has(raw, 'strict'), trust: configTrust(raw) });
}

async function loadBotConfigFile(file: string, raw: RawArgs) {
  return (await import('../command/prune-config.js')).loadBotConfig(file, undefined, { strict: has(raw, 'strict'), trust: configTrust(raw) });
}

function configTrust(raw: RawArgs): ConfigTrust {
  return configTrustOf(has(raw, 'untrusted-config'), raw.flags.get('allow-env') ?? [], { untrusted: '--untrusted-config', allowEnv: '--allow-env' });
}

async function buildCommand(spec: CommandSpec, args: readonly string[], raw: RawArgs): Promise<Command> {
  const settingsFile = settingsPath(process.env);
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
      if (repository.tag !== undefined || repository.digest !== undefined)
        throw new UsageError(`tag ls takes a repository, not an image: drop the tag or digest from "${arg}"`);
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
      if (ref.tag === undefined || ref.digest !== undefined)
        throw new UsageError(`tag delete needs REPO:TAG, got "${arg}"; to delete by digest use regkit image delete`);
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
    case 'image inspect':
      return { name, ref: parseReference(arg), ...(platform !== undefined ? { platform: parsePlatform(platform) } : {}) };
    case 'image ratelimit':
      return { name, ref: parseReference(arg) };
    case 'verify': {
      const platforms = raw.flags.get('platform') ?? [];
      for (const p of platforms) parsePlatform(p);
      return {
        name,
        ref: parseReference(arg),
        platforms: [...platforms],
        policy: verifyPolicyFromFlags({
          keys: raw.flags.get('key') ?? [],
          trustedRoot: one(raw, 'trusted-root'),
          identity: one(raw, 'certificate-identity'),
          identityRegexp: one(raw, 'certificate-identity-regexp'),
          issuer: one(raw, 'certificate-oidc-issuer'),
          issuerRegexp: one(raw, 'certificate-oidc-issuer-regexp'),
          tlogThreshold: one(raw, 'tlog-threshold'),
          ctlogThreshold: one(raw, 'ctlog-threshold'),
          timestampThreshold: one(raw, 'timestamp-threshold'),
          signed: one(raw, 'signed'),
        }),
      };
    }
    case 'image delete':
      return { name, ref: parseReference(arg), force: has(raw, 'force') };
    case 'image restore': {
      const repository = parseReference(arg, { repositoryOnly: true });
      if (repository.scheme !== 'registry' || repository.tag !== undefined || repository.digest !== undefined)
        throw new UsageError(`image restore takes a registry repository, not "${arg}"`);
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
        config: await loadSyncConfigFile(file, raw),
        ...(shard !== undefined ? { shard: parseShard(shard) } : {}),
        missing: has(raw, 'missing'),
        abortOnError: has(raw, 'abort-on-error'),
        ...(maxWait !== undefined ? { maxWaitSeconds: parseWaitDuration(maxWait) } : {}),
      };
    }
    case 'prune once': {
      const file = one(raw, 'config');
      if (file === undefined) throw new UsageError('prune once needs -c FILE: the regbot.yml to read');
      return { name, config: await loadBotConfigFile(file, raw), dryRun: has(raw, 'dry-run') };
    }
    case 'version':
      return { name, version: VERSION };
    case 'registry ls':
      return { name, file: settingsFile };
    case 'registry logout':
      return { name, file: settingsFile, registry: parseRegistryHost(arg) };
    case 'registry login': {
      const user = one(raw, 'user');
      if (user === undefined || user === '') throw new UsageError('registry login needs -u USER');
      if (!has(raw, 'pass-stdin'))
        throw new UsageError('registry login needs --pass-stdin: a password typed on the command line stays in shell history and process lists');
      return { name, file: settingsFile, registry: parseRegistryHost(arg), user, pass: passwordFromStdin() };
    }
    case 'registry set': {
      const tls = one(raw, 'tls');
      const hostname = one(raw, 'hostname');
      const cacert = one(raw, 'cacert');
      const repoAuth = one(raw, 'repo-auth');
      const reqConcurrent = one(raw, 'req-concurrent');
      const reqPerSec = one(raw, 'req-per-sec');
      if (repoAuth !== undefined && repoAuth !== 'true' && repoAuth !== 'false') throw new UsageError('--repo-auth must be true or false');
      if (hostname !== undefined) parseRegistryHost(hostname);
      return {
        name,
        file: settingsFile,
        registry: parseRegistryHost(arg),
        settings: {
          ...(tls !== undefined ? { tls: parseTlsMode(tls) } : {}),
          ...(hostname !== undefined ? { hostname } : {}),
          ...(cacert !== undefined ? { regcert: readCaFile(cacert) } : {}),
          ...(repoAuth !== undefined ? { repoAuth: repoAuth === 'true' } : {}),
          ...(reqConcurrent !== undefined ? { reqConcurrent: parsePositiveInteger(reqConcurrent, '--req-concurrent') } : {}),
          ...(reqPerSec !== undefined ? { reqPerSec: parsePositiveInteger(reqPerSec, '--req-per-sec') } : {}),
        },
      };
    }
    case 'image export':
    case 'image import': {
      const platforms = raw.flags.get('platform') ?? [];
      for (const p of platforms) parsePlatform(p);
      return { name, ref: parseReference(arg), file: args[1]!, options: platforms.length > 0 ? { platforms: [...platforms] } : {} };
    }
  }
}

/** `help [COMMAND…]` and `completion SHELL`: answered from the table, with nothing to run. */
function textCommand(spec: CommandSpec, args: readonly string[]): Invocation | undefined {
  if (spec.words[0] === 'help') {
    if (args.length === 0) return { kind: 'help', text: mainUsage() };
    const named = findCommand(args);
    if (named && named.length === args.length) return { kind: 'help', text: commandUsage(named.spec) };
    if (args.length === 1 && COMMANDS.some((c) => c.words.length > 1 && c.words[0] === args[0])) return { kind: 'help', text: groupUsage(args[0]!) };
    throw new UsageError(`help: unknown command "${args.join(' ')}"; commands: ${COMMANDS.map(commandName).join(', ')}`);
  }
  if (spec.words[0] === 'completion') {
    if (args.length !== 1) throw new UsageError('completion takes one shell: bash, zsh or fish');
    return { kind: 'help', text: completionScript(args[0]!) };
  }
  return undefined;
}

export async function parseCommandLine(argv: readonly string[]): Promise<Invocation> {
  const raw = splitArgv(argv);
  const found = findCommand(raw.positionals);
  const wantsHelp = has(raw, 'help');
  const server = raw.positionals[1] === 'server' ? SERVER_REPLACEMENTS[raw.positionals[0] ?? ''] : undefined;
  if (server !== undefined) throw new UsageError(server);
  if (!found) {
    const group = COMMANDS.filter((c) => c.words.length > 1 && c.words[0] === raw.positionals[0]);
    if (wantsHelp) return { kind: 'help', text: group.length > 0 ? groupUsage(raw.positionals[0]!) : mainUsage() };
    if (has(raw, 'version')) return { kind: 'version' };
    if (raw.positionals.length === 0) throw new UsageError(`no command given; commands: ${COMMANDS.map(commandName).join(', ')}`);
    if (group.length > 0) {
      throw new UsageError(`unknown command "${raw.positionals.slice(0, 2).join(' ')}"; ${raw.positionals[0]} commands: ${group.map(commandName).join(', ')}`);
    }
    throw new UsageError(`unknown command "${raw.positionals[0]}"; commands: ${COMMANDS.map(commandName).join(', ')}`);
  }
  const { spec } = found;
  if (wantsHelp) return { kind: 'help', text: commandUsage(spec) };
  if (has(raw, 'version')) return { kind: 'version' };
  checkFlags(raw, spec);
  const args = raw.positionals.slice(found.length);
  const text = textCommand(spec, args);
  if (text) return text;
  if (args.length !== spec.args.length) {
    throw new UsageError(
      `${commandName(spec)} takes ${spec.args.join(' ') || 'no arguments'}, got ${args.length} argument${args.length === 1 ? '' : 's'}; see regkit ${commandName(spec)} --help`,
    );
  }
  const global = await globalOptions(raw, commandName(spec) as Command['name']);
  return { kind: 'run', global, command: await buildCommand(spec, args, raw) };
}
