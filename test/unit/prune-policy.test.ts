// The ready-made policies on OCI layouts: keepLast (groups, semver / name / created order) and olderThan (created or
// a label), planned in TypeScript and called from Lua as `policy.keepLast{...}`, which journals like tag.delete.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { runScript } from '../../src/prune/lua/run.js';
import { parsePolicyCall } from '../../src/prune/policy/args.js';
import { groupOf, planPolicy } from '../../src/prune/policy/policy.js';
import type { KeepLastPolicy } from '../../src/prune/policy/types.js';
import { parseReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { addTagToLayout, makeImageLayout } from '../harness/fixtures.js';
import { locationText } from '../../src/report/result.js';

const NOW = Date.parse('2024-06-30T00:00:00Z');

describe('ready-made policies', () => {
  let tmp: string;
  let stores: StoreSet;
  const digests: Record<string, string> = {};

  const layout = (name: string) => `ocidir://${join(tmp, name)}`;
  const tagsOf = async (name: string) =>
    (await stores.storeFor(parseReference(layout(name), { repositoryOnly: true })).listTags(parseReference(layout(name), { repositoryOnly: true }))).sort();
  const plan = (args: Record<string, unknown>, kind: 'keepLast' | 'olderThan' = 'keepLast') =>
    planPolicy({ stores, logger: silentLogger, now: () => NOW }, parsePolicyCall(kind, args));

  before(async () => {
    tmp = await makeTempDir('regkit-policy-');
    stores = new StoreSet({ hosts: [], logger: silentLogger, useDockerConfig: false });
    // backups: one image under v1, its dated backups and v2's; every tag shares one digest.
    const backups = join(tmp, 'backups');
    const img = await makeImageLayout(backups, { tag: 'v1', seed: 'b' });
    digests['backups'] = img.digest;
    for (const t of ['v1-20240101', 'v1-20240102', 'v1-20240103', 'v1-20240104', 'v1-20240105', 'v2', 'v2-20240101', 'v2-20240102', 'latest'])
      await addTagToLayout(backups, t, img.digest);
    // dated: three images with their own created times and a build-date label; one without the label.
    const dated = join(tmp, 'dated');
    for (const [tag, created] of [
      ['old', '2024-01-01T00:00:00Z'],
      ['mid', '2024-05-01T00:00:00Z'],
      ['new', '2024-06-29T00:00:00Z'],
    ] as const) {
      const d = await makeImageLayout(dated, { tag, seed: tag, created, labels: { 'build-date': created } });
      digests[tag] = d.digest;
    }
    const multi = await makeImageLayout(dated, { tag: 'multi-old', seed: 'multi', created: '2023-01-01T00:00:00Z', platforms: ['linux/amd64', 'linux/arm64'] });
    digests['multi'] = multi.digest;
    // versions
    const versions = join(tmp, 'versions');
    const v = await makeImageLayout(versions, { tag: '1.0.0', seed: 'v' });
    for (const t of ['1.1.0', '1.2.0', '1.10.0', '2.0.0-rc1', 'latest', 'stable']) await addTagToLayout(versions, t, v.digest);
  });

  after(async () => {
    await stores?.close();
    if (tmp) await removeTempDir(tmp);
  });

  it('keepLast keeps the 3 newest backups per tag (grouped by a capture), by name', async () => {
    const p = await plan({ repo: layout('backups'), match: '(v\\d+)-(\\d{8})', group: '$1', keep: 3, sort: 'name' });
    assert.deepEqual(
      p.deletes.map((d) => d.tag),
      ['v1-20240101', 'v1-20240102'],
    );
    assert.ok(p.deletes.every((d) => d.digest === digests['backups']));
    assert.match(p.deletes[0]!.reason, /not among the 3 newest by name of group "v1"/);
    assert.deepEqual(p.kept, ['v1-20240103', 'v1-20240104', 'v1-20240105', 'v2-20240101', 'v2-20240102']);
  });

  it('keepLast by semver keeps tags that are not versions and orders 1.10 after 1.2, 2.0.0-rc1 after both', async () => {
    const p = await plan({ repo: layout('versions'), match: '.*', keep: 2 });
    assert.deepEqual(
      p.deletes.map((d) => d.tag),
      ['1.0.0', '1.1.0', '1.2.0'],
    );
    assert.deepEqual(p.kept, ['1.10.0', '2.0.0-rc1', 'latest', 'stable']);
  });

  it('keepLast by created reads each image config', async () => {
    const p = await plan({ repo: layout('dated'), match: 'old|mid|new|multi-old', keep: 2, sort: 'created' });
    assert.deepEqual(
      p.deletes.map((d) => [d.tag, d.digest]).sort(),
      [
        ['multi-old', digests['multi']],
        ['old', digests['old']],
      ].sort(),
    );
  });

  it('olderThan deletes by created, or by a label, and keeps images it cannot date', async () => {
    const byCreated = await plan({ repo: layout('dated'), match: '.*', days: 30 }, 'olderThan');
    assert.deepEqual(byCreated.deletes.map((d) => d.tag).sort(), ['mid', 'multi-old', 'old']);
    assert.match(byCreated.deletes.find((d) => d.tag === 'old')!.reason, /olderThan: created 2024-01-01T00:00:00Z, more than 30 days ago/);
    const byLabel = await plan({ repo: layout('dated'), match: '.*', days: 100, by: 'label:build-date' }, 'olderThan');
    assert.deepEqual(
      byLabel.deletes.map((d) => d.tag),
      ['old'],
    );
    assert.deepEqual(byLabel.kept, ['mid', 'multi-old', 'new']);
  });

  it('groups by capture number, name, or Go-style template', () => {
    const policy = (group: string) =>
      parsePolicyCall('keepLast', { repo: 'r.example.com/a', match: '(?P<base>[a-z]+)-(\\d+)', group, keep: 1 }) as KeepLastPolicy;
    assert.equal(groupOf(policy('1'), 'app-12'), 'app');
    assert.equal(groupOf(policy('base'), 'app-12'), 'app');
    assert.equal(groupOf(policy('${base}/${2}'), 'app-12'), 'app/12');
    assert.throws(() => policy('missing'), /group "missing" is not a named capture/);
  });

  describe('from Lua', () => {
    const run = (source: string, dryRun: boolean) =>
      runScript({
        name: 'retention',
        source,
        stores,
        logger: silentLogger,
        dryRun,
        timeoutMs: 10_000,
        filesDir: tmpdir(),
        copy: (s, d, o) => copyImage({ stores, logger: silentLogger }, s, d, o),
      });
    const script = (repo: string) => `
      local deleted, kept = policy.keepLast{repo="${repo}", match="(v\\\\d+)-(\\\\d{8})", group="$1", keep=3, sort="name"}
      log("deleted " .. table.concat(deleted, ","))
      log("kept " .. #kept)
    `;

    it('plans in dry-run: journaled as tag.delete with the digest, nothing deleted', async () => {
      const r = await run(script(layout('backups')), true);
      assert.equal(r.error, undefined);
      assert.deepEqual(
        r.logs.map((l) => l.message),
        ['deleted v1-20240101,v1-20240102', 'kept 5'],
      );
      assert.deepEqual(
        r.journal.map((e) => [e.op, locationText(e.target).split(':').pop(), e.digest, e.executed, e.line]),
        [
          ['tag.delete', 'v1-20240101', digests['backups'], false, 2],
          ['tag.delete', 'v1-20240102', digests['backups'], false, 2],
        ],
      );
      assert.equal((await tagsOf('backups')).length, 10);
    });

    it('deletes for real, leaving the other tags on the shared digest', async () => {
      const r = await run(script(layout('backups')), false);
      assert.equal(r.error, undefined);
      assert.ok(r.journal.every((e) => e.executed));
      assert.deepEqual(await tagsOf('backups'), ['latest', 'v1', 'v1-20240103', 'v1-20240104', 'v1-20240105', 'v2', 'v2-20240101', 'v2-20240102']);
    });

    it('reports a bad argument at the script line', async () => {
      const r = await run('\n policy.olderThan{repo="r.example.com/a", match="x"}', true);
      assert.equal(r.error, 'retention:2: policy.olderThan: days must be a number');
      const notTable = await run('policy.keepLast("x")', true);
      assert.match(notTable.error!, /bad argument #1 to policy.keepLast: table expected, got string/);
    });
  });
});

describe('keepLast at scale', () => {
  it('plans a repository of 40,000 tags in one group', async () => {
    // Each tag appended to its group by copying the group was 800 million element copies here (~2 GiB allocated at
    // 10,000 tags, the bulk of a prune dry run's memory); the bench's scale case measures the time.
    const tags = Array.from({ length: 40_000 }, (_, i) => `v1.0.${i}`);
    const digest = `sha256:${'b'.repeat(64)}`;
    const store = { listTags: () => Promise.resolve(tags), headManifest: () => Promise.resolve({ digest, mediaType: 'application/json', size: 2 }) };
    const stores = { storeFor: () => store } as unknown as StoreSet;
    const planned = await planPolicy(
      { stores, logger: silentLogger },
      parsePolicyCall('keepLast', { repo: 'registry.example/app', match: '.*', keep: 10, sort: 'name' }),
    );
    assert.equal(planned.deletes.length, tags.length - 10);
  });
});
