import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DigestMismatchError, UsageError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { parsePlatform } from '../../src/oci/platform.js';
import { parseReference } from '../../src/oci/reference.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import { dockerManifestFor, writeLayoutTar, type DockerArchiveManifest } from '../../src/store/tarfile/export.js';
import { BLOCK, decodeHeader, encodeHeader, endOfArchive, padding, parsePax } from '../../src/store/tarfile/format.js';
import { extractLayoutTar } from '../../src/store/tarfile/import.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';

let tmp: string;
let layout: string;
let image: FixtureImage;
let single: FixtureImage;

before(async () => {
  tmp = await makeTempDir('regkit-tar-');
  layout = join(tmp, 'layout');
  image = await makeImageLayout(layout, { tag: 'multi', platforms: ['linux/amd64', 'linux/arm64'], layers: 2, layerSize: 200_000 });
  single = await makeImageLayout(layout, { tag: 'single', seed: 'single', layers: 1 });
});
after(async () => {
  await removeTempDir(tmp);
});

async function exportTo(name: string, opts: Parameters<typeof writeLayoutTar>[2] = {}): Promise<string> {
  const file = join(tmp, name);
  await writeLayoutTar(layout, createWriteStream(file), opts);
  return file;
}

function gnuTar(args: string[]): string {
  const r = spawnSync('tar', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `tar ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function blobNames(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'blobs', 'sha256'))).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort();
}

/** A tar assembled entry by entry, for archives no well-behaved tool writes. */
function rawTar(entries: Array<{ path: string; data?: Buffer; header?: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0);
    parts.push(e.header ?? encodeHeader({ path: e.path, type: 'file', size: data.length }), data, padding(data.length));
  }
  parts.push(endOfArchive());
  return Buffer.concat(parts);
}

describe('writeLayoutTar', () => {
  it('writes a tar GNU tar lists: layout files, Docker manifest.json, every blob', async () => {
    const file = await exportTo('listed.tar');
    const listed = gnuTar(['-tf', file]).trim().split('\n');
    const blobs = await blobNames(layout);
    assert.deepEqual(listed, ['oci-layout', 'index.json', 'manifest.json', 'blobs/', 'blobs/sha256/', ...blobs.map((b) => `blobs/sha256/${b}`)]);
    assert.equal(blobs.length, image.blobs.length + single.blobs.length);
    const out = join(tmp, 'gnu-extracted');
    await mkdir(out);
    gnuTar(['-xf', file, '-C', out]);
    for (const b of blobs) assert.deepEqual(await readFile(join(out, 'blobs', 'sha256', b)), await readFile(join(layout, 'blobs', 'sha256', b)));
  });

  it("gives Docker the runner's platform of an index, or the one asked for, with RepoTags", async () => {
    const arm = await dockerManifestFor(layout, { repository: 'registry.example.com/app', platform: parsePlatform('linux/arm64') });
    const armImage = image.manifests.find((m) => m.platform.architecture === 'arm64')!;
    const blob = (d: string): string => `blobs/sha256/${d.slice(7)}`;
    assert.deepEqual(arm, [
      { Config: blob(armImage.config.digest), RepoTags: ['registry.example.com/app:multi'], Layers: armImage.layers.map((l) => blob(l.digest)) },
      {
        Config: blob(single.manifests[0]!.config.digest),
        RepoTags: ['registry.example.com/app:single'],
        Layers: single.manifests[0]!.layers.map((l) => blob(l.digest)),
      },
    ]);
    const fallback = await dockerManifestFor(layout, { platform: parsePlatform('linux/s390x') });
    assert.equal(fallback[0]!.Config, blob(image.manifests[0]!.config.digest), 'no match: the first image');
    assert.equal(fallback[0]!.RepoTags, null, 'no repository: loaded untagged');
    const inTar = JSON.parse(gnuTar(['-xOf', await exportTo('docker.tar', { repository: 'app' }), 'manifest.json'])) as DockerArchiveManifest[];
    assert.deepEqual(
      inTar.map((m) => m.RepoTags),
      [['app:multi'], ['app:single']],
    );
  });

  it('refuses a directory that is not a layout', async () => {
    const empty = join(tmp, 'not-a-layout');
    await mkdir(empty);
    await assert.rejects(
      writeLayoutTar(empty, createWriteStream(join(tmp, 'x.tar'))),
      (err: unknown) => err instanceof UsageError && /no index\.json/.test(err.message),
    );
  });

  it('fails when a blob does not match its name', async () => {
    const broken = join(tmp, 'broken');
    const img = await makeImageLayout(broken, { tag: 'v1' });
    await writeFile(join(broken, 'blobs', 'sha256', img.manifests[0]!.layers[0]!.digest.slice(7)), 'tampered');
    await assert.rejects(writeLayoutTar(broken, createWriteStream(join(tmp, 'broken.tar'))), DigestMismatchError);
  });
});

describe('round trip', () => {
  it('extracts to the same digests and files, readable by OcidirStore', async () => {
    const file = await exportTo('roundtrip.tar');
    const into = join(tmp, 'imported');
    const result = await extractLayoutTar(file, into);
    assert.equal(
      result.files,
      2 + image.blobs.length + single.blobs.length,
      "oci-layout, index.json and the blobs: Docker's manifest.json is not part of the layout",
    );
    assert.deepEqual(await blobNames(into), await blobNames(layout));
    for (const b of await blobNames(into))
      assert.deepEqual(await readFile(join(into, 'blobs', 'sha256', b)), await readFile(join(layout, 'blobs', 'sha256', b)));
    const store = new OcidirStore(into, { logger: silentLogger });
    assert.equal((await store.headManifest(parseReference(`ocidir://${into}:multi`)))?.digest, image.digest);
    assert.equal((await store.getManifest(parseReference(`ocidir://${into}:single`))).digest, single.digest);
    assert.deepEqual(await store.listTags(parseReference(`ocidir://${into}`)), ['multi', 'single']);
  });

  it("imports gzip'd archives and archives GNU tar made of a layout", async () => {
    const gz = join(tmp, 'roundtrip.tar.gz');
    await writeFile(gz, gzipSync(await readFile(await exportTo('for-gzip.tar'))));
    await extractLayoutTar(gz, join(tmp, 'from-gzip'));
    assert.deepEqual(await blobNames(join(tmp, 'from-gzip')), await blobNames(layout));
    const gnu = join(tmp, 'gnu.tar');
    gnuTar(['--format=gnu', '-cf', gnu, '-C', layout, '.']);
    await extractLayoutTar(gnu, join(tmp, 'from-gnu'));
    assert.deepEqual(await blobNames(join(tmp, 'from-gnu')), await blobNames(layout));
  });

  it('carries paths longer than ustar holds (sha512 blobs) through pax headers', async () => {
    const dir = join(tmp, 'sha512');
    const store = new OcidirStore(dir, { logger: silentLogger });
    const tagged = await makeImageLayout(dir, { tag: 'v1', seed: 'sha512' });
    // The same manifest stored under its sha512 digest and tagged, so the archive's index.json declares the blob.
    const { bytes, mediaType } = await store.getManifest(parseReference(`ocidir://${dir}:v1`));
    const digest = `sha512:${createHash('sha512').update(bytes).digest('hex')}`;
    await store.putManifest(parseReference(`ocidir://${dir}:v512@${digest}`), bytes, mediaType);
    const file = join(tmp, 'sha512.tar');
    await writeLayoutTar(dir, createWriteStream(file));
    const path = `blobs/sha512/${digest.slice(7)}`;
    assert.ok(gnuTar(['-tf', file]).split('\n').includes(path), 'GNU tar reads the pax path');
    const into = join(tmp, 'sha512-imported');
    await extractLayoutTar(file, into);
    assert.deepEqual(await readFile(join(into, path)), Buffer.from(bytes));
    assert.ok((await stat(join(into, 'blobs', 'sha256', tagged.digest.slice(7)))).isFile());
  });
});

