// Which credential a registry gets, in order: the explicit host config (`--host`, config `creds`), then docker's
// config.json (inline `auths`, `credHelpers`, `credsStore`), else anonymous. Helper answers are cached for
// `credExpire` seconds; a failed helper is asked again after a few seconds.
import { DOCKER_HUB } from '../../oci/reference.js';
import type { Logger, Secrets } from '../../log.js';
import { ANONYMOUS, learnCredential, type Credential, type CredentialSource } from './credential.js';
import { runCredentialHelper } from './cred-helper.js';
import { decodeAuthEntry, DOCKER_HUB_CRED_HOST, helperFor, inlineCredential, loadDockerConfig, type DockerConfig } from './docker-config.js';
import type { HostConfig } from '../../config/hostconfig.js';

const DEFAULT_CRED_EXPIRE_S = 3600;
const FAILED_HELPER_RETRY_MS = 5_000;

export interface CredentialSourceOptions {
  host: HostConfig;
  /** Loaded docker config, or `undefined` to ignore docker's credentials. */
  dockerConfig: () => Promise<DockerConfig | undefined>;
  logger: Logger;
  /** Every credential handed out is registered here first. */
  secrets: Secrets;
  now?: () => number;
}

/** The name a credential store knows a registry by: `credHost`, Docker Hub's v1 URL, else the registry host. */
export function credHostFor(host: HostConfig): string {
  if (host.credHost) return host.credHost;
  if (host.registry === DOCKER_HUB) return DOCKER_HUB_CRED_HOST;
  return host.hostname ?? host.registry;
}

export class HostCredentialSource implements CredentialSource {
  private cached: { value: Credential; until: number; origin: string } | undefined;
  private pending: Promise<Credential> | undefined;
  private origin = 'anonymous';
  private readonly now: () => number;

  constructor(private readonly opts: CredentialSourceOptions) {
    this.now = opts.now ?? Date.now;
  }

  describe(): string {
    return this.origin;
  }

  async credential(): Promise<Credential> {
    if (this.cached && this.cached.until > this.now()) return this.cached.value;
    this.pending ??= this.resolve().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private remember(value: Credential, ttlMs: number, origin: string): Credential {
    learnCredential(this.opts.secrets, value);
    this.cached = { value, until: this.now() + ttlMs, origin };
    this.origin = origin;
    return value;
  }

  private async resolve(): Promise<Credential> {
    const { host, logger } = this.opts;
    if (host.user && host.pass !== undefined)
      return this.remember({ kind: 'basic', username: host.user, password: host.pass }, Infinity, host.credsFrom ?? 'host config user/pass');
    if (host.token)
      return this.remember(
        { kind: 'token', token: host.token, ...(host.user ? { username: host.user } : {}) },
        Infinity,
        host.credsFrom ?? 'host config token',
      );
    const credHost = credHostFor(host);
    const ttl = (host.credExpire ?? DEFAULT_CRED_EXPIRE_S) * 1000;
    if (host.credHelper) return this.fromHelper(host.credHelper, credHost, ttl);
    const config = await this.opts.dockerConfig();
    if (config) {
      const inline = inlineCredential(config, credHost);
      if (inline) return this.remember(inline, Infinity, 'docker config.json');
      const helper = helperFor(config, credHost);
      if (helper) return this.fromHelper(helper, credHost, ttl);
    }
    logger.debug('no credentials configured; using anonymous access', { registry: host.registry });
    return this.remember(ANONYMOUS, Infinity, 'anonymous');
  }

  private async fromHelper(helper: string, credHost: string, ttlMs: number): Promise<Credential> {
    const origin = `docker-credential-${helper}`;
    try {
      return this.remember(await runCredentialHelper(helper, credHost), ttlMs, origin);
    } catch (err) {
      this.opts.logger.warn(`credential helper failed, continuing anonymously: ${(err as Error).message}`, { registry: this.opts.host.registry });
      return this.remember(ANONYMOUS, FAILED_HELPER_RETRY_MS, `${origin} (failed)`);
    }
  }
}

/**
 * Loads docker's config once, on first use, and shares it between hosts. Every credential written in it is
 * registered as a secret on load, those of hosts this run never talks to included.
 */
export function sharedDockerConfig(enabled: boolean, secrets: Secrets, path?: string): () => Promise<DockerConfig | undefined> {
  let loaded: Promise<DockerConfig> | undefined;
  return async () => {
    if (!enabled) return undefined;
    loaded ??= loadDockerConfig(path).then((config) => {
      for (const entry of Object.values(config.auths)) {
        const { username, password, identitytoken } = decodeAuthEntry(entry);
        if (password !== undefined) secrets.addBasic(username ?? '', password);
        secrets.add(identitytoken);
        secrets.add(entry.auth);
      }
      return config;
    });
    return loaded;
  };
}
