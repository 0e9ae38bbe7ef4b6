// The four core workflows, each step run as a GitHub runner would run it (test/action/runner.ts) against real
// registries: retag on release, nightly sync (once, then a sharded plan), weekly retention (dry run, then delete),
// and the policy check on a pull request. The workspace holds this checkout's action files over the compiled code
// (makeActionWorkspace); CI's end-to-end job runs the committed bundle the same way on a registry service.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { addTagToLayout, makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { makeActionWorkspace, runActionAsRunner, type ActionRun, type RunAsRunnerOptions } from './runner.js';

function explain(run: ActionRun): string {
  return `exit ${run.exitCode}\nsteps: ${JSON.stringify(run.steps)}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}\nsummary:\n${run.summary}`;
}

/** Statuses in the plan output, counted. */
function statuses(run: ActionRun): Record<string, number> {
  const plan = JSON.parse(run.outputs['plan'] ?? '[]') as Array<{ status: string }>;
  const counts: Record<string, number> = {};
  for (const r of plan) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe('the four core workflows, run as the runner runs them', () => {
  let reg: RunningRegistry;
  let tmp: string;
  let app: FixtureImage;
  let base: FixtureImage;
  let opts: RunAsRunnerOptions;
  let creds: string;

  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    tmp = await makeTempDir('regkit-workflows-');
    await makeActionWorkspace(join(tmp, 'workspace'));
    // No docker config.json of the machine's user, and no cache service (as on a runner without one).
    opts = {
      workspace: join(tmp, 'workspace'),
      env: { DOCKER_CONFIG: join(tmp, 'no-docker-config'), ACTIONS_CACHE_URL: '', ACTIONS_RESULTS_URL: '', ACTIONS_RUNTIME_TOKEN: '' },
    };
    creds = `  - registry: ${reg.host}\n    tls: disabled\n    user: ${reg.username}\n    pass: ${reg.password}\n`;
    app = await makeImageLayout(join(tmp, 'app'), { tag: 'ci-123', platforms: ['linux/amd64', 'linux/arm64'], layers: 2, layerSize: 4096, seed: 'app' });
    base = await makeImageLayout(join(tmp, 'base'), { tag: '1.0', layers: 1, layerSize: 4096, seed: 'base' });
    await addTagToLayout(join(tmp, 'base'), '1.1', base.digest);
    const dest = { destCreds: reg.credentials! };
    for (const tag of ['ci-121', 'ci-122', 'ci-123'])
      await skopeoCopy(`oci:${join(tmp, 'app')}:ci-123`, `docker://${reg.host}/team/app:${tag}`, { all: true, ...dest });
    for (const tag of ['1.0', '1.1']) await skopeoCopy(`oci:${join(tmp, 'base')}:${tag}`, `docker://${reg.host}/upstream/base:${tag}`, { all: true, ...dest });
  });

  after(async () => {
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  test('retag on release: ci-123 → stable with the copy action, and no blob bytes move', async () => {
    reg.clearRequests();
    const hosts = `reg=${reg.host},tls=disabled,user=${reg.username},pass=${reg.password}`;
    const run = await runActionAsRunner('actions/copy', { source: `${reg.host}/team/app:ci-123`, target: `${reg.host}/team/app:stable`, hosts }, opts);
    assert.equal(run.exitCode, 0, explain(run));
    assert.deepEqual(
      run.steps.map((s) => s.outcome),
      ['success'],
    );
    assert.equal(run.outputs['changed'], 'true');
    assert.equal(run.outputs['bytes'], '0');
    assert.equal(run.outputs['digest'], app.digest);
    assert.equal(await skopeoDigest(`docker://${reg.host}/team/app:stable`, reg.credentials), app.digest);
    const writes = reg.requests().filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    assert.ok(
      writes.every((r) => r.method === 'PUT' && r.path.startsWith('/v2/team/app/manifests/')),
      JSON.stringify(writes),
    );
    assert.equal(reg.requests().filter((r) => r.method === 'GET' && r.path.includes('/blobs/')).length, 0, 'no blob is downloaded');
    assert.match(run.summary, /^### regkit copy: 1 copied\n/);
    assert.equal(run.stdout.split(reg.password!).length, 2, 'the password appears only in the add-mask command');

    // The release tag, through the node24 action at the root: the same copy, the other way the action can run.
    const root = await runActionAsRunner('.', { command: 'copy', source: `${reg.host}/team/app:ci-123`, target: `${reg.host}/team/app:v1.2.3`, hosts }, opts);
    assert.equal(root.exitCode, 0, explain(root));
    assert.equal(root.outputs['digest'], app.digest);
    assert.equal(root.outputs['bytes'], '0');
  });

  test('nightly sync: the sync action runs once, then plans two shards as a job matrix', async () => {
    const config = join(tmp, 'regsync.yml');
    await writeFile(
      config,
      `version: 1\ncreds:\n${creds}sync:\n  - source: ${reg.host}/upstream/base\n    target: ${reg.host}/mirror/base\n    type: repository\n`,
    );
    const once = await runActionAsRunner('actions/sync', { config, mode: 'once' }, opts);
    assert.equal(once.exitCode, 0, explain(once));
    assert.equal(once.outputs['changed'], 'true');
    assert.deepEqual(statuses(once), { copied: 2 });
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/mirror/base`, reg.credentials)).sort(), ['1.0', '1.1']);
    assert.match(summaryHeading(once.summary), /2 copied/);

    const plan = await runActionAsRunner('actions/sync', { config, mode: 'check', shards: '2' }, opts);
    assert.equal(plan.exitCode, 0, explain(plan));
    assert.deepEqual(JSON.parse(plan.outputs['matrix'] ?? 'null'), { shard: ['1/2', '2/2'] });
    assert.equal(plan.outputs['changed'], 'false');
  });

  test('weekly retention: the prune action reports a dry run, then deletes', async () => {
    const config = join(tmp, 'regbot.yml');
    await writeFile(config, `version: 1\ncreds:\n${creds}policies:\n  - keepLast: {repo: ${reg.host}/team/app, match: 'ci-\\d+', keep: 1, sort: name}\n`);
    const dry = await runActionAsRunner('actions/prune', { config, 'dry-run': 'true' }, opts);
    assert.equal(dry.exitCode, 0, explain(dry));
    assert.deepEqual(statuses(dry), { 'would-delete': 2 });
    assert.match(dry.summary, /would-delete/);
    assert.equal(dry.outputs['changed'], 'false');
    assert.ok((await skopeoListTags(`docker://${reg.host}/team/app`, reg.credentials)).includes('ci-121'), 'a dry run deletes nothing');

    const real = await runActionAsRunner('actions/prune', { config, 'dry-run': 'false' }, opts);
    assert.equal(real.exitCode, 0, explain(real));
    assert.deepEqual(statuses(real), { deleted: 2 });
    assert.equal(real.outputs['changed'], 'true');
    const tags = await skopeoListTags(`docker://${reg.host}/team/app`, reg.credentials);
    assert.ok(tags.includes('ci-123') && !tags.includes('ci-121') && !tags.includes('ci-122'), tags.join(','));
  });

  test('policy check: sync check and prune dry run write nothing; an invalid policy fails with its line', async () => {
    const sync = join(tmp, 'check-regsync.yml');
    const bot = join(tmp, 'check-regbot.yml');
    await writeFile(sync, `version: 1\ncreds:\n${creds}sync:\n  - source: ${reg.host}/upstream/base\n    target: ${reg.host}/pr/base\n    type: repository\n`);
    await writeFile(bot, `version: 1\ncreds:\n${creds}policies:\n  - keepLast: {repo: ${reg.host}/upstream/base, match: '.*', keep: 1, sort: semver}\n`);
    reg.clearRequests();
    const check = await runActionAsRunner('actions/sync', { config: sync, mode: 'check' }, opts);
    assert.equal(check.exitCode, 0, explain(check));
    assert.deepEqual(statuses(check), { 'would-copy': 2 });
    assert.match(check.summary, /\| would-copy/);
    const dry = await runActionAsRunner('actions/prune', { config: bot, 'dry-run': 'true' }, opts);
    assert.equal(dry.exitCode, 0, explain(dry));
    assert.deepEqual(statuses(dry), { 'would-delete': 1 });
    assert.deepEqual(
      reg.requests().filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
      [],
      'a check writes nothing',
    );

    const invalid = join(tmp, 'invalid-regsync.yml');
    await writeFile(
      invalid,
      `version: 1\nsync:\n  - source: ${reg.host}/upstream/base\n    target: ${reg.host}/pr/base\n    type: repository\n    tag:\n      allow: ['1\\..*']\n`,
    );
    const bad = await runActionAsRunner('actions/sync', { config: invalid, mode: 'check' }, opts);
    assert.equal(bad.exitCode, 2, explain(bad));
    assert.ok(bad.summary.includes(`${invalid}:6:5`), bad.summary);
    assert.match(bad.summary, /unknown key "tag"/);
  });
});

/** The first line of a summary: its heading with the totals. */
function summaryHeading(summary: string): string {
  return summary.split('\n')[0] ?? '';
}
