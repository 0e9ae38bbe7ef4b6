import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isActionRun } from '../../src/action/mode.js';
import { readSettings } from '../../src/action/inputs.js';
import { outputsOf, syncOutputsOf } from '../../src/action/outputs.js';
import { ConfigError, UsageError } from '../../src/errors.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { parseReference } from '../../src/oci/reference.js';
import { imageAt } from '../../src/report/result.js';

/** A result's place, from the text it is rendered as. */
const at = (text: string) => imageAt(parseReference(text));

const D = `sha256:${'c'.repeat(64)}`;

test('inputs become the same typed options as the CLI flags', () => {
  const settings = readSettings({
    INPUT_COMMAND: 'copy',
    INPUT_SOURCE: ' alpine:3 ',
    INPUT_TARGET: 'localhost:5000/mirror/alpine:3',
    INPUT_PLATFORMS: 'linux/amd64\n\n# not this one\nwindows/amd64,osver=10.0.17763\n',
    INPUT_REFERRERS: 'true',
    'INPUT_DIGEST-TAGS': 'True',
    INPUT_INCLUDE_EXTERNAL: 'TRUE',
    'INPUT_FORCE-RECURSIVE': 'false',
    INPUT_FAST: '',
    'INPUT_DRY-RUN': 'true',
    INPUT_CONCURRENCY: '5',
    INPUT_HOSTS: 'reg=localhost:5000,tls=disabled,user=u,pass=p\nreg=ghcr.io,token=t\n',
    INPUT_BOUNDS: 'manifest-bytes=8MiB\nrequest-timeout=10m\n',
    INPUT_FORMAT: 'json',
  });
  assert.deepEqual(settings, {
    global: {
      hosts: [
        { registry: 'localhost:5000', tls: 'disabled', user: 'u', pass: 'p', credsFrom: 'the hosts input reg=localhost:5000' },
        { registry: 'ghcr.io', token: 't', credsFrom: 'the hosts input reg=ghcr.io' },
      ],
      bounds: { manifestBytes: 8 * 1024 * 1024, requestTimeoutMs: 600_000 },
      format: 'json',
      logFormat: 'text',
      verbose: false,
    },
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
    cache: false,
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
    [{}, /input command is required: one of copy, sync\b/],
    [{ INPUT_COMMAND: 'explode' }, /input command must be one of copy, sync\b.*, not "explode"/],
    [{ INPUT_COMMAND: 'copy' }, /input source is required for command copy/],
    [{ ...base, INPUT_REFERRERS: 'yes' }, /input referrers must be true or false, not "yes"/],
    [{ ...base, INPUT_FORMAT: 'xml' }, /input format must be text or json/],
    [{ ...base, INPUT_CONCURRENCY: '0' }, /input concurrency must be a whole number/],
    [{ ...base, INPUT_PLATFORMS: 'linux' }, /invalid platform "linux"/],
    [{ ...base, INPUT_HOSTS: 'reg=a.example,user=u,pass=sekrit-pw,tls=maybe' }, /tls must be one of/],
  ];
  for (const [env, pattern] of cases) {
    assert.throws(
      () => readSettings(env),
      (err: unknown) => {
        assert.ok(err instanceof UsageError);
        assert.match(err.message, pattern);
        assert.ok(!err.message.includes('sekrit'));
        return true;
      },
    );
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
    { op: 'copy', status: 'skipped', source: at('s'), target: at('t'), digest: D, bytes: 0 },
    { op: 'copy', status: 'copied', source: at('s'), target: at('u'), digest: D, bytes: 42 },
  ]);
  assert.equal(out.digest, D);
  assert.equal(out.changed, 'true');
  assert.equal(out.bytes, '42');
  assert.deepEqual(
    JSON.parse(out.plan).map((r: { status: string }) => r.status),
    ['skipped', 'copied'],
  );
  assert.equal(outputsOf([{ op: 'copy', status: 'would-copy', digest: D, bytes: 9 }]).changed, 'false');
});

let dir: string;
let configPath: string;
before(async () => {
  dir = await makeTempDir('regkit-action-inputs-');
  configPath = join(dir, 'regsync.yml');
  await writeFile(
    configPath,
    'version: 1\ncreds:\n  - {registry: a.example, user: u, pass: from-config}\nsync:\n  - {source: a.example/x, target: b.example/x, type: repository}\n',
  );
});
after(async () => {
  if (dir) await removeTempDir(dir);
});

