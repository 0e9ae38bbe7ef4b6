// Connections are kept across requests, HEADs included: a no-op sync is two HEADs per tag, and a connection per HEAD
// was a TCP handshake (three round trips with TLS), a socket and a parser made and dropped for each.
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { startLocalServer, testClient } from './transport-local-server.js';

const HEAD_COUNT = 20;

describe('connections to a registry', () => {
  test(`${HEAD_COUNT} HEADs one after another share one connection`, async () => {
    const ports = new Set<number>();
    const server = await startLocalServer((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      res.writeHead(200, {
        'docker-content-digest': `sha256:${'a'.repeat(64)}`,
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'content-length': 100,
      });
      res.end();
    });
    const client = testClient(server.host);
    after(async () => {
      await client.close();
      await server.close();
    });
    for (let i = 0; i < HEAD_COUNT; i++) {
      const res = await client.request({ method: 'HEAD', target: '/v2/app/manifests/v1', operation: 'manifest-head', repository: 'app' });
      await res.body.dump();
      assert.equal(res.status, 200);
    }
    assert.equal(server.seen.length, HEAD_COUNT);
    assert.ok(ports.size <= 2, `${HEAD_COUNT} HEADs took ${ports.size} connections`);
  });

  test('a server that wrongly sends a body with its HEAD answer costs that connection, not a request', async () => {
    // Raw HTTP, since node:http never sends a HEAD body: the answer and the stray body in one write, then a GET.
    const answered: string[] = [];
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', (chunk: Buffer) => {
        const method = chunk.toString('latin1').split(' ', 1)[0]!;
        answered.push(method);
        const body = '{"stray":"body"}';
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = testClient(host);
    after(async () => {
      await client.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const head = await client.request({ method: 'HEAD', target: '/v2/app/manifests/v1', operation: 'manifest-head', repository: 'app' });
    await head.body.dump();
    assert.equal(head.status, 200);
    const get = await client.request({ method: 'GET', target: '/v2/app/manifests/v1', operation: 'manifest-get', repository: 'app' });
    assert.equal(get.status, 200);
    assert.equal(await get.body.text(), '{"stray":"body"}');
    assert.deepEqual(answered.slice(-1), ['GET']);
  });

  // Every new connection is a round trip before the request can go: a HEAD must leave its connection for the next request.
  test('requests after a HEAD reuse its connection instead of opening one each', async () => {
    let connections = 0;
    const server = createHttpServer((req, res) => {
      res.writeHead(req.url?.includes('/blobs/') ? 404 : 200, { 'content-type': 'application/json', 'content-length': '2' });
      res.end(req.method === 'HEAD' ? undefined : '{}');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = testClient(`127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const sent = [
        ['HEAD', '/v2/a/manifests/v1'],
        ['HEAD', '/v2/a/blobs/sha256:00'],
        ['GET', '/v2/a/manifests/v1'],
        ['HEAD', '/v2/a/manifests/v1'],
        ['HEAD', '/v2/a/blobs/sha256:00'],
        ['HEAD', '/v2/a/manifests/v1'],
      ] as const;
      for (const [method, path] of sent) {
        const res = await client.request({ method, target: path, repository: 'a', operation: 'manifest-head' });
        await res.body.dump();
      }
      assert.equal(connections, 1, `${connections} connections for ${sent.length} requests, one after another`);
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
