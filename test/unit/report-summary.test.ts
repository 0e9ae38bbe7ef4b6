// The job summary's rules, each on its own: counts in the heading, failures first with their whole reason, what
// changes before what did not, one table shape per kind of operation, no-ops folded, and the size cap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planOutput } from '../../src/action/outputs.js';
import { parseReference } from '../../src/oci/reference.js';
import { exitCodeOf, imageAt, type OperationResult } from '../../src/report/result.js';
import { escapeCell, renderSummary } from '../../src/report/summary.js';

const at = (text: string) => imageAt(parseReference(text));
const D1 = `sha256:${'1a'.repeat(32)}`;
const D2 = `sha256:${'2b'.repeat(32)}`;

const synced = (status: OperationResult['status'], tag: string, extra: Partial<OperationResult> = {}): OperationResult => ({
  op: 'sync',
  status,
  source: at(`docker.io/team/app:${tag}`),
  target: at(`mirror.example/team/app:${tag}`),
  bytes: 0,
  ...extra,
});

const RESULTS: OperationResult[] = [
  synced('skipped', '2', { digest: D1, reason: 'target already has this digest', details: { kind: 'transfer', rateLimitRemaining: 95 } }),
  {
    op: 'backup',
    status: 'backed-up',
    source: at('mirror.example/team/app:1'),
    target: at('mirror.example/team/app:1-backup'),
    digest: D2,
    bytes: 0,
    durationMs: 80,
  },
  synced('copied', '1', { digest: D1, bytes: 3 * 1024 * 1024, durationMs: 2100, details: { kind: 'transfer', rateLimitRemaining: 97 } }),
  ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map((t) => synced('excluded', t, { reason: 'not selected by the tags filters' })),
  synced('failed', '3', { reason: 'manifest-get on docker.io/team/app (HTTP 500): a|b <b>\nsecond line' }),
];

const sections = (md: string) => md.split('\n').filter((l) => l.startsWith('#### ') || l.startsWith('<details>'));

