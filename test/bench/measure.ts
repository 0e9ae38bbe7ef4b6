// Timing child processes: wall time from spawn to exit, and the CPU time (user + sys) and peak resident set the kernel
// accounted to the command and everything it waited for, as GNU time reads them from wait4's rusage at exit (exact,
// unlike polling /proc, and it covers every process of a pipeline).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  ms: number;
  /** User + system CPU time of the command and its children, in milliseconds. */
  cpuMs: number;
  /** Peak RSS in bytes of the largest process of the command. */
  peakRss: number;
  stdout: string;
}

export interface TimedOptions {
  env?: NodeJS.ProcessEnv;
}

const GNU_TIME = '/usr/bin/time';

function parseRusage(path: string): { cpuMs: number; peakRss: number } {
  // GNU time writes "Command exited with non-zero status N" before the format line on failure: the format is last.
  const last = readFileSync(path, 'utf8').trim().split('\n').pop() ?? '';
  const m = /^(\d+\.\d+) (\d+\.\d+) (\d+)$/.exec(last);
  if (!m) throw new Error(`cannot read ${GNU_TIME}'s figures: ${JSON.stringify(last)}`);
  return { cpuMs: (Number(m[1]) + Number(m[2])) * 1000, peakRss: Number(m[3]) * 1024 };
}

/** Runs a command to completion under GNU time; a non-zero exit is an error carrying the command's stderr. */
export function runTimed(command: string, args: readonly string[], opts: TimedOptions = {}): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'regkit-bench-time-'));
  const rusage = join(dir, 'rusage');
  return new Promise<TimedRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(GNU_TIME, ['-f', '%U %S %M', '-o', rusage, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', (e) => reject(new Error(`cannot run ${GNU_TIME} ${command}: ${e.message}`)));
    child.once('close', (code, signal) => {
      const ms = performance.now() - started;
      if (code !== 0) {
        reject(
          new Error(
            `${command} ${args.slice(0, 3).join(' ')} … failed (${signal ?? `exit ${code}`}): ${Buffer.concat(err).toString('utf8').trim().slice(-2000)}`,
          ),
        );
        return;
      }
      try {
        resolve({ ms, stdout: Buffer.concat(out).toString('utf8'), ...parseRusage(rusage) });
      } catch (e) {
        reject(e as Error);
      }
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
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

/** CPU time (user + sys) a running process has used so far, from /proc (Linux; the clock ticks are 100 a second). */
export function processCpuMs(pid: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
