// Real CNCF distribution registries (the `docker-registry` 2.8 binary) for integration tests, on 127.0.0.1.
//
// Usage: `const reg = await startRegistry({ auth: 'token' })` starts a registry (auth 'none', 'basic' with htpasswd,
// or 'token' with an in-process token server at `reg.token`) on a free port; seed it with
// `await skopeoCopy(\`oci:${fixtureDir}:v1\`, \`docker://${reg.host}/team/app:v1\`, { destCreds: reg.credentials })`
// after `makeImageLayout(fixtureDir, { platforms: ['linux/amd64', 'linux/arm64'] })`, point the code under test at
// `reg.host` with `reg.username`/`reg.password`, then assert on what the registry saw: `reg.requests()` lists every
// request as `{ method, path, status }` from the registry's own access log (complete as soon as the client has a
// response; `reg.clearRequests()` starts a new window), `reg.token?.requests()` the token grants. Put
// `startProxy(reg.host, { delayMs, pageSize })` in between for WAN latency or Docker Hub-style tag paging. Always
// `await reg.stop()` in an `after`/`finally`; children and temp dirs are also removed when the test process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { AccessLogFile, type AccessRecord } from './access-log.js';
import { makeTempDir, removeTempDir, stopChild, trackChild } from './cleanup.js';
import { runCommand } from './run-command.js';
import { startTokenServer, type RunningTokenServer } from './token-server.js';
import { ensureTools } from './tools.js';

export type { AccessRecord } from './access-log.js';
export type { RunningTokenServer, TokenRequest } from './token-server.js';

export type RegistryAuth = 'none' | 'basic' | 'token';

export interface StartRegistryOptions {
  auth?: RegistryAuth;
  /** Allow DELETE of manifests and blobs (distribution refuses them by default). Default true. */
  deleteEnabled?: boolean;
  /** Accounts for basic and token modes. Default `{ regkit: 'regkit-secret' }`. */
  users?: Record<string, string>;
  /** Token mode: anonymous token requests get pull access. Default false. */
  anonymousPull?: boolean;
  /** Token mode: token lifetime in seconds. Default 300. */
  tokenExpiresIn?: number;
  /** Maintenance read-only mode: pulls work, every push and delete is refused with 405. Default false. */
  readOnly?: boolean;
  /** Serve HTTPS with a self-signed certificate for 127.0.0.1 (its PEM at `caFile`). Default false: plain HTTP. */
  tls?: boolean;
}

export interface Credentials {
  username: string;
  password: string;
}

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, the registry part of a reference. */
  host: string;
  /** `http://127.0.0.1:PORT`, or `https://…` with `tls`. */
  url: string;
  /** With `tls`: the self-signed certificate, to pass as `--cacert`. */
  caFile?: string;
  auth: RegistryAuth;
  /** The first configured user, in basic and token modes. */
  username?: string;
  password?: string;
  credentials?: Credentials;
  /** Where the registry stores blobs and repositories. */
  dataDir: string;
  pid: number;
  token?: RunningTokenServer;
  requests(): AccessRecord[];
  clearRequests(): void;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const PORT_ATTEMPTS = 5;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Status of `GET /v2/`, or undefined while nothing listens. A fresh connection each time: no sockets outlive a test. */
function pingStatus(host: string, tls: boolean): Promise<number | undefined> {
  return new Promise((resolve) => {
    const options = { agent: false, headers: { connection: 'close' }, timeout: 2000, rejectUnauthorized: false };
    const req = (tls ? httpsRequest : request)(`${tls ? 'https' : 'http'}://${host}/v2/`, options, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end();
  });
}

function tailOf(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}

async function waitUntilServing(child: ChildProcess, host: string, tls: boolean, accessLogPath: string, stderrPath: string): Promise<'ready' | 'port-taken'> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = tailOf(stderrPath);
      if (/address already in use/i.test(tail)) return 'port-taken';
      throw new Error(`docker-registry exited (${child.signalCode ?? `exit ${child.exitCode}`}) before serving ${host}: ${tail || '(no output)'}`);
    }
    const status = await pingStatus(host, tls);
    // An answer that our registry did not log came from whoever else took the port first.
    if (status === 200 || status === 401) return statSync(accessLogPath).size > 0 ? 'ready' : 'port-taken';
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not answer GET http://${host}/v2/ within ${READY_TIMEOUT_MS} ms: ${tailOf(stderrPath) || '(no output)'}`);
}

