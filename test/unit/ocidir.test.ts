import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { DigestMismatchError, RegistryError, UsageError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import type { Descriptor } from '../../src/oci/manifest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { parseReference, type Reference } from '../../src/oci/reference.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import { tagsIfAny } from '../../src/store/store.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
let tmp: string;
let counter = 0;

before(async () => {
  tmp = await makeTempDir('regkit-ocidir-');
});
after(async () => {
  await removeTempDir(tmp);
});

function freshLayout(): { dir: string; store: OcidirStore; ref: (suffix?: string) => Reference } {
  const dir = join(tmp, `layout-${++counter}`);
  const store = new OcidirStore(dir, { logger: silentLogger });
  return { dir, store, ref: (suffix = '') => parseReference(`ocidir://${dir}${suffix}`) };
}

function blob(bytes: Buffer, mediaType: string): { desc: Descriptor; bytes: Buffer } {
  return { desc: { mediaType, digest: digestOf(bytes), size: bytes.length }, bytes };
}

/** Pushes a one-layer image through the store and returns its manifest. */
async function pushImage(store: OcidirStore, repo: Reference, opts: { tag?: string; seed?: string; subject?: Descriptor; artifactType?: string } = {}) {
  const layer = blob(randomBytes(300), MediaType.OciLayerGzip);
  const config = blob(
    Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', seed: opts.seed ?? randomBytes(4).toString('hex') })),
    MediaType.OciConfig,
  );
  await store.putBlob(repo, layer.desc, Readable.from([layer.bytes]));
  await store.putBlob(repo, config.desc, Readable.from([config.bytes]));
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    ...(opts.artifactType ? { artifactType: opts.artifactType } : {}),
    config: config.desc,
    layers: [layer.desc],
    ...(opts.subject ? { subject: opts.subject } : {}),
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const target = opts.tag !== undefined ? parseReference(`ocidir://${(repo as { path: string }).path}:${opts.tag}`) : repo;
  const digest = await store.putManifest(target, bytes, MediaType.OciManifest);
  return { digest, bytes, layer: layer.desc, config: config.desc, desc: { mediaType: MediaType.OciManifest, digest, size: bytes.length } as Descriptor };
}

async function indexJson(dir: string): Promise<{ manifests: Descriptor[] }> {
  return JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('OcidirStore: layout files', () => {
  it('creates oci-layout, index.json and blobs/<alg>/<hex> on first write', async () => {
    const { dir, store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'v1' });
    assert.equal(await readFile(join(dir, 'oci-layout'), 'utf8'), '{"imageLayoutVersion":"1.0.0"}');
    const index = await indexJson(dir);
    assert.deepEqual(index.manifests, [{ mediaType: MediaType.OciManifest, digest: img.digest, size: img.bytes.length, annotations: { [REF_NAME]: 'v1' } }]);
    for (const d of [img.digest, img.layer.digest, img.config.digest]) {
      assert.ok((await stat(join(dir, 'blobs', 'sha256', d.slice(7)))).isFile(), d);
    }
    assert.deepEqual(await readFile(join(dir, 'blobs', 'sha256', img.digest.slice(7))), img.bytes);
    assert.ok(!(await filesUnder(dir)).some((f) => f.includes('.tmp-') || f.endsWith('.lock')), 'no temp or lock files are left');
  });

  it('reads and writes by tag and by digest', async () => {
    const { store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'v1' });
    assert.deepEqual(await store.headManifest(ref(':v1')), { digest: img.digest, mediaType: MediaType.OciManifest, size: img.bytes.length });
    assert.equal((await store.headManifest(ref(`@${img.digest}`)))?.digest, img.digest);
    assert.equal(await store.headManifest(ref(':nope')), undefined);
    assert.equal(await store.headManifest(ref(`@sha256:${'0'.repeat(64)}`)), undefined);
    const got = await store.getManifest(ref(':v1'));
    assert.deepEqual(Buffer.from(got.bytes), img.bytes);
    assert.equal(got.mediaType, MediaType.OciManifest);
    assert.equal(await store.headBlob(ref(), img.layer.digest), img.layer.size);
    assert.equal(await store.headBlob(ref(), `sha256:${'0'.repeat(64)}`), undefined);
    const content = await store.getBlob(ref(), img.config);
    assert.match(await text(content), /"architecture":"amd64"/);
  });

  it('answers a missing manifest or blob with a 404 RegistryError', async () => {
    const { store, ref } = freshLayout();
    await pushImage(store, ref(), { tag: 'v1' });
    await assert.rejects(
      store.getManifest(ref(':v2')),
      (err: unknown) => err instanceof RegistryError && err.notFound && err.operation === 'manifest-get' && /"v2"/.test(err.message),
    );
    const missing = { mediaType: MediaType.OciLayerGzip, digest: `sha256:${'1'.repeat(64)}`, size: 1 };
    await assert.rejects(store.getBlob(ref(), missing), (err: unknown) => err instanceof RegistryError && err.notFound && err.operation === 'blob-get');
  });

  it('says "not found" without an HTTP status a directory never had', async () => {
    const { store, ref } = freshLayout();
    await pushImage(store, ref(), { tag: 'v1' });
    await assert.rejects(store.getManifest(ref(':v2')), (err: unknown) => err instanceof RegistryError && err.notFound && !/HTTP/.test(err.message));
  });

  it('answers a tag list of a directory that is no layout as a registry answers for an unknown repository', async () => {
    const { store, ref } = freshLayout();
    await assert.rejects(
      store.listTags(ref()),
      (err: unknown) =>
        err instanceof RegistryError &&
        err.notFound &&
        err.operation === 'tag-list' &&
        /is not an OCI layout \(no index\.json\); check the path/.test(err.message),
    );
    assert.deepEqual(await tagsIfAny(store, ref()), []);
  });

  it('fails, and does not spin, on a target directory that cannot be created', { skip: process.platform !== 'linux', timeout: 10_000 }, async () => {
    // Node's own recursive mkdir loops forever on this path.
    const store = new OcidirStore('/proc/regkit-no-such/layout', { logger: silentLogger });
    const img = blob(randomBytes(10), MediaType.OciLayerGzip);
    await assert.rejects(
      store.putBlob(parseReference('ocidir:///proc/regkit-no-such/layout'), img.desc, Readable.from([img.bytes])),
      (err: unknown) =>
        err instanceof UsageError && /cannot create the directory \/proc\/regkit-no-such: \/proc does not take new directories/.test(err.message),
    );
  });

  it('verifies manifests it reads', async () => {
    const { dir, store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'v1' });
    await writeFile(join(dir, 'blobs', 'sha256', img.digest.slice(7)), img.bytes.toString().replace('{', '{ '));
    await assert.rejects(store.getManifest(ref(':v1')), DigestMismatchError);
  });

  it('moves a tag by replacing its entry in place', async () => {
    const { dir, store, ref } = freshLayout();
    await pushImage(store, ref(), { tag: 'a' });
    await pushImage(store, ref(), { tag: 'b' });
    await pushImage(store, ref(), { tag: 'c' });
    const moved = await pushImage(store, ref(), { tag: 'b' });
    const index = await indexJson(dir);
    assert.deepEqual(
      index.manifests.map((d) => d.annotations?.[REF_NAME]),
      ['a', 'b', 'c'],
    );
    assert.equal(index.manifests[1]!.digest, moved.digest);
    assert.deepEqual(await store.listTags(ref()), ['a', 'b', 'c']);
    assert.deepEqual(await store.listTags(ref(), { last: 'a' }), ['b', 'c']);
    assert.deepEqual(await store.listTags(ref(), { last: 'c' }), []);
    assert.deepEqual(await store.listTags(ref(), { limit: 1 }), ['a', 'b', 'c'], 'one page holds every tag');
  });

  it('stores a manifest pushed by digest as a blob only', async () => {
    const { dir, store, ref } = freshLayout();
    await pushImage(store, ref(), { tag: 'v1' });
    const child = await pushImage(store, ref());
    assert.equal((await indexJson(dir)).manifests.length, 1);
    assert.equal((await store.headManifest(ref(`@${child.digest}`)))?.mediaType, MediaType.OciManifest);
    await assert.rejects(
      store.putManifest(ref(`@${child.digest}`), Buffer.from('{"schemaVersion":2,"manifests":[]}'), MediaType.OciIndex),
      DigestMismatchError,
    );
  });

  it('lists repositories as the layout path and refuses references to other places', async () => {
    const { dir, store, ref } = freshLayout();
    assert.deepEqual(await store.listRepositories(), [dir]);
    await assert.rejects(store.headManifest(parseReference('ghcr.io/a/b:1')), UsageError);
    await assert.rejects(
      store.headManifest(parseReference(`ocidir://${dir}-other:1`)),
      (err: unknown) => err instanceof UsageError && /not in the layout/.test(err.message),
    );
    assert.ok((await store.headManifest(parseReference(`ocidir://${dir}/./:x`))) === undefined, 'the same directory spelled differently is fine');
    assert.equal(ref().scheme, 'ocidir');
  });
});

