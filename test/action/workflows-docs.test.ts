// The user guide's input and output tables match the action.yml files (regenerate with
// `node build/test/action/docs-tables.js` after `npm run compile`).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DOCS_WITH_TABLES, regenerateTables, renderActionTables, tableBlocks } from './docs-tables.js';

test('the docs tables are what the action.yml files say', () => {
  for (const file of DOCS_WITH_TABLES) {
    const text = readFileSync(file, 'utf8');
    assert.equal(text, regenerateTables(text), `${file} is stale: run \`npm run compile && node build/test/action/docs-tables.js\``);
  }
});

test('every action has its tables in the docs', () => {
  const actions = [
    '.',
    ...readdirSync('actions')
      .sort()
      .map((d) => `actions/${d}`),
  ].filter((d) => existsSync(join(d, 'action.yml')));
  const documented = DOCS_WITH_TABLES.flatMap((f) => tableBlocks(readFileSync(f, 'utf8')));
  assert.deepEqual(
    actions.filter((a) => !documented.includes(a)),
    [],
    'add a block <!-- action-tables: DIR --><!-- /action-tables --> to docs/actions.md and regenerate',
  );
});

test('a table: pipes escaped, folded descriptions on one line, defaults shown, stale blocks replaced', () => {
  const yml =
    'name: x\ndescription: Does x\ninputs:\n  a:\n    description: >-\n      one | two\n      three\n    required: true\n  b:\n    description: bee\n    default: ""\noutputs:\n  o:\n    description: out\n';
  assert.equal(
    renderActionTables(yml),
    [
      'Does x.',
      '',
      '| Input | Required | Default | Description |',
      '| --- | --- | --- | --- |',
      '| `a` | yes |  | one \\| two three |',
      '| `b` | no | `""` | bee |',
      '',
      '| Output | Description |',
      '| --- | --- |',
      '| `o` | out |',
    ].join('\n'),
  );
  const stale = '# t\n<!-- action-tables: actions/copy -->\nold\n<!-- /action-tables -->\n';
  assert.notEqual(regenerateTables(stale), stale);
  assert.throws(() => regenerateTables('<!-- action-tables: actions/nope -->\n<!-- /action-tables -->'), /actions\/nope\/action.yml does not exist/);
});
