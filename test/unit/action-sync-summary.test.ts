// The job summary of a sync: totals, rate limits, one row per entry and tag, excluded tags folded per repository.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseReference } from '../../src/oci/reference.js';
import { imageAt, type OperationResult } from '../../src/report/result.js';
import { renderSyncSummary } from '../../src/report/summary.js';

/** A result's place, from the text it is rendered as. */
const at = (text: string) => imageAt(parseReference(text));

const D1 = `sha256:${'1a'.repeat(32)}`;
const D2 = `sha256:${'2b'.repeat(32)}`;

const excluded = (tag: string, repo = 'app'): OperationResult => ({
  op: 'sync',
  status: 'excluded',
  source: at(`docker.io/team/${repo}:${tag}`),
  target: at(`mirror.example/team/${repo}:${tag}`),
  bytes: 0,
  reason: 'not selected by the tags filters',
});

const RESULTS: OperationResult[] = [
  { op: 'backup', status: 'backed-up', source: at('mirror.example/team/app:1'), target: at('mirror.example/team/app:1-backup'), digest: D2, bytes: 0, durationMs: 80 },
  { op: 'sync', status: 'copied', source: at('docker.io/team/app:1'), target: at('mirror.example/team/app:1'), digest: D1, bytes: 3 * 1024 * 1024, durationMs: 2100, details: { kind: 'transfer', rateLimitRemaining: 97 } },
  { op: 'sync', status: 'skipped', source: at('docker.io/team/app:2'), target: at('mirror.example/team/app:2'), digest: D1, bytes: 0, reason: 'target already has this digest', details: { kind: 'transfer', rateLimitRemaining: 95 } },
  ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((t) => excluded(t)),
  excluded('x', 'db'),
  { op: 'sync', status: 'failed', source: at('docker.io/team/app:3'), target: at('mirror.example/team/app:3'), bytes: 0, reason: 'manifest-get on docker.io/team/app (HTTP 500): a|b' },
];

test('heading: every total, bytes and wall time', () => {
  const md = renderSyncSummary(RESULTS, { title: 'regkit sync once', durationMs: 4200 });
  assert.equal(md.split('\n')[0], '### regkit sync once: 1 copied, 1 skipped, 0 would-copy, 1 backed-up, 8 excluded, 1 failed · 3.0 MiB moved · 4.2 s');
  assert.match(renderSyncSummary([{ op: 'sync', status: 'would-backup', bytes: 0 }]).split('\n')[0]!, /^### regkit sync: 0 copied, .* 0 failed, 1 would-backup · 0 B moved$/);
  // A plan says what it would move, apart from what moved.
  assert.match(renderSyncSummary([{ op: 'sync', status: 'would-copy', bytes: 2048 }]).split('\n')[0]!, / · 0 B moved · 2\.0 KiB to move$/);
});

test('table: one row per entry and tag, excluded tags of a repository folded into one row that counts them', () => {
  const md = renderSyncSummary(RESULTS, { title: 'regkit sync once', durationMs: 4200 });
  assert.ok(md.includes('Rate limit remaining (lowest seen): `docker.io` 95\n'), md);
  const rows = md.split('\n').filter((l) => l.startsWith('| '));
  assert.equal(rows[0], '| Source | Target | Verdict | Digest | Bytes | Time | Reason |');
  assert.deepEqual(rows.slice(2), [
    '| mirror.example/team/app:1 | mirror.example/team/app:1-backup | backed-up | `sha256:2b2b2b2b2b2b` | 0 B | 80 ms |  |',
    '| docker.io/team/app:1 | mirror.example/team/app:1 | copied | `sha256:1a1a1a1a1a1a` | 3.0 MiB | 2.1 s |  |',
    '| docker.io/team/app:2 | mirror.example/team/app:2 | skipped | `sha256:1a1a1a1a1a1a` | 0 B |  | target already has this digest |',
    '| docker.io/team/app | mirror.example/team/app | excluded |  |  |  | 7 tags: not selected by the tags filters (a, b, c, d, e, …) |',
    '| docker.io/team/db:x | mirror.example/team/db:x | excluded |  | 0 B |  | not selected by the tags filters |',
    '| docker.io/team/app:3 | mirror.example/team/app:3 | failed |  | 0 B |  | manifest-get on docker.io/team/app (HTTP 500): a\\|b |',
  ]);
  assert.equal(renderSyncSummary(RESULTS, { foldExcludedOver: 10 }).split('\n').filter((l) => l.includes('| excluded |')).length, 8);
});

test('a run that failed before any result: the totals and the error', () => {
  const md = renderSyncSummary([], { title: 'regkit sync', error: 'regsync.yml:4:5: unknown key "tgas" in sync[0]; did you mean "tags"?', durationMs: 12 });
  assert.equal(md, '### regkit sync: 0 copied, 0 skipped, 0 would-copy, 0 backed-up, 0 excluded, 0 failed · 0 B moved · 12 ms\n\n**Failed:** regsync.yml:4:5: unknown key "tgas" in sync[0]; did you mean "tags"?\n\n');
});
