// A password given any of the three ways (a `--host` flag, a regsync `creds` entry, a docker config.json) must be
// absent from everything a failing run prints: stdout, stderr, `--format json` results and `--log-format json -v` logs,
// in plain text and in the base64 forms Basic auth and config.json carry it in. Runs fail two ways: refused (a wrong
// password) and failing after a successful login (a missing tag), since the second has the secret in use longer.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { hostFlags, runRegkit, seedImage, type CliRun } from './copy-setup.js';

const USER = 'mirror-bot';
const PASSWORD = 'Pw-7f3c9e1a-never-print-me';
const WRONG = 'Wrong-2b8d4e6f-never-print-me';
const OUTPUT_FLAGS = ['--format', 'json', '--log-format', 'json', '-v'];

/** The secret as text and in every encoding a credential travels in. */
function forms(password: string): string[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [password, b64(password), b64(`${USER}:${password}`), encodeURIComponent(password)];
}

function assertNoSecret(run: CliRun, password: string): void {
  const all = `${run.stdout}\n${run.stderr}`;
  for (const form of forms(password)) assert.ok(!all.includes(form), `the output holds ${form}:\n${all}`);
}

/** The run failed as a run (exit 1), with JSON results and JSON logs, so every output channel was exercised. */
function assertFailedRun(run: CliRun): void {
  assert.equal(run.code, 1, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  const results = run.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { status: string });
  assert.ok(
    results.some((r) => r.status === 'failed'),
    run.stdout,
  );
  const logs = run.stderr.split('\n').filter((l) => l.trim().startsWith('{'));
  assert.ok(logs.length > 0, `no JSON log lines on stderr:\n${run.stderr}`);
}

describe('secrets never reach the output of a failing run', { timeout: 120_000 }, () => {
  let reg: RunningRegistry;
  let work: string;
  let emptyConfig: string;

  before(async () => {
    work = await makeTempDir('regkit-secrets-');
    reg = await startRegistry({ auth: 'basic', users: { [USER]: PASSWORD } });
    await seedImage(reg, join(work, 'layout'), ['team/app:v1'], { tag: 'v1', seed: 'secrets' });
    emptyConfig = join(work, 'empty-docker-config');
    await mkdir(emptyConfig);
  });
  after(async () => {
    await reg?.stop();
    await removeTempDir(work);
  });

  const endpoint = (password: string) => ({ host: reg.host, credentials: { username: USER, password } });

  for (const [label, password, source] of [
    ['a wrong password', WRONG, 'team/app:v1'],
    ['the right password and a missing tag', PASSWORD, 'team/app:missing'],
  ] as const) {
    test(`--host user=,pass= with ${label}`, async () => {
      const run = await runRegkit(
        ['copy', `${reg.host}/${source}`, `${reg.host}/team/copy:v1`, ...OUTPUT_FLAGS, ...hostFlags(endpoint(password))],
        emptyConfig,
      );
      assertFailedRun(run);
      assertNoSecret(run, password);
    });

    test(`regsync creds with ${label}`, async () => {
      const config = join(work, `regsync-${password.slice(0, 5)}-${source.length}.yml`);
      await writeFile(
        config,
        `version: 1\ncreds:\n  - registry: ${reg.host}\n    tls: disabled\n    user: ${USER}\n    pass: ${password}\nsync:\n  - source: ${reg.host}/${source}\n    target: ${reg.host}/team/synced:v1\n    type: image\n`,
      );
      const run = await runRegkit(['sync', 'once', '-c', config, ...OUTPUT_FLAGS], emptyConfig);
      assertFailedRun(run);
      assertNoSecret(run, password);
    });

    test(`docker config.json auths with ${label}`, async () => {
      const dir = join(work, `docker-${password.slice(0, 5)}-${source.length}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${USER}:${password}`).toString('base64') } } }));
      const run = await runRegkit(
        ['copy', `${reg.host}/${source}`, `${reg.host}/team/copy:v1`, ...OUTPUT_FLAGS, '--host', `reg=${reg.host},tls=disabled`],
        dir,
      );
      assertFailedRun(run);
      assertNoSecret(run, password);
    });
  }
});
