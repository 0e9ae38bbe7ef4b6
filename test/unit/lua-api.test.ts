import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RegistryError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { digestOf } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { journalToResults } from '../../src/prune/lua/journal.js';
import { parseReference } from '../../src/oci/reference.js';
import { OcidirStore } from '../../src/store/ocidir/ocidir.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { addTagToLayout, makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { assertOk, layoutIn, luaTestEnv, messages } from './lua-helpers.js';
import { locationText } from '../../src/report/result.js';

const env = luaTestEnv();
let tmp: string;
let counter = 0;

before(async () => {
  tmp = await makeTempDir('regkit-lua-api-');
});
after(async () => {
  await env.close();
  await removeTempDir(tmp);
});

async function layoutWith(opts: Parameters<typeof makeImageLayout>[1]): Promise<{ dir: string; image: FixtureImage; ref: string }> {
  const dir = layoutIn(tmp, `layout-${++counter}`);
  const image = await makeImageLayout(dir, opts);
  return { dir, image, ref: `ocidir://${dir}` };
}

async function tagsOf(dir: string): Promise<string[]> {
  const store = new OcidirStore(dir, { logger: silentLogger });
  return (await store.listTags(parseReference(`ocidir://${dir}`, { repositoryOnly: true }))).sort();
}

describe('reference, tag and repo tables', () => {
  it('reference.new parses, tag() and digest() get and set in place, tostring gives the name', async () => {
    const r = assertOk(
      await env.run(`
        local r = reference.new("registry.example.org/team/app:v1")
        log(tostring(r)) log(r:tag())
        r:digest("sha256:${'a'.repeat(64)}")
        log(tostring(r)) log(r:tag() == "" and "no tag" or "tag")
        r:tag("v2")
        log(tostring(r))
        log(tostring(reference.new("busybox")))
      `),
    );
    assert.deepEqual(messages(r), [
      'registry.example.org/team/app:v1',
      'v1',
      `registry.example.org/team/app@sha256:${'a'.repeat(64)}`,
      'no tag',
      'registry.example.org/team/app:v2',
      'docker.io/library/busybox:latest',
    ]);
  });

  it('tag.ls honours {limit=} and {last=}: at most limit tags, after last', async () => {
    const { dir, image, ref } = await layoutWith({ tag: 'v1' });
    await addTagToLayout(dir, 'v2', image.digest);
    await addTagToLayout(dir, 'v3', image.digest);
    const r = assertOk(
      await env.run(`
        log(#tag.ls("${ref}", {limit=1}) .. " " .. #tag.ls("${ref}", {limit=2}) .. " " .. #tag.ls("${ref}", {limit=10}) .. " " .. #tag.ls("${ref}", {}))
        local after = tag.ls("${ref}", {last="v1"})
        table.sort(after)
        log(table.concat(after, ","))
        log(table.concat(tag.ls("${ref}", {last="v1", limit=1}), ","))
      `),
    );
    assert.deepEqual(messages(r), ['1 2 3 3', 'v2,v3', 'v2']);
  });

  it('has the imageconfig global regbot publishes: the config type, with export and tostring', async () => {
    const r = assertOk(await env.run(`log(type(imageconfig) .. " " .. type(imageconfig.__index.export) .. " " .. type(imageconfig.__tostring))`));
    assert.deepEqual(messages(r), ['table function function']);
  });

  it('tag.ls returns an array of tag strings; a bad reference is an error at the line', async () => {
    const { dir, image, ref } = await layoutWith({ tag: 'v1' });
    await addTagToLayout(dir, 'v2', image.digest);
    const r = assertOk(await env.run(`local tags = tag.ls("${ref}")\ntable.sort(tags)\nlog(#tags .. ":" .. table.concat(tags, ","))`));
    assert.deepEqual(messages(r), ['2:v1,v2']);
    const bad = await env.run(`\ntag.ls("Not/A Ref")`);
    assert.match(bad.error!, /^test-script:2: reference parsing failed: invalid reference/);
  });
});