describe('OcidirStore: blobs', () => {
  it('leaves no file when content does not match its digest or size', async () => {
    const { dir, store, ref } = freshLayout();
    const good = blob(randomBytes(4096), MediaType.OciLayerGzip);
    const bad = Buffer.from(good.bytes);
    bad[100] = bad[100]! ^ 0xff;
    await assert.rejects(store.putBlob(ref(), good.desc, Readable.from([bad.subarray(0, 2048), bad.subarray(2048)])), DigestMismatchError);
    await assert.rejects(store.putBlob(ref(), good.desc, Readable.from([good.bytes.subarray(0, 4000)])), DigestMismatchError);
    await assert.rejects(store.putBlob(ref(), { ...good.desc, size: 4095 }, Readable.from([good.bytes])), DigestMismatchError);
    assert.equal(await store.headBlob(ref(), good.desc.digest), undefined);
    assert.deepEqual(
      (await readdir(join(dir, 'blobs', 'sha256'))).filter((f) => !f.startsWith('.')),
      [],
    );
    assert.deepEqual(await readdir(join(dir, 'blobs', 'sha256')), [], 'no temp file is left either');
  });

  it('keeps paths inside the layout', async () => {
    const { dir, store, ref } = freshLayout();
    await assert.rejects(store.headBlob(ref(), 'sha256:../../../etc/passwd'), UsageError);
    await assert.rejects(
      store.putBlob(ref(), { mediaType: 'x', digest: `sha256:../${'a'.repeat(61)}`, size: 1 }, Readable.from([Buffer.from('x')])),
      UsageError,
    );
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [{ mediaType: MediaType.OciManifest, digest: 'sha256:../../x', size: 1, annotations: { [REF_NAME]: 'evil' } }],
      }),
    );
    await assert.rejects(
      store.headManifest(ref(':evil')),
      (err: unknown) => err instanceof UsageError && /invalid digest "sha256:\.\.\/\.\.\/x"/.test(err.message),
    );
  });

  it('survives many concurrent puts of one digest', async () => {
    const { dir, store, ref } = freshLayout();
    const data = blob(randomBytes(3 * 1024 * 1024), MediaType.OciLayerGzip);
    const chunks = Array.from({ length: 48 }, (_, i) => data.bytes.subarray(i * 65536, (i + 1) * 65536));
    await Promise.all(Array.from({ length: 16 }, () => store.putBlob(ref(), data.desc, Readable.from(chunks))));
    const onDisk = await readFile(join(dir, 'blobs', 'sha256', data.desc.digest.slice(7)));
    assert.equal(digestOf(onDisk), data.desc.digest);
    assert.deepEqual(await readdir(join(dir, 'blobs', 'sha256')), [data.desc.digest.slice(7)]);
  });

  it('mounts within the same layout only', async () => {
    const { store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'v1' });
    assert.equal(await store.mountBlob(ref(), img.layer.digest, ref(':other')), true);
    assert.equal(await store.mountBlob(ref(), `sha256:${'2'.repeat(64)}`, ref()), false);
    assert.equal(await store.mountBlob(ref(), img.layer.digest, parseReference('ghcr.io/a/b')), false);
    assert.equal(await store.mountBlob(ref(), img.layer.digest, parseReference('ocidir:///elsewhere')), false);
  });
});

