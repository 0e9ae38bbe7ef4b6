// regkit's keyless verify policy against a real registry: images signed with sigstore bundles (made by the sigstore
// project's own signer against local Fulcio/Rekor/TSA stand-ins, test/harness/sigstore-signer.ts) and pushed as OCI
// 1.1 referrers, listed by the `sha256-<hex>` fallback index since distribution 2.8 has no referrers API. Signed
// images are copied with their bundle referrers; the unsigned, the wrong signer (exact and regex), the altered bundle,
// bundles naming another image (message and DSSE) and a bundle from a root the policy does not trust are rejected,
// their target tags untouched, and the rest of the sync goes on. `regkit verify` gives each the same verdict.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SerializedBundle } from '@sigstore/bundle';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoDigest, skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';
import { BUNDLE_MEDIA_TYPE, pushBundleReferrer, signKeyless, startSigstore, type SigstoreWorld } from '../harness/sigstore-signer.js';
import { hostFlags, openStores, pushArtifact, refOf, runRegkit, seedImage } from './copy-setup.js';
import { assertExit, countByMethod, makeSyncWorkspace, resultLines, syncCli, writesIn, type SyncWorkspace } from './sync-setup.js';
import { DEFAULT_THRESHOLDS } from '../../src/verify/policy.js';
import { readTrustedRootFile } from '../../src/verify/trusted-root.js';
import { verifyImage } from '../../src/verify/verify.js';
import { msPerRun } from '../harness/per-run.js';

const ISSUER = 'https://token.actions.example.test';
const SUBJECT = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const CASES = ['dsse', 'message', 'unsigned', 'wrongsubject', 'wrongregex', 'tampered', 'othermessage', 'otherdsse', 'untrusted'] as const;
type Case = (typeof CASES)[number];
const ADMITTED: readonly Case[] = ['dsse', 'message'];
const INDEX = 'application/vnd.oci.image.index.v1+json';
const SBOM = 'application/spdx+json';
const NOTE = 'application/vnd.example.note';

