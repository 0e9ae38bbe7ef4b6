// Per-registry settings: the fields of regclient's `creds[]` entries, also filled from `--host` and docker config.

export type TlsMode = 'enabled' | 'insecure' | 'disabled';

/** The values of regkit's `api` key: which vendor API deletes go through. */
export const HOST_APIS = ['github', 'dockerhub'] as const;
export type HostApi = (typeof HOST_APIS)[number];

export interface HostConfig {
  /** Registry name as used in references (`docker.io` for Docker Hub). */
  registry: string;
  /** Real DNS host[:port] when it differs from `registry`. */
  hostname?: string;
  user?: string;
  pass?: string;
  /** Identity/refresh token, exchanged for access tokens with `grant_type=refresh_token`. */
  token?: string;
  /**
   * Where `user`/`pass`/`token`/`credHelper` were written (`--host`, `regsync.yml:12:5 (creds entry)`, the settings
   * file), so a refused login names the place to correct.
   */
  credsFrom?: string;
  /** `docker-credential-<credHelper>` program to ask for credentials. */
  credHelper?: string;
  /** Seconds before a helper's answer is asked again. */
  credExpire?: number;
  credHost?: string;
  tls?: TlsMode;
  /** CA certificate(s), PEM text. */
  regcert?: string;
  clientCert?: string;
  clientKey?: string;
  /** Inserted after `/v2/` for registries that serve under a prefix. */
  pathPrefix?: string;
  /** One token per repository instead of one per host with accumulated scopes (GCR, large ACR). */
  repoAuth?: boolean;
  /** Chunk size for chunked uploads, bytes. */
  blobChunk?: number;
  /** Blobs above this size go up in chunks rather than one PUT; -1 never. */
  blobMax?: number;
  reqPerSec?: number;
  /** Concurrent requests to this host. */
  reqConcurrent?: number;
  /** `disableHead: "true"` makes manifest HEAD a GET. */
  apiOpts?: Record<string, string>;
  /**
   * regkit extension: `github` deletes through the GitHub Packages API (as ghcr.io always does), e.g. GitHub
   * Enterprise's registry; `dockerhub` deletes tags through the Docker Hub API (as docker.io always does).
   */
  api?: HostApi;
}

/**
 * Requests in flight per host until their response headers (regclient allows 3). Six, as browsers open per host: a
 * sync checks every tag at once and a copy checks every blob at once, and on a distant registry those round trips are
 * the run's length; uploads do not hold a slot, so bodies in flight stay bounded by the copy's own concurrency.
 */
export const DEFAULT_REQ_CONCURRENT = 6;

/** Chunk size for chunked uploads when neither the config nor the registry (`OCI-Chunk-Min-Length`) says. */
export const DEFAULT_BLOB_CHUNK = 1024 * 1024;
/** A registry may ask for chunks this large at most; a larger minimum is refused rather than buffered. */
export const MAX_BLOB_CHUNK = 1024 * 1024 * 1024;

/** The settings for a registry: its configured entry, else the defaults (TLS enabled, as regclient does). */
export function hostConfigFor(registry: string, hosts: readonly HostConfig[]): HostConfig {
  return hosts.find((h) => h.registry === registry) ?? { registry };
}

export function headDisabled(host: HostConfig): boolean {
  return host.apiOpts?.['disableHead'] === 'true';
}

/** Deletes on this registry go through the GitHub Packages REST API: ghcr.io refuses every OCI manifest DELETE. */
export function deletesThroughGithubPackages(host: HostConfig): boolean {
  return host.registry === 'ghcr.io' || host.api === 'github';
}

/** Tags on this registry are deleted through the Docker Hub API: Hub refuses the registry's DELETE of a tag. */
export function deletesThroughDockerHub(host: HostConfig): boolean {
  return host.registry === 'docker.io' || host.api === 'dockerhub';
}
