// `regkit prune once` on an emulated Docker Hub: a real distribution registry with deletes disabled (every registry
// DELETE refused, as Hub refuses the registry's tag delete) and the Hub API stand-in, which deletes tags. The host's
// creds entry says `api: dockerhub`; DOCKER_HUB_API_URL points at the stand-in. Checked: exactly the kept tags remain
// and every kept image pulls completely (skopeo), a tag sharing its manifest with a kept tag goes alone, dry-run makes
// no write, an account without delete rights and a read-only token change nothing and say why, a 429 is waited out,
// `regkit tag delete` goes the same way, and the secrets never show.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { startDockerHub, type RunningDockerHub } from '../harness/docker-hub.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoDigest, skopeoListTags } from '../harness/skopeo.js';
import { runRegkit } from './copy-setup.js';

const ADMIN_PAT = 'dckr_pat_admin00000000000000000000';
const READ_PAT = 'dckr_pat_read000000000000000000000';
const OUTSIDER_PAT = 'dckr_pat_outsider0000000000000000';
const READS = new Set(['GET', 'HEAD']);

describe('regkit prune once on Docker Hub through the Hub API', () => {
  let reg: RunningRegistry;
  let hub: RunningDockerHub;
  let tmp: string;
  const digests = new Map<string, string>();

  const registryWrites = () => reg.requests().filter((r) => !READS.has(r.method));
  const tagsOf = async (repo: string) => (await skopeoListTags(`docker://${reg.host}/${repo}`)).sort();

  async function seed(repo: string): Promise<void> {
    const dst = (tag: string) => `docker://${reg.host}/${repo}:${tag}`;
    const layout = async (name: string, platforms?: string[]) => {
      const dir = join(tmp, name);
      if (!digests.has(name)) digests.set(name, (await makeImageLayout(dir, { tag: 'src', seed: name, ...(platforms ? { platforms } : {}) })).digest);
      return `oci:${dir}:src`;
    };
    await skopeoCopy(await layout('multi', ['linux/amd64', 'linux/arm64']), dst('old-1'), { all: true });
    await skopeoCopy(await layout('single'), dst('old-2'));
    await skopeoCopy(await layout('single'), dst('stable'));
    await skopeoCopy(await layout('newest'), dst('old-3'));
    await skopeoCopy(await layout('keep'), dst('keep'));
  }

  async function regbot(name: string, repo: string, user: string, pass: string, parallel = 3): Promise<string> {
    const file = join(tmp, name);
    const policy = `{repo: ${reg.host}/${repo}, match: 'old-(\\d+)', keep: 1, sort: name}`;
    await writeFile(
      file,
      `version: 1\ncreds:\n  - registry: ${reg.host}\n    tls: disabled\n    api: dockerhub\n    user: ${user}\n    pass: ${pass}\ndefaults:\n  parallel: ${parallel}\npolicies:\n  - name: old builds\n    keepLast: ${policy}\n`,
    );
    return file;
  }

  const prune = (file: string, ...extra: string[]) =>
    runRegkit(['prune', '-c', file, 'once', ...extra], join(tmp, 'no-docker-config'), { DOCKER_HUB_API_URL: hub.apiUrl });

  before(async () => {
    tmp = await makeTempDir('regkit-hub-itg-');
    reg = await startRegistry({ deleteEnabled: false });
    hub = await startDockerHub({
      dataDir: reg.dataDir,
      accounts: {
        ci: { secret: ADMIN_PAT, admin: ['acme'] },
        reader: { secret: READ_PAT, admin: ['acme'], scope: 'repo:read' },
        outsider: { secret: OUTSIDER_PAT, admin: ['elsewhere'] },
      },
    });
    for (const repo of ['acme/app', 'acme/locked']) await seed(repo);
  });

  after(async () => {
    await hub?.stop();
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  it('--dry-run plans the two old tags and writes nothing, to Hub or to the registry', async () => {
    const file = await regbot('app.yml', 'acme/app', 'ci', ADMIN_PAT);
    hub.clearCalls();
    reg.clearRequests();
    const run = await prune(file, '--dry-run', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; target: string });
    assert.deepEqual(lines.map((l) => [l.status, l.target]).sort(), [
      ['would-delete', `${reg.host}/acme/app:old-1`],
      ['would-delete', `${reg.host}/acme/app:old-2`],
    ]);
    assert.deepEqual(hub.calls(), []);
    assert.deepEqual(registryWrites(), []);
  });

  it('deletes through the Hub API: exactly the kept tags remain, each pulls completely, a 429 is waited out', async () => {
    const file = join(tmp, 'app.yml');
    hub.clearCalls();
    reg.clearRequests();
    hub.limitNext(1, 1);
    const started = Date.now();
    const run = await prune(file, '--format', 'json');
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(Date.now() - started >= 900, 'the 429 was waited out');
    assert.deepEqual(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { status: string }).status),
      ['deleted', 'deleted'],
    );
    assert.deepEqual(await tagsOf('acme/app'), ['keep', 'old-3', 'stable']);
    // One login (after the 429), shared by both deletes; no registry DELETE was even tried.
    const calls = hub.calls();
    assert.deepEqual(
      calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.status]),
      [
        ['/v2/auth/token', 429],
        ['/v2/auth/token', 200],
      ],
    );
    assert.deepEqual(
      hub
        .writes()
        .map((w) => [w.path, w.status])
        .sort(),
      [
        ['/v2/repositories/acme/app/tags/old-1/', 204],
        ['/v2/repositories/acme/app/tags/old-2/', 204],
      ],
    );
    assert.deepEqual(registryWrites(), []);
    // old-2 shared its manifest with stable: only the tag went.
    assert.equal(await skopeoDigest(`docker://${reg.host}/acme/app:stable`), digests.get('single'));
    for (const tag of ['keep', 'old-3', 'stable'])
      await skopeoCopy(`docker://${reg.host}/acme/app:${tag}`, `oci:${join(tmp, `pulled-${tag}`)}:x`, { all: true });
    assert.ok(!`${run.stdout}${run.stderr}`.includes(ADMIN_PAT));
  });

  it('regkit tag delete goes through the Hub API too', async () => {
    hub.clearCalls();
    const run = await runRegkit(
      ['tag', 'delete', `${reg.host}/acme/app:old-3`, '--host', `reg=${reg.host},tls=disabled,api=dockerhub,user=ci,pass=${ADMIN_PAT}`],
      join(tmp, 'no-docker-config'),
      { DOCKER_HUB_API_URL: hub.apiUrl },
    );
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.deepEqual(
      hub.writes().map((w) => [w.path, w.status]),
      [['/v2/repositories/acme/app/tags/old-3/', 204]],
    );
    assert.deepEqual(await tagsOf('acme/app'), ['keep', 'stable']);
  });

  for (const [who, pat, said] of [
    ['an account without rights on the namespace', OUTSIDER_PAT, 'outsider'],
    ['a read-only access token', READ_PAT, 'reader'],
  ] as const) {
    it(`${who} changes nothing and says why`, async () => {
      const file = await regbot(`${said}.yml`, 'acme/locked', said, pat, 1);
      const tags = await tagsOf('acme/locked');
      hub.clearCalls();
      reg.clearRequests();
      const run = await prune(file);
      assert.equal(run.code, 1, run.stdout);
      // The first delete is refused; the second stops before any write.
      assert.deepEqual(
        hub.writes().map((w) => w.status),
        [403],
      );
      assert.deepEqual(registryWrites(), []);
      assert.deepEqual(await tagsOf('acme/locked'), tags);
      assert.match(run.stdout, /You do not have permission to perform this action/);
      assert.match(run.stdout, /Read, Write, Delete/);
      assert.match(run.stdout, /nothing deleted: Docker Hub refused the delete/);
      assert.ok(!`${run.stdout}${run.stderr}`.includes(pat), 'the token never shows');
      assert.ok(!/hubjwt\.[0-9a-f]/.test(`${run.stdout}${run.stderr}`), 'the bearer never shows');
    });
  }

  it('a wrong password is refused at login: nothing changes, the message says so', async () => {
    const file = await regbot('wrong.yml', 'acme/locked', 'ci', 'dckr_pat_wrong', 1);
    const tags = await tagsOf('acme/locked');
    hub.clearCalls();
    const run = await prune(file);
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(hub.writes(), []);
    assert.deepEqual(await tagsOf('acme/locked'), tags);
    assert.match(run.stdout, /Docker Hub refused the login of ci: Hub said "Incorrect authentication credentials"/);
  });
});
