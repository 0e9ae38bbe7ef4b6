// undici's Agent and request() without the package index, which also loads fetch, WebSocket, caches and mocks: about
// a fifth of the CLI's start-up, paid by every call. The paths are undici 7's lib layout (the dependency stays 7.x).
import type { Agent as AgentType, Dispatcher, EnvHttpProxyAgent as EnvHttpProxyAgentType } from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import PoolClass from 'undici/lib/dispatcher/pool.js';
import apiConnect from 'undici/lib/api/api-connect.js';
import apiRequest from 'undici/lib/api/api-request.js';

export type Agent = AgentType;
export const Agent = AgentClass;

/** Chooses per request between a direct connection and the `HTTP(S)_PROXY` one, honouring `NO_PROXY`. */
export type EnvHttpProxyAgent = EnvHttpProxyAgentType;
export const EnvHttpProxyAgent = EnvHttpProxyAgentClass;

/**
 * The connection to the proxy, given the `connect()` (CONNECT) the proxy agent calls: the package index puts it on
 * every dispatcher's prototype; here it goes on this one pool only. Passed as the proxy agent's `clientFactory`.
 */
export function proxyPool(origin: URL | string, opts: object): Dispatcher {
  const pool = new PoolClass(origin, opts);
  return Object.assign(pool, { connect: apiConnect });
}

/** `agent.request(opts)`: the index adds `request` to every dispatcher's prototype; this module does not load it. */
export function requestVia(agent: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(agent, opts);
}
