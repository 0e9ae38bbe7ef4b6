// A user's existing cosign key pair works: an image signed with the key read from an `ENCRYPTED COSIGN PRIVATE KEY`
// file (as `cosign generate-key-pair` writes it, under a password) verifies with the `cosign.pub` next to it through
// `regkit sync` and `regkit verify`, and an image signed with another key file's key does not.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  cosignKeyPair,
  pushCosignSignature,
  readEncryptedCosignKey,
  signPayload,
  simpleSigningPayload,
  writeEncryptedCosignKey,
} from '../harness/cosign-signer.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { hostFlags, runRegkit, seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, syncCli, type SyncWorkspace } from './sync-setup.js';

const PASSWORD = 'a cosign password';

describe('a cosign key pair from its files', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let pubPath: string;
  const images = new Map<'mine' | 'foreign', FixtureImage>();
  let sigDigest: string;

  // What the user has: cosign.key (encrypted) and cosign.pub. The signer sees only the key file and its password.
  const keyFiles = async (name: string): Promise<{ keyPath: string; pubPath: string }> => {
    const pair = cosignKeyPair();
    const keyPath = join(ws.dir, `${name}.key`);
    const pub = join(ws.dir, `${name}.pub`);
    await writeFile(keyPath, await writeEncryptedCosignKey(pair.privateKey, PASSWORD));
    await writeFile(pub, pair.publicPem);
    return { keyPath, pubPath: pub };
  };
  const signWithKeyFile = async (keyPath: string, repo: string, image: FixtureImage): Promise<string> => {
    const key = await readEncryptedCosignKey(await readFile(keyPath, 'utf8'), PASSWORD);
    const layer = signPayload(simpleSigningPayload(`${src.host}/${repo}`, image.digest), key);
    return pushCosignSignature(src.host, repo, image.digest, [layer]);
  };

  before(async () => {
    ws = await makeSyncWorkspace('regkit-verify-keyfile-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    for (const name of ['mine', 'foreign'] as const)
      images.set(name, await seedImage(src, join(ws.dir, name), [`${name}/app:v1`], { tag: 'v1', layers: 1, layerSize: 512, seed: `keyfile-${name}` }));
    const mine = await keyFiles('cosign');
    const other = await keyFiles('other');
    pubPath = mine.pubPath;
    assert.match(await readFile(mine.keyPath, 'utf8'), /^-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----\n/);
    sigDigest = await signWithKeyFile(mine.keyPath, 'mine/app', images.get('mine')!);
    await signWithKeyFile(other.keyPath, 'foreign/app', images.get('foreign')!);
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  test('sync copies the image signed with the key file and its signature, and rejects the other', async () => {
    const config = await ws.writeConfig(
      'regsync.yml',
      `defaults:\n  verify:\n    keys: [${JSON.stringify(pubPath)}]\nsync:\n` +
        ['mine', 'foreign'].map((n) => `  - source: ${src.host}/${n}/app:v1\n    target: ${dst.host}/${n}/app:v1\n    type: image\n`).join(''),
    );
    const run = await syncCli(ws, 'once', config, [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const byRepo = new Map(resultLines(run.stdout).map((l) => [l.target?.split('/')[1], l]));
    assert.equal(byRepo.get('mine')?.status, 'copied', run.stdout);
    assert.equal(byRepo.get('foreign')?.status, 'rejected', run.stdout);
    assert.match(byRepo.get('foreign')?.reason ?? '', /verifies with a trusted key \(.*cosign\.pub\)/);
    const digest = images.get('mine')!.digest;
    assert.equal(await skopeoDigest(`docker://${dst.host}/mine/app:v1`), digest);
    assert.equal(await skopeoDigest(`docker://${dst.host}/mine/app:${digest.replace(':', '-')}.sig`), sigDigest);
    assert.deepEqual(await skopeoListTags(`docker://${dst.host}/foreign/app`).catch(() => []), []);
  });

  test('verify REF --key cosign.pub admits the image signed with the key file', async () => {
    const verify = (name: string) =>
      runRegkit(['verify', `${src.host}/${name}/app:v1`, '--key', pubPath, ...hostFlags(src), '--format', 'json'], ws.dockerConfig);
    const ok = await verify('mine');
    assertExit(ok, 0);
    const [line] = resultLines(ok.stdout);
    assert.deepEqual([line?.status, line?.digest], ['verified', images.get('mine')!.digest]);
    assertExit(await verify('foreign'), 1);
  });
});
