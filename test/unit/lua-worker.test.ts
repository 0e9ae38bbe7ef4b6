// Scripts run in a worker thread with a heap cap and a wall-clock kill: each runaway case ends with an error naming
// the script and its line in the config file, within a bound of time and memory, and the next script still runs
// (each case is measured in a process of its own: lua-runaway-child.ts). Writes are planned in dry-run, and files
// stay in the directory scripts may use.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { loadBotConfig } from '../../src/prune/config/load.js';
import { journalToResults } from '../../src/prune/lua/journal.js';
import { runScript } from '../../src/prune/lua/run.js';
import { runPrune } from '../../src/prune/run.js';
import type { RunScriptOptions } from '../../src/prune/types.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';

const run = promisify(execFile);
const CHILD = new URL('./lua-runaway-child.js', import.meta.url).pathname;

interface Measured {
  error: string;
  ms: number;
  next: string[];
  maxRssMiB: number;
}

/** The script on line 9 onward of a regbot.yml (its entry on line 7, `script: |` content from line 9). */
async function measure(source: string, timeoutMs: number): Promise<Measured> {
  const { stdout } = await run(process.execPath, [CHILD, source, String(timeoutMs)], { timeout: 120_000, maxBuffer: 1024 * 1024 });
  const m = JSON.parse(stdout) as Measured;
  console.log(`# ${JSON.stringify(source)}: ${m.ms} ms, peak RSS ${m.maxRssMiB} MiB: ${m.error}`);
  assert.deepEqual(m.next, ['next script ran'], 'the next script runs');
  return m;
}

const HOUR = 3_600_000;

