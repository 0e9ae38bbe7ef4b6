// A failing item in `sync once`: without `--abort-on-error` the other items still run and the exit code is 1; with
// it, no new item starts after the first failure. Also `sync config`, which prints the resolved config with every
// password replaced.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoListTags } from '../harness/skopeo.js';
import { seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';

describe('sync once: failures and --abort-on-error', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-abort-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry({ auth: 'basic' })]);
    await seedImage(src, join(ws.dir, 'img'), ['upstream/app:v1', 'upstream/app:v2'], { layers: 1, layerSize: 1024, tag: 'v1', seed: 'sync-abort' });
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  /** Three image steps into `repo`, the first from a tag the source does not have; parallel 1 keeps them in order. */
  const configFor = (repo: string) => {
    const step = (tag: string) => `  - source: ${src.host}/upstream/app:${tag}\n    target: ${dst.host}/${repo}:${tag}\n    type: image\n`;
    return ws.writeConfig(`${repo.replace('/', '-')}.yml`, `defaults:\n  parallel: 1\nsync:\n${step('gone')}${step('v1')}${step('v2')}`);
  };

  test('without --abort-on-error, a missing source fails its item and the rest are copied: exit 1', async () => {
    const run = await syncCli(ws, 'once', await configFor('carry/app'), [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const lines = resultLines(run.stdout);
    // Each line is written as its item ends; items are checked at once, so the order is theirs.
    assert.deepEqual(lines.map((l) => `${l.status} ${l.target}`).sort(), [
      `copied ${dst.host}/carry/app:v1`,
      `copied ${dst.host}/carry/app:v2`,
      `failed ${dst.host}/carry/app:gone`,
    ]);
    assert.match(lines.find((l) => l.status === 'failed')!.reason!, /not found/);
    assert.match(run.stderr, /sync failed: .*not found/);
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/carry/app`, dst.credentials)).sort(), ['v1', 'v2']);
  });

  test('with --abort-on-error, nothing starts after the first failure, and what never started is listed as not run: exit 1', async () => {
    dst.clearRequests();
    const run = await syncCli(ws, 'once', await configFor('stop/app'), [src, dst], ['--abort-on-error', '--format', 'json']);
    assertExit(run, 1);
    const lines = resultLines(run.stdout);
    assert.deepEqual(
      lines.map((l) => `${l.status} ${l.target}`),
      [`failed ${dst.host}/stop/app:gone`, `not-run ${dst.host}/stop/app:v1`, `not-run ${dst.host}/stop/app:v2`],
    );
    for (const l of lines.slice(1)) assert.match(l.reason ?? '', /not run: --abort-on-error stopped the run/);
    assert.deepEqual(writesIn(dst.requests()), []);
  });

  test('with --abort-on-error, steps after a missing source repository are listed as not run', async () => {
    const step = (source: string, target: string) => `  - source: ${src.host}/${source}\n    target: ${dst.host}/${target}\n    type: repository\n`;
    const config = await ws.writeConfig(
      'abort-repo.yml',
      `defaults:\n  parallel: 1\nsync:\n${step('no/such/repo', 'repo/gone')}${step('upstream/app', 'repo/app')}`,
    );
    const run = await syncCli(ws, 'once', config, [src, dst], ['--abort-on-error', '--format', 'json']);
    assertExit(run, 1);
    const lines = resultLines(run.stdout);
    assert.deepEqual(
      lines.map((l) => `${l.status} ${l.source} ${l.target}`),
      [`failed ${src.host}/no/such/repo ${dst.host}/repo/gone`, `not-run ${src.host}/upstream/app ${dst.host}/repo/app`],
    );
    assert.match(lines[0]!.reason!, /HTTP 404 NAME_UNKNOWN/);
  });
});

describe('sync config', () => {
  let ws: SyncWorkspace;
  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-config-');
  });
  after(() => ws?.remove());

  test('prints the resolved config with passwords and tokens redacted', async () => {
    const password = 'p4ss-from-env-0f3a';
    const config = await ws.writeConfig(
      'regsync.yml',
      `creds:\n  - registry: registry.example.org\n    user: mirror\n    pass: '{{ env "REGKIT_SYNC_TEST_PASS" }}'\n  - registry: other.example.org\n    token: plain-token-77c1\nsync:\n  - source: docker.io/library/alpine\n    target: registry.example.org/library/alpine\n    type: repository\n    tags:\n      allow: ['3\\..*']\n`,
    );
    process.env['REGKIT_SYNC_TEST_PASS'] = password;
    let run;
    try {
      run = await syncCli(ws, 'config', config, []);
    } finally {
      delete process.env['REGKIT_SYNC_TEST_PASS'];
    }
    assertExit(run, 0);
    assert.ok(!run.stdout.includes(password), 'the password is printed');
    assert.ok(!run.stdout.includes('plain-token-77c1'), 'the token is printed');
    assert.ok(!run.stderr.includes(password));
    assert.match(run.stdout, /pass: <redacted>/);
    assert.match(run.stdout, /token: <redacted>/);
    assert.match(run.stdout, /user: mirror/);
    // Defaults are filled in: what a run would use.
    assert.match(run.stdout, /parallel: 1/);
    assert.match(run.stdout, /target: registry.example.org\/library\/alpine/);
  });
});
