// `sync once --missing` copies only the tags the target does not have: a tag present on the target is left alone
// even when its digest changed upstream.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, seedTags, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';

describe('sync once --missing', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let upstream: FixtureImage;
  let old: FixtureImage;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-missing-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    const small = { layers: 1, layerSize: 1024 };
    upstream = await seedTags(src, join(ws.dir, 'new'), 'upstream/app', ['same', 'changed', 'new1', 'new2'], {
      ...small,
      tag: 'same',
      seed: 'sync-missing-new',
    });
    await seedImage(dst, join(ws.dir, 'same'), ['mirror/app:same'], { ...small, tag: 'same', seed: 'sync-missing-new' });
    old = await seedImage(dst, join(ws.dir, 'old'), ['mirror/app:changed'], { ...small, tag: 'changed', seed: 'sync-missing-old' });
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('only absent tags are copied; a changed tag already on the target keeps its digest', async () => {
    const config = await ws.writeConfig(
      'regsync.yml',
      `sync:\n  - source: ${src.host}/upstream/app\n    target: ${dst.host}/mirror/app\n    type: repository\n    backup: 'bak-{{ .Ref.Tag }}'\n`,
    );
    dst.clearRequests();
    const run = await syncCli(ws, 'once', config, [src, dst], ['--missing', '--format', 'json']);
    assertExit(run, 0);
    const lines = resultLines(run.stdout);
    assert.deepEqual(lines.map((l) => `${l.op} ${l.status} ${l.target!.slice(l.target!.lastIndexOf(':') + 1)}`).sort(), [
      'sync copied new1',
      'sync copied new2',
      'sync excluded changed',
      'sync excluded same',
    ]);
    for (const l of lines.filter((x) => x.status === 'excluded')) assert.match(l.reason ?? '', /--missing/);
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/mirror/app`)).sort(), ['changed', 'new1', 'new2', 'same']);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:changed`), old.digest);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:new1`), upstream.digest);
    // Nothing touched the tags that were already there: no backup, no manifest PUT on them.
    const puts = writesIn(dst.requests()).filter((r) => r.method === 'PUT' && /\/manifests\/(same|changed|bak-)/.test(r.path));
    assert.deepEqual(puts, []);
  });

  test('an image step whose target exists is left alone, whatever its digest (regsync skips any target that exists)', async () => {
    const step = (tag: string) => `  - source: ${src.host}/upstream/app:${tag}\n    target: ${dst.host}/mirror/app:${tag}\n    type: image\n`;
    const config = await ws.writeConfig('images.yml', `sync:\n${step('changed')}${step('same')}`);
    dst.clearRequests();
    const run = await syncCli(ws, 'once', config, [src, dst], ['--missing', '--format', 'json']);
    assertExit(run, 0);
    const lines = resultLines(run.stdout);
    assert.deepEqual(lines.map((l) => `${l.status} ${l.target}`).sort(), [`excluded ${dst.host}/mirror/app:changed`, `excluded ${dst.host}/mirror/app:same`]);
    for (const l of lines) assert.match(l.reason ?? '', /already on the target \(--missing\)/);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:changed`), old.digest);
    assert.deepEqual(writesIn(dst.requests()), []);
  });
});
