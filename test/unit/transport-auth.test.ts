import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, describe, test } from 'node:test';
import { RegistryError } from '../../src/errors.js';
import { Secrets, silentLogger } from '../../src/log.js';
import { Authenticator } from '../../src/transport/auth/authenticator.js';
import type { TokenHttp } from '../../src/transport/auth/token.js';
import { json, startLocalServer, staticCredentials, testClient, type LocalServer } from './transport-local-server.js';

const SECRET = 'pa55-w0rd-secret';
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

/** A registry on `server` whose token realm is `/token` on `realmHost` (itself by default). */
function tokenRegistry(opts: { realm?: () => string; goodToken?: string; user?: string; pass?: string } = {}) {
  const good = opts.goodToken ?? 'tok-1';
  return (req: IncomingMessage, res: ServerResponse, body: string, server: { host: () => string }) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        return form.get('refresh_token') === 'refresh-abc' ? json(res, 200, { access_token: good, expires_in: 300 }) : json(res, 401, {});
      }
      const auth = req.headers.authorization;
      if (auth !== undefined && auth !== basic(opts.user ?? 'alice', opts.pass ?? SECRET)) return json(res, 401, { details: 'bad creds' });
      return json(res, 200, { token: good, expires_in: 300 });
    }
    if (req.headers.authorization === `Bearer ${good}`) return json(res, 200, { ok: true });
    const realm = opts.realm?.() ?? `http://${server.host()}/token`;
    return json(
      res,
      401,
      { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
      {
        'www-authenticate': `Bearer realm="${realm}",service="test-registry",scope="repository:${/^\/v2\/(.+?)\/(manifests|blobs|tags)\//.exec(url.pathname)?.[1] ?? ''}:pull"`,
      },
    );
  };
}

async function withServer(handler: ReturnType<typeof tokenRegistry>, hostname?: string): Promise<LocalServer> {
  const self: LocalServer = await startLocalServer((req, res, body) => handler(req, res, body, { host: () => self.host }), hostname);
  return self;
}

