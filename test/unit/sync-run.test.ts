// runSync between OCI layouts: the plan/apply walk, backups and their failures, and shards, without a registry
// (test/integration runs the same against real registries).
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { parseReference, type Reference } from '../../src/oci/reference.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderJsonLine } from '../../src/report/jsonl.js';
import { locationText, type OperationResult } from '../../src/report/result.js';
import { StoreSet } from '../../src/store/open.js';
import { loadSyncConfig } from '../../src/sync/config/load.js';
import { runSync, type SyncRunOptions } from '../../src/sync/run.js';
import type { StoreLookup } from '../../src/sync/items.js';
import { inShard, parseShard, shardMatrix } from '../../src/config/shard.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';

/** Every file under a layout with its bytes: equal snapshots mean nothing was written. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path, (await readFile(path)).toString('base64'));
  }
  return out;
}

const line = (r: OperationResult) => `${r.op} ${r.status} ${r.target ? locationText(r.target) : ''}`;

describe('runSync between OCI layouts', () => {
  let root: string;
  let src: string;
  let dst: string;
  let upstream: FixtureImage;
  let old: FixtureImage;
  let stores: StoreSet;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'regkit-sync-run-'));
    src = join(root, 'src');
    upstream = await makeImageLayout(src, { tag: 'v1', layers: 2, layerSize: 512, seed: 'sync-run-new' });
    await makeImageLayout(src, { tag: 'v2', layers: 2, layerSize: 512, seed: 'sync-run-new' });
  });
  beforeEach(async () => {
    dst = await mkdtemp(join(root, 'dst-'));
    old = await makeImageLayout(dst, { tag: 'v1', layers: 1, layerSize: 512, seed: 'sync-run-old' });
    stores = new StoreSet({ hosts: [], logger: silentLogger, useDockerConfig: false });
  });
  afterEach(() => stores.close());
  after(() => rm(root, { recursive: true, force: true }));

  const run = (yaml: string, opts: SyncRunOptions) => runSync({ stores, logger: silentLogger }, loadSyncConfig({ text: yaml, name: 'regsync.yml' }, {}), opts);
  const repoStep = (extra = '') => `sync:\n  - source: ocidir://${src}\n    target: ocidir://${dst}\n    type: repository\n${extra}`;
  const digestOf = async (tag: string) =>
    (await stores.storeFor(parseReference(`ocidir://${dst}:${tag}`)).headManifest(parseReference(`ocidir://${dst}:${tag}`)))?.digest;

  it('prune: true removes target tags the filters no longer select, keeps digest tags, and check only plans it', async () => {
    await makeImageLayout(dst, { tag: 'old-build', layers: 1, layerSize: 256, seed: 'sync-run-stale' });
    await makeImageLayout(dst, { tag: 'sha256-0123abcd.sig', layers: 1, layerSize: 256, seed: 'sync-run-sig' });
    const step = repoStep(`    prune: true\n    tags:\n      allow: ['v.*']\n`);
    const before = await snapshot(dst);
    const planned = await run(step, { mode: 'check' });
    assert.deepEqual(planned.filter((r) => r.op === 'prune').map(line), [`prune would-delete ocidir://${dst}:old-build`]);
    assert.deepEqual(await snapshot(dst), before);
    const applied = await run(step, { mode: 'once' });
    assert.deepEqual(applied.filter((r) => r.op === 'prune').map(line), [`prune deleted ocidir://${dst}:old-build`]);
    assert.equal(await digestOf('old-build'), undefined);
    assert.ok(await digestOf('sha256-0123abcd.sig'), 'digest tags stay');
    assert.equal(await digestOf('v1'), upstream.digest);
  });

  it('tells each result as it ends, and times each item from its own slot, not from the queue', async () => {
    // parallel: 1 and the first copy held 400 ms: the other tag waits behind it but is not charged for the wait. Which
    // tag copies first is whichever check answers first (checks run at once), so the test follows the order heard.
    const heard: string[] = [];
    let manifestsFetched = 0;
    let heardBeforeSecondCopy = -1;
    const slow: StoreLookup = {
      storeForRegistry: (registry) => stores.storeForRegistry(registry),
      storeFor: (ref) => {
        const store = stores.storeFor(ref);
        if (ref.scheme !== 'ocidir' || ref.path !== src) return store;
        return new Proxy(store, {
          get: (target, key, receiver) => {
            if (key !== 'getManifest') return Reflect.get(target, key, receiver) as unknown;
            return async (r: Reference) => {
              manifestsFetched++;
              if (manifestsFetched === 1) await sleep(400);
              else if (heardBeforeSecondCopy < 0) heardBeforeSecondCopy = heard.length;
              return target.getManifest(r);
            };
          },
        });
      },
    };
    const config = loadSyncConfig({ text: `defaults:\n  parallel: 1\n${repoStep()}`, name: 'regsync.yml' }, {});
    const results = await runSync({ stores: slow, logger: silentLogger, onResult: (r) => heard.push(line(r)) }, config, { mode: 'once' });
    assert.deepEqual([...heard].sort(), [`sync copied ocidir://${dst}:v1`, `sync copied ocidir://${dst}:v2`]);
    assert.deepEqual(new Set(results.map(line)), new Set(heard));
    assert.equal(heardBeforeSecondCopy, 1, 'the held copy was told before the other one started');
    const took = (heardLine: string) => results.find((r) => line(r) === heardLine)!.durationMs!;
    assert.ok(took(heard[0]!) >= 400, `the held copy took ${took(heard[0]!)} ms`);
    assert.ok(took(heard[1]!) < 300, `the queued copy is charged ${took(heard[1]!)} ms: its own copy, not the 400 ms it queued`);
  });

  it('check plans the copy and the backup and writes nothing', async () => {
    const before = await snapshot(dst);
    const results = await run(repoStep(`    backup: 'old-{{ .Ref.Tag }}'\n`), { mode: 'check' });
    assert.deepEqual(results.map(line), [
      `backup would-backup ocidir://${dst}:old-v1`,
      `sync would-copy ocidir://${dst}:v1`,
      `sync would-copy ocidir://${dst}:v2`,
    ]);
    assert.equal(results[0]!.digest, old.digest);
    assert.deepEqual(await snapshot(dst), before);
  });

  it('once backs up the changed tag, copies both, and a second run skips both without a backup', async () => {
    const first = await run(repoStep(`    backup: 'old-{{ .Ref.Tag }}'\n`), { mode: 'once' });
    assert.deepEqual(first.map(line), [`backup backed-up ocidir://${dst}:old-v1`, `sync copied ocidir://${dst}:v1`, `sync copied ocidir://${dst}:v2`]);
    assert.equal(await digestOf('old-v1'), old.digest);
    assert.equal(await digestOf('v1'), upstream.digest);
    const second = await run(repoStep(`    backup: 'old-{{ .Ref.Tag }}'\n`), { mode: 'once' });
    assert.deepEqual(second.map(line), [`sync skipped ocidir://${dst}:v1`, `sync skipped ocidir://${dst}:v2`]);
  });

  it('a backup name that is no reference fails that tag alone, which keeps its old image; the run goes on', async () => {
    // `:` makes the name a whole reference (regsync's rule), and this one does not parse.
    const results = await run(repoStep(`    backup: 'bad::{{ .Ref.Tag }}'\n`), { mode: 'once' });
    assert.deepEqual(
      results.map((r) => `${r.op} ${r.status}`),
      ['backup failed', 'sync failed', 'sync copied'],
    );
    assert.match(results[0]!.reason!, /invalid reference "bad::v1"/);
    assert.match(results[1]!.reason!, /not overwritten: the backup of .*:v1 failed/);
    assert.equal(await digestOf('v1'), old.digest);
    assert.equal(await digestOf('v2'), upstream.digest);
  });

  it('a backup name that is no tag is refused before it reaches index.json; the tag keeps its old image', async () => {
    const results = await run(repoStep(`    backup: '.hidden-{{ .Ref.Tag }}'\n`), { mode: 'once' });
    assert.deepEqual(
      results.map((r) => `${r.op} ${r.status}`),
      ['backup failed', 'sync failed', 'sync copied'],
    );
    assert.match(results[0]!.reason!, /^the backup name of sync\[0\] \(regsync\.yml:2:5\): refusing the tag "\.hidden-v1" \(must match/);
    assert.equal(await digestOf('v1'), old.digest);
    const index = JSON.parse(await readFile(join(dst, 'index.json'), 'utf8')) as { manifests: Array<{ annotations?: Record<string, string> }> };
    assert.ok(!index.manifests.some((d) => d.annotations?.['org.opencontainers.image.ref.name']?.startsWith('.')), JSON.stringify(index));
  });

  it('a registry step whose path is not a repository path is a config error before any request', async () => {
    const yaml = 'sync:\n  - source: reg.example/Up/../x\n    target: other.example/mirror\n    type: registry\n';
    await assert.rejects(
      run(yaml, { mode: 'check' }),
      (err: unknown) =>
        err instanceof UsageError &&
        /regsync\.yml:2:5: sync\[0\] source: the path below reg\.example: repository "Up\/\.\.\/x" must be lowercase/.test(err.message),
    );
  });

  it('--missing copies only the tag the target lacks', async () => {
    const results = await run(repoStep(), { mode: 'once', missing: true });
    assert.deepEqual(results.map(line), [`sync excluded ocidir://${dst}:v1`, `sync copied ocidir://${dst}:v2`]);
    assert.equal(await digestOf('v1'), old.digest);
  });

  it('a step whose reference is unusable stops the run before any step reads or writes', async () => {
    const yaml = `${repoStep()}  - source: 'ocidir://${src}'\n    target: 'mirror//app'\n    type: repository\n`;
    const before = await snapshot(dst);
    await assert.rejects(
      run(yaml, { mode: 'once' }),
      (err: unknown) => err instanceof UsageError && /^regsync\.yml:5:5: sync\[1\] target: invalid reference/.test(err.message),
    );
    assert.deepEqual(await snapshot(dst), before);
  });
});

describe('shards', () => {
  it('every key lands in exactly one shard of N, for N from 1 to 6', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `registry.example/mirror/app:${i}`);
    for (let n = 1; n <= 6; n++) {
      const shards = shardMatrix(n).map(parseShard);
      for (const key of keys) assert.equal(shards.filter((s) => inShard(key, s)).length, 1, `${key} with N=${n}`);
      if (n > 1)
        for (const s of shards)
          assert.ok(
            keys.some((k) => inShard(k, s)),
            `shard ${s.index}/${n} got no key of 200`,
          );
    }
  });

  it('I/N outside 1 ≤ I ≤ N is a usage error', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2', '']) assert.throws(() => parseShard(bad), UsageError, bad);
    assert.deepEqual(parseShard(' 2 / 4 '), { index: 2, count: 4 });
  });
});

describe('runSync: a step that fails before it has items', () => {
  it('names its registry and path as written, not as an OCI layout', async () => {
    const refused = new Error('catalog of src.example refused');
    // Only the listings a step's expansion asks for, and both refused.
    const stores = {
      storeFor: () => ({ listTags: () => Promise.reject(refused) }),
      storeForRegistry: () => ({ listRepositories: () => Promise.reject(refused) }),
    } as unknown as StoreSet;
    const yaml =
      'sync:\n  - source: src.example/team\n    target: dst.example/mirror\n    type: registry\n  - source: src.example/app\n    target: dst.example/app\n    type: repository\n';
    const results = await runSync({ stores, logger: silentLogger }, loadSyncConfig({ text: yaml, name: 'regsync.yml' }, {}), { mode: 'check' });
    assert.deepEqual(
      results.map((r) => JSON.parse(renderJsonLine(r)) as Record<string, unknown>).map((r) => [r['source'], r['target'], r['status'], r['reason']]),
      [
        ['src.example/team', 'dst.example/mirror', 'failed', 'catalog of src.example refused'],
        ['src.example/app', 'dst.example/app', 'failed', 'catalog of src.example refused'],
      ],
    );
  });
});

describe('runSync at scale', () => {
  it('checks a mirror of thousands of tags a bounded number at a time, so what a run holds does not grow with its tags', async () => {
    // Every tag unchanged: two HEADs per tag, each answered a tick later. Checked all at once, the 2,000 items' 4,000
    // HEADs were all in flight together, each holding its request state until answered.
    const tags = Array.from({ length: 2000 }, (_, i) => `t${i}`);
    let inFlight = 0;
    let most = 0;
    const head = async () => {
      most = Math.max(most, ++inFlight);
      await sleep(1);
      inFlight--;
      return { digest: `sha256:${'a'.repeat(64)}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 100 };
    };
    const stores = { storeFor: () => ({ listTags: () => Promise.resolve(tags), headManifest: head }), storeForRegistry: () => ({}) } as unknown as StoreSet;
    const yaml = 'sync:\n  - source: src.example/app\n    target: dst.example/app\n    type: repository\n';
    const results = await runSync({ stores, logger: silentLogger }, loadSyncConfig({ text: yaml, name: 'regsync.yml' }, {}), { mode: 'once' });
    assert.equal(results.filter((r) => r.status === 'skipped').length, tags.length);
    assert.ok(most <= 2 * 128, `${most} HEADs were in flight at once`);
    assert.ok(most >= 2 * 16, `only ${most} HEADs were in flight at once: the checks no longer overlap`);
  });
});
