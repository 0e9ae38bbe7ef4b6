// `backup` in `sync once`: before a target tag whose digest differs is overwritten, the old image goes to the tag the
// backup template names (beside the target, or a whole reference when the name holds `/` or `:`); when nothing
// changed, nothing is backed up and nothing is written.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';

/** Go's "20060102" layout in local time, as the template's time.Now formats it. */
function goDate(d: Date): string {
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

describe('sync once: backup before overwrite', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let upstream: FixtureImage;
  let old: FixtureImage;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-backup-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    const small = { layers: 2, layerSize: 2048 };
    upstream = await seedImage(src, join(ws.dir, 'new'), ['upstream/app:v1', 'upstream/app:v2'], { ...small, tag: 'v1', seed: 'sync-backup-new' });
    old = await seedImage(dst, join(ws.dir, 'old'), ['mirror/app:v1', 'fullref/app:v2'], { ...small, tag: 'v1', seed: 'sync-backup-old' });
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('a changed tag is backed up to a dated tag beside it, then overwritten; a second run changes nothing', async () => {
    const config = await ws.writeConfig(
      'dated.yml',
      `sync:\n  - source: ${src.host}/upstream/app:v1\n    target: ${dst.host}/mirror/app:v1\n    type: image\n    backup: '{{ .Ref.Tag }}-{{ (time.Now).Format "20060102" }}'\n`,
    );
    const before = goDate(new Date());
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    const days = new Set([before, goDate(new Date())]);
    assertExit(run, 0);
    const lines = resultLines(run.stdout);
    const backup = lines.find((l) => l.op === 'backup');
    assert.ok(backup, run.stdout);
    assert.equal(backup.status, 'backed-up');
    assert.equal(backup.digest, old.digest);
    const backupTag = backup.target!.slice(`${dst.host}/mirror/app:`.length);
    assert.ok(
      [...days].some((d) => backupTag === `v1-${d}`),
      `backup tag ${backupTag}`,
    );
    assert.equal(lines.find((l) => l.op === 'sync')?.status, 'copied');
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:${backupTag}`), old.digest);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:v1`), upstream.digest);

    dst.clearRequests();
    const again = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(again, 0);
    assert.deepEqual(
      resultLines(again.stdout).map((l) => `${l.op} ${l.status}`),
      ['sync skipped'],
    );
    assert.deepEqual(writesIn(dst.requests()), []);
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/mirror/app`)).sort(), [backupTag, 'v1'].sort());
  });

  test('a backup name holding / or : is a whole reference', async () => {
    const config = await ws.writeConfig(
      'fullref.yml',
      `sync:\n  - source: ${src.host}/upstream/app:v2\n    target: ${dst.host}/fullref/app:v2\n    type: image\n    backup: '${dst.host}/backups/{{ .Ref.Repository }}:{{ .Ref.Tag }}-old'\n`,
    );
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    const backup = resultLines(run.stdout).find((l) => l.op === 'backup');
    assert.equal(backup?.target, `${dst.host}/backups/fullref/app:v2-old`);
    assert.equal(await skopeoDigest(`docker://${dst.host}/backups/fullref/app:v2-old`), old.digest);
    assert.equal(await skopeoDigest(`docker://${dst.host}/fullref/app:v2`), upstream.digest);
  });
});
