// Timing child processes: wall time from spawn to exit, and the peak resident set of the process itself read from
// `/proc/<pid>/status` (VmHWM is the kernel's own high-water mark, so polling only has to catch it before exit).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  ms: number;
  /** Peak RSS in bytes, when asked for and readable. */
  peakRss?: number;
  stdout: string;
}

export interface TimedOptions {
  env?: NodeJS.ProcessEnv;
  trackRss?: boolean;
}

const RSS_POLL_MS = 10;

function vmHwm(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion; a non-zero exit is an error carrying the command's stderr. */
export function runTimed(command: string, args: readonly string[], opts: TimedOptions = {}): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    let peak: number | undefined;
    const poll = opts.trackRss && child.pid !== undefined ? setInterval(() => (peak = Math.max(peak ?? 0, vmHwm(child.pid!) ?? 0)), RSS_POLL_MS) : undefined;
    child.once('error', (e) => {
      if (poll) clearInterval(poll);
      reject(new Error(`cannot run ${command}: ${e.message}`));
    });
    child.once('close', (code, signal) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      if (code !== 0) {
        reject(
          new Error(
            `${command} ${args.slice(0, 3).join(' ')} … failed (${signal ?? `exit ${code}`}): ${Buffer.concat(err).toString('utf8').trim().slice(-2000)}`,
          ),
        );
        return;
      }
      resolve({ ms, stdout: Buffer.concat(out).toString('utf8'), ...(peak ? { peakRss: peak } : {}) });
    });
  });
}

/** Wall time of an async piece of work done in this process. */
export async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
