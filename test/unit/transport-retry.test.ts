import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { RegistryError } from '../../src/errors.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay } from '../../src/transport/retry.js';
import { parseRateLimit } from '../../src/transport/ratelimit.js';
import { json, startLocalServer, testClient } from './transport-local-server.js';

describe('retry policy', () => {
  test('Retry-After is read as seconds or as an HTTP date, and capped', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(retryDelay(0, '3600', DEFAULT_RETRY_POLICY), DEFAULT_RETRY_POLICY.maxRetryAfterMs);
  });

  test('backoff doubles from the base, jitters, and stops at the cap', () => {
    assert.equal(backoffDelay(0, DEFAULT_RETRY_POLICY, () => 0.5), 100);
    assert.equal(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0.5), 800);
    assert.equal(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0), 400);
    assert.equal(backoffDelay(30, DEFAULT_RETRY_POLICY, () => 0.99), 30_000);
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
    assert.deepEqual(server.seen.map((r) => r.method), ['HEAD', 'HEAD']);
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
      assert.equal(err.retryable, true);
      return true;
    });
    assert.equal(server.seen.length, 3);
  });

  test('a stream body is sent once, never replayed', async () => {
    const server = await startLocalServer((_req, res) => json(res, 503, {}));
    const client = testClient(server.host);
    closers.push(() => client.close(), server.close);
    const { Readable } = await import('node:stream');
    const res = await client.request({ method: 'PUT', target: '/v2/r/blobs/uploads/x', operation: 'blob-put', repository: 'r', body: Readable.from([Buffer.from('abc')]), headers: { 'content-length': '3' } });
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