test('heading: the counts, failures first; facts below it', () => {
  const md = renderSummary(RESULTS, { title: 'regkit sync once', durationMs: 4200 });
  assert.equal(md.split('\n')[0], '### regkit sync once: 1 failed, 1 copied, 1 backed-up, 1 unchanged, 12 excluded');
  assert.equal(md.split('\n')[2], '3.0 MiB moved · 4.2 s · rate limit remaining (lowest seen): `docker.io` 95');
  assert.equal(renderSummary([], { title: 'regkit sync once' }), '### regkit sync once: nothing to do\n\n');
  assert.match(renderSummary([synced('would-copy', '1', { bytes: 2048 })]), /^### regkit: 1 would-copy\n\n2\.0 KiB to move\n/);
  assert.equal(renderSummary(Array.from({ length: 2400 }, (_, i) => synced('excluded', `${i}`, { reason: 'r' }))).split('\n')[0], '### regkit: 2,400 excluded');
});

test('a run that failed before any result says failed in its heading, never "0 failed"', () => {
  const md = renderSummary([], { title: 'regkit prune once', error: 'regbot.yml:4:5: policy "old": keepLast must be a number' });
  assert.equal(md, '### regkit prune once: failed\n\n**Failed:** regbot.yml:4:5: policy "old": keepLast must be a number\n\n');
  assert.match(renderSummary([synced('copied', '1')], { error: 'boom' }), /^### regkit: failed \(1 copied\)\n\n\*\*Failed:\*\* boom\n/);
});

test('order: failures (whole reason, escaped), then what changed, then folded no-ops', () => {
  const md = renderSummary(RESULTS, { title: 'regkit sync once' });
  assert.deepEqual(sections(md), ['#### Failed (1)', '#### Changed (2)', '<details><summary>1 unchanged</summary>', '<details><summary>12 excluded</summary>']);
  assert.ok(
    md.includes('- **docker.io/team/app:3 → mirror.example/team/app:3**<br>manifest-get on docker.io/team/app (HTTP 500): a|b &lt;b&gt;<br>second line\n'),
    md,
  );
  // A check shows its plan before anything else.
  const check = renderSummary([
    synced('skipped', '2', { reason: 'same' }),
    synced('would-copy', '1', { digest: D1, bytes: 10 }),
    synced('excluded', 'x', { reason: 'r' }),
  ]);
  assert.deepEqual(sections(check), ['#### Would change (1)', '<details><summary>1 unchanged</summary>', '<details><summary>1 excluded</summary>']);
});

test('one table shape per kind: copies with image (its source below), digest, size and own time; deletes with tag, digest and rule', () => {
  const md = renderSummary([
    ...RESULTS.slice(1, 3),
    {
      op: 'tag-delete',
      status: 'deleted',
      target: at('r.example/app:ci-001'),
      digest: D2,
      bytes: 0,
      details: { kind: 'script', script: 'keep three', line: 4 },
    },
    { op: 'tag-delete', status: 'deleted', target: at('r.example/app:ci-002'), digest: D2, bytes: 0, details: { kind: 'policy', policy: 'old builds' } },
  ]);
  const rows = md.split('\n').filter((l) => l.startsWith('| '));
  assert.deepEqual(rows, [
    '| Status | Image | Digest | Size | Time |',
    '| --- | --- | --- | ---: | ---: |',
    '| backed-up | mirror.example/team/app:1-backup<br><sub>from mirror.example/team/app:1</sub> | `sha256:2b2b2b2b2b2b` | 0\u00a0B | 80\u00a0ms |',
    '| copied | mirror.example/team/app:1<br><sub>from docker.io/team/app:1</sub> | `sha256:1a1a1a1a1a1a` | 3.0\u00a0MiB | 2.1\u00a0s |',
    '| Action | Tag | Digest | Rule |',
    '| --- | --- | --- | --- |',
    '| deleted | r.example/app:ci-001 | `sha256:2b2b2b2b2b2b` | script "keep three" line 4 |',
    '| deleted | r.example/app:ci-002 | `sha256:2b2b2b2b2b2b` | policy "old builds" |',
  ]);
  assert.equal(escapeCell('a|b\r\nc & <d>'), 'a\\|b<br>c &amp; &lt;d&gt;');
  // Deletes move no bytes: no "0 B moved" above them.
  assert.doesNotMatch(renderSummary([{ op: 'tag-delete', status: 'deleted', target: at('r.example/app:x'), bytes: 0 }]), /moved/);
});

test('folding: unchanged and excluded tags become one line per repository pair and reason, naming the first few', () => {
  const md = renderSummary([...RESULTS, synced('excluded', 'x', { reason: 'media type not in mediaTypes', target: at('mirror.example/team/db:x') })], {
    namedInFold: 3,
  });
  assert.ok(
    md.includes(
      '<details><summary>13 excluded</summary>\n\n- `mirror.example/team/app` ← `docker.io/team/app`: 12 tags, not selected by the tags filters (a, b, c, …)\n- `mirror.example/team/db` ← `docker.io/team/app`: 1 tag, media type not in mediaTypes (x)\n\n</details>',
    ),
    md,
  );
  assert.ok(!md.includes('| excluded'), 'no excluded row in a table');
});

test('size cap: the summary stays under maxBytes and says how many entries it left out; failures go in first', () => {
  const many = Array.from({ length: 5000 }, (_, i) => synced('copied', `v${i}`, { digest: D1, bytes: 1, durationMs: 5 }));
  const failures = Array.from({ length: 3 }, (_, i) => synced('failed', `f${i}`, { reason: `reason ${i} `.repeat(20) }));
  const md = renderSummary([...many, ...failures], { title: 'regkit sync once', maxBytes: 64 * 1024 });
  assert.ok(Buffer.byteLength(md) <= 64 * 1024, `${Buffer.byteLength(md)} bytes`);
  assert.equal((md.match(/^- \*\*/gm) ?? []).length, 3, 'every failure kept');
  const rows = (md.match(/^\| copied /gm) ?? []).length;
  assert.ok(rows > 100 && rows < 5000, `${rows} rows`);
  assert.ok(
    md
      .trimEnd()
      .endsWith(`_${(5000 - rows).toLocaleString('en-US')} more entries left out to keep this summary under 64.0 KiB; the step log lists every result._`),
    md.slice(-300),
  );
  // The default cap holds a 2,500-tag sync whole and keeps 10,000 under 512 KiB.
  const big = Array.from({ length: 10_000 }, (_, i) => synced('copied', `t${i}`, { digest: D1, bytes: 1 }));
  assert.ok(Buffer.byteLength(renderSummary(big)) <= 512 * 1024);
  assert.doesNotMatch(renderSummary(big.slice(0, 2500)), /left out/);
});

test('plan output: a JSON array of result records; over its cap no-ops go first, then the list is cut', () => {
  const results = [...RESULTS, ...Array.from({ length: 50 }, (_, i) => synced('excluded', `x${i}`, { reason: 'r' }))];
  const whole = planOutput(results);
  assert.equal(whole.leftOut, 0);
  assert.equal((JSON.parse(whole.json) as unknown[]).length, results.length);
  const capped = planOutput(results, 2000);
  const kept = JSON.parse(capped.json) as Array<{ status: string }>;
  assert.ok(Buffer.byteLength(capped.json) <= 2000);
  assert.deepEqual(
    kept.map((r) => r.status),
    ['backed-up', 'copied', 'failed'],
  );
  assert.equal(capped.leftOut, results.length - 3);
  const cut = planOutput(results, 600);
  assert.ok(Buffer.byteLength(cut.json) <= 600 && (JSON.parse(cut.json) as unknown[]).length >= 1, cut.json);
});

test('rejected: an image a verify policy refused has its own heading after the failures, its reason in full, and fails the run', () => {
  const results = [
    synced('rejected', '4', { digest: D1, reason: 'no signature: sha256-1a1a.sig does not exist' }),
    synced('failed', '3', { reason: 'boom' }),
    synced('would-copy', '1', { digest: D2, bytes: 10 }),
  ];
  const md = renderSummary(results, { title: 'regkit sync check' });
  assert.equal(md.split('\n')[0], '### regkit sync check: 1 failed, 1 rejected, 1 would-copy');
  assert.deepEqual(sections(md), ['#### Failed (1)', '#### Rejected by the verify policy (1)', '#### Would change (1)']);
  assert.ok(md.includes('- **docker.io/team/app:4 → mirror.example/team/app:4**<br>no signature: sha256-1a1a.sig does not exist\n'), md);
  assert.equal(exitCodeOf([synced('rejected', '4'), synced('copied', '1')]), 1);
  assert.equal(exitCodeOf([synced('copied', '1')]), 0);
});

test('a summary of 40,000 unchanged tags in one repository folds them into one line', () => {
  // Each result appended to its fold by copying the fold was 800 million element copies (~11 s); the bench's scale
  // case measures the time.
  const results: OperationResult[] = Array.from({ length: 40_000 }, (_, i) => ({
    op: 'sync',
    status: 'skipped',
    bytes: 0,
    reason: 'unchanged',
    source: imageAt(parseReference(`src.example/app:v${i}`)),
    target: imageAt(parseReference(`dst.example/app:v${i}`)),
  }));
  const markdown = renderSummary(results);
  assert.match(markdown, /40,000 tags, unchanged \(v0, v1, v2/);
});
