// Loads a regbot.yml: regclient's format (an unknown key is a warning with its position and the nearest valid key, an
// error under `strict`; `x-*` keys are the user's own), plus regkit's `defaults.protect`, `defaults.maxDeletes` and
// `policies:`.
// Every script is compiled at load, so a Lua syntax error is a config error (exit 2) naming the script and the
// file line. `loadBotConfig` is the entry.
//
// `protect` patterns are anchored regexes. Each is tried against three spellings of a tag about to be deleted: the
// tag alone (`latest`), `repository:tag` (`team/app:v1`) and the full reference (`registry.example.com/team/app:v1`);
// a match of any protects it. So `latest` protects every `latest`, `team/app:.*` every tag of one repository.
import { ConfigError } from '../../errors.js';
import { validateCron } from '../../config/cron.js';
import { readCreds, REGSYNC_CREDS_TEMPLATES } from '../../config/creds.js';
import { parseGoDuration } from '../../config/duration.js';
import { checkedEntries, presentEntry as present } from '../../config/keys.js';
import { compileAnchoredRegex } from '../../config/regex.js';
import { openConfigDocument, type LoadOptions } from '../../config/document.js';
import { type YamlFile, type ConfigSource, type MapEntry, type YamlValue } from '../../config/yaml.js';
import { DEFAULT_SCRIPT_MEMORY_MIB } from '../lua/sandbox.js';
import { checkLuaSyntax, fileLineOf } from './script.js';
import { readPolicies } from './policies.js';
import type { BotConfig, BotDefaults, BotScript, ProtectPattern } from './types.js';

export type * from './types.js';

const TOP_KEYS = ['version', 'creds', 'defaults', 'scripts', 'policies'] as const;
const DEFAULTS_KEYS = [
  'interval',
  'schedule',
  'parallel',
  'timeout',
  'blobLimit',
  'skipDockerConfig',
  'userAgent',
  'protect',
  'maxDeletes',
  'scriptMemory',
  'scriptFiles',
] as const;

const SCRIPT_KEYS = ['name', 'script', 'interval', 'schedule', 'timeout'] as const;
/** regbot expands the same creds templates as regsync except `registry`. */
const REGBOT_CREDS_TEMPLATES = REGSYNC_CREDS_TEMPLATES.filter((f) => f !== 'registry');
const DEFAULT_BLOB_LIMIT = 1024 * 1024 * 1024;
/** A script with no timeout of its own or in `defaults`: long enough for a big retention run, short of a job's 6 h. */
export const DEFAULT_SCRIPT_TIMEOUT_SECONDS = 3600;

type Fields = Map<string, MapEntry>;

function duration(yaml: YamlFile, node: YamlValue, what: string): number {
  try {
    const seconds = parseGoDuration(yaml.string(node, what));
    if (seconds < 0) throw new Error('it is negative');
    return seconds;
  } catch (err) {
    throw yaml.error(node, `${what}: ${(err as Error).message}`);
  }
}

function schedule(yaml: YamlFile, node: YamlValue, what: string): string {
  const s = yaml.string(node, what);
  try {
    validateCron(s);
  } catch (err) {
    throw yaml.error(node, `${what}: ${(err as Error).message}`);
  }
  return s;
}

/** interval, schedule and timeout: the keys a script shares with `defaults`. */
function readTiming(yaml: YamlFile, f: Fields, where: string): { intervalSeconds?: number; schedule?: string; timeoutSeconds?: number } {
  const interval = present(yaml, f, 'interval');
  const sched = present(yaml, f, 'schedule');
  const timeout = present(yaml, f, 'timeout');
  return {
    ...(interval ? { intervalSeconds: duration(yaml, interval.value, `${where}.interval`) } : {}),
    ...(sched ? { schedule: schedule(yaml, sched.value, `${where}.schedule`) } : {}),
    ...(timeout ? { timeoutSeconds: duration(yaml, timeout.value, `${where}.timeout`) } : {}),
  };
}

function readProtect(yaml: YamlFile, node: YamlValue): ProtectPattern[] {
  return yaml.items(node, 'defaults.protect').map((item, i) => {
    const source = yaml.string(item, `defaults.protect[${i}]`);
    try {
      return { source, regex: compileAnchoredRegex(source) };
    } catch (err) {
      throw yaml.error(item, `defaults.protect[${i}]: ${(err as Error).message}`);
    }
  });
}

