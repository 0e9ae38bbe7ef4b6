import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { COMMAND_INPUTS, INPUT_NAMES, inputVariables, type ActionCommand } from '../../src/action/input-names.js';

interface Step {
  id?: string;
  if?: string;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

interface ActionYaml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value?: string }>;
  runs: { using: string; main?: string; steps?: Step[] };
}

const load = (path: string): ActionYaml => parse(readFileSync(path, 'utf8')) as ActionYaml;
const OUTPUTS = ['digest', 'changed', 'bytes', 'plan', 'matrix'];
const COPY_OUTPUTS = ['digest', 'changed', 'bytes', 'plan'];
const SYNC_OUTPUTS = ['changed', 'bytes', 'plan', 'matrix'];

/** What a composite step's env must hold: each of the command's inputs as its portable INPUT_ variable. */
function inputEnv(command: ActionCommand): Record<string, string> {
  return Object.fromEntries(COMMAND_INPUTS[command].map((n) => [inputVariables(n).at(-1)!, `\${{ inputs.${n} }}`]));
}

/** No `${{ }}` in any script: an expression there is pasted into the shell before it runs. */
function assertNoExpressionInRun(path: string, steps: readonly Step[]): void {
  for (const step of steps) if (step.run !== undefined) assert.doesNotMatch(step.run, /\$\{\{/, `${path} step ${step.id}`);
}

test('action.yml: a node24 action over the bundle with every input the code reads', () => {
  const action = load('action.yml');
  assert.deepEqual(action.runs, { using: 'node24', main: 'dist/index.js' });
  assert.deepEqual(Object.keys(action.inputs).sort(), [...INPUT_NAMES].sort());
  assert.equal(action.inputs['command']?.required, true);
  for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description.length > 10, `input ${name} needs a description`);
  for (const name of OUTPUTS) assert.ok(action.outputs[name]?.description, `output ${name} is declared and described`);
});

test('actions/copy: one bash step, inputs only through env, outputs re-exported', () => {
  const action = load('actions/copy/action.yml');
  assert.equal(action.runs.using, 'composite');
  assert.equal(action.runs.steps?.length, 1);
  const step = action.runs.steps![0]!;
  assert.equal(step.shell, 'bash');
  assert.equal(step.run, 'node "$GITHUB_ACTION_PATH/../../dist/index.js" copy');
  assert.doesNotMatch(
    readFileSync('actions/copy/action.yml', 'utf8')
      .split('\n')
      .filter((l) => l.includes('run:'))
      .join('\n'),
    /\$\{\{/,
  );
  assert.deepEqual(step.env, inputEnv('copy'));
  assert.deepEqual(Object.keys(action.inputs).sort(), [...COMMAND_INPUTS.copy].sort());
  for (const name of COPY_OUTPUTS) assert.equal(action.outputs[name]?.value, `\${{ steps.${step.id}.outputs.${name} }}`);
});

test('actions/sync: the sync step takes every input through env, wrapped in cache restore and save', () => {
  const path = 'actions/sync/action.yml';
  const action = load(path);
  const root = load('action.yml');
  assert.equal(action.runs.using, 'composite');
  const steps = action.runs.steps!;
  assert.deepEqual(
    steps.map((s) => s.id),
    ['cache-key', 'restore', 'sync', 'save'],
  );
  assertNoExpressionInRun(path, steps);
  const [key, restore, sync, save] = steps as [Step, Step, Step, Step];

  assert.equal(sync.shell, 'bash');
  assert.equal(sync.run, 'node "$GITHUB_ACTION_PATH/../../dist/index.js" sync');
  assert.deepEqual(sync.env, inputEnv('sync'));
  assert.deepEqual(Object.keys(action.inputs).sort(), [...COMMAND_INPUTS.sync].sort());
  assert.equal(action.inputs['config']?.required, true);
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description.length > 10, `input ${name} needs a description`);
    if (name !== 'config') assert.equal(input.default, root.inputs[name]?.default, `input ${name}: same default as the root action`);
  }
  assert.deepEqual(Object.keys(action.outputs), SYNC_OUTPUTS);
  for (const name of SYNC_OUTPUTS) assert.equal(action.outputs[name]?.value, `\${{ steps.sync.outputs.${name} }}`);

  // The key step runs the CLI (no INPUT_ variables: they would make it an action run) into GITHUB_OUTPUT.
  assert.equal(key.shell, 'bash');
  assert.match(key.run!, /dist\/index\.js" sync cache-key -c "\$REGKIT_POLICY" .*>> "\$GITHUB_OUTPUT"/);
  assert.deepEqual(key.env, {
    REGKIT_POLICY: '${{ inputs.config }}',
    REGKIT_UNTRUSTED_CONFIG: '${{ inputs.untrusted-config }}',
    REGKIT_ALLOW_ENV: '${{ inputs.allow-env }}',
    REGKIT_SHARD: '${{ inputs.shard }}',
  });
  assert.match(key.run!, /\$REGKIT_UNTRUSTED_CONFIG" = true \]; then untrusted=\(--untrusted-config --allow-env /);
  assert.ok(Object.keys(key.env!).every((v) => !v.startsWith('INPUT_')));
  assert.match(key.if!, /inputs\.cache != 'false'/);
  assert.equal(restore.uses, 'actions/cache/restore@v4');
  assert.equal(save.uses, 'actions/cache/save@v4');
  for (const step of [restore, save]) {
    assert.match(step.if!, /steps\.cache-key\.outputs\.key != ''/);
    assert.equal(step.with?.['path'], '${{ steps.cache-key.outputs.paths }}');
    assert.equal(step.with?.['key'], '${{ steps.cache-key.outputs.key }}');
  }
  assert.equal(restore.with?.['restore-keys'], '${{ steps.cache-key.outputs.restore-keys }}');
  // Saved after a failed sync too (what was fetched is kept), never after a check.
  assert.match(save.if!, /^!cancelled\(\) && /);
  assert.match(save.if!, /inputs\.mode == 'once'/);
});
