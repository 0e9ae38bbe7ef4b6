import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, UsageError, exitCodeFor } from '../../src/errors.js';
import { parseCommandLine, type Invocation } from '../../src/cli/parse.js';
import { VERSION } from '../../src/cli/version.js';

async function run(argv: string[]): Promise<Extract<Invocation, { kind: 'run' }>> {
  const inv = await parseCommandLine(argv);
  assert.equal(inv.kind, 'run');
  return inv as Extract<Invocation, { kind: 'run' }>;
}

async function usageError(argv: string[], pattern: RegExp): Promise<UsageError> {
  let caught: unknown;
  try {
    await parseCommandLine(argv);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof UsageError, `expected a UsageError for ${argv.join(' ')}, got ${String(caught)}`);
  assert.equal(exitCodeFor(caught), 2);
  assert.match(caught.message, pattern);
  return caught;
}

test('global flags parse the same before and after the command and its arguments', async () => {
  const before = await run(['--format', 'json', '-v', '--host', 'reg=localhost:5000,tls=disabled', 'tag', 'ls', 'localhost:5000/team/app']);
  const after = await run(['tag', 'ls', 'localhost:5000/team/app', '--format=json', '--host=reg=localhost:5000,tls=disabled', '-v']);
  assert.deepEqual(before, after);
  assert.deepEqual(before.global, { hosts: [{ registry: 'localhost:5000', tls: 'disabled' }], bounds: {}, format: 'json', logFormat: 'text', verbose: true });
  assert.deepEqual(before.command, { name: 'tag ls', repository: { scheme: 'registry', registry: 'localhost:5000', repository: 'team/app' } });
});

test('--bound moves one bound per use, in bytes, counts, durations and rates; anything else is a usage error', async () => {
  const { global } = await run([
    '--bound',
    'manifest-bytes=8MiB',
    '--bound=list-entries=500000',
    '--bound',
    'request-timeout=90s',
    '--bound',
    'blob-min-rate=16KiB/s',
    '--bound',
    'index-bytes=1000',
    'tag',
    'ls',
    'localhost:5000/team/app',
  ]);
  assert.deepEqual(global.bounds, {
    manifestBytes: 8 * 1024 * 1024,
    listEntries: 500_000,
    requestTimeoutMs: 90_000,
    blobMinBytesPerSec: 16 * 1024,
    indexBytes: 1000,
  });
  await assert.rejects(
    run(['--bound', 'manifest-size=8MiB', 'tag', 'ls', 'r/a']),
    (err: unknown) => err instanceof UsageError && /--bound "manifest-size=8MiB": expected key=value with a key among manifest-bytes, /.test(err.message),
  );
  await assert.rejects(
    run(['--bound', 'request-timeout=soon', 'tag', 'ls', 'r/a']),
    /--bound "request-timeout=soon": request-timeout takes a positive duration such as request-timeout=10m/,
  );
  await assert.rejects(run(['--bound', 'list-pages=0', 'tag', 'ls', 'r/a']), /list-pages takes a positive count/);
});

test('--host repeats, one per registry, with every documented key', async () => {
  const inv = await run([
    'copy',
    'a.example/x:1',
    'b.example/y:1',
    '--host',
    'reg=a.example,tls=insecure,user=me,pass=s3cret,hostname=mirror.a.example:8443,repo-auth=true',
    '--host',
    'reg=index.docker.io,token=tok',
  ]);
  assert.deepEqual(inv.global.hosts, [
    {
      registry: 'a.example',
      tls: 'insecure',
      user: 'me',
      pass: 's3cret',
      hostname: 'mirror.a.example:8443',
      repoAuth: true,
      credsFrom: '--host reg=a.example',
    },
    { registry: 'docker.io', token: 'tok', credsFrom: '--host reg=docker.io' },
  ]);
});

