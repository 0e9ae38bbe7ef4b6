// Soak: copy and sync run round after round through fault proxies in front of real registries (5xx, 429 with
// Retry-After, connections cut mid-body, stalled and truncated bodies, counting-down rate-limit headers), with the
// source tags moved between images each round. Every run must end, and every target tag must afterwards be either what
// it was before the run or the complete new image, read back blob by blob from the registry itself.
// REGKIT_SOAK_ROUNDS sets the number of rounds (default 6), REGKIT_SOAK_SEED the first seed.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import type { Logger } from '../../src/log.js';
import { parseManifest, referencedDescriptors } from '../../src/oci/manifest.js';
import type { RegistryReference } from '../../src/oci/reference.js';
import type { OperationResult } from '../../src/report/result.js';
import { StoreSet } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { loadSyncConfig } from '../../src/sync/config/load.js';
import { runSync } from '../../src/sync/run.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { FAULT_KINDS, seededRandom, startFaultProxy, type FaultKind, type FaultProxy } from '../harness/fault-proxy.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { openStores, refOf, seedImage } from './copy-setup.js';

const ROUNDS = Number(process.env['REGKIT_SOAK_ROUNDS'] ?? 6);
const SEED = Number(process.env['REGKIT_SOAK_SEED'] ?? 1);
const SOURCE_REPO = 'upstream/app';
const SOURCE_TAGS = ['s1', 's2'];
const MIRROR_REPO = 'soak/mirror';
/** A run that takes longer than this has hung: retries and timeouts below bound every run to a few seconds. */
const RUN_DEADLINE_MS = 60_000;
const BODY_TIMEOUT_MS = 400;
const KiB = 1024;

interface Figures {
  /** Why runs gave up, for the figures line. */
  reasons: string[];
  rounds: number;
  runs: number;
  retries: number;
  failures: number;
  corruptTags: number;
  tagsChecked: number;
}

/** Counts the retries the transport and the copy engine report, and keeps the reasons runs gave up. */
function countingLogger(figures: Figures): Logger {
  const retry = (message: string) => {
    if (/retrying/.test(message)) figures.retries++;
  };
  return { debug: retry, info() {}, warn: retry, error() {} };
}

