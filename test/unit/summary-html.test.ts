// A job summary as GitHub renders it (test/harness/summary-html.ts, the page the docs' screenshots are made from):
// every table row has as many cells as its head, whatever the names and reasons hold, and text stays text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseReference } from '../../src/oci/reference.js';
import { imageAt, type OperationResult } from '../../src/report/result.js';
import { renderSummary } from '../../src/report/summary.js';
import { markdownToHtml } from '../harness/summary-html.js';

const at = (text: string) => imageAt(parseReference(text));

test('rendered to HTML: tables keep their shape, reasons with | < * _ ` stay text', () => {
  const hostile = 'a|b <script>x</script> *bold* _it_ `tick` [link](u)';
  const results: OperationResult[] = [
    { op: 'sync', status: 'failed', source: at('docker.io/team/my_app:1'), target: at('m.example/team/my_app:1'), bytes: 0, reason: hostile },
    {
      op: 'sync',
      status: 'copied',
      source: at('docker.io/team/my_app:2'),
      target: at('m.example/team/my_app:2'),
      digest: `sha256:${'1a'.repeat(32)}`,
      bytes: 5,
      durationMs: 3,
    },
    { op: 'tag-delete', status: 'deleted', target: at('m.example/team/old:1'), bytes: 0, details: { kind: 'policy', policy: 'a|b' } },
    { op: 'sync', status: 'excluded', source: at('docker.io/team/my_app:x'), target: at('m.example/team/my_app:x'), bytes: 0, reason: hostile },
  ];
  const html = markdownToHtml(renderSummary(results, { title: 'regkit sync once' }));
  for (const table of html.split('<table>').slice(1)) {
    const rows = table.split('</table>')[0]!.split('<tr>').slice(1);
    const widths = rows.map((r) => (r.match(/<t[hd][ >]/g) ?? []).length);
    assert.ok(
      widths.every((w) => w === widths[0]),
      `${widths.join(',')} in ${table}`,
    );
  }
  assert.doesNotMatch(html, /<script>|<em>it<\/em>|<strong>bold<\/strong>/);
  assert.ok(html.includes('a|b &lt;script&gt;x&lt;/script&gt; *bold* _it_ `tick` [link](u)'), html);
  assert.ok(html.includes('<td>policy "a|b"</td>'), html);
  assert.ok(html.includes('<strong>docker.io/team/my_app:1 → m.example/team/my_app:1</strong>'), html);
});
