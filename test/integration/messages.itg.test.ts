// Each failure a user meets first names what happened, where, and the next step: run as a user runs it (the CLI
// against the real registry in the mode that provokes it), and the old text (an OpenSSL dump, "unexpected response",
// two contradicting sentences, a raw ENOENT, credentials blamed on the wrong place) is gone.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { startLocalServer, type LocalServer } from '../unit/transport-local-server.js';
import { runRegkit } from './copy-setup.js';

const DEMO = 'ocidir://test/fixtures/demo:1.0';

describe('messages that lead to the fix', () => {
  let work: string;
  let plain: RunningRegistry;
  let tls: RunningRegistry;
  let readOnly: RunningRegistry;
  let locked: RunningRegistry;
  let limited: LocalServer;
  const cli = (...args: string[]) => runRegkit(args, work, { HOME: work, XDG_CONFIG_HOME: work });

  before(async () => {
    work = await makeTempDir('regkit-messages-');
    [plain, tls, readOnly, locked] = await Promise.all([
      startRegistry({ deleteEnabled: false }),
      startRegistry({ tls: true }),
      startRegistry({ readOnly: true }),
      startRegistry({ auth: 'basic' }),
    ]);
    limited = await startLocalServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'pull rate limit reached' }] }));
    });
  });
  after(async () => {
    await Promise.all([plain?.stop(), tls?.stop(), readOnly?.stop(), locked?.stop(), limited?.close()]);
    await removeTempDir(work);
  });

  test('HTTPS against a plain-HTTP registry says it speaks plain HTTP and how to say tls=disabled', async () => {
    const run = await cli('tag', 'ls', `${plain.host}/a/b`, '--host', `reg=${plain.host},tls=enabled`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`${plain.host} speaks plain HTTP.*--host reg=${plain.host},tls=disabled.*tls: disabled in the config's creds`));
    assert.doesNotMatch(run.stderr, /ssl3_get_record|openssl|WRONG_VERSION/i);
  });

  test('plain HTTP against a TLS registry says it speaks TLS and to use tls=enabled or insecure', async () => {
    const run = await cli('tag', 'ls', `${tls.host}/a/b`, '--host', `reg=${tls.host},tls=disabled`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`${tls.host} speaks TLS \\(HTTPS\\).*tls=enabled \\(tls=insecure for a self-signed certificate\\)`));
    assert.doesNotMatch(run.stderr, /unexpected response/);
    const ok = await cli('tag', 'ls', `${tls.host}/a/b`, '--host', `reg=${tls.host},tls=insecure`);
    assert.match(ok.stderr, /NAME_UNKNOWN/, 'with the mode it names, the registry answers');
  });

  test('a push to a read-only registry: one sentence saying it is read-only, and where to push instead', async () => {
    const run = await cli('copy', DEMO, `${readOnly.host}/a/b:v1`, '--host', `reg=${readOnly.host},tls=disabled`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`${readOnly.host} refused a write \\(.*\\): it is read-only or takes no pushes: push to a writable registry`));
    assert.doesNotMatch(run.stderr, /does not support this API|does not allow this operation/);
  });

  test('a delete on a registry with deletes off says so once, and how to turn them on', async () => {
    const flags = ['--host', `reg=${plain.host},tls=disabled`];
    assert.equal((await cli('copy', DEMO, `${plain.host}/a/b:v1`, ...flags)).code, 0);
    const run = await cli('tag', 'delete', `${plain.host}/a/b:v1`, ...flags);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /refused to delete tag a\/b:v1: deletes are turned off there, or it is read-only.*REGISTRY_STORAGE_DELETE_ENABLED=true/);
    assert.doesNotMatch(run.stderr, /does not allow this operation/);
  });

  test('a 429 points to logging in and to regkit image ratelimit', async () => {
    const run = await cli('tag', 'ls', `${limited.host}/library/alpine`, '--host', `reg=${limited.host},tls=disabled`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /too many requests \(rate limited\).*regkit registry login.*regkit image ratelimit 127\.0\.0\.1:\d+\/library\/alpine:TAG/);
  });

  test('refused credentials name where they were written: the creds entry at file:line, --host, or none sent', async () => {
    const config = join(work, 'regsync.yml');
    await writeFile(
      config,
      `version: 1\ncreds:\n  - registry: ${locked.host}\n    tls: disabled\n    user: ${locked.username}\n    pass: wrong-pass\nsync:\n  - source: ${DEMO}\n    target: ${locked.host}/a/b:v1\n    type: image\n`,
    );
    const fromConfig = await cli('sync', '-c', config, 'once');
    assert.equal(fromConfig.code, 1);
    assert.match(
      fromConfig.stdout + fromConfig.stderr,
      new RegExp(`credentials for ${locked.host} from ${config}:5:5 \\(creds\\[0\\]\\) were refused: correct them there`),
    );
    assert.doesNotMatch(fromConfig.stdout + fromConfig.stderr, /host config user\/pass|docker login\)/);
    const fromFlag = await cli('tag', 'ls', `${locked.host}/a/b`, '--host', `reg=${locked.host},tls=disabled,user=regkit,pass=wrong-pass`);
    assert.match(fromFlag.stderr, new RegExp(`credentials for ${locked.host} from --host reg=${locked.host} were refused`));
    const none = await cli('tag', 'ls', `${locked.host}/a/b`, '--host', `reg=${locked.host},tls=disabled`);
    assert.match(none.stderr, new RegExp(`no credentials were sent to ${locked.host}: give them with --host`));
    assert.ok(!`${fromConfig.stdout}${fromConfig.stderr}${fromFlag.stderr}`.includes('wrong-pass'));
  });

  test('platforms: with the default sparse index on distribution: the refusal names platformsIndex: rewrite, which works', async () => {
    const layout = join(work, 'three');
    await makeImageLayout(layout, { tag: 'v1', platforms: ['linux/amd64', 'linux/arm64', 'linux/s390x'] });
    const config = (extra: string) =>
      `version: 1\ncreds:\n  - registry: ${plain.host}\n    tls: disabled\nsync:\n  - source: ocidir://${layout}:v1\n    target: ${plain.host}/plat/app:v1\n    type: image\n    platforms: [linux/amd64, linux/arm64]\n${extra}`;
    const file = join(work, 'platforms.yml');
    await writeFile(file, config(''));
    const sparse = await cli('sync', '-c', file, 'once');
    assert.equal(sparse.code, 1);
    assert.match(sparse.stdout, /MANIFEST_BLOB_UNKNOWN.*refuses an index whose other platforms were not copied.*set platformsIndex: rewrite/);
    assert.doesNotMatch(sparse.stdout, /unexpected response/);
    await writeFile(file, config('    platformsIndex: rewrite\n'));
    const rewrite = await cli('sync', '-c', file, 'once');
    assert.equal(rewrite.code, 0, rewrite.stdout + rewrite.stderr);
    assert.match(rewrite.stdout, /^copied/m);
  });

  test("a Lua error names the script's line and the config file's line", async () => {
    const file = join(work, 'regbot.yml');
    const script = ['local x = 1', 'local y = nil', 'print(y.z)'];
    await writeFile(file, `version: 1\nscripts:\n  - name: bad\n    script: |\n${script.map((l) => `      ${l}\n`).join('')}`);
    const run = await cli('prune', '-c', file, 'once', '--dry-run');
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`bad:3: script "bad" \\(${file}:7\\) failed: attempt to index a nil value`));
  });

  test('a missing config file, tar or export directory is named with what to do, never a bare ENOENT', async () => {
    const missing = join(work, 'nope.yml');
    const config = await cli('sync', '-c', missing, 'once');
    assert.equal(config.code, 2);
    assert.match(config.stderr, new RegExp(`cannot read the config file: ${missing} does not exist; check the path given with -c`));
    const tar = await cli('image', 'import', `ocidir://${join(work, 'layout')}:v1`, join(work, 'none.tar'));
    assert.match(tar.stderr, /cannot read the archive: \S+none\.tar does not exist; give the path of a tar written by regkit image export/);
    const out = join(work, 'no-dir', 'o.tar');
    const exported = await cli('image', 'export', DEMO, out);
    assert.equal(exported.code, 2);
    assert.match(exported.stderr, new RegExp(`cannot write ${out}: ${join(work, 'no-dir')} does not exist; create the directory first`));
    for (const run of [config, tar, exported]) assert.doesNotMatch(run.stderr, /ENOENT|Unhandled|node:events/);
  });
});
