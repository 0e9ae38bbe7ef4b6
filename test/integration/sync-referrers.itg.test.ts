// What a regsync step carries beside an image, as regsync does it: `digestTags` copies each `sha256-<hex>.sig` tag as
// the manifest the source's tag names; `referrerFilters` keeps the referrers some filter matches (artifactType,
// annotations); `referrerSource`/`referrerTarget` read and write referrers in other repositories; `fastCopy` is not a
// key regsync reads, so a new upstream referrer is still copied. The target is read back with skopeo: the referrers a
// distribution registry keeps under the fallback tag `sha256-<hex>`, and the digest each tag names.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ImageIndex } from '../../src/oci/manifest.js';
import type { StoreSet } from '../../src/store/open.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';
import { openStores, pushArtifact, refOf, seedImage, type Pushed } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, syncCli, type SyncWorkspace } from './sync-setup.js';

const REPO = 'upstream/app';
const SBOM = 'application/vnd.regkit.test.sbom+json';
const SIG = 'application/vnd.regkit.test.signature';
const ATTEST = 'application/vnd.regkit.test.attestation';
const KIND = 'org.example.kind';

describe('sync: digest tags and referrers as regsync copies them', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let stores: StoreSet;
  let image: FixtureImage;
  let sbom: Pushed;
  let sig: Pushed;
  let tagged: Pushed;
  let elsewhere: Pushed;
  const fallbackTag = (): string => image.digest.replace(':', '-');
  const sigTag = (): string => `${fallbackTag()}.sig`;
  const subject = () => ({ mediaType: image.mediaType, digest: image.digest, size: image.size });

  /** The referrers of the image in `repo` of the target, as skopeo reads the fallback index; none when it is absent. */
  const referrersOn = async (repo: string): Promise<string[]> => {
    const tags = await skopeoListTags(`docker://${dst.host}/${repo}`).catch((): string[] => []);
    if (!tags.includes(fallbackTag())) return [];
    const index = JSON.parse((await skopeoInspectRaw(`docker://${dst.host}/${repo}:${fallbackTag()}`)).toString('utf8')) as ImageIndex;
    return index.manifests.map((d) => d.digest).sort();
  };
  const step = (target: string, extra: string): string => `  - source: ${src.host}/${REPO}:v1\n    target: ${dst.host}/${target}:v1\n    type: image\n${extra}`;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-referrers-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    image = await seedImage(src, join(ws.dir, 'img'), [`${REPO}:v1`], { tag: 'v1', layers: 1, layerSize: 2048, seed: 'sync-referrers' });
    stores = openStores([src, dst]);
    const repo = refOf(src.host, REPO);
    const store = stores.storeFor(repo);
    sbom = await pushArtifact(store, repo, SBOM, '{"sbom":1}', { subject: subject(), annotations: { [KIND]: 'sbom' } });
    sig = await pushArtifact(store, repo, SIG, 'signature', { subject: subject(), annotations: { [KIND]: 'sig', 'org.example.signer': 'ci' } });
    tagged = await pushArtifact(store, repo, SIG, 'cosign-style signature', { tag: sigTag() });
    const sigs = refOf(src.host, 'sigs/app');
    elsewhere = await pushArtifact(store, sigs, ATTEST, '{"attestation":1}', { subject: subject() });
  });
  after(async () => {
    await stores?.close();
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('digestTags: the target digest tag names the manifest the source digest tag names', async () => {
    const config = await ws.writeConfig('digest-tags.yml', `sync:\n${step('dt/app', '    digestTags: true\n')}`);
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    assert.equal(await skopeoDigest(`docker://${dst.host}/dt/app:${sigTag()}`), tagged.digest);
    assert.notEqual(tagged.digest, image.digest);
    assert.equal(await skopeoDigest(`docker://${dst.host}/dt/app:v1`), image.digest);
  });

  test('referrerFilters: only referrers some filter matches, by artifactType or by annotations', async () => {
    const config = await ws.writeConfig(
      'filters.yml',
      `sync:\n${step('by-type/app', `    referrers: true\n    referrerFilters:\n      - artifactType: ${SBOM}\n`)}` +
        `${step('by-annotation/app', `    referrers: true\n    referrerFilters:\n      - annotations:\n          ${KIND}: sig\n`)}` +
        // An empty value asks only that the annotation is there; both filters of a list are tried.
        `${step('any-of/app', `    referrers: true\n    referrerFilters:\n      - annotations:\n          org.example.signer: ""\n      - artifactType: ${SBOM}\n        annotations:\n          ${KIND}: nope\n`)}` +
        `${step('all/app', '    referrers: true\n')}`,
    );
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    assert.deepEqual(await referrersOn('by-type/app'), [sbom.digest]);
    assert.deepEqual(await referrersOn('by-annotation/app'), [sig.digest]);
    assert.deepEqual(await referrersOn('any-of/app'), [sig.digest]);
    assert.deepEqual(await referrersOn('all/app'), [sbom.digest, sig.digest].sort());
  });

  test('referrerSource and referrerTarget: referrers read from one repository and written to another', async () => {
    const config = await ws.writeConfig(
      'source-target.yml',
      `sync:\n${step('st/app', `    referrers: true\n    referrerSource: ${src.host}/sigs/app\n    referrerTarget: ${dst.host}/st/sigs\n`)}`,
    );
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 0);
    assert.equal(await skopeoDigest(`docker://${dst.host}/st/app:v1`), image.digest);
    assert.deepEqual(await referrersOn('st/sigs'), [elsewhere.digest]);
    assert.equal(await skopeoDigest(`docker://${dst.host}/st/sigs@${elsewhere.digest}`), elsewhere.digest);
    // The image's own repository keeps none: the source's own referrers were not the ones asked for.
    assert.deepEqual(await referrersOn('st/app'), []);
  });

  test('fastCopy is ignored as regsync ignores it, with a warning naming fastCheck: a new upstream referrer is copied', async () => {
    const config = await ws.writeConfig('fast-copy.yml', `sync:\n${step('fast/app', '    referrers: true\n    fastCopy: true\n')}`);
    const first = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(first, 0);
    assert.match(first.stderr, /fastCopy is ignored, as regsync ignores it: the key regsync reads is fastCheck/);
    assert.deepEqual(await referrersOn('fast/app'), [sbom.digest, sig.digest].sort());

    const repo = refOf(src.host, REPO);
    const late = await pushArtifact(stores.storeFor(repo), repo, SBOM, '{"sbom":2}', { subject: subject() });
    const second = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(second, 0);
    assert.deepEqual(
      resultLines(second.stdout).map((l) => l.status),
      ['copied'],
    );
    assert.deepEqual(await referrersOn('fast/app'), [sbom.digest, sig.digest, late.digest].sort());
  });
});
