// The prune action as a runner runs its composite step: `node main.js prune` with the step's INPUT_* variables
// (underscore spelling, as actions/prune/action.yml sets them through env:), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
// files; outputs and summary read back. The registry needs a password that comes from the config's creds.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { parseReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { runMainAsStep, type StepRun } from '../action/runner.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';

interface CompositeStep {
  id: string;
  run: string;
  env: Record<string, string>;
}

describe('actions/prune', () => {
  let reg: RunningRegistry;
  let tmp: string;
  let image: FixtureImage;
  let step: CompositeStep;

  /** The step's env: block with `${{ inputs.x }}` replaced by the given inputs (or the input's default). */
  function stepEnv(inputs: Record<string, string>, defaults: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(step.env).map(([k, v]) => {
        const name = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(v)![1]!;
        return [k, inputs[name] ?? defaults[name] ?? ''];
      }),
    );
  }

  async function runStep(inputs: Record<string, string>): Promise<StepRun> {
    const action = parse(await readFile('actions/prune/action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> };
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
    return runMainAsStep(tmp, { ...stepEnv(inputs, defaults), REG_PASS: reg.password! }, ['prune']);
  }

  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    tmp = await makeTempDir('regkit-prune-action-');
    image = await makeImageLayout(join(tmp, 'layout'), { tag: 'src', platforms: ['linux/amd64', 'linux/arm64'] });
    const stores = new StoreSet({
      hosts: [{ registry: reg.host, tls: 'disabled', user: reg.username!, pass: reg.password! }],
      logger: silentLogger,
      useDockerConfig: false,
    });
    try {
      for (const t of ['v1', 'v1-20240101', 'v1-20240102', 'v1-20240103'])
        await copyImage({ stores, logger: silentLogger }, parseReference(`ocidir://${join(tmp, 'layout')}:src`), parseReference(`${reg.host}/app:${t}`));
    } finally {
      await stores.close();
    }
    const config = [
      'version: 1',
      'creds:',
      `  - registry: ${reg.host}`,
      '    tls: disabled',
      `    user: ${reg.username}`,
      '    pass: \'{{ env "REG_PASS" }}\'',
      'policies:',
      `  - name: backups`,
      `    keepLast: {repo: ${reg.host}/app, match: 'v1-\\d{8}', keep: 1, sort: name}`,
    ].join('\n');
    await writeFile(join(tmp, 'regbot.yml'), config);
    const action = parse(await readFile('actions/prune/action.yml', 'utf8')) as { runs: { steps: CompositeStep[] } };
    step = action.runs.steps[0]!;
  });

  after(async () => {
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  it('is one composite bash step: inputs only through env, outputs re-exported', async () => {
    const action = parse(await readFile('actions/prune/action.yml', 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: Array<CompositeStep & { shell: string }> };
    };
    assert.equal(action.runs.using, 'composite');
    assert.equal(action.runs.steps.length, 1);
    assert.equal(step.run, 'node "$GITHUB_ACTION_PATH/../../dist/index.js" prune');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['allow-env', 'bounds', 'config', 'dry-run', 'format', 'hosts', 'strict', 'untrusted-config']);
    assert.deepEqual(step.env, {
      INPUT_CONFIG: '${{ inputs.config }}',
      INPUT_UNTRUSTED_CONFIG: '${{ inputs.untrusted-config }}',
      INPUT_ALLOW_ENV: '${{ inputs.allow-env }}',
      INPUT_DRY_RUN: '${{ inputs.dry-run }}',
      INPUT_HOSTS: '${{ inputs.hosts }}',
      INPUT_FORMAT: '${{ inputs.format }}',
      INPUT_BOUNDS: '${{ inputs.bounds }}',
      INPUT_STRICT: '${{ inputs.strict }}',
    });
    for (const name of ['deleted', 'changed', 'plan']) assert.equal(action.outputs[name]?.value, `\${{ steps.prune.outputs.${name} }}`);
  });

  it('dry-run: plan output and summary list each would-delete with its digest; the password is masked first', async () => {
    const run = await runStep({ config: join(tmp, 'regbot.yml'), 'dry-run': 'true' });
    assert.equal(run.code, 0, run.log);
    assert.ok(run.log.startsWith(`::add-mask::${reg.password}\n`), run.log);
    assert.equal(run.log.split(reg.password!).length, 2, 'the password appears only in the add-mask command');
    assert.equal(run.outputs['deleted'], '0');
    const plan = JSON.parse(run.outputs['plan']!) as Array<Record<string, unknown>>;
    assert.deepEqual(
      plan.map((p) => [p['status'], p['target'], p['digest']]),
      [
        ['would-delete', `${reg.host}/app:v1-20240101`, image.digest],
        ['would-delete', `${reg.host}/app:v1-20240102`, image.digest],
      ],
    );
    assert.match(run.summary, /^### regkit prune once: 2 would-delete\n/);
    assert.ok(run.summary.includes(`| would-delete | ${reg.host}/app:v1-20240101 | \`${image.digest.slice(0, 19)}\``), run.summary);
  });

  it('applies the plan: deleted count, summary rows, the kept tags untouched', async () => {
    const run = await runStep({ config: join(tmp, 'regbot.yml') });
    assert.equal(run.code, 0, run.log);
    assert.equal(run.outputs['deleted'], '2');
    assert.equal(run.outputs['changed'], 'true');
    assert.match(run.summary, /^### regkit prune once: 2 deleted\n/);
    const again = await runStep({ config: join(tmp, 'regbot.yml'), 'dry-run': 'true' });
    assert.equal(again.outputs['plan'], '[]');
  });

  it('an invalid config fails the step with exit 2 and a summary naming the problem', async () => {
    await writeFile(join(tmp, 'bad.yml'), 'scripts:\n  - name: x\n    script: |\n      if then\n');
    const run = await runStep({ config: join(tmp, 'bad.yml') });
    assert.equal(run.code, 2, run.log);
    assert.match(run.log, /^::error file=\S*bad\.yml,line=4::script "x" does not compile/m);
    assert.match(run.summary, /\*\*Failed:\*\* .*script &quot;x&quot;|\*\*Failed:\*\* .*script "x"/);
  });
});
