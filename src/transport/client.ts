// One client per registry host: request admission (limiter) → auth handshake → retries → undici, with redirects
// followed by hand so `Authorization` never leaves the registry's origin (blob GETs redirect to storage).
import { Readable } from 'node:stream';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { RegistryError, RegistryLimitError, type Operation } from '../errors.js';
import { boundKey, boundsWith, formatBytes, formatMs, type Bounds } from '../config/bounds.js';
import type { Logger, Secrets } from '../log.js';
import { apiHostFor } from '../oci/reference.js';
import { Authenticator } from './auth/authenticator.js';
import type { CredentialSource } from './auth/credential.js';
import { DEFAULT_REQ_CONCURRENT, type HostConfig } from '../config/hostconfig.js';
import { RequestLimiter } from './limiter.js';
import { errorFromResponse, readBounded, type ResponseHeaders } from './response.js';
import { DEFAULT_RETRY_POLICY, backoffDelay, classifyFailure, classifyStatus, errorCode, retryDelay, type RetryPolicy } from '../retry.js';
import { actionsForMethod, repositoryScope } from './auth/scope.js';
import { agentFor, originFor, type AgentTimeouts } from './tls.js';
import type { TokenHttp } from './auth/token.js';
import { requestVia } from './undici-lean.js';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export interface RegistryRequest {
  method: HttpMethod;
  /** A path on the registry (`/v2/…`, query included), or an absolute URL the registry handed out (upload Location). */
  target: string;
  operation: Operation;
  /** The repository the request acts on; decides its token scope. */
  repository?: string;
  /** Scopes beyond the repository's own (pull on a mount's source repository, `registry:catalog:*`). */
  scopes?: string[];
  headers?: Record<string, string>;
  /** Buffers can be replayed on retry and re-auth; a stream is sent once. */
  body?: Uint8Array | string | Readable;
  /**
   * The size of a blob sent or received in this request: its deadline grows by that size at the minimum blob rate,
   * since a fixed one would cut large layers on slow links.
   */
  blobBytes?: number;
  /** Epoch ms at which the operation this request belongs to must end (see `operationDeadline`). */
  notAfter?: number;
}

export interface RegistryResponse {
  status: number;
  headers: ResponseHeaders;
  /** Must be read or dumped by the caller. */
  body: Dispatcher.ResponseData['body'];
  /** Where the response came from after redirects: relative Locations resolve against it. */
  url: URL;
}

export interface RegistryClientOptions {
  host: HostConfig;
  credentials: CredentialSource;
  logger: Logger;
  /** The run's secrets: tokens received are added, and registry error text is masked before it is cut short. */
  secrets: Secrets;
  userAgent: string;
  retry?: Partial<RetryPolicy>;
  timeouts?: AgentTimeouts;
  bounds?: Partial<Bounds>;
}

