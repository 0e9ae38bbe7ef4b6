// `regkit sync check` plans without writing: each tag's verdict (would-copy, skipped, would-backup, excluded) in text
// and JSON lines, and not one PUT, POST, PATCH or DELETE reaches the target registry.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { seedImage } from './copy-setup.js';
import { assertExit, countByMethod, makeSyncWorkspace, resultLines, seedTags, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';

describe('sync check', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let config: string;
  let upstream: FixtureImage;
  let old: FixtureImage;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-check-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    const small = { layers: 1, layerSize: 2048 };
    upstream = await seedTags(src, join(ws.dir, 'new'), 'upstream/app', ['same', 'changed', 'new', 'wip'], { ...small, tag: 'same', seed: 'sync-check-new' });
    await seedImage(dst, join(ws.dir, 'same'), ['mirror/app:same'], { ...small, tag: 'same', seed: 'sync-check-new' });
    old = await seedImage(dst, join(ws.dir, 'old'), ['mirror/app:changed'], { ...small, tag: 'changed', seed: 'sync-check-old' });
    config = await ws.writeConfig(
      'regsync.yml',
      `sync:\n  - source: ${src.host}/upstream/app\n    target: ${dst.host}/mirror/app\n    type: repository\n    tags:\n      deny: ['wip']\n    backup: 'backup-{{ .Ref.Tag }}'\n`,
    );
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  const target = (tag: string) => `${dst.host}/mirror/app:${tag}`;

  test('JSON lines give every tag its verdict, with digests and reasons', async () => {
    dst.clearRequests();
    const run = await syncCli(ws, 'check', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    const byTarget = new Map(resultLines(run.stdout).map((l) => [`${l.op} ${l.target}`, l]));
    assert.equal(byTarget.size, 5, run.stdout);
    assert.equal(byTarget.get(`sync ${target('same')}`)?.status, 'skipped');
    assert.equal(byTarget.get(`sync ${target('same')}`)?.digest, upstream.digest);
    assert.equal(byTarget.get(`sync ${target('new')}`)?.status, 'would-copy');
    assert.equal(byTarget.get(`sync ${target('changed')}`)?.status, 'would-copy');
    assert.equal(byTarget.get(`sync ${target('changed')}`)?.digest, upstream.digest);
    const backup = byTarget.get(`backup ${target('backup-changed')}`);
    assert.equal(backup?.status, 'would-backup');
    assert.equal(backup?.digest, old.digest);
    const wip = byTarget.get(`sync ${target('wip')}`);
    assert.equal(wip?.status, 'excluded');
    assert.match(wip?.reason ?? '', /filter/);

    const log = dst.requests();
    assert.deepEqual(writesIn(log), [], JSON.stringify(countByMethod(log)));
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/mirror/app`)).sort(), ['changed', 'same']);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:changed`), old.digest);
  });

  test('text output: one line per verdict, and still no write', async () => {
    dst.clearRequests();
    const run = await syncCli(ws, 'check', config, [src, dst]);
    assertExit(run, 0);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/).slice(0, 4).join(' '))
      .sort();
    assert.deepEqual(rows, [
      `excluded ${src.host}/upstream/app:wip → ${target('wip')}`,
      `skipped ${src.host}/upstream/app:same → ${target('same')}`,
      `would-backup ${target('changed')} → ${target('backup-changed')}`,
      `would-copy ${src.host}/upstream/app:changed → ${target('changed')}`,
      `would-copy ${src.host}/upstream/app:new → ${target('new')}`,
    ]);
    assert.deepEqual(writesIn(dst.requests()), []);
  });
});