async function withDeadline<T>(what: string, run: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not end within ${RUN_DEADLINE_MS} ms`)), RUN_DEADLINE_MS);
  });
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The run's value, or the error it ended with; a hang past the deadline fails the test outright. */
async function settle<T>(run: Promise<T>): Promise<T | Error> {
  try {
    return await run;
  } catch (err) {
    assert.ok(err instanceof Error, `a run threw a non-Error: ${String(err)}`);
    assert.doesNotMatch(err.message, /did not end within/);
    return err;
  }
}

/** Reads the manifest tree under a tag from the store and hashes every blob; throws on anything missing or wrong. */
async function verifyComplete(store: Store, ref: RegistryReference): Promise<void> {
  const top = await store.getManifest(ref);
  const pending = [{ bytes: top.bytes, mediaType: top.mediaType }];
  while (pending.length > 0) {
    const m = parseManifest(pending.pop()!.bytes);
    for (const desc of referencedDescriptors(m)) {
      if (m.kind === 'index') {
        const { tag: _tag, ...repository } = ref;
        const child = await store.getManifest({ ...repository, digest: desc.digest });
        pending.push({ bytes: child.bytes, mediaType: child.mediaType });
        continue;
      }
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of await store.getBlob(ref, desc)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      assert.equal(`sha256:${hash.digest('hex')}`, desc.digest, `blob ${desc.digest} under ${ref.repository}:${ref.tag} does not hash to its digest`);
      assert.equal(size, desc.size, `blob ${desc.digest} under ${ref.repository}:${ref.tag} has ${size} bytes, not ${desc.size}`);
    }
  }
}

describe(`soak: copy and sync through injected faults (${ROUNDS} rounds, seed ${SEED})`, () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let srcProxy: FaultProxy;
  let dstProxy: FaultProxy;
  let work: string;
  let images: FixtureImage[];
  let direct: StoreSet;
  const figures: Figures = { reasons: [], rounds: 0, runs: 0, retries: 0, failures: 0, corruptTags: 0, tagsChecked: 0 };

  before(async () => {
    work = await makeTempDir('regkit-soak-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    images = [];
    for (const [i, seed] of ['soak-a', 'soak-b', 'soak-c'].entries()) {
      images.push(
        await seedImage(src, join(work, `layout-${i}`), [`${SOURCE_REPO}:img${i}`], {
          tag: `img${i}`,
          platforms: ['linux/amd64', 'linux/arm64'],
          layers: 2,
          layerSize: 96 * KiB,
          seed,
        }),
      );
    }
    const faultOpts = { rate: 0.25, maxInARow: 2, shortStallMs: 50, longStallMs: BODY_TIMEOUT_MS * 3, retryAfterSeconds: 1, rateLimit: 5000 };
    [srcProxy, dstProxy] = await Promise.all([
      startFaultProxy(src.host, { ...faultOpts, seed: SEED }),
      startFaultProxy(dst.host, { ...faultOpts, seed: SEED + 1_000_003 }),
    ]);
    direct = openStores([src, dst]);
  });

  after(async () => {
    await direct?.close();
    await Promise.all([srcProxy?.stop(), dstProxy?.stop()]);
    await Promise.all([src?.stop(), dst?.stop()]);
    await removeTempDir(work);
    if (srcProxy && dstProxy) {
      const injected = Object.fromEntries(FAULT_KINDS.map((k): [FaultKind, number] => [k, srcProxy.stats().injected[k] + dstProxy.stats().injected[k]]));
      const total = Object.values(injected).reduce((a, b) => a + b, 0);
      console.log(
        `soak figures: rounds=${figures.rounds} runs=${figures.runs} requests=${srcProxy.stats().requests + dstProxy.stats().requests} faults=${total} ` +
          `${Object.entries(injected)
            .map(([k, n]) => `${k}=${n}`)
            .join(' ')} retries=${figures.retries} failures=${figures.failures} ` +
          `tags-checked=${figures.tagsChecked} corrupt-tags=${figures.corruptTags} ratelimit-remaining=${srcProxy.stats().rateLimitRemaining}`,
      );
      for (const reason of figures.reasons) console.log(`soak failure: ${reason}`);
    }
  });

  /** Through the proxies, with short backoff, a short body timeout (so long stalls time out) and Retry-After capped. */
  function faultyStores(): StoreSet {
    return new StoreSet({
      hosts: [srcProxy, dstProxy].map((p) => ({ registry: p.host, tls: 'disabled' as const })),
      logger: countingLogger(figures),
      useDockerConfig: false,
      retry: { baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 150 },
      timeouts: { bodyTimeoutMs: BODY_TIMEOUT_MS, headersTimeoutMs: 5_000 },
    });
  }

  async function digestOfTag(registry: string, repository: string, tag: string): Promise<string | undefined> {
    return (await direct.storeForRegistry(registry).headManifest(refOf(registry, repository, { tag })))?.digest;
  }

  /** The tag is what it was, or the whole expected image; either way every byte under it is there. */
  async function checkTag(repository: string, tag: string, before: string | undefined, expected: string): Promise<void> {
    figures.tagsChecked++;
    const now = await digestOfTag(dst.host, repository, tag);
    const ok = now === before || now === expected;
    if (!ok) figures.corruptTags++;
    assert.ok(ok, `${repository}:${tag} is ${now}, neither the old ${before} nor the new ${expected}`);
    if (now === undefined) return;
    try {
      await verifyComplete(direct.storeForRegistry(dst.host), refOf(dst.host, repository, { tag }));
    } catch (err) {
      figures.corruptTags++;
      throw err;
    }
  }

  /** A clear failure names the registry it gave up on, not only the socket's words ("other side closed"). */
  function assertClear(reason: string): void {
    figures.failures++;
    figures.reasons.push(reason);
    assert.ok(reason.includes(srcProxy.host) || reason.includes(dstProxy.host), `a failure that does not say where: "${reason}"`);
  }

  function countFailures(results: OperationResult[]): void {
    for (const r of results.filter((x) => x.status === 'failed')) assertClear(r.reason ?? '');
  }

  test('every run ends, and every target tag is the old image or the complete new one', async () => {
    const random = seededRandom(SEED);
    const config = loadSyncConfig(
      {
        name: 'soak-regsync.yml',
        text: `version: 1\ndefaults:\n  parallel: 2\nsync:\n  - source: ${srcProxy.host}/${SOURCE_REPO}\n    target: ${dstProxy.host}/${MIRROR_REPO}\n    type: repository\n    tags:\n      allow: [${SOURCE_TAGS.join(', ')}]\n`,
      },
      {},
    );
    for (let round = 0; round < ROUNDS; round++) {
      figures.rounds++;
      // Move the source tags, directly on the registry: this round's "new" images.
      const srcStore = direct.storeForRegistry(src.host);
      const chosen = new Map<string, FixtureImage>();
      for (const tag of SOURCE_TAGS) {
        const image = images[Math.floor(random() * images.length)]!;
        chosen.set(tag, image);
        const fetched = await srcStore.getManifest(refOf(src.host, SOURCE_REPO, { digest: image.digest }));
        await srcStore.putManifest(refOf(src.host, SOURCE_REPO, { tag }), fetched.bytes, fetched.mediaType);
      }
      const stores = faultyStores();
      try {
        // A copy into a fresh repository: every blob moves, so body faults land on blob transfers.
        const copyRepo = `soak/copy-${round}`;
        const s1 = chosen.get('s1')!;
        figures.runs++;
        const copied = await settle(
          withDeadline(
            `copy in round ${round}`,
            copyImage(
              { stores, logger: countingLogger(figures) },
              refOf(srcProxy.host, SOURCE_REPO, { tag: 's1' }),
              refOf(dstProxy.host, copyRepo, { tag: 'x' }),
            ),
          ),
        );
        if (copied instanceof Error) assertClear(copied.message);
        else assert.equal(copied.digest, s1.digest);
        await checkTag(copyRepo, 'x', undefined, s1.digest);

        // A sync into a repository that keeps its tags from round to round: overwrites of older images.
        const before = new Map(await Promise.all(SOURCE_TAGS.map(async (t) => [t, await digestOfTag(dst.host, MIRROR_REPO, t)] as const)));
        figures.runs++;
        const synced = await settle(withDeadline(`sync in round ${round}`, runSync({ stores, logger: countingLogger(figures) }, config, { mode: 'once' })));
        if (synced instanceof Error) assertClear(synced.message);
        else countFailures(synced);
        for (const tag of SOURCE_TAGS) await checkTag(MIRROR_REPO, tag, before.get(tag), chosen.get(tag)!.digest);
      } finally {
        await stores.close();
      }
    }
    const injected = Object.values(srcProxy.stats().injected).reduce((a, b) => a + b, 0) + Object.values(dstProxy.stats().injected).reduce((a, b) => a + b, 0);
    assert.ok(injected > 0, 'the proxies injected no fault: the soak tested nothing');
    assert.ok(srcProxy.stats().rateLimitRemaining < 5000, 'the rate-limit countdown never moved');
    assert.equal(figures.corruptTags, 0);
  });

  test('with faults switched off, a final run converges: every tag is the new image', async () => {
    srcProxy.setEnabled(false);
    dstProxy.setEnabled(false);
    const stores = faultyStores();
    try {
      const results = await runSync(
        { stores, logger: countingLogger(figures) },
        loadSyncConfig(
          {
            name: 'soak-regsync.yml',
            text: `version: 1\nsync:\n  - source: ${srcProxy.host}/${SOURCE_REPO}\n    target: ${dstProxy.host}/${MIRROR_REPO}\n    type: repository\n    tags:\n      allow: [${SOURCE_TAGS.join(', ')}]\n`,
          },
          {},
        ),
        { mode: 'once' },
      );
      assert.deepEqual(
        results.filter((r) => r.status === 'failed'),
        [],
      );
      for (const tag of SOURCE_TAGS) {
        const want = await digestOfTag(src.host, SOURCE_REPO, tag);
        await checkTag(MIRROR_REPO, tag, want, want!);
      }
    } finally {
      await stores.close();
      srcProxy.setEnabled(true);
      dstProxy.setEnabled(true);
    }
  });
});