describe('manifest and image tables', () => {
  it('manifest.get resolves the local platform or the one asked for; getList and head keep the index', async () => {
    const { image, ref } = await layoutWith({ tag: 'v1', platforms: ['linux/amd64', 'linux/arm64'], labels: { version: '1' } });
    const amd64 = image.manifests.find((m) => m.platform.architecture === 'amd64')!;
    const arm64 = image.manifests.find((m) => m.platform.architecture === 'arm64')!;
    const r = assertOk(
      await env.run(`
        local m = manifest.get("${ref}:v1")
        log(m:descriptor().Digest) log(m.MediaType) log(m.schemaVersion)
        log(m.Config.Digest .. " " .. m.config.digest .. " " .. m.Layers[1].Size .. " " .. m.layers[1].mediaType)
        log(manifest.get("${ref}:v1", "linux/arm64"):descriptor().digest)
        local l = manifest.getList("${ref}:v1")
        log(l.mediaType .. " " .. #l.Manifests .. " " .. l.manifests[2].platform.architecture .. " " .. l.Manifests[2].Platform.Architecture)
        local h = manifest.head("${ref}:v1")
        log(h.Digest .. " " .. h.MediaType .. " " .. h.Size)
        local d = manifest.descriptor("${ref}:v1")
        log(d.digest .. " " .. d.size)
        log(image.manifest("${ref}:v1"):descriptor().Digest == m:descriptor().Digest and "alias" or "differs")
        local rl = h:ratelimit()
        log(tostring(rl.Set) .. " " .. rl.Remain .. " " .. rl.Limit)
        log(string.match(tostring(l), '"schemaVersion": 2') and "json" or tostring(l))
      `),
    );
    assert.deepEqual(messages(r), [
      amd64.digest,
      MediaType.OciManifest,
      '2',
      `${amd64.config.digest} ${amd64.config.digest} ${amd64.layers[0]!.size} ${MediaType.OciLayerGzip}`,
      arm64.digest,
      `${MediaType.OciIndex} 2 arm64 arm64`,
      `${image.digest} ${MediaType.OciIndex} ${image.size}`,
      `${image.digest} ${image.size}`,
      'alias',
      'false 0 0',
      'json',
    ]);
  });

  it('reads configs with Go and JSON field names and Go time strings, through image.config and m:config()', async () => {
    const { ref } = await layoutWith({
      tag: 'ci-1',
      labels: { 'org.opencontainers.image.created': '2024-02-03T04:05:06Z' },
      created: '2024-02-03T04:05:06.250Z',
    });
    const r = assertOk(
      await env.run(`
        local ic = image.config("${ref}:ci-1")
        log(ic.Config.Labels["org.opencontainers.image.created"])
        log(ic.Created) log(ic.created)
        log(ic.Architecture .. "/" .. ic.os)
        log(#ic.History .. " " .. ic.History[1].CreatedBy .. " " .. ic.history[1].created)
        log(string.sub(ic.RootFS.DiffIDs[1], 1, 7) .. " " .. ic.rootfs.type)
        local m = manifest.get("${ref}:ci-1")
        log(m:config().Config.Labels["org.opencontainers.image.created"])
        log(string.match(tostring(ic), '"architecture": "amd64"') and "json" or tostring(ic))
      `),
    );
    assert.deepEqual(messages(r), [
      '2024-02-03T04:05:06Z',
      '2024-02-03 04:05:06.25 +0000 UTC',
      '2024-02-03 04:05:06.25 +0000 UTC',
      'amd64/linux',
      '1 regkit fixture regkit 2024-02-03 04:05:06.25 +0000 UTC',
      'sha256: layers',
      '2024-02-03T04:05:06Z',
      'json',
    ]);
  });

  it('hands sizes over 2 GiB to Lua as floats that do not wrap', async () => {
    const { dir, image, ref } = await layoutWith({ tag: 'v1' });
    const store = new OcidirStore(dir, { logger: silentLogger });
    const config = image.manifests[0]!.config;
    const big = { mediaType: MediaType.OciLayerGzip, digest: `sha256:${'b'.repeat(64)}`, size: 3 * 1024 * 1024 * 1024 };
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [big, big] }));
    await store.putManifest(parseReference(`${ref}:big`), bytes, MediaType.OciManifest);
    const r = assertOk(
      await env.run(`
        local m = manifest.get("${ref}:big")
        local total = 0
        for _, l in ipairs(m.layers) do total = total + l.size end
        log(tostring(m.Layers[1].Size)) log(tostring(total))
        assert(total > 2147483647 and total > 0)
        log(string.format("%d", total))
      `),
    );
    assert.deepEqual(messages(r), ['3221225472', '6442450944', '6442450944']);
  });

  it('m:export() turns an edited manifest into a new one that manifest.put stores', async () => {
    const { dir, ref } = await layoutWith({ tag: 'v1' });
    const r = assertOk(
      await env.run(`
        local m = manifest.get("${ref}:v1")
        m.Annotations = { ["org.example.note"] = "edited" }
        local e = m:export()
        log(e.annotations["org.example.note"])
        manifest.put(e, "${ref}:edited")
        log(manifest.get("${ref}:edited").Annotations["org.example.note"])
      `),
    );
    assert.deepEqual(messages(r), ['edited', 'edited']);
    assert.deepEqual(await tagsOf(dir), ['edited', 'v1']);
    assert.equal(r.journal.length, 1);
    assert.equal(r.journal[0]!.op, 'manifest.put');
    assert.equal(r.journal[0]!.executed, true);
  });

  it('image.copy goes through the injected copy engine and is journaled with its digest', async () => {
    const { image, ref } = await layoutWith({ tag: 'v1' });
    const target = layoutIn(tmp, `copy-target-${++counter}`);
    const r = assertOk(await env.run(`image.copy("${ref}:v1", "ocidir://${target}:mirror")`));
    assert.deepEqual(await tagsOf(target), ['mirror']);
    assert.equal(r.journal[0]!.op, 'image.copy');
    assert.equal(r.journal[0]!.digest, image.digest);
    assert.equal(r.journal[0]!.executed, true);
  });

  it('blob.head and blob.get return blobs; blob.put returns digest and size', async () => {
    const { image, ref } = await layoutWith({ tag: 'v1' });
    const layer = image.manifests[0]!.layers[0]!;
    const target = layoutIn(tmp, `blob-target-${++counter}`);
    const r = assertOk(
      await env.run(`
        local b = blob.head("${ref}", "${layer.digest}")
        log(b.digest .. " " .. b.size)
        local d, size = blob.put("ocidir://${target}", blob.get("${ref}@${layer.digest}"))
        log(d .. " " .. size)
        local d2, size2 = blob.put("ocidir://${target}", "hello")
        log(d2 .. " " .. size2)
      `),
    );
    assert.deepEqual(messages(r), [`${layer.digest} ${layer.size}`, `${layer.digest} ${layer.size}`, `${digestOf(Buffer.from('hello'))} 5`]);
    const store = new OcidirStore(target, { logger: silentLogger });
    assert.equal(await store.headBlob(parseReference(`ocidir://${target}`), layer.digest), layer.size);
  });

  it("runs API calls made inside the script's own coroutines", async () => {
    const { ref } = await layoutWith({ tag: 'v1' });
    const r = assertOk(
      await env.run(`
        local gen = coroutine.wrap(function()
          for i = 1, 2 do coroutine.yield(#tag.ls("${ref}") + i) end
          return "end"
        end)
        log(gen() .. " " .. gen() .. " " .. gen())
        local ok, err = pcall(manifest.get, "${ref}:missing")
        log(tostring(ok) .. " " .. (string.find(err, "missing", 1, true) and "named" or err))
      `),
    );
    assert.deepEqual(messages(r), ['2 3 end', 'false named']);
  });

  it('an API failure stops the script with its name and line', async () => {
    const { ref } = await layoutWith({ tag: 'v1' });
    const r = await env.run(`log("before")\n\nimage.config("${ref}:nope")\nlog("after")`, { name: 'nightly' });
    assert.equal(r.ok, false);
    assert.match(r.error!, /^nightly:3: image.config ".*:nope" failed: .*no manifest tagged "nope"/);
    assert.deepEqual(messages(r), ['before']);
  });
});

