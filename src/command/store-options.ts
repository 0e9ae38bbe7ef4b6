// Which credentials a command's stores use, decided once for both faces: a sync config's `creds` with the
// `--host` flags (or `hosts` input) on top, and docker's config.json unless the config says `skipDockerConfig`.
import type { Logger } from '../log.js';
import { StoreSet, type StoreOptions } from '../store/open.js';
import { githubApiFromEnv } from '../store/registry/github/packages.js';
import type { HostConfig } from '../config/hostconfig.js';
import { isSyncCommand, type Command } from './options.js';

/** Config `creds` first, then the flags on top, field by field: the command line wins for the registry it names. */
export function mergeHosts(fromConfig: readonly HostConfig[], fromFlags: readonly HostConfig[]): HostConfig[] {
  const byRegistry = new Map<string, HostConfig>(fromConfig.map((h) => [h.registry, { ...h }]));
  for (const h of fromFlags) byRegistry.set(h.registry, { ...byRegistry.get(h.registry), ...h });
  return [...byRegistry.values()];
}

function storeOptionsFor(command: Command, hosts: readonly HostConfig[], logger: Logger): StoreOptions {
  if (command.name === 'prune once') {
    const { config } = command;
    return { hosts: mergeHosts(config.creds, hosts), logger, useDockerConfig: !config.defaults.skipDockerConfig, ...(config.defaults.userAgent ? { userAgent: config.defaults.userAgent } : {}) };
  }
  if (!isSyncCommand(command)) return { hosts: [...hosts], logger };
  const { config } = command;
  return { hosts: mergeHosts(config.creds, hosts), logger, useDockerConfig: !config.defaults.skipDockerConfig };
}

/** The stores a command runs against, as both faces open them. */
export function openStores(command: Command, hosts: readonly HostConfig[], logger: Logger): StoreSet {
  return new StoreSet({ ...storeOptionsFor(command, hosts, logger), github: githubApiFromEnv(process.env) });
}

export type { StoreSet };
