// The sync action as the runner runs it, on a real registry: the root node24 action (`command: sync`) and the
// composite actions/sync, through test/action/runner.ts. Both run this checkout's compiled code: the workspace holds
// copies of the action files and a `dist/index.js` that loads build/src/main.js, so no bundle has to be rebuilt.
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { seedTags, writesIn } from '../integration/sync-setup.js';
import { runActionAsRunner, type ActionRun } from './runner.js';

const MAIN = join(process.cwd(), 'build/src/main.js');

interface PlanRecord {
  op: string;
  status: string;
  source: string | null;
  target: string | null;
}

const planOf = (run: ActionRun): PlanRecord[] => JSON.parse(run.outputs['plan'] ?? '[]') as PlanRecord[];
const verdicts = (run: ActionRun): string[] =>
  planOf(run)
    .map((r) => `${r.status} ${r.target}`)
    .sort();
const logOf = (run: ActionRun): string => run.stdout + run.stderr;
const failedWith = (run: ActionRun): string => `exit ${run.exitCode}\n${logOf(run)}\nsummary:\n${run.summary}`;

describe('the sync action as the runner runs it', () => {
  let reg: RunningRegistry;
  let workspace: string;
  let runnerEnv: Record<string, string>;

  /** A regsync.yml in the workspace whose creds carry the registry password, as users write them. */
  async function writeConfig(name: string, steps: string): Promise<string> {
    const text = `version: 1\ncreds:\n  - registry: ${reg.host}\n    tls: disabled\n    user: ${reg.username}\n    pass: ${reg.password}\nsync:\n${steps}`;
    await writeFile(join(workspace, name), text);
    return name;
  }

  const root = (inputs: Record<string, string>) => runActionAsRunner('.', { command: 'sync', ...inputs }, { workspace, env: runnerEnv });
  const composite = (inputs: Record<string, string>) => runActionAsRunner('actions/sync', inputs, { workspace, env: runnerEnv });

  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    workspace = await makeTempDir('regkit-sync-action-');
    await cp('action.yml', join(workspace, 'action.yml'));
    await mkdir(join(workspace, 'actions/sync'), { recursive: true });
    await cp('actions/sync/action.yml', join(workspace, 'actions/sync/action.yml'));
    await mkdir(join(workspace, 'dist'));
    await writeFile(join(workspace, 'dist/index.js'), `import ${JSON.stringify(pathToFileURL(MAIN).href)};\n`);
    await writeFile(join(workspace, 'package.json'), '{"type":"module"}\n');
    await mkdir(join(workspace, 'docker-config'));
    // No cache service here, as on a runner without one: the toolkit reads these.
    runnerEnv = { DOCKER_CONFIG: join(workspace, 'docker-config'), ACTIONS_CACHE_URL: '', ACTIONS_RESULTS_URL: '', ACTIONS_RUNTIME_TOKEN: '' };
    await seedTags(reg, join(workspace, 'fixture'), 'team/app', ['v1', 'v2', 'old'], { platforms: ['linux/amd64', 'linux/arm64'], layers: 1, layerSize: 4096 });
    await writeConfig(
      'regsync.yml',
      `  - source: ${reg.host}/team/app\n    target: ${reg.host}/mirror/app\n    type: repository\n    tags:\n      allow: ['v\\d+']\n`,
    );
  });

  after(async () => {
    await reg?.stop();
    if (workspace) await removeTempDir(workspace);
  });

  test('check with shards: the plan and the matrix, no write, the password masked first and nowhere else', async () => {
    reg.clearRequests();
    const run = await root({ config: 'regsync.yml', mode: 'check', shards: '3' });
    assert.equal(run.exitCode, 0, failedWith(run));
    assert.deepEqual(writesIn(reg.requests()), []);
    assert.deepEqual(JSON.parse(run.outputs['matrix']!), { shard: ['1/3', '2/3', '3/3'] });
    assert.equal(run.outputs['changed'], 'false');
    assert.deepEqual(verdicts(run), [`excluded ${reg.host}/mirror/app:old`, `would-copy ${reg.host}/mirror/app:v1`, `would-copy ${reg.host}/mirror/app:v2`]);

    assert.ok(run.stdout.startsWith(`::add-mask::${reg.password}\n`), run.stdout);
    assert.equal(logOf(run).split(reg.password!).length, 2, 'the password appears only in the add-mask command');
    assert.ok(!run.summary.includes(reg.password!));
    for (const value of Object.values(run.outputs)) assert.ok(!value.includes(reg.password!));

    assert.match(run.summary, /^### regkit sync check: 2 would-copy, 1 excluded\n\n[0-9.]+ KiB to move · \d/);
    assert.ok(run.summary.includes('#### Would change (2)\n\n| Status | Image | Digest | Size | Time |'), run.summary);
    assert.ok(run.summary.includes(`<summary>1 excluded</summary>\n\n- \`${reg.host}/mirror/app\` ← \`${reg.host}/team/app\`: 1 tag,`), run.summary);
    assert.match(
      run.summary,
      new RegExp(`\\| would-copy \\| ${reg.host}/mirror/app:v1<br><sub>from ${reg.host}/team/app:v1</sub> \\| \`sha256:[0-9a-f]{12}\` \\|`),
    );
  });

  test('once copies and sets changed; the next run has nothing to do', async () => {
    const first = await root({ config: 'regsync.yml' });
    assert.equal(first.exitCode, 0, failedWith(first));
    assert.equal(first.outputs['changed'], 'true');
    assert.deepEqual(verdicts(first), [`copied ${reg.host}/mirror/app:v1`, `copied ${reg.host}/mirror/app:v2`, `excluded ${reg.host}/mirror/app:old`]);
    assert.match(first.summary, /^### regkit sync once: 2 copied, 1 excluded\n/);
    assert.equal(first.outputs['matrix'], '');

    reg.clearRequests();
    const again = await composite({ config: 'regsync.yml' });
    assert.equal(again.exitCode, 0, failedWith(again));
    assert.equal(again.outputs['changed'], 'false');
    assert.deepEqual(writesIn(reg.requests()), []);
    assert.deepEqual(verdicts(again), [`excluded ${reg.host}/mirror/app:old`, `skipped ${reg.host}/mirror/app:v1`, `skipped ${reg.host}/mirror/app:v2`]);
    assert.match(
      again.summary,
      /<summary>2 unchanged<\/summary>\n\n- `[^`]+\/mirror\/app` ← `[^`]+\/team\/app`: 2 tags, target already has this digest \(v1, v2\)/,
    );
    assert.ok(again.stdout.startsWith(`::add-mask::${reg.password}\n`), again.stdout);
    // No layout in this policy: the cache steps have no key and do not run.
    assert.deepEqual(
      again.steps.map((s) => `${s.id} ${s.outcome}`),
      ['cache-key success', 'restore skipped', 'sync success', 'save skipped'],
    );
  });

  test('a source repository that does not exist: exit 1, a failed row with the registry answer, not an empty success', async () => {
    const config = await writeConfig('typo.yml', `  - source: ${reg.host}/team/ap\n    target: ${reg.host}/mirror/typo\n    type: repository\n`);
    const run = await root({ config });
    assert.equal(run.exitCode, 1, failedWith(run));
    assert.equal(run.outputs['changed'], 'false');
    const plan = planOf(run);
    assert.deepEqual(
      plan.map((r) => `${r.status} ${r.source} ${r.target}`),
      [`failed ${reg.host}/team/ap ${reg.host}/mirror/typo`],
    );
    assert.match(run.summary, /1 failed/);
    // Markdown escapes the underscore; the rendered summary reads NAME_UNKNOWN.
    assert.match(run.summary, /NAME\\_UNKNOWN/);
  });

  test('a config that does not load: exit 2, its file:line:col in the summary, no output', async () => {
    await writeFile(
      join(workspace, 'bad.yml'),
      `version: 1\nsync:\n  - source: ${reg.host}/team/app\n    target: ${reg.host}/mirror/bad\n    type: repository\n    tgas:\n      allow: [v1]\n`,
    );
    for (const run of [await root({ config: 'bad.yml' }), await composite({ config: 'bad.yml' })]) {
      assert.equal(run.exitCode, 2, failedWith(run));
      assert.match(run.summary, /^### regkit sync: failed\n/);
      assert.match(run.summary, /\*\*Failed:\*\* bad\.yml:6:5: .*tgas.*tags/);
      assert.equal(run.outputs['changed'] ?? '', '');
      assert.equal(run.outputs['plan'] ?? '', '');
    }
  });

  test('an OCI layout target without a cache service: one warning, the export still runs; the composite computes the key', async () => {
    const config = await writeConfig(
      'export.yml',
      `  - source: ${reg.host}/team/app\n    target: ocidir://export/app\n    type: repository\n    tags:\n      allow: [v1]\n`,
    );
    const run = await root({ config });
    assert.equal(run.exitCode, 0, failedWith(run));
    assert.equal(run.outputs['changed'], 'true');
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    assert.equal(warnings.length, 1, run.stdout);
    assert.match(warnings[0]!, /Actions cache service is not available to this step .*export\/app/);
    assert.ok((await stat(join(workspace, 'export/app/index.json'))).isFile());
    assert.match(await readFile(join(workspace, 'export/app/index.json'), 'utf8'), /"org\.opencontainers\.image\.ref\.name":\s*"v1"/);

    const viaComposite = await composite({ config });
    assert.equal(viaComposite.exitCode, 0, failedWith(viaComposite));
    assert.equal(viaComposite.outputs['changed'], 'false');
    assert.ok(!viaComposite.stdout.includes('::warning::'), 'the composite leaves the cache to its cache steps');
    assert.deepEqual(
      viaComposite.steps.map((s) => `${s.id} ${s.outcome}`),
      ['cache-key success', 'restore skipped', 'sync success', 'save skipped'],
    );
    assert.match(viaComposite.steps[1]!.note!, /actions\/cache\/restore@v4 needs a GitHub runner/);

    const off = await composite({ config, cache: 'false' });
    assert.equal(off.exitCode, 0, failedWith(off));
    assert.equal(off.steps[0]!.outcome, 'skipped');
  });
});
