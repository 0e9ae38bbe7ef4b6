// Reading registry responses: bounded bodies, header values, and the distribution error body
// (`{"errors":[{"code","message","detail"}]}`, distribution spec "Error Codes") turned into RegistryError.
import type { Readable } from 'node:stream';
import { RegistryError, RegistryLimitError, type Operation } from '../errors.js';
import { boundKey, formatBytes, type Bounds } from '../config/bounds.js';
import type { Secrets } from '../log.js';
import { classifyStatus } from '../retry.js';
import { readUpTo } from '../read-up-to.js';
import { credentialsHint } from './auth/credential.js';

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface ErrorContext {
  registry: string;
  repository: string | undefined;
  operation: Operation;
  /** Masked before the text is cut short: a cut through a secret would leave a piece no redactor recognises. */
  secrets: Secrets;
  /** Where the credentials sent came from (`--host reg=…`, `regsync.yml:4:5 (creds[0])`); undefined when none were sent. */
  credentials?: string | undefined;
  /** What to check when the thing asked for is not there (404). */
  notFoundHint?: string;
}

const ERROR_BODY_MAX = 64 * 1024;

/** Operations that write to the registry: a 405 on them means a read-only registry. */
const WRITES: ReadonlySet<Operation> = new Set(['manifest-put', 'blob-put', 'blob-mount']);

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
  /** Go's HTTP server answers plain HTTP sent to its TLS port with a 400 and this text (no JSON). */
  plainToTls: boolean;
}

async function readErrorBody(body: Readable): Promise<ErrorBody> {
  let text: string;
  try {
    text = (await readUpTo(body, ERROR_BODY_MAX))?.toString('utf8') ?? '';
  } catch {
    return { codes: [], messages: [], plainToTls: false };
  }
  const plainToTls = /HTTP request to an HTTPS server/i.test(text);
  try {
    const parsed = JSON.parse(text) as { errors?: Array<{ code?: unknown; message?: unknown }> };
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    return {
      codes: errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter((c) => c !== ''),
      messages: errors.map((e) => (typeof e.message === 'string' ? e.message : '')).filter((m) => m !== ''),
      plainToTls,
    };
  } catch {
    return { codes: [], messages: [], plainToTls };
  }
}

/** A RegistryError for an unexpected status; `what` names the thing asked for (`manifest repo:tag`, `blob sha256:…`). */
export async function errorFromResponse(status: number, body: Readable, ctx: ErrorContext, what: string): Promise<RegistryError> {
  const { codes, messages, plainToTls } = await readErrorBody(body);
  const said = messages.length ? ` (registry says: ${ctx.secrets.redact(messages.join('; ')).slice(0, 300)})` : '';
  const base = { status, registry: ctx.registry, repository: ctx.repository, operation: ctx.operation, codes, failure: classifyStatus(status) };
  switch (status) {
    case 401:
      return new RegistryError(`not authorized for ${what}${said}`, { ...base, hint: credentialsHint(ctx.registry, ctx.credentials) });
    case 403:
      return new RegistryError(`access to ${what} denied${said}`, { ...base, hint: 'the credentials are valid but lack permission for this operation' });
    case 404:
      return new RegistryError(`${what} not found${said}`, ctx.notFoundHint ? { ...base, hint: ctx.notFoundHint } : base);
    case 405:
      return new RegistryError(
        ctx.operation.endsWith('delete')
          ? `${ctx.registry} refused to delete ${what}: deletes are turned off there, or it is read-only${said}`
          : WRITES.has(ctx.operation)
            ? `${ctx.registry} refused a write (${what}): it is read-only or takes no pushes${said}`
            : `${ctx.registry} does not offer this API for ${what}${said}`,
        {
          ...base,
          hint: ctx.operation.endsWith('delete')
            ? 'have deletes turned on (distribution: REGISTRY_STORAGE_DELETE_ENABLED=true) or leave this registry out of the prune'
            : WRITES.has(ctx.operation)
              ? 'push to a writable registry, or have its operator end read-only mode (distribution: storage.maintenance.readonly)'
              : undefined,
        },
      );
    case 429:
      return new RegistryError(`${ctx.registry} refused ${what}: too many requests (rate limited)${said}`, {
        ...base,
        hint:
          `wait and run again; logged-in pulls usually get a higher limit (--host reg=${ctx.registry},user=…,pass=…, docker login or regkit registry login); ` +
          `regkit image ratelimit ${ctx.registry}/${ctx.repository ?? 'REPO'}:TAG shows what is left`,
      });
    case 400:
      if (plainToTls)
        return new RegistryError(`${ctx.registry} speaks TLS (HTTPS), but the request for ${what} was sent as plain HTTP`, {
          ...base,
          hint: `use --host reg=${ctx.registry},tls=enabled (tls=insecure for a self-signed certificate), or tls: enabled|insecure in the config's creds entry`,
        });
      if (codes.includes('MANIFEST_BLOB_UNKNOWN'))
        return new RegistryError(`the registry refused ${what}: it names a blob or manifest the registry does not hold${said}`, base);
      return new RegistryError(`unexpected response for ${what}${said}`, base);
    default:
      return new RegistryError(`unexpected response for ${what}${said}`, base);
  }
}