describe('tar format', () => {
  it('puts sizes of 8 GiB and more in a pax header', () => {
    const size = 2 ** 33 + 5;
    const header = encodeHeader({ path: 'blobs/sha256/big', type: 'file', size });
    assert.equal(header.length % BLOCK, 0);
    const pax = decodeHeader(header.subarray(0, BLOCK))!;
    assert.equal(pax.type, 'pax');
    assert.deepEqual(parsePax(header.subarray(BLOCK, BLOCK + pax.size)), { size: String(size) });
    const main = decodeHeader(header.subarray(header.length - BLOCK))!;
    assert.equal(main.path, 'blobs/sha256/big');
    assert.equal(main.type, 'file');
  });

  it('has GNU tar read the pax size (the archive is cut short after the header on purpose)', async () => {
    const file = join(tmp, 'big-header.tar');
    await writeFile(file, Buffer.concat([encodeHeader({ path: 'blobs/sha256/big', type: 'file', size: 2 ** 33 + 5 }), Buffer.alloc(BLOCK)]));
    const r = spawnSync('tar', ['-tvf', file], { encoding: 'utf8' });
    assert.match(r.stdout, /\b8589934597\b.*blobs\/sha256\/big/);
  });

  it('round-trips ustar fields and detects a damaged header', () => {
    const header = encodeHeader({ path: 'a/b', type: 'directory', size: 0 });
    assert.deepEqual(decodeHeader(header), { path: 'a/b/', type: 'directory', size: 0, mode: 0o755, mtime: 0, linkname: '' });
    header[10] = header[10]! ^ 1;
    assert.throws(() => decodeHeader(header), /checksum mismatch/);
    assert.equal(decodeHeader(Buffer.alloc(BLOCK)), undefined);
  });

  it('reads GNU base-256 sizes', () => {
    const header = encodeHeader({ path: 'f', type: 'file', size: 0 });
    header.fill(0, 124, 136);
    header[124] = 0x80;
    header.writeUIntBE(2 ** 34, 130, 6);
    header.fill(' ', 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    assert.equal(decodeHeader(header)!.size, 2 ** 34);
  });
});

describe('extractLayoutTar refuses hostile archives', () => {
  const layoutFiles = [
    { path: 'oci-layout', data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    { path: 'index.json', data: Buffer.from('{"schemaVersion":2,"manifests":[]}') },
  ];
  let n = 0;
  async function attempt(tar: Buffer): Promise<{ into: string; outcome: Promise<unknown> }> {
    const file = join(tmp, `hostile-${++n}.tar`);
    await writeFile(file, tar);
    const into = join(tmp, `hostile-${n}`, 'into');
    return { into, outcome: extractLayoutTar(file, into) };
  }

  for (const path of ['../x', 'blobs/../../x', '/tmp/regkit-absolute-x', 'a/../../x']) {
    it(`rejects an entry named ${path}`, async () => {
      const { into, outcome } = await attempt(rawTar([...layoutFiles, { path, data: Buffer.from('owned') }]));
      await assert.rejects(
        outcome,
        (err: unknown) => err instanceof UsageError && err.message.includes(`"${path}"`) && /outside the target directory/.test(err.message),
      );
      await assert.rejects(stat(join(into, '..', 'x')), /ENOENT/);
      await assert.rejects(stat('/tmp/regkit-absolute-x'), /ENOENT/);
      assert.deepEqual(await readdir(into).catch(() => []), [], 'what was extracted before is removed');
    });
  }

  it('rejects a pax path that escapes', async () => {
    const evil = encodeHeader({ path: `${'d/'.repeat(60)}../../${'../'.repeat(60)}x`, type: 'file', size: 5 });
    const { outcome } = await attempt(rawTar([...layoutFiles, { path: '', header: evil, data: Buffer.from('owned') }]));
    await assert.rejects(outcome, /outside the target directory/);
  });

  it('rejects links that point outside and skips links inside', async () => {
    const src = join(tmp, 'links-src');
    await mkdir(join(src, 'legacy'), { recursive: true });
    for (const f of layoutFiles) await writeFile(join(src, f.path), f.data);
    await symlink('../index.json', join(src, 'legacy', 'inside'));
    const okTar = join(tmp, 'links-inside.tar');
    gnuTar(['-cf', okTar, '-C', src, '.']);
    const into = join(tmp, 'links-inside');
    await extractLayoutTar(okTar, into);
    assert.deepEqual((await readdir(join(into, 'legacy'))).sort(), [], 'the link is not created');

    await symlink('/etc', join(src, 'legacy', 'etc'));
    const badTar = join(tmp, 'links-outside.tar');
    gnuTar(['-cf', badTar, '-C', src, '.']);
    await assert.rejects(
      extractLayoutTar(badTar, join(tmp, 'links-outside')),
      (err: unknown) => err instanceof UsageError && /points outside/.test(err.message),
    );
  });

  it('rejects a blob that does not match its name, and an archive that is not a layout', async () => {
    const name = `blobs/sha256/${createHash('sha256').update('good').digest('hex')}`;
    const bad = await attempt(rawTar([...layoutFiles, { path: name, data: Buffer.from('evil') }]));
    await assert.rejects(bad.outcome, DigestMismatchError);
    const notLayout = await attempt(rawTar([{ path: 'hello.txt', data: Buffer.from('hi') }]));
    await assert.rejects(notLayout.outcome, /not an OCI image layout archive: it has no oci-layout/);
    const truncated = await attempt(rawTar([...layoutFiles, { path: 'x', data: Buffer.alloc(2000) }]).subarray(0, 3 * BLOCK + 600));
    await assert.rejects(truncated.outcome, /truncated/);
  });

  it('refuses to extract into a directory that is not empty', async () => {
    const into = join(tmp, 'busy');
    await mkdir(into);
    await writeFile(join(into, 'keep'), 'x');
    await assert.rejects(extractLayoutTar(await exportTo('busy.tar'), into), /not empty/);
    assert.deepEqual(await readdir(into), ['keep']);
  });
});

describe('writeLayoutTar streams', () => {
  it('writes into any Writable', async () => {
    const chunks: Buffer[] = [];
    const { Writable } = await import('node:stream');
    await writeLayoutTar(layout, new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) }));
    const total = Buffer.concat(chunks);
    assert.equal(total.length % BLOCK, 0);
    assert.equal(decodeHeader(total.subarray(0, BLOCK))!.path, 'oci-layout');
    await pipeline(Readable.from([total]), createWriteStream(join(tmp, 'from-memory.tar')));
    assert.ok(gnuTar(['-tf', join(tmp, 'from-memory.tar')]).includes('manifest.json'));
  });
});
