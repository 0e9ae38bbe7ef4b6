// Fetching a bearer token from a token realm (distribution token spec; OAuth2 refresh-token flow for identity tokens).
import { RegistryError } from '../../errors.js';
import { classifyStatus } from '../../retry.js';
import type { Logger, Secrets } from '../../log.js';
import { basicAuthorization, credentialsHint, type Credential } from './credential.js';

export interface TokenHttpResponse {
  status: number;
  text(): Promise<string>;
}

/** How the authenticator reaches a realm; the client supplies it so TLS settings and retries apply. */
export type TokenHttp = (url: URL, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }) => Promise<TokenHttpResponse>;

export interface BearerToken {
  token: string;
  /** Epoch ms after which the token is not used again. */
  renewAt: number;
}

export interface TokenRequest {
  realm: string;
  service: string | undefined;
  scopes: string[];
  credential: Credential;
  /** Where the credential came from, for the hint when it is refused. */
  credentialsFrom: string;
  registry: string;
  /** The registry's own origin: credentials never go to another host name over plain HTTP. */
  registryOrigin: URL;
  repository: string | undefined;
}

const CLIENT_ID = 'regkit';
/** Tokens without `expires_in` live 60 s (token spec); renew a little before the end to avoid a 401 in flight. */
const MIN_EXPIRES_S = 60;
const RENEW_EARLY_MS = 5_000;

/** Every token in a realm's answer is registered in `secrets` before it is used or anything can echo it. */
export async function fetchBearerToken(
  req: TokenRequest,
  http: TokenHttp,
  logger: Logger,
  secrets: Secrets,
  now: () => number = Date.now,
): Promise<BearerToken> {
  let realm: URL;
  try {
    realm = new URL(req.realm);
  } catch {
    throw new RegistryError(`the registry sent an unusable token realm "${req.realm}"`, {
      status: 401,
      registry: req.registry,
      repository: req.repository,
      operation: 'auth',
    });
  }
  let credential = req.credential;
  // Same host name on another port is the same machine the user already talks to in the clear; another name is not.
  if (credential.kind !== 'anonymous' && realm.protocol === 'http:' && realm.hostname !== req.registryOrigin.hostname) {
    logger.warn('token realm is another host over plain HTTP: asking for an anonymous token instead of sending credentials', {
      registry: req.registry,
      realm: realm.origin,
    });
    credential = { kind: 'anonymous' };
  }
  const headers: Record<string, string> = {};
  let init: Parameters<TokenHttp>[1];
  if (credential.kind === 'token') {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.token, client_id: CLIENT_ID });
    if (req.service) form.set('service', req.service);
    if (req.scopes.length) form.set('scope', req.scopes.join(' '));
    headers['content-type'] = 'application/x-www-form-urlencoded';
    init = { method: 'POST', headers, body: form.toString() };
  } else {
    const url = new URL(realm);
    if (req.service) url.searchParams.set('service', req.service);
    for (const s of req.scopes) url.searchParams.append('scope', s);
    url.searchParams.set('client_id', CLIENT_ID);
    if (credential.kind === 'basic') {
      url.searchParams.set('account', credential.username);
      headers['authorization'] = basicAuthorization(credential.username, credential.password);
    }
    realm = url;
    init = { method: 'GET', headers };
  }
  const res = await http(realm, init);
  const text = await res.text();
  if (res.status !== 200) {
    const denied = res.status === 401 || res.status === 403;
    throw new RegistryError(`the token server ${realm.origin} refused a token for ${req.scopes.join(' ') || 'the registry'}`, {
      status: res.status,
      registry: req.registry,
      repository: req.repository,
      operation: 'auth',
      failure: denied ? 'fatal' : classifyStatus(res.status),
      ...(denied ? { hint: credentialsHint(req.registry, credential.kind === 'anonymous' ? undefined : req.credentialsFrom) } : {}),
    });
  }
  let body: { token?: unknown; access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new RegistryError(`the token server ${realm.origin} answered with something that is not JSON`, {
      status: res.status,
      registry: req.registry,
      repository: req.repository,
      operation: 'auth',
    });
  }
  for (const t of [body.token, body.access_token, body.refresh_token]) if (typeof t === 'string') secrets.add(t);
  const token = typeof body.token === 'string' && body.token !== '' ? body.token : typeof body.access_token === 'string' ? body.access_token : '';
  if (token === '')
    throw new RegistryError(`the token server ${realm.origin} answered without a token`, {
      status: res.status,
      registry: req.registry,
      repository: req.repository,
      operation: 'auth',
    });
  const expiresIn = Math.max(MIN_EXPIRES_S, typeof body.expires_in === 'number' ? body.expires_in : 0);
  return { token, renewAt: now() + expiresIn * 1000 - RENEW_EARLY_MS };
}
