// A config warning's position, given once as log fields (atPosition): the CLI prints it as `file:line:col:`, the
// action turns it into an annotation's file, line and col, the file relative to the workspace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotationAt } from '../../src/action/logger.js';
import { createCliLogger } from '../../src/cli/logger.js';
import { atPosition } from '../../src/log.js';

test('CLI: file:line:col before the message, in text and in JSON', () => {
  const lines: string[] = [];
  const text = createCliLogger({ format: 'text', verbose: false, write: (l) => lines.push(l), redact: (s) => s });
  text.warn('tag filters are ignored for type: image', atPosition({ file: 'regsync.yml', line: 6, column: 5 }));
  text.warn('deprecated', { ...atPosition({ file: 'regbot.yml', line: 4 }), script: 'x' });
  assert.deepEqual(lines, ['warn: regsync.yml:6:5: tag filters are ignored for type: image\n', 'warn: regbot.yml:4: deprecated script=x\n']);
  const json: string[] = [];
  createCliLogger({ format: 'json', verbose: false, write: (l) => json.push(l), redact: (s) => s, now: () => new Date(0) }).warn(
    'w',
    atPosition({ file: 'a.yml', line: 1, column: 2 }),
  );
  assert.equal(json[0], '{"time":"1970-01-01T00:00:00.000Z","level":"warn","msg":"a.yml:1:2: w"}\n');
});

test('action: annotation properties, the file relative to the workspace when it lies inside it', () => {
  assert.deepEqual(annotationAt({ file: 'regsync.yml', line: 6, column: 5 }, '/home/runner/work/app'), { file: 'regsync.yml', startLine: 6, startColumn: 5 });
  assert.deepEqual(annotationAt({ file: '/home/runner/work/app/.github/regbot.yml', line: 4 }, '/home/runner/work/app'), {
    file: '.github/regbot.yml',
    startLine: 4,
  });
  assert.deepEqual(annotationAt({ file: '/etc/regsync.yml' }, '/home/runner/work/app'), { file: '/etc/regsync.yml' });
});