test('copy takes repeatable --platform and its boolean flags', async () => {
  const inv = await run([
    'copy',
    'alpine:3',
    'localhost:5000/library/alpine:3',
    '-p',
    'linux/amd64',
    '--platform',
    'linux/arm/v7',
    '--referrers',
    '--digest-tags',
    '--dry-run',
    '--concurrency',
    '6',
  ]);
  assert.deepEqual(inv.command, {
    name: 'copy',
    source: { scheme: 'registry', registry: 'docker.io', repository: 'library/alpine', tag: '3' },
    target: { scheme: 'registry', registry: 'localhost:5000', repository: 'library/alpine', tag: '3' },
    options: {
      platforms: ['linux/amd64', 'linux/arm/v7'],
      referrers: true,
      digestTags: true,
      includeExternal: false,
      forceRecursive: false,
      fast: false,
      dryRun: true,
      concurrency: 6,
    },
  });
});

test('tag ls filters are anchored regexes; limit and last pass through', async () => {
  const inv = await run(['tag', 'ls', 'ghcr.io/o/r', '--include', 'v1.*', '--exclude', 'v1-rc', '--limit', '10', '--last', 'v0']);
  assert.equal(inv.command.name, 'tag ls');
  if (inv.command.name !== 'tag ls') return;
  assert.equal(inv.command.include?.test('v1.2'), true);
  assert.equal(inv.command.include?.test('xv1.2'), false);
  assert.equal(inv.command.exclude?.test('v1-rc1'), false);
  assert.equal(inv.command.limit, 10);
  assert.equal(inv.command.last, 'v0');
});

test('the image commands and repo ls build their typed options', async () => {
  assert.deepEqual((await run(['image', 'digest', 'localhost:5000/a:1', '--platform', 'linux/arm64'])).command, {
    name: 'image digest',
    ref: { scheme: 'registry', registry: 'localhost:5000', repository: 'a', tag: '1' },
    platform: { os: 'linux', architecture: 'arm64' },
  });
  assert.deepEqual((await run(['image', 'delete', 'localhost:5000/a:1', '--force'])).command, {
    name: 'image delete',
    ref: { scheme: 'registry', registry: 'localhost:5000', repository: 'a', tag: '1' },
    force: true,
  });
  assert.deepEqual((await run(['repo', 'ls', 'registry-1.docker.io', '--limit', '5'])).command, { name: 'repo ls', registry: 'docker.io', limit: 5 });
  assert.deepEqual((await run(['image', 'manifest', 'ocidir://out/layout:v1'])).command, {
    name: 'image manifest',
    ref: { scheme: 'ocidir', path: 'out/layout', tag: 'v1' },
  });
});

test('-- ends flags', async () => {
  const inv = await run(['tag', 'delete', '--', 'localhost:5000/a:1']);
  assert.deepEqual(inv.command, { name: 'tag delete', ref: { scheme: 'registry', registry: 'localhost:5000', repository: 'a', tag: '1' } });
});

test('help and version', async () => {
  const main = await parseCommandLine(['--help']);
  assert.equal(main.kind, 'help');
  if (main.kind === 'help') assert.match(main.text, /^Usage: regkit COMMAND/);
  const cmd = await parseCommandLine(['tag', 'ls', '-h']);
  assert.equal(cmd.kind, 'help');
  if (cmd.kind === 'help') {
    assert.match(cmd.text, /^Usage: regkit tag ls REPO \[FLAGS\]/);
    assert.match(cmd.text, /--include REGEX/);
  }
  const group = await parseCommandLine(['image', '--help']);
  if (group.kind === 'help') assert.match(group.text, /image ratelimit REF/);
  assert.deepEqual(await parseCommandLine(['--version']), { kind: 'version' });
  assert.equal(VERSION, JSON.parse(readFileSync('package.json', 'utf8')).version);
});

