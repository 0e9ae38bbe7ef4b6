// The air-gap round trip through `regkit sync`: a registry repository exported to an OCI layout (`ocidir://`), then
// the layout imported into a second registry; every tag arrives with the exact manifest bytes it left with.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Descriptor } from '../../src/oci/manifest.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';
import { seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, syncCli, type SyncWorkspace } from './sync-setup.js';

const TAGS = ['v1', 'v2', 'v2-single'];

/**
 * The manifest a layout's tag points at, read from index.json and the blob store directly: skopeo 1.9's oci:
 * transport does not see index.json entries of Docker media types.
 */
async function layoutManifest(layout: string, tag: string): Promise<Buffer> {
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
  const entries = index.manifests.filter((d) => d.annotations?.['org.opencontainers.image.ref.name'] === tag);
  assert.equal(entries.length, 1, `index.json entries for ${tag}`);
  const [alg, hex] = entries[0]!.digest.split(':');
  return readFile(join(layout, 'blobs', alg!, hex!));
}

describe('sync: registry → ocidir → registry', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-ocidir-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    const small = { layers: 2, layerSize: 2048 };
    await seedImage(src, join(ws.dir, 'v1'), ['upstream/app:v1'], { ...small, tag: 'v1', platforms: ['linux/amd64', 'linux/arm64'], seed: 'sync-ocidir-1' });
    await seedImage(src, join(ws.dir, 'v2'), ['upstream/app:v2'], { ...small, tag: 'v2', platforms: ['linux/amd64', 'linux/arm/v7'], seed: 'sync-ocidir-2' });
    await seedImage(src, join(ws.dir, 'v3'), ['upstream/app:v2-single'], { ...small, tag: 'v2-single', mediaTypes: 'docker', seed: 'sync-ocidir-3' });
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('export to a layout, import into a second registry: identical manifest bytes for every tag', async () => {
    const layout = join(ws.dir, 'carried');
    const exportConfig = await ws.writeConfig(
      'export.yml',
      `sync:\n  - source: ${src.host}/upstream/app\n    target: ocidir://${layout}\n    type: repository\n`,
    );
    const exported = await syncCli(ws, 'once', exportConfig, [src], ['--format', 'json']);
    assertExit(exported, 0);
    assert.deepEqual(
      resultLines(exported.stdout).map((l) => l.status),
      ['copied', 'copied', 'copied'],
    );

    const importConfig = await ws.writeConfig(
      'import.yml',
      `sync:\n  - source: ocidir://${layout}\n    target: ${dst.host}/airgap/app\n    type: repository\n`,
    );
    const imported = await syncCli(ws, 'once', importConfig, [dst], ['--format', 'json']);
    assertExit(imported, 0);
    assert.deepEqual(
      resultLines(imported.stdout).map((l) => l.status),
      ['copied', 'copied', 'copied'],
    );

    assert.deepEqual((await skopeoListTags(`docker://${dst.host}/airgap/app`)).sort(), TAGS);
    for (const tag of TAGS) {
      const original = await skopeoInspectRaw(`docker://${src.host}/upstream/app:${tag}`);
      assert.deepEqual(await layoutManifest(layout, tag), original, `${tag} in the layout`);
      assert.deepEqual(await skopeoInspectRaw(`docker://${dst.host}/airgap/app:${tag}`), original, `${tag} on the second registry`);
    }

    // A second import finds everything in place.
    const again = await syncCli(ws, 'once', importConfig, [dst], ['--format', 'json']);
    assertExit(again, 0);
    assert.deepEqual(
      resultLines(again.stdout).map((l) => l.status),
      ['skipped', 'skipped', 'skipped'],
    );
  });
});
