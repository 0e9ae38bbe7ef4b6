// Progress as a user sees it while one large layer streams: on a terminal (the CLI under `script`, so stderr is a
// pty) a line redrawn in place with bytes, rate and ETA before the blob completes; in a log (stderr a pipe) a plain
// line every 5 s. The source's proxy sends half the layer, then holds the rest back, as a slow link would.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir, removeTempDir, trackChild } from '../harness/cleanup.js';
import type { FixtureImage } from '../harness/fixtures.js';
import { startProxy, type RunningProxy } from '../harness/proxy.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { hostFlags, runRegkit, seedImage } from './copy-setup.js';

const MiB = 1024 * 1024;
const MAIN = join(process.cwd(), 'build/src/main.js');

/** The shell word for `s`, for the command line `script` hands to `sh -c`. */
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI with a pty for stdin, stdout and stderr (`script`), returning everything the terminal received. */
function runOnTerminal(args: string[], env: Record<string, string>): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, MAIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, ...env, GITHUB_ACTIONS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    trackChild(child);
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, screen: Buffer.concat(out).toString('utf8') }));
  });
}

describe('copy progress driven by bytes', () => {
  let src: RunningRegistry;
  let dst: RunningRegistry;
  let proxy: RunningProxy;
  let work: string;
  let image: FixtureImage;
  let stallMs = 0;

  before(async () => {
    work = await makeTempDir('regkit-progress-');
    [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
    image = await seedImage(src, join(work, 'layout'), ['upstream/big:v1'], { tag: 'v1', layers: 1, layerSize: 8 * MiB, seed: 'progress' });
    await seedImage(src, join(work, 'small'), ['upstream/small:v1'], { tag: 'v1', layers: 1, layerSize: 1024, seed: 'progress-small' });
    const layer = image.manifests[0]!.layers[0]!.digest;
    const isLayer = (req: IncomingMessage) => req.method === 'GET' && (req.url ?? '').endsWith(`/blobs/${layer}`);
    proxy = await startProxy(src.host, { faults: (req) => (isLayer(req) && stallMs > 0 ? { stallMs } : undefined) });
  });
  after(async () => {
    await proxy?.stop();
    await Promise.all([src?.stop(), dst?.stop()]);
    await removeTempDir(work);
  });

  test('on a terminal: a redrawn line with bytes, rate and ETA while the layer is half there, then the result', async () => {
    stallMs = 2500;
    const run = await runOnTerminal(['copy', ...hostFlags(proxy, dst), `${proxy.host}/upstream/big:v1`, `${dst.host}/mirror/tty:v1`], {
      DOCKER_CONFIG: join(work, 'none'),
    });
    assert.equal(run.code, 0, run.screen);
    // The bar: half the layer, its percentage, a rate and an ETA, drawn before the blob completed.
    assert.match(run.screen, /upstream\/big:v1|mirror\/tty:v1/);
    assert.match(run.screen, /mirror\/tty:v1 {2}4\.0 MiB \/ 8\.0 MiB {2}50% {2}[\d.]+ (B|KiB|MiB)\/s {2}ETA /);
    // Redrawn in place: each redraw starts by erasing the line, and no bar is left on screen before the result.
    const redraws = run.screen.split('\r\x1b[2K').length - 1;
    assert.ok(redraws >= 3, `${redraws} redraws`);
    assert.match(
      run.screen,
      /\r\x1b\[2K(\x1b\[1A\r\x1b\[2K)*copied {8}\S+\/upstream\/big:v1 → \S+\/mirror\/tty:v1 {2}sha256:[0-9a-f]{12} {2}8\.0 MiB {2}[\d.]+ s\r?\n/,
    );
  });

  test('in a log: a plain line every 5 s while the layer is half there, then one at 100 %', async () => {
    stallMs = 6000;
    const run = await runRegkit(['copy', ...hostFlags(proxy, dst), `${proxy.host}/upstream/big:v1`, `${dst.host}/mirror/log:v1`], join(work, 'none'));
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /\x1b\[/, 'no terminal sequences in a log');
    const lines = run.stderr.split('\n').filter((l) => l.includes('mirror/log:v1:'));
    assert.match(lines[0] ?? '', /^info: \S+\/mirror\/log:v1: 4\.0 MiB of 8\.0 MiB \(50%\), [\d.]+ (B|KiB|MiB)\/s, .*1\/2 blobs$/);
    assert.match(lines.at(-1) ?? '', /8\.0 MiB of 8\.0 MiB \(100%\), .*2\/2 blobs$/);
    assert.match(run.stdout, /^copied {8}\S+ → \S+\/mirror\/log:v1 {2}sha256:[0-9a-f]{12} {2}8\.0 MiB {2}[\d.]+ s\n$/);
  });

  test('sync once killed by a timeout has already written the results it finished', async () => {
    stallMs = 8000;
    const config = join(work, 'killed.yml');
    const step = (repo: string) => `  - source: ${proxy.host}/upstream/${repo}:v1\n    target: ${dst.host}/killed/${repo}:v1\n    type: image\n`;
    await writeFile(config, `version: 1\ndefaults:\n  parallel: 2\nsync:\n${step('big')}${step('small')}`);
    const child = spawn(process.execPath, [MAIN, 'sync', '-c', config, 'once', '--format', 'json', ...hostFlags(proxy, dst)], {
      env: { ...process.env, GITHUB_ACTIONS: '', DOCKER_CONFIG: join(work, 'none') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackChild(child);
    let stdout = '';
    const firstLine = new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        if (stdout.includes('\n')) resolve();
      });
    });
    await firstLine;
    // The small image is done while the big one is still held halfway: the job's timeout strikes now.
    child.kill('SIGTERM');
    await once(child, 'close');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; target: string; durationMs: number });
    assert.deepEqual(
      lines.map((l) => `${l.status} ${l.target}`),
      [`copied ${dst.host}/killed/small:v1`],
    );
    assert.ok(lines[0]!.durationMs < 4000, `its own time: ${lines[0]!.durationMs} ms`);
  });
});
