// A regbot script in its worker against a real distribution registry: it lists tags and deletes one through the
// bridge to the main thread's stores; in dry-run it plans the delete and the registry sees no write, and an
// image.exportTar writes no file; a runaway script beside it is stopped and the other still runs. Checked with
// skopeo and the registry's access log.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
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
import { skopeoListTags } from '../harness/skopeo.js';

const READS = new Set(['GET', 'HEAD']);

describe('a regbot script in its worker against a registry', () => {
  let reg: RunningRegistry;
  let tmp: string;
  let image: FixtureImage;
  let file: string;

  async function prune(...argv: string[]): Promise<{ code: number; lines: Array<Record<string, unknown>>; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['prune', 'once', '-c', file, '--format', 'json', ...argv], {
      stdout: { write: (c) => (stdout += String(c)) },
      stderr: { write: (c) => (stderr += c) },
    });
    const lines = stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { code, lines, stderr };
  }

  before(async () => {
    reg = await startRegistry();
    tmp = await makeTempDir('regkit-lua-worker-itg-');
    const stores = new StoreSet({ hosts: [{ registry: reg.host, tls: 'disabled' }], logger: silentLogger, useDockerConfig: false });
    image = await makeImageLayout(join(tmp, 'src'), { tag: 'src' });
    for (const tag of ['v1', 'v2', 'v3'])
      await copyImage({ stores, logger: silentLogger }, parseReference(`ocidir://${join(tmp, 'src')}:src`), parseReference(`${reg.host}/app:${tag}`));
    await stores.close();
    file = join(tmp, 'regbot.yml');
    await writeFile(
      file,
      [
        'version: 1',
        'creds:',
        `  - registry: ${reg.host}`,
        '    tls: disabled',
        'defaults:',
        `  scriptFiles: ${tmp}`,
        'scripts:',
        '  - name: spin',
        '    timeout: 1s',
        '    script: |',
        '      string.find(string.rep("a",5000), ".-.-.-.-b")',
        '  - name: drop v1',
        '    script: |',
        `      local tags = tag.ls("${reg.host}/app")`,
        '      log("tags " .. table.concat(tags, ","))',
        `      image.exportTar("${reg.host}/app:v2", "v2.tar")`,
        `      tag.delete("${reg.host}/app:v1")`,
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  it('in dry-run plans the delete, writes nothing to the registry or the disk, and stops the runaway script', async () => {
    reg.clearRequests();
    const started = Date.now();
    const run = await prune('--dry-run');
    assert.ok(Date.now() - started < 10_000);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(
      reg.requests().filter((r) => !READS.has(r.method)),
      [],
    );
    assert.ok(
      reg.requests().some((r) => r.method === 'GET' && r.path.endsWith('/tags/list')),
      'tag.ls reached the registry from the worker',
    );
    assert.equal(existsSync(join(tmp, 'v2.tar')), false);
    const byStatus = run.lines.map((l) => [l['op'], l['status'], l['target']]);
    assert.deepEqual(byStatus, [
      ['prune', 'failed', 'spin'],
      ['export', 'would-copy', 'v2.tar'],
      ['tag-delete', 'would-delete', `${reg.host}/app:v1`],
    ]);
    assert.match(String(run.lines[0]!['reason']), /script "spin" \(.*regbot\.yml:8\) timed out after 1s inside one library call/);
    assert.equal(run.lines[2]!['digest'], image.digest);
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/app`)).sort(), ['v1', 'v2', 'v3']);
  });

  it('in a real run deletes the tag and writes the export inside the files directory', async () => {
    const run = await prune();
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/app`)).sort(), ['v2', 'v3']);
    assert.ok(existsSync(join(tmp, 'v2.tar')));
    const deleted = run.lines.find((l) => l['op'] === 'tag-delete');
    assert.equal(deleted?.['status'], 'deleted');
  });
});
