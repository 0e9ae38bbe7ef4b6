// The copy engine between OCI layouts: no registry needed, so every path of the algorithm is checked quickly here;
// registry ↔ registry copies are covered in test/integration.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import type { CopyContext, CopyProgress } from '../../src/copy/options.js';
import { DigestMismatchError, RegistryError, UsageError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import { parseManifest } from '../../src/oci/manifest.js';
import { parseReference, type Reference } from '../../src/oci/reference.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import type { Store } from '../../src/store/store.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';

/** Stores per layout path, each wrapped to count calls by method so cheap paths can be held to their contract. */
class CountingStores {
  readonly calls: string[] = [];
  private readonly stores = new Map<string, Store>();
  storeFor(ref: Reference): Store {
    assert.equal(ref.scheme, 'ocidir');
    const path = ref.scheme === 'ocidir' ? ref.path : '';
    let store = this.stores.get(path);
    if (!store) {
      const real = new OcidirStore(path, { logger: silentLogger });
      store = new Proxy(real, {
        get: (target, prop, receiver) => {
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            this.calls.push(`${path}:${String(prop)}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      this.stores.set(path, store);
    }
    return store;
  }
}

const ref = (s: string): Reference => parseReference(s);

describe('copyImage between OCI layouts', () => {
  let root: string;
  let src: string;
  let image: FixtureImage;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'regkit-copy-'));
    src = join(root, 'src');
    image = await makeImageLayout(src, { tag: 'v1', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], layers: 2, layerSize: 64 * 1024, seed: 'copy' });
  });
  after(() => rm(root, { recursive: true, force: true }));

  const ctx = (stores: CountingStores): CopyContext => ({ stores, logger: silentLogger });

  it('copies a multi-platform index whole, then a second copy is one HEAD on each side', async () => {
    const dst = join(root, 'full');
    const stores = new CountingStores();
    const first = await copyImage(ctx(stores), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`));
    assert.equal(first.status, 'copied');
    assert.equal(first.digest, image.digest);
    const unique = new Set(image.manifests.flatMap((m) => [m.config.digest, ...m.layers.map((l) => l.digest)]));
    assert.equal(first.blobs?.copied, unique.size);
    assert.ok(first.bytes > 3 * 2 * 64 * 1024);
    assert.deepEqual(first.platforms, ['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    const target = new OcidirStore(dst, { logger: silentLogger });
    for (const blob of image.blobs) {
      const bytes = await readFile(join(dst, 'blobs', 'sha256', blob.digest.slice(7)));
      assert.equal(digestOf(bytes), blob.digest, `blob ${blob.digest} verifies`);
    }
    assert.equal((await target.headManifest(ref(`ocidir://${dst}:v1`)))?.digest, image.digest);

    const again = new CountingStores();
    const second = await copyImage(ctx(again), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`));
    assert.equal(second.status, 'skipped');
    assert.equal(second.bytes, 0);
    assert.deepEqual(again.calls.sort(), [`${dst}:headManifest`, `${src}:headManifest`]);
  });

  it('counts progress beside a target that starts reading late, and every byte still lands', async () => {
    // A layout store checks the disk before it reads the body: a progress listener that set the body flowing would drop
    // what arrived meanwhile, and the blob would fail its digest.
    const dst = join(root, 'progress');
    const seen: CopyProgress[] = [];
    const result = await copyImage({ ...ctx(new CountingStores()), onProgress: (p) => seen.push(p) }, ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`));
    assert.equal(result.status, 'copied');
    const last = seen.at(-1);
    assert.ok(last && last.bytesDone === result.bytes && last.bytesTotal === result.bytes, JSON.stringify(last));
  });

  it('retags inside one layout without touching a blob', async () => {
    const stores = new CountingStores();
    const result = await copyImage(ctx(stores), ref(`ocidir://${src}:v1`), ref(`ocidir://${src}:stable`));
    assert.equal(result.status, 'copied');
    assert.equal(result.bytes, 0);
    assert.equal(result.blobs?.copied, 0);
    assert.ok(!stores.calls.some((c) => /Blob/.test(c)), `no blob calls, got ${stores.calls.join(' ')}`);
    assert.equal((await new OcidirStore(src, { logger: silentLogger }).headManifest(ref(`ocidir://${src}:stable`)))?.digest, image.digest);
  });

  it('one --platform copies that platform’s image manifest to the tag', async () => {
    const dst = join(root, 'one');
    const arm64 = image.manifests.find((m) => m.platform.architecture === 'arm64')!;
    const result = await copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`), { platforms: ['linux/arm64'] });
    assert.equal(result.digest, arm64.digest);
    assert.equal(result.blobs?.copied, 1 + arm64.layers.length);
    const head = await new OcidirStore(dst, { logger: silentLogger }).headManifest(ref(`ocidir://${dst}:v1`));
    assert.equal(head?.digest, arm64.digest);
  });

  it('several platforms copy an index rewritten to list just those, and a re-run is a no-op', async () => {
    const dst = join(root, 'two');
    const result = await copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`), {
      platforms: ['linux/amd64', 'linux/arm/v7'],
    });
    const stored = await new OcidirStore(dst, { logger: silentLogger }).getManifest(ref(`ocidir://${dst}:v1`));
    const parsed = parseManifest(stored.bytes, stored.mediaType);
    assert.equal(parsed.kind, 'index');
    assert.deepEqual(parsed.kind === 'index' && parsed.index.manifests.map((d) => `${d.platform?.architecture}${d.platform?.variant ?? ''}`), [
      'amd64',
      'armv7',
    ]);
    assert.equal(result.digest, stored.digest);
    const again = await copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`), {
      platforms: ['linux/amd64', 'linux/arm/v7'],
    });
    assert.equal(again.status, 'skipped');
  });

  it('a sparse index keeps the source digest, copies only the chosen children, and a re-run is one HEAD each', async () => {
    const dst = join(root, 'sparse');
    const wanted = image.manifests.filter((m) => m.platform.architecture !== 'arm64');
    const result = await copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`), {
      platforms: ['linux/amd64', 'linux/arm/v7'],
      sparseIndex: true,
    });
    assert.equal(result.digest, image.digest);
    assert.deepEqual(result.platforms, ['linux/amd64', 'linux/arm/v7']);
    const target = new OcidirStore(dst, { logger: silentLogger });
    for (const m of image.manifests) {
      const present = await target.headManifest(ref(`ocidir://${dst}@${m.digest}`));
      assert.equal(present !== undefined, wanted.includes(m), `${m.platform.architecture} present: ${present !== undefined}`);
    }
    const again = new CountingStores();
    const second = await copyImage(ctx(again), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`), {
      platforms: ['linux/amd64', 'linux/arm/v7'],
      sparseIndex: true,
    });
    assert.equal(second.status, 'skipped');
    assert.deepEqual(again.calls.sort(), [`${dst}:headManifest`, `${src}:headManifest`]);
  });

  it('a dry run reports what it would copy and writes nothing', async () => {
    const dst = join(root, 'dry');
    const stores = new CountingStores();
    const result = await copyImage(ctx(stores), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:v1`), { dryRun: true });
    assert.equal(result.status, 'would-copy');
    assert.ok(result.bytes > 0);
    assert.ok(!stores.calls.some((c) => /put|delete|mount/i.test(c)), `no writes, got ${stores.calls.join(' ')}`);
  });

  it('names the missing source, and rejects a platform it cannot parse', async () => {
    await assert.rejects(copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:nope`), ref(`ocidir://${root}/x:v1`)), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.ok(err.notFound);
      assert.match(err.message, /ocidir:\/\/.*src:nope not found/);
      assert.doesNotMatch(err.message, /HTTP/);
      return true;
    });
    await assert.rejects(copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:v1`), ref(`ocidir://${root}/x:v1`), { platforms: ['linux'] }), UsageError);
    await assert.rejects(
      copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:v1`), ref(`ocidir://${root}/x:v1`), { platforms: ['windows/amd64'] }),
      /has no manifest for windows\/amd64; it has: linux\/amd64, linux\/arm64, linux\/arm\/v7/,
    );
  });

  it('a source blob whose bytes do not match its digest fails the copy and leaves the target tag as it was', async () => {
    const bad = join(root, 'bad');
    const fixture = await makeImageLayout(bad, { tag: 'v2', platforms: ['linux/amd64'], layers: 1, layerSize: 4096, seed: 'bad' });
    const dst = join(root, 'victim');
    await copyImage(ctx(new CountingStores()), ref(`ocidir://${src}:v1`), ref(`ocidir://${dst}:app`), { platforms: ['linux/amd64'] });
    const before = await new OcidirStore(dst, { logger: silentLogger }).headManifest(ref(`ocidir://${dst}:app`));
    const layer = fixture.manifests[0]!.layers[0]!;
    const path = join(bad, 'blobs', 'sha256', layer.digest.slice(7));
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(path, bytes);
    await assert.rejects(copyImage(ctx(new CountingStores()), ref(`ocidir://${bad}:v2`), ref(`ocidir://${dst}:app`)), DigestMismatchError);
    const afterHead = await new OcidirStore(dst, { logger: silentLogger }).headManifest(ref(`ocidir://${dst}:app`));
    assert.equal(afterHead?.digest, before?.digest);
    assert.equal(await new OcidirStore(dst, { logger: silentLogger }).headBlob(ref(`ocidir://${dst}`), layer.digest), undefined);
  });
});
