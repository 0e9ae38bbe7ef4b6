// undici's Agent and request() without the package index, which also loads fetch, WebSocket, caches and mocks: about
// a fifth of the CLI's start-up, paid by every call. The paths are undici 7's lib layout (the dependency stays 7.x).
import type { Agent as AgentType, Dispatcher } from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import apiRequest from 'undici/lib/api/api-request.js';

export type Agent = AgentType;
export const Agent = AgentClass;

/** `agent.request(opts)`: the index adds `request` to every dispatcher's prototype; this module does not load it. */
export function requestVia(agent: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(agent, opts);
}
