// The proxy path of the transport (HTTP_PROXY / HTTPS_PROXY / NO_PROXY), loaded by tls.ts only when a proxy is set:
// most runs have none, and these undici modules would add to every CLI call's start-up.
import type { Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import apiConnect from 'undici/lib/api/api-connect.js';

/**
 * The connection to the proxy, given the `connect()` (CONNECT) the proxy agent calls: the package index puts it on
 * every dispatcher's prototype; here it goes on this one pool only.
 */
function proxyPool(origin: URL | string, opts: object): Dispatcher {
  return Object.assign(new Pool(origin, opts), { connect: apiConnect });
}

export function envProxyAgent(options: EnvHttpProxyAgentType.Options): Dispatcher {
  return new EnvHttpProxyAgent({ ...options, clientFactory: proxyPool } as EnvHttpProxyAgentType.Options);
}
