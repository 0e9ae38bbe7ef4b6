// docs/retention.md's first three examples, run as a user would try them: `prune once --dry-run` against a real
// registry holding the tags each example is about, the registry name swapped in (and small counts to see an effect).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { yamlBlocks } from '../harness/markdown.js';
import { runRegkit } from './copy-setup.js';

const DEMO = 'ocidir://test/fixtures/demo:1.0';
const APP_TAGS = ['ci-main-20261201.0931', 'ci-main-20261202.0931', 'ci-main-20261203.0931', 'ci-feat-20261201.0101', 'latest', 'v1.2.3', 'v1.2.4'];

describe('docs/retention.md examples as dry runs', () => {
  let work: string;
  let reg: RunningRegistry;
  const blocks = yamlBlocks('docs/retention.md');
  const cli = (...args: string[]) => runRegkit([...args, '--host', `reg=${reg.host},tls=disabled`], work, { HOME: work });
  const dryRun = async (i: number, edit: (text: string) => string = (t) => t) => {
    const file = join(work, `example-${i}.yml`);
    await writeFile(file, edit(blocks[i]!.replaceAll('registry.example.com', reg.host)));
    const run = await cli('prune', '-c', file, 'once', '--dry-run');
    assert.equal(run.code, 0, run.stderr);
    return run.stdout.split('\n').filter((l) => l !== '');
  };

  before(async () => {
    work = await makeTempDir('regkit-retention-doc-');
    reg = await startRegistry();
    for (const tag of APP_TAGS) assert.equal((await cli('copy', DEMO, `${reg.host}/team/app:${tag}`)).code, 0);
    assert.equal((await cli('copy', DEMO, `${reg.host}/backup/db:backup-1`)).code, 0);
  });
  after(async () => {
    await reg?.stop();
    await removeTempDir(work);
  });

  test('CI builds per branch: each branch keeps its newest (keep 2 here), the other branch and other tags stay', async () => {
    const lines = await dryRun(0, (t) => t.replace('keep: 5', 'keep: 2'));
    assert.deepEqual(
      lines.map((l) => l.split(/\s+/).slice(0, 2)),
      [['would-delete', `${reg.host}/team/app:ci-main-20261201.0931`]],
    );
    assert.match(lines[0]!, /not among the 2 newest by name of group "main"/);
  });

  test('old backups: the fixture image (created 2026-01-01) is more than 30 days old', async () => {
    const lines = await dryRun(1);
    assert.deepEqual(
      lines.map((l) => l.split(/\s+/).slice(0, 2)),
      [['would-delete', `${reg.host}/backup/db:backup-1`]],
    );
  });

  test('protected releases: the release keepLast would delete is held by protect, latest and non-versions are kept', async () => {
    const lines = await dryRun(2, (t) => t.replace('keep: 10', 'keep: 1'));
    assert.deepEqual(
      lines.map((l) => l.split(/\s+/).slice(0, 2)),
      [['excluded', `${reg.host}/team/app:v1.2.3`]],
    );
    assert.match(lines[0]!, /protected by defaults.protect/);
    const tags = await cli('tag', 'ls', `${reg.host}/team/app`);
    assert.deepEqual(tags.stdout.trim().split('\n').sort(), [...APP_TAGS].sort(), 'a dry run deletes nothing');
  });
});
