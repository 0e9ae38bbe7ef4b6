import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheRunFrom, layoutCacheSpec, ocidirPaths, renderCacheOutputs } from '../../src/command/layout-cache.js';
import { loadSyncConfig } from '../../src/sync/config/load.js';

const config = (steps: string) => loadSyncConfig({ name: 'regsync.yml', text: `version: 1\nsync:\n${steps}` }, {});

const EXPORT = config(`
  - source: registry.example/team/app
    target: ocidir://./export/mirror/
    type: repository
  - source: registry.example/team/db:1
    target: ocidir://export/mirror:db-1
    type: image
  - source: ocidir://import/layout:v1
    target: registry.example/team/imported:v1
    type: image
`);

test('layout paths: every ocidir:// source and target, normalized, once each, sorted', () => {
  assert.deepEqual(ocidirPaths(EXPORT), ['export/mirror', 'import/layout']);
  assert.deepEqual(ocidirPaths(config('  - {source: a.example/x:1, target: b.example/x:1, type: image}\n')), []);
});

test('key: a stable prefix per set of layouts plus the run id and attempt; restored by the prefix', () => {
  const spec = layoutCacheSpec(EXPORT, { runId: '1234', attempt: '2' });
  assert.ok(spec);
  assert.match(spec.key, /^regkit-ocidir-[0-9a-f]{16}-1234-2$/);
  assert.deepEqual(spec.restoreKeys, [spec.key.slice(0, -'1234-2'.length)]);
  assert.ok(spec.key.startsWith(spec.restoreKeys[0]!));
  assert.deepEqual(spec.paths, ['export/mirror', 'import/layout']);

  // The next night: a fresh key (entries are immutable), the same prefix (so it restores this run's entry).
  const next = layoutCacheSpec(EXPORT, { runId: '1300' })!;
  assert.equal(next.key, `${spec.restoreKeys[0]}1300-1`);
  assert.deepEqual(next.restoreKeys, spec.restoreKeys);

  // Other layouts, or another shard of the same ones, never restore this entry.
  const other = layoutCacheSpec(config('  - {source: a.example/x:1, target: "ocidir://elsewhere:x", type: image}\n'), { runId: '1234', attempt: '2' })!;
  assert.notEqual(other.restoreKeys[0], spec.restoreKeys[0]);
  const shard1 = layoutCacheSpec(EXPORT, { runId: '1234' }, { index: 1, count: 3 })!;
  const shard2 = layoutCacheSpec(EXPORT, { runId: '1234' }, { index: 2, count: 3 })!;
  assert.match(shard1.restoreKeys[0]!, /-shard1of3-$/);
  assert.notEqual(shard1.restoreKeys[0], shard2.restoreKeys[0]);
  assert.equal(layoutCacheSpec(EXPORT, { runId: '1234', attempt: '2' }, { index: 1, count: 1 })!.key, spec.key);
  const prefixes = [spec, other, shard1, shard2].map((s) => s.restoreKeys[0]!);
  for (const a of prefixes) for (const b of prefixes) if (a !== b) assert.ok(!b.startsWith(a), `${a} would restore ${b}'s entries`);
});

test('no layout, no cache', () => {
  assert.equal(layoutCacheSpec(config('  - {source: a.example/x, target: b.example/x, type: repository}\n'), { runId: '1' }), undefined);
});

test('run identity from the runner, or the time outside one', () => {
  assert.deepEqual(cacheRunFrom({ GITHUB_RUN_ID: '99', GITHUB_RUN_ATTEMPT: '3' }), { runId: '99', attempt: '3' });
  assert.deepEqual(cacheRunFrom({ GITHUB_RUN_ID: '99' }), { runId: '99' });
  assert.deepEqual(
    cacheRunFrom({}, () => 1700000000000),
    { runId: 'local1700000000000' },
  );
});

/** The runner's reading of a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks. */
function readOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      assert.ok(end > i, `unterminated ${block[1]}`);
      out[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      out[lines[i]!.slice(0, lines[i]!.indexOf('='))] = lines[i]!.slice(lines[i]!.indexOf('=') + 1);
    }
  }
  return out;
}

test('cache-key output: what actions/cache/restore and /save take as key, restore-keys and path', () => {
  const spec = layoutCacheSpec(EXPORT, { runId: '7' })!;
  assert.deepEqual(readOutputFile(renderCacheOutputs(spec)), { key: spec.key, 'restore-keys': spec.restoreKeys[0], paths: 'export/mirror\nimport/layout' });
  assert.deepEqual(readOutputFile(renderCacheOutputs(undefined)), { key: '', 'restore-keys': '', paths: '' });
});