const MAX_REDIRECTS = 5;
const MAX_TIMER_MS = 2 ** 31 - 1;
const ignoreUnread = (): void => undefined;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export class RegistryClient {
  readonly registry: string;
  readonly origin: URL;
  readonly host: HostConfig;
  readonly bounds: Bounds;
  readonly secrets: Secrets;
  /** A promise while the proxy modules load (tls.ts), when a proxy is set. */
  private readonly agent: Dispatcher | Promise<Dispatcher>;
  private readonly foreign: Dispatcher | Promise<Dispatcher>;
  private readonly limiter: RequestLimiter;
  private readonly auth: Authenticator;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly userAgent: string;
  private readonly credentials: CredentialSource;

  constructor(opts: RegistryClientOptions) {
    this.host = opts.host;
    this.registry = opts.host.registry;
    this.bounds = boundsWith(opts.bounds);
    this.secrets = opts.secrets;
    this.origin = originFor(opts.host, opts.host.hostname ?? apiHostFor(opts.host.registry));
    this.agent = agentFor(opts.host, opts.timeouts ?? {}, 'registry');
    this.foreign = agentFor(opts.host, opts.timeouts ?? {}, 'foreign');
    // 0 is how regclient's configs say "not set".
    this.limiter = new RequestLimiter(opts.host.reqConcurrent || DEFAULT_REQ_CONCURRENT, opts.host.reqPerSec);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    this.logger = opts.logger;
    this.userAgent = opts.userAgent;
    this.credentials = opts.credentials;
    this.auth = new Authenticator({
      registry: this.registry,
      origin: this.origin,
      repoAuth: opts.host.repoAuth ?? false,
      credentials: opts.credentials,
      http: this.tokenHttp,
      logger: opts.logger,
      secrets: opts.secrets,
    });
  }

  /**
   * Sends a request and returns the registry's answer, whatever its status, after retrying transient failures and
   * answering auth challenges. Throws RegistryError when the host cannot be reached or authentication fails.
   */
  async request(req: RegistryRequest): Promise<RegistryResponse> {
    const url = new URL(req.target, this.origin);
    const scopes = [...(req.repository !== undefined ? [repositoryScope(req.repository, actionsForMethod(req.method))] : []), ...(req.scopes ?? [])];
    const replayable = !(req.body instanceof Readable);
    const sameOrigin = url.origin === this.origin.origin;
    let reauthenticated = false;
    for (;;) {
      const authorization = sameOrigin ? await this.auth.authorization(scopes, req.repository) : undefined;
      let res: RegistryResponse;
      let mayHelp: boolean;
      try {
        res = await this.sendRetrying(url, req, authorization, replayable);
        if (classifyStatus(res.status) !== 'reauth' || !sameOrigin) return res;
        // A stream body is gone, but the challenge is still learned so the caller's fresh attempt goes out authorized.
        mayHelp = !reauthenticated && (await this.auth.acceptChallenge(res.headers['www-authenticate'], authorization, req.repository));
      } finally {
        // Whatever came back (or failed), requests waiting behind the first one to this host may go now.
        if (sameOrigin) this.auth.answered();
      }
      if (mayHelp && replayable) {
        await res.body.dump();
        reauthenticated = true;
        continue;
      }
      throw await errorFromResponse(
        401,
        res.body,
        {
          registry: this.registry,
          repository: req.repository,
          operation: req.operation,
          secrets: this.secrets,
          credentials: this.auth.scheme === undefined ? undefined : this.credentials.describe(),
        },
        `${req.method} ${url.pathname}`,
      );
    }
  }

  async close(): Promise<void> {
    await Promise.all([(await this.agent).close(), (await this.foreign).close()]);
  }

  private async sendRetrying(url: URL, req: RegistryRequest, authorization: string | undefined, replayable: boolean): Promise<RegistryResponse> {
    const started = performance.now();
    let retries = 0;
    try {
      const res = await this.attempts(url, req, authorization, replayable, (n) => (retries = n));
      this.logRequest(req.method, url, res, started, retries);
      return res;
    } catch (err) {
      this.logRequest(req.method, url, undefined, started, retries);
      throw err;
    }
  }

  /** `-v`'s line per request: what went where, the answer, how long it took with its retries; no credentials. */
  private logRequest(method: HttpMethod, url: URL, res: RegistryResponse | undefined, started: number, retries: number): void {
    this.logger.debug('http', {
      method,
      url: redactedUrl(url),
      ...(res && res.url.href !== url.href ? { redirectedTo: redactedUrl(res.url) } : {}),
      status: res?.status ?? 'no response',
      durationMs: Math.round(performance.now() - started),
      retries,
    });
  }

  private async attempts(
    url: URL,
    req: RegistryRequest,
    authorization: string | undefined,
    replayable: boolean,
    onRetry: (retries: number) => void,
  ): Promise<RegistryResponse> {
    for (let attempt = 0; ; attempt++) {
      onRetry(attempt);
      const release = await this.limiter.acquire();
      // A streamed body (a blob upload) has its response only when the last byte is in: its start is admitted, its
      // duration is not counted, or a few uploads would lock every HEAD and POST for the host out until they end.
      if (!replayable) release();
      let res: RegistryResponse;
      try {
        res = await this.send(url, req, authorization);
      } catch (err) {
        release();
        if (replayable && attempt < this.retry.retries && classifyFailure(err) === 'transient') {
          const delay = backoffDelay(attempt, this.retry);
          this.logger.debug('retrying after a network error', {
            registry: this.registry,
            method: req.method,
            path: url.pathname,
            code: errorCode(err),
            attempt: attempt + 1,
            delayMs: delay,
          });
          await sleep(delay);
          continue;
        }
        throw this.networkError(err, url, req, attempt);
      }
      release();
      if (replayable && attempt < this.retry.retries && classifyStatus(res.status) === 'transient') {
        const delay = retryDelay(attempt, res.headers['retry-after'], this.retry);
        await res.body.dump();
        this.logger.debug('retrying after a transient status', {
          registry: this.registry,
          method: req.method,
          path: url.pathname,
          status: res.status,
          attempt: attempt + 1,
          delayMs: delay,
        });
        await sleep(delay);
        continue;
      }
      return res;
    }
  }

  private async send(start: URL, req: RegistryRequest, authorization: string | undefined): Promise<RegistryResponse> {
    let url = start;
    for (let redirects = 0; ; redirects++) {
      const sameOrigin = url.origin === this.origin.origin;
      const headers: Record<string, string> = { 'user-agent': this.userAgent, ...req.headers };
      // Credentials a caller put in the headers (a token realm's Basic auth) stay with the origin they were meant for.
      if (url.origin !== start.origin) delete headers['authorization'];
      if (authorization !== undefined && sameOrigin) headers['authorization'] = authorization;
      // undici gives a connection back one event-loop turn after its response ended; a request sent sooner (the GET
      // right after a HEAD) finds none free and opens another, a round trip on a long link. Waiting that turn reuses it.
      await nextTurn();
      const deadline = this.deadlineFor(req, url);
      let res;
      try {
        const dispatcher = sameOrigin ? this.agent : this.foreign;
        res = await requestVia(dispatcher instanceof Promise ? await dispatcher : dispatcher, {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          headers,
          body: req.body ?? null,
          signal: deadline.signal,
          // undici closes the connection after every HEAD (for servers that wrongly send a body with one): a no-op sync
          // is two HEADs per tag, so each would open a connection, a round trip more (three with TLS) and a socket,
          // parser and error object made and dropped per request. Go's client, regclient's, keeps them open too.
          ...(req.method === 'HEAD' ? { reset: false } : {}),
        });
      } catch (err) {
        deadline.clear();
        throw err;
      }
      // The deadline covers the body too: it ends when the caller has read (or dumped) it.
      res.body.once('close', deadline.clear);
      // A body destroyed unread (refused by its Content-Length, or left waiting past its deadline) emits 'error' with no
      // reader listening, which would end the process; readers still get the error through their own listeners.
      res.body.on('error', ignoreUnread);
      const location = res.headers['location'];
      const followable = (req.method === 'GET' || req.method === 'HEAD') && REDIRECT_STATUS.has(res.statusCode) && typeof location === 'string';
      if (!followable) return { status: res.statusCode, headers: res.headers, body: res.body, url };
      await res.body.dump();
      if (redirects >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects from ${start.pathname}`);
      url = new URL(location, url);
    }
  }

  /**
   * The time one exchange may take, headers and whole body: the request bound (plus the blob's size at the minimum
   * rate), never past the operation's own end. When it passes, undici ends the request or the body stream with the
   * RegistryLimitError given as the abort reason, so the reader sees which bound and what to raise.
   */
  private deadlineFor(req: RegistryRequest, url: URL): { signal: AbortSignal; clear: () => void } {
    const b = this.bounds;
    const blobMs = req.blobBytes !== undefined ? Math.ceil((req.blobBytes / b.blobMinBytesPerSec) * 1000) : 0;
    const requestMs = b.requestTimeoutMs + blobMs;
    const operationMs = req.notAfter !== undefined ? Math.max(0, req.notAfter - Date.now()) : Infinity;
    const byOperation = operationMs < requestMs;
    const ms = byOperation ? operationMs : requestMs;
    const what = `${req.method} ${url.pathname}`;
    const error = () =>
      new RegistryLimitError(
        byOperation
          ? `the operation did not finish within ${formatMs(b.operationTimeoutMs)} (ended during ${what})`
          : `${what} did not finish within ${formatMs(requestMs)}${blobMs > 0 ? ` (${formatMs(b.requestTimeoutMs)} plus ${formatBytes(req.blobBytes!)} at ${formatBytes(b.blobMinBytesPerSec)}/s)` : ''}: the answer came too slowly`,
        {
          status: undefined,
          registry: this.registry,
          repository: req.repository,
          operation: req.operation,
          setting: boundKey(byOperation ? 'operationTimeoutMs' : blobMs > 0 ? 'blobMinBytesPerSec' : 'requestTimeoutMs'),
          limit: byOperation ? formatMs(b.operationTimeoutMs) : blobMs > 0 ? `${formatBytes(b.blobMinBytesPerSec)}/s` : formatMs(b.requestTimeoutMs),
        },
      );
    const controller = new AbortController();
    // Node fires a timer past its 32-bit limit at once: a deadline that far out (a blob over 64 GiB at 32 KiB/s) is held at ~24 days.
    const timer = setTimeout(() => controller.abort(error()), Math.min(ms, MAX_TIMER_MS));
    // A response nobody reads to the end must not keep the process alive until its deadline.
    timer.unref();
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  }

  private networkError(err: unknown, url: URL, req: RegistryRequest, retries: number): RegistryError {
    if (err instanceof RegistryError) return err;
    const code = errorCode(err);
    const message = err instanceof Error ? err.message : String(err);
    const base = {
      status: undefined,
      registry: this.registry,
      repository: req.repository,
      operation: req.operation,
      failure: classifyFailure(err),
      cause: err,
    };
    // OpenSSL's "wrong version number": the bytes that came back were not TLS; what answered is a plain-HTTP server.
    if (url.protocol === 'https:' && (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message)))
      return new RegistryError(`${url.host} speaks plain HTTP, not TLS (HTTPS)`, {
        ...base,
        hint: `if that is expected, use --host reg=${this.registry},tls=disabled (or tls: disabled in the config's creds entry)`,
      });
    return new RegistryError(`cannot reach ${url.host}: ${code ? `${code} ` : ''}${message}${retries > 0 ? ` (after ${retries} retries)` : ''}`, {
      ...base,
      hint:
        code === 'ECONNREFUSED' || code === 'ENOTFOUND'
          ? 'check the host name and port, and that the registry is running'
          : code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'EPROTO'
            ? 'check the TLS mode (--host reg=…,tls=enabled|insecure|disabled) and CA'
            : undefined,
    });
  }

  /** Token realms go through the same retries and redirect rules; they never get the registry's Authorization. */
  private readonly tokenHttp: TokenHttp = async (url, init) => {
    const req: RegistryRequest = {
      method: init.method,
      target: url.href,
      operation: 'auth',
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
    };
    const res = await this.sendRetrying(url, req, undefined, true);
    const read = {
      registry: this.registry,
      secrets: this.secrets,
      repository: undefined,
      operation: 'auth' as const,
      what: `the answer of the token server ${url.origin}`,
      limit: this.bounds.tokenBytes,
      bound: 'tokenBytes' as const,
    };
    return { status: res.status, text: async () => (await readBounded(res, read)).toString('utf8') };
  };
}

/** Query parameters that carry no secret: paging, mounts, token scopes. Every other value (signed storage URLs,
 * `access_token`, `X-Amz-Signature` …) is shown as `***`; user info never. */
const PLAIN_QUERY_KEYS = new Set(['n', 'last', 'digest', 'mount', 'from', 'scope', 'service', 'artifactType']);

export function redactedUrl(url: URL): string {
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  const params = [...shown.searchParams.entries()].map(([k, v]) => [k, PLAIN_QUERY_KEYS.has(k) ? v : '***'] as [string, string]);
  shown.search = params.length > 0 ? `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${v === '***' ? v : encodeURIComponent(v)}`).join('&')}` : '';
  return shown.href;
}
