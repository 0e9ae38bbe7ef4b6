// Interruption and concurrency: a sync killed with SIGKILL at several points never leaves a tag on a partial image
// (every tag is the old digest or the complete new one), and a re-run ends where an uninterrupted run ends; two syncs
// writing the same target at once leave it consistent.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseManifest } from '../../src/oci/manifest.js';
import { withDigest, type Reference } from '../../src/oci/reference.js';
import type { StoreSet } from '../../src/store/open.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { hostFlags, openStores, refOf, seedImage } from './copy-setup.js';
import { makeSyncWorkspace, syncCli, type SyncWorkspace } from './sync-setup.js';

const TAGS = ['t0', 't1', 't2', 't3', 't4', 't5'];
/** Kill points (ms after start): before the first request, among the blob uploads, near the end. */
const KILL_AFTER_MS = [30, 120, 250, 400, 650, 900];
const MAIN = join(process.cwd(), 'build/src/main.js');

/** Runs `regkit sync once` and SIGKILLs it after `ms`; resolves with how it ended. */
function syncKilledAfter(ws: SyncWorkspace, config: string, hosts: string[], ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && k !== 'GITHUB_ACTIONS'));
    const child = spawn(process.execPath, [MAIN, 'sync', 'once', '-c', config, ...hosts], { env: { ...env, DOCKER_CONFIG: ws.dockerConfig }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code}`);
    });
  });
}

/** Every manifest and blob reachable from the reference is in the registry. */
async function assertComplete(stores: StoreSet, ref: Reference): Promise<void> {
  const store = stores.storeFor(ref);
  const fetched = await store.getManifest(ref);
  const m = parseManifest(fetched.bytes, fetched.mediaType);
  if (m.kind === 'index') {
    for (const child of m.index.manifests) await assertComplete(stores, withDigest(ref, child.digest));
  } else if (m.kind === 'image') {
    for (const blob of [m.manifest.config, ...m.manifest.layers]) {
      assert.equal(await store.headBlob(ref, blob.digest), blob.size, `${blob.digest} of ${fetched.digest} is missing from the target`);
    }
  }
}

describe('sync interrupted and run concurrently', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let stores: StoreSet;
  const sourceDigests = new Map<string, string>();
  const oldDigests = new Map<string, string>();

  const configFor = (target: string) =>
    ws.writeConfig(
      `${target.replace(/\W/g, '-')}.yml`,
      `defaults:\n  parallel: 2\nsync:\n  - source: ${src.host}/app\n    target: ${dst.host}/${target}\n    type: repository\n`,
    );

  async function targetDigests(repo: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const tag of TAGS) {
      const head = await stores.storeForRegistry(dst.host).headManifest(refOf(dst.host, repo, { tag }));
      if (head) out.set(tag, head.digest);
    }
    return out;
  }

  before(async () => {
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    ws = await makeSyncWorkspace('regkit-sync-interrupt-');
    stores = openStores([src, dst]);
    for (const [i, tag] of TAGS.entries()) {
      const image = await seedImage(src, join(ws.dir, `src-${tag}`), [`app:${tag}`], {
        tag,
        platforms: ['linux/amd64', 'linux/arm64'],
        layers: 2,
        layerSize: 384 * 1024,
        seed: `interrupt-${i}`,
      });
      sourceDigests.set(tag, image.digest);
    }
    // The interrupted target starts with older images under half the tags, so kills land on overwrites too.
    for (const tag of TAGS.slice(0, 3)) {
      const image = await seedImage(dst, join(ws.dir, `old-${tag}`), [`mirror/killed:${tag}`], {
        tag,
        layers: 1,
        layerSize: 64 * 1024,
        seed: `interrupt-old-${tag}`,
      });
      oldDigests.set(tag, image.digest);
    }
  });
  after(async () => {
    await stores?.close();
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  it('every kill leaves each tag on its old image or the complete new one, and a re-run matches an uninterrupted run', async () => {
    const hosts = hostFlags(src, dst);
    const killedConfig = await configFor('mirror/killed');
    const endings: string[] = [];
    for (const ms of KILL_AFTER_MS) {
      endings.push(await syncKilledAfter(ws, killedConfig, hosts, ms));
      for (const [tag, digest] of await targetDigests('mirror/killed')) {
        assert.ok(
          digest === sourceDigests.get(tag) || digest === oldDigests.get(tag),
          `after a kill at ${ms} ms, ${tag} points at ${digest}, neither old nor new`,
        );
        await assertComplete(stores, refOf(dst.host, 'mirror/killed', { tag }));
      }
    }
    assert.ok(endings.includes('SIGKILL'), `at least one run was killed: ${endings.join(', ')}`);

    const rerun = await syncCli(ws, 'once', killedConfig, [src, dst]);
    assert.equal(rerun.code, 0, rerun.stderr);
    const clean = await syncCli(ws, 'once', await configFor('mirror/clean'), [src, dst]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.deepEqual(await targetDigests('mirror/killed'), await targetDigests('mirror/clean'));
    assert.deepEqual(await targetDigests('mirror/killed'), sourceDigests);
    for (const tag of TAGS) await assertComplete(stores, refOf(dst.host, 'mirror/killed', { tag }));
  });

  it('two syncs writing the same target at once both succeed and leave every tag complete', async () => {
    const config = await configFor('mirror/both');
    const [a, b] = await Promise.all([syncCli(ws, 'once', config, [src, dst]), syncCli(ws, 'once', config, [src, dst])]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(await targetDigests('mirror/both'), sourceDigests);
    for (const tag of TAGS) await assertComplete(stores, refOf(dst.host, 'mirror/both', { tag }));
  });
});
