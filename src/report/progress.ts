// Progress of long copies, from the byte counts the copy engine reports while blobs stream. Two renderings: in a log
// (CI, a pipe) a plain line per image at most every few seconds; on a terminal one line per image, redrawn in place,
// with bytes, rate and time left.
import type { CopyProgress } from './result.js';
import { formatBytes, formatDuration } from './units.js';

export interface ProgressOptions {
  /** Least time between two lines for one image. */
  intervalMs?: number;
  now?: () => number;
}

interface ImageState {
  lastAt: number;
  lastBytes: number;
  emitted: boolean;
  finished: boolean;
}

export const DEFAULT_PROGRESS_INTERVAL_MS = 5000;

function isComplete(p: CopyProgress): boolean {
  return p.blobsDone >= p.blobsTotal && p.bytesDone >= p.bytesTotal;
}

/** Time left at this rate, or nothing when the rate says nothing yet. */
function etaText(p: CopyProgress, bytesPerSecond: number): string | undefined {
  if (bytesPerSecond <= 0 || p.bytesDone >= p.bytesTotal) return undefined;
  return formatDuration(((p.bytesTotal - p.bytesDone) / bytesPerSecond) * 1000);
}

function percentText(p: CopyProgress): string {
  return p.bytesTotal > 0 ? `${Math.floor((Math.min(p.bytesDone, p.bytesTotal) / p.bytesTotal) * 100)}%` : '';
}

function describe(p: CopyProgress, bytesPerSecond: number): string {
  const pct = p.bytesTotal > 0 ? ` (${percentText(p)})` : '';
  const eta = isComplete(p) ? undefined : etaText(p, bytesPerSecond);
  return `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}${pct}, ${formatBytes(Math.round(bytesPerSecond))}/s${eta ? `, ${eta} left` : ''}, ${p.blobsDone}/${p.blobsTotal} blobs`;
}

/**
 * Returns the `onProgress` callback for the copy engine, for logs. Quick copies print nothing; an image that already
 * printed a line gets a last one when it completes.
 */
export function createProgressReporter(emit: (image: string, line: string) => void, opts: ProgressOptions = {}): (p: CopyProgress) => void {
  const interval = opts.intervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const now = opts.now ?? Date.now;
  const images = new Map<string, ImageState>();
  return (p) => {
    const t = now();
    let state = images.get(p.image);
    if (!state) {
      state = { lastAt: t, lastBytes: 0, emitted: false, finished: false };
      images.set(p.image, state);
    }
    if (state.finished) return;
    const complete = isComplete(p);
    const due = t - state.lastAt >= interval;
    if (!(due || (complete && state.emitted))) return;
    const elapsed = Math.max(t - state.lastAt, 1);
    emit(p.image, describe(p, ((p.bytesDone - state.lastBytes) * 1000) / elapsed));
    state.lastAt = t;
    state.lastBytes = p.bytesDone;
    state.emitted = true;
    state.finished = complete;
  };
}

/** What the terminal renderer writes to: stderr, or a fake one in tests. */
export interface TerminalStream {
  write(chunk: string): unknown;
  /** Width in characters; lines are cut to it so a redraw never wraps. Default 80. */
  columns?: number;
}

export interface TerminalProgressOptions {
  now?: () => number;
  /** Least time between two redraws. */
  redrawMs?: number;
  /** Time after an image's first bytes before its line appears, so quick copies draw nothing. */
  quietMs?: number;
}

interface Bar {
  progress: CopyProgress;
  firstAt: number;
  sampleAt: number;
  sampleBytes: number;
  /** Smoothed bytes per second, so one slow chunk does not make the ETA jump. */
  rate: number;
}

const ERASE_LINE = '\r\x1b[2K';
const UP = (n: number) => `\x1b[${n}A`;
/** Weight of the newest rate sample. */
const RATE_SMOOTHING = 0.3;

/**
 * Live progress on a terminal: one line per image still copying, redrawn in place. Anything else written to the same
 * terminal (a result line on stdout, a log line) goes through `around`, which lifts the lines off first and draws them
 * again after.
 */
export class TerminalProgress {
  private readonly bars = new Map<string, Bar>();
  private drawn = 0;
  private lastDraw = -Infinity;
  private readonly now: () => number;
  private readonly redrawMs: number;
  private readonly quietMs: number;

  constructor(
    private readonly out: TerminalStream,
    opts: TerminalProgressOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.redrawMs = opts.redrawMs ?? 100;
    this.quietMs = opts.quietMs ?? 500;
  }

  /** The copy engine's `onProgress`. */
  readonly update = (p: CopyProgress): void => {
    const t = this.now();
    const bar = this.bars.get(p.image);
    if (!bar) {
      this.bars.set(p.image, { progress: p, firstAt: t, sampleAt: t, sampleBytes: p.bytesDone, rate: 0 });
    } else {
      const dt = t - bar.sampleAt;
      if (dt > 0) {
        const sample = ((p.bytesDone - bar.sampleBytes) * 1000) / dt;
        bar.rate = bar.rate === 0 ? sample : bar.rate * (1 - RATE_SMOOTHING) + sample * RATE_SMOOTHING;
        bar.sampleAt = t;
        bar.sampleBytes = p.bytesDone;
      }
      bar.progress = p;
    }
    if (t - this.lastDraw >= this.redrawMs) this.draw();
  };

  /** An image's result is out: its line goes. */
  done(image: string): void {
    if (this.bars.delete(image)) this.around(() => undefined);
  }

  /** Runs `write` (which prints to the same terminal) with the progress lines lifted off, then draws them again. */
  around(write: () => void): void {
    this.erase();
    write();
    this.draw();
  }

  /** Leaves the terminal as it was before the first line. */
  close(): void {
    this.erase();
    this.bars.clear();
  }

  private visible(): Bar[] {
    const t = this.now();
    return [...this.bars.values()].filter((b) => t - b.firstAt >= this.quietMs && !isComplete(b.progress));
  }

  private erase(): void {
    if (this.drawn === 0) return;
    this.out.write(`${ERASE_LINE}${`${UP(1)}${ERASE_LINE}`.repeat(this.drawn - 1)}`);
    this.drawn = 0;
  }

  private draw(): void {
    this.lastDraw = this.now();
    // A pty that never had its size set reports 0 columns.
    const lines = this.visible().map((b) => barLine(b, this.out.columns || 80));
    if (lines.length === 0 && this.drawn === 0) return;
    this.erase();
    this.out.write(lines.join('\n'));
    this.drawn = lines.length;
  }
}

/** `IMAGE  123.4 MiB / 1.0 GiB  12%  40.0 MiB/s  ETA 21.5 s`, the image name shortened from the left to fit. */
function barLine(b: Bar, columns: number): string {
  const p = b.progress;
  const eta = etaText(p, b.rate);
  const stats = [
    `${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}`,
    percentText(p),
    `${formatBytes(Math.round(b.rate))}/s`,
    eta ? `ETA ${eta}` : 'ETA -',
  ]
    .filter((s) => s !== '')
    .join('  ');
  const room = Math.max(columns - 1 - stats.length - 2, 8);
  const name = p.image.length <= room ? p.image : `…${p.image.slice(p.image.length - room + 1)}`;
  return `${name}  ${stats}`.slice(0, Math.max(columns - 1, 1));
}
