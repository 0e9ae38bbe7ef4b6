import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Secrets, silentLogger } from '../../src/log.js';
import { HostCredentialSource, credHostFor, sharedDockerConfig } from '../../src/transport/auth/credential-sources.js';
import { runCredentialHelper } from '../../src/transport/auth/cred-helper.js';
import { helperFor, inlineCredential, loadDockerConfig, parseDockerConfig } from '../../src/transport/auth/docker-config.js';
import type { HostConfig } from '../../src/config/hostconfig.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('docker config.json', () => {
  const config = parseDockerConfig(
    JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') },
        'reg.example.com': { username: 'u', password: 'p' },
        'https://idt.example.com/v2/': { auth: b64('<token>:'), identitytoken: 'refresh-123' },
        'empty.example.com': {},
      },
      credHelpers: { 'ghcr.io': 'gh' },
      credsStore: 'desktop',
    }),
  );

  test('auth is base64 user:password, split at the first colon', () => {
    assert.deepEqual(inlineCredential(config, 'https://index.docker.io/v1/'), { kind: 'basic', username: 'hubuser', password: 'hub:pass' });
  });

  test('username/password fields, and keys with a scheme or path match by host', () => {
    assert.deepEqual(inlineCredential(config, 'reg.example.com'), { kind: 'basic', username: 'u', password: 'p' });
    assert.deepEqual(inlineCredential(config, 'idt.example.com'), { kind: 'token', token: 'refresh-123', username: '<token>' });
  });

  test('an entry without credentials leaves the helpers to answer', () => {
    assert.equal(inlineCredential(config, 'empty.example.com'), undefined);
    assert.equal(helperFor(config, 'ghcr.io'), 'gh');
    assert.equal(helperFor(config, 'empty.example.com'), 'desktop');
  });

  test('Docker Hub credentials are looked up under the v1 index URL', () => {
    assert.equal(credHostFor({ registry: 'docker.io' }), 'https://index.docker.io/v1/');
    assert.equal(credHostFor({ registry: 'r.example', hostname: 'mirror.example' }), 'mirror.example');
    assert.equal(credHostFor({ registry: 'r.example', credHost: 'other' }), 'other');
  });

  test('a missing file is an empty config; a broken one is a ConfigError naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regkit-dc-'));
    try {
      assert.deepEqual(await loadDockerConfig(join(dir, 'config.json')), { auths: {}, credHelpers: {} });
      await writeFile(join(dir, 'config.json'), '{"auths": ');
      await assert.rejects(loadDockerConfig(join(dir, 'config.json')), {
        name: 'ConfigError',
        message: new RegExp(`${dir}/config.json: docker config is not valid JSON`),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('credential helpers and the order of sources', () => {
  let dir: string;
  let savedPath: string | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regkit-helper-'));
    // Answers by server: a password, an identity token, "not found", or a failure. Logs each call.
    await writeFile(
      join(dir, 'docker-credential-test'),
      `#!/bin/sh
[ "$1" = get ] || exit 3
read -r server
echo "$server" >> "${dir}/calls"
case "$server" in
  reg.example.com) echo '{"ServerURL":"reg.example.com","Username":"helperuser","Secret":"helper-secret"}' ;;
  tok.example.com) echo '{"ServerURL":"tok.example.com","Username":"<token>","Secret":"identity-xyz"}' ;;
  broken.example.com) echo 'boom' >&2; exit 1 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`,
    );
    await chmod(join(dir, 'docker-credential-test'), 0o755);
    savedPath = process.env['PATH'];
    process.env['PATH'] = `${dir}${delimiter}${savedPath ?? ''}`;
  });
  after(async () => {
    process.env['PATH'] = savedPath;
    await rm(dir, { recursive: true, force: true });
  });

  test('the helper protocol: password, identity token, not found, failure', async () => {
    assert.deepEqual(await runCredentialHelper('test', 'reg.example.com'), { kind: 'basic', username: 'helperuser', password: 'helper-secret' });
    assert.deepEqual(await runCredentialHelper('test', 'tok.example.com'), { kind: 'token', token: 'identity-xyz' });
    assert.deepEqual(await runCredentialHelper('test', 'nobody.example.com'), { kind: 'anonymous' });
    await assert.rejects(runCredentialHelper('test', 'broken.example.com'), /docker-credential-test exited with 1 for broken.example.com: boom/);
    await assert.rejects(runCredentialHelper('absent-helper', 'x'), /docker-credential-absent-helper is not on PATH/);
  });

  test('explicit host config wins over docker config', async () => {
    const host: HostConfig = { registry: 'reg.example.com', user: 'cli', pass: 'cli-pass' };
    const source = new HostCredentialSource({
      host,
      dockerConfig: async () => parseDockerConfig('{"credsStore":"test"}'),
      logger: silentLogger,
      secrets: new Secrets(),
    });
    assert.deepEqual(await source.credential(), { kind: 'basic', username: 'cli', password: 'cli-pass' });
  });

  test('docker config credsStore is asked, and its answer cached for credExpire', async () => {
    let now = 0;
    const host: HostConfig = { registry: 'reg.example.com', credExpire: 60 };
    const source = new HostCredentialSource({
      host,
      dockerConfig: async () => parseDockerConfig('{"credsStore":"test"}'),
      logger: silentLogger,
      secrets: new Secrets(),
      now: () => now,
    });
    await rm(join(dir, 'calls'), { force: true });
    assert.deepEqual(await source.credential(), { kind: 'basic', username: 'helperuser', password: 'helper-secret' });
    await source.credential();
    const { readFile } = await import('node:fs/promises');
    assert.equal((await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n').length, 1);
    now = 61_000;
    await source.credential();
    assert.equal((await readFile(join(dir, 'calls'), 'utf8')).trim().split('\n').length, 2);
    assert.equal(source.describe(), 'docker-credential-test');
  });

  test('credHelper in the host config is used without docker config; a failing helper means anonymous', async () => {
    const ok = new HostCredentialSource({
      host: { registry: 'tok.example.com', credHelper: 'test' },
      dockerConfig: async () => undefined,
      logger: silentLogger,
      secrets: new Secrets(),
    });
    assert.deepEqual(await ok.credential(), { kind: 'token', token: 'identity-xyz' });
    const broken = new HostCredentialSource({
      host: { registry: 'broken.example.com', credHelper: 'test' },
      dockerConfig: async () => undefined,
      logger: silentLogger,
      secrets: new Secrets(),
    });
    assert.deepEqual(await broken.credential(), { kind: 'anonymous' });
  });

  test('what a helper answers is a secret before it is handed out; docker config entries are secrets once loaded', async () => {
    const secrets = new Secrets();
    const basic = new HostCredentialSource({
      host: { registry: 'reg.example.com', credHelper: 'test' },
      dockerConfig: async () => undefined,
      logger: silentLogger,
      secrets,
    });
    const token = new HostCredentialSource({
      host: { registry: 'tok.example.com', credHelper: 'test' },
      dockerConfig: async () => undefined,
      logger: silentLogger,
      secrets,
    });
    await basic.credential();
    await token.credential();
    assert.equal(secrets.redact(`helper-secret ${b64('helperuser:helper-secret')} identity-xyz`), '*** *** ***');
    const cfgDir = await mkdtemp(join(tmpdir(), 'regkit-dcsecrets-'));
    await writeFile(
      join(cfgDir, 'config.json'),
      JSON.stringify({ auths: { 'unused.example': { auth: b64('u:unused-pw') }, 'idt.example': { identitytoken: 'idt-value' } } }),
    );
    const fromFile = new Secrets();
    await sharedDockerConfig(true, fromFile, join(cfgDir, 'config.json'))();
    assert.equal(fromFile.redact(`unused-pw ${b64('u:unused-pw')} idt-value`), '*** *** ***');
    await rm(cfgDir, { recursive: true, force: true });
  });

  test('DOCKER_CONFIG points at the config directory; disabled means anonymous', async () => {
    const cfgDir = await mkdtemp(join(tmpdir(), 'regkit-dcenv-'));
    const saved = process.env['DOCKER_CONFIG'];
    try {
      await writeFile(join(cfgDir, 'config.json'), JSON.stringify({ auths: { 'r.example': { auth: b64('a:b') } } }));
      process.env['DOCKER_CONFIG'] = cfgDir;
      const on = new HostCredentialSource({
        host: { registry: 'r.example' },
        dockerConfig: sharedDockerConfig(true, new Secrets()),
        logger: silentLogger,
        secrets: new Secrets(),
      });
      assert.deepEqual(await on.credential(), { kind: 'basic', username: 'a', password: 'b' });
      const off = new HostCredentialSource({
        host: { registry: 'r.example' },
        dockerConfig: sharedDockerConfig(false, new Secrets()),
        logger: silentLogger,
        secrets: new Secrets(),
      });
      assert.deepEqual(await off.credential(), { kind: 'anonymous' });
    } finally {
      if (saved === undefined) delete process.env['DOCKER_CONFIG'];
      else process.env['DOCKER_CONFIG'] = saved;
      await rm(cfgDir, { recursive: true, force: true });
    }
  });
});
