// A hostile or broken GitHub API (GITHUB_API_URL points anywhere): endless `Link` pages, an endless body, an answer
// that never comes, a version named like a path. Each ends in a clear error within a bound of time and memory, never in a plan built on a part.
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RegistryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { API_LIMITS, GithubPackagesApi, type ApiLimits } from '../../src/store/registry/github/packages.js';

const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

describe('GitHub Packages API client against a hostile API', () => {
  let server: Server;
  let base = '';
  let calls = 0;

  before(async () => {
    server = createServer((req, res) => {
      calls++;
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/users/acme') return json(res, { login: 'acme', type: 'Organization' });
      if (url.pathname === '/orgs/acme/packages/container/endless/versions') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const version = { id: page, name: `sha256:${String(page).padStart(64, '0')}`, metadata: { package_type: 'container', container: { tags: [] } } };
        return json(res, [version], { link: `<${base}${url.pathname}?per_page=100&page=${page + 1}>; rel="next"` });
      }
      if (url.pathname === '/orgs/acme/packages/container/huge/versions') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (res.write(chunk)) if (res.destroyed) return;
        };
        res.on('drain', pump);
        res.on('error', () => undefined);
        return pump();
      }
      if (url.pathname === '/orgs/acme/packages/container/silent/versions') return; // never answers
      if (url.pathname === '/orgs/acme/packages/container/forged/versions')
        return json(res, [{ id: 7, name: '../../v2/other/manifests/latest', metadata: { container: { tags: ['x'] } } }]);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  async function measured(limits: Partial<ApiLimits>, name: string): Promise<{ error: RegistryError; ms: number; calls: number; rssMb: number }> {
    const api = new GithubPackagesApi('ghcr.test', { apiUrl: base, token: 'test-token', limits }, 'regkit-test', silentLogger);
    const pkg = await api.packageOf(`acme/${name}`);
    calls = 0;
    const started = Date.now();
    const error = await api.versions(pkg).then(
      () => assert.fail('the listing succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof RegistryError, String(error));
    return { error, ms: Date.now() - started, calls, rssMb: process.resourceUsage().maxRSS / 1024 };
  }

  it('endless Link pages stop at the page bound with an error, not a partial list', async () => {
    assert.equal(API_LIMITS.maxPages, 1000);
    const r = await measured({ maxPages: 100 }, 'endless');
    assert.match(
      r.error.message,
      /listing the versions of package endless of acme failed: more than 100 pages of versions; nothing is planned on a part of the list/,
    );
    assert.equal(r.calls, 101);
    assert.ok(r.ms < 30_000, `${r.ms} ms`);
    assert.ok(r.rssMb < 300, `${r.rssMb} MB`);
    console.log(`# endless pages: ${r.ms} ms, ${r.calls} requests, peak RSS ${Math.round(r.rssMb)} MB`);
  });

  it('an endless body stops at the body bound', async () => {
    const r = await measured({ maxBodyBytes: 1024 * 1024, retries: 0 }, 'huge');
    assert.match(r.error.message, /the GitHub API answered more than 1048576 bytes/);
    assert.ok(r.ms < 10_000, `${r.ms} ms`);
    assert.ok(r.rssMb < 300, `${r.rssMb} MB`);
    console.log(`# endless body: ${r.ms} ms, peak RSS ${Math.round(r.rssMb)} MB`);
  });

  it('an answer that never comes ends at the deadline', async () => {
    const r = await measured({ timeoutMs: 500, retries: 0 }, 'silent');
    assert.match(r.error.message, /listing the versions of package silent of acme failed/);
    assert.ok(r.ms >= 450 && r.ms < 5_000, `${r.ms} ms`);
    console.log(`# silent API: ${r.ms} ms`);
  });

  it('a version whose name is not a digest is refused at the edge, not used in a path', async () => {
    const r = await measured({ retries: 0 }, 'forged');
    assert.match(r.error.message, /not an id, a manifest digest and tags/);
  });

  it('the token never shows in an error', async () => {
    const r = await measured({ timeoutMs: 500, retries: 0 }, 'silent');
    assert.ok(!r.error.message.includes('test-token'));
  });
});