describe('OcidirStore: deletes and gc', () => {
  it('deleteTag removes just that entry', async () => {
    const { dir, store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'a' });
    await store.putManifest(ref(':b'), img.bytes, MediaType.OciManifest);
    await store.deleteTag(ref(':a'));
    assert.deepEqual(await store.listTags(ref()), ['b']);
    assert.equal((await store.headManifest(ref(':b')))?.digest, img.digest);
    assert.ok((await stat(join(dir, 'blobs', 'sha256', img.digest.slice(7)))).isFile());
    await assert.rejects(store.deleteTag(ref(':a')), (err: unknown) => err instanceof RegistryError && err.notFound);
    await assert.rejects(store.deleteTag(ref()), UsageError);
  });

  it('deleteManifest removes every tag of the digest and the manifest file, leaving layers for gc', async () => {
    const { dir, store, ref } = freshLayout();
    const keep = await pushImage(store, ref(), { tag: 'keep' });
    const img = await pushImage(store, ref(), { tag: 'a' });
    await store.putManifest(ref(':b'), img.bytes, MediaType.OciManifest);
    await store.deleteManifest(ref(`@${img.digest}`));
    assert.deepEqual(await store.listTags(ref()), ['keep']);
    assert.equal(await store.headManifest(ref(`@${img.digest}`)), undefined);
    assert.equal(await store.headBlob(ref(), img.layer.digest), img.layer.size, 'layers stay until gc');
    await assert.rejects(store.deleteManifest(ref(`@${img.digest}`)), (err: unknown) => err instanceof RegistryError && err.notFound);
    await assert.rejects(store.deleteManifest(ref(':keep')), (err: unknown) => err instanceof UsageError && /needs a digest/.test(err.message));

    const result = await store.gc();
    assert.deepEqual(result.removed.sort(), [img.layer.digest, img.config.digest].sort());
    assert.equal(result.bytes, img.layer.size + img.config.size);
    for (const d of [keep.digest, keep.layer.digest, keep.config.digest]) assert.notEqual(await store.headBlob(ref(), d), undefined, d);
    assert.ok((await filesUnder(dir)).every((f) => !f.endsWith('.lock')));
  });

  it('keeps a deleted manifest file that a kept index still reaches', async () => {
    const { store, ref } = freshLayout();
    const child = await pushImage(store, ref(), { tag: 'child' });
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [{ ...child.desc, platform: { os: 'linux', architecture: 'amd64' } }] }),
    );
    await store.putManifest(ref(':multi'), index, MediaType.OciIndex);
    await store.deleteManifest(ref(`@${child.digest}`));
    assert.deepEqual(await store.listTags(ref()), ['multi']);
    assert.equal((await store.headManifest(ref(`@${child.digest}`)))?.digest, child.digest);
    assert.deepEqual((await store.gc()).removed, []);
    await store.deleteTag(ref(':multi'));
    assert.equal((await store.gc()).removed.length, 4, 'index, child, config and layer');
  });

  it('gc keeps the children of indexes, their layers, and untagged referrers', async () => {
    const { dir } = freshLayout();
    const image = await makeImageLayout(dir, { tag: 'v1', platforms: ['linux/amd64', 'linux/arm64'], layers: 2 });
    const store = new OcidirStore(dir, { logger: silentLogger });
    const ref = (s = ''): Reference => parseReference(`ocidir://${dir}${s}`);
    await pushImage(store, ref(), {
      subject: { mediaType: image.mediaType, digest: image.digest, size: image.size },
      artifactType: 'application/vnd.example.sbom',
    });
    const orphan = blob(randomBytes(10), MediaType.OciLayerGzip);
    await store.putBlob(ref(), orphan.desc, Readable.from([orphan.bytes]));
    const result = await store.gc();
    assert.deepEqual(result.removed, [orphan.desc.digest]);
    for (const b of image.blobs) assert.notEqual(await store.headBlob(ref(), b.digest), undefined, b.digest);
  });
});

