// Which credentials a command's stores use, decided once for both faces: a sync config's `creds` with the
// `--host` flags (or `hosts` input) on top, and docker's config.json unless the config says `skipDockerConfig`.
import type { Logger, Secrets } from '../log.js';
import { collectEvery, KEEP_SPENT } from '../spent-buffers.js';
import { StoreSet, type StoreOptions } from '../store/open.js';
import { githubApiFromEnv } from '../store/registry/github/packages.js';
import { dockerHubFromEnv } from '../store/registry/dockerhub/hub.js';
import type { HostConfig } from '../config/hostconfig.js';
import { isSyncCommand, type Command, type GlobalOptions } from './options.js';
import type { Bounds } from '../config/bounds.js';

/** Config `creds` first, then the flags on top, field by field: the command line wins for the registry it names. */
export function mergeHosts(fromConfig: readonly HostConfig[], fromFlags: readonly HostConfig[]): HostConfig[] {
  const byRegistry = new Map<string, HostConfig>(fromConfig.map((h) => [h.registry, { ...h }]));
  for (const h of fromFlags) byRegistry.set(h.registry, { ...byRegistry.get(h.registry), ...h });
  return [...byRegistry.values()];
}

/**
 * Layers, lowest first: the user's stored registry settings (`registry set|login`), a config's `creds`, the flags.
 */
function storeOptionsFor(
  command: Command,
  hosts: readonly HostConfig[],
  bounds: Partial<Bounds>,
  logger: Logger,
  secrets: Secrets,
  stored: readonly HostConfig[],
): StoreOptions {
  if (command.name === 'prune once') {
    const { config } = command;
    return {
      hosts: mergeHosts(mergeHosts(stored, config.creds), hosts),
      bounds,
      logger,
      secrets,
      useDockerConfig: !config.defaults.skipDockerConfig,
      ...(config.defaults.userAgent ? { userAgent: config.defaults.userAgent } : {}),
    };
  }
  if (!isSyncCommand(command)) return { hosts: mergeHosts(stored, hosts), bounds, logger, secrets };
  const { config } = command;
  return { hosts: mergeHosts(mergeHosts(stored, config.creds), hosts), bounds, logger, secrets, useDockerConfig: !config.defaults.skipDockerConfig };
}

/** What the entry point's runtime tuning gives the stores (runtime.ts); nothing when run as a library. */
export interface StoreTuning {
  /** A young-generation collection, run every few MiB of blob data streamed and verified. */
  collectYoung?: () => void;
}

/**
 * The stores a command runs against, as both faces open them. Every credential the stores hold or learn is added to
 * `secrets`, the set the face masks its output with; those of the hosts and the config's `creds` at once.
 */
export function openStores(
  command: Command,
  global: Pick<GlobalOptions, 'hosts' | 'bounds'>,
  logger: Logger,
  secrets: Secrets,
  tuning: StoreTuning = {},
  stored: readonly HostConfig[] = [],
): StoreSet {
  const spent = tuning.collectYoung ? collectEvery(tuning.collectYoung) : KEEP_SPENT;
  return new StoreSet({
    ...storeOptionsFor(command, global.hosts, global.bounds, logger, secrets, stored),
    spent,
    github: githubApiFromEnv(process.env),
    dockerHub: dockerHubFromEnv(process.env),
  });
}

export type { StoreSet };
