// Registries that lie: a node:http server in the test answers with a wrong Content-Length, bodies that never end,
// huge manifests, pagination that never stops, and a token realm that never answers (a real registry cannot be made to
// do any of this). Each must end in a clear RegistryError or DigestMismatchError, within bounded time and memory.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, describe, test } from 'node:test';
import { DigestMismatchError, RegistryError } from '../../src/errors.js';
import { Secrets, silentLogger } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import type { RegistryReference } from '../../src/oci/reference.js';
import { RegistryStore } from '../../src/store/registry/registry.js';
import { RegistrySession } from '../../src/store/registry/session.js';
import { RegistryClient } from '../../src/transport/client.js';
import { DEFAULT_TIMEOUTS } from '../../src/transport/tls.js';
import { json, startLocalServer, staticCredentials, type Handler } from '../unit/transport-local-server.js';

const SHORT = { headersTimeoutMs: 300, bodyTimeoutMs: 300, connectTimeoutMs: 1000 };
/** Well above SHORT × every retry, well below a hang. */
const BOUND_MS = 8_000;
const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: `sha256:${'0'.repeat(64)}`, size: 2 },
    layers: [],
  }),
);
const manifestDigest = digestOf(manifest);

describe('hostile registry responses', { timeout: 120_000 }, () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
  });

  async function storeFor(
    handler: Handler,
    credential: Parameters<typeof staticCredentials>[0] = { kind: 'anonymous' },
  ): Promise<{ store: RegistryStore; host: string }> {
    const server = await startLocalServer(handler);
    const client = new RegistryClient({
      host: { registry: server.host, tls: 'disabled' },
      credentials: staticCredentials(credential),
      logger: silentLogger,
      secrets: new Secrets(),
      userAgent: 'regkit/test',
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 10 },
      timeouts: SHORT,
    });
    const store = new RegistryStore(new RegistrySession({ client, logger: silentLogger }));
    closers.push(server.close, () => store.close());
    return { store, host: server.host };
  }

  const ref = (host: string, at: { tag?: string; digest?: string }): RegistryReference => ({ scheme: 'registry', registry: host, repository: 'a/b', ...at });

  /** Asserts the promise rejects within BOUND_MS with an error `check` accepts. */
  async function rejectsInTime(what: Promise<unknown>, check: (err: unknown) => boolean): Promise<void> {
    const started = Date.now();
    await assert.rejects(what, check);
    assert.ok(Date.now() - started < BOUND_MS, `took ${Date.now() - started} ms`);
  }

  const isRegistryError = (operation: string, re: RegExp) => (err: unknown) => {
    assert.ok(err instanceof RegistryError, `${(err as Error).name}: ${(err as Error).message}`);
    assert.equal(err.operation, operation);
    assert.match(err.message, re);
    return true;
  };

  test('the transport states its timeouts: none is left at "wait forever"', () => {
    for (const [name, ms] of Object.entries(DEFAULT_TIMEOUTS)) assert.ok(ms > 0 && ms <= 300_000, `${name} = ${ms}`);
  });

  test('Content-Length larger than the body, then the connection closes: a manifest-get RegistryError after retries', async () => {
    let served = 0;
    const { store, host } = await storeFor((_req, res) => {
      served++;
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': String(manifest.length + 100), 'docker-content-digest': manifestDigest });
      res.write(manifest);
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await rejectsInTime(store.getManifest(ref(host, { tag: 'v1' })), isRegistryError('manifest-get', /manifest a\/b:v1 broke off .* after 3 attempts/));
    assert.equal(served, 3);
  });

  test('a truncated manifest once, then the whole one: the read is retried and succeeds', async () => {
    let served = 0;
    const { store, host } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': String(manifest.length), 'docker-content-digest': manifestDigest });
      if (served++ > 0) return void res.end(manifest);
      res.write(manifest.subarray(0, 10));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const got = await store.getManifest(ref(host, { tag: 'v1' }));
    assert.equal(got.digest, manifestDigest);
    assert.equal(served, 2);
  });

  test('a manifest body that never ends (headers, then silence): the body timeout ends it', async () => {
    const open: ServerResponse[] = [];
    const { store, host } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': String(manifest.length) });
      res.write(manifest.subarray(0, 5));
      open.push(res);
    });
    closers.push(async () => open.forEach((r) => r.destroy()));
    await rejectsInTime(store.getManifest(ref(host, { tag: 'v1' })), isRegistryError('manifest-get', /broke off \(UND_ERR_BODY_TIMEOUT/));
  });

  test('a registry that never sends headers: the headers timeout ends it, naming the host', async () => {
    const { store, host } = await storeFor(() => undefined);
    await rejectsInTime(store.headManifest(ref(host, { tag: 'v1' })), isRegistryError('manifest-head', /cannot reach .*UND_ERR_HEADERS_TIMEOUT/));
  });

  test('a manifest whose bytes do not match its digest is a DigestMismatchError, and the read by digest too', async () => {
    const other = Buffer.from(manifest.toString('utf8').replace('"size":2', '"size":3'));
    const { store, host } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': String(other.length), 'docker-content-digest': manifestDigest });
      res.end(other);
    });
    await rejectsInTime(store.getManifest(ref(host, { tag: 'v1' })), (err) => err instanceof DigestMismatchError);
    await rejectsInTime(store.getManifest(ref(host, { digest: manifestDigest })), (err) => err instanceof DigestMismatchError);
  });

  test('a huge manifest streamed without Content-Length is cut at 4 MiB: bounded memory', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const { store, host } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest });
      const pump = () => {
        while (sent < 512 && res.write(chunk)) sent++;
        if (sent < 512 && !res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => (sent = 512));
      pump();
    });
    const rssBefore = process.memoryUsage().rss;
    await rejectsInTime(
      store.getManifest(ref(host, { tag: 'huge' })),
      isRegistryError('manifest-get', /manifest a\/b:huge is larger than 4 MiB; stopped at the 4 MiB bound: .*--bound manifest-bytes=/),
    );
    assert.ok(sent < 512, 'the whole 512 MiB was sent: the client read on past its cap');
    assert.ok(process.memoryUsage().rss - rssBefore < 100 * 1024 * 1024, 'memory grew by more than 100 MB');
  });

  test('pagination whose Link always names a new page but brings nothing new ends in an error', async () => {
    let pages = 0;
    const { store, host } = await storeFor((req, res) => {
      pages++;
      json(res, 200, { name: 'a/b', tags: ['v1'] }, { link: `</v2/a/b/tags/list?n=1&last=v${pages}>; rel="next"` });
      void req;
    });
    await rejectsInTime(store.listTags(ref(host, {})), isRegistryError('tag-list', /Link/));
    assert.ok(pages < 50, `${pages} pages read`);
  });

  test('a tag list that is not JSON is a RegistryError naming the list, not a bare SyntaxError', async () => {
    const { store, host } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>login</html>');
    });
    await rejectsInTime(store.listTags(ref(host, {})), isRegistryError('tag-list', /tag list of a\/b/));
  });

  test('a token realm that never answers fails the request with an auth RegistryError', async () => {
    const realm = await startLocalServer(() => undefined);
    closers.push(realm.close);
    const { store, host } = await storeFor(
      (_req, res) => json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': `Bearer realm="${realm.url}/token",service="hostile"` }),
      { kind: 'basic', username: 'u', password: 'p' },
    );
    await rejectsInTime(store.headManifest(ref(host, { tag: 'v1' })), isRegistryError('auth', /UND_ERR_HEADERS_TIMEOUT/));
    assert.ok(realm.seen.length >= 1, 'the token realm was never asked');
  });
});