describe('runaway scripts', () => {
  it('a backtracking pattern ends at the timeout, from outside, though the hook never fires', async () => {
    const m = await measure('string.find(string.rep("a",5000), ".-.-.-.-b")', 2000);
    assert.match(m.error, /^script "runaway" \(regbot\.yml:7\) timed out after 2s inside one library call; raise its timeout/);
    assert.ok(m.ms < 5000, `${m.ms} ms`);
    assert.ok(m.maxRssMiB < 300, `${m.maxRssMiB} MiB`);
  });

  it('string.rep("", 2^31-1) ends at the timeout', async () => {
    const m = await measure('local n = 2^31-1\nlocal s = string.rep("", n)', 2000);
    assert.match(m.error, /script "runaway" \(regbot\.yml:\d+\) timed out after 2s inside one library call/);
    assert.ok(m.ms < 5000, `${m.ms} ms`);
    assert.ok(m.maxRssMiB < 300, `${m.maxRssMiB} MiB`);
  });

  it('an endless loop ends at the timeout with its line', async () => {
    const m = await measure('local i = 0\nwhile true do i = i + 1 end', 2000);
    assert.match(m.error, /^runaway:2: script "runaway" \(regbot\.yml:10\) timed out after 2s; raise its timeout/);
    assert.ok(m.ms < 5000, `${m.ms} ms`);
  });

  it('s = s .. s ends at the memory limit long before its hour-long timeout', async () => {
    const m = await measure('local s = "x"\nwhile true do s = s .. s end', HOUR);
    assert.match(m.error, /^runaway:2: script "runaway" \(regbot\.yml:10\) stopped: .* over this script's memory limit of 268435456 bytes/);
    assert.ok(m.ms < 10_000, `${m.ms} ms`);
    assert.ok(m.maxRssMiB < 1024, `${m.maxRssMiB} MiB`);
  });

  it('table growth ends at the heap cap without taking the process down', async () => {
    const m = await measure('local t, i = {}, 0\nwhile true do i = i + 1; t[i] = {i} end', HOUR);
    assert.match(m.error, /script "runaway" \(regbot\.yml:\d+\) stopped: it used more than its memory limit of 256 MiB \(defaults\.scriptMemory/);
    assert.ok(m.ms < 45_000, `${m.ms} ms`);
    assert.ok(m.maxRssMiB < 1024, `${m.maxRssMiB} MiB`);
  });

  it('a table of big strings ends at the memory limit', async () => {
    const m = await measure('local t = {}\nfor i = 1, 1e6 do t[i] = string.rep("x", 1e6 + i) end', HOUR);
    assert.match(m.error, /^runaway:2: script "runaway" \(regbot\.yml:10\) stopped: its strings hold \d+ bytes/);
    assert.ok(m.ms < 45_000, `${m.ms} ms`);
    assert.ok(m.maxRssMiB < 1024, `${m.maxRssMiB} MiB`);
  });
});

describe('a prune run goes on past a runaway script', () => {
  it('names the script and its config line, then runs the next', async () => {
    const text = [
      'version: 1',
      'scripts:',
      '  - name: spin',
      '    timeout: 1s',
      '    script: |',
      '      log("start")',
      '      while true do end',
      '  - name: after',
      '    script: |',
      '      log("after ran")',
      '',
    ].join('\n');
    const config = loadBotConfig({ text, name: 'regbot.yml' });
    const stores = new StoreSet({ hosts: [], logger: silentLogger, useDockerConfig: false });
    const started = Date.now();
    const report = await runPrune({ stores, logger: silentLogger, copy: () => Promise.reject(new Error('no copy')) }, config, { dryRun: true });
    await stores.close();
    assert.ok(Date.now() - started < 5000);
    const failed = report.results.filter((r) => r.status === 'failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.reason!, /^spin:2: script "spin" \(regbot\.yml:7\) timed out after 1s/);
    assert.equal(report.plan.units[1]!.error, undefined);
  });
});

describe('defaults.scriptMemory', () => {
  it('sets the heap cap of each script, and is checked at load', async () => {
    const text = [
      'version: 1',
      'defaults:',
      '  scriptMemory: 64',
      'scripts:',
      '  - name: grow',
      '    script: |',
      '      local t, i = {}, 0',
      '      while true do i = i + 1; t[i] = {i} end',
      '',
    ].join('\n');
    const config = loadBotConfig({ text, name: 'regbot.yml' });
    assert.equal(config.defaults.scriptMemoryMiB, 64);
    const stores = new StoreSet({ hosts: [], logger: silentLogger, useDockerConfig: false });
    const started = Date.now();
    const report = await runPrune({ stores, logger: silentLogger, copy: () => Promise.reject(new Error('no copy')) }, config, { dryRun: true });
    await stores.close();
    assert.ok(Date.now() - started < 20_000);
    assert.match(report.results[0]!.reason!, /^grow:2: script "grow" \(regbot\.yml:8\) stopped: it used more than its memory limit of 64 MiB/);
    assert.throws(() => loadBotConfig({ text: text.replace('64', '8'), name: 'regbot.yml' }), /defaults\.scriptMemory/);
  });
});

describe('files and dry-run', () => {
  let tmp: string;
  let files: string;
  let outside: string;
  let stores: StoreSet;
  let ref: string;

  const exec = (source: string, extra: Partial<RunScriptOptions> = {}) =>
    runScript({
      name: 'files',
      source,
      stores,
      logger: silentLogger,
      dryRun: false,
      timeoutMs: 10_000,
      filesDir: files,
      copy: (s, d, o) => copyImage({ stores, logger: silentLogger }, s, d, o),
      platform: { os: 'linux', architecture: 'amd64' },
      ...extra,
    });

  before(async () => {
    tmp = await makeTempDir('regkit-lua-worker-');
    files = join(tmp, 'work');
    outside = join(tmp, 'elsewhere');
    await mkdir(files);
    await mkdir(outside);
    await makeImageLayout(join(files, 'layout'), { tag: 'v1' });
    await symlink(outside, join(files, 'escape'));
    ref = `ocidir://${join(files, 'layout')}`;
    stores = new StoreSet({ hosts: [], logger: silentLogger, useDockerConfig: false });
  });
  after(async () => {
    await stores.close();
    await removeTempDir(tmp);
  });

  it('a registry call from the worker returns data', async () => {
    const r = await exec(`log(table.concat(tag.ls("${ref}"), ","))\nlog(manifest.head("${ref}:v1").digest)`);
    assert.equal(r.error, undefined);
    assert.equal(r.logs[0]!.message, 'v1');
    assert.match(r.logs[1]!.message, /^sha256:[0-9a-f]{64}$/);
  });

  it('in dry-run image.exportTar writes no file and is reported as planned', async () => {
    const target = join(files, 'planned.tar');
    const r = await exec(`image.exportTar("${ref}:v1", "planned.tar")`, { dryRun: true });
    assert.equal(r.error, undefined);
    assert.equal(existsSync(target), false);
    assert.deepEqual(
      r.journal.map((e) => [e.op, e.executed]),
      [['image.exportTar', false]],
    );
    assert.deepEqual(
      journalToResults('files', r.journal).map((x) => [x.op, x.status]),
      [['export', 'would-copy']],
    );
  });

  it('in a real run image.exportTar writes inside the directory', async () => {
    const r = await exec(`image.exportTar("${ref}:v1", "out/../made.tar")`);
    assert.equal(r.error, undefined);
    assert.ok(existsSync(join(files, 'made.tar')));
    assert.equal(r.journal[0]!.executed, true);
  });

  for (const [what, path] of [
    ['an absolute path elsewhere', () => join(outside, 'abs.tar')],
    ['a path climbing out with ..', () => '../elsewhere/up.tar'],
    ['a symlink leading out', () => 'escape/link.tar'],
  ] as const) {
    it(`image.exportTar to ${what} is refused in a real run`, async () => {
      const r = await exec(`image.exportTar("${ref}:v1", "${path()}")`);
      assert.match(r.error!, /^files:1: image\.exportTar ".*" failed: image\.exportTar: ".*" is outside .*work, the only directory scripts may use/);
      assert.equal(existsSync(join(outside, 'abs.tar')) || existsSync(join(outside, 'up.tar')) || existsSync(join(outside, 'link.tar')), false);
      assert.equal(r.journal[0]!.executed, false);
    });
  }

  it('image.importTar and ocidir:// references outside the directory are refused', async () => {
    const imp = await exec(`image.importTar("${ref}:x", "/etc/passwd")`);
    assert.match(imp.error!, /"\/etc\/passwd" is outside/);
    const copy = await exec(`image.copy("${ref}:v1", "ocidir://${join(outside, 'copied')}:v1")`);
    assert.match(copy.error!, /ocidir reference: ".*copied" is outside/);
    assert.equal(existsSync(join(outside, 'copied')), false);
  });
});
