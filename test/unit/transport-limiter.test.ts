import assert from 'node:assert/strict';
import { Transform } from 'node:stream';
import { after, describe, test } from 'node:test';
import { DEFAULT_REQ_CONCURRENT } from '../../src/config/hostconfig.js';
import { RequestLimiter } from '../../src/transport/limiter.js';
import { json, startLocalServer, testClient } from './transport-local-server.js';

describe('request limiter', () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of closers) await c();
  });

  /** A server that answers after 15 ms and remembers the most requests it held at once since the last `reset`. */
  async function slowServer() {
    let active = 0;
    let peak = 0;
    const server = await startLocalServer((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        json(res, 200, {});
      }, 15);
    });
    closers.push(server.close);
    return { server, peak: () => peak, reset: () => void (peak = 0) };
  }

  test('never more than reqConcurrent requests wait on the server at once', async () => {
    const { server, peak } = await slowServer();
    const client = testClient(server.host, { config: { reqConcurrent: 2 } });
    closers.push(() => client.close());
    await Promise.all(Array.from({ length: 8 }, async () => (await client.request({ method: 'GET', target: '/v2/', operation: 'ping' })).body.dump()));
    assert.equal(server.seen.length, 8);
    assert.equal(peak(), 2);
  });

  test('reqConcurrent 0 (as regclient writes "unset") and no reqConcurrent both mean the default', async () => {
    const { server, peak, reset } = await slowServer();
    for (const config of [{ reqConcurrent: 0 }, {}]) {
      reset();
      const client = testClient(server.host, { config });
      closers.push(() => client.close());
      await Promise.all(Array.from({ length: 20 }, async () => (await client.request({ method: 'GET', target: '/v2/', operation: 'ping' })).body.dump()));
      assert.equal(peak(), DEFAULT_REQ_CONCURRENT);
    }
  });

  test('a GET body streaming into a PUT on the same host completes even with one slot', { timeout: 10_000 }, async () => {
    const size = 4 * 1024 * 1024;
    let received = 0;
    const server = await startLocalServer((req, res) => {
      if (req.method === 'PUT') {
        json(res, 201, { received: size });
        return;
      }
      res.writeHead(200, { 'content-length': String(size) });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let sent = 0;
      const pump = (): void => {
        while (sent < size) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const client = testClient(server.host, { config: { reqConcurrent: 1 } });
    closers.push(() => client.close(), server.close);
    const get = await client.request({ method: 'GET', target: '/v2/a/blobs/sha256:1', operation: 'blob-get', repository: 'a' });
    const counted = get.body.pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          done(null, chunk);
        },
      }),
    );
    const put = await client.request({
      method: 'PUT',
      target: '/v2/b/blobs/uploads/1?digest=sha256:1',
      operation: 'blob-put',
      repository: 'b',
      body: counted,
      headers: { 'content-length': String(size) },
    });
    await put.body.dump();
    assert.equal(put.status, 201);
    assert.equal(received, size);
    assert.equal(Buffer.byteLength(server.seen[1]!.body), size);
  });

  test('reqPerSec spaces request starts', async () => {
    const limiter = new RequestLimiter(10, 20);
    const started = Date.now();
    for (let i = 0; i < 5; i++) (await limiter.acquire())();
    assert.ok(Date.now() - started >= 190, `5 starts at 20/s take at least 200 ms, took ${Date.now() - started}`);
  });
});
