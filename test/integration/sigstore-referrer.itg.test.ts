// The sigstore bundle referrer the test signer pushes (test/harness/sigstore-signer.ts), as distribution 2.8 stores
// it: the registry has no referrers API, so the `sha256-<hex>` fallback index is what lists the bundle; the bundle read
// back from the registry still verifies with the sigstore project's own verifier against the world's trusted root.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { BUNDLE_MEDIA_TYPE, pushBundleReferrer, signKeyless, startSigstore, type SigstoreWorld } from '../harness/sigstore-signer.js';
import { seedImage } from './copy-setup.js';
import { makeSyncWorkspace, type SyncWorkspace } from './sync-setup.js';

const ISSUER = 'https://token.actions.example.test';
const SUBJECT = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

describe('sigstore bundle referrers on distribution 2.8', () => {
  let reg: RunningRegistry;
  let world: SigstoreWorld;
  let ws: SyncWorkspace;
  let image: FixtureImage;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sigstore-referrer-');
    [reg, world] = await Promise.all([startRegistry(), startSigstore()]);
    image = await seedImage(reg, join(ws.dir, 'img'), ['team/app:v1'], { tag: 'v1', layers: 1, layerSize: 512, seed: 'sigstore-referrer' });
  });
  after(async () => {
    await Promise.all([reg?.stop(), world?.close()]);
    await ws?.remove();
  });

  const get = async (path: string, accept: string): Promise<{ status: number; body: Buffer }> => {
    const r = await fetch(`${reg.url}/v2/team/app/${path}`, { headers: { accept } });
    return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
  };

  test('two bundles are listed by the fallback tag and read back as they were signed', async () => {
    const descriptor = { mediaType: image.mediaType, digest: image.digest, size: image.size };
    const manifest = (await get(`manifests/${image.digest}`, image.mediaType)).body;
    const message = await signKeyless(world, image.digest, { issuer: ISSUER, subject: SUBJECT, kind: 'message', artifact: manifest });
    const dsse = await signKeyless(world, image.digest, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse' });
    const first = await pushBundleReferrer(reg.host, 'team/app', descriptor, message, { fallbackTag: true });
    const second = await pushBundleReferrer(reg.host, 'team/app', descriptor, dsse, { fallbackTag: true });

    // distribution 2.8 serves no referrers API: the fallback tag is the only list.
    assert.equal((await get(`referrers/${image.digest}`, INDEX)).status, 404);
    const tag = await get(`manifests/${image.digest.replace(':', '-')}`, INDEX);
    assert.equal(tag.status, 200);
    const index = JSON.parse(tag.body.toString()) as { manifests: { digest: string; artifactType: string }[] };
    assert.deepEqual(
      index.manifests.map((m) => [m.digest, m.artifactType]),
      [
        [first.digest, BUNDLE_MEDIA_TYPE],
        [second.digest, BUNDLE_MEDIA_TYPE],
      ],
    );

    const verifier = new Verifier(toTrustMaterial(TrustedRoot.fromJSON(world.trustedRoot)), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
    for (const [referrer, artifact] of [
      [first, manifest],
      [second, undefined],
    ] as const) {
      const stored = await get(`manifests/${referrer.digest}`, MANIFEST);
      assert.equal(`sha256:${createHash('sha256').update(stored.body).digest('hex')}`, referrer.digest);
      const m = JSON.parse(stored.body.toString()) as { artifactType: string; subject: { digest: string }; layers: { mediaType: string; digest: string }[] };
      assert.equal(m.artifactType, BUNDLE_MEDIA_TYPE, 'distribution 2.8 keeps the OCI 1.1 fields');
      assert.equal(m.subject.digest, image.digest);
      const layer = await get(`blobs/${m.layers[0]!.digest}`, '*/*');
      const bundle = bundleFromJSON(JSON.parse(layer.body.toString()));
      verifier.verify(toSignedEntity(bundle, artifact), { subjectAlternativeName: SUBJECT, extensions: { issuer: ISSUER } });
    }
  });
});