const expected: Record<Case, { reason?: RegExp }> = {
  dsse: {},
  message: {},
  unsigned: { reason: /^no signature: sha256-[0-9a-f]{64}\.sig does not exist, and no sigstore bundle refers to sha256:[0-9a-f]{64}$/ },
  wrongsubject: {
    reason: /^the sigstore bundle sha256:[0-9a-f]{64} is signed by https:\/\/github\.com\/evil\/app .*, which is none of the policy's identities/,
  },
  wrongregex: {
    reason:
      /is signed by https:\/\/github\.com\/acme\/app\/\.github\/workflows\/release\.yml@refs\/heads\/feature .*none of the policy's identities \(\/.*\/ from/,
  },
  tampered: { reason: /^the sigstore bundle sha256:[0-9a-f]{64} does not verify \(.*\): signed by another key, or altered$/ },
  othermessage: { reason: /^the sigstore bundle sha256:[0-9a-f]{64} signs sha256:[0-9a-f]{64}, not this image's sha256:[0-9a-f]{64}$/ },
  otherdsse: { reason: /signs an in-toto statement about sha256:[0-9a-f]{64}, not this image's sha256:[0-9a-f]{64}$/ },
  untrusted: { reason: /is not backed by the trusted root \((TIMESTAMP|CERTIFICATE|TLOG)/ },
};

describe('sync with a keyless verify policy', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let world: SigstoreWorld;
  let stranger: SigstoreWorld;
  let ws: SyncWorkspace;
  let rootPath: string;
  const images = new Map<Case, FixtureImage>();
  const bundleReferrers = new Map<Case, string>();
  const sboms = new Map<Case, string>();
  let kept: FixtureImage;

  const manifestOf = async (reg: RunningRegistry, repo: string, digest: string): Promise<Buffer> => skopeoInspectRaw(`docker://${reg.host}/${repo}@${digest}`);
  const push = async (c: Case, bundle: SerializedBundle): Promise<void> => {
    const image = images.get(c)!;
    const pushed = await pushBundleReferrer(src.host, `${c}/app`, { mediaType: image.mediaType, digest: image.digest, size: image.size }, bundle, {
      fallbackTag: true,
    });
    bundleReferrers.set(c, pushed.digest);
  };
  const sign = async (c: Case, opts: Partial<Parameters<typeof signKeyless>[2]> = {}, inWorld = world): Promise<SerializedBundle> => {
    const image = images.get(c)!;
    const kind = opts.kind ?? 'dsse';
    return signKeyless(inWorld, image.digest, {
      issuer: ISSUER,
      subject: SUBJECT,
      kind,
      ...(kind === 'message' ? { artifact: await manifestOf(src, `${c}/app`, image.digest) } : {}),
      ...opts,
    });
  };

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-keyless-');
    [src, dst, world, stranger] = await Promise.all([startRegistry(), startRegistry(), startSigstore(), startSigstore()]);
    rootPath = join(ws.dir, 'trusted_root.json');
    await world.writeTrustedRoot(rootPath);
    for (const c of CASES)
      images.set(c, await seedImage(src, join(ws.dir, c), [`${c}/app:v1`], { tag: 'v1', layers: 1, layerSize: 1024, seed: `keyless-${c}` }));
    kept = await seedImage(dst, join(ws.dir, 'kept'), ['unsigned/app:v1'], { tag: 'v1', layers: 1, layerSize: 1024, seed: 'keyless-kept' });
    await push('dsse', await sign('dsse'));
    await push('message', await sign('message', { kind: 'message' }));
    await push('wrongsubject', await sign('wrongsubject', { subject: 'https://github.com/evil/app' }));
    await push('wrongregex', await sign('wrongregex', { subject: SUBJECT.replace('heads/main', 'heads/feature') }));
    const good = await sign('tampered');
    const statement = JSON.parse(Buffer.from(good.dsseEnvelope!.payload, 'base64').toString()) as { predicate: unknown };
    statement.predicate = { added: 'after signing' };
    good.dsseEnvelope!.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    await push('tampered', good);
    // A valid bundle of the `dsse` image, replayed as a referrer of another: message digest and statement subject.
    const dsseImage = images.get('dsse')!;
    await push(
      'othermessage',
      await signKeyless(world, dsseImage.digest, {
        issuer: ISSUER,
        subject: SUBJECT,
        kind: 'message',
        artifact: await manifestOf(src, 'dsse/app', dsseImage.digest),
      }),
    );
    await push('otherdsse', await sign('otherdsse', { statementSubjectDigest: dsseImage.digest }));
    await push('untrusted', await sign('untrusted', {}, stranger));
    // Other referrers beside the bundles: the `dsse` step asks for SBOMs, the `message` step for no referrers at all.
    const stores = openStores([src]);
    try {
      for (const c of ADMITTED) {
        const image = images.get(c)!;
        const repo = refOf(src.host, `${c}/app`);
        const subject = { mediaType: image.mediaType, digest: image.digest, size: image.size };
        const sbom = await pushArtifact(stores.storeFor(repo), repo, SBOM, '{"spdxVersion":"SPDX-2.3"}', { subject });
        await pushArtifact(stores.storeFor(repo), repo, NOTE, 'a note', { subject });
        if (c === 'dsse') sboms.set(c, sbom.digest);
      }
    } finally {
      await stores.close();
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
        CASES.map(
          (c) =>
            `  - source: ${src.host}/${c}/app:v1\n    target: ${dst.host}/${c}/app:v1\n    type: image\n` +
            (c === 'dsse' ? `    referrers: true\n    referrerFilters:\n      - artifactType: ${SBOM}\n` : '') +
            // A step's own policy: identities by regex, the issuer exact and the subject on the main branch only.
            (c === 'message' || c === 'wrongregex'
              ? `    verify:\n      trustedRoot: ${JSON.stringify(rootPath)}\n      keyless:\n        - issuerRegExp: ${ISSUER.replace(/\./g, '\\.')}\n          subjectRegExp: 'https://github\\.com/acme/.*@refs/heads/main'\n`
              : ''),
        ).join(''),
    );

  const reasonsBy = (stdout: string) => new Map(resultLines(stdout).map((l) => [l.target?.split('/')[1] as Case, l]));

  test('check shows each verdict and writes nothing', async () => {
    dst.clearRequests();
    const run = await syncCli(ws, 'check', await config(), [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const byRepo = reasonsBy(run.stdout);
    for (const c of CASES) {
      const line = byRepo.get(c);
      assert.equal(line?.status, ADMITTED.includes(c) ? 'would-copy' : 'rejected', `${c}: ${run.stdout}`);
      assert.equal(line?.digest, images.get(c)!.digest);
      if (expected[c].reason) assert.match(line?.reason ?? '', expected[c].reason, c);
    }
    assert.deepEqual(writesIn(dst.requests()), [], JSON.stringify(countByMethod(dst.requests())));
  });

  test('once copies the signed images with their bundle referrers and rejects the rest, their targets untouched', async () => {
    const cfg = await config();
    const run = await syncCli(ws, 'once', cfg, [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const byRepo = reasonsBy(run.stdout);
    for (const c of CASES) {
      assert.equal(byRepo.get(c)?.status, ADMITTED.includes(c) ? 'copied' : 'rejected', `${c}: ${run.stdout}`);
      if (expected[c].reason) assert.match(byRepo.get(c)?.reason ?? '', expected[c].reason, c);
    }
    for (const c of ADMITTED) {
      const digest = images.get(c)!.digest;
      assert.equal(await skopeoDigest(`docker://${dst.host}/${c}/app:v1`), digest);
      // The bundle referrer came along, byte for byte, and the target's fallback index lists it; of the other
      // referrers, only those the step's own filter asks for (the SBOM of `dsse`; the notes of neither).
      const referrer = bundleReferrers.get(c)!;
      assert.equal(await skopeoDigest(`docker://${dst.host}/${c}/app@${referrer}`), referrer);
      const index = await fetch(`${dst.url}/v2/${c}/app/manifests/${digest.replace(':', '-')}`, { headers: { accept: INDEX } });
      assert.equal(index.status, 200);
      const listed = ((await index.json()) as { manifests: { digest: string; artifactType?: string }[] }).manifests;
      const sbom = sboms.get(c);
      assert.deepEqual(
        listed.map((m) => `${m.artifactType} ${m.digest}`).sort(),
        [`${BUNDLE_MEDIA_TYPE} ${referrer}`, ...(sbom ? [`${SBOM} ${sbom}`] : [])].sort(),
        c,
      );
    }
    assert.equal(await skopeoDigest(`docker://${dst.host}/unsigned/app:v1`), kept.digest);
    for (const c of CASES.filter((x) => !ADMITTED.includes(x) && x !== 'unsigned')) {
      assert.deepEqual(await skopeoListTags(`docker://${dst.host}/${c}/app`).catch(() => []), [], c);
    }

    // A second run: the verified images and their referrers are there, the rejected ones still rejected.
    const again = await syncCli(ws, 'once', cfg, [src, dst], ['--format', 'json']);
    assertExit(again, 1);
    const statuses = resultLines(again.stdout)
      .map((l) => l.status)
      .sort();
    assert.deepEqual(statuses, [...Array<string>(CASES.length - ADMITTED.length).fill('rejected'), 'skipped', 'skipped']);
  });

  test('regkit verify REF with the keyless flags gives each image the same verdict as sync', async () => {
    const check = await syncCli(ws, 'check', await config(), [src, dst], ['--format', 'json']);
    const bySync = reasonsBy(check.stdout);
    const verify = (c: Case, identity: string[]) =>
      runRegkit(['verify', `${src.host}/${c}/app:v1`, '--trusted-root', rootPath, ...identity, ...hostFlags(src), '--format', 'json'], ws.dockerConfig);
    await Promise.all(
      CASES.map(async (c) => {
        const identity =
          c === 'message' || c === 'wrongregex'
            ? [
                '--certificate-oidc-issuer-regexp',
                ISSUER.replace(/\./g, '\\.'),
                '--certificate-identity-regexp',
                'https://github\\.com/acme/.*@refs/heads/main',
              ]
            : ['--certificate-oidc-issuer', ISSUER, '--certificate-identity', SUBJECT];
        const run = await verify(c, identity);
        assertExit(run, ADMITTED.includes(c) ? 0 : 1);
        const [line] = resultLines(run.stdout);
        assert.equal(line?.status, ADMITTED.includes(c) ? 'verified' : 'rejected', `${c}: ${run.stdout}`);
        if (ADMITTED.includes(c)) {
          assert.match(
            line?.reason ?? '',
            new RegExp(
              `^signed by ${SUBJECT.replace(/[./]/g, '\\$&')} \\(issuer ${ISSUER.replace(/\./g, '\\.')}\\) \\(sigstore bundle ${bundleReferrers.get(c)}\\)$`,
            ),
          );
        } else {
          assert.equal(line?.reason, bySync.get(c)?.reason, c);
        }
      }),
    );
    const half = await verify('dsse', ['--certificate-identity', SUBJECT]);
    assertExit(half, 2);
    assert.match(half.stderr, /needs both --certificate-identity\[-regexp\] and --certificate-oidc-issuer\[-regexp\]/);
    const noRoot = await runRegkit(
      ['verify', `${src.host}/dsse/app:v1`, '--certificate-identity', SUBJECT, '--certificate-oidc-issuer', ISSUER, ...hostFlags(src)],
      ws.dockerConfig,
    );
    assertExit(noRoot, 2);
    assert.match(noRoot.stderr, /--certificate-identity needs --trusted-root/);
  });

  test('air gap: registry → OCI layout → registry, each leg verified offline by the same policy, the bundles carried along', async () => {
    const layout = join(ws.dir, 'carried');
    const leg = (name: string, from: string, to: string, subject = SUBJECT) =>
      ws.writeConfig(
        name,
        `defaults:\n  verify:\n    trustedRoot: ${JSON.stringify(rootPath)}\n    keyless:\n      - issuer: ${ISSUER}\n        subject: ${subject}\n` +
          `sync:\n  - source: ${from}\n    target: ${to}\n    type: image\n`,
      );
    const out = await syncCli(ws, 'once', await leg('out.yml', `${src.host}/dsse/app:v1`, `ocidir://${layout}:v1`), [src], ['--format', 'json']);
    assertExit(out, 0);
    assert.equal(resultLines(out.stdout)[0]?.status, 'copied', out.stdout);
    const back = await syncCli(ws, 'once', await leg('in.yml', `ocidir://${layout}:v1`, `${dst.host}/carried/app:v1`), [dst], ['--format', 'json']);
    assertExit(back, 0);
    assert.equal(resultLines(back.stdout)[0]?.status, 'copied', back.stdout);
    assert.equal(await skopeoDigest(`docker://${dst.host}/carried/app:v1`), images.get('dsse')!.digest);
    const referrer = bundleReferrers.get('dsse')!;
    assert.equal(await skopeoDigest(`docker://${dst.host}/carried/app@${referrer}`), referrer);
    // Another identity refuses the layout's image on the way in: the bundle in the layout is what was judged.
    const evil = await leg('evil.yml', `ocidir://${layout}:v1`, `${dst.host}/refused/app:v1`, 'https://github.com/evil/app');
    const refused = await syncCli(ws, 'once', evil, [dst], ['--format', 'json']);
    assertExit(refused, 1);
    assert.match(resultLines(refused.stdout)[0]?.reason ?? '', /none of the policy's identities/);
    assert.deepEqual(await skopeoListTags(`docker://${dst.host}/refused/app`).catch(() => []), []);
  });

  test('overhead of one keyless verification (referrers, bundle manifest and layer, the sigstore checks)', async (t) => {
    const stores = openStores([src]);
    try {
      const policy = {
        keys: [],
        keyless: [{ issuer: { exact: ISSUER }, subject: { exact: SUBJECT } }],
        trustedRoot: readTrustedRootFile(rootPath),
        thresholds: DEFAULT_THRESHOLDS,
        signed: 'index' as const,
      };
      for (const c of ADMITTED) {
        const repo = refOf(src.host, `${c}/app`);
        const digest = images.get(c)!.digest;
        const store = stores.storeFor(repo);
        assert.equal((await verifyImage(store, repo, digest, policy)).ok, true);
        const n = 30;
        const perImageMs = await msPerRun(n, () => verifyImage(store, repo, digest, policy));
        t.diagnostic(`keyless verify overhead (${c} bundle): ${perImageMs.toFixed(2)} ms per image (${n} runs, local registry)`);
        assert.ok(perImageMs < 1000, `${perImageMs} ms per image`);
      }
    } finally {
      await stores.close();
    }
  });
});
