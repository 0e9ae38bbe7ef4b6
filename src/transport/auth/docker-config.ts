// Docker's client config (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`): where `docker login` leaves
// credentials, or the name of the credential helper that holds them.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { Credential } from './credential.js';

export interface DockerAuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

export interface DockerConfig {
  auths: Record<string, DockerAuthEntry>;
  credHelpers: Record<string, string>;
  credsStore?: string;
}

/** Docker Hub's credentials live under its v1 index URL, as `docker login` writes them. */
export const DOCKER_HUB_CRED_HOST = 'https://index.docker.io/v1/';

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'config.json');
}

/** The config at `path`; an empty one when the file does not exist. */
export async function loadDockerConfig(path: string = dockerConfigPath()): Promise<DockerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { auths: {}, credHelpers: {} };
    throw new ConfigError(`cannot read docker config: ${(err as Error).message}`, { file: path });
  }
  return parseDockerConfig(text, path);
}

export function parseDockerConfig(text: string, file?: string): DockerConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      `docker config is not valid JSON (${(err as Error).message}); fix it or set DOCKER_CONFIG to another directory`,
      file ? { file } : {},
    );
  }
  const obj = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const auths = (typeof obj['auths'] === 'object' && obj['auths'] !== null ? obj['auths'] : {}) as Record<string, DockerAuthEntry>;
  const credHelpers = (typeof obj['credHelpers'] === 'object' && obj['credHelpers'] !== null ? obj['credHelpers'] : {}) as Record<string, string>;
  const credsStore = typeof obj['credsStore'] === 'string' && obj['credsStore'] !== '' ? obj['credsStore'] : undefined;
  return { auths, credHelpers, ...(credsStore ? { credsStore } : {}) };
}

/** Keys may be written as `host`, `https://host`, or `https://host/v1/`: compare by host alone. */
export function normalizeCredHost(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

function findByHost<T>(map: Record<string, T>, host: string): T | undefined {
  if (Object.prototype.hasOwnProperty.call(map, host)) return map[host];
  const wanted = normalizeCredHost(host);
  for (const [key, value] of Object.entries(map)) if (normalizeCredHost(key) === wanted) return value;
  return undefined;
}

/** An `auths` entry's user and password (from `auth`, base64 of `user:pass`, else the plain fields) and token. */
export function decodeAuthEntry(entry: DockerAuthEntry): { username?: string; password?: string; identitytoken?: string } {
  let username = entry.username;
  let password = entry.password;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  return { ...(username ? { username } : {}), ...(password ? { password } : {}), ...(entry.identitytoken ? { identitytoken: entry.identitytoken } : {}) };
}

/** Credentials written inline in `auths`, if the entry holds any. */
export function inlineCredential(config: DockerConfig, credHost: string): Credential | undefined {
  const entry = findByHost(config.auths, credHost);
  if (!entry) return undefined;
  const { username, password, identitytoken } = decodeAuthEntry(entry);
  if (identitytoken) return { kind: 'token', token: identitytoken, ...(username ? { username } : {}) };
  if (username && password !== undefined) return { kind: 'basic', username, password };
  return undefined;
}

/** The helper that holds this host's credentials: the per-host `credHelpers` entry, else the default `credsStore`. */
export function helperFor(config: DockerConfig, credHost: string): string | undefined {
  return findByHost(config.credHelpers, credHost) ?? config.credsStore;
}
