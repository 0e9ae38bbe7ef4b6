// registry → registry copies of a multi-platform image, between two real registries with plain and with token auth:
// the copy is whole (skopeo reads back the same bytes and every blob), and a no-op copy costs one manifest HEAD on
// each side, nothing else.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import type { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RegistryAuth, type RunningRegistry } from '../harness/registry.js';
import { skopeoInspectRaw } from '../harness/skopeo.js';
import { copyContext, openStores, pullAndVerify, refOf, seedImage, summary } from './copy-setup.js';

const SRC_REPO = 'upstream/app';
const DST_REPO = 'mirror/app';

for (const auth of ['none', 'token'] satisfies RegistryAuth[]) {
  describe(`copy registry → registry, auth ${auth}`, () => {
    let src: RunningRegistry;
    let dst: RunningRegistry;
    let work: string;
    let image: FixtureImage;
    const opened: StoreSet[] = [];
    const stores = (): StoreSet => {
      const set = openStores([src, dst]);
      opened.push(set);
      return set;
    };

    before(async () => {
      work = await makeTempDir('regkit-copy-reg-');
      [src, dst] = await Promise.all([startRegistry({ auth }), startRegistry({ auth })]);
      image = await seedImage(src, join(work, 'layout'), [`${SRC_REPO}:v1`], {
        tag: 'v1',
        platforms: ['linux/amd64', 'linux/arm64'],
        layers: 3,
        layerSize: 96 * 1024,
        seed: `copy-reg-${auth}`,
      });
    });
    after(async () => {
      for (const set of opened) await set.close();
      await Promise.all([src?.stop(), dst?.stop()]);
      await removeTempDir(work);
    });

    test('a 2-platform index copies whole: same bytes, every child manifest and blob present and intact', async () => {
      const set = stores();
      const result = await copyImage(copyContext(set), refOf(src.host, SRC_REPO, { tag: 'v1' }), refOf(dst.host, DST_REPO, { tag: 'v1' }));
      assert.equal(result.status, 'copied');
      assert.equal(result.digest, image.digest);
      assert.deepEqual(result.platforms, ['linux/amd64', 'linux/arm64']);
      const blobBytes = image.manifests.flatMap((m) => [m.config, ...m.layers]).reduce((n, b) => n + b.size, 0);
      assert.equal(result.bytes, blobBytes);
      assert.deepEqual(result.blobs, { copied: 8, skipped: 0, mounted: 0 });

      const raw = await skopeoInspectRaw(`docker://${dst.host}/${DST_REPO}:v1`, dst.credentials);
      assert.deepEqual(raw, await skopeoInspectRaw(`docker://${src.host}/${SRC_REPO}:v1`, src.credentials));
      const pulled = await pullAndVerify(dst, `${DST_REPO}:v1`, join(work, `pulled-${auth}`));
      for (const blob of image.blobs) assert.ok(pulled.has(blob.digest), `${blob.digest} (${blob.mediaType}) missing on the target`);
    });

    test('a no-op copy is one manifest HEAD on the source and one on the target', async () => {
      const from = refOf(src.host, SRC_REPO, { tag: 'v1' });
      const to = refOf(dst.host, DST_REPO, { tag: 'v1' });
      // A fresh store set, as a new run of the tool has: token auth adds its challenge, nothing else.
      src.clearRequests();
      dst.clearRequests();
      src.token?.clearRequests();
      dst.token?.clearRequests();
      const set = stores();
      const result = await copyImage(copyContext(set), from, to);
      assert.equal(result.status, 'skipped');
      assert.equal(result.digest, image.digest);
      assert.equal(result.bytes, 0);
      const challenge = auth === 'token' ? 401 : undefined;
      const expected = (repo: string) => [...(challenge ? [`HEAD /v2/${repo}/manifests/v1 ${challenge}`] : []), `HEAD /v2/${repo}/manifests/v1 200`];
      assert.deepEqual(summary(src.requests()), expected(SRC_REPO));
      assert.deepEqual(summary(dst.requests()), expected(DST_REPO));
      if (auth === 'token') {
        assert.deepEqual(
          src.token!.requests().map((r) => r.scopes),
          [[`repository:${SRC_REPO}:pull`]],
        );
        assert.deepEqual(
          dst.token!.requests().map((r) => r.scopes),
          [[`repository:${DST_REPO}:pull`]],
        );
      }

      // With the tokens already held (a second copy in the same run) not even the challenge is left.
      src.clearRequests();
      dst.clearRequests();
      assert.equal((await copyImage(copyContext(set), from, to)).status, 'skipped');
      assert.deepEqual(summary(src.requests()), [`HEAD /v2/${SRC_REPO}/manifests/v1 200`]);
      assert.deepEqual(summary(dst.requests()), [`HEAD /v2/${DST_REPO}/manifests/v1 200`]);
    });
  });
}
