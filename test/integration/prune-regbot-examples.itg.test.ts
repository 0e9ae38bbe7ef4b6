// regbot's documented docs/examples/regbot.yml, unchanged, through `regkit prune once`: `--host` points its
// `docker.io` and `registry:5000` at two harness registries. A real run runs each script once, each write made
// when the script calls it; a dry run plans the mirror scripts' copies and "delete old builds"' tag deletes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { parseReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { copyWithSecretFiles } from '../harness/config-secrets.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';

// Its Hub password is read from a mounted secret file: the copy provides one.
const CONFIG = copyWithSecretFiles(join(process.cwd(), 'test', 'fixtures', 'regbot', 'docs-examples-regbot.yml'));
const READS = new Set(['GET', 'HEAD']);

describe("regbot's docs/examples/regbot.yml through regkit prune", () => {
  let upstream: RunningRegistry;
  let local: RunningRegistry;
  let tmp: string;
  let stores: StoreSet;
  let oldDigest: string;

  const hosts = () => ['--host', `reg=docker.io,hostname=${upstream.host},tls=disabled`, '--host', `reg=registry:5000,hostname=${local.host},tls=disabled`];

  async function prune(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['prune', 'once', '-c', CONFIG, ...hosts(), ...argv], {
      stdout: { write: (c) => (stdout += String(c)) },
      stderr: { write: (c) => (stderr += c) },
    });
    return { code, stdout, stderr };
  }

  async function tags(repo: string): Promise<string[]> {
    const ref = parseReference(repo, { repositoryOnly: true });
    return (await stores.storeFor(ref).listTags(ref)).sort();
  }

  before(async () => {
    [upstream, local] = await Promise.all([startRegistry(), startRegistry()]);
    tmp = await makeTempDir('regkit-prune-examples-');
    stores = new StoreSet({
      hosts: [
        { registry: 'docker.io', hostname: upstream.host, tls: 'disabled' },
        { registry: 'registry:5000', hostname: local.host, tls: 'disabled' },
      ],
      logger: silentLogger,
      useDockerConfig: false,
    });
    const old = await makeImageLayout(join(tmp, 'old'), { tag: 'img', seed: 'old', labels: { 'org.opencontainers.image.created': '2020-01-01T00:00:00Z' } });
    await makeImageLayout(join(tmp, 'fresh'), {
      tag: 'img',
      seed: 'fresh',
      labels: { 'org.opencontainers.image.created': new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
    });
    oldDigest = old.digest;
    const seed = (layout: string, target: string) =>
      copyImage({ stores, logger: silentLogger }, parseReference(`ocidir://${join(tmp, layout)}:img`), parseReference(target));
    for (const t of ['3.18', '3.19', '3.20', '3.21']) await seed('fresh', `docker.io/library/alpine:${t}`);
    for (const t of ['12.1', 'testing-20240201', 'testing-20240301', 'testing-20240401']) await seed('fresh', `docker.io/library/debian:${t}`);
    await seed('fresh', 'registry:5000/library/debian:testing-20231201');
    for (const t of ['ci-001', 'ci-002', 'latest']) await seed('old', `registry:5000/regclient/example:${t}`);
    await seed('fresh', 'registry:5000/regclient/example:ci-003');
  });

  after(async () => {
    await stores?.close();
    await Promise.all([upstream?.stop(), local?.stop()]);
    if (tmp) await removeTempDir(tmp);
  });

  it('--dry-run plans copies and deletes and writes nothing to either registry', async () => {
    local.clearRequests();
    upstream.clearRequests();
    const run = await prune('--dry-run', '--format', 'json');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      [...local.requests(), ...upstream.requests()].filter((r) => !READS.has(r.method)),
      [],
    );
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const planned = lines.map((l) => [l['status'], String(l['target']).replace(/^registry:5000\//, '')]);
    // The dated mirror deletes only once its copies have landed, so its dry run plans copies but no delete yet:
    // that is why a real run makes each write when the script calls it instead of replaying a plan.
    assert.deepEqual(
      planned.filter(([s]) => s === 'would-delete'),
      [
        ['would-delete', 'regclient/example:ci-001'],
        ['would-delete', 'regclient/example:ci-002'],
      ],
    );
    assert.equal(planned.filter(([s]) => s === 'would-copy').length, 3 + 1 + 3);
    assert.ok(lines.filter((l) => l['status'] === 'would-delete').every((l) => typeof l['digest'] === 'string'));
  });

  it('runs unchanged: mirrors the newest versions, deletes old dated copies and old CI builds, keeps their siblings', async () => {
    const run = await prune();
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.deepEqual(await tags('registry:5000/library/alpine'), ['3.19', '3.20', '3.21']);
    assert.deepEqual(await tags('registry:5000/library/debian'), ['12.1', 'testing-20240201', 'testing-20240301', 'testing-20240401']);
    assert.deepEqual(await tags('registry:5000/regclient/example'), ['ci-003', 'latest']);
    const head = await stores
      .storeFor(parseReference('registry:5000/regclient/example:latest'))
      .headManifest(parseReference('registry:5000/regclient/example:latest'));
    assert.equal(head?.digest, oldDigest, 'latest shared its digest with the deleted ci tags and still resolves');
    assert.match(run.stdout, /^deleted .*regclient\/example:ci-001/m);
  });
});
