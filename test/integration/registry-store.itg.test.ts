// The registry Store against real distribution 2.8 registries in every auth mode, checked through the registry's
// own access log and with skopeo as the independent reader.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { DigestMismatchError, RegistryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import type { Descriptor, ImageManifest } from '../../src/oci/manifest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import type { RegistryReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import type { HostConfig } from '../../src/config/hostconfig.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startProxy, type RunningProxy } from '../harness/proxy.js';
import { startRegistry, type AccessRecord, type RegistryAuth, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';

const REPO = 'team/app';

function hostFor(reg: { host: string }, creds: RunningRegistry, extra: Partial<HostConfig> = {}): HostConfig {
  return { registry: reg.host, tls: 'disabled', ...(creds.username ? { user: creds.username, pass: creds.password! } : {}), ...extra };
}

function refOf(registry: string, repository: string, at: { tag?: string; digest?: string } = {}): RegistryReference {
  return { scheme: 'registry', registry, repository, ...at };
}

async function sha256Of(stream: Readable): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of stream) h.update(chunk as Buffer);
  return `sha256:${h.digest('hex')}`;
}

const summary = (log: AccessRecord[]) => log.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
/** Requests that reached the registry's handlers, leaving out the 401s of the auth handshake. */
const served = (log: AccessRecord[]) => summary(log.filter((r) => r.status !== 401));
const uploadId = (line: string) => line.replace(/uploads\/[^ ]+/, 'uploads/ID');

