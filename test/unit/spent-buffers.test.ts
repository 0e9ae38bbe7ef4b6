import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const MODULE = new URL('../../src/spent-buffers.js', import.meta.url).href;
const RUNTIME = new URL('../../src/runtime.js', import.meta.url).href;

/**
 * Bytes of spent chunks still held after `streamed` bytes are reported. In a process of its own, so that nothing else
 * (the test runner among them) sets off a collection of its own.
 */
function heldAfter(streamed: number): number {
  const script = `
    import { collectEvery } from ${JSON.stringify(MODULE)};
    import { tuneRuntime } from ${JSON.stringify(RUNTIME)};
    // As main.ts does: the tuning once, its collection handed to what counts the spent bytes.
    const { collectYoung } = tuneRuntime();
    const spent = collectEvery(collectYoung);
    const before = process.memoryUsage().arrayBuffers;
    // Chunks as a socket hands them over: fresh memory outside the heap, dropped as soon as they are passed on.
    for (let i = 0; i < 320; i++) Buffer.allocUnsafeSlow(64 * 1024).fill(i);
    spent.spent(${streamed});
    // V8 returns the memory of collected buffers from a background thread, just after the collection.
    await new Promise((r) => setTimeout(r, 50));
    console.log(process.memoryUsage().arrayBuffers - before);
  `;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

test('past a few MiB streamed, the spent chunks are freed at once instead of piling up to 64 MiB', () => {
  const MiB = 1024 * 1024;
  assert.ok(heldAfter(1024) >= 16 * MiB, 'below the threshold the 20 MiB of spent chunks are still held');
  assert.ok(heldAfter(9 * MiB) < 4 * MiB, 'past the threshold they are freed');
});
