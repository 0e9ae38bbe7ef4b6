import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isActionRun } from '../../src/action/mode.js';
import { readSettings } from '../../src/action/inputs.js';
import { outputsOf } from '../../src/action/outputs.js';
import { UsageError } from '../../src/errors.js';

const D = `sha256:${'c'.repeat(64)}`;

test('inputs become the same typed options as the CLI flags', () => {
  const settings = readSettings({
    'INPUT_COMMAND': 'copy',
    'INPUT_SOURCE': ' alpine:3 ',
    'INPUT_TARGET': 'localhost:5000/mirror/alpine:3',
    'INPUT_PLATFORMS': 'linux/amd64\n\n# not this one\nwindows/amd64,osver=10.0.17763\n',
    'INPUT_REFERRERS': 'true',
    'INPUT_DIGEST-TAGS': 'True',
    'INPUT_INCLUDE_EXTERNAL': 'TRUE',
    'INPUT_FORCE-RECURSIVE': 'false',
    'INPUT_FAST': '',
    'INPUT_DRY-RUN': 'true',
    'INPUT_CONCURRENCY': '5',
    'INPUT_HOSTS': 'reg=localhost:5000,tls=disabled,user=u,pass=p\nreg=ghcr.io,token=t\n',
    'INPUT_FORMAT': 'json',
  });
  assert.deepEqual(settings, {
    global: { hosts: [{ registry: 'localhost:5000', tls: 'disabled', user: 'u', pass: 'p' }, { registry: 'ghcr.io', token: 't' }], format: 'json', logFormat: 'text', verbose: false },
    command: {
      name: 'copy',
      source: { scheme: 'registry', registry: 'docker.io', repository: 'library/alpine', tag: '3' },
      target: { scheme: 'registry', registry: 'localhost:5000', repository: 'mirror/alpine', tag: '3' },
      options: {
        platforms: ['linux/amd64', 'windows/amd64,osver=10.0.17763'],
        referrers: true,
        digestTags: true,
        includeExternal: true,
        forceRecursive: false,
        fast: false,
        dryRun: true,
        concurrency: 5,
      },
    },
  });
});

test('the composite action passes the command as the first argument', () => {
  const env = { INPUT_SOURCE: 'a.example/x:1', INPUT_TARGET: 'b.example/x:1' };
  assert.equal(readSettings(env, 'copy').command.name, 'copy');
  assert.throws(() => readSettings({ ...env, INPUT_COMMAND: 'sync' }, 'copy'), /runs "copy" but input command is "sync"/);
});

test('bad inputs are usage errors naming the input', () => {
  const base = { INPUT_COMMAND: 'copy', INPUT_SOURCE: 'a.example/x:1', INPUT_TARGET: 'b.example/x:1' };
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{}, /input command is required: one of copy/],
    [{ INPUT_COMMAND: 'explode' }, /input command must be one of copy, not "explode"/],
    [{ INPUT_COMMAND: 'copy' }, /input source is required for command copy/],
    [{ ...base, INPUT_REFERRERS: 'yes' }, /input referrers must be true or false, not "yes"/],
    [{ ...base, INPUT_FORMAT: 'xml' }, /input format must be text or json/],
    [{ ...base, INPUT_CONCURRENCY: '0' }, /input concurrency must be a whole number/],
    [{ ...base, INPUT_PLATFORMS: 'linux' }, /invalid platform "linux"/],
    [{ ...base, INPUT_HOSTS: 'reg=a.example,user=u,pass=sekrit-pw,tls=maybe' }, /tls must be one of/],
  ];
  for (const [env, pattern] of cases) {
    assert.throws(() => readSettings(env), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, pattern);
      assert.ok(!err.message.includes('sekrit'));
      return true;
    });
  }
});

test('action mode needs the runner and one of our inputs', () => {
  assert.equal(isActionRun({ GITHUB_ACTIONS: 'true', INPUT_COMMAND: 'copy' }), true);
  assert.equal(isActionRun({ GITHUB_ACTIONS: 'true', 'INPUT_DRY-RUN': 'false' }), true);
  assert.equal(isActionRun({ GITHUB_ACTIONS: 'true', INPUT_DRY_RUN: 'false' }), true);
  assert.equal(isActionRun({ GITHUB_ACTIONS: 'true', INPUT_SOMETHING_ELSE: 'x' }), false);
  assert.equal(isActionRun({ INPUT_COMMAND: 'copy' }), false);
});

test('outputs: last digest, changed when something was written, bytes, plan', () => {
  assert.deepEqual(outputsOf([]), { digest: '', changed: 'false', bytes: '0', plan: '[]' });
  const out = outputsOf([
    { op: 'copy', status: 'skipped', source: 's', target: 't', digest: D, bytes: 0 },
    { op: 'copy', status: 'copied', source: 's', target: 'u', digest: D, bytes: 42 },
  ]);
  assert.equal(out.digest, D);
  assert.equal(out.changed, 'true');
  assert.equal(out.bytes, '42');
  assert.deepEqual(JSON.parse(out.plan).map((r: { status: string }) => r.status), ['skipped', 'copied']);
  assert.equal(outputsOf([{ op: 'copy', status: 'would-copy', digest: D, bytes: 9 }]).changed, 'false');
});
