import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderJsonLines } from '../../src/report/jsonl.js';
import type { OperationResult } from '../../src/report/result.js';
import { escapeCell, renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { formatBytes, formatDuration, shortDigest } from '../../src/report/units.js';

const D1 = `sha256:${'1a'.repeat(32)}`;
const D2 = `sha256:${'2b'.repeat(32)}`;

const RESULTS: OperationResult[] = [
  {
    op: 'copy',
    status: 'copied',
    source: 'docker.io/library/alpine:3',
    target: 'localhost:5000/library/alpine:3',
    digest: D1,
    bytes: 7_340_032,
    platforms: ['linux/amd64', 'linux/arm64'],
    blobs: { copied: 4, skipped: 0, mounted: 0 },
    durationMs: 1530,
  },
  { op: 'copy', status: 'skipped', source: 'a.example/x:1', target: 'b.example/x:1', digest: D2, bytes: 0, reason: 'target already has this digest', durationMs: 40 },
  { op: 'image-delete', status: 'failed', target: 'b.example/x:old', bytes: 0, reason: 'still used by a|b\nand c' },
];

test('units', () => {
  assert.deepEqual([0, 1023, 1024, 1536, 7_340_032, 3 * 1024 ** 3].map(formatBytes), ['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '7.0 MiB', '3.0 GiB']);
  assert.deepEqual([350, 1530, 59_949, 185_000].map(formatDuration), ['350 ms', '1.5 s', '59.9 s', '3m05s']);
  assert.equal(shortDigest(D1), 'sha256:1a1a1a1a1a1a');
});

test('text: one aligned line per operation', () => {
  assert.equal(
    renderText(RESULTS),
    [
      'copied   docker.io/library/alpine:3 → localhost:5000/library/alpine:3  sha256:1a1a1a1a1a1a  7.0 MiB',
      'skipped  a.example/x:1 → b.example/x:1                                 sha256:2b2b2b2b2b2b  0 B      target already has this digest',
      'failed   b.example/x:old                                               -                    0 B      still used by a|b and c',
      '',
    ].join('\n'),
  );
  assert.equal(renderText([]), '');
});

test('JSON lines: every key, in one order', () => {
  assert.equal(
    renderJsonLines(RESULTS),
    [
      `{"op":"copy","source":"docker.io/library/alpine:3","target":"localhost:5000/library/alpine:3","status":"copied","digest":"${D1}","bytes":7340032,"reason":null,"platforms":["linux/amd64","linux/arm64"],"blobs":{"copied":4,"skipped":0,"mounted":0},"durationMs":1530}`,
      `{"op":"copy","source":"a.example/x:1","target":"b.example/x:1","status":"skipped","digest":"${D2}","bytes":0,"reason":"target already has this digest","platforms":null,"blobs":null,"durationMs":40}`,
      '{"op":"image-delete","source":null,"target":"b.example/x:old","status":"failed","digest":null,"bytes":0,"reason":"still used by a|b\\nand c","platforms":null,"blobs":null,"durationMs":null}',
      '',
    ].join('\n'),
  );
  const withDetails = renderJsonLines([{ op: 'copy', status: 'copied', bytes: 1, details: { previousDigest: D2 } }]);
  assert.match(withDetails, /"durationMs":null,"details":\{"previousDigest":"sha256:2b/);
});

test('markdown summary: totals heading and an escaped table', () => {
  assert.equal(
    renderSummary(RESULTS, { title: 'regkit copy' }),
    [
      '### regkit copy: 3 operations, 1 copied, 1 skipped, 1 failed, 7.0 MiB moved',
      '',
      '| Source | Target | Digest | Platforms | Blobs copied/skipped/mounted | Bytes | Time | Status |',
      '| --- | --- | --- | --- | --- | ---: | ---: | --- |',
      '| docker.io/library/alpine:3 | localhost:5000/library/alpine:3 | `sha256:1a1a1a1a1a1a` | linux/amd64, linux/arm64 | 4/0/0 | 7.0 MiB | 1.5 s | copied |',
      '| a.example/x:1 | b.example/x:1 | `sha256:2b2b2b2b2b2b` |  |  | 0 B | 40 ms | skipped: target already has this digest |',
      '|  | b.example/x:old |  |  |  | 0 B |  | failed: still used by a\\|b<br>and c |',
      '',
      '',
    ].join('\n'),
  );
});

test('markdown summary of a run that failed before any operation', () => {
  assert.equal(renderSummary([], { error: 'auth on r.example/app (HTTP 401): <denied>' }), '### regkit: 0 operations, 0 B moved\n\n**Failed:** auth on r.example/app (HTTP 401): &lt;denied&gt;\n\n');
  assert.equal(escapeCell('a|b\r\nc & <d>'), 'a\\|b<br>c &amp; &lt;d&gt;');
});

test('GitHub Packages version ids of a delete show in text and summary, with the restore command to undo them', () => {
  const results: OperationResult[] = [
    { op: 'tag-delete', status: 'deleted', target: 'ghcr.io/acme/app:old-1', digest: `sha256:${'a'.repeat(64)}`, bytes: 0, details: { policy: 'old', githubVersionIds: [701, 702] } },
    { op: 'tag-delete', status: 'deleted', target: 'ghcr.io/acme/app:old-2', digest: `sha256:${'b'.repeat(64)}`, bytes: 0, details: { githubVersionIds: [] } },
    { op: 'tag-delete', status: 'deleted', target: 'ghcr.io/acme/tool:v0', digest: `sha256:${'c'.repeat(64)}`, bytes: 0, details: { githubVersionIds: [9] } },
  ];
  const text = renderText(results);
  assert.match(text, /ghcr\.io\/acme\/app:old-1 .*\(GitHub versions 701, 702\)\n/);
  assert.ok(!text.split('\n')[1]!.includes('GitHub'));
  assert.match(text, /\(GitHub version 9\)\n$/);
  const summary = renderSummary(results, { title: 'regkit prune' });
  assert.match(summary, /\| deleted \(GitHub versions 701, 702\) \|/);
  assert.ok(summary.endsWith('To undo within 30 days:\n\n    regkit image restore ghcr.io/acme/app 701,702\n    regkit image restore ghcr.io/acme/tool 9\n\n'), summary);
  assert.ok(!renderSummary([results[1]!]).includes('undo'));
});
