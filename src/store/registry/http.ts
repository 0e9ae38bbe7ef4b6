// What every registry store module shares: the client for one registry, API paths (with `pathPrefix`), and the
// turning of unexpected statuses into RegistryError.
import { RegistryError, UsageError, type Operation } from '../../errors.js';
import type { Logger } from '../../log.js';
import { formatReference, type Reference, type RegistryReference } from '../../oci/reference.js';
import type { RegistryClient, RegistryResponse } from '../../transport/client.js';
import { errorFromResponse } from '../../transport/response.js';
import { errorCode, isRetryableError } from '../../transport/retry.js';

export interface RegistryContext {
  client: RegistryClient;
  logger: Logger;
}

/** `/v2/<pathPrefix>/<repository>/<rest>`: the prefix is inserted after `/v2/` (regclient's `pathPrefix`). */
export function apiPath(ctx: RegistryContext, repository: string, rest: string): string {
  const prefix = ctx.client.host.pathPrefix?.replace(/^\/+|\/+$/g, '');
  return `/v2/${prefix ? `${prefix}/` : ''}${repository}/${rest}`;
}

export function catalogPath(ctx: RegistryContext): string {
  const prefix = ctx.client.host.pathPrefix?.replace(/^\/+|\/+$/g, '');
  return `/v2/${prefix ? `${prefix}/` : ''}_catalog`;
}

export function registryRef(ctx: RegistryContext, ref: Reference): RegistryReference {
  if (ref.scheme !== 'registry') throw new UsageError(`${formatReference(ref)} is not a registry reference`);
  if (ref.registry !== ctx.client.registry) throw new UsageError(`${formatReference(ref)} belongs to ${ref.registry}, not to ${ctx.client.registry}`);
  return ref;
}

/** Throws the registry's error unless the status is one of `ok`; the body is left for the caller on success. */
export async function expectStatus(res: RegistryResponse, ok: readonly number[], ctx: RegistryContext, repository: string | undefined, operation: Operation, what: string): Promise<void> {
  if (ok.includes(res.status)) return;
  throw await errorFromResponse(res.status, res.body, { registry: ctx.client.registry, repository, operation, secrets: ctx.client.secrets }, what);
}

/** Relative or absolute `Location` (distribution spec allows both), resolved against the response it came with. */
export function resolveLocation(res: RegistryResponse, ctx: RegistryContext, repository: string, operation: Operation, what: string): URL {
  const location = res.headers['location'];
  const value = Array.isArray(location) ? location[0] : location;
  if (!value) throw new RegistryError(`the registry answered ${what} without a Location header`, { status: res.status, registry: ctx.client.registry, repository, operation });
  return new URL(value, res.url);
}

/** Tries for a body read whole (a manifest, a list page) before giving up on it. */
const BODY_ATTEMPTS = 3;

/**
 * Runs a request whose body is read whole, again when the connection breaks or stalls mid-body: the transport's
 * retries end once the headers are in, and a GET is safe to repeat. What still breaks after the last attempt is a
 * RegistryError naming what was being read and where, not the socket's bare "other side closed".
 */
export async function retryingBrokenBody<T>(ctx: RegistryContext, where: { repository: string | undefined; operation: Operation; what: string }, read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (err) {
      if (err instanceof RegistryError || !isRetryableError(err)) throw err;
      const message = `reading ${where.what} broke off (${errorCode(err)} ${(err as Error).message})`;
      if (attempt >= BODY_ATTEMPTS) {
        throw new RegistryError(`${message} after ${attempt} attempts`, { status: undefined, registry: ctx.client.registry, repository: where.repository, operation: where.operation, retryable: true, cause: err });
      }
      ctx.logger.debug(`${message}; retrying`, { registry: ctx.client.registry, attempt });
    }
  }
}
