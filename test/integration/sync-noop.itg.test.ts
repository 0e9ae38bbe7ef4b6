// The no-op sync contract, on registries with basic auth: a 30-tag repository already mirrored costs one tag list on
// the source and one manifest HEAD per tag on each side, and not a single write.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { summary } from './copy-setup.js';
import { assertExit, countByMethod, makeSyncWorkspace, resultLines, seedTags, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';

const TAGS = Array.from({ length: 30 }, (_, i) => `1.${i}`);

describe('sync once: no-op on 30 tags', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let config: string;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-noop-');
    [src, dst] = await Promise.all([startRegistry({ auth: 'basic' }), startRegistry({ auth: 'basic' })]);
    await seedTags(src, join(ws.dir, 'img'), 'upstream/app', TAGS, { layers: 2, layerSize: 2048, tag: TAGS[0], seed: 'sync-noop' });
    config = await ws.writeConfig('regsync.yml', `sync:\n  - source: ${src.host}/upstream/app\n    target: ${dst.host}/mirror/app\n    type: repository\n`);
    const cold = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(cold, 0);
    assert.equal(resultLines(cold.stdout).filter((l) => l.status === 'copied').length, 30);
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('1 tag list on the source, 1 HEAD per tag on each side, 0 writes', async () => {
    src.clearRequests();
    dst.clearRequests();
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    assert.deepEqual(new Set(resultLines(run.stdout).map((l) => l.status)), new Set(['skipped']));
    const srcLog = src.requests().filter((r) => r.status !== 401);
    const dstLog = dst.requests().filter((r) => r.status !== 401);
    const counts = { source: countByMethod(src.requests()), target: countByMethod(dst.requests()) };
    assert.deepEqual(summary(srcLog.filter((r) => r.method === 'GET')), ['GET /v2/upstream/app/tags/list 200'], JSON.stringify(counts));
    assert.equal(srcLog.filter((r) => r.method === 'HEAD' && r.path.includes('/manifests/')).length, 30, JSON.stringify(counts));
    assert.equal(dstLog.filter((r) => r.method === 'HEAD' && r.path.includes('/manifests/')).length, 30, JSON.stringify(counts));
    assert.equal(srcLog.length + dstLog.length, 61, JSON.stringify(counts));
    assert.deepEqual(writesIn([...src.requests(), ...dst.requests()]), []);
    // The basic-auth challenges, if any, are one per registry, not one per tag.
    assert.ok(src.requests().length - srcLog.length <= 1 && dst.requests().length - dstLog.length <= 1, JSON.stringify(counts));
    console.log(`no-op sync of ${TAGS.length} tags: source ${JSON.stringify(counts.source)}, target ${JSON.stringify(counts.target)}`);
  });
});
