import assert from 'node:assert/strict';
import { Secrets } from '../../src/log.js';
import { after, describe, test } from 'node:test';
import { Readable } from 'node:stream';
import { DigestMismatchError, RegistryError, RegistryLimitError } from '../../src/errors.js';
import { backoffDelay, classifyFailure, classifyStatus, DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay, type FailureClass } from '../../src/retry.js';
import { errorFromResponse } from '../../src/transport/response.js';
import { parseRateLimit } from '../../src/transport/ratelimit.js';
import { json, startLocalServer, testClient } from './transport-local-server.js';

describe('the failure classifier', () => {
  const STATUSES: Array<[number, FailureClass]> = [
    [400, 'fatal'],
    [401, 'reauth'],
    [403, 'fatal'],
    [404, 'fatal'],
    [405, 'fatal'],
    [408, 'transient'],
    [409, 'fatal'],
    [429, 'transient'],
    [500, 'transient'],
    [501, 'fatal'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'transient'],
    [505, 'fatal'],
  ];

  test('HTTP statuses: 408, 429 and 500/502/503/504 are transient, 401 asks for credentials, the rest stand', () => {
    assert.deepEqual(
      STATUSES.map(([status]) => [status, classifyStatus(status)]),
      STATUSES,
    );
  });

  test('a RegistryError made from a response is classified by its status, the same rule', async () => {
    for (const [status, want] of STATUSES) {
      const err = await errorFromResponse(
        status,
        Readable.from([]),
        { registry: 'r.example', repository: 'a', operation: 'blob-get', secrets: new Secrets() },
        'blob x',
      );
      assert.equal(classifyFailure(err), want, String(status));
    }
  });

  const withCode = (code: string, nested = false): Error => {
    const inner = Object.assign(new Error(`inner ${code}`), { code });
    return nested ? new TypeError('fetch failed', { cause: inner }) : inner;
  };
  const ERRORS: Array<[string, unknown, FailureClass]> = [
    ['connection reset', withCode('ECONNRESET'), 'transient'],
    ['undici socket closed mid-body, wrapped', withCode('UND_ERR_SOCKET', true), 'transient'],
    ['undici body timeout', withCode('UND_ERR_BODY_TIMEOUT'), 'transient'],
    ['undici headers timeout', withCode('UND_ERR_HEADERS_TIMEOUT'), 'transient'],
    ['a body stream that ended early', withCode('ERR_STREAM_PREMATURE_CLOSE'), 'transient'],
    ['DNS try-again', withCode('EAI_AGAIN'), 'transient'],
    ['connection refused: no registry there', withCode('ECONNREFUSED'), 'fatal'],
    ['unknown host', withCode('ENOTFOUND'), 'fatal'],
    ['a TLS certificate error', withCode('DEPTH_ZERO_SELF_SIGNED_CERT'), 'fatal'],
    ['a body cut short before its declared size', new DigestMismatchError('sha256:a', '10 bytes where 20 were expected', 'blob', true), 'transient'],
    ['bytes that hash to another digest', new DigestMismatchError('sha256:a', 'sha256:b', 'blob'), 'fatal'],
    [
      'a body over its cap',
      new RegistryLimitError('the manifest is larger than 10 B', {
        status: 200,
        registry: 'r.example',
        repository: 'a/b',
        operation: 'manifest-get',
        setting: 'manifest-bytes',
        limit: '10 B',
      }),
      'fatal',
    ],
    ['a bug', new TypeError('x is not a function'), 'fatal'],
    ['not an Error at all', 'boom', 'fatal'],
    [
      'a RegistryError made transient',
      new RegistryError('broke off', { status: undefined, registry: 'r', repository: undefined, operation: 'blob-get', failure: 'transient' }),
      'transient',
    ],
    [
      'a RegistryError without a class',
      new RegistryError('no Location', { status: 201, registry: 'r', repository: undefined, operation: 'blob-put' }),
      'fatal',
    ],
  ];
  for (const [name, err, want] of ERRORS) {
    test(`errors: ${name} is ${want}`, () => assert.equal(classifyFailure(err), want));
  }
});

describe('retry policy', () => {
  test('Retry-After is read as seconds or as an HTTP date, and capped', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(retryDelay(0, '3600', DEFAULT_RETRY_POLICY), DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  });

  test('backoff doubles from the base, jitters, and stops at the cap', () => {
    assert.equal(
      backoffDelay(0, DEFAULT_RETRY_POLICY, () => 0.5),
      100,
    );
    assert.equal(
      backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0.5),
      800,
    );
    assert.equal(
      backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0),
      400,
    );
    assert.equal(
      backoffDelay(30, DEFAULT_RETRY_POLICY, () => 0.99),
      30_000,
    );
  });

  test('Docker Hub rate-limit headers become a RateLimit', () => {
    assert.deepEqual(parseRateLimit({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600', 'ratelimit-reset': '3600' }), {
      set: true,
      limit: 100,
      remaining: 76,
      reset: 3600,
      policies: ['100;w=21600'],
    });
    assert.deepEqual(parseRateLimit({ 'ratelimit-limit': '100;w=21600' }), { set: false, limit: 100, policies: ['100;w=21600'] });
    assert.equal(parseRateLimit({ 'content-type': 'x' }), undefined);
  });
});

