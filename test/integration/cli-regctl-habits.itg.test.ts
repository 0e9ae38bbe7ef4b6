// regctl's habits through the CLI as a user runs it (`node build/src/main.js`), against the real distribution
// registry: `image inspect`, Go-template `--format` on read commands, stored registry settings (`registry set|login|
// logout`, and regctl's own config file), `-v` request lines, and HTTP(S)_PROXY / NO_PROXY through a forward proxy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startForwardProxy, type RunningForwardProxy } from '../harness/forward-proxy.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { selfSignedCert } from '../harness/self-signed.js';
import { skopeoCopy, skopeoInspectRaw } from '../harness/skopeo.js';

const MAIN = join(process.cwd(), 'build/src/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A user's shell: its own HOME (so its own ~/.regkit and ~/.regctl), an empty docker config, no proxy unless given. */
function regkit(home: string, args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('INPUT_') && k !== 'GITHUB_ACTIONS' && !/^(https?|no)_proxy$/i.test(k) && !/^REG(KIT|CTL)_CONFIG$/.test(k),
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...base, HOME: home, DOCKER_CONFIG: join(home, '.docker'), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.stdin.end(opts.stdin ?? '');
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('regctl habits against a registry with basic auth', { timeout: 180_000 }, () => {
  let reg: RunningRegistry;
  let tmp: string;
  let image: FixtureImage;
  let host: string[];
  let creds: string[];
  let n = 0;
  const freshHome = async () => {
    const home = join(tmp, `home-${n++}`);
    await mkdir(join(home, '.docker'), { recursive: true });
    return home;
  };

  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    tmp = await makeTempDir('regkit-habits-itg-');
    image = await makeImageLayout(join(tmp, 'layout'), {
      tag: 'v1',
      platforms: ['linux/amd64', 'linux/arm64'],
      layers: 2,
      layerSize: 4096,
      labels: { 'org.opencontainers.image.source': 'https://example.test/app', team: 'platform' },
      created: '2024-03-05T06:07:08Z',
    });
    await skopeoCopy(`oci:${join(tmp, 'layout')}:v1`, `docker://${reg.host}/team/app:v1`, { all: true, destCreds: reg.credentials! });
    await skopeoCopy(`oci:${join(tmp, 'layout')}:v1`, `docker://${reg.host}/team/app:v2`, { all: true, destCreds: reg.credentials! });
    host = ['--host', `reg=${reg.host},tls=disabled`];
    creds = ['--host', `reg=${reg.host},tls=disabled,user=${reg.username!},pass=${reg.password!}`];
  });

  after(async () => {
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  test('image inspect shows digest, created, platforms, labels, layers and size; -p picks the platform', async () => {
    const home = await freshHome();
    const arm = image.manifests.find((m) => m.platform.architecture === 'arm64')!;
    const run = await regkit(home, ['image', 'inspect', `${reg.host}/team/app:v1`, '-p', 'linux/arm64', ...creds]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Digest: +${image.digest}$`, 'm'));
    assert.match(run.stdout, /^Platforms: +linux\/amd64, linux\/arm64$/m);
    assert.match(run.stdout, new RegExp(`^Platform: +linux/arm64 \\(${arm.digest}\\)$`, 'm'));
    assert.match(run.stdout, /^Created: +2024-03-05T06:07:08Z$/m);
    assert.match(run.stdout, /^ {2}team=platform$/m);
    for (const layer of arm.layers) assert.match(run.stdout, new RegExp(`^  ${layer.digest} +${layer.size} `, 'm'));
    const size = arm.size + arm.config.size + arm.layers.reduce((s, l) => s + l.size, 0);
    assert.match(run.stdout, new RegExp(`^Size: +${size} bytes`, 'm'));

    const json = await regkit(home, ['image', 'inspect', `${reg.host}/team/app:v1`, '--platform', 'linux/amd64', '--format', 'json', ...creds]);
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { digest: string; platform: string; labels: Record<string, string>; size: number };
    assert.equal(parsed.digest, image.digest);
    assert.equal(parsed.platform, 'linux/amd64');
    assert.equal(parsed.labels['team'], 'platform');
  });

  test('--format runs Go templates on every read command, with regctl field names', async () => {
    const home = await freshHome();
    const ref = `${reg.host}/team/app:v1`;
    const cases: [string[], (out: string) => void][] = [
      [
        [
          'image',
          'inspect',
          ref,
          '-p',
          'linux/amd64',
          '--format',
          '{{.Digest}} {{.Created.Format "2006-01-02"}} {{.Architecture}} {{index .Labels "team"}} {{len .Layers}}',
        ],
        (o) => assert.equal(o, `${image.digest} 2024-03-05 amd64 platform 2`),
      ],
      [
        ['image', 'inspect', ref, '-p', 'linux/amd64', '--format', '{{index .Config.Labels "team"}}|{{json .Labels}}'],
        (o) => assert.equal(o, 'platform|{"org.opencontainers.image.source":"https://example.test/app","team":"platform"}\n'),
      ],
      [['image', 'digest', ref, '--format', '{{.Digest}}'], (o) => assert.equal(o, image.digest)],
      [['tag', 'ls', `${reg.host}/team/app`, '--format', '{{.Name}}: {{join .Tags ","}}'], (o) => assert.equal(o, `${reg.host}/team/app: v1,v2`)],
      [['repo', 'ls', reg.host, '--format', '{{range .Repositories}}[{{.}}]{{end}}'], (o) => assert.equal(o, '[team/app]')],
      [
        ['image', 'manifest', ref, '--format', '{{.MediaType}} {{len .Manifests}} {{(index .Manifests 0).Platform.Architecture}}'],
        (o) => assert.equal(o, `${image.mediaType} 2 amd64`),
      ],
      [
        ['image', 'config', ref, '-p', 'linux/arm64', '--format', '{{.OS}}/{{.Architecture}} {{index .Config.Labels "team"}}'],
        (o) => assert.equal(o, 'linux/arm64 platform'),
      ],
      [['image', 'ratelimit', ref, '--format', '{{.Set}}'], (o) => assert.equal(o, 'false')],
      [['version', '--format', '{{.Version}}'], (o) => assert.match(o, /^\d+\.\d+\.\d+/)],
    ];
    for (const [args, check] of cases) {
      const run = await regkit(home, [...args, ...creds]);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      check(run.stdout);
    }
    // `{{json .}}` of a manifest is the registry's JSON, as regctl's is, not regkit's field names.
    const raw = await skopeoInspectRaw(`docker://${ref}`, reg.credentials!);
    const json = await regkit(home, ['image', 'manifest', ref, '--format', '{{json .}}', ...creds]);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(raw.toString('utf8')));
    // A missing field is the template's error, with exit 1 after the answer came; a syntax error is exit 2 before.
    const bad = await regkit(home, ['image', 'digest', ref, '--format', '{{.Nope}}', ...creds]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /can't evaluate field Nope/);
    const syntax = await regkit(home, ['tag', 'ls', `${reg.host}/team/app`, '--format', '{{.Tags', ...creds]);
    assert.equal(syntax.code, 2);
  });

  test('registry login stores credentials (0600, never printed) that every command uses; logout removes them', async () => {
    const home = await freshHome();
    const repo = `${reg.host}/team/app`;
    const anonymous = await regkit(home, ['tag', 'ls', repo, ...host]);
    assert.equal(anonymous.code, 1, 'the registry needs credentials');

    const set = await regkit(home, ['registry', 'set', reg.host, '--tls', 'disabled']);
    assert.equal(set.code, 0, set.stderr);
    const login = await regkit(home, ['registry', 'login', reg.host, '-u', reg.username!, '--pass-stdin'], { stdin: `${reg.password!}\n` });
    assert.equal(login.code, 0, login.stderr);
    const file = join(home, '.regkit', 'config.json');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { hosts: Record<string, { tls: string; user: string; pass: string }> };
    assert.deepEqual(stored.hosts[reg.host], { tls: 'disabled', user: reg.username, pass: reg.password });

    const listed = await regkit(home, ['tag', 'ls', repo]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, 'v1\nv2\n');
    const ls = await regkit(home, ['registry', 'ls']);
    assert.equal(ls.stdout, `${reg.host}  tls=disabled user=${reg.username!} (credentials stored)\n`);
    const lsJson = await regkit(home, ['registry', 'ls', '--format', '{{range .Hosts}}{{.Name}} {{.TLS}} {{.Credentials}}{{end}}']);
    assert.equal(lsJson.stdout, `${reg.host} disabled true`);

    // -v: one line per request with method, URL, status, duration and retries; the password in no form.
    const verbose = await regkit(home, ['tag', 'ls', repo, '-v']);
    assert.equal(verbose.code, 0, verbose.stderr);
    assert.match(verbose.stderr, new RegExp(`debug: http method=GET url=http://${reg.host}/v2/team/app/tags/list status=200 durationMs=\\d+ retries=0`));
    for (const secret of [reg.password!, Buffer.from(`${reg.username!}:${reg.password!}`).toString('base64'), encodeURIComponent(reg.password!)]) {
      for (const out of [verbose.stderr, verbose.stdout, ls.stdout, login.stdout, login.stderr]) assert.ok(!out.includes(secret), 'a secret was printed');
    }
    // -v info: no debug lines; --logopt json: the lines are JSON.
    const quiet = await regkit(home, ['tag', 'ls', repo, '-v', 'info']);
    assert.equal(quiet.stderr, '');
    const jsonLogs = await regkit(home, ['tag', 'ls', repo, '--verbosity', 'debug', '--logopt', 'json']);
    const first = JSON.parse(jsonLogs.stderr.split('\n')[0]!) as { level: string; msg: string; status: number };
    assert.equal(first.level, 'debug');

    // --host on the command line wins over the stored settings.
    const overridden = await regkit(home, ['tag', 'ls', repo, '--host', `reg=${reg.host},tls=disabled,user=${reg.username!},pass=wrong-password-1`]);
    assert.equal(overridden.code, 1);

    const logout = await regkit(home, ['registry', 'logout', reg.host]);
    assert.equal(logout.code, 0, logout.stderr);
    const after = await regkit(home, ['tag', 'ls', repo]);
    assert.equal(after.code, 1, 'logged out: anonymous again');
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).hosts[reg.host], { tls: 'disabled' });
  });

  test("regctl's ~/.regctl/config.json is read, in regctl's format, beneath regkit's own", async () => {
    const home = await freshHome();
    await mkdir(join(home, '.regctl'), { recursive: true });
    // As regctl's docs show the file: hosts keyed by registry, tls as text, hostname repeated, credentials in clear.
    await writeFile(
      join(home, '.regctl', 'config.json'),
      JSON.stringify(
        { hosts: { [reg.host]: { tls: 'disabled', hostname: reg.host, user: reg.username, pass: reg.password, reqConcurrent: 3, mirrors: [], priority: 0 } } },
        null,
        2,
      ),
    );
    const run = await regkit(home, ['tag', 'ls', `${reg.host}/team/app`]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'v1\nv2\n');
    // REGCTL_CONFIG names another file, as regctl's does.
    const elsewhere = join(home, 'regctl.json');
    await writeFile(elsewhere, JSON.stringify({ hosts: {} }));
    const moved = await regkit(home, ['tag', 'ls', `${reg.host}/team/app`], { env: { REGCTL_CONFIG: elsewhere } });
    assert.equal(moved.code, 1);
  });

  test('HTTP_PROXY carries the requests; NO_PROXY bypasses the proxy', async () => {
    const proxy = await startForwardProxy();
    try {
      const home = await freshHome();
      const via = await regkit(home, ['tag', 'ls', `${reg.host}/team/app`, ...creds], { env: { HTTP_PROXY: proxy.url } });
      assert.equal(via.code, 0, via.stderr);
      assert.equal(via.stdout, 'v1\nv2\n');
      const through = proxy.tunnels.length + proxy.forwarded.length;
      assert.ok(through > 0, 'the request went through the proxy');
      assert.ok([...proxy.tunnels, ...proxy.forwarded].every((t) => t.includes(reg.host)));

      const lower = await regkit(home, ['tag', 'ls', `${reg.host}/team/app`, ...creds], { env: { http_proxy: proxy.url } });
      assert.equal(lower.code, 0, lower.stderr);
      assert.ok(proxy.tunnels.length + proxy.forwarded.length > through, 'http_proxy (lower case) is honoured too');

      const before = proxy.tunnels.length + proxy.forwarded.length;
      const bypass = await regkit(home, ['tag', 'ls', `${reg.host}/team/app`, ...creds], { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      assert.equal(bypass.code, 0, bypass.stderr);
      assert.equal(proxy.tunnels.length + proxy.forwarded.length, before, 'NO_PROXY went direct');
    } finally {
      await proxy.stop();
    }
  });
});

describe('HTTPS_PROXY keeps the per-host TLS settings inside the tunnel', { timeout: 120_000 }, () => {
  let work: string;
  let https: Server;
  let httpsHost: string;
  let proxy: RunningForwardProxy;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: `sha256:${'1'.repeat(64)}`, size: 2 },
      layers: [],
    }),
  );

  before(async () => {
    work = await makeTempDir('regkit-proxy-tls-');
    const { key, cert } = await selfSignedCert(work);
    https = createHttpsServer({ key, cert }, (_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': manifest.length, 'docker-content-digest': digestOf(manifest) });
      res.end(manifest);
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    httpsHost = `127.0.0.1:${(https.address() as AddressInfo).port}`;
    proxy = await startForwardProxy();
    await mkdir(join(work, '.docker'), { recursive: true });
  });
  after(async () => {
    await proxy?.stop();
    https?.closeAllConnections();
    await new Promise<void>((resolve) => (https ? https.close(() => resolve()) : resolve()));
    await removeTempDir(work);
  });

  test('verification still applies through the proxy; tls=insecure and a stored CA both work through it', async () => {
    const env = { HTTPS_PROXY: proxy.url };
    const refused = await regkit(work, ['image', 'digest', `${httpsHost}/a/b:v1`], { env });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /self[- ]signed|certificate/i);
    assert.ok(proxy.tunnels.includes(httpsHost), 'the refused attempt went through the proxy');

    const insecure = await regkit(work, ['image', 'digest', `${httpsHost}/a/b:v1`, '--host', `reg=${httpsHost},tls=insecure`], { env });
    assert.equal(insecure.code, 0, insecure.stderr);
    assert.equal(insecure.stdout.trim(), digestOf(manifest));

    const set = await regkit(work, ['registry', 'set', httpsHost, '--cacert', join(work, 'cert.pem')]);
    assert.equal(set.code, 0, set.stderr);
    const tunnels = proxy.tunnels.length;
    const trusted = await regkit(work, ['image', 'digest', `${httpsHost}/a/b:v1`], { env });
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.equal(trusted.stdout.trim(), digestOf(manifest));
    assert.ok(proxy.tunnels.length > tunnels, 'the trusted request went through the proxy');
  });
});
