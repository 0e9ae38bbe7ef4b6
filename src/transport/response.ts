// Reading registry responses: bounded bodies, header values, and the distribution error body
// (`{"errors":[{"code","message","detail"}]}`, distribution spec "Error Codes") turned into RegistryError.
import type { Readable } from 'node:stream';
import { RegistryError, RegistryLimitError, type Operation } from '../errors.js';
import { boundKey, formatBytes, type Bounds } from '../config/bounds.js';
import type { Secrets } from '../log.js';
import { classifyStatus } from '../retry.js';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface ErrorContext {
  registry: string;
  repository: string | undefined;
  operation: Operation;
  /** Masked before the text is cut short: a cut through a secret would leave a piece no redactor recognises. */
  secrets: Secrets;
  /** What to check when the thing asked for is not there (404). */
  notFoundHint?: string;
}

const ERROR_BODY_MAX = 64 * 1024;

export function header(headers: ResponseHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A body read whole into memory: where it comes from, what it is, and the bound it must stay under. */
export interface BoundedRead extends ErrorContext {
  /** What is read, for the message: `manifest a/b:v1`, `tag list of a/b (page 3)`. */
  what: string;
  limit: number;
  /** The Bounds field `limit` comes from, so the message can say which `--bound` raises it. */
  bound: keyof Bounds;
}

/** Reads up to `limit` bytes; undefined (and the connection dropped) as soon as the body is longer. */
async function readUpTo(body: Readable, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limit) {
      body.destroy();
      return undefined;
    }
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/**
 * The one way a registry body is read into memory (manifests, token answers, list and referrers pages): refused
 * up front when `Content-Length` says it is too large, and cut as soon as it passes the bound when it does not.
 */
export async function readBounded(res: { headers: ResponseHeaders; body: Readable }, read: BoundedRead): Promise<Buffer> {
  const tooLarge = () =>
    new RegistryLimitError(`${read.what} is larger than ${formatBytes(read.limit)}`, {
      status: undefined,
      registry: read.registry,
      repository: read.repository,
      operation: read.operation,
      setting: boundKey(read.bound),
      limit: formatBytes(read.limit),
    });
  if (Number(header(res.headers, 'content-length') ?? 0) > read.limit) {
    res.body.destroy();
    throw tooLarge();
  }
  const bytes = await readUpTo(res.body, read.limit);
  if (bytes === undefined) throw tooLarge();
  return bytes;
}

interface ErrorBody {
  codes: string[];
  messages: string[];
}

async function readErrorBody(body: Readable): Promise<ErrorBody> {
  let text: string;
  try {
    text = (await readUpTo(body, ERROR_BODY_MAX))?.toString('utf8') ?? '';
  } catch {
    return { codes: [], messages: [] };
  }
  try {
    const parsed = JSON.parse(text) as { errors?: Array<{ code?: unknown; message?: unknown }> };
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    return {
      codes: errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter((c) => c !== ''),
      messages: errors.map((e) => (typeof e.message === 'string' ? e.message : '')).filter((m) => m !== ''),
    };
  } catch {
    return { codes: [], messages: [] };
  }
}

/** A RegistryError for an unexpected status; `what` names the thing asked for (`manifest repo:tag`, `blob sha256:…`). */
export async function errorFromResponse(status: number, body: Readable, ctx: ErrorContext, what: string): Promise<RegistryError> {
  const { codes, messages } = await readErrorBody(body);
  const said = messages.length ? ` (registry says: ${ctx.secrets.redact(messages.join('; ')).slice(0, 300)})` : '';
  const base = { status, registry: ctx.registry, repository: ctx.repository, operation: ctx.operation, codes, failure: classifyStatus(status) };
  switch (status) {
    case 401:
      return new RegistryError(`not authorized for ${what}${said}`, {
        ...base,
        hint: `check the credentials for ${ctx.registry} (--host reg=${ctx.registry},user=…,pass=… or docker login)`,
      });
    case 403:
      return new RegistryError(`access to ${what} denied${said}`, { ...base, hint: 'the credentials are valid but lack permission for this operation' });
    case 404:
      return new RegistryError(`${what} not found${said}`, ctx.notFoundHint ? { ...base, hint: ctx.notFoundHint } : base);
    case 405:
      return new RegistryError(`the registry does not allow this operation on ${what}${said}`, {
        ...base,
        hint: ctx.operation.endsWith('delete')
          ? 'deletes are disabled on this registry; enable them (distribution: REGISTRY_STORAGE_DELETE_ENABLED=true)'
          : 'the registry does not support this API',
      });
    default:
      return new RegistryError(`unexpected response for ${what}${said}`, base);
  }
}
