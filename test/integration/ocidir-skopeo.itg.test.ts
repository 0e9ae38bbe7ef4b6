// OcidirStore against skopeo's `oci:` transport: what one writes, the other reads with identical digests.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import { parseManifest, referencedDescriptors, type Descriptor } from '../../src/oci/manifest.js';
import { parseReference, type Reference } from '../../src/oci/reference.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { skopeoCopy, skopeoInspectRaw } from '../harness/skopeo.js';

let tmp: string;
let source: string;
let multi: FixtureImage;
let single: FixtureImage;

before(async () => {
  tmp = await makeTempDir('regkit-ocidir-skopeo-');
  source = join(tmp, 'generated');
  multi = await makeImageLayout(source, { tag: 'multi', platforms: ['linux/amd64', 'linux/arm64'], layers: 2, layerSize: 100_000, seed: 'itg-multi' });
  single = await makeImageLayout(source, { tag: 'single', layers: 3, layerSize: 50_000, seed: 'itg-single' });
});
after(async () => {
  await removeTempDir(tmp);
});

const ocidir = (dir: string, suffix = ''): Reference => parseReference(`ocidir://${dir}${suffix}`);

/** Copies one tag between layouts through the Store interface: children by digest first, the tag last. */
async function copyTag(from: OcidirStore, fromDir: string, to: OcidirStore, toDir: string, tag: string): Promise<string> {
  const copyManifest = async (ref: Reference, target: Reference): Promise<string> => {
    const m = await from.getManifest(ref);
    const parsed = parseManifest(m.bytes, m.mediaType);
    for (const d of referencedDescriptors(parsed)) {
      if (parsed.kind === 'index') await copyManifest(ocidir(fromDir, `@${d.digest}`), ocidir(toDir, `@${d.digest}`));
      else await to.putBlob(ocidir(toDir), d, await from.getBlob(ocidir(fromDir), d));
    }
    return to.putManifest(target, m.bytes, m.mediaType);
  };
  return copyManifest(ocidir(fromDir, `:${tag}`), ocidir(toDir, `:${tag}`));
}

/** Every blob an image or index reaches, read through the store (which verifies manifests) and hashed. */
async function checkComplete(store: OcidirStore, dir: string, top: Descriptor): Promise<number> {
  let count = 0;
  const walk = async (d: Descriptor): Promise<void> => {
    const m = await store.getManifest(ocidir(dir, `@${d.digest}`));
    count++;
    const parsed = parseManifest(m.bytes, m.mediaType);
    for (const child of referencedDescriptors(parsed)) {
      if (parsed.kind === 'index') await walk(child);
      else {
        assert.equal(digestOf(await buffer(await store.getBlob(ocidir(dir), child))), child.digest);
        count++;
      }
    }
  };
  await walk(top);
  return count;
}

describe('OcidirStore and skopeo', () => {
  it('writes a 2-platform index that skopeo reads with identical digest, and copies onward', async () => {
    const written = join(tmp, 'written-by-regkit');
    const from = new OcidirStore(source, { logger: silentLogger });
    const store = new OcidirStore(written, { logger: silentLogger });
    const digest = await copyTag(from, source, store, written, 'multi');
    assert.equal(digest, multi.digest);

    const raw = await skopeoInspectRaw(`oci:${written}:multi`);
    assert.equal(digestOf(raw), multi.digest);
    assert.deepEqual(raw, await readFile(join(source, 'blobs', 'sha256', multi.digest.slice(7))));

    const onward = join(tmp, 'copied-by-skopeo');
    await skopeoCopy(`oci:${written}:multi`, `oci:${onward}:multi`, { all: true });
    assert.equal(digestOf(await skopeoInspectRaw(`oci:${onward}:multi`)), multi.digest);
  });

  it('writes a single image skopeo copies without --all', async () => {
    const written = join(tmp, 'single-by-regkit');
    const store = new OcidirStore(written, { logger: silentLogger });
    await copyTag(new OcidirStore(source, { logger: silentLogger }), source, store, written, 'single');
    const onward = join(tmp, 'single-by-skopeo');
    await skopeoCopy(`oci:${written}:single`, `oci:${onward}:renamed`);
    assert.equal(digestOf(await skopeoInspectRaw(`oci:${onward}:renamed`)), single.digest);
  });

  it('reads a layout skopeo wrote: tags, index, children, config and layers', async () => {
    const bySkopeo = join(tmp, 'written-by-skopeo');
    await skopeoCopy(`oci:${source}:multi`, `oci:${bySkopeo}:multi`, { all: true });
    await skopeoCopy(`oci:${source}:single`, `oci:${bySkopeo}:single`);
    const store = new OcidirStore(bySkopeo, { logger: silentLogger });
    assert.deepEqual(await store.listTags(ocidir(bySkopeo)), ['multi', 'single']);
    const head = await store.headManifest(ocidir(bySkopeo, ':multi'));
    assert.equal(head?.digest, multi.digest);
    assert.equal(head?.mediaType, multi.mediaType);
    assert.equal((await store.headManifest(ocidir(bySkopeo, ':single')))?.digest, single.digest);
    const expectedMulti = 1 + multi.manifests.reduce((n, m) => n + 2 + m.layers.length, 0);
    assert.equal(await checkComplete(store, bySkopeo, { mediaType: multi.mediaType, digest: multi.digest, size: multi.size }), expectedMulti);
    assert.equal(await checkComplete(store, bySkopeo, { mediaType: single.mediaType, digest: single.digest, size: single.size }), 1 + 1 + 3);

    // Writing into skopeo's layout keeps it readable by skopeo.
    await store.putManifest(ocidir(bySkopeo, ':retagged'), (await store.getManifest(ocidir(bySkopeo, ':single'))).bytes, single.mediaType);
    assert.equal(digestOf(await skopeoInspectRaw(`oci:${bySkopeo}:retagged`)), single.digest);
    await store.deleteTag(ocidir(bySkopeo, ':single'));
    assert.deepEqual((await store.gc()).removed, []);
    assert.equal(digestOf(await skopeoInspectRaw(`oci:${bySkopeo}:retagged`)), single.digest);
  });
});
