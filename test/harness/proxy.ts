// A reverse proxy in front of a test registry, to make loopback look like the internet: a delay before every response
// (round trips decide a mirror's speed), extra headers (rate limits), and list paging the way Docker Hub and GHCR do
// it, which distribution 2.8 does not (it returns every tag at once). Bodies stream both ways, so 1 GiB blobs pass.
// `faults` cuts a connection halfway through a body, stalls or truncates one, or answers in the registry's place (5xx,
// 429): what no real registry can be made to do on cue.
import { once } from 'node:events';
import { Agent, createServer, request, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AccessRecord } from './access-log.js';

export interface ProxyOptions {
  /** Milliseconds added before every response. */
  delayMs?: number;
  /** Page `/v2/<repo>/tags/list` and `/v2/_catalog`: at most this many entries per answer, `Link` to the next page. */
  pageSize?: number;
  /** Extra response headers, e.g. `ratelimit-remaining`. */
  headers?: (req: IncomingMessage) => Record<string, string>;
  /** Asked once per request: a fault to inject into it, or undefined to pass it through untouched. */
  faults?: (req: IncomingMessage) => ProxyFault | undefined;
}

/**
 * `drop-mid-request`: forward half of the request body (by its Content-Length), then close both connections.
 * `drop-mid-response`: send the status, headers and half of the response body, then close both connections.
 * `truncate`: send the registry's headers (its Content-Length included) and a third of the body, then close at once.
 * `{ stallMs }`: send half of the response body, pause, then the rest (or nothing, when the client gave up meanwhile).
 * `{ status }`: answer in the registry's place with that status, a distribution error body and `headers`; the
 * registry never sees the request.
 */
export type ProxyFault = 'drop-mid-request' | 'drop-mid-response' | 'truncate' | StallFault | StatusFault;

export interface StallFault {
  stallMs: number;
}

export interface StatusFault {
  status: number;
  headers?: Record<string, string>;
}

export interface RunningProxy {
  host: string;
  url: string;
  requests(): AccessRecord[];
  clearRequests(): void;
  stop(): Promise<void>;
}

// RFC 9110 section 7.6.1: connection-specific fields are not forwarded; node frames each side's body itself.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const LIST_PATH = /^\/v2\/(?:_catalog|(.+)\/tags\/list)$/;

function forwardable(rawHeaders: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name)) continue;
    out.set(name, [...(out.get(name) ?? []), rawHeaders[i + 1]!]);
  }
  return out;
}

function toOutgoing(headers: Map<string, string[]>): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, values] of headers) out[name] = values.length === 1 ? values[0] : values;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Passes the first `keep` bytes on, then holds the rest back and calls `cut` after `graceMs`. */
function cutAfter(keep: number, graceMs: number, cut: () => void): Transform {
  let left = keep;
  let cutting = false;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      if (cutting) return;
      const part = chunk.subarray(0, Math.max(0, left));
      left -= part.length;
      if (part.length > 0) this.push(part);
      if (left > 0) return done();
      cutting = true;
      setTimeout(cut, graceMs);
    },
  });
}

/** Passes the first half of `length` bytes on, then holds the rest back and calls `cut`. */
function halfway(length: number, cut: () => void): Transform {
  // A moment for the half to reach the peer, so it really holds a partial body when the connection goes.
  return cutAfter(Math.floor(length / 2), 50, cut);
}

/** Passes half of `length` bytes on, waits `ms`, then lets the rest through. */
function stalling(length: number, ms: number): Transform {
  let left = Math.floor(length / 2);
  let stalled = false;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      if (stalled || left <= 0) return done(null, chunk);
      const head = chunk.subarray(0, left);
      left -= head.length;
      this.push(head);
      if (left > 0) return done();
      stalled = true;
      const tail = chunk.subarray(head.length);
      setTimeout(() => done(null, tail), ms);
    },
  });
}

function errorBody(status: number): Buffer {
  const code = status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE';
  return Buffer.from(JSON.stringify({ errors: [{ code, message: `injected ${status} from the test proxy` }] }));
}

