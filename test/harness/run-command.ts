// Runs a command to completion and fails with its stderr, with every secret the caller names blotted out.
import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Strings (passwords, tokens) that must never appear in an error message. */
  secrets?: string[];
  /** Written to the command's stdin, which is then closed. */
  input?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

export function runCommand(command: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const shown = redact([command, ...args].join(' '), opts.secrets);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (e) => reject(new Error(`cannot run \`${shown}\`: ${redact(e.message, opts.secrets)}`)));
    child.once('close', (code, signal) => {
      const stderr = redact(Buffer.concat(err).toString('utf8'), opts.secrets).trim();
      if (code === 0) resolve({ stdout: Buffer.concat(out), stderr });
      else reject(new Error(`\`${shown}\` failed (${signal ?? `exit ${code}`}): ${stderr || '(no stderr)'}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}
