// Copies that cannot succeed, against real registries: each fails with a message that names what is wrong and where,
// never a password, and leaves the target tag as it was.
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import { DigestMismatchError, RegistryError, UsageError } from '../../src/errors.js';
import { formatReference } from '../../src/oci/reference.js';
import type { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest } from '../harness/skopeo.js';
import { copyContext, hostFlags, openStores, refOf, runRegkit, seedImage } from './copy-setup.js';

const REPO = 'upstream/app';
const WRONG_PASSWORD = 'wrong-password-8d1f';

/** Where distribution's filesystem driver keeps a blob's bytes (registry/storage/paths.go, blobDataPathSpec). */
function blobDataPath(reg: RunningRegistry, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return join(reg.dataDir, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
}

describe('copy failures', () => {
  let src: RunningRegistry;
  let locked: RunningRegistry;
  let readOnly: RunningRegistry;
  let dst: RunningRegistry;
  let work: string;
  let older: FixtureImage;
  const opened: StoreSet[] = [];
  const noConfig = (): string => join(work, 'no-docker-config');

  function stores(...hosts: Parameters<typeof openStores>[0]): StoreSet {
    const set = openStores(hosts);
    opened.push(set);
    return set;
  }

  before(async () => {
    work = await makeTempDir('regkit-copy-errors-');
    [src, locked, readOnly, dst] = await Promise.all([
      startRegistry(),
      startRegistry({ auth: 'basic' }),
      startRegistry({ auth: 'token', anonymousPull: true }),
      startRegistry(),
    ]);
    await seedImage(src, join(work, 'layout'), [`${REPO}:v1`], { tag: 'v1', platforms: ['linux/amd64'], layers: 2, layerSize: 16 * 1024, seed: 'copy-errors' });
    older = await seedImage(locked, join(work, 'older'), ['mirror/app:v1'], { tag: 'v1', layers: 1, layerSize: 1024, seed: 'copy-errors-older' });
    await Promise.all([pushOlder(readOnly), pushOlder(dst)]);
  });
  after(async () => {
    for (const set of opened) await set.close();
    await Promise.all([src?.stop(), locked?.stop(), readOnly?.stop(), dst?.stop()]);
    await removeTempDir(work);
  });

  async function pushOlder(reg: RunningRegistry): Promise<void> {
    await seedImage(reg, join(work, `older-${reg.host.replace(':', '-')}`), ['mirror/app:v1'], {
      tag: 'v1',
      layers: 1,
      layerSize: 1024,
      seed: 'copy-errors-older',
    });
  }

  test('unknown platform syntax is a usage error (exit 2) before any request', async () => {
    src.clearRequests();
    dst.clearRequests();
    const run = await runRegkit(['copy', `${src.host}/${REPO}:v1`, `${dst.host}/mirror/app:v1`, '--platform', 'linux', ...hostFlags(src, dst)], noConfig());
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^regkit: invalid platform "linux": expected OS\/ARCH\[\/VARIANT\]/);
    assert.equal(run.stdout, '');
    // The engine refuses it too, even for a single-platform source where no platform is picked.
    await assert.rejects(
      copyImage(copyContext(stores(src, dst)), refOf(src.host, REPO, { tag: 'v1' }), refOf(dst.host, 'mirror/app', { tag: 'v1' }), {
        platforms: ['linux/arm64/v8/extra'],
      }),
      (err: Error) => err instanceof UsageError && err.message.includes('invalid platform "linux/arm64/v8/extra"'),
    );
    assert.deepEqual(src.requests(), []);
    assert.deepEqual(dst.requests(), []);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:v1`), older.digest);
  });

  test('a missing source tag is a 404 naming the reference', async () => {
    const missing = refOf(src.host, REPO, { tag: 'nope' });
    await assert.rejects(copyImage(copyContext(stores(src, dst)), missing, refOf(dst.host, 'mirror/app', { tag: 'v1' })), (err: Error) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.status, 404);
      assert.ok(err.message.includes(formatReference(missing)), err.message);
      return true;
    });
    const run = await runRegkit(['copy', `${src.host}/${REPO}:nope`, `${dst.host}/mirror/app:v1`, '--format', 'json', ...hostFlags(src, dst)], noConfig());
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as { status: string; reason: string };
    assert.equal(result.status, 'failed');
    assert.match(result.reason, new RegExp(`HTTP 404.*${src.host}/${REPO}:nope not found`));
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:v1`), older.digest);
  });

  for (const who of ['wrong password', 'anonymous'] as const) {
    test(`a target that refuses the client (${who}): 401 naming registry and repository, no password`, async () => {
      const target = who === 'anonymous' ? { host: locked.host } : { host: locked.host, credentials: { username: locked.username!, password: WRONG_PASSWORD } };
      await assert.rejects(
        copyImage(copyContext(stores(src, target)), refOf(src.host, REPO, { tag: 'v1' }), refOf(locked.host, 'mirror/app', { tag: 'v1' })),
        (err: Error) => {
          assert.ok(err instanceof RegistryError, `${err.name}: ${err.message}`);
          assert.equal(err.status, 401);
          assert.equal(err.registry, locked.host);
          assert.equal(err.repository, 'mirror/app');
          assert.ok(err.message.includes(`${locked.host}/mirror/app`), err.message);
          assert.ok(!err.message.includes(WRONG_PASSWORD) && !err.message.includes(locked.password!), err.message);
          return true;
        },
      );
      const run = await runRegkit(['copy', `${src.host}/${REPO}:v1`, `${locked.host}/mirror/app:v1`, ...hostFlags(src, target)], noConfig());
      assert.equal(run.code, 1);
      const said = run.stdout + run.stderr;
      assert.match(said, new RegExp(`${locked.host}/mirror/app \\(HTTP 401`));
      assert.ok(!said.includes(WRONG_PASSWORD), said);
      assert.ok(!said.includes(Buffer.from(`${locked.username}:${WRONG_PASSWORD}`).toString('base64')), said);
      assert.equal(await skopeoDigest(`docker://${locked.host}/mirror/app:v1`, locked.credentials), older.digest);
    });
  }

  test('a target that grants pull but not push: the write is refused with 401 and the tag stays', async () => {
    await assert.rejects(
      copyImage(copyContext(stores(src, { host: readOnly.host })), refOf(src.host, REPO, { tag: 'v1' }), refOf(readOnly.host, 'mirror/app', { tag: 'v1' })),
      (err: Error) => {
        assert.ok(err instanceof RegistryError, `${err.name}: ${err.message}`);
        assert.equal(err.status, 401);
        assert.equal(err.operation, 'blob-put');
        assert.ok(err.message.includes(`${readOnly.host}/mirror/app`), err.message);
        return true;
      },
    );
    assert.equal(await skopeoDigest(`docker://${readOnly.host}/mirror/app:v1`), older.digest);
  });

  test('a source blob whose bytes do not match its digest fails the copy; nothing lands under that digest', async () => {
    const corrupt = await seedImage(src, join(work, 'corrupt'), [`${REPO}:corrupt`], {
      tag: 'corrupt',
      layers: 1,
      layerSize: 20 * 1024,
      seed: 'copy-errors-corrupt',
    });
    const layer = corrupt.manifests[0]!.layers[0]!;
    const path = blobDataPath(src, layer.digest);
    const bytes = await readFile(path);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    await writeFile(path, bytes);
    assert.equal((await stat(path)).size, layer.size);

    const set = stores(src, dst);
    const to = refOf(dst.host, 'mirror/app', { tag: 'v1' });
    await assert.rejects(copyImage(copyContext(set), refOf(src.host, REPO, { tag: 'corrupt' }), to), (err: Error) => {
      assert.ok(err instanceof DigestMismatchError, `${err.name}: ${err.message}`);
      assert.equal(err.expected, layer.digest);
      assert.match(err.message, /nothing was written under this digest/);
      return true;
    });
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:v1`), older.digest);
    assert.equal(await set.storeFor(to).headBlob(to, layer.digest), undefined);
    assert.equal(await set.storeFor(to).headManifest(refOf(dst.host, 'mirror/app', { digest: corrupt.digest })), undefined);
  });

  test('a host flag with a wrong password for the source: the password stays out of every output', async () => {
    const run = await runRegkit(
      [
        'copy',
        `${locked.host}/mirror/app:v1`,
        `${dst.host}/mirror/from-locked:v1`,
        '--format',
        'json',
        '--log-format',
        'json',
        ...hostFlags({ host: locked.host, credentials: { username: locked.username!, password: WRONG_PASSWORD } }, dst),
      ],
      noConfig(),
    );
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as { status: string; reason: string };
    assert.equal(result.status, 'failed');
    assert.match(result.reason, /HTTP 401/);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(WRONG_PASSWORD));
  });
});