async function writeHtpasswd(path: string, users: Record<string, string>): Promise<void> {
  const lines: string[] = [];
  // distribution's htpasswd auth only accepts bcrypt entries (-B); -i reads the password from stdin, off the argv.
  for (const [user, pass] of Object.entries(users)) {
    const { stdout } = await runCommand('htpasswd', ['-niB', user], { input: `${pass}\n`, secrets: [pass] });
    lines.push(stdout.toString('utf8').trim());
  }
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
}

interface RegistryConfigOptions {
  deleteEnabled: boolean;
  readOnly: boolean;
  tls: boolean;
  auth: Record<string, unknown> | undefined;
}

function registryConfig(dir: string, port: number, { deleteEnabled, readOnly, tls, auth }: RegistryConfigOptions): string {
  const config: Record<string, unknown> = {
    version: 0.1,
    // Errors only on stderr; the access log stays on (it is not governed by the level) and goes to stdout.
    log: { level: 'error', formatter: 'text', accesslog: { disabled: false } },
    storage: {
      filesystem: { rootdirectory: join(dir, 'data') },
      delete: { enabled: deleteEnabled },
      maintenance: { uploadpurging: { enabled: false }, readonly: { enabled: readOnly } },
    },
    http: {
      addr: `127.0.0.1:${port}`,
      secret: randomBytes(16).toString('hex'),
      ...(tls ? { tls: { certificate: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } } : {}),
    },
    health: { storagedriver: { enabled: false } },
  };
  if (auth) config['auth'] = auth;
  return stringify(config);
}

export async function startRegistry(opts: StartRegistryOptions = {}): Promise<RunningRegistry> {
  await ensureTools();
  const mode = opts.auth ?? 'none';
  const users = opts.users ?? { regkit: 'regkit-secret' };
  const dir = await makeTempDir('regkit-registry-');
  let token: RunningTokenServer | undefined;
  let child: ChildProcess | undefined;
  try {
    const dataDir = join(dir, 'data');
    await mkdir(dataDir);
    let auth: Record<string, unknown> | undefined;
    if (mode === 'basic') {
      await writeHtpasswd(join(dir, 'htpasswd'), users);
      auth = { htpasswd: { realm: 'regkit-test-registry', path: join(dir, 'htpasswd') } };
    } else if (mode === 'token') {
      token = await startTokenServer({ users, anonymousPull: opts.anonymousPull ?? false, expiresIn: opts.tokenExpiresIn ?? 300 });
      auth = { token: { realm: token.realm, service: token.service, issuer: token.issuer, rootcertbundle: token.rootCertPath } };
    }
    const tls = opts.tls ?? false;
    if (tls) {
      const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
      await runCommand('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        ...subject,
      ]);
    }
    const accessLogPath = join(dir, 'access.log');
    const stderrPath = join(dir, 'stderr.log');
    let host = '';
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      host = `127.0.0.1:${port}`;
      const configPath = join(dir, 'config.yml');
      await writeFile(configPath, registryConfig(dir, port, { deleteEnabled: opts.deleteEnabled ?? true, readOnly: opts.readOnly ?? false, tls, auth }));
      const out = openSync(accessLogPath, 'w');
      const err = openSync(stderrPath, 'w');
      try {
        child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', out, err] });
      } finally {
        closeSync(out);
        closeSync(err);
      }
      trackChild(child);
      // Another process may take the port between freePort() closing it and the registry binding it.
      if ((await waitUntilServing(child, host, tls, accessLogPath, stderrPath)) === 'ready') break;
      await stopChild(child);
      if (attempt >= PORT_ATTEMPTS) throw new Error(`docker-registry could not bind a free port after ${attempt} attempts: ${tailOf(stderrPath)}`);
    }
    const running = child;
    const log = new AccessLogFile(accessLogPath);
    log.clear();
    const first = Object.entries(users)[0];
    let stopped: Promise<void> | undefined;
    return {
      host,
      url: `${tls ? 'https' : 'http'}://${host}`,
      ...(tls ? { caFile: join(dir, 'cert.pem') } : {}),
      auth: mode,
      ...(mode !== 'none' && first ? { username: first[0], password: first[1], credentials: { username: first[0], password: first[1] } } : {}),
      dataDir,
      pid: running.pid!,
      ...(token ? { token } : {}),
      requests: () => log.read(),
      clearRequests: () => log.clear(),
      stop: () => {
        stopped ??= (async () => {
          await stopChild(running);
          await token?.stop();
          await removeTempDir(dir);
        })();
        return stopped;
      },
    };
  } catch (err) {
    if (child) await stopChild(child);
    await token?.stop();
    await removeTempDir(dir);
    throw err;
  }
}
