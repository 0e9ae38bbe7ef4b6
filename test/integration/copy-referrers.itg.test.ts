// What hangs off an image: a referrer (an artifact manifest whose `subject` is the image) travels with --referrers and
// only then, landing in the target's referrers list (distribution 2.8 has no referrers API, so the fallback tag
// `sha256-<hex>` holds it); a cosign-style `sha256-<hex>.sig` tag travels with --digest-tags and only then.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import type { Descriptor, ImageIndex } from '../../src/oci/manifest.js';
import type { StoreSet } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';
import { copyContext, hostFlags, openStores, pushArtifact, refOf, runRegkit, seedImage, type Pushed } from './copy-setup.js';

const REPO = 'upstream/app';
const SBOM_TYPE = 'application/vnd.regkit.test.sbom+json';
const SIG_TYPE = 'application/vnd.regkit.test.signature';

describe('copy of referrers and digest tags', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let work: string;
  let image: FixtureImage;
  let stores: StoreSet;
  let sbom: Pushed;
  let signature: Pushed;
  const sigTag = (): string => `${image.digest.replace(':', '-')}.sig`;
  const fallbackTag = (): string => image.digest.replace(':', '-');

  before(async () => {
    work = await makeTempDir('regkit-copy-referrers-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry({ auth: 'token' })]);
    image = await seedImage(src, join(work, 'layout'), [`${REPO}:v1`], {
      tag: 'v1',
      platforms: ['linux/amd64', 'linux/arm64'],
      layers: 1,
      layerSize: 8 * 1024,
      seed: 'copy-referrers',
    });
    stores = openStores([src, dst]);
    const repo = refOf(src.host, REPO);
    const store = stores.storeFor(repo);
    sbom = await pushArtifact(store, repo, SBOM_TYPE, '{"sbom":"regkit test"}', {
      subject: { mediaType: image.mediaType, digest: image.digest, size: image.size },
    });
    signature = await pushArtifact(store, repo, SIG_TYPE, 'signature of the image', { tag: sigTag() });
    assert.deepEqual(
      (await store.listReferrers(refOf(src.host, REPO, { digest: image.digest }))).map((d) => d.digest),
      [sbom.digest],
    );
  });
  after(async () => {
    await stores?.close();
    await Promise.all([src?.stop(), dst?.stop()]);
    await removeTempDir(work);
  });

  const dstStore = (): Store => stores.storeFor(refOf(dst.host, 'any'));
  const referrersOn = async (repo: string): Promise<Descriptor[]> => dstStore().listReferrers(refOf(dst.host, repo, { digest: image.digest }));
  const hasManifest = async (repo: string, digest: string): Promise<boolean> =>
    (await dstStore().headManifest(refOf(dst.host, repo, { digest }))) !== undefined;

  test('without --referrers the referrer and the digest tag stay behind', async () => {
    const result = await copyImage(copyContext(stores), refOf(src.host, REPO, { tag: 'v1' }), refOf(dst.host, 'plain/app', { tag: 'v1' }));
    assert.equal(result.status, 'copied');
    assert.deepEqual(await referrersOn('plain/app'), []);
    assert.equal(await hasManifest('plain/app', sbom.digest), false);
    assert.deepEqual(await skopeoListTags(`docker://${dst.host}/plain/app`, dst.credentials), ['v1']);
  });

  test('--referrers copies the referrer, listed by the target’s fallback tag, with its blobs', async () => {
    const result = await copyImage(copyContext(stores), refOf(src.host, REPO, { tag: 'v1' }), refOf(dst.host, 'with/app', { tag: 'v1' }), { referrers: true });
    assert.equal(result.status, 'copied');
    assert.equal(result.digest, image.digest);
    const listed = await referrersOn('with/app');
    assert.deepEqual(
      listed.map((d) => [d.digest, d.artifactType]),
      [[sbom.digest, SBOM_TYPE]],
    );
    const fallback = JSON.parse((await skopeoInspectRaw(`docker://${dst.host}/with/app:${fallbackTag()}`, dst.credentials)).toString('utf8')) as ImageIndex;
    assert.deepEqual(
      fallback.manifests.map((d) => d.digest),
      [sbom.digest],
    );
    assert.equal(await skopeoDigest(`docker://${dst.host}/with/app@${sbom.digest}`, dst.credentials), sbom.digest);
    for (const blob of sbom.blobs) assert.notEqual(await dstStore().headBlob(refOf(dst.host, 'with/app'), blob.digest), undefined);
    // --referrers alone leaves the .sig tag, which is not a referrer.
    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/with/app`, dst.credentials)).sort(), [fallbackTag(), 'v1'].sort());

    const again = await copyImage(copyContext(stores), refOf(src.host, REPO, { tag: 'v1' }), refOf(dst.host, 'with/app', { tag: 'v1' }), { referrers: true });
    assert.equal(again.status, 'skipped');
  });

  test('--referrers on a target that already has the image adds just the referrer', async () => {
    dst.clearRequests();
    const result = await copyImage(copyContext(stores), refOf(src.host, REPO, { tag: 'v1' }), refOf(dst.host, 'plain/app', { tag: 'v1' }), { referrers: true });
    assert.equal(result.status, 'copied');
    assert.deepEqual(
      (await referrersOn('plain/app')).map((d) => d.digest),
      [sbom.digest],
    );
    const puts = dst.requests().filter((r) => r.method === 'PUT' && r.status !== 401 && r.path.includes('/manifests/'));
    assert.deepEqual(puts.map((r) => r.path).sort(), [`/v2/plain/app/manifests/${fallbackTag()}`, `/v2/plain/app/manifests/${sbom.digest}`].sort());
  });

  test('--digest-tags copies the sha256-<hex>.sig tag; without it the tag stays behind', async () => {
    const result = await copyImage(copyContext(stores), refOf(src.host, REPO, { tag: 'v1' }), refOf(dst.host, 'signed/app', { tag: 'v1' }), {
      digestTags: true,
    });
    assert.equal(result.status, 'copied');
    assert.equal(await skopeoDigest(`docker://${dst.host}/signed/app:${sigTag()}`, dst.credentials), signature.digest);
    const tags = await skopeoListTags(`docker://${dst.host}/signed/app`, dst.credentials);
    assert.ok(tags.includes(sigTag()) && tags.includes('v1'), tags.join(', '));
    assert.ok(!(await skopeoListTags(`docker://${dst.host}/plain/app`, dst.credentials)).includes(sigTag()));
  });

  test('the CLI: --referrers --digest-tags brings both', async () => {
    const run = await runRegkit(
      ['copy', `${src.host}/${REPO}:v1`, `${dst.host}/cli/app:v1`, '--referrers', '--digest-tags', '--format', 'json', ...hostFlags(src, dst)],
      join(work, 'no-docker-config'),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { status: string }).status, 'copied');
    assert.deepEqual(
      (await referrersOn('cli/app')).map((d) => d.digest),
      [sbom.digest],
    );
    assert.equal(await skopeoDigest(`docker://${dst.host}/cli/app:${sigTag()}`, dst.credentials), signature.digest);
  });
});
