import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testClient } from './transport-local-server.js';

// Every new connection is a round trip before the request can go: a HEAD must leave its connection for the next request.
test('requests after a HEAD reuse its connection instead of opening one each', async () => {
  let connections = 0;
  const server = createServer((req, res) => {
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
