// TLS per host (regclient's `tls: enabled|insecure|disabled`, `regcert`, `clientCert`/`clientKey`) as undici agents.
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { Agent } from './undici-lean.js';
import type { HostConfig } from '../config/hostconfig.js';

export interface AgentTimeouts {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

const KEEP_ALIVE_MS = 30_000;

/**
 * Stated rather than left to undici (300 s each), so a registry or token realm that accepts a connection and then
 * says nothing fails within minutes even after every retry. Headers get room for a registry that verifies a large
 * upload before answering its last PUT; the body timeout is idle time between chunks, not the length of a transfer.
 */
export const DEFAULT_TIMEOUTS: Required<AgentTimeouts> = { connectTimeoutMs: 10_000, headersTimeoutMs: 120_000, bodyTimeoutMs: 120_000 };

export function originFor(host: HostConfig, apiHost: string): URL {
  return new URL(`${host.tls === 'disabled' ? 'http' : 'https'}://${apiHost}`);
}

/**
 * An agent with the host's verification mode and CA (added to the public roots, since `ca` alone would replace
 * them). The client certificate goes only to the registry itself, not to the storage or token hosts it sends us to.
 * Connections are not capped: the request limiter bounds concurrency, and an undici connection cap would let a
 * streaming GET body hold the connection a PUT on the same host needs.
 */
export function agentFor(
  host: HostConfig,
  given: AgentTimeouts,
  audience: 'registry' | 'foreign',
  env: ProxyEnv = process.env,
): Dispatcher | Promise<Dispatcher> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...given };
  const tls = {
    ...(host.tls === 'insecure' ? { rejectUnauthorized: false } : {}),
    ...(host.regcert ? { ca: [...rootCertificates, host.regcert] } : {}),
    ...(audience === 'registry' && host.clientCert && host.clientKey ? { cert: host.clientCert, key: host.clientKey } : {}),
  };
  const options = {
    keepAliveTimeout: KEEP_ALIVE_MS,
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.bodyTimeoutMs,
    connect: { timeout: timeouts.connectTimeoutMs, ...tls },
  };
  if (!proxyConfigured(env)) return new Agent(options);
  // Through a proxy (its modules loaded only then) the registry's TLS runs inside the CONNECT tunnel: `requestTls`
  // carries the host's mode, CA and client certificate there, so a proxied registry is verified as a direct one.
  const httpProxy = env['http_proxy'] || env['HTTP_PROXY'];
  const httpsProxy = env['https_proxy'] || env['HTTPS_PROXY'];
  return import('./proxy.js').then(({ envProxyAgent }) =>
    envProxyAgent({
      ...options,
      requestTls: { ...tls, timeout: timeouts.connectTimeoutMs },
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      noProxy: env['no_proxy'] ?? env['NO_PROXY'] ?? '',
    }),
  );
}

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** As Go's ProxyFromEnvironment, which regclient uses: either spelling of HTTP_PROXY or HTTPS_PROXY, lower case first. */
export function proxyConfigured(env: ProxyEnv): boolean {
  return ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY'].some((k) => (env[k] ?? '') !== '');
}
