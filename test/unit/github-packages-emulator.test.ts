// The GitHub Packages stand-in answers as GitHub's own description says: every package version it serves conforms to
// the `package-version` schema of `@octokit/openapi`, errors to `basic-error`, pages carry `Link`, and the
// 401/403/404 and secondary-limit answers come where GitHub gives them. The backing registry here is a few lines of
// node:http that accept manifests; the integration tests put a real distribution registry behind it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { digestOf } from '../../src/oci/digest.js';
import { startGithubPackages, type RunningGithubPackages } from '../harness/github-packages.js';
import { githubDescription, namedSchema, schemaErrors } from '../harness/openapi.js';

const TOKENS = {
  admin: { login: 'alice', canDelete: true },
  reader: { login: 'bob' },
  hidden: { login: 'bob', refusedAs: 404 as const },
};

describe('GitHub Packages stand-in', () => {
  let upstream: Server;
  let gh: RunningGithubPackages;
  const doc = githubDescription();
  const versionSchema = namedSchema(doc, 'package-version');

  async function call(method: string, path: string, token?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
    const res = await fetch(`${gh.apiUrl}${path}`, { method, headers: token ? { authorization: `token ${token}` } : {} });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
  }

  async function push(repo: string, ref: string | undefined, seed: string): Promise<string> {
    const bytes = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(Buffer.from(seed)), size: seed.length },
        layers: [],
      }),
    );
    const digest = digestOf(bytes);
    const res = await fetch(`${gh.apiUrl}/v2/${repo}/manifests/${ref ?? digest}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      body: bytes,
    });
    assert.equal(res.status, 201);
    return digest;
  }

  function assertVersions(body: unknown): Array<{ id: number; name: string; metadata: { container: { tags: string[] } } }> {
    assert.ok(Array.isArray(body));
    for (const v of body) assert.deepEqual(schemaErrors(doc, versionSchema, v), []);
    return body as Array<{ id: number; name: string; metadata: { container: { tags: string[] } } }>;
  }

  before(async () => {
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'PUT') return void res.writeHead(201, { 'docker-content-digest': digestOf(Buffer.concat(chunks)) }).end();
        res.writeHead(req.method === 'DELETE' ? 202 : 404).end();
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    gh = await startGithubPackages({
      upstream: `127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      owners: { acme: 'Organization', alice: 'User' },
      tokens: TOKENS,
    });
    await push('acme/app', 'a', 'one');
    await push('acme/app', 'b', 'one');
    await push('acme/app', 'c', 'two');
    for (const seed of ['three', 'four', 'five']) await push('acme/app', undefined, seed);
    await push('alice/tools/cli', 'v1', 'six');
  });

  after(async () => {
    await gh?.stop();
    await new Promise((r) => upstream?.close(r));
  });

  it('the checker itself rejects a version that breaks the schema', () => {
    assert.notDeepEqual(schemaErrors(doc, versionSchema, { id: '1', name: 'x' }), []);
    assert.notDeepEqual(
      schemaErrors(doc, versionSchema, { id: 1, name: 'x', url: '', package_html_url: '', created_at: 'yesterday', updated_at: '2020-01-01T00:00:00Z' }),
      [],
    );
  });

  it('lists every version, untagged ones too, newest first, in Link pages of per_page', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/orgs/acme/packages/container/app/versions?per_page=2';
    let pages = 0;
    while (next) {
      const page = await call('GET', next, 'reader');
      assert.equal(page.status, 200);
      const versions = assertVersions(page.body);
      assert.ok(versions.length <= 2);
      seen.push(...versions.map((v) => `${v.metadata.container.tags.join('+') || '-'}`));
      pages++;
      const link = /<([^>]+)>;\s*rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
      next = link ? new URL(link).pathname + new URL(link).search : undefined;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['-', '-', '-', 'c', 'a+b']);
  });

  it('GET /users/{owner} tells users from organizations; unknown owners and packages are 404 basic-errors', async () => {
    const org = await call('GET', '/users/acme', 'reader');
    assert.equal((org.body as { type: string }).type, 'Organization');
    assert.equal(((await call('GET', '/users/alice', 'reader')).body as { type: string }).type, 'User');
    assert.equal((await call('GET', '/users/nobody', 'reader')).status, 404);
    const missing = await call('GET', '/orgs/acme/packages/container/nothing/versions', 'reader');
    assert.equal(missing.status, 404);
    assert.deepEqual(schemaErrors(doc, namedSchema(doc, 'basic-error'), missing.body), []);
    assert.equal((await call('GET', '/users/acme/packages/container/app/versions', 'reader')).status, 404, 'an org package is not under /users');
  });

  it('a package name with a slash is one URL-encoded segment; /user/packages is the token owner', async () => {
    const mine = await call('GET', '/user/packages/container/tools%2Fcli/versions', 'admin');
    assert.deepEqual(
      assertVersions(mine.body).map((v) => v.metadata.container.tags),
      [['v1']],
    );
    assert.equal((await call('GET', '/users/alice/packages/container/tools%2Fcli/versions', 'reader')).status, 200);
  });

  it('401 without a token, 403 or 404 without delete rights, 204 with them; restore brings the version and its tags back', async () => {
    const [version] = assertVersions((await call('GET', '/orgs/acme/packages/container/app/versions?per_page=100', 'reader')).body).filter((v) =>
      v.metadata.container.tags.includes('c'),
    );
    const path = `/orgs/acme/packages/container/app/versions/${version!.id}`;
    assert.equal((await call('DELETE', path)).status, 401);
    assert.equal((await call('DELETE', path, 'nope')).status, 401);
    assert.equal((await call('DELETE', path, 'reader')).status, 403);
    assert.equal((await call('DELETE', path, 'hidden')).status, 404);
    assert.equal(gh.versions('acme/app').find((v) => v.id === version!.id)?.deleted, false);
    assert.equal((await call('DELETE', path, 'admin')).status, 204);
    const deleted = assertVersions((await call('GET', '/orgs/acme/packages/container/app/versions?state=deleted', 'reader')).body);
    assert.deepEqual(
      deleted.map((v) => v.id),
      [version!.id],
    );
    assert.equal((await call('GET', path, 'reader')).status, 404);
    assert.equal((await call('POST', `${path}/restore`, 'admin')).status, 204);
    const back = await call('GET', path, 'reader');
    assert.deepEqual((back.body as { metadata: { container: { tags: string[] } } }).metadata.container.tags, ['c']);
    assert.deepEqual(assertVersions([back.body]).length, 1);
  });

  it('registry DELETE is 405 UNSUPPORTED, as on ghcr.io', async () => {
    const res = await fetch(`${gh.apiUrl}/v2/acme/app/manifests/a`, { method: 'DELETE' });
    assert.equal(res.status, 405);
    assert.equal(((await res.json()) as { errors: Array<{ code: string }> }).errors[0]!.code, 'UNSUPPORTED');
    assert.equal(gh.refusedRegistryDeletes(), 1);
  });

  it('a secondary rate limit is a 403 with retry-after, then calls go through again', async () => {
    gh.limitNext(1, 2);
    const limited = await call('GET', '/orgs/acme/packages/container/app/versions', 'reader');
    assert.equal(limited.status, 403);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.match((limited.body as { message: string }).message, /secondary rate limit/);
    assert.equal((await call('GET', '/orgs/acme/packages/container/app/versions', 'reader')).status, 200);
  });

  it('sent nothing the description does not allow', () => {
    assert.deepEqual(gh.violations(), []);
  });
});
