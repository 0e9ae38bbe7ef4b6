// `regkit sync once` for each step type against real registries: an image, a repository through every kind of tag
// filter, and a whole registry whose catalog and tag lists come in pages (through a proxy that pages as Docker Hub
// does), with repository allow/deny.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { startProxy, type RunningProxy } from '../harness/proxy.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { assertExit, makeSyncWorkspace, resultLines, seedTags, syncCli, verdicts, type SyncWorkspace } from './sync-setup.js';

const TOOL_TAGS = ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v2.0.0', 'v2.1.0-rc.1', 'latest', 'edge', 'dev-abc'];

describe('sync once: image, repository and registry steps', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let paged: RunningProxy;
  let ws: SyncWorkspace;
  let app: FixtureImage;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-types-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    paged = await startProxy(src.host, { pageSize: 2 });
    const layers = { layers: 1, layerSize: 2048 };
    app = await seedTags(src, join(ws.dir, 'app'), 'upstream/app', ['v1'], {
      ...layers,
      tag: 'v1',
      platforms: ['linux/amd64', 'linux/arm64'],
      seed: 'sync-types-app',
    });
    await seedTags(src, join(ws.dir, 'tools'), 'lib/tools', TOOL_TAGS, { ...layers, tag: TOOL_TAGS[0], seed: 'sync-types-tools' });
    for (const repo of ['team/a', 'team/b', 'team/c', 'other/x']) {
      await seedTags(src, join(ws.dir, repo.replace('/', '-')), repo, ['1', '2', '3'], { ...layers, tag: '1', seed: `sync-types-${repo}` });
    }
  });
  after(async () => {
    await paged?.stop();
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('type image copies one tag, every platform, same digest', async () => {
    const config = await ws.writeConfig(
      'image.yml',
      `sync:\n  - source: ${src.host}/upstream/app:v1\n    target: ${dst.host}/mirror/app:stable\n    type: image\n`,
    );
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    assert.deepEqual(verdicts(resultLines(run.stdout)), [`copied ${dst.host}/mirror/app:stable`]);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:stable`), app.digest);
  });

  test('type repository: allow/deny, semverRange, tagSets and tags.latest each pick exactly their tags', async () => {
    const repoStep = (target: string, filter: string) =>
      `  - source: ${src.host}/lib/tools\n    target: ${dst.host}/${target}\n    type: repository\n${filter}`;
    const config = await ws.writeConfig(
      'repository.yml',
      [
        'sync:',
        repoStep('f/allow-deny', `    tags:\n      allow: ['v1\\..*', 'latest']\n      deny: ['v1\\.1\\..*']\n`),
        repoStep('f/semver', `    tags:\n      semverRange: ['>=1.1.0 <2.1.0']\n`),
        repoStep('f/sets', `    tagSets:\n      - allow: [edge]\n      - semverRange: ['^1']\n        latest: 2\n`),
        repoStep('f/latest', `    tags:\n      latest: 3\n`),
      ].join('\n'),
    );
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    const expected: Record<string, string[]> = {
      'f/allow-deny': ['latest', 'v1.0.0', 'v1.2.0'],
      // A suffixed tag is in range like any version (regsync's semver): v2.1.0-rc.1 sorts below 2.1.0.
      'f/semver': ['v1.1.0', 'v1.2.0', 'v2.0.0', 'v2.1.0-rc.1'],
      'f/sets': ['edge', 'v1.1.0', 'v1.2.0'],
      // Versions first, newest first: v2.1.0-rc.1 is newer than v2.0.0.
      'f/latest': ['v1.2.0', 'v2.0.0', 'v2.1.0-rc.1'],
    };
    for (const [repo, tags] of Object.entries(expected)) {
      assert.deepEqual((await skopeoListTags(`docker://${dst.host}/${repo}`)).sort(), tags, repo);
    }
    const lines = resultLines(run.stdout);
    const copied = lines
      .filter((l) => l.status === 'copied')
      .map((l) => l.target)
      .sort();
    assert.deepEqual(
      copied,
      Object.entries(expected)
        .flatMap(([repo, tags]) => tags.map((t) => `${dst.host}/${repo}:${t}`))
        .sort(),
    );
    // Every other tag of the source is reported as excluded by the filters, once per step.
    assert.equal(lines.filter((l) => l.status === 'excluded').length, 4 * TOOL_TAGS.length - copied.length);
  });

  test('type registry: the paged catalog, repos allow/deny, and paged tag lists', async () => {
    const config = await ws.writeConfig(
      'registry.yml',
      `sync:\n  - source: ${paged.host}\n    target: ${dst.host}/reg\n    type: registry\n    repos:\n      allow: ['team/.*']\n      deny: ['team/c']\n    tags:\n      deny: ['3']\n`,
    );
    paged.clearRequests();
    const run = await syncCli(ws, 'once', config, [paged, dst], ['--format', 'json']);
    assertExit(run, 0);
    assert.deepEqual(verdicts(resultLines(run.stdout)), [
      `copied ${dst.host}/reg/team/a:1`,
      `copied ${dst.host}/reg/team/a:2`,
      `copied ${dst.host}/reg/team/b:1`,
      `copied ${dst.host}/reg/team/b:2`,
      `excluded ${dst.host}/reg/team/a:3`,
      `excluded ${dst.host}/reg/team/b:3`,
    ]);
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/reg/team/a`)).sort(), ['1', '2']);
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/reg/team/b`)).sort(), ['1', '2']);
    // 6 repositories at 2 per page: the catalog took 3 pages; 3 tags, 2 pages per tag list.
    const lists = paged.requests().filter((r) => r.method === 'GET' && /\/(_catalog|tags\/list)/.test(r.path));
    assert.equal(lists.filter((r) => r.path.startsWith('/v2/_catalog')).length, 3);
    assert.equal(lists.filter((r) => r.path.startsWith('/v2/team/a/tags/list')).length, 2);
    assert.equal(lists.filter((r) => /\/v2\/(team\/c|other\/x)\//.test(r.path)).length, 0, 'denied repositories are never listed');
  });
});