export async function startProxy(target: string, opts: ProxyOptions = {}): Promise<RunningProxy> {
  const agent = new Agent({ keepAlive: true });
  let log: AccessRecord[] = [];
  let self = '';

  /** Sends the request on to the target; the client's body goes along only when forwardBody (it can be read once). */
  function upstream(req: IncomingMessage, path: string, forwardBody: boolean, fault?: ProxyFault): Promise<IncomingMessage> {
    const headers = forwardable(req.rawHeaders);
    headers.set('host', [target]);
    const [hostname, port] = target.split(':');
    return new Promise((resolve, reject) => {
      const method = forwardBody ? req.method : 'GET';
      const up = request({ host: hostname, port: Number(port ?? 80), method, path, headers: toOutgoing(headers), agent }, resolve);
      up.once('error', reject);
      if (forwardBody && fault === 'drop-mid-request') {
        const cut = () => {
          up.destroy();
          req.socket.destroy();
        };
        pipeline(req, halfway(Number(req.headers['content-length'] ?? 0), cut), up).catch(reject);
      } else if (forwardBody) pipeline(req, up).catch(reject);
      else up.end();
    });
  }

  async function respond(req: IncomingMessage, res: ServerResponse, status: number, headers: Map<string, string[]>, record: AccessRecord): Promise<void> {
    if (opts.delayMs) await sleep(opts.delayMs);
    const location = headers.get('location');
    // distribution builds absolute upload URLs from the Host it saw; uploads must keep going through the proxy.
    if (location)
      headers.set(
        'location',
        location.map((l) => l.replace(`http://${target}`, `http://${self}`)),
      );
    for (const [name, value] of Object.entries(opts.headers?.(req) ?? {})) headers.set(name.toLowerCase(), [value]);
    record.status = status;
    log.push(record);
    res.writeHead(status, toOutgoing(headers));
  }

  /** The whole list, following distribution's own `Link` pages (its catalog stops at 1000 entries). */
  async function fullList(
    req: IncomingMessage,
    path: string,
    key: 'tags' | 'repositories',
  ): Promise<{ status: number; headers: Map<string, string[]>; body: Buffer; items?: string[] }> {
    const items: string[] = [];
    let headers: Map<string, string[]> | undefined;
    let next: string | undefined = path;
    while (next) {
      const up = await upstream(req, next, false);
      const chunks: Buffer[] = [];
      for await (const chunk of up) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (up.statusCode !== 200) return { status: up.statusCode ?? 502, headers: forwardable(up.rawHeaders), body };
      headers ??= forwardable(up.rawHeaders);
      items.push(...((JSON.parse(body.toString('utf8')) as Record<string, string[] | null>)[key] ?? []));
      next = /<([^>]+)>;\s*rel="next"/.exec(String(up.headers.link ?? ''))?.[1];
    }
    return { status: 200, headers: headers!, body: Buffer.alloc(0), items };
  }

  async function servePage(req: IncomingMessage, res: ServerResponse, url: URL, repo: string | undefined, record: AccessRecord): Promise<void> {
    const key = repo === undefined ? 'repositories' : 'tags';
    const full = await fullList(req, url.pathname, key);
    if (!full.items) {
      await respond(req, res, full.status, full.headers, record);
      return void res.end(req.method === 'HEAD' ? undefined : full.body);
    }
    const cap = opts.pageSize!;
    const requested = url.searchParams.has('n') ? Number(url.searchParams.get('n')) : cap;
    const size = Number.isFinite(requested) ? Math.max(0, Math.min(requested, cap)) : cap;
    const last = url.searchParams.get('last');
    const sorted = [...full.items].sort();
    const after = last === null ? sorted : sorted.filter((item) => item > last);
    const page = after.slice(0, size);
    const body = Buffer.from(JSON.stringify(repo === undefined ? { repositories: page } : { name: repo, tags: page }));
    const headers = new Map([...full.headers].filter(([name]) => name !== 'link' && name !== 'content-length'));
    headers.set('content-type', ['application/json; charset=utf-8']);
    headers.set('content-length', [String(body.length)]);
    if (page.length > 0 && after.length > page.length) {
      headers.set('link', [`<${url.pathname}?n=${size}&last=${encodeURIComponent(page[page.length - 1]!)}>; rel="next"`]);
    }
    await respond(req, res, 200, headers, record);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: AccessRecord = { method: req.method ?? '', path: req.url ?? '/', status: 0 };
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const list = LIST_PATH.exec(url.pathname);
    if (opts.pageSize && list && (req.method === 'GET' || req.method === 'HEAD')) return servePage(req, res, url, list[1], record);
    const fault = opts.faults?.(req);
    if (typeof fault === 'object' && 'status' in fault) return answerInstead(req, res, fault, record);
    const up = await upstream(req, req.url ?? '/', true, fault);
    await respond(req, res, up.statusCode ?? 502, forwardable(up.rawHeaders), record);
    const length = Number(up.headers['content-length'] ?? 0);
    const cut = () => {
      up.destroy();
      res.socket?.destroy();
    };
    if (fault === 'drop-mid-response') return pipeline(up, halfway(length, cut), res);
    if (fault === 'truncate') return pipeline(up, cutAfter(Math.floor(length / 3), 0, cut), res);
    if (typeof fault === 'object') return pipeline(up, stalling(length, fault.stallMs), res);
    await pipeline(up, res);
  }

  async function answerInstead(req: IncomingMessage, res: ServerResponse, fault: StatusFault, record: AccessRecord): Promise<void> {
    // The request body is read to its end first, so the client sees the answer and not a reset mid-upload.
    req.resume();
    if (!req.readableEnded) await once(req, 'end');
    const body = errorBody(fault.status);
    const headers = new Map<string, string[]>([
      ['content-type', ['application/json']],
      ['content-length', [String(body.length)]],
      ...Object.entries(fault.headers ?? {}).map(([k, v]): [string, string[]] => [k.toLowerCase(), [v]]),
    ]);
    await respond(req, res, fault.status, headers, record);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent) return void res.destroy();
      log.push({ method: req.method ?? '', path: req.url ?? '/', status: 502 });
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: upstream ${target} failed`);
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
    url: `http://${self}`,
    requests: () => log.map((r) => ({ ...r })),
    clearRequests: () => {
      log = [];
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
