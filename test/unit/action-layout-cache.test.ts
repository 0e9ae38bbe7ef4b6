// The restore/save decisions of the node24 action's layout cache. The Actions cache service exists only on GitHub's
// runners, so it is stood in for by a recorder here; the path without a service is tested on the real toolkit in
// test/action/sync.test.ts.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { restoreLayouts, saveLayouts, type CacheService } from '../../src/action/layout-cache.js';
import type { Logger } from '../../src/log.js';
import type { LayoutCacheSpec } from '../../src/command/layout-cache.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';

interface Recorded {
  service: CacheService;
  calls: string[];
}

function recorder(opts: { available?: boolean; hit?: string; fail?: 'restore' | 'save' } = {}): Recorded {
  const calls: string[] = [];
  return {
    calls,
    service: {
      isFeatureAvailable: () => opts.available ?? true,
      restoreCache: async (paths, key, restoreKeys) => {
        calls.push(`restore ${paths.join(',')} ${key} ${restoreKeys.join(',')}`);
        if (opts.fail === 'restore') throw new Error('service said 503');
        return opts.hit;
      },
      saveCache: async (paths, key) => {
        calls.push(`save ${paths.join(',')} ${key}`);
        if (opts.fail === 'save') throw new Error('service said 503');
        return 1;
      },
    },
  };
}

function logs(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

let dir: string;
let spec: LayoutCacheSpec;
test.before(async () => {
  dir = await makeTempDir('regkit-layout-cache-');
  await mkdir(join(dir, 'mirror'));
  spec = { key: 'regkit-ocidir-abc-9-1', restoreKeys: ['regkit-ocidir-abc-'], paths: [join(dir, 'mirror')] };
});
after(async () => {
  if (dir) await removeTempDir(dir);
});

test('no cache service: one warning, nothing restored or saved', async () => {
  const { service, calls } = recorder({ available: false });
  const log = logs();
  const restored = await restoreLayouts(service, spec, log);
  await saveLayouts(service, restored, true, log);
  assert.deepEqual(calls, []);
  assert.equal(log.lines.filter((l) => l.startsWith('warn')).length, 1);
  assert.match(log.lines[0]!, /^warn the Actions cache service is not available to this step .*not kept for the next run$/);
});

test('first run: restore by prefix misses, the new layout is saved under the run key', async () => {
  const { service, calls } = recorder();
  const log = logs();
  const restored = await restoreLayouts(service, spec, log);
  await saveLayouts(service, restored, false, log);
  assert.deepEqual(calls, [`restore ${spec.paths[0]} regkit-ocidir-abc-9-1 regkit-ocidir-abc-`, `save ${spec.paths[0]} regkit-ocidir-abc-9-1`]);
  assert.ok(
    log.lines.every((l) => l.startsWith('info')),
    log.lines.join('\n'),
  );
});

test('restored and changed: saved again; restored and unchanged: the restored entry stays', async () => {
  for (const [changed, saves] of [
    [true, 1],
    [false, 0],
  ] as const) {
    const { service, calls } = recorder({ hit: 'regkit-ocidir-abc-8-1' });
    const restored = await restoreLayouts(service, spec, logs());
    assert.equal(restored.restoredKey, 'regkit-ocidir-abc-8-1');
    await saveLayouts(service, restored, changed, logs());
    assert.equal(calls.filter((c) => c.startsWith('save')).length, saves);
  }
});

test('cache failures warn and never throw; a layout that is not on disk is not saved', async () => {
  for (const fail of ['restore', 'save'] as const) {
    const { service } = recorder({ fail });
    const log = logs();
    await saveLayouts(service, await restoreLayouts(service, spec, log), true, log);
    assert.equal(log.lines.filter((l) => l.startsWith('warn')).length, 1, log.lines.join('\n'));
  }
  const { service, calls } = recorder();
  const gone = { ...spec, paths: [join(dir, 'never-written')] };
  await saveLayouts(service, await restoreLayouts(service, gone, logs()), true, logs());
  assert.equal(calls.filter((c) => c.startsWith('save')).length, 0);
});
