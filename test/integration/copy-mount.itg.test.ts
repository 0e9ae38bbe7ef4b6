// Copies inside one registry move no blob bytes: a retag inside a repository is manifest PUTs alone, and a copy to
// another repository links every blob with a cross-repository mount (`POST …/blobs/uploads/?mount=…&from=…`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import type { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type AccessRecord, type RegistryAuth, type RunningRegistry } from '../harness/registry.js';
import { skopeoInspectRaw } from '../harness/skopeo.js';
import { copyContext, isBlobRead, isBlobUpload, isMount, openStores, pullAndVerify, refOf, seedImage } from './copy-setup.js';

const REPO = 'team/app';

/** Requests past the auth handshake, which token mode answers with 401 before the token is attached. */
const served = (log: AccessRecord[]): AccessRecord[] => log.filter((r) => r.status !== 401);

for (const auth of ['none', 'token'] satisfies RegistryAuth[]) {
  describe(`copy within one registry, auth ${auth}`, () => {
    let reg: RunningRegistry;
    let work: string;
    let image: FixtureImage;
    let stores: StoreSet;
    const distinctBlobs = (): Set<string> => new Set(image.manifests.flatMap((m) => [m.config.digest, ...m.layers.map((l) => l.digest)]));

    before(async () => {
      work = await makeTempDir('regkit-copy-mount-');
      reg = await startRegistry({ auth });
      image = await seedImage(reg, join(work, 'layout'), [`${REPO}:v1`], {
        tag: 'v1',
        platforms: ['linux/amd64', 'linux/arm64'],
        layers: 2,
        layerSize: 64 * 1024,
        seed: `copy-mount-${auth}`,
      });
      stores = openStores([reg]);
    });
    after(async () => {
      await stores?.close();
      await reg?.stop();
      await removeTempDir(work);
    });

    test('a retag inside the repository is one manifest PUT: no blob read, upload or mount', async () => {
      reg.clearRequests();
      const result = await copyImage(copyContext(stores), refOf(reg.host, REPO, { tag: 'v1' }), refOf(reg.host, REPO, { tag: 'stable' }));
      assert.equal(result.status, 'copied');
      assert.equal(result.bytes, 0);
      const log = served(reg.requests());
      assert.deepEqual(
        log.filter((r) => isBlobRead(r) || isBlobUpload(r) || isMount(r) || r.path.includes('/blobs/')),
        [],
      );
      // Children are already in the repository (they are the source's), so only the tag's PUT writes.
      assert.deepEqual(
        log.filter((r) => r.method === 'PUT').map((r) => `${r.path} ${r.status}`),
        [`/v2/${REPO}/manifests/stable 201`],
      );
      assert.deepEqual(
        await skopeoInspectRaw(`docker://${reg.host}/${REPO}:stable`, reg.credentials),
        await skopeoInspectRaw(`docker://${reg.host}/${REPO}:v1`, reg.credentials),
      );
    });

    test('a copy to another repository mounts every blob once and reads none', async () => {
      reg.clearRequests();
      const result = await copyImage(copyContext(stores), refOf(reg.host, REPO, { tag: 'v1' }), refOf(reg.host, 'other/app', { tag: 'v1' }));
      assert.equal(result.status, 'copied');
      assert.equal(result.bytes, 0);
      assert.deepEqual(result.blobs, { copied: 0, skipped: 0, mounted: distinctBlobs().size });
      const log = served(reg.requests());
      assert.deepEqual(
        log.filter((r) => isBlobRead(r) || isBlobUpload(r)),
        [],
      );
      const mounts = log.filter(isMount);
      assert.equal(mounts.length, distinctBlobs().size);
      assert.ok(
        mounts.every((r) => r.status === 201 && r.path.includes(`from=${encodeURIComponent(REPO)}`)),
        JSON.stringify(mounts),
      );
      assert.deepEqual(new Set(mounts.map((r) => decodeURIComponent(/mount=([^&]+)/.exec(r.path)![1]!))), distinctBlobs());
      assert.equal(log.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/')).length, image.manifests.length + 1);
      const pulled = await pullAndVerify(reg, 'other/app:v1', join(work, `pulled-${auth}`));
      for (const blob of image.blobs) assert.ok(pulled.has(blob.digest));
    });
  });
}
