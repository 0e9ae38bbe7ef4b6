// Names from outside that are not OCI names: a source registry (node:http, written here) whose tag list and catalog
// carry `../../app/manifests/latest` and the like, an OCI layout and a tar whose index.json names such a tag. The
// target is a real distribution registry holding mirror/app:latest; skopeo reads it back. Each bad name must be a
// `failed` result naming the source and the value, nothing may be written for it (mirror/app:latest keeps its
// digest, no other repository changes), the good names still go through, and the run exits 1, fast and small.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InvalidNameError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { RegistryStore } from '../../src/store/registry/registry.js';
import { RegistrySession } from '../../src/store/registry/session.js';
import { writeLayoutTar } from '../../src/store/tarfile/export.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { json, startLocalServer, testClient, type LocalServer } from '../unit/transport-local-server.js';
import { hostFlags, seedImage } from './copy-setup.js';
import { makeSyncWorkspace, resultLines, writesIn, type ResultLine, type SyncWorkspace } from './sync-setup.js';

const TRAVERSAL = '../../app/manifests/latest';
/** A newline and a forged JSON result: it must reach the output escaped, never as a line of its own. */
const FORGED = 'x\n{"op":"sync","status":"copied","target":"mirror/app:latest"}';
const REF_NAME = 'org.opencontainers.image.ref.name';
/** Each run is a handful of requests on loopback; far less than this, and far less memory than a copy of any size. */
const TIME_BOUND_S = 20;
const RSS_BOUND_KB = 200 * 1024;

interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  maxRssKb: number;
}

