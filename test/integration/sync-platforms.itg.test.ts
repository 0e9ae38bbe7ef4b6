// A platform filter decides what the target tag should hold, so "the target already has it" is judged against that,
// never against the source's own digest: a target holding the full index is not up to date for a step that asks for
// one platform, whose result is that platform's image manifest.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest } from '../harness/skopeo.js';
import { copyContext, openStores, refOf } from './copy-setup.js';
import { copyImage } from '../../src/copy/copy.js';
import { assertExit, makeSyncWorkspace, resultLines, seedTags, syncCli, verdicts, writesIn, type SyncWorkspace } from './sync-setup.js';

describe('sync with a platform filter over a target that holds the whole index', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let app: FixtureImage;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-platforms-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    app = await seedTags(src, join(ws.dir, 'app'), 'upstream/app', ['v1'], {
      layers: 1,
      layerSize: 2048,
      tag: 'v1',
      platforms: ['linux/amd64', 'linux/arm64'],
      seed: 'sync-platforms',
    });
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  /** Puts the source's full index at `repo:v1` on the target, as an earlier unfiltered sync would have. */
  async function fullIndexAt(repo: string): Promise<void> {
    const stores = openStores([src, dst]);
    try {
      await copyImage(copyContext(stores), refOf(src.host, 'upstream/app', { tag: 'v1' }), refOf(dst.host, repo, { tag: 'v1' }));
    } finally {
      await stores.close();
    }
    assert.equal(await skopeoDigest(`docker://${dst.host}/${repo}:v1`), app.digest);
  }

  const amd64 = (): string => app.manifests.find((m) => m.platform.architecture === 'amd64')!.digest;

  for (const [key, value] of [
    ['platforms', '[linux/amd64]'],
    ['platform', 'linux/amd64'],
  ] as const) {
    test(`${key}: ${value} replaces the index with the amd64 image, in check and once, and is then up to date`, async () => {
      const repo = `mirror/${key}`;
      await fullIndexAt(repo);
      const config = await ws.writeConfig(
        `${key}.yml`,
        `sync:\n  - source: ${src.host}/upstream/app:v1\n    target: ${dst.host}/${repo}:v1\n    type: image\n    ${key}: ${value}\n`,
      );

      dst.clearRequests();
      const check = await syncCli(ws, 'check', config, [src, dst], ['--format', 'json']);
      assertExit(check, 0);
      assert.deepEqual(verdicts(resultLines(check.stdout)), [`would-copy ${dst.host}/${repo}:v1`]);
      assert.deepEqual(writesIn(dst.requests()), [], 'check writes nothing');

      const once = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
      assertExit(once, 0);
      const [line] = resultLines(once.stdout);
      assert.deepEqual(verdicts(resultLines(once.stdout)), [`copied ${dst.host}/${repo}:v1`]);
      assert.equal(line?.digest, amd64());
      assert.equal(await skopeoDigest(`docker://${dst.host}/${repo}:v1`), amd64());

      dst.clearRequests();
      const again = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
      assertExit(again, 0);
      const lines = resultLines(again.stdout);
      assert.deepEqual(verdicts(lines), [`skipped ${dst.host}/${repo}:v1`]);
      assert.equal(lines[0]?.reason, 'target already has this digest');
      assert.deepEqual(writesIn(dst.requests()), []);
    });
  }
});