describe('OcidirStore: referrers', () => {
  it('finds manifests whose subject is the digest, filtered by artifactType', async () => {
    const { dir, store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'v1' });
    const sbom = await pushImage(store, ref(), { subject: img.desc, artifactType: 'application/vnd.example.sbom' });
    const sig = await pushImage(store, ref(), { subject: img.desc });
    const unrelated = await pushImage(store, ref(), { tag: 'v2' });
    await pushImage(store, ref(), { subject: unrelated.desc, artifactType: 'application/vnd.example.sbom' });
    const entries = (await indexJson(dir)).manifests;
    assert.ok(entries.some((d) => d.digest === sbom.digest && d.annotations === undefined && d.artifactType === 'application/vnd.example.sbom'));

    const all = await store.listReferrers(ref(`@${img.digest}`));
    assert.deepEqual(all.map((d) => d.digest).sort(), [sbom.digest, sig.digest].sort());
    assert.equal(all.find((d) => d.digest === sig.digest)?.artifactType, MediaType.OciConfig, 'the config type stands in for a missing artifactType');
    const sboms = await store.listReferrers(ref(':v1'), { artifactType: 'application/vnd.example.sbom' });
    assert.deepEqual(sboms, [{ mediaType: MediaType.OciManifest, digest: sbom.digest, size: sbom.bytes.length, artifactType: 'application/vnd.example.sbom' }]);
    assert.deepEqual(await store.listReferrers(ref(':nope')), []);
  });

  it('finds referrers that are children of an index in index.json', async () => {
    const { store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'v1' });
    const sbom = await pushImage(store, ref(), { subject: img.desc, artifactType: 'application/vnd.example.sbom' });
    const holder = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [sbom.desc] }));
    await store.putManifest(ref(':attestations'), holder, MediaType.OciIndex);
    await store.deleteManifest(ref(`@${sbom.digest}`));
    assert.deepEqual(
      (await store.listReferrers(ref(`@${img.digest}`))).map((d) => d.digest),
      [sbom.digest],
    );
  });
});