/** The CLI as a child process under /usr/bin/time, for its wall time and peak RSS. */
async function measuredRegkit(args: string[], ws: SyncWorkspace): Promise<MeasuredRun> {
  const stats = join(ws.dir, `time-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && k !== 'GITHUB_ACTIONS'));
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M', '-o', stats, process.execPath, join(process.cwd(), 'build/src/main.js'), ...args], {
      env: { ...env, DOCKER_CONFIG: ws.dockerConfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
  const [seconds, kb] = (await readFile(stats, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
  return { ...run, seconds: seconds!, maxRssKb: kb! };
}

function assertRun(run: MeasuredRun, code: number, what: string): void {
  assert.equal(run.code, code, `exit ${run.code}, expected ${code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  assert.ok(run.seconds < TIME_BOUND_S, `${what}: ${run.seconds} s`);
  assert.ok(run.maxRssKb < RSS_BOUND_KB, `${what}: peak RSS ${run.maxRssKb} kB`);
  const failed = run.stdout.startsWith('{') ? resultLines(run.stdout).find((l) => l.status === 'failed') : undefined;
  console.log(`# ${what}: ${run.seconds} s, peak RSS ${Math.round(run.maxRssKb / 1024)} MB; ${failed?.reason ?? run.stderr.trim().split('\n')[0]}`);
}

/**
 * A registry that serves one image (the fixture layout) for every tag of every repository, and lists the names it is
 * told to. It answers whatever path a client asks for, dot segments resolved, as a lenient server would.
 */
async function startHostileRegistry(layout: string, image: FixtureImage, lists: { tags: Record<string, string[]>; catalog: string[] }): Promise<LocalServer> {
  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>) => {
    res.writeHead(status, { 'content-length': String(body.length), ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const sendJson = (req: IncomingMessage, res: ServerResponse, value: unknown) =>
    send(req, res, 200, Buffer.from(JSON.stringify(value)), { 'content-type': 'application/json' });
  const blob = (digest: string) => readFile(join(layout, 'blobs', 'sha256', digest.slice('sha256:'.length)));
  return startLocalServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://hostile').pathname;
    void (async () => {
      if (path === '/v2/') return sendJson(req, res, {});
      if (path === '/v2/_catalog') return sendJson(req, res, { repositories: lists.catalog });
      const m = /^\/v2\/(.+)\/(tags\/list|manifests|blobs)(?:\/(.+))?$/.exec(path);
      if (!m) return send(req, res, 404, Buffer.from('{"errors":[{"code":"NAME_UNKNOWN"}]}'), { 'content-type': 'application/json' });
      const [, repo, kind, ref] = m;
      if (kind === 'tags/list') return sendJson(req, res, { name: repo, tags: lists.tags[repo!] ?? ['v1'] });
      const digest = ref?.startsWith('sha256:') ? ref : image.digest;
      const bytes = await blob(digest).catch(() => undefined);
      if (!bytes) return send(req, res, 404, Buffer.from('{"errors":[{"code":"BLOB_UNKNOWN"}]}'), { 'content-type': 'application/json' });
      const type = kind === 'manifests' ? (JSON.parse(bytes.toString('utf8')) as { mediaType: string }).mediaType : 'application/octet-stream';
      return send(req, res, 200, bytes, { 'content-type': type, 'docker-content-digest': digest });
    })();
  });
}

describe('names from outside that are not OCI names', { timeout: 240_000 }, () => {
  let ws: SyncWorkspace;
  let dst: RunningRegistry;
  let hostile: LocalServer;
  let kept: FixtureImage;
  let served: FixtureImage;
  let servedLayout: string;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-hostile-names-');
    dst = await startRegistry();
    kept = await seedImage(dst, join(ws.dir, 'kept'), ['mirror/app:latest'], { seed: 'hostile-names-kept', layerSize: 2048 });
    servedLayout = join(ws.dir, 'served');
    // The image the hostile source serves is an older mirror/app: its blobs are there, so a manifest PUT that reached
    // mirror/app:latest would succeed and roll the tag back.
    served = await seedImage(dst, servedLayout, ['mirror/app:old'], { tag: 'v1', seed: 'hostile-names-served', layerSize: 2048 });
    hostile = await startHostileRegistry(servedLayout, served, {
      tags: { 'upstream/evil': ['v1', TRAVERSAL, FORGED, 'v2'] },
      catalog: ['upstream/good', 'upstream/../mirror/app', 'upstream/Bad', 'other/x'],
    });
  });
  after(async () => {
    await hostile?.close();
    await dst?.stop();
    await ws?.remove();
  });

  /** mirror/app:latest still names the image it was seeded with, and no request wrote outside `allowed`. */
  async function assertNothingMovedOutside(allowed: RegExp): Promise<void> {
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/app:latest`), kept.digest);
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/mirror/app`)).sort(), ['latest', 'old']);
    const stray = writesIn(dst.requests()).filter((r) => !allowed.test(r.path));
    assert.deepEqual(stray, [], 'writes outside the step target');
  }

  function failedFor(lines: ResultLine[], value: string): ResultLine {
    const hit = lines.find((l) => l.status === 'failed' && l.reason?.includes(JSON.stringify(value)));
    assert.ok(hit, `no failed result naming ${JSON.stringify(value)} in\n${lines.map((l) => JSON.stringify(l)).join('\n')}`);
    return hit;
  }

  test('a repository step: the traversal tag fails, mirror/app:latest keeps its digest, the good tags are copied', async () => {
    dst.clearRequests();
    const out = join(ws.dir, 'out-layout');
    const config = await ws.writeConfig(
      'repository.yml',
      [
        'sync:',
        `  - source: ${hostile.host}/upstream/evil`,
        `    target: ${dst.host}/mirror/evil`,
        '    type: repository',
        `  - source: ${hostile.host}/upstream/evil`,
        `    target: ocidir://${out}`,
        '    type: repository',
        '',
      ].join('\n'),
    );
    const run = await measuredRegkit(['sync', 'once', '-c', config, ...hostFlags({ host: hostile.host }, dst), '--format', 'json'], ws);
    assertRun(run, 1, 'tag list with a traversal tag');
    await assertNothingMovedOutside(/^\/v2\/mirror\/evil\//);
    const lines = resultLines(run.stdout);
    for (const value of [TRAVERSAL, FORGED]) {
      const fails = lines.filter((l) => l.status === 'failed' && l.reason?.includes(JSON.stringify(value)));
      assert.deepEqual(fails.map((l) => l.target).sort(), [`${dst.host}/mirror/evil`, `ocidir://${out}`], value);
      const hit = failedFor(lines, value);
      assert.equal(hit.source, `${hostile.host}/upstream/evil`);
      assert.match(hit.reason!, new RegExp(`^the tag list of ${hostile.host}/upstream/evil: refusing the tag `));
    }
    // The forged result stays inside its reason: every stdout line is one result, and none claims mirror/app.
    assert.equal(lines.length, run.stdout.trim().split('\n').length);
    assert.ok(!lines.some((l) => l.target === 'mirror/app:latest'));
    assert.deepEqual(
      lines
        .filter((l) => l.status === 'copied')
        .map((l) => l.target)
        .sort(),
      [`${dst.host}/mirror/evil:v1`, `${dst.host}/mirror/evil:v2`, `ocidir://${out}:v1`, `ocidir://${out}:v2`],
    );
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/mirror/evil`)).sort(), ['v1', 'v2']);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mirror/evil:v2`), served.digest);
    // The layout target stored only valid names.
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { manifests: Array<{ annotations?: Record<string, string> }> };
    assert.deepEqual(index.manifests.map((d) => d.annotations?.[REF_NAME]).sort(), ['v1', 'v2']);
    // No request for the bad names left regkit, not even a read.
    assert.ok(!hostile.seen.some((r) => r.url.includes('..') || r.url.includes('%0A') || r.url.includes('%22')), hostile.seen.map((r) => r.url).join('\n'));
  });

  test('a registry step: invalid repository names in the catalog fail, the valid one is copied', async () => {
    dst.clearRequests();
    const config = await ws.writeConfig('registry.yml', `sync:\n  - source: ${hostile.host}/upstream\n    target: ${dst.host}/mirror\n    type: registry\n`);
    const run = await measuredRegkit(['sync', 'once', '-c', config, ...hostFlags({ host: hostile.host }, dst), '--format', 'json'], ws);
    assertRun(run, 1, 'catalog with invalid repository names');
    await assertNothingMovedOutside(/^\/v2\/mirror\/good\//);
    const lines = resultLines(run.stdout);
    for (const value of ['upstream/../mirror/app', 'upstream/Bad']) {
      const hit = failedFor(lines, value);
      assert.equal(hit.source, `${hostile.host}/upstream`);
      assert.equal(hit.target, `${dst.host}/mirror`);
      assert.match(hit.reason!, new RegExp(`^the catalog of ${hostile.host}: refusing the repository `));
    }
    // `other/x` is not below the step's path: neither copied nor reported.
    assert.equal(lines.filter((l) => l.status === 'failed').length, 2);
    assert.deepEqual(
      lines.filter((l) => l.status === 'copied').map((l) => l.target),
      [`${dst.host}/mirror/good:v1`],
    );
  });

  test('tag ls shows only the valid tags and warns about each other one, escaped', async () => {
    const run = await measuredRegkit(['tag', 'ls', `${hostile.host}/upstream/evil`, ...hostFlags({ host: hostile.host })], ws);
    assertRun(run, 0, 'tag ls of a list with a traversal tag');
    assert.deepEqual(run.stdout.trim().split('\n'), ['v1', 'v2']);
    const warnings = run.stderr.trim().split('\n');
    assert.equal(warnings.length, 2, run.stderr);
    assert.match(warnings[0]!, /the tag list of .*\/upstream\/evil: refusing the tag "\.\.\/\.\.\/app\/manifests\/latest" .*; skipped/);
    assert.match(warnings[1]!, /refusing the tag "x\\n\{\\"op\\":\\"sync\\"/);
  });

  test('an OCI layout source whose index.json names a traversal tag', async () => {
    dst.clearRequests();
    const layout = join(ws.dir, 'hostile-layout');
    await mkdir(layout, { recursive: true });
    const image = await makeImageLayout(layout, { tag: 'v1', seed: 'hostile-names-served', layerSize: 2048 });
    const entry = { mediaType: image.mediaType, digest: image.digest, size: image.size };
    const names = ['v1', TRAVERSAL, FORGED];
    await writeFile(
      join(layout, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: names.map((n) => ({ ...entry, annotations: { [REF_NAME]: n } })) }),
    );
    const config = await ws.writeConfig('layout.yml', `sync:\n  - source: ocidir://${layout}\n    target: ${dst.host}/mirror/lay\n    type: repository\n`);
    const run = await measuredRegkit(['sync', 'once', '-c', config, ...hostFlags(dst), '--format', 'json'], ws);
    assertRun(run, 1, 'layout index.json with a traversal ref.name');
    await assertNothingMovedOutside(/^\/v2\/mirror\/lay\//);
    const lines = resultLines(run.stdout);
    for (const value of [TRAVERSAL, FORGED]) {
      const hit = failedFor(lines, value);
      assert.equal(hit.source, `ocidir://${layout}`);
      assert.match(hit.reason!, new RegExp(`^ocidir://${layout}/index\\.json: refusing the tag `));
    }
    assert.deepEqual(
      lines.filter((l) => l.status === 'copied').map((l) => l.target),
      [`${dst.host}/mirror/lay:v1`],
    );
    assert.deepEqual(await skopeoListTags(`docker://${dst.host}/mirror/lay`), ['v1']);
  });

  test('image import of a tar whose only ref.name is a traversal: failed, naming the file and the value', async () => {
    dst.clearRequests();
    const layout = join(ws.dir, 'tar-layout');
    const image = await makeImageLayout(layout, { tag: 'v1', seed: 'hostile-names-served', layerSize: 2048 });
    await writeFile(
      join(layout, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [{ mediaType: image.mediaType, digest: image.digest, size: image.size, annotations: { [REF_NAME]: TRAVERSAL } }],
      }),
    );
    const tar = join(ws.dir, 'hostile.tar');
    await writeLayoutTar(layout, createWriteStream(tar));
    await rm(layout, { recursive: true });
    const run = await measuredRegkit(['image', 'import', `${dst.host}/mirror/app:latest`, tar, ...hostFlags(dst), '--format', 'json'], ws);
    assertRun(run, 1, 'tar import with a traversal ref.name');
    const [line] = resultLines(run.stdout);
    assert.equal(line?.op, 'import');
    assert.equal(line?.status, 'failed');
    assert.equal(
      line?.reason,
      `${tar} (index.json): refusing the tag ${JSON.stringify(TRAVERSAL)} (must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}); nothing was read or written for it`,
    );
    await assertNothingMovedOutside(/^$/);
  });
});

