// The action face against a registry that echoes what it was sent (Authorization headers, URLs, token requests) in
// its error bodies, run as the runner runs it (test/action/runner.ts, this checkout's build behind a dist shim).
// The masked-output check: every `::add-mask::` the step printed is applied to its log as the runner would, and then
// no form of any credential or token may be left in the log, the job summary or the step outputs; the credentials
// learned only at run time (the Basic form, the issued token) must have been announced to the runner too.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { json, startLocalServer, type LocalServer } from '../unit/transport-local-server.js';
import { runActionAsRunner, type ActionRun } from './runner.js';

const MAIN = join(process.cwd(), 'build/src/main.js');
const USER = 'mirror-bot';
const PASSWORD = 'Act/9b+2e=pw~x!never-print';
const DOCKER_PASSWORD = 'Dock/3f+8a=pw~y!never-print';
const ISSUED_TOKEN = 'issued.5a1e/bearer+token=never-print';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const forms = (secret: string, user = USER): string[] => [
  secret,
  b64(secret),
  b64(`${user}:${secret}`),
  encodeURIComponent(secret),
  new URLSearchParams({ s: secret }).toString().slice(2),
];

/** `::add-mask::VALUE` lines, unescaped as the runner reads them. */
function masksOf(log: string): string[] {
  return [...log.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]!.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));
}

/** The log as the runner shows it: the commands gone, each registered value replaced. */
function masked(text: string, masks: readonly string[]): string {
  const withoutCommands = text.replace(/^::add-mask::.*$/gm, '');
  return [...masks].sort((a, b) => b.length - a.length).reduce((out, m) => out.split(m).join('***'), withoutCommands);
}

function assertMasked(run: ActionRun, secrets: readonly string[], mustAnnounce: readonly string[]): void {
  const log = run.stdout + run.stderr;
  const masks = masksOf(log);
  for (const form of mustAnnounce) assert.ok(masks.includes(form), `${form} was never announced to the runner:\n${masks.join('\n')}`);
  const shown = { log: masked(log, masks), summary: run.summary, outputs: JSON.stringify(run.outputs) };
  for (const [where, text] of Object.entries(shown)) for (const form of secrets) assert.ok(!text.includes(form), `the ${where} holds ${form}:\n${text}`);
  assert.doesNotMatch(shown.log + shown.summary + shown.outputs, /(Basic|Bearer) (?!\*\*\*)[\w+/=.~-]/, 'an Authorization value is shown');
}

