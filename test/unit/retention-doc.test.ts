// docs/retention.md's examples are what a user copies: each loads without a warning into the policies it describes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadBotConfig } from '../../src/prune/config/load.js';
import { protectedBy } from '../../src/prune/plan/guard.js';
import { parseReference } from '../../src/oci/reference.js';
import { yamlBlocks } from '../harness/markdown.js';

const blocks = yamlBlocks('docs/retention.md');
const load = (i: number) => loadBotConfig({ text: blocks[i]!, name: `retention.md#${i}` }, { GITHUB_ACTOR: 'me', GITHUB_TOKEN: 'tok' }, { strict: true });

test('docs/retention.md: every example loads under --strict, as the policies it describes', () => {
  assert.equal(blocks.length, 4);
  const [ci] = load(0).policies;
  assert.equal(ci?.name, 'CI builds per branch');
  assert.equal(ci?.call.kind, 'keepLast');
  if (ci?.call.kind === 'keepLast') {
    assert.deepEqual([ci.call.keep, ci.call.sort, ci.call.group], [5, 'name', 'branch']);
    assert.ok(ci.call.match.regex.test('ci-feature-x-20261130.1702'));
    assert.ok(!ci.call.match.regex.test('v1.2.3'));
  }
  const [backups] = load(1).policies;
  assert.ok(backups?.call.kind === 'olderThan' && backups.call.days === 30 && backups.call.by.kind === 'created');
  const guarded = load(2);
  assert.equal(guarded.defaults.maxDeletes, 50);
  const repo = parseReference('registry.example.com/team/app');
  for (const tag of ['latest', 'v1.2.3']) assert.ok(protectedBy(guarded.defaults.protect, repo, tag), tag);
  assert.ok(!protectedBy(guarded.defaults.protect, repo, 'v1.2.3-rc1'));
  assert.ok(protectedBy(guarded.defaults.protect, parseReference('registry.example.com/team/base'), 'anything'));
  const ghcr = load(3);
  assert.deepEqual(
    ghcr.policies.map((p) => p.call.kind),
    ['untagged', 'keepLast'],
  );
  for (const i of blocks.keys()) assert.deepEqual(load(i).warnings, [], `example ${i}`);
});

test('README links the retention reference', () => {
  assert.match(readFileSync('README.md', 'utf8'), /\]\(docs\/retention\.md\)/);
});