describe('bearer auth', () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of closers) await c();
  });

  test('bare first request, token with Basic credentials, then cached: no 401 and no token fetch afterwards', async () => {
    const server = await withServer(tokenRegistry());
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'alice', password: SECRET } });
    closers.push(() => client.close(), server.close);
    for (let i = 0; i < 3; i++) {
      const res = await client.request({ method: 'GET', target: '/v2/team/app/manifests/v1', operation: 'manifest-get', repository: 'team/app' });
      await res.body.dump();
      assert.equal(res.status, 200);
    }
    const seen = server.seen.map((r) => `${r.method} ${r.url.split('?')[0]} ${r.headers.authorization?.split(' ')[0] ?? '-'}`);
    assert.deepEqual(seen, [
      'GET /v2/team/app/manifests/v1 -',
      'GET /token Basic',
      'GET /v2/team/app/manifests/v1 Bearer',
      'GET /v2/team/app/manifests/v1 Bearer',
      'GET /v2/team/app/manifests/v1 Bearer',
    ]);
    const tokenUrl = new URL(server.seen[1]!.url, 'http://x');
    assert.equal(tokenUrl.searchParams.get('service'), 'test-registry');
    assert.deepEqual(tokenUrl.searchParams.getAll('scope'), ['repository:team/app:pull']);
    assert.equal(tokenUrl.searchParams.get('account'), 'alice');
    assert.equal(server.seen[0]!.headers['user-agent'], 'regkit/test');
  });

  test('scopes accumulate per host: a new repository or action gets one new token, asked for up front', async () => {
    const server = await withServer(tokenRegistry());
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'alice', password: SECRET } });
    closers.push(() => client.close(), server.close);
    await (await client.request({ method: 'GET', target: '/v2/a/tags/list', operation: 'tag-list', repository: 'a' })).body.dump();
    await (
      await client.request({ method: 'POST', target: '/v2/b/blobs/uploads/', operation: 'blob-mount', repository: 'b', scopes: ['repository:a:pull'] })
    ).body.dump();
    const tokens = server.seen.filter((r) => r.url.startsWith('/token')).map((r) => new URL(r.url, 'http://x').searchParams.getAll('scope'));
    assert.deepEqual(tokens, [['repository:a:pull'], ['repository:a:pull', 'repository:b:pull,push']]);
    assert.equal(server.seen.filter((r) => r.url.startsWith('/v2/b')).length, 1, 'the POST went out once, already authorized');
  });

  test('repoAuth keeps one token per repository', async () => {
    const server = await withServer(tokenRegistry());
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'alice', password: SECRET }, config: { repoAuth: true } });
    closers.push(() => client.close(), server.close);
    await (await client.request({ method: 'GET', target: '/v2/a/tags/list', operation: 'tag-list', repository: 'a' })).body.dump();
    await (await client.request({ method: 'GET', target: '/v2/b/tags/list', operation: 'tag-list', repository: 'b' })).body.dump();
    const tokens = server.seen.filter((r) => r.url.startsWith('/token')).map((r) => new URL(r.url, 'http://x').searchParams.getAll('scope'));
    assert.deepEqual(tokens, [['repository:a:pull'], ['repository:b:pull']]);
  });

  test('an identity token is exchanged with a refresh_token POST', async () => {
    const server = await withServer(tokenRegistry());
    const client = testClient(server.host, { credential: { kind: 'token', token: 'refresh-abc' } });
    closers.push(() => client.close(), server.close);
    const res = await client.request({ method: 'GET', target: '/v2/a/tags/list', operation: 'tag-list', repository: 'a' });
    await res.body.dump();
    assert.equal(res.status, 200);
    const post = server.seen.find((r) => r.method === 'POST' && r.url === '/token');
    assert.ok(post);
    const form = new URLSearchParams(post.body);
    assert.equal(form.get('grant_type'), 'refresh_token');
    assert.equal(form.get('service'), 'test-registry');
    assert.equal(form.get('scope'), 'repository:a:pull');
    assert.equal(post.headers['content-type'], 'application/x-www-form-urlencoded');
  });

  test('a wrong password fails at the token server with a clear error that never holds the secret', async () => {
    const server = await withServer(tokenRegistry({ pass: 'the-right-one' }));
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'alice', password: SECRET } });
    closers.push(() => client.close(), server.close);
    await assert.rejects(client.request({ method: 'GET', target: '/v2/team/app/tags/list', operation: 'tag-list', repository: 'team/app' }), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.status, 401);
      assert.equal(err.operation, 'auth');
      assert.match(err.message, new RegExp(`auth on ${server.host.replace(/\./g, '\\.')}/team/app \\(HTTP 401\\)`));
      assert.match(err.message, /the credentials for \S+ from .* were refused: correct them there|no credentials were sent/);
      assert.ok(!err.message.includes(SECRET));
      assert.ok(!JSON.stringify(err).includes(SECRET));
      return true;
    });
  });

  test('a token the registry keeps refusing: one re-auth, then a 401 RegistryError naming registry and repository', async () => {
    // The token server hands out "tok-1" but the registry only accepts "tok-2".
    let served = 0;
    const inner = tokenRegistry({ goodToken: 'tok-2' });
    const server = await withServer((req, res, body, s) => {
      if (req.url?.startsWith('/token')) {
        served++;
        return json(res, 200, { token: 'tok-1' });
      }
      return inner(req, res, body, s);
    });
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'alice', password: SECRET } });
    closers.push(() => client.close(), server.close);
    await assert.rejects(
      client.request({ method: 'GET', target: '/v2/team/app/manifests/v1', operation: 'manifest-get', repository: 'team/app' }),
      (err: unknown) => {
        assert.ok(err instanceof RegistryError);
        assert.equal(err.status, 401);
        assert.equal(err.operation, 'manifest-get');
        assert.equal(err.repository, 'team/app');
        assert.match(err.message, /not authorized.*the credentials for 127\.0\.0\.1:\d+ from test credentials were refused/);
        assert.deepEqual(err.codes, ['UNAUTHORIZED']);
        assert.ok(!err.message.includes(SECRET));
        return true;
      },
    );
    assert.equal(served, 1);
    assert.equal(server.seen.filter((r) => r.url.startsWith('/v2/')).length, 2);
  });

  test('credentials never go to a token realm on another host over plain HTTP', async () => {
    const realmServer = await withServer(tokenRegistry(), '127.0.0.2');
    const server = await withServer(tokenRegistry({ realm: () => `http://${realmServer.host}/token` }));
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'alice', password: SECRET } });
    closers.push(() => client.close(), server.close, realmServer.close);
    const res = await client.request({ method: 'GET', target: '/v2/a/tags/list', operation: 'tag-list', repository: 'a' });
    await res.body.dump();
    assert.equal(res.status, 200);
    assert.equal(realmServer.seen.length, 1);
    assert.equal(realmServer.seen[0]!.headers.authorization, undefined);
    assert.equal(new URL(realmServer.seen[0]!.url, 'http://x').searchParams.get('account'), null);
  });
});