describe('OcidirStore: index.json lock', () => {
  it('loses no tag when many writers in this process tag at once', async () => {
    const { store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'base' });
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.putManifest(ref(`:t${i}`), img.bytes, MediaType.OciManifest)));
    assert.equal((await store.listTags(ref())).length, 41);
  });

  it('loses no tag when several processes tag at once', async () => {
    const { dir, store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'base' });
    const moduleUrl = new URL('../../src/store/ocidir/ocidir.js', import.meta.url).href;
    const script = `
      const { OcidirStore } = await import(${JSON.stringify(moduleUrl)});
      const [dir, worker, manifest] = process.argv.slice(1);
      const store = new OcidirStore(dir, { logger: { debug() {}, info() {}, warn() {}, error() {} } });
      const bytes = Buffer.from(manifest, 'base64');
      for (let i = 0; i < 15; i++) await store.putManifest({ scheme: 'ocidir', path: dir, tag: 'w' + worker + '-' + i }, bytes, 'application/vnd.oci.image.manifest.v1+json');
    `;
    const runs = Array.from(
      { length: 4 },
      (_, w) =>
        new Promise<void>((done, fail) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script, dir, String(w), img.bytes.toString('base64')], {
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`worker ${w} exited ${code}: ${stderr}`))));
        }),
    );
    await Promise.all(runs);
    const tags = await store.listTags(ref());
    assert.equal(tags.length, 1 + 4 * 15);
    assert.ok(!(await readdir(dir)).includes('index.json.lock'));
  });

  it("removes the temp file of a write killed mid-blob the next time the layout is opened, and keeps a live writer's", async () => {
    const { dir, store, ref } = freshLayout();
    await pushImage(store, ref(), { tag: 'base' });
    const moduleUrl = new URL('../../src/store/ocidir/ocidir.js', import.meta.url).href;
    // Half a blob goes in, then the writer hangs until it is killed.
    const script = `
      const { OcidirStore } = await import(${JSON.stringify(moduleUrl)});
      const { Readable } = await import('node:stream');
      const dir = process.argv[1];
      const store = new OcidirStore(dir, { logger: { debug() {}, info() {}, warn() {}, error() {} } });
      const half = Readable.from((async function* () { yield Buffer.alloc(512 * 1024, 1); await new Promise(() => setInterval(() => {}, 1000)); })());
      await store.putBlob({ scheme: 'ocidir', path: dir }, { mediaType: 'application/octet-stream', digest: 'sha256:' + 'a'.repeat(64), size: 1024 * 1024 }, half);
    `;
    const temps = async () => (await readdir(join(dir, 'blobs', 'sha256'))).filter((n) => n.startsWith('.tmp-'));
    const writer = spawn(process.execPath, ['--input-type=module', '-e', script, dir], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 10_000;
      const started = async () => {
        const [name] = await temps();
        return name !== undefined && (await stat(join(dir, 'blobs', 'sha256', name))).size > 0;
      };
      while (!(await started()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const live = await temps();
      assert.equal(live.length, 1, 'the writer has half a blob in its temp file');
      // While the writer lives, opening the layout leaves its file alone.
      const meanwhile = new OcidirStore(dir, { logger: silentLogger });
      assert.deepEqual(await meanwhile.listTags(ref()), ['base']);
      assert.deepEqual(await temps(), live);
    } finally {
      writer.kill('SIGKILL');
    }
    if (writer.exitCode === null && writer.signalCode === null) await new Promise((r) => writer.once('exit', r));
    const reopened = new OcidirStore(dir, { logger: silentLogger });
    assert.deepEqual(await reopened.listTags(ref()), ['base']);
    assert.deepEqual(await temps(), [], 'the killed write left nothing behind');
  });

  it('takes over a stale lock and waits for a live one', async () => {
    const { dir, store, ref } = freshLayout();
    const img = await pushImage(store, ref(), { tag: 'base' });
    const lock = join(dir, 'index.json.lock');
    await writeFile(lock, 'a process that died\n');
    const old = new Date(Date.now() - 10 * 60 * 1000);
    await utimes(lock, old, old);
    await store.putManifest(ref(':after-stale'), img.bytes, MediaType.OciManifest);
    assert.deepEqual(await store.listTags(ref()), ['base', 'after-stale']);

    await writeFile(lock, 'a live writer\n');
    const impatient = new OcidirStore(dir, { logger: silentLogger, lockTimeoutMs: 300 });
    await assert.rejects(impatient.putManifest(ref(':blocked'), img.bytes, MediaType.OciManifest), /timed out waiting for .*index\.json\.lock/);
    assert.equal(await readFile(lock, 'utf8'), 'a live writer\n', 'a live lock is left alone');
    assert.deepEqual(await store.listTags(ref()), ['base', 'after-stale']);
  });
});

describe('OcidirStore on a layout written by another tool', () => {
  it('reads a 2-platform index and its children', async () => {
    const { dir } = freshLayout();
    const image = await makeImageLayout(dir, { tag: 'multi', platforms: ['linux/amd64', 'linux/arm64'] });
    const store = new OcidirStore(resolve(dir), { logger: silentLogger });
    const ref = (s: string): Reference => parseReference(`ocidir://${dir}${s}`);
    const head = await store.headManifest(ref(':multi'));
    assert.deepEqual(head, { digest: image.digest, mediaType: MediaType.OciIndex, size: image.size });
    for (const m of image.manifests) {
      const got = await store.getManifest(ref(`@${m.digest}`));
      assert.equal(got.digest, m.digest);
      assert.equal(got.mediaType, MediaType.OciManifest);
    }
  });
});
