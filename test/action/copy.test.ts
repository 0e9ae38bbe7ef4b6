// The action as the runner runs it: `node build/src/main.js` with GITHUB_ACTIONS, INPUT_* variables, and the
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files in a temporary directory; outputs and summary are read back.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoInspectRaw } from '../harness/skopeo.js';
import { runMainAsStep } from './runner.js';

describe('the action runs a copy as the runner would', () => {
  let reg: RunningRegistry;
  let tmp: string;
  let image: FixtureImage;
  let hosts: string;

  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    tmp = await makeTempDir('regkit-action-');
    image = await makeImageLayout(join(tmp, 'layout'), { tag: 'v1', platforms: ['linux/amd64', 'linux/arm64'], layers: 2, layerSize: 8192 });
    await skopeoCopy(`oci:${join(tmp, 'layout')}:v1`, `docker://${reg.host}/team/app:v1`, { all: true, destCreds: reg.credentials! });
    hosts = `reg=${reg.host},tls=disabled,user=${reg.username},pass=${reg.password}`;
  });

  after(async () => {
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  test('JS action: copy, outputs, summary, and the password masked before any log line', async () => {
    const inputs = {
      INPUT_COMMAND: 'copy',
      INPUT_SOURCE: `${reg.host}/team/app:v1`,
      INPUT_TARGET: `${reg.host}/mirror/app:v1`,
      INPUT_HOSTS: `# mirror\n${hosts}\n`,
      'INPUT_DRY-RUN': 'false',
    };
    const run = await runMainAsStep(tmp, inputs);
    assert.equal(run.code, 0, run.log);
    assert.ok(run.log.startsWith(`::add-mask::${reg.password}\n`), run.log);
    assert.equal(run.log.split(reg.password!).length, 2, 'the password appears only in the add-mask command');
    assert.equal(run.outputs['digest'], image.digest);
    assert.equal(run.outputs['changed'], 'true');
    // Same registry: blobs are mounted, not moved.
    assert.equal(run.outputs['bytes'], '0');
    const plan = JSON.parse(run.outputs['plan']!) as Array<Record<string, unknown>>;
    assert.equal(plan.length, 1);
    assert.equal(plan[0]!['status'], 'copied');
    assert.equal(plan[0]!['target'], `${reg.host}/mirror/app:v1`);
    assert.ok((plan[0]!['blobs'] as { mounted: number }).mounted > 0, run.outputs['plan']);
    assert.deepEqual(
      await skopeoInspectRaw(`docker://${reg.host}/mirror/app:v1`, reg.credentials),
      await skopeoInspectRaw(`docker://${reg.host}/team/app:v1`, reg.credentials),
    );
    assert.match(run.summary, /^### regkit copy: 1 copied\n/);
    assert.ok(
      run.summary.includes(`| copied | ${reg.host}/mirror/app:v1<br><sub>from ${reg.host}/team/app:v1</sub> | \`${image.digest.slice(0, 19)}\` | 0\u00a0B |`),
      run.summary,
    );

    const again = await runMainAsStep(tmp, inputs);
    assert.equal(again.code, 0, again.log);
    assert.equal(again.outputs['changed'], 'false');
    assert.equal(again.outputs['bytes'], '0');
    assert.match(again.summary, /<summary>1 unchanged<\/summary>\n\n- `[^`]+\/mirror\/app` ← `[^`]+\/team\/app`: 1 tag, target already has this digest \(v1\)/);
  });

  test('composite step: command as the first argument, underscore input names', async () => {
    const run = await runMainAsStep(
      tmp,
      {
        INPUT_SOURCE: `${reg.host}/team/app:v1`,
        INPUT_TARGET: `${reg.host}/mirror/arm:v1`,
        INPUT_PLATFORMS: 'linux/arm64',
        INPUT_HOSTS: hosts,
        INPUT_DRY_RUN: 'true',
        INPUT_FORMAT: 'json',
      },
      ['copy'],
    );
    assert.equal(run.code, 0, run.log);
    const plan = JSON.parse(run.outputs['plan']!) as Array<Record<string, unknown>>;
    assert.equal(plan[0]!['status'], 'would-copy');
    assert.equal(run.outputs['changed'], 'false');
    assert.match(run.log, /^\{"op":"copy",.*"status":"would-copy"/m);
  });

  test('a failed copy still writes outputs and the summary, and fails the step once', async () => {
    const wrong = `reg=${reg.host},tls=disabled,user=${reg.username},pass=wrong-pass-31`;
    const run = await runMainAsStep(tmp, {
      INPUT_COMMAND: 'copy',
      INPUT_SOURCE: `${reg.host}/team/app:v1`,
      INPUT_TARGET: `${reg.host}/mirror/app:v2`,
      INPUT_HOSTS: wrong,
    });
    assert.equal(run.code, 1, run.log);
    assert.equal(run.log.split('wrong-pass-31').length, 2);
    assert.equal(run.log.match(/^::error::/gm)?.length, 1, run.log);
    assert.equal(run.outputs['changed'], 'false');
    assert.equal((JSON.parse(run.outputs['plan']!) as Array<Record<string, unknown>>)[0]!['status'], 'failed');
    assert.match(run.summary, /^### regkit copy: 1 failed\n/);
    assert.match(run.summary, /^- \*\*.*→ .*\/mirror\/app:v2\*\*<br>.*401/m);
  });

  test('an invalid input fails the step with exit 2 and a summary naming the problem', async () => {
    const run = await runMainAsStep(tmp, { INPUT_COMMAND: 'copy', INPUT_SOURCE: 'Not/Valid:1', INPUT_TARGET: `${reg.host}/x:1` });
    assert.equal(run.code, 2, run.log);
    assert.match(run.log, /^::error::invalid reference "Not\/Valid:1"/m);
    assert.match(run.summary, /\*\*Failed:\*\* invalid reference/);
    assert.deepEqual(run.outputs, {});
  });
});
