// regbot's documented example scripts, unchanged, against real distribution registries: one stands in for Docker
// Hub (`docker.io` is pointed at it through a host entry), one for the docs' `registry:5000`, and the sandbox test's
// `registry.example.org`. Checked through the registries' own access logs and tag lists.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { runScript } from '../../src/prune/lua/run.js';
import type { RunScriptOptions, ScriptResult } from '../../src/prune/types.js';
import { parseReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { locationText } from '../../src/report/result.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'regbot');
const WRITE_METHODS = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);

async function scriptsOf(file: string): Promise<Map<string, string>> {
  const doc = parse(await readFile(join(FIXTURES, file), 'utf8')) as { scripts: Array<{ name: string; script: string }> };
  return new Map(doc.scripts.map((s) => [s.name, s.script]));
}

describe('regbot example scripts against registries', () => {
  let upstream: RunningRegistry;
  let local: RunningRegistry;
  let work: string;
  let stores: StoreSet;
  const examples = new Map<string, string>();
  const digests: Record<string, string> = {};

  const hosts = () => [
    { registry: 'docker.io', hostname: upstream.host, tls: 'disabled' as const },
    { registry: 'registry:5000', hostname: local.host, tls: 'disabled' as const },
    { registry: 'registry.example.org', hostname: local.host, tls: 'disabled' as const },
  ];

  function run(name: string, extra: Partial<RunScriptOptions> = {}): Promise<ScriptResult> {
    const source = extra.source ?? examples.get(name);
    assert.ok(source, `no example script named "${name}"`);
    return runScript({
      name,
      source: source!,
      stores,
      logger: silentLogger,
      dryRun: false,
      timeoutMs: 60_000,
      copy: (src, dst, opts) => copyImage({ stores, logger: silentLogger }, src, dst, opts),
      platform: { os: 'linux', architecture: 'amd64' },
      ...extra,
    });
  }

  async function seed(layout: string, tag: string, target: string): Promise<void> {
    await copyImage({ stores, logger: silentLogger }, parseReference(`ocidir://${layout}:${tag}`), parseReference(target), {});
  }

  async function tags(repo: string): Promise<string[]> {
    const ref = parseReference(repo, { repositoryOnly: true });
    return (await stores.storeFor(ref).listTags(ref)).sort();
  }

  before(async () => {
    for (const file of ['docs-examples-regbot.yml', 'docs-regbot-md.yml', 'sandbox-test-scripts.yml']) {
      for (const [name, script] of await scriptsOf(file)) examples.set(name, script);
    }
    [upstream, local] = await Promise.all([startRegistry(), startRegistry()]);
    work = await makeTempDir('regkit-lua-itg-');
    stores = new StoreSet({ hosts: hosts(), logger: silentLogger, useDockerConfig: false, retry: { baseDelayMs: 10 } });

    const old = join(work, 'old');
    const fresh = join(work, 'fresh');
    const multi = join(work, 'multi');
    const oldImage = await makeImageLayout(old, { tag: 'img', seed: 'old', labels: { 'org.opencontainers.image.created': '2020-01-01T00:00:00Z' } });
    const freshImage = await makeImageLayout(fresh, {
      tag: 'img',
      seed: 'fresh',
      labels: { 'org.opencontainers.image.created': new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
    });
    const multiImage = await makeImageLayout(multi, { tag: 'img', seed: 'multi', platforms: ['linux/amd64', 'linux/arm64'], labels: { version: '1' } });
    digests['old'] = oldImage.digest;
    digests['fresh'] = freshImage.digest;
    digests['multi'] = multiImage.digest;

    const up = (repo: string, tag: string, layout = fresh) => seed(layout, 'img', `docker.io/${repo}:${tag}`);
    for (const t of ['3.17', '3.18', '3.19', '3.20', 'latest']) await up('library/alpine', t);
    for (const t of ['11.9', '12.1', '12.2', '12.10', 'testing-20240101', 'testing-20240201', 'testing-20240301', 'testing-20240401'])
      await up('library/debian', t);
    await up('library/busybox', '1.36');

    const loc = (repo: string, tag: string, layout: string) => seed(layout, 'img', `registry:5000/${repo}:${tag}`);
    await loc('library/debian', 'testing-20231201', fresh);
    for (const t of ['ci-001', 'ci-002', 'latest', 'stable']) await loc('regclient/example', t, old);
    await loc('regclient/example', 'ci-003', fresh);
    for (const t of ['v1', 'v2', 'mirror']) await loc('testrepo', t, multi);
  });

  after(async () => {
    await stores?.close();
    await Promise.all([upstream?.stop(), local?.stop()]);
    if (work) await removeTempDir(work);
  });

  it('"Hello World" (docs/regbot.md) runs unchanged', async () => {
    const hello = await run('Hello World');
    assert.equal(hello.error, undefined);
    assert.deepEqual(
      hello.logs.map((l) => l.message),
      ['hello world'],
    );
  });

  it('"Busybox Tags" (docs/regbot.md) is not valid Lua and fails with its name and line', async () => {
    // `log "Found tag " .. t` calls log with "Found tag " and then meets `..`: a syntax error in every Lua
    // (5.1 included). The same script with `log("Found tag " .. t)` lists the tags.
    const busybox = await run('Busybox Tags');
    assert.equal(busybox.error, "Busybox Tags:4: unexpected symbol near '..'");
    const fixed = await run('Busybox Tags', { source: examples.get('Busybox Tags')!.replace('log "Found tag " .. t', 'log("Found tag " .. t)') });
    assert.equal(fixed.error, undefined);
    assert.deepEqual(
      fixed.logs.map((l) => l.message),
      ['Found tag 1.36'],
    );
  });

  it('the sandbox test scripts (cmd/regbot/sandbox) run unchanged', async () => {
    for (const name of ['List tags', 'Find duplicate digest to mirror tag', 'Manifest descriptor', 'Get config']) {
      const r = await run(name);
      assert.equal(r.error, undefined, name);
    }
  });

  it('"delete old builds" in dry-run plans the deletes and sends no write to the registry', async () => {
    local.clearRequests();
    const r = await run('delete old builds', { dryRun: true });
    assert.equal(r.error, undefined);
    const writes = local.requests().filter((q) => WRITE_METHODS.has(q.method));
    assert.deepEqual(writes, []);
    assert.ok(local.requests().length > 0, 'the reads did reach the registry');
    assert.deepEqual(
      r.journal.map((e) => [e.op, locationText(e.target).split(':').pop(), e.digest, e.executed]),
      [
        ['tag.delete', 'ci-001', digests['old'], false],
        ['tag.delete', 'ci-002', digests['old'], false],
      ],
    );
    assert.deepEqual(await tags(`registry:5000/regclient/example`), ['ci-001', 'ci-002', 'ci-003', 'latest', 'stable']);
  });

  it('"delete old builds" deletes the old ci tags and keeps the sibling tags on the same digest', async () => {
    const r = await run('delete old builds');
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.logs.map((l) => l.message.replace(/before: .*/, 'before: CUTOFF')),
      [
        'Searching for images before: CUTOFF',
        'Deleting ci-001 created on 2020-01-01T00:00:00Z',
        'Deleting ci-002 created on 2020-01-01T00:00:00Z',
        `Skipping ci-003 created on ${r.logs[3]!.message.split(' created on ')[1]}`,
      ],
    );
    assert.deepEqual(await tags(`registry:5000/regclient/example`), ['ci-003', 'latest', 'stable']);
    const store = stores.storeFor(parseReference('registry:5000/regclient/example:stable'));
    assert.equal((await store.headManifest(parseReference('registry:5000/regclient/example:stable')))?.digest, digests['old']);
    assert.equal((await store.headManifest(parseReference('registry:5000/regclient/example:latest')))?.digest, digests['old']);
  });

  it('"mirror minor versions" copies the three newest minor versions of each image', async () => {
    const r = await run('mirror minor versions');
    assert.equal(r.error, undefined);
    assert.deepEqual(await tags('registry:5000/library/alpine'), ['3.18', '3.19', '3.20']);
    assert.deepEqual(
      (await tags('registry:5000/library/debian')).filter((t) => !t.startsWith('testing')),
      ['12.1', '12.10', '12.2'],
    );
    assert.equal(r.journal.filter((e) => e.op === 'image.copy' && e.executed).length, 6);
  });

  it('"debian date stamped mirror" copies the newest three and deletes the older local ones', async () => {
    const r = await run('debian date stamped mirror');
    assert.equal(r.error, undefined);
    assert.deepEqual(
      (await tags('registry:5000/library/debian')).filter((t) => t.startsWith('testing')),
      ['testing-20240201', 'testing-20240301', 'testing-20240401'],
    );
    assert.deepEqual(
      r.logs.map((l) => l.message),
      ['Copying testing-20240201', 'Copying testing-20240301', 'Copying testing-20240401', 'Deleting testing-20231201'],
    );
  });
});
