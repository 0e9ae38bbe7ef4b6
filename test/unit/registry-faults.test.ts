// Registry store behaviour on answers a real distribution registry cannot be made to give: oversized or corrupted
// manifests, lying digests, odd Link headers. Everything a real registry can show is in the integration tests.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { DigestMismatchError, RegistryError, RegistryLimitError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import type { RegistryReference } from '../../src/oci/reference.js';
import { RegistryStore } from '../../src/store/registry/registry.js';
import { RegistrySession } from '../../src/store/registry/session.js';
import { nextLink } from '../../src/store/registry/list.js';
import { DEFAULT_BOUNDS } from '../../src/config/bounds.js';
import { referrersTag } from '../../src/store/registry/referrers.js';
import { json, startLocalServer, testClient, type Handler, type LocalServer } from './transport-local-server.js';

describe('Link headers', () => {
  test('rel="next" among other links, quoted or not, relative or absolute', () => {
    assert.equal(nextLink('</v2/a/tags/list?n=2&last=b>; rel="next"'), '/v2/a/tags/list?n=2&last=b');
    assert.equal(nextLink('<https://r/x?last=1>; rel=next'), 'https://r/x?last=1');
    assert.equal(nextLink('</first>; rel="prev", </second>; rel="next"'), '/second');
    assert.equal(nextLink('</x>; rel="prefetch"'), undefined);
    assert.equal(nextLink(undefined), undefined);
  });

  test('the referrers fallback tag replaces the colon', () => {
    assert.equal(referrersTag(`sha256:${'a'.repeat(64)}`), `sha256-${'a'.repeat(64)}`);
  });
});

describe('registry store against a faulty server', () => {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of closers) await c();
  });
  async function storeFor(handler: Handler): Promise<{ store: RegistryStore; server: LocalServer; ref: (s: string) => RegistryReference }> {
    const server = await startLocalServer(handler);
    const store = new RegistryStore(new RegistrySession({ client: testClient(server.host, { retries: 1 }), logger: silentLogger }));
    closers.push(() => store.close(), server.close);
    const ref = (s: string): RegistryReference => {
      const at = s.includes('@') ? s.indexOf('@') : s.lastIndexOf(':');
      const repository = s.slice(0, at);
      return s.includes('@')
        ? { scheme: 'registry', registry: server.host, repository, digest: s.slice(at + 1) }
        : { scheme: 'registry', registry: server.host, repository, tag: s.slice(at + 1) };
    };
    return { store, server, ref };
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: `sha256:${'0'.repeat(64)}`, size: 2 },
      layers: [],
    }),
  );

  test('a manifest above 4 MiB is refused with a clear error', async () => {
    const big = Buffer.alloc(DEFAULT_BOUNDS.manifestBytes + 10, 0x20);
    const { store, ref } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest });
      res.end(big);
    });
    await assert.rejects(store.getManifest(ref('a/b:big')), (err: unknown) => {
      assert.ok(err instanceof RegistryLimitError);
      assert.match(err.message, /manifest-get on .*\/a\/b: manifest a\/b:big is larger than 4 MiB; stopped at the 4 MiB bound: .* --bound manifest-bytes=/);
      return true;
    });
  });

  test('a manifest whose bytes do not match Docker-Content-Digest is a DigestMismatchError', async () => {
    const wrong = digestOf(Buffer.from('something else'));
    const { store, ref } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'docker-content-digest': wrong, 'content-length': manifest.length });
      res.end(manifest);
    });
    await assert.rejects(
      store.getManifest(ref('a/b:v1')),
      (err: unknown) => err instanceof DigestMismatchError && err.expected === wrong && err.actual === digestOf(manifest),
    );
  });

  test('a manifest fetched by digest is checked against that digest, whatever the headers say', async () => {
    const asked = digestOf(Buffer.from('the one I wanted'));
    const { store, ref } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest });
      res.end(manifest);
    });
    await assert.rejects(store.getManifest(ref(`a/b@${asked}`)), DigestMismatchError);
  });

  test('HEAD without Docker-Content-Digest falls back to GET and hashes the bytes', async () => {
    const { store, server, ref } = await storeFor((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest, 'content-length': manifest.length });
      res.end(manifest);
    });
    const head = await store.headManifest(ref('a/b:v1'));
    assert.deepEqual(head, { digest: digestOf(manifest), mediaType: MediaType.OciManifest, size: manifest.length });
    assert.deepEqual(
      server.seen.map((r) => r.method),
      ['HEAD', 'GET'],
    );
    assert.match(
      String(server.seen[1]!.headers.accept),
      /application\/vnd\.oci\.image\.index\.v1\+json.*application\/vnd\.docker\.distribution\.manifest\.v2\+json/,
    );
  });

  test('a PUT the registry stores under another digest is a DigestMismatchError', async () => {
    const { store, ref } = await storeFor((_req, res) => json(res, 201, {}, { 'docker-content-digest': digestOf(Buffer.from('x')) }));
    await assert.rejects(store.putManifest(ref('a/b:v1'), manifest, MediaType.OciManifest), DigestMismatchError);
  });

  test('a Link header that loops is an error, not an endless list', async () => {
    const { store, ref } = await storeFor((_req, res) => json(res, 200, { name: 'a/b', tags: ['x'] }, { link: '</v2/a/b/tags/list?n=1&last=x>; rel="next"' }));
    await assert.rejects(store.listTags(ref('a/b:x')), /Link header points back to a page already read/);
  });

  test('rate-limit headers come back with the manifest head', async () => {
    const { store, ref } = await storeFor((_req, res) => {
      res.writeHead(200, {
        'content-type': MediaType.OciManifest,
        'content-length': manifest.length,
        'docker-content-digest': digestOf(manifest),
        'ratelimit-limit': '100;w=21600',
        'ratelimit-remaining': '76;w=21600',
      });
      res.end();
    });
    const head = await store.headManifest(ref('a/b:v1'));
    assert.deepEqual(head?.rateLimit, { set: true, limit: 100, remaining: 76, policies: ['100;w=21600'] });
  });

  test('403 and 404 say what was refused or is missing', async () => {
    const { store, ref } = await storeFor((req, res) =>
      req.url?.includes('/blobs/')
        ? json(res, 404, { errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' }] })
        : json(res, 403, { errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }),
    );
    const digest = `sha256:${'1'.repeat(64)}`;
    await assert.rejects(store.getBlob(ref('a/b:x'), { mediaType: MediaType.OciLayerGzip, digest, size: 1 }), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.match(err.message, new RegExp(`blob-get on .*/a/b \\(HTTP 404 BLOB_UNKNOWN\\): blob ${digest} not found`));
      return true;
    });
    await assert.rejects(store.getManifest(ref('a/b:v1')), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.match(err.message, /manifest-get on .*\/a\/b \(HTTP 403 DENIED\): access to manifest a\/b:v1 denied .*lack permission/);
      return true;
    });
  });
});
