// Last-resort cleanup: children and temp dirs the harness started are removed when the test process ends, even when a
// test crashed before calling stop(). Only synchronous work runs in an 'exit' listener, so children get SIGKILL there.
import { type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();
let hooked = false;

function cleanupNow(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

function hookProcessEnd(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', cleanupNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanupNow();
      // A listener replaces the default action, so the signal's usual exit status is restored by hand.
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
}

export function trackChild(child: ChildProcess): void {
  hookProcessEnd();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Stops a child: SIGTERM, then SIGKILL when it has not exited within graceMs. Resolves once it is gone. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

export async function makeTempDir(prefix: string): Promise<string> {
  hookProcessEnd();
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  dirs.delete(dir);
}
