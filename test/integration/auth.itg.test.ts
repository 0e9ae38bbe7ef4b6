// Authentication against real distribution 2.8 registries: credentials from a docker config.json (inline, identity
// token, credential helper), bearer tokens fetched once and reused, and clear failures that never show a secret.
import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RegistryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { RegistryReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy } from '../harness/skopeo.js';

const REPO = 'secure/app';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function refOf(registry: string, tag?: string): RegistryReference {
  return { scheme: 'registry', registry, repository: REPO, ...(tag ? { tag } : {}) };
}

async function seeded(auth: 'basic' | 'token', work: string, extra: { anonymousPull?: boolean } = {}): Promise<{ reg: RunningRegistry; fx: FixtureImage }> {
  const layout = join(work, `layout-${auth}`);
  const fx = await makeImageLayout(layout, { tag: 'v1', seed: `auth-${auth}` });
  const reg = await startRegistry({ auth, ...extra });
  await skopeoCopy(`oci:${layout}:v1`, `docker://${reg.host}/${REPO}:v1`, { destCreds: reg.credentials });
  return { reg, fx };
}

function assertAuthFailure(err: unknown, reg: RunningRegistry, secret: string): true {
  assert.ok(err instanceof RegistryError, String(err));
  assert.equal(err.status, 401);
  assert.equal(err.registry, reg.host);
  assert.equal(err.repository, REPO);
  assert.match(err.message, new RegExp(`${reg.host.replace(/\./g, '\\.')}/${REPO}`));
  assert.match(err.message, /the credentials for \S+ from .* were refused: correct them there|no credentials were sent/);
  assert.ok(!err.message.includes(secret), 'the password is not in the message');
  assert.ok(!String(err.stack).includes(secret), 'nor in the stack');
  return true;
}

describe('credentials from docker config.json', () => {
  let work: string;
  let savedDockerConfig: string | undefined;
  let savedPath: string | undefined;
  const cleanups: Array<() => Promise<void>> = [];

  before(async () => {
    work = await makeTempDir('regkit-auth-itg-');
    savedDockerConfig = process.env['DOCKER_CONFIG'];
    savedPath = process.env['PATH'];
    process.env['DOCKER_CONFIG'] = work;
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c();
    if (savedDockerConfig === undefined) delete process.env['DOCKER_CONFIG'];
    else process.env['DOCKER_CONFIG'] = savedDockerConfig;
    process.env['PATH'] = savedPath;
    await removeTempDir(work);
  });

  function openSet(registry: string): StoreSet {
    const set = new StoreSet({ hosts: [{ registry, tls: 'disabled' }], logger: silentLogger });
    cleanups.push(() => set.close());
    return set;
  }

  test('token registry: a bearer token from config.json credentials, fetched once for many requests', async () => {
    const { reg, fx } = await seeded('token', work);
    cleanups.push(() => reg.stop());
    await writeFile(join(work, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: b64(`${reg.username}:${reg.password}`) } } }));
    const store = openSet(reg.host).storeForRegistry(reg.host);
    reg.token!.clearRequests();
    reg.clearRequests();
    assert.equal((await store.headManifest(refOf(reg.host, 'v1')))?.digest, fx.digest);
    assert.equal((await store.getManifest(refOf(reg.host, 'v1'))).digest, fx.digest);
    assert.deepEqual(await store.listTags(refOf(reg.host)), ['v1']);
    assert.equal(await store.headBlob(refOf(reg.host), fx.manifests[0]!.config.digest), fx.manifests[0]!.config.size);
    const grants = reg.token!.requests();
    assert.equal(grants.length, 1, JSON.stringify(grants));
    assert.deepEqual(grants[0], {
      method: 'GET',
      scopes: [`repository:${REPO}:pull`],
      account: reg.username,
      grantType: undefined,
      hadBasicAuth: true,
      status: 200,
    });
    assert.equal(reg.requests().filter((r) => r.status === 401).length, 1, 'one challenge, then every request authorized up front');
  });

  test('token registry: an identity token in config.json is exchanged with grant_type=refresh_token', async () => {
    const { reg, fx } = await seeded('token', work);
    cleanups.push(() => reg.stop());
    const realm = new URL(reg.token!.realm);
    realm.searchParams.set('service', reg.token!.service);
    realm.searchParams.set('offline_token', 'true');
    const res = await fetch(realm, { headers: { authorization: `Basic ${b64(`${reg.username}:${reg.password}`)}` } });
    const refresh = ((await res.json()) as { refresh_token: string }).refresh_token;
    await writeFile(join(work, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: b64('<token>:'), identitytoken: refresh } } }));
    reg.token!.clearRequests();
    const store = openSet(reg.host).storeForRegistry(reg.host);
    assert.equal((await store.headManifest(refOf(reg.host, 'v1')))?.digest, fx.digest);
    assert.deepEqual(
      reg.token!.requests().map((r) => [r.method, r.grantType, r.status]),
      [['POST', 'refresh_token', 200]],
    );
  });

  test('basic registry: credentials from a credential helper named by credsStore', async () => {
    const { reg, fx } = await seeded('basic', work);
    cleanups.push(() => reg.stop());
    const bin = join(work, 'bin');
    await (await import('node:fs/promises')).mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'docker-credential-itg'),
      `#!/bin/sh\nread -r server\n[ "$server" = "${reg.host}" ] || { echo 'credentials not found in native keychain'; exit 1; }\necho '{"ServerURL":"${reg.host}","Username":"${reg.username}","Secret":"${reg.password}"}'\n`,
    );
    await chmod(join(bin, 'docker-credential-itg'), 0o755);
    process.env['PATH'] = `${bin}${delimiter}${savedPath ?? ''}`;
    await writeFile(join(work, 'config.json'), JSON.stringify({ credsStore: 'itg' }));
    const store = openSet(reg.host).storeForRegistry(reg.host);
    assert.equal((await store.headManifest(refOf(reg.host, 'v1')))?.digest, fx.digest);
  });
});

