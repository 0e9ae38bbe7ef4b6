// `regkit prune once` where the registry will not delete. Many hosted registries answer DELETE by tag with 400/404
// and DELETE by digest with 403/405; distribution 2.8 with `storage.delete.enabled: false` answers 405 to both, so a
// proxy in front of it gives the tag DELETE the hosted answer. Before any tag is moved regkit must learn that the
// throwaway manifest could not be deleted: every tag keeps its digest (seen by skopeo, straight from the registry)
// and the result says the registry refuses deletes and what to do. Where the probe passes but the throwaway's own
// DELETE is refused, the tag is put back. With deletes enabled, prune deletes as before.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { DELETE_PROBE_DIGEST } from '../../src/store/registry/tag-delete.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { startProxy, type ProxyFault, type RunningProxy } from '../harness/proxy.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy, skopeoDigest, skopeoListTags } from '../harness/skopeo.js';

const TAGS = ['v1-20240101', 'v1-20240102', 'v1-20240103'];
const DOOMED = TAGS.slice(0, 2);

/** What the proxy answers in the registry's place, by kind of DELETE; the rest passes through. */
interface DeleteAnswers {
  byTag?: number;
  /** Also the probe's DELETE of a digest no manifest has, unless `probeReachesRegistry`. */
  byDigest?: number;
  probeReachesRegistry?: boolean;
}

function deleteFaults(answers: DeleteAnswers): (req: IncomingMessage) => ProxyFault | undefined {
  return (req) => {
    if (req.method !== 'DELETE') return undefined;
    const ref = /\/manifests\/([^/]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
    if (ref === undefined) return undefined;
    const status = ref === DELETE_PROBE_DIGEST && answers.probeReachesRegistry ? undefined : ref.startsWith('sha256:') ? answers.byDigest : answers.byTag;
    return status === undefined ? undefined : { status };
  };
}

interface Setup {
  reg: RunningRegistry;
  proxy: RunningProxy;
  config: string;
}

describe('prune where the registry refuses deletes', () => {
  let tmp: string;
  let image: FixtureImage;
  const running: Setup[] = [];

  async function setup(deleteEnabled: boolean, answers: DeleteAnswers): Promise<Setup> {
    const reg = await startRegistry({ deleteEnabled });
    for (const tag of TAGS) await skopeoCopy(`oci:${join(tmp, 'layout')}:src`, `docker://${reg.host}/team/app:${tag}`);
    const proxy = await startProxy(reg.host, { faults: deleteFaults(answers) });
    const config = join(tmp, `regbot-${running.length}.yml`);
    await writeFile(
      config,
      `version: 1\ncreds:\n  - registry: ${proxy.host}\n    tls: disabled\npolicies:\n  - name: old\n    keepLast: {repo: ${proxy.host}/team/app, match: 'v1-\\d{8}', keep: 1, sort: name}\n`,
    );
    const s = { reg, proxy, config };
    running.push(s);
    return s;
  }

  async function prune(config: string): Promise<{ code: number; lines: Array<Record<string, unknown>>; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['prune', 'once', '-c', config, '--format', 'json'], {
      stdout: { write: (c) => (stdout += String(c)) },
      stderr: { write: (c) => (stderr += c) },
    });
    return {
      code,
      lines: stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
      stderr,
    };
  }

  /** Every tag still names the image, as the registry itself serves it. */
  async function assertUntouched(reg: RunningRegistry): Promise<void> {
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/team/app`)).sort(), TAGS);
    for (const tag of TAGS) assert.equal(await skopeoDigest(`docker://${reg.host}/team/app:${tag}`), image.digest, tag);
  }

  before(async () => {
    tmp = await makeTempDir('regkit-refused-delete-');
    image = await makeImageLayout(join(tmp, 'layout'), { tag: 'src', seed: 'refused-delete' });
  });

  after(async () => {
    for (const s of running) {
      await s.proxy.stop();
      await s.reg.stop();
    }
    if (tmp) await removeTempDir(tmp);
  });

  for (const byDigest of [405, 403]) {
    it(`DELETE by tag 404, by digest ${byDigest}: no tag is moved, and each result says the registry refuses deletes and what to do`, async () => {
      const { reg, config } = await setup(false, { byTag: 404, ...(byDigest === 405 ? {} : { byDigest }) });
      reg.clearRequests();
      const run = await prune(config);
      assert.equal(run.code, 1, run.stderr);
      assert.deepEqual(
        run.lines.map((l) => [l['status'], String(l['target']).split(':').pop()]),
        DOOMED.map((t) => ['failed', t]),
      );
      for (const line of run.lines) {
        const tag = String(line['target']).split(':').pop();
        assert.match(
          String(line['reason']),
          new RegExp(
            `the registry does not delete manifests in team/app: DELETE of the tag answered 404, DELETE by digest answered ${byDigest} .*nothing was moved, team/app:${tag} still names ${image.digest}: enable deletes on the registry \\(distribution: REGISTRY_STORAGE_DELETE_ENABLED=true\\) or give these credentials delete permission`,
          ),
        );
      }
      // Nothing was written: no throwaway manifest, no blob upload.
      assert.deepEqual(
        reg.requests().filter((r) => r.method === 'PUT' || r.method === 'POST' || r.method === 'PATCH'),
        [],
      );
      await assertUntouched(reg);
    });
  }

  it('a probe answer that shows neither (400): nothing is moved, and the result says the answer was unclear', async () => {
    const { reg, config } = await setup(true, { byTag: 404, byDigest: 400 });
    reg.clearRequests();
    const run = await prune(config);
    assert.equal(run.code, 1, run.stderr);
    for (const line of run.lines) {
      assert.equal(line['status'], 'failed');
      assert.match(
        String(line['reason']),
        /the registry's answer to a DELETE by digest \(HTTP 400\) does not show whether it deletes manifests in team\/app; nothing was moved/,
      );
    }
    assert.deepEqual(
      reg.requests().filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
      [],
    );
    await assertUntouched(reg);
  });

  it('the probe passes but the throwaway cannot be deleted: each tag is put back on its digest, and the result says so', async () => {
    const { reg, config } = await setup(true, { byTag: 404, byDigest: 403, probeReachesRegistry: true });
    const run = await prune(config);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      run.lines.map((l) => [l['status'], String(l['target']).split(':').pop()]),
      DOOMED.map((t) => ['failed', t]),
    );
    for (const line of run.lines) {
      const tag = String(line['target']).split(':').pop();
      assert.match(
        String(line['reason']),
        new RegExp(
          `the throwaway manifest sha256:[0-9a-f]{64} could not be deleted \\(.*HTTP 403.*\\); team/app:${tag} was put back on ${image.digest}, nothing else changed`,
        ),
      );
    }
    await assertUntouched(reg);
  });

  it('deletes enabled: prune deletes the old tags through the throwaway and keeps the newest, as before', async () => {
    const { reg, config } = await setup(true, { byTag: 404 });
    const run = await prune(config);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      run.lines.map((l) => [l['status'], String(l['target']).split(':').pop()]),
      DOOMED.map((t) => ['deleted', t]),
    );
    assert.deepEqual(await skopeoListTags(`docker://${reg.host}/team/app`), ['v1-20240103']);
    assert.equal(await skopeoDigest(`docker://${reg.host}/team/app:v1-20240103`), image.digest);
  });
});
