import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RegistryError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { withCertsDirs } from '../../src/transport/certs-dir.js';
import type { HostConfig } from '../../src/config/hostconfig.js';
import { testClient } from './transport-local-server.js';

interface Pki {
  ca: string;
  serverKey: string;
  serverCert: string;
  clientKey: string;
  clientCert: string;
}

async function makePki(dir: string): Promise<Pki> {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=regkit-test-ca');
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'],
    ['client', 'extendedKeyUsage=clientAuth\n'],
  ] as const) {
    await writeFile(join(dir, `${name}.ext`), ext);
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=regkit-test-${name}`);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    );
  }
  const read = (f: string) => readFile(join(dir, f), 'utf8');
  return {
    ca: await read('ca.crt'),
    serverKey: await read('server.key'),
    serverCert: await read('server.crt'),
    clientKey: await read('client.key'),
    clientCert: await read('client.crt'),
  };
}

describe('TLS modes', () => {
  let dir: string;
  let pki: Pki;
  const servers: Server[] = [];
  const closers: Array<() => Promise<void>> = [];

  async function serve(mtls: boolean): Promise<string> {
    const server = createServer({ key: pki.serverKey, cert: pki.serverCert, ca: pki.ca, requestCert: mtls, rejectUnauthorized: mtls }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function ping(host: string, config: Partial<HostConfig>): Promise<number> {
    const client = testClient(host, { config: { tls: 'enabled', ...config }, retries: 0 });
    closers.push(() => client.close());
    const res = await client.request({ method: 'GET', target: '/v2/', operation: 'ping' });
    await res.body.dump();
    return res.status;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regkit-tls-'));
    pki = await makePki(dir);
  });
  after(async () => {
    for (const c of closers) await c();
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    await rm(dir, { recursive: true, force: true });
  });

  test('enabled verifies: an unknown CA is refused with a hint about the TLS mode', async () => {
    const host = await serve(false);
    await assert.rejects(ping(host, {}), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.match(err.message, /cannot reach 127\.0\.0\.1:\d+: .*(certificate|CERT)/i);
      assert.match(err.message, /check the TLS mode/);
      return true;
    });
  });

  test('enabled with regcert trusts that CA; insecure skips verification', async () => {
    const host = await serve(false);
    assert.equal(await ping(host, { regcert: pki.ca }), 200);
    assert.equal(await ping(host, { tls: 'insecure' }), 200);
  });

  test('mTLS: the client certificate is presented when configured, and required by the server', async () => {
    const host = await serve(true);
    assert.equal(await ping(host, { regcert: pki.ca, clientCert: pki.clientCert, clientKey: pki.clientKey }), 200);
    await assert.rejects(ping(host, { regcert: pki.ca }), RegistryError);
  });

  const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

  /** A certs.d tree holding `files` under `host`'s directory, and the config regkit builds for `asked` (warnings kept). */
  async function fromCertsDir(
    host: string,
    files: Record<string, string>,
    asked: HostConfig = { registry: host, tls: 'enabled' },
  ): Promise<{ config: HostConfig; warnings: string[] }> {
    const root = await mkdtemp(join(dir, 'certs.d-'));
    await mkdir(join(root, host));
    for (const [name, text] of Object.entries(files)) await writeFile(join(root, host, name), text);
    const warnings: string[] = [];
    const logger: Logger = { ...quiet, warn: (m) => void warnings.push(m) };
    return { config: withCertsDirs(asked, [join(root, 'absent'), root], logger), warnings };
  }

  test("a CA in certs.d/<host:port>/ is trusted for that registry, as docker's and skopeo's are", async () => {
    const host = await serve(false);
    const { config } = await fromCertsDir(host, { 'ca.crt': pki.ca });
    assert.equal(await ping(host, config), 200);
    const elsewhere = await fromCertsDir('127.0.0.1:1', { 'ca.crt': pki.ca }, { registry: host, tls: 'enabled' });
    assert.equal(elsewhere.config.regcert, undefined);
    await assert.rejects(ping(host, elsewhere.config), RegistryError);
  });

  test('certs.d client.cert with its client.key is presented for mTLS; a .cert without its key is named and left out', async () => {
    const host = await serve(true);
    const paired = await fromCertsDir(host, { 'ca.crt': pki.ca, 'client.cert': pki.clientCert, 'client.key': pki.clientKey });
    assert.equal(await ping(host, paired.config), 200);
    const lone = await fromCertsDir(host, { 'ca.crt': pki.ca, 'client.cert': pki.clientCert });
    assert.match(lone.warnings.join('\n'), /client\.cert has no client\.key beside it/);
    await assert.rejects(ping(host, lone.config), RegistryError);
  });

  test("the config's own regcert and tls: disabled win over certs.d", async () => {
    const own = await fromCertsDir('reg.example', { 'ca.crt': pki.ca }, { registry: 'reg.example', regcert: pki.serverCert });
    assert.equal(own.config.regcert, pki.serverCert);
    const plain = await fromCertsDir('reg.example', { 'ca.crt': pki.ca }, { registry: 'reg.example', tls: 'disabled' });
    assert.equal(plain.config.regcert, undefined);
  });

  test('disabled speaks plain HTTP to the port', async () => {
    const host = await serve(false);
    await assert.rejects(ping(host, { tls: 'disabled' }), RegistryError);
  });
});
