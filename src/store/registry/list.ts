// Paged lists: tags (`/v2/<repo>/tags/list`) and repositories (`/v2/_catalog`), with `n`/`last` and the
// `Link: <…>; rel="next"` header (distribution spec "Listing Tags"; relative or absolute), guarded against loops.
import { RegistryError, RegistryLimitError, type Operation } from '../../errors.js';
import { boundKey } from '../../config/bounds.js';
import { parseRepository, parseTag, type RepositoryName, type Tag } from '../../oci/names.js';
import { CATALOG_SCOPE } from '../../transport/auth/scope.js';
import { errorFromResponse, readBounded } from '../../transport/response.js';
import { apiPath, catalogPath, expectStatus, operationDeadline, retryingBrokenBody } from './http.js';
import type { RegistrySession } from './session.js';
import { keepValidNames } from '../names.js';
import type { ListOptions } from '../store.js';

/** The `rel="next"` target of a Link header (RFC 8288), if any. */
export function nextLink(value: string | string[] | undefined): string | undefined {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const v of values) {
    for (const m of v.matchAll(/<([^>]*)>([^<]*)/g)) {
      if (/;\s*rel\s*=\s*"?(?:[^"]*\s)?next(?:\s[^"]*)?"?\s*(?:[;,]|$)/i.test(m[2] ?? '')) return m[1];
    }
  }
  return undefined;
}

function query(opts: ListOptions): string {
  const q = new URLSearchParams();
  if (opts.limit !== undefined) q.set('n', String(opts.limit));
  if (opts.last !== undefined) q.set('last', opts.last);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The page's entries; undefined when the body is not the JSON object the spec describes. */
function listItems(body: Buffer, field: 'tags' | 'repositories'): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const items = (parsed as Record<string, unknown>)[field];
  // distribution answers `"tags": null` for a repository whose tags were all deleted.
  if (items === null || items === undefined) return [];
  return Array.isArray(items) ? items.filter((t): t is string => typeof t === 'string') : undefined;
}

async function listPages(
  ctx: RegistrySession,
  first: string,
  field: 'tags' | 'repositories',
  operation: Operation,
  repository: string | undefined,
  scopes: string[],
): Promise<string[]> {
  const out: string[] = [];
  const known = new Set<string>();
  const seen = new Set<string>();
  let target: string | undefined = first;
  const what = field === 'tags' ? `tag list of ${repository}` : 'repository catalog';
  const notAfter = operationDeadline(ctx);
  const bounds = ctx.client.bounds;
  for (let pages = 1; target !== undefined; pages++) {
    const page = target;
    if (pages > bounds.listPages)
      throw listingLimit(ctx, { repository, operation }, `the ${what} goes on past ${bounds.listPages} pages`, 'listPages', String(bounds.listPages));
    const fetched = await retryingBrokenBody(ctx, { repository, operation, what, notAfter }, async () => {
      const res = await ctx.client.request({ method: 'GET', target: page, operation, ...(repository !== undefined ? { repository } : {}), scopes, notAfter });
      // A repository the registry does not know is an answer to pass on (a typo must not read as "no tags").
      if (res.status === 404 && operation === 'tag-list') {
        throw await errorFromResponse(
          res.status,
          res.body,
          {
            registry: ctx.client.registry,
            secrets: ctx.client.secrets,
            repository,
            operation,
            notFoundHint: `check the repository name (regkit repo ls ${ctx.client.registry} lists what the registry holds) and the credentials that can see it`,
          },
          what,
        );
      }
      await expectStatus(res, [200], ctx, repository, operation, what);
      const body = await readBounded(res, {
        registry: ctx.client.registry,
        secrets: ctx.client.secrets,
        repository,
        operation,
        what: `page ${pages} of the ${what}`,
        limit: bounds.listPageBytes,
        bound: 'listPageBytes',
      });
      return { url: res.url, link: res.headers['link'], body };
    });
    seen.add(fetched.url.href);
    const items = listItems(fetched.body, field);
    if (items === undefined)
      throw new RegistryError(`the registry answered the ${what} with something that is not a JSON list of ${field}`, {
        status: 200,
        registry: ctx.client.registry,
        repository,
        operation,
      });
    const before = known.size;
    for (const item of items) {
      if (known.has(item)) continue;
      known.add(item);
      out.push(item);
    }
    if (out.length > bounds.listEntries)
      throw listingLimit(ctx, { repository, operation }, `the ${what} goes on past ${bounds.listEntries} ${field}`, 'listEntries', String(bounds.listEntries));
    const next = nextLink(fetched.link);
    if (next === undefined) break;
    const url = new URL(next, fetched.url);
    if (seen.has(url.href)) {
      throw new RegistryError(`the registry's Link header points back to a page already read (${url.pathname}${url.search}); stopping`, {
        status: 200,
        registry: ctx.client.registry,
        repository,
        operation,
      });
    }
    // Links to ever new pages that bring nothing new would page on forever.
    if (known.size === before) {
      throw new RegistryError(`the registry's Link header points on to ${url.pathname}${url.search} after a page that brought no new ${field}; stopping`, {
        status: 200,
        registry: ctx.client.registry,
        repository,
        operation,
      });
    }
    target = url.href;
  }
  return out;
}

/** A listing (tags, catalog, referrers) that passed its page or entry bound. */
export function listingLimit(
  ctx: RegistrySession,
  where: { repository: string | undefined; operation: Operation },
  message: string,
  bound: 'listPages' | 'listEntries',
  limit: string,
): RegistryLimitError {
  return new RegistryLimitError(message, { status: 200, registry: ctx.client.registry, ...where, setting: boundKey(bound), limit });
}

/** Tags of a repository; a repository the registry does not know is a RegistryError with the registry's 404. */
export async function listTags(ctx: RegistrySession, repository: string, opts: ListOptions = {}): Promise<Tag[]> {
  const listed = await listPages(ctx, `${apiPath(ctx, repository, 'tags/list')}${query(opts)}`, 'tags', 'tag-list', repository, []);
  return keepValidNames(listed, parseTag, `the tag list of ${ctx.client.registry}/${repository}`, opts, ctx.logger);
}

export async function listRepositories(ctx: RegistrySession, opts: ListOptions = {}): Promise<RepositoryName[]> {
  const listed = await listPages(ctx, `${catalogPath(ctx)}${query(opts)}`, 'repositories', 'catalog', undefined, [CATALOG_SCOPE]);
  return keepValidNames(listed, parseRepository, `the catalog of ${ctx.client.registry}`, opts, ctx.logger);
}
