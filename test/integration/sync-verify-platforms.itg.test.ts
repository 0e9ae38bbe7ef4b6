// A verify policy's `signed` scope over multi-platform images, against a real registry: a 2-platform index signed at
// the index only, at each child (as `cosign sign --recursive` does), or at one child, synced under `index`,
// `children` and `index-or-children`, with no platform filter and with `platforms: [linux/amd64]` (which writes the
// amd64 child alone as the target). Admitted images arrive with the signatures of what was written; rejected ones
// name the unsigned child by platform and digest and leave their target untouched; `sync check` and `regkit verify`
// give the same verdicts. A keyless case carries each child's sigstore bundle referrer along.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FixtureImage } from '../harness/fixtures.js';
import { cosignKeyPair, pushCosignSignature, signPayload, simpleSigningPayload, type CosignKeyPair } from '../harness/cosign-signer.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { BUNDLE_MEDIA_TYPE, pushBundleReferrer, signKeyless, startSigstore, type SigstoreWorld } from '../harness/sigstore-signer.js';
import { skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { hostFlags, openStores, refOf, runRegkit, seedImage } from './copy-setup.js';
import { DEFAULT_THRESHOLDS, parsePublicKey, type SignedScope } from '../../src/verify/policy.js';
import { verifySigned } from '../../src/verify/verify.js';
import { assertExit, countByMethod, makeSyncWorkspace, resultLines, syncCli, writesIn, type ResultLine, type SyncWorkspace } from './sync-setup.js';
import { msPerRun } from '../harness/per-run.js';

const CASES = ['index', 'children', 'amd64'] as const;
type Case = (typeof CASES)[number];
const SCOPES = ['index', 'children', 'index-or-children'] as const;
type Scope = (typeof SCOPES)[number];
const FILTERS = ['all', 'amd64'] as const;
type Filter = (typeof FILTERS)[number];
const ISSUER = 'https://token.actions.example.test';
const SUBJECT = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
const INDEX = 'application/vnd.oci.image.index.v1+json';

/** Which of the 18 (signed case, scope, filter) combinations a policy admits. */
const ADMITS: Record<Case, Record<Filter, readonly Scope[]>> = {
  // The index's signature vouches for the children it names, the amd64 one written alone included.
  index: { all: ['index', 'index-or-children'], amd64: ['index', 'index-or-children'] },
  children: { all: ['children', 'index-or-children'], amd64: ['children', 'index-or-children'] },
  // One child signed: enough only when the filter writes that child alone.
  amd64: { all: [], amd64: ['children', 'index-or-children'] },
};
const admitted = (c: Case, scope: Scope, filter: Filter): boolean => ADMITS[c][filter].includes(scope);
const targetRepo = (c: Case, scope: Scope, filter: Filter): string => `${c}-${scope}-${filter}/app`;

describe('sync with a verify policy over multi-platform images: what is signed', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let world: SigstoreWorld;
  let ws: SyncWorkspace;
  let key: CosignKeyPair;
  let pub: string;
  let rootPath: string;
  const images = new Map<Case | 'bundles', FixtureImage>();
  /** The `.sig` manifest digest each signed manifest has, by the manifest's digest. */
  const sigs = new Map<string, string>();
  const bundles = new Map<string, string>();

  const signed = (c: Case): string[] => {
    const image = images.get(c)!;
    const [amd64, arm64] = image.manifests;
    return c === 'index' ? [image.digest] : c === 'children' ? [amd64!.digest, arm64!.digest] : [amd64!.digest];
  };
  /** The manifests the copy writes: the index and both children, or the amd64 child alone. */
  const written = (c: Case, filter: Filter): string[] => {
    const image = images.get(c)!;
    return filter === 'all' ? [image.digest, ...image.manifests.map((m) => m.digest)] : [image.manifests[0]!.digest];
  };

  before(async () => {
    ws = await makeSyncWorkspace('regkit-sync-verify-platforms-');
    [src, dst, world] = await Promise.all([startRegistry(), startRegistry(), startSigstore()]);
    key = cosignKeyPair();
    pub = join(ws.dir, 'cosign.pub');
    await writeFile(pub, key.publicPem);
    rootPath = join(ws.dir, 'trusted_root.json');
    await world.writeTrustedRoot(rootPath);
    for (const c of [...CASES, 'bundles'] as const) {
      const opts = { tag: 'v1', platforms: ['linux/amd64', 'linux/arm64'], layers: 1, layerSize: 1024, seed: `verify-platforms-${c}` };
      images.set(c, await seedImage(src, join(ws.dir, c), [`${c}/app:v1`], opts));
    }
    for (const c of CASES) {
      for (const digest of signed(c)) {
        const layer = signPayload(simpleSigningPayload(`${src.host}/${c}/app`, digest), key.privateKey);
        sigs.set(digest, await pushCosignSignature(src.host, `${c}/app`, digest, [layer]));
      }
    }
    // Keyless bundles on each child only, as cosign 3 pushes them: referrers listed by the fallback tag.
    for (const child of images.get('bundles')!.manifests) {
      const bundle = await signKeyless(world, child.digest, { issuer: ISSUER, subject: SUBJECT, kind: 'dsse' });
      const pushed = await pushBundleReferrer(src.host, 'bundles/app', child, bundle, { fallbackTag: true });
      bundles.set(child.digest, pushed.digest);
    }
  });
  after(async () => {
    await Promise.all([src?.stop(), dst?.stop(), world?.close()]);
    await ws?.remove();
  });

  const config = (): Promise<string> => {
    const steps: string[] = [];
    for (const c of CASES)
      for (const scope of SCOPES)
        for (const filter of FILTERS)
          steps.push(
            `  - source: ${src.host}/${c}/app:v1\n    target: ${dst.host}/${targetRepo(c, scope, filter)}:v1\n    type: image\n` +
              (filter === 'amd64' ? '    platforms: [linux/amd64]\n' : '') +
              `    verify:\n      keys: [${JSON.stringify(pub)}]\n      signed: ${scope}\n`,
          );
    for (const scope of ['index', 'children'] as const)
      steps.push(
        `  - source: ${src.host}/bundles/app:v1\n    target: ${dst.host}/bundles-${scope}/app:v1\n    type: image\n` +
          `    verify:\n      trustedRoot: ${JSON.stringify(rootPath)}\n      keyless:\n        - issuer: ${ISSUER}\n          subject: ${SUBJECT}\n      signed: ${scope}\n`,
      );
    return ws.writeConfig('regsync.yml', `sync:\n${steps.join('')}`);
  };

  const byTarget = (stdout: string): Map<string, ResultLine> =>
    new Map(resultLines(stdout).map((l) => [l.target?.slice(dst.host.length + 1).replace(/:v1$/, '') ?? '', l]));

  /** The rejection a (case, scope, filter) gets: the message names each unsigned manifest, children by platform and digest. */
  const reasonFor = (c: Case, scope: Scope, filter: Filter): RegExp => {
    const image = images.get(c)!;
    const sig = (d: string) => `sha256-${d.slice(7)}\\.sig does not exist`;
    const unsigned = written(c, filter)
      .slice(filter === 'all' ? 1 : 0)
      .filter((d) => !signed(c).includes(d));
    const children = unsigned.map((d) => `child linux/${d === image.manifests[0]!.digest ? 'amd64' : 'arm64'} ${d}: no signature: ${sig(d)}`).join('; ');
    const index = `no signature: ${sig(image.digest)}`;
    return new RegExp(`^${scope === 'index' ? index : scope === 'children' ? children : `${index}; nor is each child signed: ${children}`}$`);
  };

  test('check shows each verdict, naming the unsigned child, and writes nothing', async () => {
    dst.clearRequests();
    const run = await syncCli(ws, 'check', await config(), [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const lines = byTarget(run.stdout);
    for (const c of CASES)
      for (const scope of SCOPES)
        for (const filter of FILTERS) {
          const line = lines.get(targetRepo(c, scope, filter));
          const what = `${c} ${scope} ${filter}: ${line?.reason}`;
          assert.equal(line?.status, admitted(c, scope, filter) ? 'would-copy' : 'rejected', what);
          if (!admitted(c, scope, filter)) {
            assert.equal(line?.digest, images.get(c)!.digest, what);
            assert.match(line?.reason ?? '', reasonFor(c, scope, filter), what);
          }
        }
    assert.equal(lines.get('bundles-children/app')?.status, 'would-copy', run.stdout);
    assert.match(
      lines.get('bundles-index/app')?.reason ?? '',
      /^no signature: sha256-[0-9a-f]{64}\.sig does not exist, and no sigstore bundle refers to sha256:[0-9a-f]{64}$/,
    );
    assert.deepEqual(writesIn(dst.requests()), [], JSON.stringify(countByMethod(dst.requests())));
  });

  test('once copies what is admitted with the signatures of what it wrote; rejected targets stay untouched', async () => {
    const run = await syncCli(ws, 'once', await config(), [src, dst], ['--format', 'json']);
    assertExit(run, 1);
    const lines = byTarget(run.stdout);
    for (const c of CASES)
      for (const scope of SCOPES)
        for (const filter of FILTERS) {
          const repo = targetRepo(c, scope, filter);
          const what = `${c} ${scope} ${filter}`;
          const tags = (await skopeoListTags(`docker://${dst.host}/${repo}`).catch(() => [])).sort();
          if (!admitted(c, scope, filter)) {
            assert.equal(lines.get(repo)?.status, 'rejected', what);
            assert.deepEqual(tags, [], what);
            continue;
          }
          assert.equal(lines.get(repo)?.status, 'copied', `${what}: ${lines.get(repo)?.reason}`);
          const top = written(c, filter)[0]!;
          assert.equal(await skopeoDigest(`docker://${dst.host}/${repo}:v1`), top, what);
          // The `.sig` of each written manifest that has one came along, byte for byte; the index's signature does
          // not come with its amd64 child alone (it signs a manifest the target does not hold).
          const carried = written(c, filter).filter((d) => sigs.has(d));
          assert.deepEqual(tags, ['v1', ...carried.map((d) => `${d.replace(':', '-')}.sig`)].sort(), what);
          for (const d of carried) assert.equal(await skopeoDigest(`docker://${dst.host}/${repo}:${d.replace(':', '-')}.sig`), sigs.get(d), what);
        }
    // Keyless: each child's bundle referrer is on the target, listed by the child's fallback index there.
    assert.equal(lines.get('bundles-children/app')?.status, 'copied', run.stdout);
    assert.equal(lines.get('bundles-index/app')?.status, 'rejected', run.stdout);
    for (const child of images.get('bundles')!.manifests) {
      const res = await fetch(`${dst.url}/v2/bundles-children/app/manifests/${child.digest.replace(':', '-')}`, { headers: { accept: INDEX } });
      assert.equal(res.status, 200, child.digest);
      const listed = ((await res.json()) as { manifests: { digest: string; artifactType?: string }[] }).manifests;
      assert.deepEqual(
        listed.map((m) => `${m.artifactType} ${m.digest}`),
        [`${BUNDLE_MEDIA_TYPE} ${bundles.get(child.digest)}`],
      );
    }
    assert.deepEqual(await skopeoListTags(`docker://${dst.host}/bundles-index/app`).catch(() => []), []);
  });

  test('regkit verify --signed SCOPE [--platform linux/amd64] gives each the verdict sync check gives', async () => {
    const check = byTarget((await syncCli(ws, 'check', await config(), [src, dst], ['--format', 'json'])).stdout);
    for (const c of CASES) {
      await Promise.all(
        SCOPES.flatMap((scope) =>
          FILTERS.map(async (filter) => {
            const run = await runRegkit(
              [
                'verify',
                `${src.host}/${c}/app:v1`,
                '--key',
                pub,
                '--signed',
                scope,
                ...(filter === 'amd64' ? ['--platform', 'linux/amd64'] : []),
                ...hostFlags(src),
                '--format',
                'json',
              ],
              ws.dockerConfig,
            );
            const what = `${c} ${scope} ${filter}`;
            const ok = admitted(c, scope, filter);
            assertExit(run, ok ? 0 : 1);
            const [line] = resultLines(run.stdout);
            assert.equal(line?.status, ok ? 'verified' : 'rejected', `${what}: ${run.stdout}`);
            assert.equal(line?.digest, images.get(c)!.digest, what);
            if (!ok) assert.equal(line?.reason, check.get(targetRepo(c, scope, filter))?.reason, what);
            else if (scope !== 'index' && c !== 'index')
              assert.match(line?.reason ?? '', /^signed by .*cosign\.pub \(linux\/amd64: sha256-[0-9a-f]{64}\.sig/, what);
          }),
        ),
      );
    }
  });

  test('overhead per image: the index alone, and each of two children (one GET of the index, then two verifications at once)', async (t) => {
    const stores = openStores([src]);
    try {
      const measure = async (c: Case, signed: SignedScope): Promise<number> => {
        const repo = refOf(src.host, `${c}/app`);
        const policy = { keys: [parsePublicKey(key.publicPem, 'cosign.pub')], keyless: [], thresholds: DEFAULT_THRESHOLDS, signed };
        const store = stores.storeFor(repo);
        assert.equal((await verifySigned(store, repo, images.get(c)!.digest, policy)).ok, true);
        return msPerRun(30, () => verifySigned(store, repo, images.get(c)!.digest, policy));
      };
      const index = await measure('index', 'index');
      const children = await measure('children', 'children');
      t.diagnostic(`verify overhead: index ${index.toFixed(2)} ms, two children ${children.toFixed(2)} ms per image (30 runs, local registry)`);
      assert.ok(children < 1000, `${children} ms per image`);
    } finally {
      await stores.close();
    }
  });
});
