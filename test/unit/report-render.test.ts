import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderJsonLine } from '../../src/report/jsonl.js';
import { parseReference } from '../../src/oci/reference.js';
import { imageAt, type OperationResult } from '../../src/report/result.js';
import { renderTextLine, renderTotals } from '../../src/report/text.js';
import { renderSummary } from '../../src/report/summary.js';
import { formatBytes, formatDuration, shortDigest } from '../../src/report/units.js';

/** Lines as the faces write them, one per result. */
const renderText = (results: readonly OperationResult[]) => results.map(renderTextLine).join('');
const renderJsonLines = (results: readonly OperationResult[]) => results.map(renderJsonLine).join('');

/** A result's place, from the text it is rendered as. */
const at = (text: string) => imageAt(parseReference(text));

const D1 = `sha256:${'1a'.repeat(32)}`;
const D2 = `sha256:${'2b'.repeat(32)}`;

const RESULTS: OperationResult[] = [
  {
    op: 'copy',
    status: 'copied',
    source: at('docker.io/library/alpine:3'),
    target: at('localhost:5000/library/alpine:3'),
    digest: D1,
    bytes: 7_340_032,
    platforms: ['linux/amd64', 'linux/arm64'],
    blobs: { copied: 4, skipped: 0, mounted: 0 },
    durationMs: 1530,
  },
  {
    op: 'copy',
    status: 'skipped',
    source: at('a.example/x:1'),
    target: at('b.example/x:1'),
    digest: D2,
    bytes: 0,
    reason: 'target already has this digest',
    durationMs: 40,
  },
  { op: 'image-delete', status: 'failed', target: at('b.example/x:old'), bytes: 0, reason: 'still used by a|b\nand c' },
];

test('units', () => {
  assert.deepEqual([0, 1023, 1024, 1536, 7_340_032, 3 * 1024 ** 3].map(formatBytes), ['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '7.0 MiB', '3.0 GiB']);
  assert.deepEqual([350, 1530, 59_949, 185_000].map(formatDuration), ['350 ms', '1.5 s', '59.9 s', '3m05s']);
  assert.equal(shortDigest(D1), 'sha256:1a1a1a1a1a1a');
});

test('text: one line per operation, written as it ends, routes in one column; totals at the end', () => {
  assert.equal(
    renderText(RESULTS),
    [
      'copied        docker.io/library/alpine:3 → localhost:5000/library/alpine:3  sha256:1a1a1a1a1a1a  7.0 MiB  1.5 s',
      'skipped       a.example/x:1 → b.example/x:1  sha256:2b2b2b2b2b2b  0 B  40 ms  target already has this digest',
      'failed        b.example/x:old  -  0 B  still used by a|b and c',
      '',
    ].join('\n'),
  );
  assert.equal(renderText([]), '');
  assert.equal(renderTotals(RESULTS, 2500), '3 operations: 1 failed, 1 copied, 1 skipped · 7.0 MiB moved · 2.5 s');
  assert.equal(renderTotals([{ ...RESULTS[0]!, status: 'would-copy' }]), '1 operation: 1 would-copy · 0 B moved · 7.0 MiB to move');
  assert.equal(renderTotals([]), '0 operations · 0 B moved');
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
  const withDetails = renderJsonLines([{ op: 'copy', status: 'copied', bytes: 1, details: { kind: 'transfer', previousDigest: D2 } }]);
  assert.match(withDetails, /"durationMs":null,"details":\{"previousDigest":"sha256:2b/);
});

test('locations other than images render as their file, registry or rule name; details without their kind', () => {
  const results: OperationResult[] = [
    { op: 'export', status: 'copied', source: at('a.example/x:1'), target: { kind: 'file', path: '/tmp/x.tar' }, bytes: 0 },
    { op: 'import', status: 'copied', source: { kind: 'file', path: '/tmp/x.tar', tag: '1' }, target: at('b.example/x:1'), bytes: 0 },
    {
      op: 'sync',
      status: 'failed',
      source: { kind: 'registry', host: 'a.example', path: 'team' },
      target: { kind: 'registry', host: 'b.example' },
      bytes: 0,
      reason: 'r',
    },
    { op: 'prune', status: 'failed', target: { kind: 'rule', name: 'old builds' }, bytes: 0, reason: 'r', details: { kind: 'policy', policy: 'old builds' } },
  ];
  assert.deepEqual(
    renderJsonLines(results)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .map((r) => [r['source'], r['target'], r['details']]),
    [
      ['a.example/x:1', '/tmp/x.tar', undefined],
      ['/tmp/x.tar:1', 'b.example/x:1', undefined],
      ['a.example/team', 'b.example', undefined],
      [null, 'old builds', { policy: 'old builds' }],
    ],
  );
});

test('GitHub Packages version ids of a delete show in text and summary, with the restore command to undo them', () => {
  const at = (text: string) => imageAt(parseReference(text));
  const results: OperationResult[] = [
    {
      op: 'tag-delete',
      status: 'deleted',
      target: at('ghcr.io/acme/app:old-1'),
      digest: `sha256:${'a'.repeat(64)}`,
      bytes: 0,
      details: { kind: 'policy', policy: 'old', githubVersionIds: [701, 702] },
    },
    {
      op: 'tag-delete',
      status: 'deleted',
      target: at('ghcr.io/acme/app:old-2'),
      digest: `sha256:${'b'.repeat(64)}`,
      bytes: 0,
      details: { kind: 'delete', githubVersionIds: [] },
    },
    {
      op: 'tag-delete',
      status: 'deleted',
      target: at('ghcr.io/acme/tool:v0'),
      digest: `sha256:${'c'.repeat(64)}`,
      bytes: 0,
      details: { kind: 'delete', githubVersionIds: [9] },
    },
  ];
  const lines = results.map(renderTextLine);
  assert.match(lines[0]!, /ghcr\.io\/acme\/app:old-1 .*\(GitHub versions 701, 702\)\n$/);
  assert.ok(!lines[1]!.includes('GitHub'));
  assert.match(lines[2]!, /\(GitHub version 9\)\n$/);
  const summary = renderSummary(results, { title: 'regkit prune' });
  assert.match(summary, /\| policy "old" \(GitHub versions 701, 702\) \|/);
  assert.ok(
    summary.endsWith('To undo within 30 days:\n\n    regkit image restore ghcr.io/acme/app 701,702\n    regkit image restore ghcr.io/acme/tool 9\n\n'),
    summary,
  );
  assert.ok(!renderSummary([results[1]!]).includes('undo'));
});
