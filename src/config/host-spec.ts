// `--host` specs (and the action's `hosts` lines) → HostConfig. Error messages never repeat a value from the spec
// other than the registry name and the tls mode: a password may sit anywhere in it.
import { UsageError } from '../errors.js';
import { parseRegistryHost } from '../oci/reference.js';
import { HOST_APIS, type HostApi, type HostConfig, type TlsMode } from './hostconfig.js';

const TLS_MODES: readonly TlsMode[] = ['enabled', 'insecure', 'disabled'];
const KEYS = ['reg', 'hostname', 'tls', 'user', 'pass', 'token', 'repo-auth', 'api'] as const;
type Key = (typeof KEYS)[number];

/** Keys whose values are credentials: masked in action logs, redacted from CLI output. */
export const SECRET_KEYS: readonly string[] = ['pass', 'token'];

function isKey(k: string): k is Key {
  return (KEYS as readonly string[]).includes(k);
}

export function parseHostSpec(spec: string, from = '--host'): HostConfig {
  const fields = new Map<Key, string>();
  let previous: string | undefined;
  for (const [i, field] of spec.split(',').entries()) {
    const eq = field.indexOf('=');
    if (eq <= 0) {
      const hint = previous !== undefined && SECRET_KEYS.includes(previous) ? ` (a ${previous} value cannot contain a comma)` : '';
      throw new UsageError(`--host: field ${i + 1} is not key=value${hint}`);
    }
    const key = field.slice(0, eq).trim();
    if (!isKey(key)) {
      const shown = /^[a-z][a-z-]{0,20}$/.test(key) ? `"${key}"` : `in field ${i + 1}`;
      throw new UsageError(`--host: unknown key ${shown}; known keys: ${KEYS.join(', ')}`);
    }
    if (fields.has(key)) throw new UsageError(`--host: key "${key}" given twice`);
    fields.set(key, field.slice(eq + 1));
    previous = key;
  }
  const reg = fields.get('reg');
  if (reg === undefined || reg.trim() === '') throw new UsageError('--host: reg=HOST[:PORT] is required');
  const registry = parseRegistryHost(reg);
  const host: HostConfig = { registry };
  const hostname = fields.get('hostname');
  if (hostname !== undefined) {
    if (!/^[A-Za-z0-9.\-[\]:]+$/.test(hostname)) throw new UsageError(`--host reg=${registry}: hostname must be HOST[:PORT]`);
    host.hostname = hostname;
  }
  const tls = fields.get('tls');
  if (tls !== undefined) {
    if (!(TLS_MODES as readonly string[]).includes(tls))
      throw new UsageError(`--host reg=${registry}: tls must be one of ${TLS_MODES.join(', ')}, not "${tls}"`);
    host.tls = tls as TlsMode;
  }
  const user = fields.get('user');
  const pass = fields.get('pass');
  if ((user === undefined) !== (pass === undefined)) throw new UsageError(`--host reg=${registry}: user and pass go together`);
  if (user !== undefined) host.user = user;
  if (pass !== undefined) host.pass = pass;
  const token = fields.get('token');
  if (token !== undefined) host.token = token;
  if (user !== undefined || token !== undefined) host.credsFrom = `${from} reg=${registry}`;
  const repoAuth = fields.get('repo-auth');
  if (repoAuth !== undefined) {
    if (repoAuth !== 'true' && repoAuth !== 'false') throw new UsageError(`--host reg=${registry}: repo-auth must be true or false`);
    host.repoAuth = repoAuth === 'true';
  }
  const api = fields.get('api');
  if (api !== undefined) {
    if (!(HOST_APIS as readonly string[]).includes(api))
      throw new UsageError(
        `--host reg=${registry}: api must be github (deletes through the GitHub Packages API) or dockerhub (tag deletes through the Docker Hub API)`,
      );
    host.api = api as HostApi;
  }
  return host;
}

/** Several specs; one registry may be described once. */
export function parseHostSpecs(specs: readonly string[], from = '--host'): HostConfig[] {
  const hosts = specs.map((spec) => parseHostSpec(spec, from));
  const seen = new Set<string>();
  for (const h of hosts) {
    if (seen.has(h.registry)) throw new UsageError(`--host reg=${h.registry} given twice; put every setting of a registry in one --host`);
    seen.add(h.registry);
  }
  return hosts;
}

/**
 * The credential values in raw specs, found without parsing (which may fail), so they can be hidden first. A value
 * with a comma in it (invalid, but typed) is hidden whole and piece by piece.
 */
export function secretsInHostSpecs(specs: readonly string[]): string[] {
  const secrets: string[] = [];
  for (const spec of specs) {
    let current: string[] | undefined;
    for (const field of spec.split(',')) {
      const eq = field.indexOf('=');
      if (eq <= 0 && current) {
        current.push(field);
        continue;
      }
      if (current) secrets.push(current.join(','), ...current);
      current = eq > 0 && SECRET_KEYS.includes(field.slice(0, eq).trim()) ? [field.slice(eq + 1)] : undefined;
    }
    if (current) secrets.push(current.join(','), ...current);
  }
  return [...new Set(secrets.filter((s) => s !== ''))];
}
