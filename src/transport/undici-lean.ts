// undici's Agent and request() without the package index, which also loads fetch, WebSocket, caches and mocks: about
// a fifth of the CLI's start-up, paid by every call. The paths are undici 7's lib layout (the dependency stays 7.x).
import { setFlagsFromString } from 'node:v8';
import type { Agent as AgentType, Dispatcher } from 'undici';
import AgentClass from 'undici/lib/dispatcher/agent.js';
import apiRequest from 'undici/lib/api/api-request.js';

// undici parses HTTP/1 with llhttp compiled to WebAssembly. V8 re-optimizes that module on background threads, and
// process exit waits for them: ~100 ms added to every CLI run on Node 20, ~45 ms on Node 24. The baseline compiler
// alone is fast enough, since bodies are only counted, not parsed. Set before the first connection compiles the
// module; Node 24's V8 no longer derives "no dynamic tiering" from --liftoff-only set at run time, so both are named.
setFlagsFromString('--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering');

export type Agent = AgentType;
export const Agent = AgentClass;

/** `agent.request(opts)`: the index adds `request` to every dispatcher's prototype; this module does not load it. */
export function requestVia(agent: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(agent, opts);
}
