import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressReporter } from '../../src/report/progress.js';

const MiB = 1024 * 1024;

test('progress prints at most once per interval per image, with bytes and rate', () => {
  let now = 0;
  const lines: string[] = [];
  const report = createProgressReporter((image, line) => lines.push(`${image}: ${line}`), { intervalMs: 5000, now: () => now });
  report({ image: 'a', bytesDone: 0, bytesTotal: 100 * MiB, blobsDone: 0, blobsTotal: 4 });
  now = 1000;
  report({ image: 'a', bytesDone: 10 * MiB, bytesTotal: 100 * MiB, blobsDone: 0, blobsTotal: 4 });
  report({ image: 'b', bytesDone: 1, bytesTotal: 1, blobsDone: 1, blobsTotal: 1 });
  now = 5000;
  report({ image: 'a', bytesDone: 50 * MiB, bytesTotal: 100 * MiB, blobsDone: 2, blobsTotal: 4 });
  now = 6000;
  report({ image: 'a', bytesDone: 60 * MiB, bytesTotal: 100 * MiB, blobsDone: 2, blobsTotal: 4 });
  now = 7000;
  report({ image: 'a', bytesDone: 100 * MiB, bytesTotal: 100 * MiB, blobsDone: 4, blobsTotal: 4 });
  report({ image: 'a', bytesDone: 100 * MiB, bytesTotal: 100 * MiB, blobsDone: 4, blobsTotal: 4 });
  assert.deepEqual(lines, ['a: 50.0 MiB of 100.0 MiB (50%), 10.0 MiB/s, 2/4 blobs', 'a: 100.0 MiB of 100.0 MiB (100%), 25.0 MiB/s, 4/4 blobs']);
});