function readDefaults(yaml: YamlFile, node: YamlValue): BotDefaults {
  const f = checkedEntries(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults', ['protect', 'maxDeletes']);
  const num = (key: string, opts: { integer?: boolean; min?: number }) => {
    const e = present(yaml, f, key);
    return e ? yaml.number(e.value, `defaults.${key}`, opts) : undefined;
  };
  const skip = present(yaml, f, 'skipDockerConfig');
  const userAgent = present(yaml, f, 'userAgent');
  const maxDeletes = num('maxDeletes', { integer: true, min: 0 });
  const scriptFiles = present(yaml, f, 'scriptFiles');
  return {
    parallel: Math.max(1, num('parallel', { integer: true, min: 0 }) ?? 0),
    ...readTiming(yaml, f, 'defaults'),
    blobLimit: num('blobLimit', { integer: true, min: 0 }) || DEFAULT_BLOB_LIMIT,
    skipDockerConfig: skip ? yaml.bool(skip.value, 'defaults.skipDockerConfig') : false,
    ...(userAgent ? { userAgent: yaml.string(userAgent.value, 'defaults.userAgent') } : {}),
    protect: readProtect(yaml, f.get('protect')?.value ?? null),
    ...(maxDeletes !== undefined ? { maxDeletes } : {}),
    scriptMemoryMiB: num('scriptMemory', { integer: true, min: 16 }) ?? DEFAULT_SCRIPT_MEMORY_MIB,
    ...(scriptFiles ? { scriptFiles: yaml.string(scriptFiles.value, 'defaults.scriptFiles') } : {}),
  };
}

function readScript(yaml: YamlFile, node: YamlValue, index: number, defaults: BotDefaults): BotScript {
  const where = `scripts[${index}]`;
  const f = checkedEntries(yaml, yaml.entries(node, where), SCRIPT_KEYS, where);
  const name = yaml.string(f.get('name')?.value ?? null, `${where}.name`).trim();
  if (name === '') throw yaml.error(f.get('name')?.keyNode ?? node, `${where}.name is required: results and errors are reported under it`);
  const scriptEntry = present(yaml, f, 'script');
  if (!scriptEntry) throw yaml.error(f.get('script')?.keyNode ?? node, `${where} ("${name}") has no script`);
  const source = yaml.string(scriptEntry.value, `${where}.script`);
  const syntax = checkLuaSyntax(source);
  if (syntax) {
    const line = fileLineOf(yaml, scriptEntry.value, syntax.line);
    throw new ConfigError(`script "${name}" does not compile (its line ${syntax.line}): ${syntax.message}`, { file: yaml.name, line });
  }
  const timing = readTiming(yaml, f, where);
  const firstLine = fileLineOf(yaml, scriptEntry.value, 1);
  const block = fileLineOf(yaml, scriptEntry.value, 2) !== firstLine;
  const pos = yaml.position(node);
  const intervalSeconds = timing.intervalSeconds ?? (timing.schedule === undefined ? defaults.intervalSeconds : undefined);
  const sched = timing.schedule ?? (timing.intervalSeconds === undefined ? defaults.schedule : undefined);
  return {
    index,
    name,
    source,
    file: yaml.name,
    ...pos,
    ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
    ...(sched !== undefined ? { schedule: sched } : {}),
    timeoutSeconds: timing.timeoutSeconds || defaults.timeoutSeconds || DEFAULT_SCRIPT_TIMEOUT_SECONDS,
    ...(block ? { luaLineOffset: firstLine - 1 } : {}),
  };
}

function checkUniqueNames(yaml: YamlFile, entries: ReadonlyArray<{ name: string; line: number; column: number }>): void {
  const seen = new Map<string, number>();
  for (const e of entries) {
    const first = seen.get(e.name);
    if (first !== undefined)
      throw new ConfigError(`"${e.name}" is used twice (first on line ${first}): script and policy names must be unique, results are reported under them`, {
        file: yaml.name,
        line: e.line,
        column: e.column,
      });
    seen.set(e.name, e.line);
  }
}

/**
 * Reads and resolves a regbot config. `file` is a path, `-` for standard input, or `{ text, name }`. `env` feeds
 * `{{env}}` in creds (process.env when absent); `trust` is `untrusted` for a policy under review (see config/trust.ts). Throws ConfigError with file:line:column on anything unusable.
 */
export function loadBotConfig(file: string | ConfigSource, env?: Readonly<Record<string, string | undefined>>, opts: Omit<LoadOptions, 'env'> = {}): BotConfig {
  const { yaml, top, run, trust } = openConfigDocument(file, TOP_KEYS, { ...opts, ...(env ? { env } : {}) });
  const creds = readCreds(yaml, top.get('creds')?.value ?? null, { templates: REGBOT_CREDS_TEMPLATES, run, trust });
  const defaults = readDefaults(yaml, top.get('defaults')?.value ?? null);
  const scripts = yaml.items(top.get('scripts')?.value ?? null, 'scripts').map((node, i) => readScript(yaml, node, i, defaults));
  const policies = readPolicies(yaml, top.get('policies')?.value ?? null);
  checkUniqueNames(yaml, [...scripts, ...policies]);
  return { file: yaml.name, version: 1, creds, defaults, scripts, policies, warnings: yaml.warnings };
}