describe('the action masks every credential a registry echoes', { timeout: 120_000 }, () => {
  let workspace: string;
  let echoing: LocalServer;
  let runnerEnv: Record<string, string>;

  before(async () => {
    workspace = await makeTempDir('regkit-action-secrets-');
    for (const file of ['action.yml', 'actions/sync/action.yml']) {
      await mkdir(join(workspace, file, '..'), { recursive: true });
      await cp(file, join(workspace, file));
    }
    await mkdir(join(workspace, 'dist'));
    await writeFile(join(workspace, 'dist/index.js'), `import ${JSON.stringify(pathToFileURL(MAIN).href)};\n`);
    await writeFile(join(workspace, 'package.json'), '{"type":"module"}\n');
    let base = '';
    // Bearer: a token for any Basic login, then 403 with everything it has seen, the credential across the cut.
    echoing = await startLocalServer((req: IncomingMessage, res: ServerResponse, _body, seen) => {
      if (req.url?.startsWith('/token')) return json(res, 200, { token: ISSUED_TOKEN, expires_in: 300 });
      const said = `${'x'.repeat(290)}${req.headers.authorization ?? 'none'} ${req.url} seen: ${seen.map((s) => `${s.headers.authorization ?? '-'} ${s.url} ${s.body}`).join(' | ')}`;
      const body = { errors: [{ code: 'DENIED', message: said }] };
      if (!req.headers.authorization) return json(res, 401, body, { 'www-authenticate': `Bearer realm="${base}/token",service="echo"` });
      // A HEAD has no body to echo in: it succeeds, so the GET that follows is the one refused.
      if (req.method === 'HEAD')
        return void res
          .writeHead(200, { 'content-type': MediaType.OciManifest, 'docker-content-digest': digestOf(Buffer.from('{}')), 'content-length': 2 })
          .end();
      return json(res, 403, body);
    });
    base = echoing.url;
    const dockerDir = join(workspace, 'docker-config');
    await mkdir(dockerDir);
    await writeFile(join(dockerDir, 'config.json'), JSON.stringify({ auths: { [echoing.host]: { auth: b64(`${USER}:${DOCKER_PASSWORD}`) } } }));
    runnerEnv = { DOCKER_CONFIG: dockerDir, ACTIONS_CACHE_URL: '', ACTIONS_RESULTS_URL: '', ACTIONS_RUNTIME_TOKEN: '' };
  });
  after(async () => {
    await echoing?.close();
    if (workspace) await removeTempDir(workspace);
  });

  test('copy with a password in the hosts input: the echo shows only ***', async () => {
    const run = await runActionAsRunner(
      '.',
      {
        command: 'copy',
        source: `${echoing.host}/team/app:v1`,
        target: `ocidir://${join(workspace, 'out')}:v1`,
        hosts: `reg=${echoing.host},tls=disabled,user=${USER},pass=${PASSWORD}`,
        format: 'json',
      },
      { workspace, env: { ...runnerEnv, DOCKER_CONFIG: join(workspace, 'no-docker-config') } },
    );
    assert.equal(run.exitCode, 1, run.stdout + run.stderr);
    assert.ok(
      echoing.seen.some((s) => s.headers.authorization === `Basic ${b64(`${USER}:${PASSWORD}`)}`),
      'the token endpoint got the login',
    );
    assert.ok((run.stdout + run.summary).includes('Bearer ***'), `the echo is not shown:\n${run.stdout}\n${run.summary}`);
    assert.ok(run.stdout.startsWith(`::add-mask::${PASSWORD}\n`), 'the password is announced before any other line');
    assertMasked(run, [...forms(PASSWORD), ...forms(ISSUED_TOKEN)], [PASSWORD, b64(`${USER}:${PASSWORD}`).replace(/=+$/, ''), ISSUED_TOKEN]);
  });

  test('sync check of a policy under review: its {{file}} password is refused, the runner docker login is masked', async () => {
    await writeFile(
      join(workspace, 'regsync.yml'),
      `version: 1\ncreds:\n  - registry: ${echoing.host}\n    tls: disabled\n    user: pr-author\n    pass: '{{file "${join(workspace, 'docker-config', 'config.json')}"}}'\nsync:\n  - source: ${echoing.host}/team/app:v1\n    target: 'ocidir://{{env "SYNC_OUT"}}:v1'\n    type: image\n`,
    );
    echoing.seen.length = 0;
    // The target's directory comes from a variable the workflow allows; the cache-key step reads it the same way.
    const run = await runActionAsRunner(
      'actions/sync',
      { config: 'regsync.yml', mode: 'check', 'untrusted-config': 'true', 'allow-env': 'SYNC_OUT' },
      { workspace, env: { ...runnerEnv, SYNC_OUT: join(workspace, 'synced') } },
    );
    const log = run.stdout + run.stderr;
    assert.deepEqual(
      run.steps.filter((s) => s.id === 'cache-key').map((s) => s.outcome),
      ['success'],
    );
    assert.ok(!log.includes('layout cache skipped'), log);
    // In action mode the warning is an annotation at its place in the file.
    assert.match(log, /::warning file=regsync\.yml,line=6,col=5::creds\[0\]\.pass refused: the config is under review \(--untrusted-config\)/);
    const configText = await readFile(join(workspace, 'docker-config', 'config.json'), 'utf8');
    assert.ok(!echoing.seen.some((s) => JSON.stringify(s).includes(b64(`pr-author:${configText}`))), 'the registry received the config file as a password');
    assert.ok(
      echoing.seen.some((s) => s.headers.authorization === `Basic ${b64(`${USER}:${DOCKER_PASSWORD}`)}`),
      'the runner docker login was used',
    );
    assert.equal(run.exitCode, 1, log);
    assertMasked(run, [...forms(DOCKER_PASSWORD), ...forms(ISSUED_TOKEN)], [DOCKER_PASSWORD, ISSUED_TOKEN]);
  });
});