for (const mode of ['none', 'basic', 'token'] as RegistryAuth[]) {
  describe(`registry store, auth ${mode}`, () => {
    let reg: RunningRegistry;
    let work: string;
    let fx: FixtureImage;
    let sets: StoreSet[] = [];
    let store: Store;
    const layoutDir = () => join(work, 'layout');

    function openStore(extra: Partial<HostConfig> = {}, host: { host: string } = reg): Store {
      const set = new StoreSet({ hosts: [hostFor(host, reg, extra)], logger: silentLogger, useDockerConfig: false, retry: { baseDelayMs: 10 } });
      sets.push(set);
      return set.storeForRegistry(host.host);
    }

    before(async () => {
      work = await makeTempDir('regkit-store-itg-');
      fx = await makeImageLayout(layoutDir(), { tag: 'v1', platforms: ['linux/amd64', 'linux/arm64'], layers: 2, layerSize: 48 * 1024, seed: `store-${mode}` });
      reg = await startRegistry({ auth: mode });
      await skopeoCopy(`oci:${layoutDir()}:v1`, `docker://${reg.host}/${REPO}:v1`, { all: true, destCreds: reg.credentials });
      store = openStore();
    });
    after(async () => {
      for (const s of sets) await s.close();
      sets = [];
      await reg?.stop();
      await removeTempDir(work);
    });

    test('manifest HEAD is one request once authenticated, and GET returns the exact bytes', async () => {
      const ref = refOf(reg.host, REPO, { tag: 'v1' });
      await store.headManifest(ref);
      reg.clearRequests();
      const head = await store.headManifest(ref);
      assert.deepEqual(head, { digest: fx.digest, mediaType: fx.mediaType, size: fx.size });
      assert.deepEqual(summary(reg.requests()), [`HEAD /v2/${REPO}/manifests/v1 200`]);
      const got = await store.getManifest(ref);
      assert.deepEqual(Buffer.from(got.bytes), await readFile(join(layoutDir(), 'blobs', 'sha256', fx.digest.slice(7))));
      assert.equal(got.digest, fx.digest);
      const byDigest = await store.getManifest(refOf(reg.host, REPO, { digest: fx.manifests[0]!.digest }));
      assert.equal(byDigest.mediaType, MediaType.OciManifest);
    });

    test('a missing manifest: HEAD answers undefined, GET a 404 naming repo and tag', async () => {
      assert.equal(await store.headManifest(refOf(reg.host, REPO, { tag: 'nope' })), undefined);
      await assert.rejects(store.getManifest(refOf(reg.host, REPO, { tag: 'nope' })), (err: unknown) => {
        assert.ok(err instanceof RegistryError);
        assert.equal(err.status, 404);
        assert.match(err.message, /manifest team\/app:nope not found/);
        return true;
      });
    });

    test('blob HEAD and streaming GET; a missing blob is undefined', async () => {
      const layer = fx.manifests[0]!.layers[0]!;
      const repo = refOf(reg.host, REPO);
      assert.equal(await store.headBlob(repo, layer.digest), layer.size);
      assert.equal(await sha256Of(await store.getBlob(repo, layer)), layer.digest);
      assert.equal(await store.headBlob(repo, digestOf(Buffer.from('absent'))), undefined);
    });

    test('monolithic upload: POST then one PUT, streamed from a GET on the same registry', async () => {
      const layer = fx.manifests[0]!.layers[1]!;
      const target = refOf(reg.host, 'team/mono');
      await store.headBlob(target, layer.digest);
      reg.clearRequests();
      await store.putBlob(target, layer, await store.getBlob(refOf(reg.host, REPO), layer));
      assert.deepEqual(served(reg.requests()).map(uploadId), [
        `GET /v2/${REPO}/blobs/${layer.digest} 200`,
        'POST /v2/team/mono/blobs/uploads/ 202',
        'PUT /v2/team/mono/blobs/uploads/ID 201',
      ]);
      assert.equal(await store.headBlob(target, layer.digest), layer.size);
    });

    test('chunked upload above blobMax: PATCH chunks then the closing PUT', async () => {
      const chunked = openStore({ blobMax: 16 * 1024, blobChunk: 16 * 1024 });
      const layer = fx.manifests[1]!.layers[0]!;
      const target = refOf(reg.host, 'team/chunked');
      await chunked.headBlob(target, layer.digest);
      reg.clearRequests();
      await chunked.putBlob(target, layer, await store.getBlob(refOf(reg.host, REPO), layer));
      const log = served(reg.requests());
      assert.ok(log.filter((l) => l.startsWith('PATCH /v2/team/chunked/blobs/uploads/') && l.endsWith(' 202')).length >= 2, log.join('\n'));
      assert.ok(log.at(-1)!.startsWith('PUT /v2/team/chunked/blobs/uploads/') && log.at(-1)!.endsWith(' 201'), log.join('\n'));
      assert.equal(await store.headBlob(target, layer.digest), layer.size);
      assert.equal(await sha256Of(await store.getBlob(target, layer)), layer.digest);
    });

    test('mount between repositories moves no bytes; an unknown blob is declined and its session cancelled', async () => {
      const layer = fx.manifests[1]!.layers[1]!;
      const target = refOf(reg.host, 'team/mounted');
      await store.headBlob(target, layer.digest);
      reg.clearRequests();
      assert.equal(await store.mountBlob(target, layer.digest, refOf(reg.host, REPO)), true);
      assert.deepEqual(served(reg.requests()), ['POST /v2/team/mounted/blobs/uploads/ 201']);
      assert.equal(await store.headBlob(target, layer.digest), layer.size);
      reg.clearRequests();
      assert.equal(await store.mountBlob(target, digestOf(Buffer.from('nowhere')), refOf(reg.host, REPO)), false);
      assert.deepEqual(served(reg.requests()).map(uploadId), ['POST /v2/team/mounted/blobs/uploads/ 202', 'DELETE /v2/team/mounted/blobs/uploads/ID 204']);
    });

    test('putManifest by tag after mounting its blobs; skopeo reads back the same bytes', async () => {
      const m = fx.manifests[0]!;
      const target = refOf(reg.host, 'team/copy');
      for (const b of [m.config, ...m.layers]) assert.equal(await store.mountBlob(target, b.digest, refOf(reg.host, REPO)), true);
      const bytes = (await store.getManifest(refOf(reg.host, REPO, { digest: m.digest }))).bytes;
      const digest = await store.putManifest(refOf(reg.host, 'team/copy', { tag: 'one' }), bytes, m.mediaType);
      assert.equal(digest, m.digest);
      assert.deepEqual(await skopeoInspectRaw(`docker://${reg.host}/team/copy:one`, reg.credentials), Buffer.from(bytes));
    });

    test('a blob whose bytes do not match its digest: DigestMismatchError, nothing stored', async () => {
      const claimed: Descriptor = { mediaType: MediaType.OciLayerGzip, digest: digestOf(Buffer.from('what it should be')), size: 17 };
      const target = refOf(reg.host, 'team/bad');
      await assert.rejects(store.putBlob(target, claimed, Readable.from([Buffer.from('what it really is')])), DigestMismatchError);
      assert.equal(await store.headBlob(target, claimed.digest), undefined);
      const chunked = openStore({ blobMax: 8, blobChunk: 8 });
      await assert.rejects(chunked.putBlob(target, claimed, Readable.from([Buffer.from('what it really is')])), DigestMismatchError);
      assert.equal(await store.headBlob(target, claimed.digest), undefined);
    });

    test('referrers through the fallback tag, since distribution 2.8 has no referrers API', async () => {
      const subject = fx.manifests[0]!;
      const config = Buffer.from('{}');
      const repo = refOf(reg.host, REPO);
      await store.putBlob(repo, { mediaType: MediaType.OciEmpty, digest: digestOf(config), size: 2 }, Readable.from([config]));
      const artifact = (type: string): Buffer =>
        Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: MediaType.OciManifest,
            artifactType: type,
            config: { mediaType: MediaType.OciEmpty, digest: digestOf(config), size: 2 },
            layers: [{ mediaType: MediaType.OciEmpty, digest: digestOf(config), size: 2 }],
            subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
          } satisfies ImageManifest),
        );
      const sbom = await store.putManifest(
        refOf(reg.host, REPO, { digest: digestOf(artifact('application/spdx+json')) }),
        artifact('application/spdx+json'),
        MediaType.OciManifest,
      );
      const sig = await store.putManifest(
        refOf(reg.host, REPO, { digest: digestOf(artifact('application/vnd.dev.cosign')) }),
        artifact('application/vnd.dev.cosign'),
        MediaType.OciManifest,
      );
      reg.clearRequests();
      const all = await store.listReferrers(refOf(reg.host, REPO, { digest: subject.digest }));
      assert.deepEqual(
        all.map((d) => [d.digest, d.artifactType]),
        [
          [sbom, 'application/spdx+json'],
          [sig, 'application/vnd.dev.cosign'],
        ],
      );
      assert.deepEqual(served(reg.requests()), [
        `GET /v2/${REPO}/referrers/${subject.digest} 404`,
        `GET /v2/${REPO}/manifests/sha256-${subject.digest.slice(7)} 200`,
      ]);
      reg.clearRequests();
      const filtered = await store.listReferrers(refOf(reg.host, REPO, { digest: subject.digest }), { artifactType: 'application/spdx+json' });
      assert.deepEqual(
        filtered.map((d) => d.digest),
        [sbom],
      );
      assert.equal(served(reg.requests()).length, 1, 'the missing API is remembered');
      assert.deepEqual(await store.listReferrers(refOf(reg.host, REPO, { digest: fx.manifests[1]!.digest })), []);
    });

    test('referrers of one subject pushed at once all land in its fallback index', async () => {
      const subject = fx.manifests[1]!;
      const config = Buffer.from('{}');
      const empty = { mediaType: MediaType.OciEmpty, digest: digestOf(config), size: 2 };
      await store.putBlob(refOf(reg.host, REPO), empty, Readable.from([config]));
      const artifacts = Array.from({ length: 6 }, (_, i) =>
        Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            mediaType: MediaType.OciManifest,
            artifactType: `application/vnd.regkit.test.${i}`,
            config: empty,
            layers: [empty],
            subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
          } satisfies ImageManifest),
        ),
      );
      const pushed = await Promise.all(artifacts.map((a) => store.putManifest(refOf(reg.host, REPO, { digest: digestOf(a) }), a, MediaType.OciManifest)));
      const listed = await store.listReferrers(refOf(reg.host, REPO, { digest: subject.digest }));
      assert.deepEqual(listed.map((d) => d.digest).sort(), [...pushed].sort());
    });

    test('tag delete leaves a sibling tag on the same digest, and the digest, alive', async () => {
      const m = fx.manifests[1]!;
      const bytes = (await store.getManifest(refOf(reg.host, REPO, { digest: m.digest }))).bytes;
      await store.putManifest(refOf(reg.host, REPO, { tag: 'keep' }), bytes, m.mediaType);
      await store.putManifest(refOf(reg.host, REPO, { tag: 'drop' }), bytes, m.mediaType);
      await store.deleteTag(refOf(reg.host, REPO, { tag: 'drop' }));
      const tags: string[] = await store.listTags(refOf(reg.host, REPO));
      assert.ok(tags.includes('keep') && !tags.includes('drop'), tags.join(','));
      assert.equal((await store.headManifest(refOf(reg.host, REPO, { tag: 'keep' })))?.digest, m.digest);
      assert.equal((await store.headManifest(refOf(reg.host, REPO, { digest: m.digest })))?.digest, m.digest);
      assert.ok((await skopeoListTags(`docker://${reg.host}/${REPO}`, reg.credentials)).includes('keep'));
      await assert.rejects(store.deleteTag(refOf(reg.host, REPO, { tag: 'drop' })), /tag team\/app:drop not found/);
    });

    test('after the first tag delete, each is one manifest PUT and one DELETE: refusal and throwaway blobs are remembered', async () => {
      const m = fx.manifests[1]!;
      const bytes = (await store.getManifest(refOf(reg.host, REPO, { digest: m.digest }))).bytes;
      const tags = ['t0', 't1', 't2', 't3'];
      for (const tag of tags) await store.putManifest(refOf(reg.host, REPO, { tag }), bytes, m.mediaType);
      await store.deleteTag(refOf(reg.host, REPO, { tag: 't0' }));
      reg.clearRequests();
      for (const tag of tags.slice(1)) {
        const ref = refOf(reg.host, REPO, { tag });
        await store.deleteTag(ref, await store.headManifest(ref));
      }
      const calls = reg
        .requests()
        .filter((r) => r.status !== 401)
        .map((r) => r.method);
      assert.deepEqual(calls, ['HEAD', 'PUT', 'DELETE', 'HEAD', 'PUT', 'DELETE', 'HEAD', 'PUT', 'DELETE']);
      const left = await store.listTags(refOf(reg.host, REPO));
      assert.deepEqual(
        left.filter((t) => tags.includes(t)),
        [],
      );
      assert.equal((await store.headManifest(refOf(reg.host, REPO, { digest: m.digest })))?.digest, m.digest);
    });

    test('tags deleted at once share the throwaway DELETE; sibling tags and the image stay', async () => {
      const m = fx.manifests[1]!;
      const bytes = (await store.getManifest(refOf(reg.host, REPO, { digest: m.digest }))).bytes;
      const tags = Array.from({ length: 8 }, (_, i) => `p${i}`);
      for (const tag of [...tags, 'stays']) await store.putManifest(refOf(reg.host, REPO, { tag }), bytes, m.mediaType);
      await store.deleteTag(refOf(reg.host, REPO, { tag: tags[0]! }));
      const heads = await Promise.all(tags.slice(1).map((tag) => store.headManifest(refOf(reg.host, REPO, { tag }))));
      reg.clearRequests();
      await Promise.all(tags.slice(1).map((tag, i) => store.deleteTag(refOf(reg.host, REPO, { tag }), heads[i])));
      const calls = reg.requests().filter((r) => r.status !== 401);
      assert.equal(calls.filter((r) => r.method === 'PUT').length, 7);
      assert.ok(calls.filter((r) => r.method === 'DELETE').length < 7, calls.map((r) => `${r.method} ${r.path}`).join('\n'));
      const left: string[] = await store.listTags(refOf(reg.host, REPO));
      assert.deepEqual(
        left.filter((t) => tags.includes(t)),
        [],
      );
      assert.ok(left.includes('stays'));
      assert.equal((await store.headManifest(refOf(reg.host, REPO, { tag: 'stays' })))?.digest, m.digest);
      assert.ok((await skopeoListTags(`docker://${reg.host}/${REPO}`, reg.credentials)).includes('stays'));
    });

    test('manifest delete by digest removes it', async () => {
      const m = fx.manifests[0]!;
      const bytes = (await store.getManifest(refOf(reg.host, REPO, { digest: m.digest }))).bytes;
      for (const b of [m.config, ...m.layers]) await store.mountBlob(refOf(reg.host, 'team/gone'), b.digest, refOf(reg.host, REPO));
      await store.putManifest(refOf(reg.host, 'team/gone', { tag: 'x' }), bytes, m.mediaType);
      await store.deleteManifest(refOf(reg.host, 'team/gone', { digest: m.digest }));
      assert.equal(await store.headManifest(refOf(reg.host, 'team/gone', { digest: m.digest })), undefined);
      assert.equal((await store.headManifest(refOf(reg.host, REPO, { digest: m.digest })))?.digest, m.digest, 'the same digest in another repository stays');
    });

    describe('paged lists through a proxy', () => {
      let proxy: RunningProxy;
      before(async () => {
        const m = fx.manifests[0]!;
        const bytes = (await store.getManifest(refOf(reg.host, REPO, { digest: m.digest }))).bytes;
        for (const b of [m.config, ...m.layers]) await store.mountBlob(refOf(reg.host, 'team/many'), b.digest, refOf(reg.host, REPO));
        const tags = Array.from({ length: 120 }, (_, i) => `t${String(i).padStart(3, '0')}`);
        for (let i = 0; i < tags.length; i += 8)
          await Promise.all(tags.slice(i, i + 8).map((t) => store.putManifest(refOf(reg.host, 'team/many', { tag: t }), bytes, m.mediaType)));
        proxy = await startProxy(reg.host, { pageSize: 50 });
      });
      after(async () => proxy?.stop());

      test('tag list past 100 tags follows Link pages', async () => {
        const viaProxy = openStore({}, proxy);
        const tags = await viaProxy.listTags(refOf(proxy.host, 'team/many'));
        assert.equal(tags.length, 120);
        assert.equal(new Set(tags).size, 120);
        assert.equal(proxy.requests().filter((r) => r.path.includes('/tags/list') && r.status === 200).length, 3);
      });

      test('catalog pages too', async () => {
        const viaProxy = openStore({}, proxy);
        const small = await startProxy(reg.host, { pageSize: 2 });
        try {
          const repos = await openStore({}, small).listRepositories();
          assert.ok(
            ['team/app', 'team/copy', 'team/many', 'team/mono', 'team/chunked', 'team/mounted'].every((r) => repos.includes(r)),
            repos.join(','),
          );
          assert.ok(small.requests().filter((r) => r.path.startsWith('/v2/_catalog')).length >= 3);
          assert.deepEqual(await viaProxy.listRepositories(), repos);
        } finally {
          await small.stop();
        }
      });
    });
  });
}

