// A Docker Hub API stand-in (hub.docker.com) for a real distribution registry acting as the registry side.
//
// Docker Hub refuses the registry's DELETE of a tag and removes tags through its Hub API; the registry side here is a
// real distribution registry started with deletes disabled, so every registry DELETE is refused (405 UNSUPPORTED).
// The stand-in serves what Docker's published Hub API description gives: `POST /v2/auth/token` (identifier + secret
// → `{access_token}`), the older `POST /v2/users/login` (username + password → `{token}`), errors as `{detail,
// message}`, every answer with `X-RateLimit-Limit/Remaining/Reset`, and a hit limit as 429 with `X-Retry-After` (unix
// time) and `Retry-After` (seconds). `DELETE /v2/repositories/{namespace}/{repository}/tags/{tag}/` (Hub's tag delete,
// used by hub-tool and the Hub UI) answers 204, 401 without a valid bearer, 403 for an account or token without
// delete rights on the namespace, 404 for an unknown tag. A delete removes the tag from the registry's storage (the
// tag's link directory): the manifest and its other tags stay, as on Hub.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface HubAccount {
  /** The password or personal access token. */
  secret: string;
  /** Namespaces where this account may delete tags (its own, or organizations where it is owner/editor). */
  admin: string[];
  /** A personal access token's scope: `repo:admin` ("Read, Write, Delete") may delete; lower scopes get 403. Default repo:admin. */
  scope?: 'repo:admin' | 'repo:write' | 'repo:read';
}

export interface DockerHubOptions {
  /** The backing registry's storage root (`RunningRegistry.dataDir`). */
  dataDir: string;
  accounts: Record<string, HubAccount>;
}

export interface HubCall {
  method: string;
  path: string;
  status: number;
}

export interface RunningDockerHub {
  /** `http://127.0.0.1:PORT`: what DOCKER_HUB_API_URL is set to. */
  apiUrl: string;
  calls(): HubCall[];
  /** Calls that change something (DELETE): logins are not writes. */
  writes(): HubCall[];
  clearCalls(): void;
  /** The next `count` calls answer 429 asking for a wait of `seconds`. */
  limitNext(count: number, seconds: number): void;
  stop(): Promise<void>;
}

const TAG_DELETE = /^\/v2\/repositories\/([^/]+)\/([^/]+)\/tags\/([^/]+)\/?$/;
const MAX_BODY = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function startDockerHub(opts: DockerHubOptions): Promise<RunningDockerHub> {
  let calls: HubCall[] = [];
  let limited = { count: 0, seconds: 0 };
  /** bearer → account name; each login gets a fresh one. */
  const bearers = new Map<string, string>();

  function send(res: ServerResponse, entry: HubCall, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    entry.status = status;
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'x-ratelimit-limit': '180',
      'x-ratelimit-remaining': status === 429 ? '0' : '179',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60),
      ...(text ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } : {}),
      ...headers,
    });
    res.end(text);
  }
  const error = (res: ServerResponse, entry: HubCall, status: number, detail: string) => send(res, entry, status, { detail, message: detail });

  function login(username: unknown, secret: unknown): string | undefined {
    if (typeof username !== 'string' || typeof secret !== 'string') return undefined;
    const account = opts.accounts[username];
    if (!account || account.secret !== secret) return undefined;
    const token = `hubjwt.${randomBytes(16).toString('hex')}`;
    bearers.set(token, username);
    return token;
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const method = req.method ?? 'GET';
    const entry: HubCall = { method, path: url.pathname, status: 0 };
    calls.push(entry);
    if (limited.count > 0) {
      limited.count--;
      req.resume();
      return send(
        res,
        entry,
        429,
        { detail: 'Too Many Requests', message: 'Too Many Requests' },
        {
          'retry-after': String(limited.seconds),
          'x-retry-after': String(Math.floor(Date.now() / 1000) + limited.seconds),
        },
      );
    }
    if (method === 'POST' && url.pathname === '/v2/auth/token') {
      const body = await readJson(req);
      const token = login(body?.['identifier'], body?.['secret']);
      if (!token) return error(res, entry, 401, 'Incorrect authentication credentials');
      return send(res, entry, 200, { access_token: token });
    }
    if (method === 'POST' && url.pathname === '/v2/users/login') {
      const body = await readJson(req);
      const token = login(body?.['username'], body?.['password']);
      if (!token) return error(res, entry, 401, 'Incorrect authentication credentials');
      return send(res, entry, 200, { token });
    }
    req.resume();
    const match = TAG_DELETE.exec(url.pathname);
    if (method === 'DELETE' && match) {
      const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      const user = bearer === undefined ? undefined : bearers.get(bearer);
      if (user === undefined) return error(res, entry, 401, 'Authentication credentials were not provided.');
      const account = opts.accounts[user]!;
      const [namespace, repository, tag] = match.slice(1).map((p) => decodeURIComponent(p!)) as [string, string, string];
      if (!account.admin.includes(namespace) || (account.scope ?? 'repo:admin') !== 'repo:admin')
        return error(res, entry, 403, 'You do not have permission to perform this action.');
      if ([namespace, repository, tag].some((p) => p.includes('/') || p.startsWith('.'))) return error(res, entry, 404, 'Object not found');
      const dir = join(opts.dataDir, 'docker/registry/v2/repositories', namespace, repository, '_manifests/tags', tag);
      if (!(await stat(dir).catch(() => undefined))) return error(res, entry, 404, `tag '${tag}' not found`);
      await rm(dir, { recursive: true });
      return send(res, entry, 204);
    }
    return error(res, entry, 404, 'Not Found');
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`stand-in: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped: Promise<void> | undefined;
  return {
    apiUrl,
    calls: () => calls.map((c) => ({ ...c })),
    writes: () => calls.filter((c) => c.method === 'DELETE').map((c) => ({ ...c })),
    clearCalls: () => {
      calls = [];
    },
    limitNext: (count, seconds) => {
      limited = { count, seconds };
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
