// The stores a run uses, one per registry and one per OCI layout directory, created on first use and sharing
// nothing but docker's config: each registry gets its own session (client with its connections, limiter and tokens,
// and what the store learns about the registry while the run goes).
import { resolve } from 'node:path';
import { Secrets, type Logger } from '../log.js';
import type { Reference } from '../oci/reference.js';
import { KEEP_SPENT, type SpentChunks } from '../spent-buffers.js';
import { DEFAULT_CERTS_DIRS, withCertsDirs } from '../transport/certs-dir.js';
import { RegistryClient } from '../transport/client.js';
import { HostCredentialSource, sharedDockerConfig } from '../transport/auth/credential-sources.js';
import { hostConfigFor, type HostConfig } from '../config/hostconfig.js';
import { boundsWith, type Bounds } from '../config/bounds.js';
import { learnHostSecrets } from '../config/secrets.js';
import type { LayoutBounds } from './ocidir/layout.js';
import type { RetryPolicy } from '../retry.js';
import type { AgentTimeouts } from '../transport/tls.js';
import { DEFAULT_USER_AGENT } from '../transport/user-agent.js';
import { OcidirStore } from './ocidir/ocidir.js';
import { RegistryStore } from './registry/registry.js';
import { RegistrySession } from './registry/session.js';
import { DEFAULT_GITHUB_API_URL, githubPackagesFor, type GithubApiSettings } from './registry/github/packages.js';
import { DEFAULT_DOCKER_HUB_API_URL, dockerHubFor, type DockerHubSettings } from './registry/dockerhub/hub.js';
import type { Store } from './store.js';

export interface StoreOptions {
  hosts: HostConfig[];
  logger: Logger;
  /**
   * The run's secrets, which the face masks its output with: the hosts' credentials are added when the set is made,
   * before any request, and credentials and tokens learned later as they arrive. A set of its own when absent.
   */
  secrets?: Secrets;
  /** Read credentials from docker's config.json and its credential helpers. Default true. */
  useDockerConfig?: boolean;
  userAgent?: string;
  /** Retry tuning (tests shorten the backoff); defaults to 5 retries from 100 ms up to 30 s. */
  retry?: Partial<RetryPolicy>;
  /** Connect, headers and body-idle timeouts (tests shorten them); defaults in transport/tls.ts. */
  timeouts?: AgentTimeouts;
  /** Bounds on bytes, pages, entries and time of what is read; defaults in config/bounds.ts. */
  bounds?: Partial<Bounds>;
  /** Where per-registry certificates live; default `/etc/docker/certs.d` and `/etc/containers/certs.d`. */
  certsDirs?: readonly string[];
  /** Told of blob bytes streamed and verified, so their buffers are freed as the copy goes (spent-buffers.ts). */
  spent?: SpentChunks;
  /** The GitHub API for registries that delete through GitHub Packages (ghcr.io); default api.github.com, no token. */
  github?: GithubApiSettings;
  /** The Docker Hub API for registries whose tags are deleted through it (docker.io); default hub.docker.com. */
  dockerHub?: DockerHubSettings;
}

export class StoreSet {
  private readonly registries = new Map<string, RegistryStore>();
  private readonly ocidirs = new Map<string, OcidirStore>();
  private readonly dockerConfig: ReturnType<typeof sharedDockerConfig>;
  /** For what streams blobs outside a store (an archive written or read). */
  readonly spent: SpentChunks;
  readonly secrets: Secrets;

  constructor(private readonly opts: StoreOptions) {
    this.secrets = opts.secrets ?? new Secrets();
    this.secrets.add(opts.github?.token);
    for (const host of opts.hosts) learnHostSecrets(this.secrets, host);
    this.dockerConfig = sharedDockerConfig(opts.useDockerConfig ?? true, this.secrets);
    this.spent = opts.spent ?? KEEP_SPENT;
  }

  get layoutBounds(): LayoutBounds {
    return boundsWith(this.opts.bounds);
  }

  storeFor(ref: Reference): Store {
    if (ref.scheme === 'registry') return this.storeForRegistry(ref.registry);
    const key = resolve(ref.path);
    let store = this.ocidirs.get(key);
    if (!store)
      this.ocidirs.set(
        key,
        (store = new OcidirStore(ref.path, { logger: this.opts.logger, spent: this.spent, ...(this.opts.bounds ? { bounds: this.opts.bounds } : {}) })),
      );
    return store;
  }

  storeForRegistry(registry: string): Store {
    let store = this.registries.get(registry);
    if (!store) {
      const host = withCertsDirs(hostConfigFor(registry, this.opts.hosts), this.opts.certsDirs ?? DEFAULT_CERTS_DIRS, this.opts.logger);
      const credentials = new HostCredentialSource({ host, dockerConfig: this.dockerConfig, logger: this.opts.logger, secrets: this.secrets });
      const client = new RegistryClient({
        host,
        credentials,
        logger: this.opts.logger,
        secrets: this.secrets,
        userAgent: this.opts.userAgent ?? DEFAULT_USER_AGENT,
        ...(this.opts.retry ? { retry: this.opts.retry } : {}),
        ...(this.opts.timeouts ? { timeouts: this.opts.timeouts } : {}),
        ...(this.opts.bounds ? { bounds: this.opts.bounds } : {}),
      });
      const githubPackages = githubPackagesFor(
        host,
        this.opts.github ?? { apiUrl: DEFAULT_GITHUB_API_URL },
        this.opts.userAgent ?? DEFAULT_USER_AGENT,
        this.opts.logger,
      );
      const dockerHub = dockerHubFor(
        host,
        this.opts.dockerHub ?? { apiUrl: DEFAULT_DOCKER_HUB_API_URL },
        credentials,
        this.opts.userAgent ?? DEFAULT_USER_AGENT,
        this.opts.logger,
        this.secrets,
      );
      this.registries.set(
        registry,
        (store = new RegistryStore(
          new RegistrySession({
            client,
            logger: this.opts.logger,
            spent: this.spent,
            ...(githubPackages ? { githubPackages } : {}),
            ...(dockerHub ? { dockerHub } : {}),
          }),
        )),
      );
    }
    return store;
  }

  async close(): Promise<void> {
    const stores: Store[] = [...this.registries.values(), ...this.ocidirs.values()];
    this.registries.clear();
    this.ocidirs.clear();
    await Promise.all(stores.map((s) => s.close()));
  }
}
