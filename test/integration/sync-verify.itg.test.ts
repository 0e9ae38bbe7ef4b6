// regkit's verify policy in a regsync file: only images whose cosign `.sig` signatures verify with a trusted key are
// copied, with their signatures; the unsigned, the wrongly signed, the altered and the one whose signed payload
// names another image are `rejected` with their reason, their target tags untouched, and the rest of the sync goes
// on. Signatures come from the test signer (test/harness/cosign-signer.ts), which shares no code with the verifier.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { cosignKeyPair, pushCosignSignature, signPayload, simpleSigningPayload, type CosignKeyPair } from '../harness/cosign-signer.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { hostFlags, openStores, refOf, runRegkit, seedImage } from './copy-setup.js';
import { assertExit, countByMethod, makeSyncWorkspace, resultLines, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';
import { verifyCosignSignatures } from '../../src/verify/cosign.js';
import { DEFAULT_THRESHOLDS, parsePublicKey } from '../../src/verify/policy.js';
import { msPerRun } from '../harness/per-run.js';

const CASES = ['signed', 'unsigned', 'wrongkey', 'tampered', 'otherdigest', 'otherkey'] as const;
type Case = (typeof CASES)[number];

describe('sync with a verify policy', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let ws: SyncWorkspace;
  let trusted: CosignKeyPair;
  let other: CosignKeyPair;
  let trustedPub: string;
  let otherPub: string;
  const images = new Map<Case, FixtureImage>();
  const sigDigests = new Map<Case, string>();
  let kept: FixtureImage;

  const sign = async (c: Case, key: CosignKeyPair, payloadDigest: string, tamper = false): Promise<void> => {
    const image = images.get(c)!;
    const layer = signPayload(simpleSigningPayload(`${src.host}/${c}/app`, payloadDigest), key.privateKey);
    // Altered after signing: one byte of the payload changed, the signature kept.
    const payload = tamper ? Buffer.from(layer.payload.toString().replace('"optional":null', '"optional":{}')) : layer.payload;
    sigDigests.set(c, await pushCosignSignature(src.host, `${c}/app`, image.digest, [{ payload, signature: layer.signature }]));
  };

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-verify-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    for (const c of CASES)
      images.set(c, await seedImage(src, join(ws.dir, c), [`${c}/app:v1`], { tag: 'v1', layers: 1, layerSize: 1024, seed: `verify-${c}` }));
    // The target of the unsigned image already holds an older image: a rejection must leave it as it is.
    kept = await seedImage(dst, join(ws.dir, 'kept'), ['unsigned/app:v1'], { tag: 'v1', layers: 1, layerSize: 1024, seed: 'verify-kept' });
    trusted = cosignKeyPair();
    other = cosignKeyPair();
    trustedPub = join(ws.dir, 'cosign.pub');
    otherPub = join(ws.dir, 'other.pub');
    await writeFile(trustedPub, trusted.publicPem);
    await writeFile(otherPub, other.publicPem);
    await sign('signed', trusted, images.get('signed')!.digest);
    await sign('wrongkey', other, images.get('wrongkey')!.digest);
    await sign('tampered', trusted, images.get('tampered')!.digest, true);
    await sign('otherdigest', trusted, images.get('signed')!.digest);
    await sign('otherkey', other, images.get('otherkey')!.digest);
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop()]);
    await ws?.remove();
  });

  const config = (): Promise<string> =>
    ws.writeConfig(
      'regsync.yml',
      `defaults:\n  verify:\n    keys: [${JSON.stringify(trustedPub)}]\nsync:\n` +
        CASES.map(
          (c) =>
            `  - source: ${src.host}/${c}/app:v1\n    target: ${dst.host}/${c}/app:v1\n    type: image\n` +
            // A step's own policy replaces the defaults' one.
            (c === 'otherkey' ? `    verify:\n      keys: [${JSON.stringify(otherPub)}]\n` : ''),
        ).join(''),
    );

  const expected: Record<Case, { status: string; reason?: RegExp }> = {
    signed: { status: 'copied' },
    otherkey: { status: 'copied' },
    unsigned: { status: 'rejected', reason: /^no signature: sha256-[0-9a-f]{64}\.sig does not exist$/ },
    wrongkey: {
      status: 'rejected',
      reason: /^no signature in sha256-[0-9a-f]{64}\.sig verifies with a trusted key \(.*cosign\.pub\): signed by another key, or altered$/,
    },
    tampered: { status: 'rejected', reason: /verifies with a trusted key/ },
    otherdigest: { status: 'rejected', reason: /^the payload signed by .*cosign\.pub names sha256:[0-9a-f]{64}, not this image's sha256:[0-9a-f]{64}$/ },
  };

  test('check shows each verdict and writes nothing', async () => {
    dst.clearRequests();
    const run = await syncCli(ws, 'check', await config(), [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const byRepo = new Map(resultLines(run.stdout).map((l) => [l.target?.split('/')[1], l]));
    for (const c of CASES) {
      const want = expected[c];
      const line = byRepo.get(c);
      assert.equal(line?.status, want.status === 'copied' ? 'would-copy' : 'rejected', `${c}: ${run.stdout}`);
      assert.equal(line?.digest, images.get(c)!.digest);
      if (want.reason) assert.match(line?.reason ?? '', want.reason, c);
    }
    assert.deepEqual(writesIn(dst.requests()), [], JSON.stringify(countByMethod(dst.requests())));
  });

  test('once copies the signed images with their signatures and rejects the rest, their targets untouched', async () => {
    const cfg = await config();
    const run = await syncCli(ws, 'once', cfg, [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const byRepo = new Map(resultLines(run.stdout).map((l) => [l.target?.split('/')[1], l]));
    for (const c of CASES) {
      const want = expected[c];
      assert.equal(byRepo.get(c)?.status, want.status, `${c}: ${run.stdout}`);
      if (want.reason) assert.match(byRepo.get(c)?.reason ?? '', want.reason, c);
    }
    for (const c of ['signed', 'otherkey'] as const) {
      const digest = images.get(c)!.digest;
      assert.equal(await skopeoDigest(`docker://${dst.host}/${c}/app:v1`), digest);
      assert.equal(await skopeoDigest(`docker://${dst.host}/${c}/app:${digest.replace(':', '-')}.sig`), sigDigests.get(c));
    }
    assert.equal(await skopeoDigest(`docker://${dst.host}/unsigned/app:v1`), kept.digest);
    for (const c of ['wrongkey', 'tampered', 'otherdigest'] as const) {
      assert.deepEqual(await skopeoListTags(`docker://${dst.host}/${c}/app`).catch(() => []), [], c);
    }
    assert.match(run.stderr, /sync rejected: no signature/);

    // A second run: the verified images are unchanged, the rejected ones still rejected, and only them.
    const again = await syncCli(ws, 'once', cfg, [src, dst], ['--format', 'json']);
    assertExit(again, 1);
    const statuses = resultLines(again.stdout)
      .map((l) => l.status)
      .sort();
    assert.deepEqual(statuses, ['rejected', 'rejected', 'rejected', 'rejected', 'skipped', 'skipped']);
  });

  test('regkit verify REF --key FILE gives one image the same verdict', async () => {
    const verify = (c: Case, ...extra: string[]) =>
      runRegkit(['verify', `${src.host}/${c}/app:v1`, ...extra, ...hostFlags(src), '--format', 'json'], ws.dockerConfig);
    const ok = await verify('signed', '--key', trustedPub);
    assertExit(ok, 0);
    const [line] = resultLines(ok.stdout);
    assert.deepEqual([line?.op, line?.status, line?.digest], ['verify', 'verified', images.get('signed')!.digest]);
    assert.match(line?.reason ?? '', /^signed by .*cosign\.pub \(sha256-[0-9a-f]{64}\.sig\)$/);
    // Either of two keys admits it; the wrong key alone rejects it, with sync's reason.
    assertExit(await verify('wrongkey', '--key', trustedPub, '--key', otherPub), 0);
    const wrong = await verify('wrongkey', '--key', trustedPub);
    assertExit(wrong, 1);
    assert.equal(resultLines(wrong.stdout)[0]?.status, 'rejected');
    assert.match(resultLines(wrong.stdout)[0]?.reason ?? '', expected.wrongkey.reason!);
    const noKey = await verify('signed');
    assertExit(noKey, 2);
    assert.match(noKey.stderr, /verify needs --key FILE/);
  });

  test('overhead of one verification: a HEAD and a GET of the .sig manifest, a GET of the payload', async (t) => {
    const stores = openStores([src]);
    try {
      const repo = refOf(src.host, 'signed/app');
      const policy = { keys: [parsePublicKey(trusted.publicPem, 'cosign.pub')], keyless: [], thresholds: DEFAULT_THRESHOLDS, signed: 'index' as const };
      const digest = images.get('signed')!.digest;
      const store = stores.storeFor(repo);
      assert.equal((await verifyCosignSignatures(store, repo, digest, policy)).ok, true);
      const n = 50;
      const perImageMs = await msPerRun(n, () => verifyCosignSignatures(store, repo, digest, policy));
      t.diagnostic(`verify overhead: ${perImageMs.toFixed(2)} ms per image (${n} runs, local registry)`);
      assert.ok(perImageMs < 500, `${perImageMs} ms per image`);
    } finally {
      await stores.close();
    }
  });
});