test('sync inputs: the config loaded, mode, shard and waits as the CLI flags give them', () => {
  const settings = readSettings(
    { INPUT_CONFIG: configPath, 'INPUT_ABORT-ON-ERROR': 'true', INPUT_SHARD: '2/4', INPUT_MAX_WAIT: '1h30m', INPUT_HOSTS: 'reg=a.example,user=v,pass=flag' },
    'sync',
  );
  const { command } = settings;
  assert.equal(command.name, 'sync once');
  assert.ok(command.name === 'sync once');
  assert.equal(command.config.file, configPath);
  assert.equal(command.config.creds[0]?.pass, 'from-config');
  assert.deepEqual(command.shard, { index: 2, count: 4 });
  assert.equal(command.missing, false);
  assert.equal(command.abortOnError, true);
  assert.equal(command.maxWaitSeconds, 5400);
  assert.equal(settings.cache, true);
  assert.equal(settings.shards, undefined);
  assert.deepEqual(settings.global.hosts, [{ registry: 'a.example', user: 'v', pass: 'flag', credsFrom: 'the hosts input reg=a.example' }]);

  const check = readSettings({
    INPUT_COMMAND: 'sync',
    INPUT_CONFIG: configPath,
    INPUT_MODE: 'check',
    INPUT_SHARDS: '3',
    INPUT_CACHE: 'false',
    INPUT_MISSING: 'true',
  });
  assert.equal(check.command.name, 'sync check');
  assert.equal(check.shards, 3);
  assert.equal(check.cache, false);
  // Inside a job the rate-limit wait has a budget even when none is given.
  assert.ok(check.command.name === 'sync check' && check.command.maxWaitSeconds === 1800 && check.command.missing);
  assert.equal(readSettings({ INPUT_CONFIG: configPath, INPUT_MODE: 'config' }, 'sync').command.name, 'sync config');
});

test('bad sync inputs are usage errors naming the input; a bad config is a config error with its position', () => {
  const base = { INPUT_COMMAND: 'sync', INPUT_CONFIG: configPath };
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ INPUT_COMMAND: 'sync' }, /input config is required for command sync/],
    [{ ...base, INPUT_MODE: 'apply' }, /input mode must be one of once, check, config, not "apply"/],
    [{ ...base, INPUT_SHARD: '4/3' }, /input shard: --shard 4\/3: I must be between 1 and N/],
    [{ ...base, INPUT_SHARDS: '0', INPUT_MODE: 'check' }, /input shards must be a whole number of 1 or more/],
    [{ ...base, INPUT_SHARDS: '3' }, /input shards plans a fan-out and needs mode: check/],
    [{ ...base, INPUT_SHARDS: '3', INPUT_MODE: 'check', INPUT_SHARD: '1/3' }, /input shard .* or input shards .*, not both/],
    [{ ...base, INPUT_MAX_WAIT: '10 minutes' }, /input max-wait: invalid duration/],
    [{ ...base, INPUT_MAX_WAIT: '-5m' }, /input max-wait must not be negative/],
    [{ ...base, INPUT_CACHE: 'no' }, /input cache must be true or false, not "no"/],
  ];
  for (const [env, pattern] of cases)
    assert.throws(
      () => readSettings(env),
      (err: unknown) => err instanceof UsageError && pattern.test(err.message),
    );
  assert.throws(() => readSettings({ ...base, INPUT_CONFIG: join(dir, 'absent.yml') }), ConfigError);
});

test('sync outputs: changed when copied or backed up, the plan, and the matrix to fan out over', () => {
  const D2 = `sha256:${'d'.repeat(64)}`;
  assert.deepEqual(syncOutputsOf([], undefined), { changed: 'false', bytes: '0', plan: '[]', matrix: '' });
  assert.equal(syncOutputsOf([{ op: 'backup', status: 'backed-up', digest: D2, bytes: 0 }], undefined).changed, 'true');
  assert.equal(
    syncOutputsOf(
      [
        { op: 'sync', status: 'would-copy', digest: D2, bytes: 0 },
        { op: 'sync', status: 'excluded', bytes: 0 },
      ],
      undefined,
    ).changed,
    'false',
  );
  assert.deepEqual(JSON.parse(syncOutputsOf([], 3).matrix), { shard: ['1/3', '2/3', '3/3'] });
});

test('input strict: what regsync and regbot load with a warning is a config error with its position', async () => {
  const sync = join(dir, 'lenient-regsync.yml');
  const bot = join(dir, 'lenient-regbot.yml');
  await writeFile(sync, 'version: 1\nsync:\n  - {source: a.example/x:1, target: b.example/x, type: repository}\n');
  await writeFile(bot, 'version: 1\nscripts:\n  - name: a\n    frequency: 5m\n    script: log("x")\n');
  const lenient = readSettings({ INPUT_CONFIG: sync }, 'sync').command;
  assert.ok(lenient.name === 'sync once');
  assert.equal(lenient.config.sync[0]!.source, 'a.example/x');
  assert.deepEqual(
    lenient.config.warnings.map((w) => [w.line, w.column]),
    [[3, 14]],
  );
  assert.throws(
    () => readSettings({ INPUT_CONFIG: sync, INPUT_STRICT: 'true' }, 'sync'),
    (err: unknown) => err instanceof ConfigError && err.line === 3 && /under --strict/.test(err.message),
  );
  const prune = readSettings({ INPUT_CONFIG: bot }, 'prune').command;
  assert.ok(prune.name === 'prune once' && prune.config.warnings.length === 1);
  assert.throws(
    () => readSettings({ INPUT_CONFIG: bot, INPUT_STRICT: 'true' }, 'prune'),
    (err: unknown) => err instanceof ConfigError && err.line === 4 && err.column === 5,
  );
  assert.throws(() => readSettings({ INPUT_CONFIG: bot, INPUT_STRICT: 'yes' }, 'prune'), /input strict must be true or false, not "yes"/);
});
