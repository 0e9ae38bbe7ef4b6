// `regkit prune once` deleting 90 of 100 tags 8 at a time on distribution 2.8, whose answer to a manifest DELETE
// racing a tag PUT in the same repository can be a 500 for a delete it made (the retry then gets 404): every planned
// delete must be reported `deleted`, and exactly the 10 newest tags must be left.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { createLimiter } from '../../src/limit.js';
import { silentLogger } from '../../src/log.js';
import { parseReference, withTag } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoListTags } from '../harness/skopeo.js';

const TAGS = 100;
const KEEP = 10;

describe('regkit prune once with parallel deletes', () => {
  let reg: RunningRegistry;
  let tmp: string;

  before(async () => {
    reg = await startRegistry({ deleteEnabled: true });
    tmp = await makeTempDir('regkit-prune-parallel-');
    await makeImageLayout(join(tmp, 'image'), { tag: 'v1', seed: 'prune-parallel', layerSize: 1024 });
    await skopeoCopy(`oci:${join(tmp, 'image')}:v1`, `docker://${reg.host}/app:v1.0.0`);
    const stores = new StoreSet({ hosts: [{ registry: reg.host, tls: 'disabled' }], logger: silentLogger, useDockerConfig: false });
    try {
      const repo = parseReference(`${reg.host}/app`);
      const store = stores.storeFor(repo);
      const { bytes, mediaType } = await store.getManifest(withTag(repo, 'v1.0.0'));
      const limit = createLimiter(4);
      await Promise.all(Array.from({ length: TAGS - 1 }, (_, i) => limit(() => store.putManifest(withTag(repo, `v1.0.${i + 1}`), bytes, mediaType))));
    } finally {
      await stores.close();
    }
  });

  after(async () => {
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  it('reports every planned delete as deleted and leaves exactly the newest tags', async () => {
    const file = join(tmp, 'regbot.yml');
    const policy = `{repo: ${reg.host}/app, match: 'v1\\.0\\.\\d+', keep: ${KEEP}}`;
    await writeFile(file, `version: 1\ncreds:\n  - registry: ${reg.host}\n    tls: disabled\ndefaults:\n  parallel: 8\npolicies:\n  - keepLast: ${policy}\n`);
    let stdout = '';
    let stderr = '';
    const code = await runCli(['prune', '-c', file, 'once', '--format', 'json'], {
      stdout: { write: (c) => (stdout += String(c)) },
      stderr: { write: (c) => (stderr += c) },
    });
    const statuses = stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { status: string }).status);
    assert.deepEqual(
      statuses.filter((s) => s !== 'deleted'),
      [],
      stderr.slice(-2000),
    );
    assert.equal(statuses.length, TAGS - KEEP);
    assert.equal(code, 0);
    const left = await skopeoListTags(`docker://${reg.host}/app`);
    assert.deepEqual(left.sort(), Array.from({ length: KEEP }, (_, i) => `v1.0.${TAGS - KEEP + i}`).sort());
  });
});
