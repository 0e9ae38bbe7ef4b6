// The runner-faithful helper itself: what a composite action sees on a real runner, checked on a small action
// written here, so that a helper bug cannot make the workflow tests pass.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { evaluateExpression, parseFileCommands, runActionAsRunner, substitute, type Scope } from './runner.js';

const ACTION = `name: probe
description: prints what it is given
inputs:
  word:
    description: a word
    default: hello
  fail:
    description: fail the second step
    default: 'false'
outputs:
  echoed:
    description: what the first step wrote
    value: \${{ steps.first.outputs.echoed }}-\${{ inputs.word }}
  cache:
    description: output of a skipped remote step
    value: \${{ steps.cache.outputs.cache-hit }}
runs:
  using: composite
  steps:
    - id: cache
      uses: actions/cache/restore@v4
      with:
        path: x
        key: y
    - id: first
      shell: bash
      run: |
        echo "echoed=$WORD" >> "$GITHUB_OUTPUT"
        printf 'multi<<EOF\\nline 1\\nline 2\\nEOF\\n' >> "$GITHUB_OUTPUT"
        echo "### probe $WORD" >> "$GITHUB_STEP_SUMMARY"
        test "$GITHUB_ACTIONS" = true && test -d "$RUNNER_TEMP" && test -f "$GITHUB_ACTION_PATH/action.yml"
      env:
        WORD: \${{ inputs.word }}
    - id: second
      if: inputs.fail == 'true'
      shell: bash
      run: exit 7
    - id: after-failure
      shell: bash
      run: echo "should not run"
    - id: always
      if: \${{ always() }}
      shell: bash
      run: echo "cleanup ran"
`;

describe('runActionAsRunner', () => {
  let tmp: string;

  before(async () => {
    tmp = await makeTempDir('regkit-runner-test-');
    await mkdir(join(tmp, 'probe'));
    await writeFile(join(tmp, 'probe', 'action.yml'), ACTION);
  });

  after(async () => {
    if (tmp) await removeTempDir(tmp);
  });

  test('defaults, env substitution, outputs, summary, and a remote uses: skipped with a note', async () => {
    const run = await runActionAsRunner(join(tmp, 'probe'), {});
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(run.outputs, { echoed: 'hello-hello', cache: '' });
    assert.equal(run.summary, '### probe hello\n');
    assert.deepEqual(
      run.steps.map((s) => [s.id, s.outcome]),
      [
        ['cache', 'skipped'],
        ['first', 'success'],
        ['second', 'skipped'],
        ['after-failure', 'success'],
        ['always', 'success'],
      ],
    );
    assert.match(run.steps[0]!.note ?? '', /actions\/cache\/restore@v4 needs a GitHub runner/);
  });

  test('a failing step fails the action with its exit code; later steps run only under always()', async () => {
    const run = await runActionAsRunner(join(tmp, 'probe'), { word: "it's $(id)", fail: 'true' });
    assert.equal(run.exitCode, 7);
    assert.equal(run.outputs['echoed'], "it's $(id)-it's $(id)", 'an input through env: stays data');
    assert.deepEqual(
      run.steps.map((s) => s.outcome),
      ['skipped', 'success', 'failure', 'skipped', 'success'],
    );
    assert.match(run.stdout, /cleanup ran/);
    assert.doesNotMatch(run.stdout, /should not run/);
  });

  test('an input the action does not declare is an error, as the runner warns', async () => {
    await assert.rejects(runActionAsRunner(join(tmp, 'probe'), { wrod: 'x' }), /declares no input wrod/);
  });

  test('expressions: contexts, dashes, operators; unsupported ones throw', () => {
    const scope: Scope = {
      inputs: { 'dry-run': 'true', n: '2' },
      github: { action_path: '/a' },
      runner: {},
      env: {},
      steps: { s: { outputs: { x: 'X' }, outcome: 'success', conclusion: 'success' } },
      failed: false,
    };
    assert.equal(evaluateExpression("inputs.dry-run == 'TRUE' && !(inputs.n != 2)", scope), true);
    assert.equal(evaluateExpression("inputs['dry-run'] || 'no'", scope), 'true');
    assert.equal(substitute('${{ github.action_path }}/x/${{ steps.s.outputs.x }}${{ steps.t.outputs.y }}', scope), '/a/x/X');
    assert.throws(() => evaluateExpression('fromJSON(inputs.n)', scope), /function fromJSON\(\) is not supported/);
    assert.throws(() => evaluateExpression('secrets.TOKEN', scope), /context "secrets" is not supported/);
  });

  test('file commands: name=value and heredoc blocks', () => {
    assert.deepEqual(parseFileCommands('a=1\nb<<EOF\nx\ny=z\nEOF\nc=\n'), { a: '1', b: 'x\ny=z', c: '' });
    assert.throws(() => parseFileCommands('a<<EOF\nx\n'), /unterminated a/);
  });
});
