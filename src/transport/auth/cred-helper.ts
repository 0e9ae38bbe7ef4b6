// Docker credential helpers (`docker-credential-<name> get`, server URL on stdin, JSON on stdout), the protocol of
// github.com/docker/docker-credential-helpers.
import { ConfigError } from '../../errors.js';
import { ANONYMOUS, type Credential } from './credential.js';

/** Helpers answer this user name when the secret is an identity token rather than a password. */
const IDENTITY_TOKEN_USER = '<token>';
const HELPER_TIMEOUT_MS = 30_000;

export async function runCredentialHelper(helper: string, serverUrl: string): Promise<Credential> {
  const program = `docker-credential-${helper}`;
  // Loaded here, not with the module: start-up is part of every CLI call, and few hosts name a helper.
  const { spawn } = await import('node:child_process');
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: HELPER_TIMEOUT_MS });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new ConfigError(
          e.code === 'ENOENT'
            ? `credential helper ${program} is not on PATH; install it or remove it from the docker config`
            : `credential helper ${program} failed to start: ${e.message}`,
        ),
      ),
    );
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
    child.stdin.on('error', () => {});
    child.stdin.end(serverUrl);
  });
  if (code !== 0) {
    // The helpers' own wording for "no entry": not an error, just nobody logged in there.
    if (/credentials not found/i.test(stdout + stderr)) return ANONYMOUS;
    throw new ConfigError(`credential helper ${program} exited with ${code} for ${serverUrl}: ${(stderr || stdout).trim().slice(0, 200)}`);
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    throw new ConfigError(`credential helper ${program} printed something that is not JSON for ${serverUrl}`);
  }
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
  if (secret === '') return ANONYMOUS;
  if (username === IDENTITY_TOKEN_USER) return { kind: 'token', token: secret };
  return { kind: 'basic', username, password: secret };
}
