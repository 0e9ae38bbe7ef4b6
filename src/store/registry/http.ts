// What every registry store module shares: API paths (with `pathPrefix`), the turning of unexpected statuses into
// RegistryError, and the re-reading of a body that broke off.
import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryError, UsageError, type Operation } from '../../errors.js';
import { parseDigest, parseRepository, parseTagOrDigest } from '../../oci/names.js';
import { formatReference, type Reference, type RegistryReference } from '../../oci/reference.js';
import { BODY_READ_ATTEMPTS, backoffDelay, classifyFailure, errorCode } from '../../retry.js';
import type { RegistryResponse } from '../../transport/client.js';
import { errorFromResponse } from '../../transport/response.js';
import type { RegistrySession } from './session.js';

/** What may follow `/v2/<repository>/`, with the parser for the name in it: nothing else builds a request path. */
const ENDPOINTS: Record<string, ((value: string, source: string) => string) | undefined> = {
  manifests: parseTagOrDigest,
  blobs: parseDigest,
  referrers: parseDigest,
};
const FIXED_ENDPOINTS = new Set(['tags/list', 'blobs/uploads/']);

/**
 * `/v2/<pathPrefix>/<repository>/<rest>`: the prefix is inserted after `/v2/` (regclient's `pathPrefix`). The
 * repository and the tag or digest in `rest` are checked against the OCI grammar here, the last step before a URL
 * exists, so a name that slipped past its parser (`../../app/manifests/latest`) can never address another repository.
 */
export function apiPath(ctx: RegistrySession, repository: string, rest: string): string {
  const where = `a request to ${ctx.client.registry}`;
  parseRepository(repository, where);
  if (!FIXED_ENDPOINTS.has(rest)) {
    const slash = rest.indexOf('/');
    const parse = slash > 0 ? ENDPOINTS[rest.slice(0, slash)] : undefined;
    if (parse === undefined) throw new Error(`regkit has no registry endpoint "${rest}"`);
    parse(rest.slice(slash + 1), `${where}/${repository}`);
  }
  const prefix = ctx.client.host.pathPrefix?.replace(/^\/+|\/+$/g, '');
  return `/v2/${prefix ? `${prefix}/` : ''}${repository}/${rest}`;
}

export function catalogPath(ctx: RegistrySession): string {
  const prefix = ctx.client.host.pathPrefix?.replace(/^\/+|\/+$/g, '');
  return `/v2/${prefix ? `${prefix}/` : ''}_catalog`;
}

export function registryRef(ctx: RegistrySession, ref: Reference): RegistryReference {
  if (ref.scheme !== 'registry') throw new UsageError(`${formatReference(ref)} is not a registry reference`);
  if (ref.registry !== ctx.client.registry) throw new UsageError(`${formatReference(ref)} belongs to ${ref.registry}, not to ${ctx.client.registry}`);
  return ref;
}

/** Throws the registry's error unless the status is one of `ok`; the body is left for the caller on success. */
export async function expectStatus(
  res: RegistryResponse,
  ok: readonly number[],
  ctx: RegistrySession,
  repository: string | undefined,
  operation: Operation,
  what: string,
): Promise<void> {
  if (ok.includes(res.status)) return;
  throw await errorFromResponse(res.status, res.body, { registry: ctx.client.registry, repository, operation, secrets: ctx.client.secrets }, what);
}

/** Relative or absolute `Location` (distribution spec allows both), resolved against the response it came with. */
export function resolveLocation(res: RegistryResponse, ctx: RegistrySession, repository: string, operation: Operation, what: string): URL {
  const location = res.headers['location'];
  const value = Array.isArray(location) ? location[0] : location;
  if (!value)
    throw new RegistryError(`the registry answered ${what} without a Location header`, {
      status: res.status,
      registry: ctx.client.registry,
      repository,
      operation,
    });
  return new URL(value, res.url);
}

/** When an operation that starts now must end: requests it sends carry it as `notAfter`. */
export function operationDeadline(ctx: RegistrySession): number {
  return Date.now() + ctx.client.bounds.operationTimeoutMs;
}

/**
 * Runs a request whose body is read whole, again when the connection breaks or stalls mid-body: the transport's
 * retries end once the headers are in, and a GET is safe to repeat. What still breaks after the last attempt is a
 * RegistryError naming what was being read and where, not the socket's bare "other side closed".
 */
export async function retryingBrokenBody<T>(
  ctx: RegistrySession,
  where: { repository: string | undefined; operation: Operation; what: string; notAfter?: number },
  read: (notAfter: number) => Promise<T>,
): Promise<T> {
  const notAfter = where.notAfter ?? operationDeadline(ctx);
  for (let attempt = 1; ; attempt++) {
    try {
      return await read(notAfter);
    } catch (err) {
      // A RegistryError comes from the transport, which has spent its own budget on that request already.
      if (err instanceof RegistryError || classifyFailure(err) !== 'transient') throw err;
      const message = `reading ${where.what} broke off (${errorCode(err) ?? (err as Error).name} ${(err as Error).message})`;
      if (attempt >= BODY_READ_ATTEMPTS) {
        throw new RegistryError(`${message} after ${attempt} attempts`, {
          status: undefined,
          registry: ctx.client.registry,
          repository: where.repository,
          operation: where.operation,
          failure: 'transient',
          cause: err,
        });
      }
      const delay = backoffDelay(attempt - 1);
      ctx.logger.debug(`${message}; retrying`, { registry: ctx.client.registry, attempt, delayMs: delay });
      await sleep(delay);
    }
  }
}
