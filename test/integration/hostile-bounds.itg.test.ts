// Sources that try to exhaust memory, disk or time: a token realm whose answer never ends, tag lists whose Link pages
// never end, a manifest trickled byte by byte, a gzip bomb inside an image archive, an index.json past its bound.
// Each ends in a typed error naming the source and the `--bound` that moves the limit, within a measured time; the
// endless bodies run in a child process whose peak RSS is measured.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FileLimitError, InvalidContentError, RegistryLimitError } from '../../src/errors.js';
import { silentLogger, Secrets } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import { StoreSet } from '../../src/store/open.js';
import { RegistryStore } from '../../src/store/registry/registry.js';
import { RegistrySession } from '../../src/store/registry/session.js';
import { encodeHeader, endOfArchive, padding } from '../../src/store/tarfile/format.js';
import { extractLayoutTar } from '../../src/store/tarfile/import.js';
import { RegistryClient } from '../../src/transport/client.js';
import type { Bounds } from '../../src/config/bounds.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { startLocalServer, staticCredentials, type Handler } from '../unit/transport-local-server.js';

const RSS_BOUND_MB = 200;

interface ChildOutcome {
  ok: boolean;
  name?: string;
  message?: string;
  ms: number;
  maxRssMb: number;
}

/** Lists the tags of a/b on `host` in a child process (bounds at their defaults) and reports what it cost. */
function listInChild(host: string): Promise<ChildOutcome> {
  const script = new URL('./bounds-child.js', import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, host], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code, signal) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (line === '') reject(new Error(`the child ended (${code ?? signal}) without a result: ${err}`));
      else resolve(JSON.parse(line) as ChildOutcome);
    });
  });
}

