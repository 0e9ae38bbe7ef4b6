// Reading registry responses: bounded bodies, header values, and the distribution error body
// (`{"errors":[{"code","message","detail"}]}`, distribution spec "Error Codes") turned into RegistryError.
import type { Readable } from 'node:stream';
import { RegistryError, type Operation } from '../errors.js';
import { classifyStatus } from '../retry.js';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface ErrorContext {
  registry: string;
  repository: string | undefined;
  operation: Operation;
  /** What to check when the thing asked for is not there (404). */
  notFoundHint?: string;
}

const ERROR_BODY_MAX = 64 * 1024;

export function header(headers: ResponseHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a whole body, failing (and dropping the connection) as soon as it passes `limit` bytes. */
export async function readBody(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > limit) {
      body.destroy();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(buf);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

interface ErrorBody {
  codes: string[];
  messages: string[];
}

async function readErrorBody(body: Readable): Promise<ErrorBody> {
  let text: string;
  try {
    text = (await readBody(body, ERROR_BODY_MAX)).toString('utf8');
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
  const said = messages.length ? ` (registry says: ${messages.join('; ').slice(0, 300)})` : '';
  const base = { status, registry: ctx.registry, repository: ctx.repository, operation: ctx.operation, codes, failure: classifyStatus(status) };
  switch (status) {
    case 401:
      return new RegistryError(`not authorized for ${what}${said}`, { ...base, hint: `check the credentials for ${ctx.registry} (--host reg=${ctx.registry},user=…,pass=… or docker login)` });
    case 403:
      return new RegistryError(`access to ${what} denied${said}`, { ...base, hint: 'the credentials are valid but lack permission for this operation' });
    case 404:
      return new RegistryError(`${what} not found${said}`, ctx.notFoundHint ? { ...base, hint: ctx.notFoundHint } : base);
    case 405:
      return new RegistryError(`the registry does not allow this operation on ${what}${said}`, {
        ...base,
        hint: ctx.operation.endsWith('delete') ? 'deletes are disabled on this registry; enable them (distribution: REGISTRY_STORAGE_DELETE_ENABLED=true)' : 'the registry does not support this API',
      });
    default:
      return new RegistryError(`unexpected response for ${what}${said}`, base);
  }
}
