// `regkit prune once` on an emulated ghcr.io: a real distribution registry behind the GitHub Packages stand-in, which
// refuses OCI deletes with 405 as ghcr does, so every delete has to go through the package-version API. The package
// holds two multi-platform indexes sharing their children, a third with children of its own (one of them tagged on
// its own) and a cosign-style `sha256-<hex>.sig` digest tag, and a single image under two tags; deletes run 3 at once. Checked: exactly the kept tags remain, no
// throwaway tag or version is left, every kept image pulls completely (skopeo), dry-run makes no write, a token
// without delete rights changes nothing and says which permission is missing, a secondary rate limit is waited out.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startGithubPackages, type RunningGithubPackages } from '../harness/github-packages.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoDigest, skopeoInspectRaw, skopeoListTags } from '../harness/skopeo.js';
import { runRegkit } from './copy-setup.js';

const ADMIN = 'ghp_admin0000000000000000000000000000';
const CLASSIC_NO_DELETE = 'ghp_nodelete000000000000000000000000';
const ACTIONS_NO_ADMIN = 'ghs_noadmin0000000000000000000000000';
/** A token without scopes (an app's), whose answers carry an empty X-OAuth-Scopes: not refused in advance. */
const APP_ADMIN = 'ghs_appadmin000000000000000000000000';
const READS = new Set(['GET', 'HEAD']);

interface Seeded {
  shared: FixtureImage;
  /** `shared`'s index with an annotation added: other bytes, the same children. */
  sibling: string;
  own: FixtureImage;
  single: FixtureImage;
  ownSig: FixtureImage;
  siblingSig: FixtureImage;
}

