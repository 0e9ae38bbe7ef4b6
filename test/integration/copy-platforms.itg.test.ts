// Platform filters against real registries: one platform puts that platform's image manifest at the target tag; two
// put an index listing just those, which distribution accepts only when every child it lists is already there.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import { digestOf } from '../../src/oci/digest.js';
import type { ImageIndex } from '../../src/oci/manifest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import type { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { FixtureImage, FixtureManifest } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoInspectRaw } from '../harness/skopeo.js';
import { copyContext, hostFlags, openStores, pullAndVerify, refOf, runRegkit, seedImage, summary } from './copy-setup.js';

const SRC_REPO = 'upstream/multi';

describe('copy with platform filters', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let work: string;
  let image: FixtureImage;
  let stores: StoreSet;
  const child = (arch: string, variant?: string): FixtureManifest =>
    image.manifests.find((m) => m.platform.architecture === arch && m.platform.variant === variant)!;

  before(async () => {
    work = await makeTempDir('regkit-copy-platform-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    image = await seedImage(src, join(work, 'layout'), [`${SRC_REPO}:v1`], {
      tag: 'v1',
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      layers: 2,
      layerSize: 32 * 1024,
      seed: 'copy-platforms',
    });
    stores = openStores([src, dst]);
  });
  after(async () => {
    await stores?.close();
    await Promise.all([src?.stop(), dst?.stop()]);
    await removeTempDir(work);
  });

  test('one platform: the target tag is that platform’s image manifest, and only its blobs move', async () => {
    const arm64 = child('arm64');
    dst.clearRequests();
    const result = await copyImage(copyContext(stores), refOf(src.host, SRC_REPO, { tag: 'v1' }), refOf(dst.host, 'mirror/one', { tag: 'arm64' }), {
      platforms: ['linux/arm64'],
    });
    assert.equal(result.status, 'copied');
    assert.equal(result.digest, arm64.digest);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/one:arm64`), arm64.digest);
    const raw = JSON.parse((await skopeoInspectRaw(`docker://${dst.host}/mirror/one:arm64`)).toString('utf8')) as { mediaType: string };
    assert.equal(raw.mediaType, MediaType.OciManifest);
    const pulled = await pullAndVerify(dst, 'mirror/one:arm64', join(work, 'pulled-one'));
    for (const blob of [arm64.config, ...arm64.layers]) assert.ok(pulled.has(blob.digest));
    const uploaded = dst
      .requests()
      .filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))
      .map((r) => new URL(r.path, 'http://x').searchParams.get('digest'));
    assert.deepEqual(uploaded.sort(), [arm64.config.digest, ...arm64.layers.map((l) => l.digest)].sort());
  });

  test('two platforms: an index of just those, accepted by the registry with both children present', async () => {
    const wanted = [child('amd64'), child('arm', 'v7')];
    dst.clearRequests();
    const result = await copyImage(copyContext(stores), refOf(src.host, SRC_REPO, { tag: 'v1' }), refOf(dst.host, 'mirror/two', { tag: 'v1' }), {
      platforms: ['linux/amd64', 'linux/arm/v7'],
    });
    assert.equal(result.status, 'copied');
    assert.deepEqual(result.platforms, ['linux/amd64', 'linux/arm/v7']);
    const raw = await skopeoInspectRaw(`docker://${dst.host}/mirror/two:v1`);
    assert.equal(digestOf(raw), result.digest);
    assert.notEqual(result.digest, image.digest);
    const index = JSON.parse(raw.toString('utf8')) as ImageIndex;
    assert.equal(index.mediaType, MediaType.OciIndex);
    assert.deepEqual(
      index.manifests.map((d) => d.digest),
      wanted.map((m) => m.digest),
    );
    // The index went in last, after its children, and distribution said yes to it.
    const puts = summary(dst.requests().filter((r) => r.method === 'PUT' && r.path.includes('/manifests/')));
    assert.deepEqual(puts.slice(-1), ['PUT /v2/mirror/two/manifests/v1 201']);
    assert.deepEqual(puts.slice(0, -1).sort(), wanted.map((m) => `PUT /v2/mirror/two/manifests/${m.digest} 201`).sort());
    const pulled = await pullAndVerify(dst, 'mirror/two:v1', join(work, 'pulled-two'));
    for (const blob of child('arm64').layers) assert.ok(!pulled.has(blob.digest), 'a layer of the platform left out was copied');
  });

  test('all platforms named: the original index, byte for byte', async () => {
    const result = await copyImage(copyContext(stores), refOf(src.host, SRC_REPO, { tag: 'v1' }), refOf(dst.host, 'mirror/all', { tag: 'v1' }), {
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
    });
    assert.equal(result.digest, image.digest);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/all:v1`), image.digest);
  });

  test('a platform the source lacks fails, naming what it has, and writes nothing', async () => {
    dst.clearRequests();
    await assert.rejects(
      copyImage(copyContext(stores), refOf(src.host, SRC_REPO, { tag: 'v1' }), refOf(dst.host, 'mirror/none', { tag: 'v1' }), { platforms: ['linux/s390x'] }),
      (err: Error) => err.name === 'UsageError' && err.message.includes('linux/s390x') && err.message.includes('linux/amd64, linux/arm64, linux/arm/v7'),
    );
    assert.deepEqual(
      dst.requests().filter((r) => r.method !== 'HEAD' && r.method !== 'GET'),
      [],
    );
  });

  test('the CLI: --platform linux/arm64 twice over is copied, then skipped', async () => {
    const args = [
      'copy',
      `${src.host}/${SRC_REPO}:v1`,
      `${dst.host}/mirror/cli:arm64`,
      '--platform',
      'linux/arm64',
      '--format',
      'json',
      ...hostFlags(src, dst),
    ];
    const first = await runRegkit(args, join(work, 'no-docker-config'));
    assert.equal(first.code, 0, first.stderr);
    const r1 = JSON.parse(first.stdout) as { status: string; digest: string };
    assert.deepEqual([r1.status, r1.digest], ['copied', child('arm64').digest]);
    const second = await runRegkit(args, join(work, 'no-docker-config'));
    assert.equal(second.code, 0, second.stderr);
    assert.equal((JSON.parse(second.stdout) as { status: string }).status, 'skipped');
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/cli:arm64`), child('arm64').digest);
  });
});