describe('retries against a local server', () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of closers) await c();
  });

  test('429 with Retry-After waits as told, then succeeds', async () => {
    let n = 0;
    const server = await startLocalServer((_req, res) => (n++ === 0 ? json(res, 429, {}, { 'retry-after': '1' }) : json(res, 200, { ok: true })));
    const client = testClient(server.host);
    closers.push(() => client.close(), server.close);
    const started = Date.now();
    const res = await client.request({ method: 'GET', target: '/v2/', operation: 'ping' });
    await res.body.dump();
    assert.equal(res.status, 200);
    assert.equal(server.seen.length, 2);
    assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
  });

  test('503 then 200 is retried once', async () => {
    let n = 0;
    const server = await startLocalServer((_req, res) => (n++ === 0 ? json(res, 503, {}) : json(res, 200, {})));
    const client = testClient(server.host);
    closers.push(() => client.close(), server.close);
    const res = await client.request({ method: 'HEAD', target: '/v2/r/manifests/t', operation: 'manifest-head', repository: 'r' });
    await res.body.dump();
    assert.equal(res.status, 200);
    assert.deepEqual(
      server.seen.map((r) => r.method),
      ['HEAD', 'HEAD'],
    );
  });

  test('a connection reset is retried', async () => {
    let n = 0;
    const server = await startLocalServer((req, res) => {
      if (n++ === 0) req.socket.destroy();
      else json(res, 200, {});
    });
    const client = testClient(server.host);
    closers.push(() => client.close(), server.close);
    const res = await client.request({ method: 'GET', target: '/v2/', operation: 'ping' });
    await res.body.dump();
    assert.equal(res.status, 200);
    assert.equal(server.seen.length, 2);
  });

  test('retries are bounded: 1 try + N retries, then the last status is returned', async () => {
    const server = await startLocalServer((_req, res) => json(res, 502, {}));
    const client = testClient(server.host, { retries: 3 });
    closers.push(() => client.close(), server.close);
    const res = await client.request({ method: 'GET', target: '/v2/', operation: 'ping' });
    await res.body.dump();
    assert.equal(res.status, 502);
    assert.equal(server.seen.length, 4);
  });

  test('resets on every try end in a RegistryError naming the host and the cause', async () => {
    const server = await startLocalServer((req) => req.socket.destroy());
    const client = testClient(server.host, { retries: 2 });
    closers.push(() => client.close(), server.close);
    await assert.rejects(client.request({ method: 'GET', target: '/v2/r/tags/list', operation: 'tag-list', repository: 'r' }), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.match(err.message, new RegExp(`cannot reach ${server.host}`));
      assert.match(err.message, /after 2 retries/);
      assert.equal(err.failure, 'transient');
      return true;
    });
    assert.equal(server.seen.length, 3);
  });

  test('a 501 is answered once, not retried', async () => {
    const server = await startLocalServer((_req, res) => json(res, 501, {}));
    const client = testClient(server.host);
    closers.push(() => client.close(), server.close);
    const res = await client.request({ method: 'GET', target: '/v2/r/referrers/sha256:abc', operation: 'referrers', repository: 'r' });
    await res.body.dump();
    assert.equal(res.status, 501);
    assert.equal(server.seen.length, 1);
  });

  test('a 401 after the token expired: one re-authentication, then the request goes through', async () => {
    // The registry takes each token once (as if it expired right after); the token server hands out a new one each time.
    let issued = 0;
    const spent = new Set<string>();
    const server = await startLocalServer((req, res) => {
      if (req.url?.startsWith('/token')) return json(res, 200, { token: `tok-${++issued}`, expires_in: 300 });
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (token !== undefined && !spent.has(token)) {
        spent.add(token);
        return json(res, 200, {});
      }
      return json(
        res,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'token expired' }] },
        { 'www-authenticate': `Bearer realm="http://${server.host}/token",service="s",scope="repository:r:pull"` },
      );
    });
    const client = testClient(server.host);
    closers.push(() => client.close(), server.close);
    for (let i = 0; i < 2; i++) {
      const res = await client.request({ method: 'GET', target: '/v2/r/manifests/v1', operation: 'manifest-get', repository: 'r' });
      await res.body.dump();
      assert.equal(res.status, 200);
    }
    const v2 = server.seen.filter((r) => r.url.startsWith('/v2/')).map((r) => r.headers.authorization ?? 'none');
    // First: bare, then tok-1. Second: tok-1 again (expired), then once more with tok-2, and no further tries.
    assert.deepEqual(v2, ['none', 'Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    assert.equal(issued, 2);
  });

  test('a stream body is sent once, never replayed', async () => {
    const server = await startLocalServer((_req, res) => json(res, 503, {}));
    const client = testClient(server.host);
    closers.push(() => client.close(), server.close);
    const { Readable } = await import('node:stream');
    const res = await client.request({
      method: 'PUT',
      target: '/v2/r/blobs/uploads/x',
      operation: 'blob-put',
      repository: 'r',
      body: Readable.from([Buffer.from('abc')]),
      headers: { 'content-length': '3' },
    });
    await res.body.dump();
    assert.equal(res.status, 503);
    assert.equal(server.seen.length, 1);
  });

  test('an unreachable host is a RegistryError naming it and ECONNREFUSED, without retries', async () => {
    const server = await startLocalServer(() => {});
    const host = server.host;
    await server.close();
    const client = testClient(host);
    closers.push(() => client.close());
    await assert.rejects(client.request({ method: 'GET', target: '/v2/', operation: 'ping' }), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.match(err.message, new RegExp(`ping on ${host.replace(/\./g, '\\.')}: cannot reach ${host.replace(/\./g, '\\.')}: ECONNREFUSED`));
      assert.match(err.message, /check the host name and port/);
      return true;
    });
  });
});