describe('digests from a registry that are not OCI digests', { timeout: 60_000 }, () => {
  const subject = `sha256:${'c'.repeat(64)}`;
  const good = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'d'.repeat(64)}`, size: 10, artifactType: 'application/x-sig' };
  let server: LocalServer;
  let store: RegistryStore;
  const warnings: string[] = [];

  before(async () => {
    server = await startLocalServer((req, res) => {
      if (req.url?.startsWith('/v2/a/b/referrers/')) {
        return json(res, 200, {
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [{ ...good, digest: 'sha256:../../../c/manifests/latest' }, good, { ...good, digest: 42 }],
        });
      }
      if (req.method === 'HEAD' && req.url === '/v2/a/b/manifests/v1') {
        res.writeHead(200, {
          'docker-content-digest': 'sha256:../../../c/manifests/latest',
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'content-length': '10',
        });
        return res.end();
      }
      return json(res, 404, { errors: [{ code: 'NOT_FOUND' }] });
    });
    const logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    store = new RegistryStore(new RegistrySession({ client: testClient(server.host), logger }));
  });
  after(async () => {
    await store?.close();
    await server?.close();
  });

  test('a referrers response: entries with an invalid digest are left out, with a warning naming them', async () => {
    const found = await store.listReferrers({ scheme: 'registry', registry: server.host, repository: 'a/b', digest: subject });
    assert.deepEqual(found, [good]);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, new RegExp(`^the referrers of ${server.host}/a/b@${subject}: refusing the digest "sha256:\\.\\./`));
    assert.match(warnings[1]!, /refusing the digest 42 \(is not a string\)/);
  });

  test('a Docker-Content-Digest header that is not a digest fails the HEAD before anything asks for it', async () => {
    await assert.rejects(store.headManifest({ scheme: 'registry', registry: server.host, repository: 'a/b', tag: 'v1' }), (err: unknown) => {
      assert.ok(err instanceof InvalidNameError, String(err));
      assert.match(err.message, /^the Docker-Content-Digest header for manifest a\/b:v1 on 127\.0\.0\.1:\d+: refusing the digest "sha256:\.\.\//);
      return true;
    });
    assert.ok(!server.seen.some((r) => r.url.includes('..')), server.seen.map((r) => r.url).join('\n'));
  });
});
