// The one retry rule: which failures are worth another try (`transient`), which are worth one more try with fresh
// credentials (`reauth`), and which will fail the same way again (`fatal`); and how long to wait before the next try.
// Every retry loop asks `classifyStatus` or `classifyFailure` here: the transport's request loop, whole-body reads
// (store/registry/http.ts) and blob streams (copy/blobs.ts). Exponential backoff with jitter (so parallel requests do
// not retry in lock-step), `Retry-After` honoured but capped. docs/troubleshooting.md states the budget below.
import { DigestMismatchError, RegistryError, type FailureClass } from './errors.js';

export type { FailureClass } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is cut to it: a run should not sleep for an hour on one response. */
  maxRetryAfterMs: number;
}

/** One request's budget in the transport: the first send and up to 5 more, while the status or error is transient. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

/**
 * A body that broke off after its headers came in (a manifest, a list page, a blob stream) is read again from a new
 * request, up to this many reads in all; each of those requests has the transport's own budget.
 */
export const BODY_READ_ATTEMPTS = 3;

// 408 timeout, 429 too many requests, and the 5xx that mean "not now": 500, 502, 503, 504. 501 Not Implemented and
// 505 HTTP Version Not Supported are answers about the request itself and come back the same every time.
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

// Connections that broke or stalled, before the headers or in the middle of a body. ECONNREFUSED and ENOTFOUND are
// left out on purpose: a host that is not there fails fast with a clear message.
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  // A body stream ended before its end: node's name for the same broken connection seen through a pipeline.
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** A registry's answer: 401 asks for (fresh) credentials; the statuses above are worth waiting for; the rest stand. */
export function classifyStatus(status: number): FailureClass {
  if (status === 401) return 'reauth';
  return TRANSIENT_STATUS.has(status) ? 'transient' : 'fatal';
}

/** The error's own `code`, or its cause's (undici wraps socket errors), a few levels down. */
export function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Any failure: a RegistryError carries the class it was made with; a body that hashed short was cut off in transit
 * (a wrong hash or a body too long is what the server holds, and stays so); a network or stream error by its code;
 * anything else is fatal — an unforeseen error is a bug or a refusal, and repeating it only hides it.
 */
export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof RegistryError) return err.failure;
  if (err instanceof DigestMismatchError) return err.truncated ? 'transient' : 'fatal';
  const code = errorCode(err);
  return code !== undefined && TRANSIENT_CODES.has(code) ? 'transient' : 'fatal';
}

/** Delay before retry number `attempt` (0-based): base·2^attempt with ±50 % jitter, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(Math.min(policy.maxDelayMs, exp * (0.5 + random())));
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); `undefined` when unusable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export function retryDelay(attempt: number, retryAfter: string | string[] | undefined, policy: RetryPolicy): number {
  const fromHeader = parseRetryAfter(retryAfter);
  if (fromHeader !== undefined) return Math.min(fromHeader, policy.maxRetryAfterMs);
  return backoffDelay(attempt, policy);
}