describe('basic auth and redirects', () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of closers) await c();
  });

  test('a Basic challenge is answered with Authorization: Basic, from then on up front', async () => {
    const server = await startLocalServer((req, res) => {
      if (req.headers.authorization === basic('bob', SECRET)) return json(res, 200, {});
      json(res, 401, {}, { 'www-authenticate': 'Basic realm="Registry Realm"' });
    });
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'bob', password: SECRET } });
    closers.push(() => client.close(), server.close);
    await (await client.request({ method: 'GET', target: '/v2/', operation: 'ping' })).body.dump();
    await (await client.request({ method: 'GET', target: '/v2/', operation: 'ping' })).body.dump();
    assert.deepEqual(
      server.seen.map((r) => r.headers.authorization ?? '-'),
      ['-', basic('bob', SECRET), basic('bob', SECRET)],
    );
  });

  test('requests started together before the first answer draw one 401, not one each', async () => {
    const server = await startLocalServer((req, res) => {
      if (req.headers.authorization !== basic('bob', SECRET)) return json(res, 401, {}, { 'www-authenticate': 'Basic realm="Registry Realm"' });
      setTimeout(() => json(res, 200, {}), 5);
    });
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'bob', password: SECRET } });
    closers.push(() => client.close(), server.close);
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await client.request({ method: 'HEAD', target: `/v2/a/manifests/${i}`, operation: 'manifest-head', repository: 'a' });
        await res.body.dump();
        return res.status;
      }),
    );
    assert.deepEqual(new Set(statuses), new Set([200]));
    assert.equal(server.seen.filter((r) => r.headers.authorization === undefined).length, 1);
    assert.equal(server.seen.length, 21);
  });

  test('a first request that fails does not hold the others back', async () => {
    let first = true;
    const server = await startLocalServer((req, res) => {
      if (first) {
        first = false;
        return void req.socket.destroy();
      }
      json(res, 200, {});
    });
    const client = testClient(server.host, { retries: 0 });
    closers.push(() => client.close(), server.close);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => client.request({ method: 'GET', target: '/v2/', operation: 'ping' }).then((r) => r.body.dump())),
    );
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
  });

  test('a blob redirect to another host is followed without the Authorization header', async () => {
    const storage = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-length': '5' });
      res.end('bytes');
    }, '127.0.0.2');
    const server = await startLocalServer((req, res) => {
      if (req.headers.authorization !== basic('bob', SECRET)) return json(res, 401, {}, { 'www-authenticate': 'Basic realm="r"' });
      res.writeHead(307, { location: `http://${storage.host}/blob/data?sig=1` });
      res.end();
    });
    const client = testClient(server.host, { credential: { kind: 'basic', username: 'bob', password: SECRET } });
    closers.push(() => client.close(), server.close, storage.close);
    const res = await client.request({ method: 'GET', target: '/v2/a/blobs/sha256:00', operation: 'blob-get', repository: 'a' });
    assert.equal(await res.body.text(), 'bytes');
    assert.equal(storage.seen.length, 1);
    assert.equal(storage.seen[0]!.url, '/blob/data?sig=1');
    assert.equal(storage.seen[0]!.headers.authorization, undefined);
  });
});

describe('token cache lifetime', () => {
  test('expires_in is floored at 60 s and the token renewed 5 s early', async () => {
    let now = 1_000_000;
    let fetched = 0;
    const http: TokenHttp = async () => {
      fetched++;
      return { status: 200, text: async () => JSON.stringify({ token: `t${fetched}`, expires_in: 10 }) };
    };
    const auth = new Authenticator({
      registry: 'r',
      origin: new URL('https://r'),
      repoAuth: false,
      credentials: staticCredentials({ kind: 'anonymous' }),
      http,
      logger: silentLogger,
      secrets: new Secrets(),
      now: () => now,
    });
    assert.equal(await auth.acceptChallenge('Bearer realm="https://r/token",service="r"', undefined, 'a'), true);
    assert.equal(await auth.authorization(['repository:a:pull'], 'a'), 'Bearer t1');
    now += 54_000;
    assert.equal(await auth.authorization(['repository:a:pull'], 'a'), 'Bearer t1');
    now += 2_000;
    assert.equal(await auth.authorization(['repository:a:pull'], 'a'), 'Bearer t2');
  });

  test('parallel requests share one token fetch', async () => {
    let fetched = 0;
    const http: TokenHttp = async () => {
      fetched++;
      await new Promise((r) => setTimeout(r, 20));
      return { status: 200, text: async () => JSON.stringify({ token: 't' }) };
    };
    const auth = new Authenticator({
      registry: 'r',
      origin: new URL('https://r'),
      repoAuth: false,
      credentials: staticCredentials({ kind: 'anonymous' }),
      http,
      logger: silentLogger,
      secrets: new Secrets(),
    });
    await auth.acceptChallenge('Bearer realm="https://r/token"', undefined, 'a');
    await Promise.all(Array.from({ length: 5 }, () => auth.authorization(['repository:a:pull'], 'a')));
    assert.equal(fetched, 1);
  });
});
