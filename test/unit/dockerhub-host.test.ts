// Which hosts delete tags through the Docker Hub API, as creds entries, `--host` specs and the environment say, and how
// the Hub driver reads Hub's answers (a 429's wait, a refusal remembered per namespace) against a small local server.
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { deletesThroughDockerHub } from '../../src/config/hostconfig.js';
import { parseHostSpec } from '../../src/config/host-spec.js';
import { RegistryError } from '../../src/errors.js';
import { Secrets, silentLogger } from '../../src/log.js';
import { parseRegistryHost } from '../../src/oci/reference.js';
import { loadBotConfig } from '../../src/prune/config/load.js';
import { DockerHubApi, dockerHubFromEnv } from '../../src/store/registry/dockerhub/hub.js';

describe('Docker Hub hosts', () => {
  it('docker.io (and its aliases, folded into it) always; another registry only with api: dockerhub', () => {
    assert.equal(deletesThroughDockerHub({ registry: parseRegistryHost('registry-1.docker.io') }), true);
    assert.equal(deletesThroughDockerHub({ registry: 'docker.io' }), true);
    assert.equal(deletesThroughDockerHub({ registry: '127.0.0.1:5000', api: 'dockerhub' }), true);
    assert.equal(deletesThroughDockerHub({ registry: 'quay.io' }), false);
    assert.equal(deletesThroughDockerHub({ registry: 'ghcr.io', api: 'github' }), false);
  });

  it('creds and --host take api: dockerhub', () => {
    const c = loadBotConfig({ text: 'version: 1\ncreds:\n  - registry: hub.example.com\n    api: dockerhub\n', name: 'regbot.yml' }, {});
    assert.deepEqual(c.creds, [{ registry: 'hub.example.com', api: 'dockerhub' }]);
    assert.deepEqual(c.warnings, []);
    assert.deepEqual(parseHostSpec('reg=hub.example.com,api=dockerhub'), { registry: 'hub.example.com', api: 'dockerhub' });
    assert.throws(() => parseHostSpec('reg=hub.example.com,api=hub'), /api must be github .* or dockerhub/);
  });

  it('DOCKER_HUB_API_URL from the environment, hub.docker.com by default', () => {
    assert.deepEqual(dockerHubFromEnv({}), { apiUrl: 'https://hub.docker.com' });
    assert.deepEqual(dockerHubFromEnv({ DOCKER_HUB_API_URL: 'http://127.0.0.1:9' }), { apiUrl: 'http://127.0.0.1:9' });
  });
});

