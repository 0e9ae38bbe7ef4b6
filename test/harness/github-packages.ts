// A GitHub Packages (ghcr.io) stand-in in front of a real distribution registry, for tests of the delete driver.
//
// One port serves both faces of ghcr.io: `/v2/…` is the registry (passed to the backing registry, pushes allowed,
// manifest DELETE answered 405 UNSUPPORTED as ghcr answers it), everything else is the REST API for container package
// versions, routed and checked by GitHub's own description (`@octokit/openapi`): each path and its parameters come
// from the description, and every JSON body the stand-in sends is checked against the response schema the
// description gives for that status (`violations()` lists any break; tests assert it stays empty).
//
// Each manifest pushed becomes a package version (numeric id, `name` = digest, `metadata.container.tags` from the
// tags pushed), untagged ones included, as on ghcr. Deleting a version deletes the manifest in the backing registry
// (which must have deletes enabled) and keeps it for `POST …/restore`. Tokens carry the rights the test gives them;
// `limitNext(n, s)` makes the next n API calls a secondary-rate-limit 403 with `retry-after: s`.
import { Agent, createServer, request, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { digestOf } from '../../src/oci/digest.js';
import { githubDescription, parameterOf, responseSchema, schemaErrors, type Operation, type OpenApiDescription } from './openapi.js';

export type OwnerType = 'User' | 'Organization';

export interface TokenGrant {
  /** The user the token stands for (`/user/packages/…` are theirs). */
  login: string;
  /** May delete and restore versions (`delete:packages`, admin on the package). Default false. */
  canDelete?: boolean;
  /** How a write without the right is refused: 403, or 404 "Package not found." as ghcr does for a token that cannot see the package as admin. Default 403. */
  refusedAs?: 403 | 404;
  /** A classic personal access token's scopes, sent back in `x-oauth-scopes` as GitHub does; absent for GITHUB_TOKEN-like tokens. */
  scopes?: string[];
}

export interface GithubPackagesOptions {
  /** `host:port` of the backing registry (no auth, deletes enabled). */
  upstream: string;
  owners: Record<string, OwnerType>;
  tokens: Record<string, TokenGrant>;
}

export interface ApiCall {
  method: string;
  path: string;
  status: number;
}

export interface EmulatedVersion {
  id: number;
  digest: string;
  tags: string[];
  deleted: boolean;
}

export interface RunningGithubPackages {
  /** `127.0.0.1:PORT`: the registry part of references, and the API's host. */
  host: string;
  /** `http://127.0.0.1:PORT`, what GITHUB_API_URL is set to. */
  apiUrl: string;
  /** Every REST API call (not /v2/), in order. */
  calls(): ApiCall[];
  /** REST API calls that change something (DELETE, POST). */
  writes(): ApiCall[];
  clearCalls(): void;
  /** Registry DELETEs refused with 405, as ghcr refuses them. */
  refusedRegistryDeletes(): number;
  /** The versions of a package (`owner/name`), newest first, deleted ones included. */
  versions(pkg: string): EmulatedVersion[];
  /** Response bodies that broke the description's schema, as `operationId status: error`. */
  violations(): string[];
  /** The next `count` API calls answer GitHub's secondary-rate-limit 403 with `retry-after: seconds`. */
  limitNext(count: number, seconds: number): void;
  stop(): Promise<void>;
}

interface Version {
  id: number;
  digest: string;
  mediaType: string;
  bytes: Buffer;
  created: string;
  updated: string;
  deleted?: string;
  /** Tags it held when deleted, given back by restore unless taken since. */
  tagsAtDelete?: string[];
}

interface Pkg {
  owner: string;
  name: string;
  versions: Version[];
  /** tag → digest, as pushed. */
  tags: Map<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  op: Operation;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const DOCS = 'https://docs.github.com/rest/packages/packages';
const SERVED = /^\/(?:orgs\/\{org\}|users\/\{username\}|user)\/packages\/\{package_type\}\/\{package_name\}\/versions|^\/users\/\{username\}$/;
const MAX_MANIFEST = 4 * 1024 * 1024;

/** The served operations, from the description's own paths: `{name}` matches one path segment. */
function routesOf(doc: OpenApiDescription): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!SERVED.test(path)) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!op.operationId) continue;
      const names: string[] = [];
      const source = path
        .split(/\{(\w+)\}/)
        .map((part, i) => (i % 2 === 1 ? (names.push(part), '([^/]+)') : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('');
      routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, op });
    }
  }
  return routes;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function headersOf(raw: string[]): OutgoingHttpHeaders {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name)) (out[name] ??= []).push(raw[i + 1]!);
  }
  return out;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError(413, 'manifest too large for the stand-in');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startGithubPackages(opts: GithubPackagesOptions): Promise<RunningGithubPackages> {
  const doc = githubDescription();
  const routes = routesOf(doc);
  const agent = new Agent({ keepAlive: true });
  const packages = new Map<string, Pkg>();
  let calls: ApiCall[] = [];
  const violations: string[] = [];
  let refusedDeletes = 0;
  let nextId = 700_001;
  let limited = { count: 0, seconds: 0 };
  let self = '';

  const [upHost, upPort] = opts.upstream.split(':');
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

  function upstream(method: string, path: string, headers: OutgoingHttpHeaders, body?: Buffer | IncomingMessage): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const up = request({ host: upHost, port: Number(upPort), method, path, headers: { ...headers, host: opts.upstream }, agent }, resolve);
      up.once('error', reject);
      if (body instanceof Buffer) up.end(body);
      else if (body) pipeline(body, up).catch(reject);
      else up.end();
    });
  }

  function packageFor(repository: string, create: boolean): Pkg | undefined {
    const slash = repository.indexOf('/');
    if (slash <= 0) return undefined;
    const key = repository.toLowerCase();
    let pkg = packages.get(key);
    if (!pkg && create) packages.set(key, (pkg = { owner: repository.slice(0, slash), name: repository.slice(slash + 1), versions: [], tags: new Map() }));
    return pkg;
  }

  function record(repository: string, reference: string, bytes: Buffer, mediaType: string, digest: string): void {
    const pkg = packageFor(repository, true);
    if (!pkg) return;
    const live = pkg.versions.find((v) => v.digest === digest && !v.deleted);
    if (live) live.updated = now();
    else pkg.versions.push({ id: nextId++, digest, mediaType, bytes, created: now(), updated: now() });
    if (!reference.startsWith('sha256:')) pkg.tags.set(reference, digest);
  }

  async function serveRegistry(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const manifest = MANIFEST_PATH.exec(path);
    if (manifest && req.method === 'DELETE') {
      refusedDeletes++;
      req.resume();
      const body = JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] });
      return void res.writeHead(405, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }
    const headers = headersOf(req.rawHeaders);
    if (manifest && req.method === 'PUT') {
      const bytes = await readBody(req, MAX_MANIFEST);
      const up = await upstream('PUT', req.url ?? path, headers, bytes);
      if (up.statusCode === 201)
        record(
          decodeURIComponent(manifest[1]!),
          decodeURIComponent(manifest[2]!),
          bytes,
          String(req.headers['content-type'] ?? ''),
          String(up.headers['docker-content-digest'] ?? digestOf(bytes)),
        );
      return forward(up, res);
    }
    const up = await upstream(req.method ?? 'GET', req.url ?? path, headers, req.method === 'GET' || req.method === 'HEAD' ? undefined : req);
    return forward(up, res);
  }

  async function forward(up: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = headersOf(up.rawHeaders);
    const location = headers['location'];
    // distribution writes absolute upload URLs with the Host it saw; uploads keep coming through here.
    if (Array.isArray(location)) headers['location'] = String(location[0]).replace(`http://${opts.upstream}`, `http://${self}`);
    res.writeHead(up.statusCode ?? 502, headers);
    await pipeline(up, res);
  }

  function versionJson(pkg: Pkg, v: Version, base: string): Record<string, unknown> {
    const tags = v.deleted
      ? []
      : [...pkg.tags]
          .filter(([, d]) => d === v.digest)
          .map(([t]) => t)
          .sort();
    const scope = base.startsWith('/orgs/') ? 'orgs' : 'users';
    const json: Record<string, unknown> = {
      id: v.id,
      name: v.digest,
      url: `http://${self}${base}/${v.id}`,
      package_html_url: `https://github.com/${scope}/${pkg.owner}/packages/container/package/${encodeURIComponent(pkg.name)}`,
      html_url: `https://github.com/${scope}/${pkg.owner}/packages/container/${encodeURIComponent(pkg.name)}/${v.id}`,
      created_at: v.created,
      updated_at: v.updated,
      metadata: { package_type: 'container', container: { tags } },
    };
    if (v.deleted) json['deleted_at'] = v.deleted;
    return json;
  }

  function userJson(login: string, type: OwnerType, id: number): Record<string, unknown> {
    const api = `http://${self}/users/${login}`;
    return {
      login,
      id,
      node_id: `U_${id}`,
      avatar_url: '',
      gravatar_id: '',
      url: api,
      html_url: `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type,
      site_admin: false,
      user_view_type: 'public',
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
    };
  }

  /** Answers one API call; throws ApiError for the error answers. */
  function api(method: string, url: URL, grant: TokenGrant): { status: number; body?: unknown; headers?: Record<string, string>; op: Operation } {
    const path = url.pathname;
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of routes)
      if (r.method === method && (match = r.pattern.exec(path))) {
        route = r;
        break;
      }
    if (!route || !match) throw new ApiError(404, 'Not Found');
    const params = new Map(route.names.map((n, i) => [n, decodeURIComponent(match![i + 1]!)]));
    for (const p of (route.op.parameters ?? []).map((x) => parameterOf(doc, x))) {
      const value = p.in === 'path' ? params.get(p.name) : (url.searchParams.get(p.name) ?? undefined);
      if (value === undefined) continue;
      if (p.schema?.enum && !p.schema.enum.includes(value)) throw new ApiError(422, `Invalid value for ${p.name}`);
      if (p.schema?.type === 'integer' && !/^\d+$/.test(value)) throw new ApiError(422, `${p.name} must be an integer`);
    }
    const op = route.op;
    if (op.operationId === 'users/get-by-username') {
      const login = params.get('username')!;
      const type = Object.entries(opts.owners).find(([o]) => o.toLowerCase() === login.toLowerCase());
      if (!type) throw new ApiError(404, 'Not Found');
      return { status: 200, body: userJson(type[0], type[1], 1000 + Object.keys(opts.owners).indexOf(type[0])), op };
    }
    if (params.get('package_type') !== 'container') throw new ApiError(404, 'Package not found.');
    const owner = path.startsWith('/user/') ? grant.login : (params.get('org') ?? params.get('username'))!;
    const ownerType = Object.entries(opts.owners).find(([o]) => o.toLowerCase() === owner.toLowerCase())?.[1];
    if (path.startsWith('/orgs/') !== (ownerType === 'Organization')) throw new ApiError(404, 'Package not found.');
    const pkg = packageFor(`${owner}/${params.get('package_name')!}`, false);
    if (!pkg) throw new ApiError(404, 'Package not found.');
    const base = path.replace(/\/versions(\/.*)?$/, '/versions');

    if (method === 'GET' && !params.has('package_version_id')) {
      const state = url.searchParams.get('state') ?? 'active';
      const all = pkg.versions.filter((v) => (state === 'deleted') === (v.deleted !== undefined)).sort((a, b) => b.id - a.id);
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (p: number, rel: string) => {
        const u = new URL(url.href);
        u.searchParams.set('per_page', String(perPage));
        u.searchParams.set('page', String(p));
        return `<http://${self}${u.pathname}${u.search}>; rel="${rel}"`;
      };
      const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
      return {
        status: 200,
        body: all.slice((page - 1) * perPage, page * perPage).map((v) => versionJson(pkg, v, base)),
        headers: links.length ? { link: links.join(', ') } : {},
        op,
      };
    }
    const id = Number(params.get('package_version_id'));
    const version = pkg.versions.find((v) => v.id === id);
    if (method === 'GET') {
      if (!version || version.deleted) throw new ApiError(404, 'Not Found');
      return { status: 200, body: versionJson(pkg, version, base), op };
    }
    const mayWrite =
      grant.canDelete === true && (ownerType === 'Organization' || path.startsWith('/user/') || owner.toLowerCase() === grant.login.toLowerCase());
    if (!mayWrite) {
      if ((grant.refusedAs ?? 403) === 404) throw new ApiError(404, 'Package not found.');
      throw new ApiError(403, 'You need admin access to the package and a token with the delete:packages scope to delete or restore package versions.');
    }
    if (!version) throw new ApiError(404, 'Not Found');
    return { status: 204, op, ...(method === 'DELETE' ? { pending: deleteVersion(pkg, version) } : { pending: restoreVersion(pkg, version) }) };
  }

  async function deleteVersion(pkg: Pkg, v: Version): Promise<void> {
    if (v.deleted) throw new ApiError(404, 'Not Found');
    const up = await upstream('DELETE', `/v2/${pkg.owner}/${pkg.name}/manifests/${v.digest}`, {});
    up.resume();
    if (up.statusCode !== 202 && up.statusCode !== 404) throw new ApiError(500, `backing registry answered ${up.statusCode} to the manifest delete`);
    v.tagsAtDelete = [...pkg.tags].filter(([, d]) => d === v.digest).map(([t]) => t);
    for (const t of v.tagsAtDelete) pkg.tags.delete(t);
    v.deleted = now();
  }

  async function restoreVersion(pkg: Pkg, v: Version): Promise<void> {
    if (!v.deleted) return;
    const put = async (ref: string) => {
      const up = await upstream('PUT', `/v2/${pkg.owner}/${pkg.name}/manifests/${ref}`, { 'content-type': v.mediaType }, v.bytes);
      up.resume();
      if (up.statusCode !== 201) throw new ApiError(500, `backing registry answered ${up.statusCode} to the restore`);
    };
    await put(v.digest);
    const free = (v.tagsAtDelete ?? []).filter((t) => !pkg.tags.has(t));
    for (const t of free) await put(t);
    for (const t of free) pkg.tags.set(t, v.digest);
    delete v.deleted;
    delete v.tagsAtDelete;
  }

  function sendJson(res: ServerResponse, op: Operation | undefined, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (op && body !== undefined) {
      const schema = responseSchema(doc, op, status);
      if (schema) for (const e of schemaErrors(doc, schema, body)) violations.push(`${op.operationId} ${status}: ${e}`);
    }
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      ...headers,
    });
    res.end(text);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    req.resume();
    const method = req.method ?? 'GET';
    const entry: ApiCall = { method, path: url.pathname + url.search, status: 0 };
    calls.push(entry);
    let op: Operation | undefined;
    let tokenHeaders: Record<string, string> = {};
    try {
      if (limited.count > 0) {
        limited.count--;
        throw new ApiError(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', {
          'retry-after': String(limited.seconds),
        });
      }
      const auth = /^(?:token|bearer)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      if (auth === undefined) throw new ApiError(401, 'Requires authentication');
      const grant = opts.tokens[auth];
      if (!grant) throw new ApiError(401, 'Bad credentials');
      if (grant.scopes) tokenHeaders = { 'x-oauth-scopes': grant.scopes.join(', '), 'x-accepted-oauth-scopes': 'read:packages' };
      const answer = api(method, url, grant) as ReturnType<typeof api> & { pending?: Promise<void> };
      op = answer.op;
      await answer.pending;
      entry.status = answer.status;
      sendJson(res, op, answer.status, answer.body, { ...tokenHeaders, ...answer.headers });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, String(err));
      entry.status = e.status;
      // Only the statuses the description gives for the operation are checked against it (basic-error).
      const described = op && e.status in op.responses ? op : undefined;
      sendJson(res, described, e.status, { message: e.message, documentation_url: DOCS, status: String(e.status) }, { ...tokenHeaders, ...e.headers });
    }
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const work = url.pathname === '/v2' || url.pathname.startsWith('/v2/') ? serveRegistry(req, res, url.pathname) : serveApi(req, res, url);
    work.catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(err instanceof ApiError ? err.status : 502, { 'content-type': 'text/plain' }).end(`stand-in: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  self = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped: Promise<void> | undefined;
  return {
    host: self,
    apiUrl: `http://${self}`,
    calls: () => calls.map((c) => ({ ...c })),
    writes: () => calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD').map((c) => ({ ...c })),
    clearCalls: () => {
      calls = [];
    },
    refusedRegistryDeletes: () => refusedDeletes,
    versions: (name) => {
      const pkg = packageFor(name, false);
      if (!pkg) return [];
      return [...pkg.versions]
        .sort((a, b) => b.id - a.id)
        .map((v) => ({
          id: v.id,
          digest: v.digest,
          deleted: v.deleted !== undefined,
          tags: v.deleted
            ? []
            : [...pkg.tags]
                .filter(([, d]) => d === v.digest)
                .map(([t]) => t)
                .sort(),
        }));
    },
    violations: () => [...violations],
    limitNext: (count, seconds) => {
      limited = { count, seconds };
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      });
      return stopped;
    },
  };
}
