import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { INPUT_NAMES, inputVariables } from '../../src/action/inputs.js';

interface ActionYaml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value?: string }>;
  runs: { using: string; main?: string; steps?: Array<{ id?: string; run?: string; shell?: string; env?: Record<string, string> }> };
}

const load = (path: string): ActionYaml => parse(readFileSync(path, 'utf8')) as ActionYaml;
const OUTPUTS = ['digest', 'changed', 'bytes', 'plan'];

test('action.yml: a node24 action over the bundle with every input the code reads', () => {
  const action = load('action.yml');
  assert.deepEqual(action.runs, { using: 'node24', main: 'dist/index.js' });
  assert.deepEqual(Object.keys(action.inputs).sort(), [...INPUT_NAMES].sort());
  assert.equal(action.inputs['command']?.required, true);
  for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description.length > 10, `input ${name} needs a description`);
  assert.deepEqual(Object.keys(action.outputs), OUTPUTS);
});

test('actions/copy: one bash step, inputs only through env, outputs re-exported', () => {
  const action = load('actions/copy/action.yml');
  assert.equal(action.runs.using, 'composite');
  assert.equal(action.runs.steps?.length, 1);
  const step = action.runs.steps![0]!;
  assert.equal(step.shell, 'bash');
  assert.equal(step.run, 'node "$GITHUB_ACTION_PATH/../../dist/index.js" copy');
  assert.doesNotMatch(readFileSync('actions/copy/action.yml', 'utf8').split('\n').filter((l) => l.includes('run:')).join('\n'), /\$\{\{/);
  const expected = Object.fromEntries(
    INPUT_NAMES.filter((n) => n !== 'command').map((n) => [inputVariables(n).at(-1)!, `\${{ inputs.${n} }}`]),
  );
  assert.deepEqual(step.env, expected);
  assert.deepEqual(Object.keys(action.inputs).sort(), Object.keys(load('action.yml').inputs).filter((n) => n !== 'command').sort());
  for (const name of OUTPUTS) assert.equal(action.outputs[name]?.value, `\${{ steps.${step.id}.outputs.${name} }}`);
});
