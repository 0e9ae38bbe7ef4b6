// The OCI name grammar (oci/names.ts) and the places that ask it about names from outside: a layout's index.json, a
// manifest's descriptors, the registry store's request paths.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InvalidContentError, InvalidNameError, quoteName } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { parseManifest } from '../../src/oci/manifest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { isValidDigest, isValidTag, parseDigest, parseRepository, parseTag, parseTagOrDigest, repositoryProblem } from '../../src/oci/names.js';
import { parseReference } from '../../src/oci/reference.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import { apiPath } from '../../src/store/registry/http.js';
import type { RegistrySession } from '../../src/store/registry/session.js';
import { referrersTag } from '../../src/store/registry/referrers.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';

const D256 = `sha256:${'a'.repeat(64)}`;
const D512 = `sha512:${'b'.repeat(128)}`;

describe('tags', () => {
  it('takes 1 to 128 characters of [A-Za-z0-9_.-], not starting with . or -', () => {
    for (const ok of ['a', 'A', '_', '0', 'v1.2.3-rc.1_x', 'Latest', 'x'.repeat(128), `_${'-'.repeat(127)}`]) assert.ok(isValidTag(ok), ok);
    for (const bad of ['', 'x'.repeat(129), '.hidden', '-flag', 'a/b', '../../app/manifests/latest', 'a:b', 'a b', 'a\n', 'ä', 'a@b', '%2e%2e'])
      assert.ok(!isValidTag(bad), JSON.stringify(bad));
  });
  it('parseTag names the source and the value, JSON-escaped', () => {
    assert.equal(parseTag('v1', 'src'), 'v1');
    assert.throws(
      () => parseTag('x\n2026-12-04 ok copied mirror/app:latest\u001b[2J', 'the tag list of reg/a'),
      (err: unknown) => {
        assert.ok(err instanceof InvalidNameError);
        assert.equal(err.kind, 'tag');
        assert.equal(err.source, 'the tag list of reg/a');
        assert.ok(!/[\n\u001b]/.test(err.message), err.message);
        assert.match(err.message, /^the tag list of reg\/a: refusing the tag "x\\n2026-12-04 ok copied mirror\/app:latest\\u001b\[2J" \(must match/);
        return true;
      },
    );
    assert.throws(() => parseTag(42, 'src'), /refusing the tag 42 \(is not a string\)/);
  });
  it('a huge value is quoted only in part', () => {
    const q = quoteName('a'.repeat(10_000));
    assert.ok(q.length < 300, q);
    assert.match(q, /… \(10000 characters\)$/);
  });
});

describe('repository names', () => {
  it('takes lowercase components with single separators, up to 255 characters', () => {
    for (const ok of ['a', 'library/alpine', 'a/b/c/d', 'a.b', 'a_b', 'a__b', 'a---b', 'x'.repeat(255), `${'a/'.repeat(127)}a`])
      assert.equal(repositoryProblem(ok), undefined, ok);
    for (const bad of [
      '',
      'A',
      'mirror/App',
      'a//b',
      '/a',
      'a/',
      '..',
      'a/../b',
      'mirror/../app',
      '.a',
      'a.',
      'a..b',
      'a___b',
      'a_-b',
      '-a',
      'a b',
      'a:b',
      'x'.repeat(256),
      'a/%2e%2e',
    ]) {
      assert.notEqual(repositoryProblem(bad), undefined, JSON.stringify(bad));
    }
  });
  it('parseRepository says which rule failed', () => {
    assert.throws(
      () => parseRepository('Mirror/app', 'the catalog of reg'),
      /the catalog of reg: refusing the repository "Mirror\/app" \(repository "Mirror\/app" must be lowercase\)/,
    );
    assert.throws(() => parseRepository('mirror/../app', 'c'), /component "\.\." may hold only/);
    assert.throws(() => parseRepository('a//b', 'c'), /empty component/);
  });
  it('is the rule parseReference applies to what the operator types', () => {
    assert.throws(() => parseReference('reg.example/mirror/../app'), /component "\.\."/);
    assert.throws(() => parseReference(`reg.example/${'x'.repeat(256)}`), /longer than 255/);
  });
});

describe('digests', () => {
  it('takes sha256 with 64 and sha512 with 128 lowercase hex digits only', () => {
    for (const ok of [D256, D512]) assert.ok(isValidDigest(ok), ok);
    const bad = [
      `sha256:${'a'.repeat(63)}`,
      `sha256:${'a'.repeat(65)}`,
      `sha512:${'b'.repeat(64)}`,
      `sha256:${'b'.repeat(128)}`,
      `sha256:${'A'.repeat(64)}`,
      `md5:${'a'.repeat(32)}`,
      `sha256:${'g'.repeat(64)}`,
      `sha256:../../${'a'.repeat(58)}`,
      'sha256',
      '',
    ];
    for (const b of bad) assert.ok(!isValidDigest(b), b);
    assert.throws(() => parseDigest(`sha256:${'a'.repeat(63)}`, 'h'), InvalidNameError);
  });
  it('a manifest reference is a tag or, with a colon, a digest', () => {
    assert.equal(parseTagOrDigest('v1', 's'), 'v1');
    assert.equal(parseTagOrDigest(D256, 's'), D256);
    assert.throws(() => parseTagOrDigest('sha256:short', 's'), /refusing the digest/);
  });
  it('the referrers fallback tag of a sha512 subject is still a tag (hex cut to 64)', () => {
    assert.equal(referrersTag(D512), `sha512-${'b'.repeat(64)}`);
    assert.ok(isValidTag(referrersTag(D512)));
  });
});

describe('manifests name only valid digests', () => {
  const image = (digest: unknown) =>
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { mediaType: MediaType.OciConfig, digest: D256, size: 2 },
        layers: [{ mediaType: MediaType.OciLayer, digest, size: 1 }],
      }),
    );
  it('refuses a layer, child or subject whose digest is not one', () => {
    assert.equal(parseManifest(image(D256)).kind, 'image');
    assert.throws(
      () => parseManifest(image('sha256:../../../app/manifests/latest')),
      (err: unknown) => err instanceof InvalidContentError && /lists the digest "sha256:\.\.\/\.\.\/\.\.\/app\/manifests\/latest"/.test(err.message),
    );
    assert.throws(() => parseManifest(image(7)), InvalidContentError);
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciIndex,
        manifests: [{ mediaType: MediaType.OciManifest, digest: D256, size: 1 }],
        subject: { mediaType: MediaType.OciManifest, digest: 'sha256:x', size: 1 },
      }),
    );
    assert.throws(() => parseManifest(index), /"sha256:x"/);
  });
});

