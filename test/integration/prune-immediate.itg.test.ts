// A real `prune once` runs a regbot script once, and each write takes effect when the script makes it, as in regbot:
// a script that deletes a tag and then lists the repository no longer sees it, a copy is there for the next line,
// and every log line appears once. The guard still holds at each call: a protected tag stays (and is still listed),
// and a delete past `maxDeletes` fails at the script's line. A dry run keeps the plan and writes nothing.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { parseReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoListTags } from '../harness/skopeo.js';

const SCRIPT = `
local repo = "HOST/app"
local function listed()
  local tags = tag.ls(repo)
  table.sort(tags)
  return table.concat(tags, ",")
end
tag.delete(repo .. ":a")
log("after delete: " .. listed())
image.copy(repo .. ":b", repo .. ":c")
log("after copy: " .. listed())
tag.delete(repo .. ":keep")
log("after protected delete: " .. listed())
`;

describe('regbot scripts act as they run', () => {
  let reg: RunningRegistry;
  let tmp: string;
  let stores: StoreSet;

  async function prune(body: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = join(tmp, 'regbot.yml');
    await writeFile(file, `version: 1\ncreds:\n  - registry: ${reg.host}\n    tls: disabled\n${body}`);
    let stdout = '';
    let stderr = '';
    const code = await runCli(['prune', 'once', '-c', file, ...argv], {
      stdout: { write: (c) => (stdout += String(c)) },
      stderr: { write: (c) => (stderr += c) },
    });
    return { code, stdout, stderr };
  }

  const scriptConfig = (defaults: string, script = SCRIPT) =>
    `${defaults}scripts:\n  - name: act\n    script: |\n${script
      .replaceAll('HOST', reg.host)
      .split('\n')
      .map((l) => `      ${l}`)
      .join('\n')}\n`;

  const count = (text: string, needle: string) => text.split(needle).length - 1;

  before(async () => {
    reg = await startRegistry();
    tmp = await makeTempDir('regkit-prune-immediate-');
    stores = new StoreSet({ hosts: [{ registry: reg.host, tls: 'disabled' }], logger: silentLogger, useDockerConfig: false });
    await makeImageLayout(join(tmp, 'img'), { tag: 'src', seed: 'immediate' });
  });

  beforeEach(async () => {
    for (const t of await skopeoListTags(`docker://${reg.host}/app`).catch(() => [])) {
      await stores.storeFor(parseReference(`${reg.host}/app:${t}`)).deleteTag(parseReference(`${reg.host}/app:${t}`));
    }
    for (const t of ['a', 'b', 'keep'])
      await copyImage({ stores, logger: silentLogger }, parseReference(`ocidir://${join(tmp, 'img')}:src`), parseReference(`${reg.host}/app:${t}`));
  });

  after(async () => {
    await stores?.close();
    await reg?.stop();
    if (tmp) await removeTempDir(tmp);
  });

  it('a real run: the script sees its own delete and copy, logs each line once, and the protected tag stays', async () => {
    const run = await prune(scriptConfig(`defaults:\n  protect: ['keep']\n`));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(count(run.stderr, 'after delete: b,keep'), 1, run.stderr);
    assert.equal(count(run.stderr, 'after copy: b,c,keep'), 1, run.stderr);
    assert.equal(count(run.stderr, 'after protected delete: b,c,keep'), 1, run.stderr);
    assert.equal(count(run.stderr, 'after '), 3, run.stderr);
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/app`)).sort(), ['b', 'c', 'keep']);
    assert.match(run.stdout, /excluded\s.*app:keep.*protected by defaults\.protect "keep"/);
  });

  it('a real run: a delete past maxDeletes fails at its line and the script stops there', async () => {
    const run = await prune(scriptConfig(`defaults:\n  maxDeletes: 0\n`));
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      /act:8: script "act" \(.*regbot\.yml:\d+\) failed: tag\.delete ".*app:a" failed: not deleting .*app:a: this run already made 0 deletes, the limit set by defaults\.maxDeletes \(0\)/,
    );
    assert.equal(count(run.stderr, 'after '), 0, run.stderr);
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/app`)).sort(), ['a', 'b', 'keep']);
  });

  it('repo.ls and tag.ls with {limit=1} return one name from a registry that pages', async () => {
    const listing = `
local all = repo.ls("HOST")
log("repos " .. #repo.ls("HOST", {limit=1}) .. "/" .. #all)
log("tags " .. #tag.ls("HOST/app", {limit=1}) .. "/" .. #tag.ls("HOST/app"))
log("after " .. table.concat(repo.ls("HOST", {limit=1, last=all[1]}), ","))
`;
    await copyImage({ stores, logger: silentLogger }, parseReference(`ocidir://${join(tmp, 'img')}:src`), parseReference(`${reg.host}/other:x`));
    const run = await prune(scriptConfig('', listing), '--dry-run');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(count(run.stderr, 'repos 1/2'), 1, run.stderr);
    assert.equal(count(run.stderr, 'tags 1/3'), 1, run.stderr);
    assert.equal(count(run.stderr, 'after other'), 1, run.stderr);
  });

  it('a dry run keeps the plan: nothing changes, the script still lists what it would delete', async () => {
    const run = await prune(scriptConfig(''), '--dry-run');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(count(run.stderr, 'after delete: a,b,keep'), 1, run.stderr);
    assert.deepEqual((await skopeoListTags(`docker://${reg.host}/app`)).sort(), ['a', 'b', 'keep']);
  });
});
