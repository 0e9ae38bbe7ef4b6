import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressReporter, TerminalProgress } from '../../src/report/progress.js';

const MiB = 1024 * 1024;

test('log progress prints at most once per interval per image, with bytes, rate and time left', () => {
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
  assert.deepEqual(lines, ['a: 50.0 MiB of 100.0 MiB (50%), 10.0 MiB/s, 5.0 s left, 2/4 blobs', 'a: 100.0 MiB of 100.0 MiB (100%), 25.0 MiB/s, 4/4 blobs']);
});

test('log progress moves with the bytes of one large blob, not only when a blob completes', () => {
  let now = 0;
  const lines: string[] = [];
  const report = createProgressReporter((_image, line) => lines.push(line), { intervalMs: 5000, now: () => now });
  // One 1 GiB layer at 40 MiB/s, reported every 250 ms as the copy engine's ticker does: a line every 5 s.
  for (let t = 0; t <= 26_000; t += 250) {
    now = t;
    const done = Math.min(Math.round((t / 1000) * 40 * MiB), 1024 * MiB);
    report({ image: 'big', bytesDone: done, bytesTotal: 1024 * MiB, blobsDone: done === 1024 * MiB ? 1 : 0, blobsTotal: 1 });
  }
  assert.deepEqual(
    lines.map((l) => l.replace(/ of .*/, '')),
    ['200.0 MiB', '400.0 MiB', '600.0 MiB', '800.0 MiB', '1000.0 MiB', '1.0 GiB'],
  );
  assert.match(lines[0]!, /40\.0 MiB\/s, 20\.6 s left, 0\/1 blobs$/);
});

/** A terminal: applies what the renderer writes (`\r`, erase line, cursor up) and shows the screen's lines. */
class FakeTerminal {
  readonly columns = 60;
  readonly isTTY = true;
  screen: string[] = [''];
  row = 0;
  writes = 0;

  write(chunk: string): boolean {
    this.writes++;
    const re = /\r|\n|\x1b\[2K|\x1b\[(\d+)A|[^\r\n\x1b]+/g;
    let col = this.screen[this.row]!.length;
    for (const m of chunk.matchAll(re)) {
      const tok = m[0];
      if (tok === '\r') col = 0;
      else if (tok === '\n') {
        this.row++;
        col = 0;
        if (this.screen.length <= this.row) this.screen.push('');
      } else if (tok === '\x1b[2K') this.screen[this.row] = '';
      else if (m[1] !== undefined) this.row = Math.max(0, this.row - Number(m[1]));
      else {
        const line = this.screen[this.row]!;
        this.screen[this.row] = line.slice(0, col) + tok + line.slice(col + tok.length);
        col += tok.length;
      }
    }
    return true;
  }

  get text(): string {
    return this.screen.join('\n');
  }
}

test('terminal progress: a line per image redrawn in place with bytes, rate and ETA; results print above it', () => {
  let now = 0;
  const term = new FakeTerminal();
  const bars = new TerminalProgress(term, { now: () => now, redrawMs: 100, quietMs: 500 });
  const image = 'registry.example/team/big-image-with-a-long-name:1.0';
  for (let t = 0; t <= 2000; t += 250) {
    now = t;
    bars.update({ image, bytesDone: (t / 1000) * 40 * MiB, bytesTotal: 1024 * MiB, blobsDone: 0, blobsTotal: 1 });
  }
  // Quick ones draw nothing: this one started at 1.9 s and is not yet 500 ms old.
  now = 1900;
  bars.update({ image: 'r/small:1', bytesDone: MiB, bytesTotal: 2 * MiB, blobsDone: 0, blobsTotal: 2 });
  now = 2000;
  bars.update({ image, bytesDone: 80 * MiB, bytesTotal: 1024 * MiB, blobsDone: 0, blobsTotal: 1 });
  assert.equal(term.screen.length, 1, term.text);
  assert.match(term.screen[0]!, /^…[\w./-]+:1\.0 {2}80\.0 MiB \/ 1\.0 GiB {2}7% {2}40\.0 MiB\/s {2}ETA 23\.6 s$/);
  assert.ok(term.screen[0]!.length < term.columns, 'never wraps');

  now = 2600;
  bars.update({ image: 'r/small:1', bytesDone: MiB, bytesTotal: 2 * MiB, blobsDone: 1, blobsTotal: 2 });
  assert.equal(term.screen.length, 2);
  assert.match(term.screen[1]!, /^r\/small:1 {2}1\.0 MiB \/ 2\.0 MiB {2}50%/);

  // A result line on the same terminal lands above the bars, which are drawn again below it.
  bars.done('r/small:1');
  bars.around(() => term.write('copied        r/small:1 → s/small:1\n'));
  assert.equal(term.screen[0], 'copied        r/small:1 → s/small:1');
  assert.match(term.screen[1]!, /80\.0 MiB \/ 1\.0 GiB/);
  assert.equal(term.screen.length, 2, term.text);

  bars.close();
  assert.deepEqual(term.screen, ['copied        r/small:1 → s/small:1', '']);
});

test('terminal progress redraws at most every redrawMs, whatever the number of events', () => {
  let now = 0;
  const term = new FakeTerminal();
  const bars = new TerminalProgress(term, { now: () => now, redrawMs: 100, quietMs: 0 });
  for (let i = 0; i < 1000; i++) {
    now = i; // 1000 events in one second
    bars.update({ image: 'a', bytesDone: i * 1000, bytesTotal: 10 ** 7, blobsDone: 0, blobsTotal: 1 });
  }
  assert.ok(term.writes <= 2 * 10 + 2, `${term.writes} writes`);
});
