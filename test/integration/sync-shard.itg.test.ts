// `--shard I/N` splits a sync over N matrix jobs: run with 1/3, 2/3 and 3/3, a 20-tag repository is covered exactly
// once, and no job touches a tag of another.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoListTags } from '../harness/skopeo.js';
import { assertExit, makeSyncWorkspace, resultLines, seedTags, syncCli, type SyncWorkspace } from './sync-setup.js';

const TAGS = Array.from({ length: 20 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);

describe('sync once --shard I/N', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-shard-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    await seedTags(src, join(ws.dir, 'img'), 'upstream/app', TAGS, { layers: 1, layerSize: 1024, tag: TAGS[0], seed: 'sync-shard' });
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('three shards copy every tag exactly once between them', async () => {
    const config = await ws.writeConfig(
      'regsync.yml',
      `sync:\n  - source: ${src.host}/upstream/app\n    target: ${dst.host}/mirror/app\n    type: repository\n`,
    );
    const seen = new Map<string, string>();
    for (const shard of ['1/3', '2/3', '3/3']) {
      const run = await syncCli(ws, 'once', config, [src, dst], ['--shard', shard, '--format', 'json']);
      assertExit(run, 0);
      for (const line of resultLines(run.stdout)) {
        assert.equal(line.status, 'copied', `${shard}: ${line.target} ${line.status}`);
        const tag = line.target!.slice(line.target!.lastIndexOf(':') + 1);
        assert.equal(seen.get(tag), undefined, `${tag} is in shard ${seen.get(tag)} and in ${shard}`);
        seen.set(tag, shard);
      }
    }
    assert.deepEqual([...seen.keys()].sort(), TAGS);
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/mirror/app`)).sort(), TAGS);
  });
});
