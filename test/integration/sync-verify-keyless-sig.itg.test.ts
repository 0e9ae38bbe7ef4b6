// cosign 2's keyless `.sig` signatures against a real registry: simple-signing payloads signed with certificates from
// a local Fulcio stand-in and logged in a local Rekor (test/harness/sigstore-signer.ts `signKeylessSig`), their
// certificate, chain and Rekor bundle written as the layer annotations cosign 2 writes, pushed as `sha256-<hex>.sig`
// with plain distribution API requests. The image signed by the trusted identity is copied with its `.sig`; the wrong
// identity, another world's CA and log, an altered payload, a payload naming another image and an unlogged signature
// under tlogThreshold 1 are rejected, their targets untouched. `regkit verify` gives each the same verdict.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { pushCosignSignature, simpleSigningPayload, type SignatureLayer } from '../harness/cosign-signer.js';
import { signKeylessSig, startSigstore, type SigstoreWorld } from '../harness/sigstore-signer.js';
import { hostFlags, openStores, refOf, runRegkit, seedImage } from './copy-setup.js';
import { assertExit, makeSyncWorkspace, resultLines, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';
import { DEFAULT_THRESHOLDS } from '../../src/verify/policy.js';
import { readTrustedRootFile } from '../../src/verify/trusted-root.js';
import { verifyImage } from '../../src/verify/verify.js';
import { msPerRun } from '../harness/per-run.js';

const ISSUER = 'https://token.actions.example.test';
const SUBJECT = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const CASES = ['signed', 'unsigned', 'wrongsubject', 'untrusted', 'tampered', 'otherdigest', 'unlogged'] as const;
type Case = (typeof CASES)[number];
const SIG = 'sha256-[0-9a-f]{64}\\.sig';
const expected: Record<Exclude<Case, 'signed'>, RegExp> = {
  unsigned: new RegExp(`^no signature: ${SIG} does not exist, and no sigstore bundle refers to sha256:[0-9a-f]{64}$`),
  wrongsubject: new RegExp(
    `^the keyless signature in ${SIG} is signed by https://github\\.com/evil/app \\(issuer .*\\), which is none of the policy's identities`,
  ),
  untrusted: new RegExp(`^the keyless signature in ${SIG} is not backed by the trusted root \\((TLOG_INCLUSION_PROMISE|CERTIFICATE|TIMESTAMP)_ERROR`),
  tampered: new RegExp(`^the keyless signature in ${SIG} does not verify \\(.*\\): signed by another key, or altered$`),
  otherdigest: /^the payload signed by https:\/\/github\.com\/acme\/.* names sha256:[0-9a-f]{64}, not this image's sha256:[0-9a-f]{64}$/,
  unlogged: new RegExp(`^the keyless signature in ${SIG} is not backed by the trusted root \\(TLOG_ERROR: expected 1 tlog entries, got 0\\)$`),
};

describe('sync with a keyless verify policy: cosign 2 keyless .sig signatures', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let world: SigstoreWorld;
  let stranger: SigstoreWorld;
  let ws: SyncWorkspace;
  let rootPath: string;
  const images = new Map<Case, FixtureImage>();
  const sigDigests = new Map<Case, string>();

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-keyless-sig-');
    [src, dst, world, stranger] = await Promise.all([startRegistry(), startRegistry(), startSigstore(), startSigstore()]);
    rootPath = join(ws.dir, 'trusted_root.json');
    await world.writeTrustedRoot(rootPath);
    for (const c of CASES)
      images.set(c, await seedImage(src, join(ws.dir, c), [`${c}/app:v1`], { tag: 'v1', layers: 1, layerSize: 1024, seed: `keyless-sig-${c}` }));
    const payloadOf = (c: Case, digest = images.get(c)!.digest) => simpleSigningPayload(`${src.host}/${c}/app`, digest);
    const id = { issuer: ISSUER, subject: SUBJECT };
    const signed: Partial<Record<Case, SignatureLayer>> = {
      signed: await signKeylessSig(world, payloadOf('signed'), id),
      wrongsubject: await signKeylessSig(world, payloadOf('wrongsubject'), { ...id, subject: 'https://github.com/evil/app' }),
      untrusted: await signKeylessSig(stranger, payloadOf('untrusted'), id),
      // Signed honestly, then the payload swapped for one naming another repository: the signature no longer covers it.
      tampered: {
        ...(await signKeylessSig(world, payloadOf('tampered'), id)),
        payload: simpleSigningPayload(`${src.host}/evil/app`, images.get('tampered')!.digest),
      },
      // A valid signature of the `signed` image, replayed under another image's `.sig` tag.
      otherdigest: await signKeylessSig(world, payloadOf('otherdigest', images.get('signed')!.digest), id),
      unlogged: await signKeylessSig(world, payloadOf('unlogged'), { ...id, tlog: false, tsa: true }),
    };
    for (const [c, layer] of Object.entries(signed) as [Case, SignatureLayer][]) {
      sigDigests.set(c, await pushCosignSignature(src.host, `${c}/app`, images.get(c)!.digest, [layer]));
    }
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop(), world?.close(), stranger?.close()]);
    await ws?.remove();
  });

  const config = (): Promise<string> =>
    ws.writeConfig(
      'regsync.yml',
      `defaults:\n  verify:\n    trustedRoot: ${JSON.stringify(rootPath)}\n    keyless:\n      - issuer: ${ISSUER}\n        subject: ${SUBJECT}\nsync:\n` +
        CASES.map((c) => `  - source: ${src.host}/${c}/app:v1\n    target: ${dst.host}/${c}/app:v1\n    type: image\n`).join(''),
    );
  const byRepo = (stdout: string) => new Map(resultLines(stdout).map((l) => [l.target?.split('/')[1] as Case, l]));

  test('check: each verdict, nothing written', async () => {
    dst.clearRequests();
    const run = await syncCli(ws, 'check', await config(), [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const lines = byRepo(run.stdout);
    for (const c of CASES) {
      const line = lines.get(c);
      assert.equal(line?.status, c === 'signed' ? 'would-copy' : 'rejected', `${c}: ${run.stdout}`);
      if (c !== 'signed') assert.match(line?.reason ?? '', expected[c], c);
    }
    assert.deepEqual(writesIn(dst.requests()), []);
  });

  test('once copies the signed image with its .sig and rejects the rest, their targets untouched', async () => {
    const run = await syncCli(ws, 'once', await config(), [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const lines = byRepo(run.stdout);
    for (const c of CASES) assert.equal(lines.get(c)?.status, c === 'signed' ? 'copied' : 'rejected', `${c}: ${run.stdout}`);
    const digest = images.get('signed')!.digest;
    assert.equal(await skopeoDigest(`docker://${dst.host}/signed/app:v1`), digest);
    // The signature manifest came along byte for byte, so the mirror verifies in turn.
    const sigTag = `${digest.replace(':', '-')}.sig`;
    assert.equal(await skopeoDigest(`docker://${dst.host}/signed/app:${sigTag}`), sigDigests.get('signed'));
    for (const c of CASES.filter((x) => x !== 'signed')) assert.deepEqual(await skopeoListTags(`docker://${dst.host}/${c}/app`).catch(() => []), [], c);
    // And the mirror's copy verifies by the same policy.
    const mirrored = await runRegkit(
      [
        'verify',
        `${dst.host}/signed/app:v1`,
        '--trusted-root',
        rootPath,
        '--certificate-oidc-issuer',
        ISSUER,
        '--certificate-identity',
        SUBJECT,
        ...hostFlags(dst),
      ],
      ws.dockerConfig,
    );
    assertExit(mirrored, 0);
  });

  test('regkit verify REF gives each image the verdict sync gives', async () => {
    const check = await syncCli(ws, 'check', await config(), [src, dst], ['--format', 'json']);
    const bySync = byRepo(check.stdout);
    await Promise.all(
      CASES.map(async (c) => {
        const run = await runRegkit(
          [
            'verify',
            `${src.host}/${c}/app:v1`,
            '--trusted-root',
            rootPath,
            '--certificate-oidc-issuer',
            ISSUER,
            '--certificate-identity',
            SUBJECT,
            ...hostFlags(src),
            '--format',
            'json',
          ],
          ws.dockerConfig,
        );
        assertExit(run, c === 'signed' ? 0 : 1);
        const [line] = resultLines(run.stdout);
        if (c === 'signed') {
          assert.equal(line?.status, 'verified', run.stdout);
          assert.match(line?.reason ?? '', new RegExp(`\\(${SIG}\\)$`));
        } else {
          assert.equal(line?.status, 'rejected', run.stdout);
          assert.equal(line?.reason, bySync.get(c)?.reason, c);
        }
      }),
    );
  });

  test('overhead of one keyless .sig verification, and the time of each rejection', async (t) => {
    const stores = openStores([src]);
    try {
      const policy = {
        keys: [],
        keyless: [{ issuer: { exact: ISSUER }, subject: { exact: SUBJECT } }],
        trustedRoot: readTrustedRootFile(rootPath),
        thresholds: DEFAULT_THRESHOLDS,
        signed: 'index' as const,
      };
      for (const c of CASES) {
        const repo = refOf(src.host, `${c}/app`);
        const digest = images.get(c)!.digest;
        const store = stores.storeFor(repo);
        const first = await verifyImage(store, repo, digest, policy);
        assert.equal(first.ok, c === 'signed', JSON.stringify(first));
        const n = 30;
        const perImageMs = await msPerRun(n, () => verifyImage(store, repo, digest, policy));
        t.diagnostic(`keyless .sig verify (${c}): ${perImageMs.toFixed(2)} ms per image (${n} runs, local registry)`);
        assert.ok(perImageMs < 1000, `${perImageMs} ms per image`);
      }
      t.diagnostic(`peak RSS of the test process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    } finally {
      await stores.close();
    }
  });
});
