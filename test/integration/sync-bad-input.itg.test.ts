// A regsync.yml that cannot be used stops `regkit sync` before it talks to any registry: exit 2, and a message that
// starts with the file, line and column to fix. The registry the configs name is real, so its access log shows that
// not one request was made.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { summary } from './copy-setup.js';
import { makeSyncWorkspace, syncCli, type SyncWorkspace } from './sync-setup.js';

const UNSET_ENV = 'REGKIT_SYNC_TEST_NEVER_SET';

describe('sync: bad input is exit 2 with file:line:col and no request', () => {
  let reg: RunningRegistry;
  let ws: SyncWorkspace;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-bad-');
    reg = await startRegistry();
    assert.equal(process.env[UNSET_ENV], undefined);
  });
  beforeEach(() => reg.clearRequests());
  after(async () => {
    await reg?.stop();
    await ws?.remove();
  });

  /** A first step that is fine, so a run that reads anything before validating every step is caught. */
  const goodStep = () => `  - source: ${reg.host}/upstream/app\n    target: ${reg.host}/mirror/app\n    type: repository\n`;

  async function rejects(name: string, text: string, line: number, column: number, message: RegExp, extra: string[] = []): Promise<string> {
    const config = await ws.writeConfig(`${name}.yml`, text);
    for (const mode of ['once', 'check'] as const) {
      const run = await syncCli(ws, mode, config, [reg], extra);
      assert.equal(run.code, 2, `${mode}: exit ${run.code}\n${run.stderr}`);
      assert.equal(run.stdout, '');
      const fatal = run.stderr.trim().split('\n').pop()!;
      assert.ok(fatal.startsWith(`regkit: ${config}:${line}:${column}: `), fatal);
      assert.match(fatal, message);
      assert.deepEqual(summary(reg.requests()), [], `${mode}: requests were made`);
    }
    return config;
  }

  test('invalid YAML', async () => {
    await rejects('yaml', `sync:\n${goodStep()}  - source: [unclosed\n    target: x\n`, 6, 5, /invalid YAML/);
  });

  test('an unknown key, with the nearest valid one', async () => {
    await rejects('key', `sync:\n${goodStep()}    tgas:\n      allow: [v1]\n`, 5, 5, /unknown key "tgas" in sync\[0\]; did you mean "tags"\?/);
  });

  test('a regex that does not compile', async () => {
    await rejects('regex', `sync:\n${goodStep()}    tags:\n      allow: ['v1(']\n`, 6, 15, /sync\[0\]\.tags\.allow\[0\]: invalid regex "v1\("/);
  });

  test('an unset env variable that leaves a reference unusable', async () => {
    // Go's templates expand a missing variable to "": the target becomes "/mirror/app", which is no reference.
    await rejects(
      'env',
      `sync:\n${goodStep()}  - source: ${reg.host}/upstream/app\n    target: '{{ env "${UNSET_ENV}" }}/mirror/app'\n    type: repository\n`,
      5,
      5,
      /sync\[1\] target: invalid reference "\/mirror\/app"/,
    );
  });

  test('an unreadable {{file}}: under --strict an error at its field; without, a warning there and the run goes on', async () => {
    const text = `creds:\n  - registry: ${reg.host}\n    tls: disabled\n    pass: '{{ file "/nonexistent/regkit/password" }}'\nsync:\n${goodStep()}`;
    const config = await rejects(
      'file',
      text,
      4,
      11,
      /creds\[0\]\.pass: \{\{file "\/nonexistent\/regkit\/password"\}\} could not be read \(ENOENT\).*--strict/,
      ['--strict'],
    );
    const run = await syncCli(ws, 'check', config, [reg]);
    // The config loads (no exit 2) and the run goes on to the registry, whose answer is that the step's source
    // repository does not exist there: a failed entry, exit 1.
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /tag-list on .*upstream\/app \(HTTP 404 NAME_UNKNOWN\)/);
    assert.notDeepEqual(summary(reg.requests()), [], 'the run reached the registry');
    assert.match(
      run.stderr,
      new RegExp(`${config}:4:11: creds\\[0\\]\\.pass: \\{\\{file "/nonexistent/regkit/password"\\}\\} could not be read \\(ENOENT\\) and expands to ""`),
    );
  });

  test('a template syntax error, and an unknown template function', async () => {
    await rejects('template', `sync:\n${goodStep()}    backup: '{{ .Ref.Tag '\n`, 5, 26, /template in sync\[0\]\.backup: unclosed action/);
    await rejects('function', `sync:\n${goodStep()}    backup: '{{ nosuch .Ref.Tag }}'\n`, 5, 17, /function "nosuch" not defined/);
  });

  test('an unknown type', async () => {
    await rejects(
      'type',
      `sync:\n  - source: ${reg.host}/upstream/app\n    target: ${reg.host}/mirror/app\n    type: repo\n`,
      4,
      11,
      /type must be image, repository or registry, not "repo"/,
    );
  });
});