/** Writes as fast as the client reads, forever (until the client goes away). */
function endless(res: ServerResponse, chunk: Buffer): void {
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

describe('bounds on what hostile sources send', { timeout: 120_000 }, () => {
  const closers: Array<() => Promise<void>> = [];
  let tmp: string;
  before(async () => {
    tmp = await makeTempDir('regkit-bounds-');
  });
  after(async () => {
    for (const c of closers.reverse()) await c();
    await removeTempDir(tmp);
  });

  async function serve(handler: Handler): Promise<string> {
    const server = await startLocalServer(handler);
    closers.push(server.close);
    return server.host;
  }

  function storeFor(host: string, bounds: Partial<Bounds>): RegistryStore {
    const client = new RegistryClient({
      host: { registry: host, tls: 'disabled' },
      secrets: new Secrets(),
      credentials: staticCredentials({ kind: 'anonymous' }),
      logger: silentLogger,
      userAgent: 'regkit/test',
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 10 },
      bounds,
    });
    const store = new RegistryStore(new RegistrySession({ client, logger: silentLogger }));
    closers.push(() => store.close());
    return store;
  }

  const report = (what: string, r: { ms: number; maxRssMb?: number; message?: string }) =>
    console.log(`# ${what}: ${r.ms} ms${r.maxRssMb !== undefined ? `, peak RSS ${r.maxRssMb} MB` : ''}: ${r.message}`);

  test('a token realm whose 200 answer never ends: an auth error at the token bound, RSS bounded', async () => {
    let realmHits = 0;
    const host = await serve((req, res) => {
      if (req.url?.startsWith('/token')) {
        realmHits++;
        res.writeHead(200, { 'content-type': 'application/json' });
        endless(res, Buffer.alloc(64 * 1024, 0x20));
        return;
      }
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${req.headers.host}/token",service="test"` });
      res.end();
    });
    const r = await listInChild(host);
    report('endless token body', r);
    assert.equal(r.ok, false);
    assert.equal(r.name, 'RegistryLimitError');
    assert.match(
      r.message!,
      /^auth on 127\.0\.0\.1:\d+: the answer of the token server http:\/\/127\.0\.0\.1:\d+ is larger than 1 MiB; stopped at the 1 MiB bound: .*--bound token-bytes=/,
    );
    assert.ok(r.maxRssMb < RSS_BOUND_MB, `peak RSS ${r.maxRssMb} MB`);
    assert.ok(r.ms < 10_000, `${r.ms} ms`);
    assert.ok(realmHits >= 1);
  });

  test('a tag list whose Link pages never end, each with new tags: ends at the entries bound, RSS bounded', async () => {
    const host = await serve((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '0');
      const tags = Array.from({ length: 1000 }, (_, i) => `p${page}-${i}-${'x'.repeat(100)}`);
      const body = JSON.stringify({ name: 'a/b', tags });
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        link: `</v2/a/b/tags/list?page=${page + 1}>; rel="next"`,
      });
      res.end(body);
    });
    const r = await listInChild(host);
    report('endless Link pages', r);
    assert.equal(r.ok, false);
    assert.equal(r.name, 'RegistryLimitError');
    assert.match(
      r.message!,
      /^tag-list on 127\.0\.0\.1:\d+\/a\/b \(HTTP 200\): the tag list of a\/b goes on past 250000 tags; stopped at the 250000 bound: .*--bound list-entries=/,
    );
    assert.ok(r.maxRssMb < RSS_BOUND_MB, `peak RSS ${r.maxRssMb} MB`);
    assert.ok(r.ms < 60_000, `${r.ms} ms`);
  });

  test('an error status with an endless body: the status is reported, the body read no further than 64 KiB', async () => {
    let sent = 0;
    const host = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const started = Date.now();
    const err = await storeFor(host, {})
      .getManifest({ scheme: 'registry', registry: host, repository: 'a/b', tag: 'v1' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const ms = Date.now() - started;
    assert.ok(err instanceof Error && err.name === 'RegistryError', String(err));
    report('endless error body', { ms, message: err.message });
    assert.match(err.message, /^manifest-get on .*\/a\/b \(HTTP 403\): access to manifest a\/b:v1 denied/);
    assert.ok(ms < 2000, `${ms} ms`);
    assert.ok(sent < 64 * 1024 * 1024, `${sent} bytes were sent before the client let go`);
  });

  test('pages that come slowly and never end: the operation deadline ends the listing', async () => {
    const host = await serve((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '0');
      const body = JSON.stringify({ name: 'a/b', tags: [`t${page}`] });
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', link: `</v2/a/b/tags/list?page=${page + 1}>; rel="next"` });
        res.end(body);
      }, 200);
    });
    const started = Date.now();
    const err = await storeFor(host, { operationTimeoutMs: 1000 })
      .listTags({ scheme: 'registry', registry: host, repository: 'a/b' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const ms = Date.now() - started;
    assert.ok(err instanceof RegistryLimitError, String(err));
    report('slow endless pages, operation-timeout=1s', { ms, message: err.message });
    assert.equal(err.setting, 'operation-timeout');
    assert.match(
      err.message,
      /^tag-list on .*\/a\/b: the operation did not finish within 1 s \(ended during GET \/v2\/a\/b\/tags\/list\); stopped at the 1 s bound: .*--bound operation-timeout=/,
    );
    assert.ok(ms >= 900 && ms < 3000, `${ms} ms`);
  });

  for (const [label, everyMs] of [
    ['1 byte every 100 ms', 100],
    ['1 byte every 20 s', 20_000],
  ] as const) {
    test(`a manifest trickled at ${label}: the request deadline ends it (request-timeout=1500ms)`, async () => {
      const host = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': '5000' });
        res.write('{');
        const timer = setInterval(() => res.write(' '), everyMs);
        res.on('close', () => clearInterval(timer));
      });
      const started = Date.now();
      const err = await storeFor(host, { requestTimeoutMs: 1500 })
        .getManifest({ scheme: 'registry', registry: host, repository: 'a/b', tag: 'v1' })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      const ms = Date.now() - started;
      assert.ok(err instanceof RegistryLimitError, String(err));
      report(`trickled manifest (${label})`, { ms, message: err.message });
      assert.equal(err.operation, 'manifest-get');
      assert.match(
        err.message,
        /^manifest-get on 127\.0\.0\.1:\d+\/a\/b: GET \/v2\/a\/b\/manifests\/v1 did not finish within 1500 ms: the answer came too slowly; stopped at the 1500 ms bound: .*--bound request-timeout=/,
      );
      assert.ok(ms >= 1400 && ms < 3000, `${ms} ms: one attempt, not retried`);
    });
  }

  test("a blob trickled: its deadline is the request's plus its size at the minimum rate", async () => {
    const host = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(64 * 1024) });
      const timer = setInterval(() => res.write(Buffer.alloc(16, 1)), 50);
      res.on('close', () => clearInterval(timer));
    });
    const store = storeFor(host, { requestTimeoutMs: 500, blobMinBytesPerSec: 64 * 1024 });
    const started = Date.now();
    const body = await store.getBlob(
      { scheme: 'registry', registry: host, repository: 'a/b' },
      { mediaType: 'application/octet-stream', digest: `sha256:${'1'.repeat(64)}`, size: 64 * 1024 },
    );
    const err = await (async () => {
      for await (const _ of body) void _;
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    const ms = Date.now() - started;
    assert.ok(err instanceof RegistryLimitError, String(err));
    report('trickled blob (500 ms + 64 KiB at 64 KiB/s)', { ms, message: err.message });
    assert.equal(err.setting, 'blob-min-rate');
    assert.match(err.message, /^blob-get on .*\/a\/b: GET \/v2\/a\/b\/blobs\/sha256:1+ did not finish within 1500 ms \(500 ms plus 64 KiB at 64 KiB\/s\)/);
    assert.ok(ms >= 1400 && ms < 3000, `${ms} ms`);
  });

  test('a blob body left unread past its deadline ends quietly; its reader later gets the deadline error', async () => {
    const host = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1024' });
      res.write(Buffer.alloc(10));
    });
    const store = storeFor(host, { requestTimeoutMs: 300 });
    const body = await store.getBlob(
      { scheme: 'registry', registry: host, repository: 'a/b' },
      { mediaType: 'application/octet-stream', digest: `sha256:${'2'.repeat(64)}`, size: 1024 },
    );
    await new Promise((r) => setTimeout(r, 600));
    const err = await (async () => {
      for await (const _ of body) void _;
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof RegistryLimitError, String(err));
    assert.equal(err.setting, 'blob-min-rate');
  });

  test('bounds given to the store set (what --bound and the bounds input fill) reach registry and layout stores', async () => {
    const host = await serve((_req, res) => {
      const body = JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { mediaType: MediaType.OciConfig, digest: `sha256:${'0'.repeat(64)}`, size: 2 },
        layers: [],
      });
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    const stores = new StoreSet({
      hosts: [{ registry: host, tls: 'disabled' }],
      logger: silentLogger,
      useDockerConfig: false,
      bounds: { manifestBytes: 100, indexBytes: 10 },
    });
    closers.push(() => stores.close());
    await assert.rejects(
      stores.storeForRegistry(host).getManifest({ scheme: 'registry', registry: host, repository: 'a/b', tag: 'v1' }),
      (err: unknown) =>
        err instanceof RegistryLimitError && /larger than 100 bytes; stopped at the 100 bytes bound: .*--bound manifest-bytes=/.test(err.message),
    );
    const dir = join(tmp, 'small-index');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.json'), '{"schemaVersion":2,"manifests":[]}');
    await assert.rejects(
      stores.storeFor({ scheme: 'ocidir', path: dir }).listTags({ scheme: 'ocidir', path: dir }),
      (err: unknown) => err instanceof FileLimitError && err.setting === 'index-bytes',
    );
    assert.equal(stores.layoutBounds.indexBytes, 10);
  });

  test('an index.json past its bound (index-bytes=64KiB) names the file, not "Invalid string length"', async () => {
    const dir = join(tmp, 'big-index');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    const entries = Array.from({ length: 2000 }, (_, i) => ({
      mediaType: MediaType.OciManifest,
      digest: `sha256:${'a'.repeat(64)}`,
      size: 1,
      annotations: { 'org.opencontainers.image.ref.name': `t${i}` },
    }));
    await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: entries }));
    const store = new OcidirStore(dir, { logger: silentLogger, bounds: { indexBytes: 64 * 1024 } });
    const started = Date.now();
    const err = await store.listTags({ scheme: 'ocidir', path: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const ms = Date.now() - started;
    assert.ok(err instanceof FileLimitError, String(err));
    report('oversized index.json', { ms, message: err.message });
    assert.equal(err.file, join(dir, 'index.json'));
    assert.match(err.message, /index\.json: the file is larger than 64 KiB; stopped at the 64 KiB bound: .*--bound index-bytes=/);
  });

  describe('a gzip bomb in an image archive', () => {
    const BOMB = 64 * 1024 * 1024;
    const layer = Buffer.alloc(1024, 7);
    const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { mediaType: MediaType.OciConfig, digest: digestOf(config), size: config.length },
        layers: [{ mediaType: MediaType.OciLayerGzip, digest: digestOf(layer), size: layer.length }],
      }),
    );
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          { mediaType: MediaType.OciManifest, digest: digestOf(manifest), size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': 'v1' } },
        ],
      }),
    );
    const entry = (path: string, data: Buffer) => [encodeHeader({ path, type: 'file', size: data.length }), data, padding(data.length)];
    const blob = (data: Buffer) => `blobs/sha256/${digestOf(data).slice(7)}`;
    /** The layer's entry holds 64 MiB of zeros where the manifest declares 1 KiB; gzip makes that ~64 KiB on disk. */
    const bombEntry = () => [encodeHeader({ path: blob(layer), type: 'file', size: BOMB }), Buffer.alloc(BOMB)];
    const layout = [...entry('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}')), ...entry('index.json', index)];
    const blobs = [...entry(blob(manifest), manifest), ...entry(blob(config), config)];

    async function archive(name: string, parts: Buffer[]): Promise<string> {
      const file = join(tmp, name);
      await writeFile(file, gzipSync(Buffer.concat([...parts, endOfArchive()])));
      return file;
    }

    for (const [order, parts] of [
      ['index.json first', () => [...layout, ...blobs, ...bombEntry()]],
      ['index.json last (as docker save writes)', () => [...bombEntry(), ...blobs, ...layout]],
    ] as const) {
      test(`a declared 1 KiB layer whose entry inflates to 64 MiB is refused, nothing written (${order})`, async () => {
        const file = await archive(`bomb-${order.split(' ')[1]}.tar.gz`, parts());
        const into = join(tmp, `bomb-into-${order.split(' ')[1]}`);
        const started = Date.now();
        const err = await extractLayoutTar(file, into).then(
          () => undefined,
          (e: unknown) => e,
        );
        const ms = Date.now() - started;
        assert.ok(err instanceof InvalidContentError, String(err));
        report(`gzip bomb, ${order}`, { ms, message: err.message });
        assert.equal(
          err.message,
          `refusing ${file}: entry "${blob(layer)}" is 64 MiB but the image's manifests declare 1 KiB for ${digestOf(layer)}; nothing of it was written`,
        );
        assert.deepEqual(await readdir(into).catch(() => []), [], 'what was extracted is removed');
        assert.ok(ms < 5_000, `${ms} ms`);
      });
    }

    test('an entry nothing declares is not written, however large it inflates', async () => {
      const junk = [encodeHeader({ path: 'junk.bin', type: 'file', size: BOMB }), Buffer.alloc(BOMB)];
      const file = await archive('bomb-undeclared.tar.gz', [...layout, ...blobs, ...entry(blob(layer), layer), ...junk]);
      const into = join(tmp, 'bomb-undeclared-into');
      const started = Date.now();
      const result = await extractLayoutTar(file, into);
      report('undeclared 64 MiB entry', { ms: Date.now() - started, message: `imported ${result.files} files, ${result.bytes} bytes` });
      assert.equal(result.files, 5);
      assert.equal(result.bytes, 30 + index.length + manifest.length + config.length + layer.length);
      assert.deepEqual((await readdir(into)).sort(), ['blobs', 'index.json', 'oci-layout']);
    });

    test('an index.json entry past index-bytes names the archive and the entry', async () => {
      const file = await archive('big-index.tar.gz', [...layout, ...blobs]);
      const err = await extractLayoutTar(file, join(tmp, 'big-index-into'), { indexBytes: 64, manifestBytes: 4 * 1024 * 1024 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof FileLimitError, String(err));
      assert.match(
        err.message,
        new RegExp(
          `^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: entry "index.json" is \\d+ bytes, larger than 64 bytes; stopped at the 64 bytes bound: .*--bound index-bytes=`,
        ),
      );
    });
  });
});