describe('the Docker Hub driver', () => {
  async function hub(answer: (method: string, path: string) => [number, Record<string, string>, string]) {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      seen.push(`${req.method} ${req.url}`);
      const [status, headers, body] = answer(req.method!, req.url!);
      res.writeHead(status, headers).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const secrets = new Secrets();
    const api = new DockerHubApi(
      'docker.io',
      { apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, limits: { maxWaitMs: 3000 } },
      { credential: async () => ({ kind: 'basic', username: 'ci', password: 'pat' }), describe: () => 'test' },
      'regkit-test',
      silentLogger,
      secrets,
    );
    return { api, seen, secrets, stop: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('waits out a 429 by X-Retry-After (unix time), logs in once for parallel deletes, learns the bearer as a secret', async () => {
    let limited = true;
    const h = await hub((_method, path) => {
      if (limited) {
        limited = false;
        return [429, { 'x-retry-after': String(Math.floor(Date.now() / 1000) + 2) }, ''];
      }
      if (path === '/v2/auth/token') return [200, { 'content-type': 'application/json' }, '{"access_token":"jwt-abc"}'];
      return [204, {}, ''];
    });
    try {
      const started = Date.now();
      await Promise.all([h.api.deleteTag('library/app', 'v1'), h.api.deleteTag('library/app', 'v2')]);
      assert.ok(Date.now() - started >= 900, 'waited until the unix time X-Retry-After names');
      assert.deepEqual(h.seen.filter((s) => s.startsWith('POST')).length, 2, 'the 429 and one login');
      assert.deepEqual(h.seen.filter((s) => s.startsWith('DELETE')).sort(), [
        'DELETE /v2/repositories/library/app/tags/v1/',
        'DELETE /v2/repositories/library/app/tags/v2/',
      ]);
      assert.ok(!h.secrets.redact('token jwt-abc').includes('jwt-abc'));
    } finally {
      await h.stop();
    }
  });

  it('a 403 stops later deletes in that namespace before any write, not in another; a deeper path is refused without a call', async () => {
    const h = await hub((_m, path) => {
      if (path === '/v2/auth/token') return [200, {}, '{"access_token":"jwt"}'];
      return path.includes('/locked/') ? [403, {}, '{"detail":"You do not have permission to perform this action."}'] : [204, {}, ''];
    });
    try {
      await assert.rejects(
        h.api.deleteTag('locked/app', 'v1'),
        (e: unknown) => e instanceof RegistryError && e.status === 403 && /Read, Write, Delete/.test(e.message),
      );
      await assert.rejects(h.api.deleteTag('locked/app', 'v2'), /nothing deleted: Docker Hub refused the delete of locked\/app:v1 \(HTTP 403/);
      await h.api.deleteTag('open/app', 'v1');
      await assert.rejects(h.api.deleteTag('a/b/c', 'v1'), /exactly two path components/);
      assert.deepEqual(
        h.seen.filter((s) => s.startsWith('DELETE')),
        ['DELETE /v2/repositories/locked/app/tags/v1/', 'DELETE /v2/repositories/open/app/tags/v1/'],
      );
    } finally {
      await h.stop();
    }
  });
});

describe('Docker Hub without credentials', () => {
  it('refuses before any call, names what to configure, and stops every later delete the same way', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const api = new DockerHubApi(
        'docker.io',
        { apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
        { credential: async () => ({ kind: 'anonymous' }), describe: () => 'anonymous' },
        'regkit-test',
        silentLogger,
        new Secrets(),
      );
      await assert.rejects(api.deleteTag('acme/app', 'v1'), /needs a user name with a password or personal access token.*docker login/);
      await assert.rejects(api.deleteTag('other/app', 'v1'), /nothing deleted: no user name and password/);
      assert.deepEqual(seen, []);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('a hostile Docker Hub API', () => {
  async function against(handler: (res: ServerResponse) => void, limits: { timeoutMs?: number; maxBodyBytes?: number }) {
    const server = createServer((req, res) => {
      req.resume();
      handler(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const api = new DockerHubApi(
      'docker.io',
      { apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, limits },
      { credential: async () => ({ kind: 'basic', username: 'ci', password: 'pat' }), describe: () => 'test' },
      'regkit-test',
      silentLogger,
      new Secrets(),
    );
    const started = Date.now();
    const rssBefore = process.resourceUsage().maxRSS;
    const outcome = await api.deleteTag('acme/app', 'v1').then(
      () => undefined,
      (e: unknown) => e,
    );
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    return { outcome, ms: Date.now() - started, rssGrowthKb: process.resourceUsage().maxRSS - rssBefore };
  }

  it('an endless login answer stops at the body bound, in bounded time and memory', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const r = await against(
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const pump = () => {
          while (res.write(chunk));
          res.once('drain', pump);
        };
        pump();
        res.on('error', () => undefined);
      },
      { maxBodyBytes: 256 * 1024 },
    );
    assert.ok(r.outcome instanceof RegistryError, String(r.outcome));
    assert.match((r.outcome as Error).message, /answered more than 262144 bytes/);
    assert.ok(r.ms < 5000, `${r.ms} ms`);
    assert.ok(r.rssGrowthKb < 64 * 1024, `${r.rssGrowthKb} KB`);
  });

  it('a login that never finishes its answer fails at the deadline', async () => {
    const r = await against(
      (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"access_token":');
      },
      { timeoutMs: 300 },
    );
    assert.ok(r.outcome instanceof RegistryError, String(r.outcome));
    assert.match((r.outcome as Error).message, /did not arrive whole/);
    assert.ok(r.ms < 3000, `${r.ms} ms`);
  });
});