describe('deletes: dry-run and safety', () => {
  const KEEP_3_NEWEST = (ref: string): string => `
    local repo = reference.new("${ref}")
    local groups = {}
    for _, t in ipairs(tag.ls(repo)) do
      local base, stamp = string.match(t, "^(.+)%-backup%-(%d+)$")
      if base then
        groups[base] = groups[base] or {}
        table.insert(groups[base], stamp)
      end
    end
    for base, stamps in pairs(groups) do
      table.sort(stamps, function(a, b) return a > b end)
      for i = 4, table.getn(stamps) do
        repo:tag(base .. "-backup-" .. stamps[i])
        log("deleting " .. repo:tag())
        tag.delete(repo)
      end
    end
  `;

  async function backupLayout(): Promise<{ dir: string; ref: string; digests: Record<string, string> }> {
    const { dir, image, ref } = await layoutWith({ tag: 'app', seed: 'app' });
    const other = await makeImageLayout(dir, { tag: 'web', seed: 'web' });
    const digests: Record<string, string> = { app: image.digest, web: other.digest };
    for (const stamp of ['20240101', '20240201', '20240301', '20240401', '20240501']) await addTagToLayout(dir, `app-backup-${stamp}`, image.digest);
    for (const stamp of ['20240110', '20240210', '20240310', '20240410']) await addTagToLayout(dir, `web-backup-${stamp}`, other.digest);
    return { dir, ref, digests };
  }

  it('"keep the 3 newest backups per tag" leaves exactly those, and the images they share', async () => {
    const { dir, ref, digests } = await backupLayout();
    const r = assertOk(await env.run(KEEP_3_NEWEST(ref)));
    assert.deepEqual(await tagsOf(dir), [
      'app',
      'app-backup-20240301',
      'app-backup-20240401',
      'app-backup-20240501',
      'web',
      'web-backup-20240210',
      'web-backup-20240310',
      'web-backup-20240410',
    ]);
    assert.deepEqual(r.journal.map((e) => [e.op, locationText(e.target).split(':').pop(), e.digest, e.executed]).sort(), [
      ['tag.delete', 'app-backup-20240101', digests['app'], true],
      ['tag.delete', 'app-backup-20240201', digests['app'], true],
      ['tag.delete', 'web-backup-20240110', digests['web'], true],
    ]);
    const kept = assertOk(await env.run(`log(manifest.head("${ref}:app-backup-20240301").Digest)`));
    assert.deepEqual(messages(kept), [digests['app']]);
  });

  it('in dry-run journals every delete with the digest it would remove and changes nothing', async () => {
    const { dir, ref, digests } = await backupLayout();
    const before = await tagsOf(dir);
    const r = assertOk(await env.run(`${KEEP_3_NEWEST(ref)}\nlog(tostring(pcall(image.delete, "${ref}:web-backup-20240110")))`, { dryRun: true }));
    assert.equal(messages(r).pop(), 'false');
    assert.deepEqual(await tagsOf(dir), before);
    assert.equal(r.journal.length, 4);
    assert.ok(r.journal.every((e) => !e.executed));
    assert.deepEqual(
      r.journal
        .filter((e) => e.op === 'tag.delete')
        .map((e) => e.digest)
        .sort(),
      [digests['app'], digests['app'], digests['web']].sort(),
    );
    // The image delete is refused even in dry-run: `web` and three kept backups still use its digest.
    const results = journalToResults('test-script', r.journal);
    assert.deepEqual(
      results.map((x) => x.status),
      ['would-delete', 'would-delete', 'would-delete', 'failed'],
    );
    assert.match(results[3]!.reason!, /still used by tag web, web-backup-20240210, web-backup-20240310, web-backup-20240410/);
  });

  it('image.delete and manifest.delete refuse a digest another tag still uses, unless forced', async () => {
    const { dir, image, ref } = await layoutWith({ tag: 'v1' });
    await addTagToLayout(dir, 'v1-copy', image.digest);
    const refused = await env.run(`\nimage.delete("${ref}:v1")`);
    assert.equal(refused.ok, false);
    assert.match(refused.error!, /^test-script:2: image.delete ".*:v1" failed: refusing to delete sha256:\w+: still used by tag v1-copy/);
    assert.deepEqual(await tagsOf(dir), ['v1', 'v1-copy']);
    assert.equal(refused.journal[0]!.executed, false);
    assert.match(refused.journal[0]!.error!, /still used by tag v1-copy/);
    const viaManifest = await env.run(`manifest.head("${ref}:v1"):delete()`);
    assert.match(viaManifest.error!, /still used by tag v1-copy/);
    assertOk(await env.run(`image.delete("${ref}:v1", {force=true})`));
    assert.deepEqual(await tagsOf(dir), []);
  });

  it('refuses to delete a platform manifest that a kept index still holds', async () => {
    const { ref, image } = await layoutWith({ tag: 'multi', platforms: ['linux/amd64', 'linux/arm64'] });
    const child = image.manifests[0]!.digest;
    const r = await env.run(`manifest.delete("${ref}@${child}")`);
    assert.match(r.error!, new RegExp(`still used by tag multi \\(through its index ${image.digest}\\)`));
  });

  it('deleting one tag keeps a digest that a sibling tag shares', async () => {
    const { dir, image, ref } = await layoutWith({ tag: 'a' });
    await addTagToLayout(dir, 'b', image.digest);
    assertOk(await env.run(`tag.delete("${ref}:a")`));
    assert.deepEqual(await tagsOf(dir), ['b']);
    const r = assertOk(await env.run(`log(manifest.head("${ref}:b").digest)`));
    assert.deepEqual(messages(r), [image.digest]);
  });

  it('dry-run does not write for manifest.put, image.copy and blob.put', async () => {
    const { ref } = await layoutWith({ tag: 'v1' });
    const target = layoutIn(tmp, `dry-target-${++counter}`);
    const r = assertOk(
      await env.run(
        `
        manifest.put(manifest.get("${ref}:v1"), "${ref}:v2")
        image.copy("${ref}:v1", "ocidir://${target}:v1")
        blob.put("ocidir://${target}", "content")
      `,
        { dryRun: true },
      ),
    );
    assert.deepEqual(
      r.journal.map((e) => [e.op, e.executed]),
      [
        ['manifest.put', false],
        ['image.copy', false],
        ['blob.put', false],
      ],
    );
    assert.deepEqual(await tagsOf(layoutIn(tmp, `layout-${counter - 1}`)), ['v1']);
    const store = new OcidirStore(target, { logger: silentLogger });
    // Nothing made the target a layout: its tag list is a not-found, as a registry's for a repository never written.
    await assert.rejects(
      store.listTags(parseReference(`ocidir://${target}`, { repositoryOnly: true })),
      (err: unknown) => err instanceof RegistryError && err.notFound,
    );
    assert.equal(await store.headBlob(parseReference(`ocidir://${target}`), digestOf(Buffer.from('content'))), undefined);
  });
});
