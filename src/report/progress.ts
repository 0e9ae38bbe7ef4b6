// Progress of long copies: a line per image at most every few seconds with bytes done and the rate, so a CI log
// shows that a large mirror is moving without one line per blob.
import type { CopyProgress } from './result.js';
import { formatBytes } from './units.js';

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

function describe(p: CopyProgress, bytesPerSecond: number): string {
  const pct = p.bytesTotal > 0 ? ` (${Math.floor((p.bytesDone / p.bytesTotal) * 100)}%)` : '';
  return `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}${pct}, ${formatBytes(Math.round(bytesPerSecond))}/s, ${p.blobsDone}/${p.blobsTotal} blobs`;
}

/**
 * Returns the `onProgress` callback for the copy engine. Quick copies print nothing; an image that already
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
    const complete = p.blobsDone >= p.blobsTotal && p.bytesDone >= p.bytesTotal;
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