describe('registry request paths are built from valid names only', () => {
  const ctx = { client: { registry: 'reg.example', host: { registry: 'reg.example', pathPrefix: '' } }, logger: undefined } as unknown as RegistrySession;
  it('builds the endpoints regkit uses', () => {
    assert.equal(apiPath(ctx, 'mirror/app', 'manifests/latest'), '/v2/mirror/app/manifests/latest');
    assert.equal(apiPath(ctx, 'mirror/app', `manifests/${D256}`), `/v2/mirror/app/manifests/${D256}`);
    assert.equal(apiPath(ctx, 'mirror/app', `blobs/${D512}`), `/v2/mirror/app/blobs/${D512}`);
    assert.equal(apiPath(ctx, 'mirror/app', 'blobs/uploads/'), '/v2/mirror/app/blobs/uploads/');
    assert.equal(apiPath(ctx, 'mirror/app', 'tags/list'), '/v2/mirror/app/tags/list');
    assert.equal(apiPath(ctx, 'mirror/app', `referrers/${D256}`), `/v2/mirror/app/referrers/${D256}`);
  });
  it('refuses a tag, digest or repository that would leave the repository', () => {
    assert.throws(
      () => apiPath(ctx, 'mirror/evil', 'manifests/../../app/manifests/latest'),
      /a request to reg\.example\/mirror\/evil: refusing the tag "\.\.\/\.\.\/app\/manifests\/latest"/,
    );
    assert.throws(() => apiPath(ctx, 'mirror/evil', 'blobs/sha256:../../x'), InvalidNameError);
    assert.throws(() => apiPath(ctx, 'mirror/../app', 'tags/list'), /refusing the repository "mirror\/\.\.\/app"/);
    assert.throws(() => apiPath(ctx, 'mirror/app', 'manifests/'), InvalidNameError);
    assert.throws(() => apiPath(ctx, 'mirror/app', '../_catalog'), /no registry endpoint/);
  });
});

describe('an OCI layout whose index.json names invalid tags', () => {
  let tmp: string;
  before(async () => {
    tmp = await makeTempDir('regkit-names-');
  });
  after(async () => {
    await removeTempDir(tmp);
  });

  it('lists, resolves and writes only valid tags, and reports each other one with the layout and the value', async () => {
    const dir = join(tmp, 'layout');
    await mkdir(dir, { recursive: true });
    const image = await makeImageLayout(dir, { tag: 'good', seed: 'names' });
    const entry = { mediaType: image.mediaType, digest: image.digest, size: image.size };
    const names = ['good', '../../evil', 'UPPER.ok', 'a\nb', 'x'.repeat(129)];
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: names.map((n) => ({ ...entry, annotations: { 'org.opencontainers.image.ref.name': n } })) }),
    );
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} } as unknown as Logger;
    const store = new OcidirStore(dir, { logger });
    const ref = parseReference(`ocidir://${dir}`);
    const rejected: InvalidNameError[] = [];
    assert.deepEqual(await store.listTags(ref, { onInvalid: (e) => rejected.push(e) }), ['good', 'UPPER.ok']);
    assert.deepEqual(
      rejected.map((e) => e.value),
      ['../../evil', 'a\nb', 'x'.repeat(129)],
    );
    assert.match(rejected[0]!.message, new RegExp(`^ocidir://${dir}/index.json: refusing the tag "\\.\\./\\.\\./evil"`));
    assert.deepEqual(warnings, []);
    // Without a taker, each is a warning, and the listing is the same.
    assert.deepEqual(await store.listTags(ref), ['good', 'UPPER.ok']);
    assert.equal(warnings.length, 3);
    assert.match(warnings[1]!, /refusing the tag "a\\nb".*; skipped$/);
    // An invalid name resolves to nothing, and a write under one is refused before index.json changes.
    assert.equal(await store.headManifest({ scheme: 'ocidir', path: dir, tag: '../../evil' }), undefined);
    const bytes = (await store.getManifest({ scheme: 'ocidir', path: dir, tag: 'good' })).bytes;
    await assert.rejects(store.putManifest({ scheme: 'ocidir', path: dir, tag: '../x' }, bytes, image.mediaType), InvalidNameError);
  });
});
