// Config errors and warnings in action mode are annotations at their file, line and column (what GitHub needs to show
// them on a pull request's diff), not a position buried in the message text. Runs the sync and prune actions as the
// runner does, between OCI layouts in the workspace, so no registry is needed.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { makeActionWorkspace, runActionAsRunner, type ActionRun } from './runner.js';

const logOf = (run: ActionRun): string => run.stdout + run.stderr;

describe('config annotations in action mode', () => {
  let workspace: string;
  const run = (inputs: Record<string, string>) =>
    runActionAsRunner('.', inputs, { workspace, env: { ACTIONS_CACHE_URL: '', ACTIONS_RESULTS_URL: '', ACTIONS_RUNTIME_TOKEN: '' } });

  before(async () => {
    workspace = await makeTempDir('regkit-annotations-');
    await makeActionWorkspace(workspace);
    await makeImageLayout(join(workspace, 'src'), { tag: 'v1', layers: 1, layerSize: 256, seed: 'annotations' });
  });
  after(() => removeTempDir(workspace));

  test('an unknown key fails the step with ::error file=…,line=…,col=…:: and the bare message', async () => {
    await writeFile(join(workspace, 'regsync.yml'), 'version: 1\nsync:\n  - source: ocidir://src\n    target: ocidir://dst\n    type: image\n    tagz: [v1]\n');
    const r = await run({ command: 'sync', config: 'regsync.yml', cache: 'false' });
    assert.equal(r.exitCode, 2, logOf(r));
    assert.match(logOf(r), /^::error file=regsync\.yml,line=6,col=5::[^:\n]*tagz/m);
    assert.doesNotMatch(logOf(r), /^::error::/m, 'no annotation without its place');
  });

  test('a config warning is ::warning file=…,line=…,col=…:: and the sync still runs', async () => {
    await writeFile(
      join(workspace, 'regsync.yml'),
      'version: 1\nsync:\n  - source: ocidir://src:v1\n    target: ocidir://dst:v1\n    type: image\n    tags:\n      allow: [v1]\n',
    );
    const r = await run({ command: 'sync', config: 'regsync.yml', cache: 'false' });
    assert.equal(r.exitCode, 0, logOf(r));
    assert.match(logOf(r), /^::warning file=regsync\.yml,line=6,col=5::sync\[0\]: tag filters are ignored for type: image$/m);
    assert.match(logOf(r), /^copied +ocidir:\/\/src:v1 → ocidir:\/\/dst:v1 /m);
  });

  test('a regbot config given by its absolute path is annotated relative to the workspace', async () => {
    await writeFile(join(workspace, 'regbot.yml'), 'version: 1\nscripts:\n  - name: x\n    script: |\n      if then\n');
    const r = await run({ command: 'prune', config: join(workspace, 'regbot.yml') });
    assert.equal(r.exitCode, 2, logOf(r));
    assert.match(logOf(r), /^::error file=regbot\.yml,line=5::script "x" does not compile/m);
  });
});
