// Registry settings a user stores once (`regkit registry set|login`), so no command needs `--host` for them. The file
// has regctl's shape (`{"hosts": {"HOST": {"tls": …, "user": …, "pass": …}}}`), and regctl's own file is read too,
// beneath regkit's: a machine set up for regctl works unchanged. Only regkit's file is ever written, mode 0600.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { parseRegistryHost } from '../oci/reference.js';
import type { HostConfig, TlsMode } from './hostconfig.js';

type Env = Readonly<Record<string, string | undefined>>;

/** One host as the file spells it: regctl's keys (both of its spellings of the client certificate keys). */
export interface StoredHost {
  tls?: TlsMode;
  hostname?: string;
  user?: string;
  pass?: string;
  token?: string;
  regcert?: string;
  clientCert?: string;
  clientKey?: string;
  pathPrefix?: string;
  repoAuth?: boolean;
  reqPerSec?: number;
  reqConcurrent?: number;
  [key: string]: unknown;
}

export interface SettingsFile {
  version?: number;
  hosts: Record<string, StoredHost>;
  [key: string]: unknown;
}

function home(env: Env): string {
  return env['HOME'] || homedir();
}

/** regkit's file: `$REGKIT_CONFIG`, else `~/.regkit/config.json`. */
export function settingsPath(env: Env): string {
  return env['REGKIT_CONFIG'] || join(home(env), '.regkit', 'config.json');
}

/** regctl's file, read-only: `$REGCTL_CONFIG`, else `~/.regctl/config.json`. */
export function regctlSettingsPath(env: Env): string {
  return env['REGCTL_CONFIG'] || join(home(env), '.regctl', 'config.json');
}

/** The file's content; a missing file is an empty one, a broken one a ConfigError naming it. */
export function readSettingsFile(path: string): SettingsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { hosts: {} };
    throw new ConfigError(`cannot read the registry settings: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: path });
  }
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`not valid JSON (${(err as Error).message}); fix or remove the file`, { file: path });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('expected a JSON object with "hosts"', { file: path });
  const file = parsed as SettingsFile;
  if (file.hosts === undefined) file.hosts = {};
  if (file.hosts === null || typeof file.hosts !== 'object' || Array.isArray(file.hosts))
    throw new ConfigError('"hosts" must be an object of registry names', { file: path });
  return file;
}

const TLS_MODES: readonly string[] = ['enabled', 'insecure', 'disabled'];

function text(v: unknown, key: string, where: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new ConfigError(`hosts.${where}.${key} must be a string`);
  return v;
}

function count(v: unknown, key: string, where: string): number | undefined {
  if (v === undefined || v === null || v === 0) return undefined;
  if (typeof v !== 'number' || !(v > 0)) throw new ConfigError(`hosts.${where}.${key} must be a positive number`);
  return v;
}

/** One stored entry → HostConfig. Keys regkit does not use (regctl's mirrors, priority) are left alone. */
export function hostFromStored(name: string, h: StoredHost, file: string): HostConfig {
  const registry = parseRegistryHost(name);
  const host: HostConfig = { registry };
  try {
    const tls = text(h.tls, 'tls', name);
    if (tls !== undefined) {
      if (!TLS_MODES.includes(tls)) throw new ConfigError(`hosts.${name}.tls must be one of ${TLS_MODES.join(', ')}`);
      host.tls = tls as TlsMode;
    }
    const fields: [keyof HostConfig, string | undefined][] = [
      ['hostname', text(h.hostname, 'hostname', name)],
      ['user', text(h.user, 'user', name)],
      ['pass', text(h.pass, 'pass', name)],
      ['token', text(h.token, 'token', name)],
      ['regcert', text(h.regcert, 'regcert', name)],
      ['clientCert', text(h.clientCert ?? h['clientcert'], 'clientCert', name)],
      ['clientKey', text(h.clientKey ?? h['clientkey'], 'clientKey', name)],
      ['pathPrefix', text(h.pathPrefix, 'pathPrefix', name)],
    ];
    for (const [key, value] of fields) if (value !== undefined) (host as unknown as Record<string, unknown>)[key] = value;
    // regctl writes `hostname` equal to the name; it says nothing then.
    if (host.hostname === name || host.hostname === registry) delete host.hostname;
    if (host.user !== undefined || host.token !== undefined) host.credsFrom = `the stored settings ${file}`;
    if (h.repoAuth !== undefined) host.repoAuth = h.repoAuth === true;
    const perSec = count(h.reqPerSec, 'reqPerSec', name);
    if (perSec !== undefined) host.reqPerSec = perSec;
    const concurrent = count(h.reqConcurrent, 'reqConcurrent', name);
    if (concurrent !== undefined) host.reqConcurrent = concurrent;
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.message, { file });
    throw err;
  }
  return host;
}

function hostsIn(path: string): HostConfig[] {
  const file = readSettingsFile(path);
  return Object.entries(file.hosts).map(([name, h]) => hostFromStored(name, h ?? {}, path));
}

/** Every stored registry: regctl's entries, then regkit's on top, field by field. */
export function loadStoredHosts(env: Env): HostConfig[] {
  const byRegistry = new Map<string, HostConfig>();
  for (const path of [regctlSettingsPath(env), settingsPath(env)]) {
    for (const h of hostsIn(path)) byRegistry.set(h.registry, { ...byRegistry.get(h.registry), ...h });
  }
  return [...byRegistry.values()];
}

/** Writes through a temporary file in the same directory, so a crash never leaves half a file; 0600, dir 0700. */
export function writeSettingsFile(path: string, file: SettingsFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** The stored key for a registry name as typed (`index.docker.io` and `docker.io` are one registry). */
export function storedKey(file: SettingsFile, registry: string): string {
  const existing = Object.keys(file.hosts).find((k) => {
    try {
      return parseRegistryHost(k) === registry;
    } catch {
      return false;
    }
  });
  return existing ?? registry;
}

export function parseTlsMode(value: string): TlsMode {
  if (!TLS_MODES.includes(value)) throw new UsageError(`--tls must be one of ${TLS_MODES.join(', ')}, not "${value}"`);
  return value as TlsMode;
}