describe('authentication failures', () => {
  let work: string;
  const cleanups: Array<() => Promise<void>> = [];
  before(async () => {
    work = await makeTempDir('regkit-authfail-itg-');
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c();
    await removeTempDir(work);
  });

  for (const mode of ['basic', 'token'] as const) {
    test(`${mode}: a wrong password is a clear 401 naming registry and repository, without the password`, async () => {
      const { reg } = await seeded(mode, work);
      cleanups.push(() => reg.stop());
      const wrong = 'not-the-password-4711';
      const set = new StoreSet({
        hosts: [{ registry: reg.host, tls: 'disabled', user: reg.username!, pass: wrong }],
        logger: silentLogger,
        useDockerConfig: false,
      });
      cleanups.push(() => set.close());
      await assert.rejects(set.storeForRegistry(reg.host).headManifest(refOf(reg.host, 'v1')), (err: unknown) => assertAuthFailure(err, reg, wrong));
    });
  }

  test('token: anonymous access to a private registry fails with a 401, and works where anonymous pull is allowed', async () => {
    const closed = await seeded('token', work);
    const open = await seeded('token', work, { anonymousPull: true });
    cleanups.push(
      () => closed.reg.stop(),
      () => open.reg.stop(),
    );
    const set = new StoreSet({
      hosts: [closed.reg.host, open.reg.host].map((registry) => ({ registry, tls: 'disabled' as const })),
      logger: silentLogger,
      useDockerConfig: false,
    });
    cleanups.push(() => set.close());
    await assert.rejects(set.storeForRegistry(closed.reg.host).headManifest(refOf(closed.reg.host, 'v1')), (err: unknown) =>
      assertAuthFailure(err, closed.reg, closed.reg.password!),
    );
    assert.equal((await set.storeForRegistry(open.reg.host).headManifest(refOf(open.reg.host, 'v1')))?.digest, open.fx.digest);
    await assert.rejects(
      set.storeForRegistry(open.reg.host).putManifest(refOf(open.reg.host, 'v2'), Buffer.from('{}'), 'application/vnd.oci.image.manifest.v1+json'),
      (err: unknown) => {
        assert.ok(err instanceof RegistryError);
        assert.equal(err.status, 401);
        assert.equal(err.operation, 'manifest-put');
        return true;
      },
    );
  });
});
