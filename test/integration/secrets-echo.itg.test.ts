// A registry that echoes what it was sent: every 401, 403 and 500 body repeats the Authorization header of the
// request, its URL, and every Authorization header and token-request body it has seen, padded so that the credential
// straddles the point where regkit cuts a registry's message short. The CLI runs against it with credentials from
// `--host`, from a docker config.json (`auth`, and `identitytoken` for the refresh-token flow) and from a regsync
// `creds` entry, over Basic and over Bearer; no form of any credential or token may reach stdout or stderr.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { json, startLocalServer, type LocalServer, type SeenRequest } from '../unit/transport-local-server.js';
import { runRegkit, type CliRun } from './copy-setup.js';

const USER = 'mirror-bot';
// Characters that base64, URL and form encoding each spell differently.
const PASSWORD = 'Pw/7f+3c=9e~1a!never-print';
const IDENTITY_TOKEN = 'idt/5d+e=7~refresh!never-print';
const ISSUED_TOKEN = 'issued.7c2f9a/bearer+token=never-print';
const OUTPUT_FLAGS = ['--format', 'json', '--log-format', 'json', '-v'];
/**
 * regkit keeps the first 300 characters of a registry's message. A 401 echoes at the start, whole; a 403 or 500 puts
 * the credential across the cut, where a mask applied after cutting would leave a piece of it.
 */
const padFor = (status: Status): string => (status === 401 ? '' : 'x'.repeat(290));

type Scheme = 'basic' | 'bearer';
type Status = 401 | 403 | 500;

const MANIFEST_DIGEST = digestOf(Buffer.from('{}'));

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The secret in every encoding it may travel or be echoed in. */
function forms(secret: string): string[] {
  return [secret, b64(secret), b64(`${USER}:${secret}`), encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
}

function assertNoSecret(run: CliRun): void {
  const all = `${run.stdout}\n${run.stderr}`;
  for (const secret of [PASSWORD, IDENTITY_TOKEN, ISSUED_TOKEN])
    for (const form of forms(secret)) assert.ok(!all.includes(form), `the output holds ${form}:\n${all}`);
  // Nor a piece of one: an echoed header shows masked, never cut.
  assert.doesNotMatch(all, /(Basic|Bearer) (?!\*\*\*)[\w+/=.~-]/, 'an Authorization value is printed');
}

interface Hostile {
  server: LocalServer;
  scheme: Scheme;
  status: Status;
}

function echo(req: IncomingMessage, seen: SeenRequest[], status: Status): string {
  const earlier = seen.map((s) => `${s.headers.authorization ?? '-'} ${s.url} ${s.body}`).join(' | ');
  return `${padFor(status)}${req.headers.authorization ?? 'no authorization'} for ${req.url}; you sent before: ${earlier}`;
}

async function startHostile(scheme: Scheme, status: Status): Promise<Hostile> {
  let base = '';
  const server = await startLocalServer((req: IncomingMessage, res: ServerResponse, _body, seen) => {
    if (req.url?.startsWith('/token')) {
      json(res, 200, { token: ISSUED_TOKEN, access_token: ISSUED_TOKEN, expires_in: 300 });
      return;
    }
    const challenge = scheme === 'basic' ? 'Basic realm="hostile"' : `Bearer realm="${base}/token",service="hostile"`;
    const body = { errors: [{ code: 'DENIED', message: echo(req, seen, status), detail: echo(req, seen, status) }] };
    if (!req.headers.authorization) json(res, 401, body, { 'www-authenticate': challenge });
    // A HEAD has no body to echo in: it succeeds, so the GET that follows is the one refused.
    else if (req.method === 'HEAD')
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'docker-content-digest': MANIFEST_DIGEST, 'content-length': 2 }).end();
    else json(res, status, body, status === 401 ? { 'www-authenticate': challenge } : {});
  });
  base = server.url;
  return { server, scheme, status };
}

