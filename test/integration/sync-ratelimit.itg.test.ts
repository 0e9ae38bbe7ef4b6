// `ratelimit.min/retry` against a source that reports Docker Hub's pull accounting (a proxy adds the headers to a
// real registry's answers): the run sleeps while the remaining pulls are below `min`, then copies; past the
// `--max-wait` budget an item fails with a message saying why and the other items still run. A fake clock counts
// the sleeps, which regsync's 5-minute floor on `retry` would otherwise make real.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { silentLogger } from '../../src/log.js';
import { exitCodeOf, locationText } from '../../src/report/result.js';
import type { StoreSet } from '../../src/store/open.js';
import { loadSyncConfig } from '../../src/sync/config/load.js';
import { runSync } from '../../src/sync/run.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startProxy, type RunningProxy } from '../harness/proxy.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest } from '../harness/skopeo.js';
import { openStores, seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, syncCli, type SyncWorkspace } from './sync-setup.js';

const MIN = 10;

describe('sync: waiting out a source rate limit', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let limited: RunningProxy;
  let ws: SyncWorkspace;
  let image: FixtureImage;
  let stores: StoreSet;
  /** Manifest HEADs answered so far; the remaining count rises once `risesAfter` of them were seen. */
  let heads = 0;
  let risesAfter = Infinity;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-ratelimit-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    limited = await startProxy(src.host, {
      headers: (req) => {
        if (req.method === 'HEAD' && req.url?.includes('/manifests/')) heads++;
        return { 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': `${heads > risesAfter ? 60 : MIN - 6};w=21600` };
      },
    });
    image = await seedImage(src, join(ws.dir, 'img'), ['hub/app:v1', 'hub/app:v2', 'hub/other:v1'], {
      layers: 1,
      layerSize: 2048,
      tag: 'v1',
      seed: 'sync-ratelimit',
    });
  });
  beforeEach(() => {
    heads = 0;
    stores = openStores([limited, src, dst]);
  });
  afterEach(() => stores.close());
  after(async () => {
    await limited?.stop();
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  const fakeClock = () => {
    const sleeps: number[] = [];
    return { sleeps, clock: { sleep: async (seconds: number) => void sleeps.push(seconds) } };
  };
  const imageStep = (from: string, to: string) => `  - source: ${from}\n    target: ${dst.host}/${to}\n    type: image\n`;
  const load = (steps: string[]) =>
    loadSyncConfig({ text: `defaults:\n  ratelimit:\n    min: ${MIN}\n    retry: 5m\nsync:\n${steps.join('')}`, name: 'regsync.yml' }, {});

  test('below min, the run sleeps `retry` until the remaining pulls rise, then copies', async () => {
    risesAfter = 3;
    const { sleeps, clock } = fakeClock();
    const config = load([imageStep(`${limited.host}/hub/app:v1`, 'waited/app:v1')]);
    const results = await runSync({ stores, logger: silentLogger, clock }, config, { mode: 'once' });
    assert.deepEqual(
      results.map((r) => r.status),
      ['copied'],
    );
    // HEADs 1-3 answer 4 remaining; each is followed by a 300 s sleep, the 4th answers 60.
    assert.deepEqual(sleeps, [300, 300, 300]);
    assert.equal(await skopeoDigest(`docker://${dst.host}/waited/app:v1`), image.digest);
  });

  test('past the wait budget an item fails with the reason; items from other sources still run; exit code 1', async () => {
    risesAfter = Infinity;
    const { sleeps, clock } = fakeClock();
    const config = load([
      imageStep(`${limited.host}/hub/app:v2`, 'budget/app:v2'),
      imageStep(`${src.host}/hub/other:v1`, 'budget/other:v1'),
      imageStep(`${limited.host}/hub/other:v1`, 'budget/limited-other:v1'),
    ]);
    const results = await runSync({ stores, logger: silentLogger, clock }, config, { mode: 'once', maxWaitSeconds: 600 });
    assert.deepEqual(
      results.map((r) => `${r.status} ${r.target ? locationText(r.target) : ''}`),
      [`failed ${dst.host}/budget/app:v2`, `copied ${dst.host}/budget/other:v1`, `failed ${dst.host}/budget/limited-other:v1`],
    );
    // The budget is for the whole run: the first item spends it, the last one gives up without sleeping.
    assert.deepEqual(sleeps, [300, 300]);
    assert.match(
      results[0]!.reason!,
      new RegExp(
        `^rate limit: ${limited.host}/hub/app:v2 has 4 pulls left, below ratelimit.min ${MIN}; waiting 300s more would pass --max-wait 600s \\(waited 600s\\)`,
      ),
    );
    assert.match(results[2]!.reason!, /waited 600s/);
    assert.equal(exitCodeOf(results), 1);
    assert.equal(await skopeoDigest(`docker://${dst.host}/budget/other:v1`), image.digest);
  });

  test('through the CLI, --max-wait 0s fails the limited tag at once, copies the rest, and exits 1', async () => {
    risesAfter = Infinity;
    const config = await ws.writeConfig(
      'cli.yml',
      `defaults:\n  ratelimit:\n    min: ${MIN}\nsync:\n${imageStep(`${limited.host}/hub/app:v1`, 'cli/app:v1')}${imageStep(`${src.host}/hub/app:v1`, 'cli/direct:v1')}`,
    );
    const started = Date.now();
    const run = await syncCli(ws, 'once', config, [limited, src, dst], ['--max-wait', '0s']);
    assertExit(run, 1);
    assert.ok(Date.now() - started < 60_000, 'no real 5-minute sleep happened');
    assert.match(run.stdout, /^failed .* rate limit: .* below ratelimit.min 10; waiting 300s more would pass --max-wait 0s/m);
    assert.match(run.stdout, new RegExp(`^copied\\s+${src.host}/hub/app:v1 → ${dst.host}/cli/direct:v1`, 'm'));
    assert.match(run.stderr, /sync failed: rate limit/);
  });
});
