// `registry set|login|logout|ls`: edits of the stored settings file (config/user-settings.ts). Nothing here prints a
// password or token: `ls` says whether one is stored.
import { hostFromStored, readSettingsFile, storedKey, writeSettingsFile, type StoredHost } from '../config/user-settings.js';
import type { HostConfig } from '../config/hostconfig.js';
import type { DocumentOutput } from './views.js';
import type { RegistrySettingsCommand } from './options.js';

/** HostConfig fields → the file's keys (regctl's spelling). */
function toStored(settings: Partial<HostConfig>): StoredHost {
  const out: StoredHost = {};
  if (settings.tls !== undefined) out.tls = settings.tls;
  if (settings.hostname !== undefined) out.hostname = settings.hostname;
  if (settings.regcert !== undefined) out.regcert = settings.regcert;
  if (settings.repoAuth !== undefined) out.repoAuth = settings.repoAuth;
  if (settings.reqConcurrent !== undefined) out.reqConcurrent = settings.reqConcurrent;
  if (settings.reqPerSec !== undefined) out.reqPerSec = settings.reqPerSec;
  return out;
}

function message(text: string): DocumentOutput {
  return { kind: 'document', text: `${text}\n`, json: { message: text }, view: { Message: text } };
}

interface ListedHost {
  registry: string;
  tls: string;
  hostname?: string;
  user?: string;
  /** Whether a password or token is stored; never its value. */
  credentials: boolean;
}

function listed(h: HostConfig): ListedHost {
  return {
    registry: h.registry,
    tls: h.tls ?? 'enabled',
    ...(h.hostname !== undefined ? { hostname: h.hostname } : {}),
    ...(h.user !== undefined ? { user: h.user } : {}),
    credentials: h.pass !== undefined || h.token !== undefined,
  };
}

export function runRegistrySettings(cmd: RegistrySettingsCommand): DocumentOutput {
  const file = readSettingsFile(cmd.file);
  if (cmd.name === 'registry ls') {
    const hosts = Object.entries(file.hosts).map(([name, h]) => listed(hostFromStored(name, h ?? {}, cmd.file)));
    const text = hosts
      .map(
        (h) =>
          `${h.registry}  tls=${h.tls}${h.hostname ? ` hostname=${h.hostname}` : ''}${h.user ? ` user=${h.user}` : ''}${h.credentials ? ' (credentials stored)' : ''}\n`,
      )
      .join('');
    const view = { Hosts: hosts.map((h) => ({ Name: h.registry, TLS: h.tls, Hostname: h.hostname ?? '', User: h.user ?? '', Credentials: h.credentials })) };
    return { kind: 'document', text, json: hosts, view };
  }
  const key = storedKey(file, cmd.registry);
  const entry: StoredHost = { ...file.hosts[key] };
  switch (cmd.name) {
    case 'registry set':
      Object.assign(entry, toStored(cmd.settings));
      break;
    case 'registry login':
      entry.user = cmd.user;
      entry.pass = cmd.pass;
      delete entry.token;
      break;
    case 'registry logout':
      delete entry.user;
      delete entry.pass;
      delete entry.token;
      break;
  }
  // Checked before writing: a value the loader would refuse never reaches the file.
  hostFromStored(key, entry, cmd.file);
  file.hosts[key] = entry;
  writeSettingsFile(cmd.file, file);
  const done = cmd.name === 'registry set' ? 'settings stored' : cmd.name === 'registry login' ? `credentials of ${cmd.user} stored` : 'credentials removed';
  return message(`${cmd.registry}: ${done} in ${cmd.file}`);
}
