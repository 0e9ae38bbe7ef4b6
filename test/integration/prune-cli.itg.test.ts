// `regkit prune once` on regbot.yml files against a real distribution registry: "keep the 3 newest backups per tag"
// as a declarative policy and as Lua, dry-run sending no write, `protect` and `maxDeletes` (abort before any
// delete), and afterwards every kept tag resolving and every blob of a kept image present, checked with skopeo.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { parseReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoDigest, skopeoListTags } from '../harness/skopeo.js';

const READS = new Set(['GET', 'HEAD']);
const BACKUP_TAGS = ['v1-20240101', 'v1-20240102', 'v1-20240103', 'v1-20240104', 'v1-20240105', 'v2-20240101', 'v2-20240102', 'v2-20240103', 'v2-20240104'];
const KEPT = ['latest', 'v1', 'v1-20240103', 'v1-20240104', 'v1-20240105', 'v2', 'v2-20240102', 'v2-20240103', 'v2-20240104'];

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function prune(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['prune', 'once', ...argv], { stdout: { write: (c) => (stdout += String(c)) }, stderr: { write: (c) => (stderr += c) } });
  return { code, stdout, stderr };
}

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('regkit prune once against a registry', () => {
  let reg: RunningRegistry;
  let tmp: string;
  let stores: StoreSet;
  let multi: FixtureImage;
  let single: FixtureImage;

  const writes = () => reg.requests().filter((r) => !READS.has(r.method));

  /** v1 and its backups share one multi-platform index; v2 and its backups one single-platform image; latest = v1. */
  async function seedRepo(repo: string): Promise<void> {
    const ctx = { stores, logger: silentLogger };
    for (const tag of ['v1', 'latest', ...BACKUP_TAGS.filter((t) => t.startsWith('v1'))])
      await copyImage(ctx, parseReference(`ocidir://${join(tmp, 'multi')}:src`), parseReference(`${reg.host}/${repo}:${tag}`));
    for (const tag of ['v2', ...BACKUP_TAGS.filter((t) => t.startsWith('v2'))])
      await copyImage(ctx, parseReference(`ocidir://${join(tmp, 'single')}:src`), parseReference(`${reg.host}/${repo}:${tag}`));
  }

  async function config(name: string, body: string): Promise<string> {
    const file = join(tmp, name);
    await writeFile(file, `version: 1\ncreds:\n  - registry: ${reg.host}\n    tls: disabled\n${body}`);
    return file;
  }

  const keepLastArgs = (repo: string) => `{repo: ${reg.host}/${repo}, match: '(v\\d+)-(\\d{8})', group: '$1', keep: 3, sort: name}`;

  /** Every kept tag resolves to what it was, and all of its blobs are still there: skopeo copies the whole image. */
  async function assertKeptIntact(repo: string): Promise<void> {
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/${repo}`)).sort(), KEPT);
    for (const tag of KEPT) {
      const want = tag.startsWith('v2') ? single.digest : multi.digest;
      assert.equal(await skopeoDigest(`docker://${reg.host}/${repo}:${tag}`), want, tag);
    }
    for (const tag of ['v1', 'v2'])
      await skopeoCopy(`docker://${reg.host}/${repo}:${tag}`, `oci:${join(tmp, `check-${repo.replace('/', '-')}-${tag}`)}:x`, { all: true });
  }

  before(async () => {
    reg = await startRegistry();
    tmp = await makeTempDir('regkit-prune-itg-');
    stores = new StoreSet({ hosts: [{ registry: reg.host, tls: 'disabled' }], logger: silentLogger, useDockerConfig: false });
    multi = await makeImageLayout(join(tmp, 'multi'), { tag: 'src', seed: 'multi', platforms: ['linux/amd64', 'linux/arm64'], layers: 2 });
    single = await makeImageLayout(join(tmp, 'single'), { tag: 'src', seed: 'single' });
    await Promise.all(['declared', 'lua', 'guarded'].map(seedRepo));
  });

  after(async () => {
    await stores?.close();
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  it('declarative keepLast: dry-run plans each would-delete with its digest and sends no write', async () => {
    const file = await config('declared.yml', `policies:\n  - name: backups\n    keepLast: ${keepLastArgs('declared')}\n`);
    reg.clearRequests();
    const run = await prune('-c', file, '--dry-run', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(writes(), []);
    assert.ok(reg.requests().length > 0);
    const lines = jsonLines(run.stdout);
    assert.deepEqual(
      lines.map((l) => [l['op'], l['status'], l['target'], l['digest']]),
      [
        ['tag-delete', 'would-delete', `${reg.host}/declared:v1-20240101`, multi.digest],
        ['tag-delete', 'would-delete', `${reg.host}/declared:v1-20240102`, multi.digest],
        ['tag-delete', 'would-delete', `${reg.host}/declared:v2-20240101`, single.digest],
      ],
    );
    assert.match(String(lines[0]!['reason']), /^backups: keepLast: not among the 3 newest by name of group "v1"$/);
    assert.equal((await skopeoListTags(`docker://${reg.host}/declared`)).length, 12);
  });

  it('declarative keepLast: the run leaves exactly the 3 newest backups per tag; shared and multi-platform images intact', async () => {
    const file = join(tmp, 'declared.yml');
    const run = await prune('-c', file);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
      ['deleted', 'deleted', 'deleted'],
    );
    assert.ok(
      writes().every((w) => w.method !== 'DELETE' || /\/manifests\/(sha256:|v\d-\d{8}$)/.test(w.path)),
      JSON.stringify(writes()),
    );
    await assertKeptIntact('declared');
  });

  it('the same policy from Lua (policy.keepLast) in a regbot script leaves exactly the same tags', async () => {
    const lua = `policy.keepLast{repo="${reg.host}/lua", match="(v\\\\d+)-(\\\\d{8})", group="$1", keep=3, sort="name"}`;
    const script = `    script: |\n      local deleted = ${lua}\n      log("deleted " .. #deleted)\n`;
    const file = await config('lua.yml', `defaults:\n  parallel: 2\nscripts:\n  - name: keep three backups\n${script}`);
    reg.clearRequests();
    const dry = await prune('-c', file, '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(writes(), []);
    assert.match(dry.stdout, /would-delete .*lua:v1-20240101 .*script "keep three backups" line 1/);
    const run = await prune('-c', file, '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    // Deletes run two at a time and each line is written as its delete ends: the order is theirs.
    assert.deepEqual(
      jsonLines(run.stdout)
        .map((l) => [l['status'], String(l['target']).split(':').pop()])
        .sort(),
      [
        ['deleted', 'v1-20240101'],
        ['deleted', 'v1-20240102'],
        ['deleted', 'v2-20240101'],
      ],
    );
    await assertKeptIntact('lua');
  });

  it('maxDeletes: a plan over the limit aborts before any delete, naming the count and the limit (exit 1)', async () => {
    const file = await config('limit.yml', `defaults:\n  maxDeletes: 2\npolicies:\n  - keepLast: ${keepLastArgs('guarded')}\n`);
    reg.clearRequests();
    const run = await prune('-c', file);
    assert.equal(run.code, 1);
    assert.deepEqual(writes(), []);
    assert.match(run.stdout, /failed .*the plan deletes 3 tags or images, over defaults\.maxDeletes \(2\): nothing was deleted/);
    assert.equal((run.stdout.match(/^would-delete /gm) ?? []).length, 3);
    assert.equal((await skopeoListTags(`docker://${reg.host}/guarded`)).length, 12);
  });

  it('protect: a protected tag is dropped from the plan, reported, and kept; the rest fits maxDeletes', async () => {
    const file = await config(
      'protect.yml',
      `defaults:\n  maxDeletes: 2\n  protect: ['guarded:v1-20240101']\npolicies:\n  - keepLast: ${keepLastArgs('guarded')}\n`,
    );
    const run = await prune('-c', file, '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run.stdout);
    assert.deepEqual(
      lines.map((l) => [l['status'], String(l['target']).split(':').pop()]),
      [
        ['deleted', 'v1-20240102'],
        ['deleted', 'v2-20240101'],
        ['excluded', 'v1-20240101'],
      ],
    );
    assert.match(String(lines[2]!['reason']), /protected by defaults\.protect "guarded:v1-20240101"/);
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/guarded`)).sort(), [...KEPT, 'v1-20240101'].sort());
  });

  it('a script error stops that script only: the others still run and the run exits 1', async () => {
    const file = await config(
      'errors.yml',
      `scripts:\n  - name: broken\n    script: |\n      error("boom")\n  - name: fine\n    script: |\n      log(#tag.ls("${reg.host}/guarded"))\n`,
    );
    const run = await prune('-c', file, '--format', 'json');
    assert.equal(run.code, 1);
    const failed = jsonLines(run.stdout).filter((l) => l['status'] === 'failed');
    assert.deepEqual(
      failed.map((l) => [l['target'], l['reason']]),
      // The script's line and, in brackets, the line of the config file it stands at.
      [['broken', `broken:1: script "broken" (${file}:8) failed: boom`]],
    );
    // Each log line names the script, its line, and that line in the config file.
    assert.ok(run.stderr.includes(`User script message script=fine line=1 config=${file}:11 message=10`), run.stderr);
  });
});