/** The server did get the credential (so the echo had something to leak) and the run printed the echo. */
function assertEchoed(h: Hostile, run: CliRun, credential: 'password' | 'identity token'): void {
  const sent = h.server.seen.map((s) => `${s.headers.authorization ?? ''} ${s.body}`).join('\n');
  const expected = credential === 'identity token' ? new URLSearchParams({ refresh_token: IDENTITY_TOKEN }).toString() : b64(`${USER}:${PASSWORD}`);
  assert.ok(sent.includes(expected), `the server never received the ${credential}:\n${sent}`);
  const printed = `${run.stdout}${run.stderr}`;
  assert.ok(
    printed.includes(`${padFor(h.status)}${h.scheme === 'basic' ? 'Basic' : 'Bearer'} ***`),
    `the registry's message is not in the output, masked:\n${printed}`,
  );
  assert.equal(run.code, 1, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
}

describe('a registry that echoes credentials gets none of them printed', { timeout: 300_000 }, () => {
  let work: string;
  let emptyConfig: string;
  const servers: Hostile[] = [];

  before(async () => {
    work = await makeTempDir('regkit-echo-');
    emptyConfig = join(work, 'no-docker-config');
    await mkdir(emptyConfig);
  });
  after(async () => {
    for (const h of servers) await h.server.close();
    await removeTempDir(work);
  });

  async function hostile(scheme: Scheme, status: Status): Promise<Hostile> {
    const h = await startHostile(scheme, status);
    servers.push(h);
    return h;
  }

  async function dockerConfig(name: string, host: string, entry: Record<string, string>): Promise<string> {
    const dir = join(work, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [host]: entry } }));
    return dir;
  }

  const copyArgs = (host: string) => ['copy', `${host}/team/app:v1`, `ocidir://${join(work, 'out')}:v1`, ...OUTPUT_FLAGS];

  for (const scheme of ['basic', 'bearer'] as const) {
    for (const status of [401, 403, 500] as const) {
      test(`${scheme} ${status}: --host user=,pass=`, async () => {
        const h = await hostile(scheme, status);
        const run = await runRegkit([...copyArgs(h.server.host), '--host', `reg=${h.server.host},tls=disabled,user=${USER},pass=${PASSWORD}`], emptyConfig);
        assertNoSecret(run);
        assertEchoed(h, run, 'password');
      });

      test(`${scheme} ${status}: docker config.json auth`, async () => {
        const h = await hostile(scheme, status);
        const dir = await dockerConfig(`auth-${scheme}-${status}`, h.server.host, { auth: b64(`${USER}:${PASSWORD}`) });
        const run = await runRegkit([...copyArgs(h.server.host), '--host', `reg=${h.server.host},tls=disabled`], dir);
        assertNoSecret(run);
        assertEchoed(h, run, 'password');
      });

      test(`${scheme} ${status}: regsync creds`, async () => {
        const h = await hostile(scheme, status);
        const config = join(work, `regsync-${scheme}-${status}.yml`);
        await writeFile(
          config,
          `version: 1\ncreds:\n  - registry: ${h.server.host}\n    tls: disabled\n    user: ${USER}\n    pass: '${PASSWORD}'\nsync:\n  - source: ${h.server.host}/team/app:v1\n    target: ocidir://${join(work, 'synced')}:v1\n    type: image\n`,
        );
        const run = await runRegkit(['sync', 'once', '-c', config, ...OUTPUT_FLAGS], emptyConfig);
        assertNoSecret(run);
        assertEchoed(h, run, 'password');
      });
    }
  }

  for (const status of [401, 403, 500] as const) {
    test(`bearer ${status}: docker config.json identitytoken (refresh-token flow)`, async () => {
      const h = await hostile('bearer', status);
      const dir = await dockerConfig(`idt-${status}`, h.server.host, { auth: b64(`${USER}:`), identitytoken: IDENTITY_TOKEN });
      const run = await runRegkit([...copyArgs(h.server.host), '--host', `reg=${h.server.host},tls=disabled`], dir);
      assertNoSecret(run);
      assertEchoed(h, run, 'identity token');
    });
  }
});
