// The air-gap paths keep every digest: registry → OCI layout directory → registry, and image export to one tar file
// then image import into another registry.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exportImage, importImage } from '../../src/copy/archive.js';
import { copyImage } from '../../src/copy/copy.js';
import type { Reference } from '../../src/oci/reference.js';
import type { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoInspectRaw } from '../harness/skopeo.js';
import { copyContext, hostFlags, openStores, pullAndVerify, refOf, runRegkit, seedImage } from './copy-setup.js';

const REPO = 'upstream/app';

describe('round trips through an OCI layout and a tar file', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let far: RunningRegistry;
  let work: string;
  let image: FixtureImage;
  let stores: StoreSet;

  before(async () => {
    work = await makeTempDir('regkit-copy-roundtrip-');
    // The far side of the air gap uses token auth, as a hosted registry would.
    [src, dst, far] = await Promise.all([startRegistry(), startRegistry(), startRegistry({ auth: 'token' })]);
    image = await seedImage(src, join(work, 'layout'), [`${REPO}:v1`], {
      tag: 'v1',
      platforms: ['linux/amd64', 'linux/arm64'],
      layers: 2,
      layerSize: 64 * 1024,
      seed: 'copy-roundtrip',
    });
    stores = openStores([src, dst, far]);
  });
  after(async () => {
    await stores?.close();
    await Promise.all([src?.stop(), dst?.stop(), far?.stop()]);
    await removeTempDir(work);
  });

  async function assertSameImage(reg: RunningRegistry, reference: string, pulledDir: string): Promise<void> {
    assert.deepEqual(await skopeoInspectRaw(`docker://${reg.host}/${reference}`, reg.credentials), await skopeoInspectRaw(`docker://${src.host}/${REPO}:v1`));
    for (const m of image.manifests) assert.equal(await skopeoDigest(`docker://${reg.host}/${reference.split(':')[0]}@${m.digest}`, reg.credentials), m.digest);
    const pulled = await pullAndVerify(reg, reference, pulledDir);
    for (const blob of image.blobs) assert.ok(pulled.has(blob.digest), `${blob.digest} missing after the round trip`);
  }

  test('registry → ocidir → registry gives identical digests', async () => {
    const layout: Reference = { scheme: 'ocidir', path: join(work, 'carried'), tag: 'v1' };
    const out = await copyImage(copyContext(stores), refOf(src.host, REPO, { tag: 'v1' }), layout);
    assert.equal(out.status, 'copied');
    assert.equal(out.digest, image.digest);
    assert.equal(await skopeoDigest(`oci:${join(work, 'carried')}:v1`), image.digest);
    const back = await copyImage(copyContext(stores), layout, refOf(dst.host, 'mirror/app', { tag: 'v1' }));
    assert.equal(back.status, 'copied');
    assert.equal(back.digest, image.digest);
    await assertSameImage(dst, 'mirror/app:v1', join(work, 'pulled-ocidir'));
  });

  test('image export to a tar, then image import into a second registry, gives identical digests', async () => {
    const file = join(work, 'app.tar');
    const exported = await exportImage(copyContext(stores), refOf(src.host, REPO, { tag: 'v1' }), file);
    assert.equal(exported.status, 'copied');
    assert.equal(exported.digest, image.digest);
    const imported = await importImage(copyContext(stores), file, refOf(far.host, 'airgap/app', { tag: 'v1' }));
    assert.equal(imported.status, 'copied');
    assert.equal(imported.digest, image.digest);
    await assertSameImage(far, 'airgap/app:v1', join(work, 'pulled-tar'));
  });

  test('the CLI: image export then image import', async () => {
    const file = join(work, 'cli.tar');
    const noConfig = join(work, 'no-docker-config');
    const exported = await runRegkit(['image', 'export', `${src.host}/${REPO}:v1`, file, ...hostFlags(src)], noConfig);
    assert.equal(exported.code, 0, exported.stderr);
    const imported = await runRegkit(['image', 'import', `${far.host}/airgap/cli:v1`, file, '--format', 'json', ...hostFlags(far)], noConfig);
    assert.equal(imported.code, 0, imported.stderr);
    const result = JSON.parse(imported.stdout) as { op: string; status: string; digest: string };
    assert.deepEqual([result.op, result.status, result.digest], ['import', 'copied', image.digest]);
    assert.equal(await skopeoDigest(`docker://${far.host}/airgap/cli:v1`, far.credentials), image.digest);
  });
});