test('mistakes are usage errors (exit 2) that say what to do', async () => {
  await usageError([], /no command given; commands: copy, tag ls/);
  await usageError(['frobnicate'], /unknown command "frobnicate"; commands: copy, tag ls, tag delete, repo ls, image digest/);
  await usageError(['image', 'explode', 'x'], /unknown command "image explode"; image commands: image digest/);
  await usageError(['tag', 'ls', 'a/b', '--bogus'], /unknown flag --bogus/);
  await usageError(['tag', 'ls', 'a/b', '--force'], /tag ls does not take --force/);
  await usageError(['tag', 'ls'], /tag ls takes REPO, got 0 arguments/);
  await usageError(['copy', 'a:1'], /copy takes SRC DST, got 1 argument;/);
  await usageError(['tag', 'ls', 'a/b', '--limit'], /--limit needs a value/);
  await usageError(['tag', 'ls', 'a/b', '--limit', 'ten'], /--limit must be a whole number/);
  await usageError(['tag', 'ls', 'a/b', '--include', '('], /--include: invalid regular expression/);
  await usageError(['tag', 'ls', 'a/b:v1'], /takes a repository, not an image/);
  await usageError(['tag', 'delete', 'a/b@sha256:' + 'a'.repeat(64)], /use regkit image delete/);
  await usageError(['image', 'digest', 'a:1', '-p', 'linux'], /invalid platform "linux"/);
  await usageError(['image', 'digest', 'a:1', '-p', 'linux/amd64', '-p', 'linux/arm64'], /--platform given more than once/);
  await usageError(['tag', 'ls', 'a/b', '--format', 'yaml'], /--format must be text or json/);
  await usageError(['-v=1', 'tag', 'ls', 'a/b'], /unknown flag -v=1/);
  await usageError(['--verbose=true', 'tag', 'ls', 'a/b'], /--verbose takes no value/);
  await usageError(['image', 'digest', 'Bad/Name:1'], /invalid reference "Bad\/Name:1"/);
});

test('a --host with a password is never echoed in its errors', async () => {
  const secret = 'hunter2-XYZ';
  const cases = [
    `reg=a.example,tls=bogus,user=u,pass=${secret}`,
    `tls=enabled,user=u,pass=${secret}`,
    `reg=a.example,user=u,pass=${secret},color=blue`,
    `reg=a.example,user=u,pass=${secret},more`,
    `reg=a.example,pass=${secret}`,
    `reg=a.example,user=u,pass=${secret},repo-auth=yes`,
    `reg=a.example,user=u,pass=${secret},pass=${secret}`,
  ];
  for (const spec of cases) {
    const err = await usageError(['tag', 'ls', 'a.example/r', '--host', spec], /^--host/);
    assert.ok(!err.message.includes(secret), `"${err.message}" leaks the password`);
    assert.ok(!err.message.includes('hunter'), `"${err.message}" leaks part of the password`);
  }
  const comma = await usageError(['tag', 'ls', 'a.example/r', '--host', 'reg=a.example,user=u,pass=hun,ter2'], /cannot contain a comma/);
  assert.ok(!comma.message.includes('ter2'));
  await usageError(['tag', 'ls', 'a.example/r', '--host', 'reg=a.example', '--host', 'reg=a.example,tls=disabled'], /reg=a.example given twice/);
});

test('--strict on sync and prune: what regsync and regbot load with a warning is a config error (exit 2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'regkit-cli-strict-'));
  try {
    const sync = join(dir, 'regsync.yml');
    const bot = join(dir, 'regbot.yml');
    writeFileSync(sync, 'sync:\n  - source: a.example/x\n    target: b.example/x\n    type: repository\n    frequency: 5m\n');
    writeFileSync(bot, 'scripts:\n  - name: a\n    frequency: 5m\n    script: log("x")\n');
    for (const argv of [
      ['sync', 'once', '-c', sync],
      ['sync', 'check', '-c', sync],
      ['sync', 'config', '-c', sync],
      ['sync', 'cache-key', '-c', sync],
      ['prune', 'once', '-c', bot],
    ]) {
      const lenient = await run(argv);
      assert.ok('config' in lenient.command);
      assert.equal(lenient.command.config.warnings.length, 1, argv.join(' '));
      let caught: unknown;
      try {
        await parseCommandLine([...argv, '--strict']);
      } catch (err) {
        caught = err;
      }
      assert.ok(caught instanceof ConfigError, argv.join(' '));
      assert.equal(exitCodeFor(caught), 2);
      assert.match(caught.message, /unknown key "frequency" .*under --strict/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