describe('registry with deletes disabled', () => {
  let reg: RunningRegistry;
  let set: StoreSet;
  let work: string;
  before(async () => {
    work = await makeTempDir('regkit-nodelete-');
    await makeImageLayout(join(work, 'layout'), { tag: 'v1', seed: 'nodelete' });
    reg = await startRegistry({ auth: 'none', deleteEnabled: false });
    await skopeoCopy(`oci:${join(work, 'layout')}:v1`, `docker://${reg.host}/${REPO}:v1`);
    set = new StoreSet({ hosts: [{ registry: reg.host, tls: 'disabled' }], logger: silentLogger, useDockerConfig: false });
  });
  after(async () => {
    await set?.close();
    await reg?.stop();
    await removeTempDir(work);
  });

  test('tag delete says deletes are disabled and how to enable them, and leaves the tag as it was', async () => {
    const store = set.storeForRegistry(reg.host);
    const before = await store.headManifest(refOf(reg.host, REPO, { tag: 'v1' }));
    await assert.rejects(store.deleteTag(refOf(reg.host, REPO, { tag: 'v1' })), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.status, 405);
      assert.match(err.message, /refused to delete .*deletes are turned off there.*REGISTRY_STORAGE_DELETE_ENABLED=true/);
      return true;
    });
    assert.deepEqual(await store.headManifest(refOf(reg.host, REPO, { tag: 'v1' })), before);
  });
});