describe('regkit prune once on ghcr.io through the GitHub Packages API', () => {
  let reg: RunningRegistry;
  let gh: RunningGithubPackages;
  let tmp: string;
  const seeded = new Map<string, Seeded>();

  const digestTag = (digest: string, suffix = '') => `${digest.replace(':', '-')}${suffix}`;
  const registryWrites = () => reg.requests().filter((r) => !READS.has(r.method));

  async function seed(repo: string): Promise<Seeded> {
    const dst = (tag: string) => `docker://${gh.host}/${repo}:${tag}`;
    const layout = (name: string) => `oci:${join(tmp, name)}:src`;
    const s = seeded.get('layouts') ?? {
      shared: await makeImageLayout(join(tmp, 'shared'), { tag: 'src', seed: 'shared', platforms: ['linux/amd64', 'linux/arm64'] }),
      own: await makeImageLayout(join(tmp, 'own'), { tag: 'src', seed: 'own', platforms: ['linux/amd64', 'linux/arm64'] }),
      single: await makeImageLayout(join(tmp, 'single'), { tag: 'src', seed: 'single' }),
      ownSig: await makeImageLayout(join(tmp, 'own-sig'), { tag: 'src', seed: 'own-sig' }),
      siblingSig: await makeImageLayout(join(tmp, 'sibling-sig'), { tag: 'src', seed: 'sibling-sig' }),
      sibling: '',
    };
    await skopeoCopy(layout('shared'), dst('old-1'), { all: true });
    const index = JSON.parse((await skopeoInspectRaw(dst('old-1'))).toString('utf8')) as Record<string, unknown>;
    const siblingBytes = Buffer.from(JSON.stringify({ ...index, annotations: { 'org.example.variant': 'sibling' } }));
    for (const tag of ['keep', 'old-9']) {
      const res = await fetch(`${gh.apiUrl}/v2/${repo}/manifests/${tag}`, {
        method: 'PUT',
        headers: { 'content-type': String(index['mediaType']) },
        body: siblingBytes,
      });
      assert.equal(res.status, 201);
    }
    const sibling = await skopeoDigest(dst('keep'));
    await skopeoCopy(layout('own'), dst('old-3'), { all: true });
    // A kept tag on one platform manifest of old-3's index: that child must outlive its index.
    const child = s.own.manifests[0]!;
    const childBytes = Buffer.from(
      await (await fetch(`${gh.apiUrl}/v2/${repo}/manifests/${child.digest}`, { headers: { accept: child.mediaType } })).arrayBuffer(),
    );
    assert.equal(
      (await fetch(`${gh.apiUrl}/v2/${repo}/manifests/amd64-only`, { method: 'PUT', headers: { 'content-type': child.mediaType }, body: childBytes })).status,
      201,
    );
    await skopeoCopy(layout('single'), dst('old-2'));
    await skopeoCopy(layout('single'), dst('stable'));
    await skopeoCopy(layout('own-sig'), dst(digestTag(s.own.digest, '.sig')));
    await skopeoCopy(layout('sibling-sig'), dst(digestTag(sibling, '.sig')));
    const done = { ...s, sibling };
    seeded.set('layouts', done);
    return done;
  }

  async function regbot(name: string, repo: string, credsExtra: string, parallel = 3): Promise<string> {
    const file = join(tmp, name);
    const policy = `{repo: ${gh.host}/${repo}, match: 'old-(\\d+)', keep: 1, sort: name}`;
    await writeFile(
      file,
      `version: 1\ncreds:\n  - registry: ${gh.host}\n    tls: disabled\n    api: github\n${credsExtra}defaults:\n  parallel: ${parallel}\npolicies:\n  - name: old builds\n    keepLast: ${policy}\n`,
    );
    return file;
  }

  const prune = (file: string, env: NodeJS.ProcessEnv, ...extra: string[]) =>
    runRegkit(['prune', '-c', file, 'once', ...extra], join(tmp, 'no-docker-config'), { GITHUB_API_URL: gh.apiUrl, GITHUB_TOKEN: '', ...env });

  before(async () => {
    tmp = await makeTempDir('regkit-ghcr-itg-');
    reg = await startRegistry();
    gh = await startGithubPackages({
      upstream: reg.host,
      owners: { acme: 'Organization', solo: 'User' },
      tokens: {
        [ADMIN]: { login: 'solo', canDelete: true, scopes: ['read:packages', 'write:packages', 'delete:packages'] },
        [CLASSIC_NO_DELETE]: { login: 'solo', scopes: ['read:packages', 'write:packages'] },
        [ACTIONS_NO_ADMIN]: { login: 'solo', refusedAs: 404 },
        [APP_ADMIN]: { login: 'solo', canDelete: true, scopes: [] },
      },
    });
    for (const repo of ['acme/app', 'acme/readonly', 'solo/tools/cli']) await seed(repo);
  });

  after(async () => {
    await gh?.stop();
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  it('--dry-run plans the three old tags and makes no API or registry write', async () => {
    const file = await regbot('app.yml', 'acme/app', `    user: ci\n    pass: ${ADMIN}\n`);
    gh.clearCalls();
    reg.clearRequests();
    const run = await prune(file, {}, '--dry-run', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; target: string });
    assert.deepEqual(
      lines.map((l) => [l.status, l.target]),
      ['old-1', 'old-2', 'old-3'].map((t) => ['would-delete', `${gh.host}/acme/app:${t}`]),
    );
    assert.deepEqual(gh.writes(), []);
    assert.deepEqual(registryWrites(), []);
  });

  it('deletes through the API: exactly the kept tags remain, no throwaway left, every kept image pulls completely', async () => {
    const s = seeded.get('layouts')!;
    const before = gh.versions('acme/app');
    const file = join(tmp, 'app.yml');
    gh.clearCalls();
    // GitHub's secondary limit on the first call: the client waits the retry-after and goes on.
    gh.limitNext(1, 1);
    const run = await prune(file, {}, '--format', 'json');
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.deepEqual(gh.calls()[0], { method: 'GET', path: '/users/acme', status: 403 });
    assert.deepEqual(gh.calls()[1], { method: 'GET', path: '/users/acme', status: 200 });
    // Lines come as each delete ends, which parallel deletes finish in any order: each is found by its tag.
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; target: string; details: { githubVersionIds?: number[] } });
    assert.deepEqual(
      lines.map((l) => l.status),
      ['deleted', 'deleted', 'deleted'],
    );
    const lineOf = (tag: string) => lines.find((l) => l.target === `${gh.host}/acme/app:${tag}`)!;
    assert.equal(gh.refusedRegistryDeletes(), 0, 'no OCI DELETE was even tried');

    const kept = ['amd64-only', 'keep', 'old-9', 'stable', digestTag(s.sibling, '.sig')].sort();
    assert.deepEqual((await skopeoListTags(`docker://${gh.host}/acme/app`)).sort(), kept);
    const active = gh.versions('acme/app').filter((v) => !v.deleted);
    const idOf = (digest: string) => before.find((v) => v.digest === digest)!.id;
    // old-1's index went alone: its children stay, held by the sibling index under keep/old-9.
    assert.deepEqual(lineOf('old-1').details.githubVersionIds, [idOf(s.shared.digest)]);
    // old-2 shared its version with stable: only the tag went, through a throwaway version now deleted.
    assert.deepEqual(lineOf('old-2').details.githubVersionIds, []);
    // old-3's index went, then its signature and the child no tag holds; the tagged child stays.
    assert.deepEqual(lineOf('old-3').details.githubVersionIds, [idOf(s.own.digest), idOf(s.ownSig.digest), idOf(s.own.manifests[1]!.digest)]);
    const expected = [s.sibling, ...s.shared.manifests.map((m) => m.digest), s.single.digest, s.siblingSig.digest, s.own.manifests[0]!.digest].sort();
    assert.deepEqual(active.map((v) => v.digest).sort(), expected, 'no throwaway and nothing of old-1/old-3 is left');
    assert.ok(gh.versions('acme/app').every((v) => !v.deleted || before.some((b) => b.id === v.id) || v.tags.length === 0));
    assert.ok(
      gh.writes().every((w) => w.method === 'DELETE' && w.status === 204),
      JSON.stringify(gh.writes()),
    );

    for (const tag of kept) await skopeoCopy(`docker://${gh.host}/acme/app:${tag}`, `oci:${join(tmp, `pulled-${tag}`)}:x`, { all: true });
    assert.equal(await skopeoDigest(`docker://${gh.host}/acme/app:stable`), s.single.digest);
    assert.deepEqual(gh.violations(), []);
  });

  it('image restore takes a deleted version back, with its tag, from the ids the prune result carried; tag delete reports its version', async () => {
    const s = seeded.get('layouts')!;
    const id = gh.versions('acme/app').find((v) => v.digest === s.shared.digest && v.deleted)!.id;
    gh.clearCalls();
    const host = ['--host', `reg=${gh.host},tls=disabled,api=github,user=ci,pass=${APP_ADMIN}`];
    const run = await runRegkit(['image', 'restore', `${gh.host}/acme/app`, String(id), '--format', 'json', ...host], join(tmp, 'no-docker-config'), {
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_TOKEN: '',
    });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const line = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual([line['op'], line['status'], line['target'], line['details']], ['restore', 'restored', `${gh.host}/acme/app`, { githubVersionIds: [id] }]);
    assert.deepEqual(gh.writes(), [{ method: 'POST', path: `/orgs/acme/packages/container/app/versions/${id}/restore`, status: 204 }]);
    assert.equal(await skopeoDigest(`docker://${gh.host}/acme/app:old-1`), s.shared.digest);
    await skopeoCopy(`docker://${gh.host}/acme/app:old-1`, `oci:${join(tmp, 'restored')}:x`, { all: true });
    // regkit tag delete goes the same way and reports the version it deleted.
    const again = await runRegkit(['tag', 'delete', `${gh.host}/acme/app:old-1`, '--format', 'json', ...host], join(tmp, 'no-docker-config'), {
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_TOKEN: '',
    });
    assert.equal(again.code, 0, `${again.stdout}\n${again.stderr}`);
    assert.deepEqual((JSON.parse(again.stdout) as { details: unknown }).details, { githubVersionIds: [id] });
    assert.ok(!(await skopeoListTags(`docker://${gh.host}/acme/app`)).includes('old-1'));
    const refused = await runRegkit(
      ['image', 'restore', `${reg.host}/acme/app`, String(id), '--host', `reg=${reg.host},tls=disabled`],
      join(tmp, 'no-docker-config'),
    );
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /restore works on GitHub Packages registries/);
  });

  it('a classic token without delete:packages changes nothing and says which permission is missing', async () => {
    const file = await regbot('readonly.yml', 'acme/readonly', `    user: ci\n    pass: ${CLASSIC_NO_DELETE}\n`);
    const tags = (await skopeoListTags(`docker://${gh.host}/acme/readonly`)).sort();
    const versions = gh.versions('acme/readonly');
    gh.clearCalls();
    reg.clearRequests();
    const run = await prune(file, {});
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(gh.writes(), []);
    assert.deepEqual(registryWrites(), []);
    assert.deepEqual((await skopeoListTags(`docker://${gh.host}/acme/readonly`)).sort(), tags);
    assert.deepEqual(gh.versions('acme/readonly'), versions);
    assert.match(run.stdout, /without delete:packages/);
    for (const needed of ['permissions: packages: write', 'delete:packages', 'Manage Actions access'])
      assert.ok(run.stdout.includes(needed), `${needed} in ${run.stdout}`);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(CLASSIC_NO_DELETE), 'the token never shows');
  });

  it('GITHUB_TOKEN without admin on a user package: GitHub says "Package not found.", nothing changes, the message names the permission', async () => {
    // One at a time, so the first write is old-1's version delete: with a token whose rights GitHub does not tell in
    // advance, a shared tag's delete first would leave its throwaway version behind (docs/ghcr.md, known limits).
    const file = await regbot('solo.yml', 'solo/tools/cli', '', 1);
    const tags = (await skopeoListTags(`docker://${gh.host}/solo/tools/cli`)).sort();
    const versions = gh.versions('solo/tools/cli');
    gh.clearCalls();
    reg.clearRequests();
    const run = await prune(file, { GITHUB_TOKEN: ACTIONS_NO_ADMIN });
    assert.equal(run.code, 1, run.stdout);
    // One refused DELETE (old-1's version, the first planned); the other two stop before any write.
    assert.deepEqual(
      gh.writes().map((w) => [w.method, w.status]),
      [['DELETE', 404]],
    );
    assert.ok(
      gh.calls().some((c) => c.path.startsWith('/users/solo/packages/container/tools%2Fcli/versions')),
      JSON.stringify(gh.calls()),
    );
    assert.deepEqual(registryWrites(), []);
    assert.deepEqual((await skopeoListTags(`docker://${gh.host}/solo/tools/cli`)).sort(), tags);
    assert.deepEqual(gh.versions('solo/tools/cli'), versions);
    assert.match(run.stdout, /Package not found\./);
    for (const needed of ['permissions: packages: write', 'delete:packages', 'Manage Actions access'])
      assert.ok(run.stdout.includes(needed), `${needed} in ${run.stdout}`);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(ACTIONS_NO_ADMIN), 'the token never shows');
  });

  it('a shared tag refused mid-way is put back on its image; only the throwaway version stays behind, and the next run writes nothing', async () => {
    const s = seeded.get('layouts')!;
    const tags = (await skopeoListTags(`docker://${gh.host}/solo/tools/cli`)).sort();
    const versions = gh.versions('solo/tools/cli');
    gh.clearCalls();
    const run = await runRegkit(
      ['tag', 'delete', `${gh.host}/solo/tools/cli:old-2`, '--host', `reg=${gh.host},tls=disabled,api=github`],
      join(tmp, 'no-docker-config'),
      { GITHUB_API_URL: gh.apiUrl, GITHUB_TOKEN: ACTIONS_NO_ADMIN },
    );
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Package not found\..*permissions: packages: write.*Manage Actions access/s);
    assert.deepEqual((await skopeoListTags(`docker://${gh.host}/solo/tools/cli`)).sort(), tags);
    assert.equal(await skopeoDigest(`docker://${gh.host}/solo/tools/cli:old-2`), s.single.digest);
    const after = gh.versions('solo/tools/cli');
    const added = after.filter((v) => !versions.some((b) => b.id === v.id));
    assert.equal(added.length, 1, 'the throwaway version');
    assert.deepEqual(added[0]!.tags, []);
    assert.deepEqual(
      after.filter((v) => versions.some((b) => b.id === v.id)),
      versions,
    );

    // The next run deletes that leftover first: refused again, and this time nothing at all is written.
    gh.clearCalls();
    reg.clearRequests();
    const again = await runRegkit(
      ['tag', 'delete', `${gh.host}/solo/tools/cli:old-2`, '--host', `reg=${gh.host},tls=disabled,api=github`],
      join(tmp, 'no-docker-config'),
      { GITHUB_API_URL: gh.apiUrl, GITHUB_TOKEN: ACTIONS_NO_ADMIN },
    );
    assert.equal(again.code, 1, again.stderr);
    assert.match(again.stderr, /deleting version \d+ of package tools\/cli was refused: GitHub said "Package not found\."/);
    assert.deepEqual(gh.writes(), [{ method: 'DELETE', path: `/users/solo/packages/container/tools%2Fcli/versions/${added[0]!.id}`, status: 404 }]);
    assert.deepEqual(registryWrites(), []);
    assert.deepEqual(gh.versions('solo/tools/cli'), after);
  });

  it('the untagged policy deletes versions no tag reaches (an overwritten index and its children), parents first, and keeps a referrer of a kept image', async () => {
    const s = seeded.get('layouts')!;
    await skopeoCopy(`oci:${join(tmp, 'own')}:src`, `docker://${gh.host}/acme/app:moving`, { all: true });
    await skopeoCopy(`oci:${join(tmp, 'single')}:src`, `docker://${gh.host}/acme/app:moving`);
    // A referrer of the kept single image, pushed by digest only, as OCI 1.1 clients push signatures.
    const empty = Buffer.from('{}');
    const emptyDigest = `sha256:${createHash('sha256').update(empty).digest('hex')}`;
    const session = await fetch(`${gh.apiUrl}/v2/acme/app/blobs/uploads/`, { method: 'POST' });
    assert.equal(session.status, 202);
    const upload = new URL(session.headers.get('location')!, gh.apiUrl);
    upload.searchParams.set('digest', emptyDigest);
    assert.equal((await fetch(upload, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: empty })).status, 201);
    const referrer = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.example.sbom',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 },
        layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 }],
        subject: { mediaType: s.single.mediaType, digest: s.single.digest, size: s.single.size },
      }),
    );
    const referrerDigest = `sha256:${createHash('sha256').update(referrer).digest('hex')}`;
    assert.equal(
      (
        await fetch(`${gh.apiUrl}/v2/acme/app/manifests/${referrerDigest}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
          body: referrer,
        })
      ).status,
      201,
    );

    const file = join(tmp, 'untagged.yml');
    await writeFile(
      file,
      `version: 1\ncreds:\n  - registry: ${gh.host}\n    tls: disabled\n    api: github\n    user: ci\n    pass: ${ADMIN}\npolicies:\n  - name: dangling\n    untagged: {repo: ${gh.host}/acme/app}\n`,
    );
    // The index left behind by the moved tag and its second platform; the first is still tagged amd64-only.
    const dangling = [s.own.digest, s.own.manifests[1]!.digest];
    const tags = (await skopeoListTags(`docker://${gh.host}/acme/app`)).sort();
    gh.clearCalls();
    reg.clearRequests();
    const dry = await prune(file, {}, '--dry-run', '--format', 'json');
    assert.equal(dry.code, 0, dry.stderr);
    const planned = dry.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { op: string; status: string; target: string });
    assert.deepEqual(
      planned.map((l) => [l.op, l.status]),
      dangling.map(() => ['image-delete', 'would-delete']),
    );
    assert.equal(planned[0]!.target, `${gh.host}/acme/app@${s.own.digest}`, 'the index comes before its children');
    assert.deepEqual(planned.map((l) => l.target.split('@')[1]).sort(), [...dangling].sort());
    assert.deepEqual(gh.writes(), []);
    assert.deepEqual(registryWrites(), []);

    const run = await prune(file, {}, '--format', 'json');
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const active = gh
      .versions('acme/app')
      .filter((v) => !v.deleted)
      .map((v) => v.digest);
    for (const d of dangling) assert.ok(!active.includes(d), `${d} deleted`);
    assert.ok(active.includes(referrerDigest), 'the referrer of a kept image stays');
    assert.ok(active.includes(s.own.manifests[0]!.digest), 'the tagged child stays');
    assert.deepEqual((await skopeoListTags(`docker://${gh.host}/acme/app`)).sort(), tags);
    for (const tag of tags) await skopeoCopy(`docker://${gh.host}/acme/app:${tag}`, `oci:${join(tmp, `after-untagged-${tag}`)}:x`, { all: true });
    assert.deepEqual(gh.violations(), []);
  });

  it("a Lua script's tag.delete goes through the API too, and its result names the version", async () => {
    const s = seeded.get('layouts')!;
    const child = gh.versions('acme/app').find((v) => v.digest === s.own.manifests[0]!.digest && !v.deleted)!;
    assert.deepEqual(child.tags, ['amd64-only']);
    const file = join(tmp, 'lua.yml');
    await writeFile(
      file,
      `version: 1\ncreds:\n  - registry: ${gh.host}\n    tls: disabled\n    api: github\n    user: ci\n    pass: ${ADMIN}\nscripts:\n  - name: drop the platform tag\n    script: |\n      tag.delete("${gh.host}/acme/app:amd64-only")\n`,
    );
    const run = await prune(file, {}, '--format', 'json');
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const line = JSON.parse(run.stdout.trim()) as { status: string; details: { githubVersionIds?: number[] } };
    assert.equal(line.status, 'deleted');
    assert.deepEqual(line.details.githubVersionIds, [child.id]);
    assert.ok(!(await skopeoListTags(`docker://${gh.host}/acme/app`)).includes('amd64-only'));
    assert.deepEqual(gh.violations(), []);
  });
});
