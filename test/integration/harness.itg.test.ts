// The registry harness itself, against real distribution 2.8 registries in all three auth modes, with skopeo as the
// independent client.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startProxy } from '../harness/proxy.js';
import { startTcpDelay } from '../harness/tcp-delay.js';
import { startRegistry, type AccessRecord, type RegistryAuth, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoDigest, skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';

const REPO = 'harness/demo';

function basic(user: string, pass: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

function claimsOf(jwt: string): { sub: string; aud: string; access: Array<{ type: string; name: string; actions: string[] }> } {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}

function has(records: AccessRecord[], method: string, path: RegExp, status: number): boolean {
  return records.some((r) => r.method === method && path.test(r.path) && r.status === status);
}

function portRefuses(host: string): Promise<boolean> {
  const [hostname, port] = host.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname!);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

for (const mode of ['none', 'basic', 'token'] as RegistryAuth[]) {
  describe(`harness with auth ${mode}`, () => {
    let reg: RunningRegistry;
    let work: string;
    let layout: string;
    let fx: FixtureImage;

    before(async () => {
      work = await makeTempDir('regkit-harness-test-');
      layout = join(work, 'layout');
      fx = await makeImageLayout(layout, {
        tag: 'v1',
        platforms: ['linux/amd64', 'linux/arm64'],
        layers: 2,
        layerSize: 64 * 1024,
        labels: { mode },
        seed: mode,
      });
      reg = await startRegistry({ auth: mode });
    });
    after(async () => {
      await reg?.stop();
      await removeTempDir(work);
    });

    test('skopeo seeds a 2-platform image and reads back the fixture digests', async () => {
      assert.equal(fx.manifests.length, 2);
      await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/${REPO}:v1`, { all: true, destCreds: reg.credentials });
      assert.equal(await skopeoDigest(`docker://${reg.host}/${REPO}:v1`, reg.credentials), fx.digest);
      const raw = await skopeoInspectRaw(`docker://${reg.host}/${REPO}:v1`, reg.credentials);
      assert.deepEqual(raw, await readFile(join(layout, 'blobs', 'sha256', fx.digest.slice(7))));
      for (const m of fx.manifests) assert.equal(await skopeoDigest(`docker://${reg.host}/${REPO}@${m.digest}`, reg.credentials), m.digest);
      assert.deepEqual(await skopeoListTags(`docker://${reg.host}/${REPO}`, reg.credentials), ['v1']);
    });

    test('the access log holds every request, complete as soon as the client has its response', async () => {
      const log = reg.requests();
      assert.ok(has(log, 'PUT', new RegExp(`^/v2/${REPO}/manifests/v1$`), 201), 'tagged index PUT');
      for (const m of fx.manifests) assert.ok(has(log, 'PUT', new RegExp(`^/v2/${REPO}/manifests/${m.digest}$`), 201), `child ${m.digest} PUT`);
      assert.ok(has(log, 'POST', new RegExp(`^/v2/${REPO}/blobs/uploads/$`), 202), 'upload started');
      if (mode !== 'none')
        assert.ok(
          log.some((r) => r.status === 401),
          'auth challenge logged',
        );
      reg.clearRequests();
      assert.deepEqual(reg.requests(), []);
      const headers: Record<string, string> = mode === 'basic' ? basic(reg.username!, reg.password!) : {};
      const res = await fetch(`${reg.url}/v2/${REPO}/tags/list?n=5`, { headers });
      await res.arrayBuffer();
      assert.deepEqual(reg.requests().at(-1), { method: 'GET', path: `/v2/${REPO}/tags/list?n=5`, status: mode === 'token' ? 401 : 200 });
    });

    if (mode !== 'none') {
      test('refuses an anonymous push and a wrong password', async () => {
        await assert.rejects(
          skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/harness/anon:v1`, { all: true }),
          /unauthorized|authentication required|denied/i,
        );
        const wrong = { username: reg.username!, password: 'not-the-password' };
        await assert.rejects(skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/harness/anon:v1`, { all: true, destCreds: wrong }), (err: Error) => {
          assert.match(err.message, /unauthorized|authentication required|invalid username\/password/i);
          assert.doesNotMatch(err.message, /not-the-password/);
          return true;
        });
      });
    }

    test('a proxy forwards pushes (upload Locations rewritten), delays, adds headers and pages tags like Docker Hub', async () => {
      const proxy = await startProxy(reg.host, { delayMs: 60, pageSize: 50, headers: () => ({ 'ratelimit-remaining': '99;w=21600' }) });
      try {
        await skopeoCopy(`oci:${layout}:v1`, `docker://${proxy.host}/harness/via-proxy:v1`, { all: true, destCreds: reg.credentials });
        assert.equal(await skopeoDigest(`docker://${reg.host}/harness/via-proxy:v1`, reg.credentials), fx.digest);
        const seen = proxy.requests();
        assert.ok(has(seen, 'PUT', /^\/v2\/harness\/via-proxy\/blobs\/uploads\/[^?]+\?.*digest=sha256/, 201), 'upload completed through the proxy');
        assert.ok(has(seen, 'PUT', /^\/v2\/harness\/via-proxy\/manifests\/v1$/, 201));
        const started = Date.now();
        const res = await fetch(`${proxy.url}/v2/`);
        await res.arrayBuffer();
        assert.ok(Date.now() - started >= 55, 'delay applied');
        assert.equal(res.headers.get('ratelimit-remaining'), '99;w=21600');
        if (mode !== 'none')
          assert.match(res.headers.get('www-authenticate') ?? '', mode === 'basic' ? /^Basic realm=/ : new RegExp(`realm="${reg.token!.realm}"`));
      } finally {
        await proxy.stop();
      }
    });

    if (mode === 'token') {
      test('the token server records scopes and grants only what it should', async () => {
        const scopes = reg.token!.requests().flatMap((r) => (r.account === reg.username && r.hadBasicAuth ? r.scopes : []));
        assert.ok(scopes.includes(`repository:${REPO}:pull,push`), `push scope requested: ${scopes.join(' ')}`);
        assert.ok(
          reg.token!.requests().some((r) => !r.hadBasicAuth && r.scopes.includes('repository:harness/anon:pull,push')),
          'anonymous push attempt recorded',
        );
        const { realm, service } = reg.token!;
        const query = `service=${service}&scope=repository:${REPO}:pull&scope=registry:catalog:*`;

        assert.equal((await fetch(`${realm}?${query}`, { headers: basic(reg.username!, 'wrong') })).status, 401);
        const anon = (await (await fetch(`${realm}?${query}`)).json()) as { token: string };
        assert.deepEqual(claimsOf(anon.token).access, []);
        const denied = await fetch(`${reg.url}/v2/${REPO}/tags/list`, { headers: { authorization: `Bearer ${anon.token}` } });
        assert.equal(denied.status, 401);
        await denied.arrayBuffer();

        const offline = (await (await fetch(`${realm}?${query}&offline_token=true`, { headers: basic(reg.username!, reg.password!) })).json()) as Record<
          string,
          unknown
        >;
        assert.equal(typeof offline['refresh_token'], 'string');
        assert.equal(offline['token'], offline['access_token']);
        assert.deepEqual(claimsOf(offline['token'] as string).access, [
          { type: 'repository', name: REPO, actions: ['pull'] },
          { type: 'registry', name: 'catalog', actions: ['*'] },
        ]);
        const form = (fields: Record<string, string>) => fetch(realm, { method: 'POST', body: new URLSearchParams(fields) });
        const refreshed = await form({ grant_type: 'refresh_token', refresh_token: offline['refresh_token'] as string, service, scope: 'registry:catalog:*' });
        assert.equal(refreshed.status, 200);
        const catalog = await fetch(`${reg.url}/v2/_catalog`, {
          headers: { authorization: `Bearer ${((await refreshed.json()) as { access_token: string }).access_token}` },
        });
        assert.deepEqual(await catalog.json(), { repositories: [REPO, 'harness/via-proxy'] });
        assert.equal((await form({ grant_type: 'refresh_token', refresh_token: 'forged', service })).status, 401);
        assert.equal(
          (await form({ grant_type: 'password', username: reg.username!, password: reg.password!, service, scope: `repository:${REPO}:pull` })).status,
          200,
        );
        assert.equal((await form({ grant_type: 'password', username: reg.username!, password: 'wrong', service })).status, 401);
      });
    }
  });
}

describe('harness extras', () => {
  test('a TCP delay costs one round trip per connect and per request, streams bodies intact and counts the waves', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 7);
    const server = createServer((_req, res) => res.end(body)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const link = await startTcpDelay(`127.0.0.1:${(server.address() as AddressInfo).port}`, 100);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ ms: number; bytes: number }>((resolve, reject) => {
        const started = performance.now();
        request(`http://${link.host}/`, { agent }, (res) => {
          let bytes = 0;
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.once('end', () => resolve({ ms: performance.now() - started, bytes }));
        })
          .once('error', reject)
          .end();
      });
    try {
      const first = await get();
      const second = await get();
      assert.equal(first.bytes, body.length);
      assert.equal(second.bytes, body.length);
      assert.ok(first.ms >= 200, `a new connection pays the connect and the request: ${first.ms} ms`);
      assert.ok(second.ms >= 100, `a reused connection pays the request: ${second.ms} ms`);
      assert.deepEqual(link.counter.counts(), { connections: 1, requests: 2, waves: 2 });
    } finally {
      agent.destroy();
      await link.stop();
      server.close();
    }
  });

  test('a proxy pages a 150-tag repository and the catalog with Link headers', async () => {
    const work = await makeTempDir('regkit-harness-test-');
    const reg = await startRegistry();
    const proxy = await startProxy(reg.host, { pageSize: 50 });
    try {
      const fx = await makeImageLayout(join(work, 'layout'), { tag: 'base' });
      for (const repo of ['paged/a', 'paged/b', 'paged/c']) await skopeoCopy(`oci:${join(work, 'layout')}:base`, `docker://${reg.host}/${repo}:base`);
      const manifest = await readFile(join(work, 'layout', 'blobs', 'sha256', fx.digest.slice(7)));
      for (let i = 0; i < 150; i++) {
        const res = await fetch(`${reg.url}/v2/paged/a/manifests/t-${String(i).padStart(3, '0')}`, {
          method: 'PUT',
          headers: { 'content-type': fx.mediaType },
          body: manifest,
        });
        assert.equal(res.status, 201);
        await res.arrayBuffer();
      }
      const upstreamTags = await skopeoListTags(`docker://${reg.host}/paged/a`);
      assert.equal(upstreamTags.length, 151);

      const pages: string[][] = [];
      let next: string | undefined = '/v2/paged/a/tags/list';
      while (next) {
        const res = await fetch(`${proxy.url}${next}`);
        assert.equal(res.status, 200);
        pages.push(((await res.json()) as { tags: string[] }).tags);
        next = /^<([^>]+)>; rel="next"$/.exec(res.headers.get('link') ?? '')?.[1];
      }
      assert.deepEqual(
        pages.map((p) => p.length),
        [50, 50, 50, 1],
      );
      assert.deepEqual(pages.flat(), [...upstreamTags].sort());

      const small = await fetch(`${proxy.url}/v2/paged/a/tags/list?n=10&last=t-100`);
      assert.deepEqual(
        ((await small.json()) as { tags: string[] }).tags,
        Array.from({ length: 10 }, (_, i) => `t-${101 + i}`),
      );
      assert.equal(small.headers.get('link'), '</v2/paged/a/tags/list?n=10&last=t-110>; rel="next"');
      const capped = await fetch(`${proxy.url}/v2/paged/a/tags/list?n=1000`);
      assert.equal(((await capped.json()) as { tags: string[] }).tags.length, 50);

      const catalogPage = await fetch(`${proxy.url}/v2/_catalog?n=2`);
      assert.deepEqual(await catalogPage.json(), { repositories: ['paged/a', 'paged/b'] });
      assert.equal(catalogPage.headers.get('link'), '</v2/_catalog?n=2&last=paged%2Fb>; rel="next"');
      const missing = await fetch(`${proxy.url}/v2/paged/none/tags/list`);
      assert.equal(missing.status, 404);
      await missing.arrayBuffer();
      assert.deepEqual(proxy.requests().at(-1), { method: 'GET', path: '/v2/paged/none/tags/list', status: 404 });
    } finally {
      await proxy.stop();
      await reg.stop();
      await removeTempDir(work);
    }
  });

  test('anonymousPull lets anonymous clients pull but not push', async () => {
    const work = await makeTempDir('regkit-harness-test-');
    const reg = await startRegistry({ auth: 'token', anonymousPull: true });
    try {
      const fx = await makeImageLayout(join(work, 'layout'), { tag: 'v1', mediaTypes: 'docker' });
      await skopeoCopy(`oci:${join(work, 'layout')}:v1`, `docker://${reg.host}/public/app:v1`, { destCreds: reg.credentials });
      assert.equal(await skopeoDigest(`docker://${reg.host}/public/app:v1`), fx.digest);
      await assert.rejects(
        skopeoCopy(`oci:${join(work, 'layout')}:v1`, `docker://${reg.host}/public/other:v1`),
        /unauthorized|authentication required|denied/i,
      );
    } finally {
      await reg.stop();
      await removeTempDir(work);
    }
  });

  test('stop() ends every process and removes every temp dir', async () => {
    const reg = await startRegistry({ auth: 'token' });
    const proxy = await startProxy(reg.host);
    const { dataDir, pid, host } = reg;
    const tokenCert = reg.token!.rootCertPath;
    const tokenHost = new URL(reg.token!.realm).host;
    assert.ok(existsSync(dataDir) && existsSync(tokenCert));
    await proxy.stop();
    await reg.stop();
    await reg.stop();
    assert.ok(processGone(pid), `registry process ${pid} still exists`);
    assert.ok(!existsSync(join(dataDir, '..')), 'registry temp dir removed');
    assert.ok(!existsSync(join(tokenCert, '..')), 'token server temp dir removed');
    for (const h of [host, tokenHost, proxy.host]) assert.ok(await portRefuses(h), `${h} still accepts connections`);
  });
});
