// A typo in a source must not look like success: a repository the registry does not know (404 NAME_UNKNOWN on the
// tag list) or a tag it does not have fails its entry with the registry's answer and what to check, exit 1, as
// skopeo fails on the same repository. A target repository that does not exist yet is still an empty one.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoListTags } from '../harness/skopeo.js';
import { Readable } from 'node:stream';
import { digestOf } from '../../src/oci/digest.js';
import { hostFlags, openStores, refOf, runRegkit, seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, syncCli, type SyncWorkspace } from './sync-setup.js';

describe('a source that does not exist', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-missing-source-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    await seedImage(src, join(ws.dir, 'img'), ['upstream/app:v1'], { layers: 1, layerSize: 1024, tag: 'v1', seed: 'sync-missing-source' });
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  const repoStep = (source: string, target: string, extra = '') =>
    `  - source: ${src.host}/${source}\n    target: ${dst.host}/${target}\n    type: repository\n${extra}`;

  for (const mode of ['once', 'check'] as const) {
    test(`sync ${mode}: a repository step whose source repository is unknown fails with the registry's 404 and what to check`, async () => {
      const config = await ws.writeConfig(`typo-${mode}.yml`, `sync:\n${repoStep('upstream/ap', 'mirror/app')}`);
      const run = await syncCli(ws, mode, config, [src, dst], ['--format', 'json']);
      assertExit(run, 1);
      const lines = resultLines(run.stdout);
      assert.deepEqual(
        lines.map((l) => `${l.status} ${l.source} ${l.target}`),
        [`failed ${src.host}/upstream/ap ${dst.host}/mirror/app`],
      );
      assert.match(lines[0]!.reason!, /HTTP 404 NAME_UNKNOWN/);
      assert.match(lines[0]!.reason!, new RegExp(`check the repository name \\(regkit repo ls ${src.host.replace(/[.]/g, '\\.')}`));
    });
  }

  test('sync once, text output: the failure is printed and the exit code is 1', async () => {
    const config = await ws.writeConfig('typo-text.yml', `sync:\n${repoStep('no/such/repo', 'mirror/none')}`);
    const run = await syncCli(ws, 'once', config, [src, dst]);
    assertExit(run, 1);
    assert.match(`${run.stdout}\n${run.stderr}`, /no\/such\/repo.*NAME_UNKNOWN/s);
  });

  test('image steps: a missing tag and a missing repository each fail with what to check', async () => {
    const image = (source: string, target: string) => `  - source: ${src.host}/${source}\n    target: ${dst.host}/${target}\n    type: image\n`;
    const config = await ws.writeConfig('typo-image.yml', `sync:\n${image('upstream/app:v9', 'mirror/app:v9')}${image('no/such/repo:v1', 'mirror/none:v1')}`);
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const lines = resultLines(run.stdout);
    assert.deepEqual(
      lines.map((l) => l.status),
      ['failed', 'failed'],
    );
    // The registry's code comes from a manifest GET (a HEAD has no body); distribution says MANIFEST_UNKNOWN for both.
    // Lines come as each entry ends, in either order.
    const reasons = lines.map((l) => l.reason!).sort((a, b) => (a.includes('upstream/app') ? -1 : b.includes('upstream/app') ? 1 : 0));
    assert.match(reasons[0]!, /HTTP 404 MANIFEST_UNKNOWN\).*upstream\/app:v9 not found: check the repository and the tag \(regkit tag ls /);
    assert.match(reasons[1]!, /HTTP 404 MANIFEST_UNKNOWN\).*no\/such\/repo:v1 not found: check the repository and the tag \(regkit tag ls /);
  });

  test('a target repository that does not exist yet is empty: --missing and prune in check mode still plan the copy', async () => {
    const config = await ws.writeConfig('new-target.yml', `sync:\n${repoStep('upstream/app', 'fresh/app', '    prune: true\n')}`);
    const check = await syncCli(ws, 'check', config, [src, dst], ['--format', 'json']);
    assertExit(check, 0);
    assert.deepEqual(
      resultLines(check.stdout).map((l) => `${l.status} ${l.target}`),
      [`would-copy ${dst.host}/fresh/app:v1`],
    );
    const once = await syncCli(ws, 'once', config, [src, dst], ['--missing', '--format', 'json']);
    assertExit(once, 0);
    assert.deepEqual(
      resultLines(once.stdout).map((l) => `${l.status} ${l.target}`),
      [`copied ${dst.host}/fresh/app:v1`],
    );
  });

  test('copy of an unknown repository fails with the registry code and the command that tells repository from tag', async () => {
    const run = await runRegkit(['copy', `${src.host}/no/such/repo:v1`, `${dst.host}/mirror/none:v1`, ...hostFlags(src, dst)], ws.dockerConfig);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /HTTP 404 MANIFEST_UNKNOWN\).*check the repository and the tag \(regkit tag ls /);
  });

  test('a registry step: a repository the catalog lists but whose tag list answers 404 (blobs only) has no tags, no failure', async () => {
    const stores = openStores([src]);
    try {
      const bytes = Buffer.from('a blob with no manifest');
      await stores
        .storeFor(refOf(src.host, 'blobs/only'))
        .putBlob(refOf(src.host, 'blobs/only'), { mediaType: 'application/octet-stream', digest: digestOf(bytes), size: bytes.length }, Readable.from([bytes]));
      assert.ok((await stores.storeForRegistry(src.host).listRepositories()).includes('blobs/only'));
      await assert.rejects(stores.storeFor(refOf(src.host, 'blobs/only')).listTags(refOf(src.host, 'blobs/only')), /HTTP 404 NAME_UNKNOWN/);
    } finally {
      await stores.close();
    }
    const config = await ws.writeConfig('registry.yml', `sync:\n  - source: ${src.host}/blobs\n    target: ${dst.host}/reg\n    type: registry\n`);
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    assert.deepEqual(resultLines(run.stdout), []);
  });

  test('tag ls of an unknown repository exits non-zero with the registry answer, as skopeo does', async () => {
    const run = await runRegkit(['tag', 'ls', `${src.host}/no/such/repo`, ...hostFlags(src)], ws.dockerConfig);
    assert.notEqual(run.code, 0, run.stdout);
    assert.equal(run.stdout.trim(), '');
    assert.match(run.stderr, /HTTP 404 NAME_UNKNOWN/);
    assert.match(run.stderr, /check the repository name/);
    await assert.rejects(skopeoListTags(`docker://${src.host}/no/such/repo`));
    const listed = await runRegkit(['tag', 'ls', `${src.host}/upstream/app`, ...hostFlags(src)], ws.dockerConfig);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n'), ['v1']);
  });
});
