// regctl's habits in the parser, the completion scripts, the stored settings file and the request log URL.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError, ConfigError, exitCodeFor } from '../../src/errors.js';
import { parseCommandLine, type Invocation } from '../../src/cli/parse.js';
import { completionScript } from '../../src/cli/completion.js';
import { COMMANDS, commandName } from '../../src/cli/spec.js';
import { createCliLogger } from '../../src/cli/logger.js';
import { loadStoredHosts, readSettingsFile, settingsPath } from '../../src/config/user-settings.js';
import { runRegistrySettings } from '../../src/command/registry-settings.js';
import { redactedUrl } from '../../src/transport/client.js';
import { compileTemplate } from '../../src/gotemplate/template.js';
import { configView, manifestView } from '../../src/command/image-read.js';

async function run(argv: string[]): Promise<Extract<Invocation, { kind: 'run' }>> {
  const inv = await parseCommandLine(argv);
  assert.equal(inv.kind, 'run');
  return inv as Extract<Invocation, { kind: 'run' }>;
}

async function usageError(argv: string[], pattern: RegExp): Promise<void> {
  await assert.rejects(parseCommandLine(argv), (err: unknown) => {
    assert.ok(err instanceof UsageError, String(err));
    assert.equal(exitCodeFor(err), 2);
    assert.match(err.message, pattern);
    return true;
  });
}

test("regctl's aliases name the same commands", async () => {
  const pairs: [string[], string[]][] = [
    [
      ['tag', 'rm', 'r.example/a:b'],
      ['tag', 'delete', 'r.example/a:b'],
    ],
    [
      ['tag', 'list', 'r.example/a'],
      ['tag', 'ls', 'r.example/a'],
    ],
    [
      ['image', 'copy', 'r.example/a:1', 'r.example/b:1'],
      ['copy', 'r.example/a:1', 'r.example/b:1'],
    ],
    [
      ['image', 'cp', 'r.example/a:1', 'r.example/b:1', '-p', 'linux/amd64'],
      ['copy', 'r.example/a:1', 'r.example/b:1', '-p', 'linux/amd64'],
    ],
    [
      ['repo', 'list', 'r.example'],
      ['repo', 'ls', 'r.example'],
    ],
  ];
  for (const [alias, canonical] of pairs) assert.deepEqual(await run(alias), await run(canonical), alias.join(' '));
});

test('-v alone is debug, -v LEVEL and --verbosity LEVEL set the level, --logopt json is --log-format json', async () => {
  assert.equal((await run(['tag', 'ls', 'r.example/a', '-v'])).global.verbose, true);
  // A plain -v followed by the command's argument keeps both.
  const before = await run(['-v', 'tag', 'ls', 'r.example/a']);
  assert.equal(before.global.verbose, true);
  assert.equal(before.command.name, 'tag ls');
  const info = await run(['-v', 'info', 'tag', 'ls', 'r.example/a']);
  assert.equal(info.global.verbose, false);
  assert.equal(info.global.logLevel, 'info');
  assert.equal((await run(['tag', 'ls', 'r.example/a', '-v', 'trace'])).global.logLevel, 'debug');
  assert.equal((await run(['tag', 'ls', 'r.example/a', '--verbosity', 'warning'])).global.logLevel, 'warn');
  assert.equal((await run(['tag', 'ls', 'r.example/a', '--logopt', 'json'])).global.logFormat, 'json');
  await usageError(['tag', 'ls', 'r.example/a', '--verbosity', 'loud'], /--verbosity must be one of trace, debug/);
  await usageError(['tag', 'ls', 'r.example/a', '--logopt', 'color'], /--logopt takes json/);
});

test('the logger drops what is below the level asked for', () => {
  const lines: string[] = [];
  const logger = createCliLogger({ format: 'text', verbose: false, minLevel: 'warn', write: (l) => lines.push(l), redact: (t) => t });
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error('e');
  assert.deepEqual(lines, ['warn: w\n', 'error: e\n']);
});

test('--format takes text, json or a Go template; a template only on read commands, compiled before anything runs', async () => {
  const inv = await run(['tag', 'ls', 'r.example/a', '--format', '{{join .Tags ","}}']);
  assert.equal(inv.global.format, 'text');
  assert.equal(inv.global.template?.render({ Tags: ['a', 'b'] }), 'a,b');
  assert.equal((await run(['image', 'inspect', 'r.example/a:1', '--format', '{{.Digest}}'])).command.name, 'image inspect');
  await usageError(['copy', 'r.example/a:1', 'r.example/b:1', '--format', '{{.Digest}}'], /copy does not take a Go template/);
  await usageError(['tag', 'ls', 'r.example/a', '--format', 'yaml'], /--format must be text or json/);
  await assert.rejects(parseCommandLine(['tag', 'ls', 'r.example/a', '--format', '{{.Tags']), (err: unknown) => exitCodeFor(err) === 2);
  // The template reads its data only: no environment, no files.
  process.env['REGKIT_TEST_SECRET'] = 'x-secret';
  const env = await run(['tag', 'ls', 'r.example/a', '--format', '{{env "REGKIT_TEST_SECRET"}}']);
  assert.equal(env.global.template?.render({}), '');
});

test('help, version, completion and the server commands', async () => {
  const help = await parseCommandLine(['help', 'tag', 'rm']);
  assert.equal(help.kind, 'help');
  if (help.kind === 'help') assert.match(help.text, /^Usage: regkit tag delete REF/);
  const group = await parseCommandLine(['help', 'registry']);
  if (group.kind === 'help') assert.match(group.text, /registry login HOST/);
  await usageError(['help', 'nope'], /help: unknown command "nope"/);
  assert.deepEqual((await run(['version'])).command, { name: 'version', version: (await import('../../src/cli/version.js')).VERSION });
  assert.equal((await parseCommandLine(['--version'])).kind, 'version');
  await usageError(['completion', 'tcsh'], /unknown shell "tcsh"; choose one of bash, zsh, fish/);
  await usageError(['sync', 'server', '-c', 'regsync.yml'], /nightly-sync\.yml/);
  await usageError(['prune', 'server'], /weekly-retention\.yml/);
});

test('completion scripts list every command word, alias and flag of the table, and are valid shell', () => {
  const bash = completionScript('bash');
  const fish = completionScript('fish');
  for (const spec of COMMANDS) {
    for (const words of [spec.words, ...(spec.aliases ?? [])]) {
      for (const w of words) {
        assert.ok(bash.includes(w), `bash lacks ${w}`);
        assert.ok(fish.includes(w), `fish lacks ${w}`);
      }
    }
    for (const f of spec.flags) assert.ok(bash.includes(`--${f.name}`) && fish.includes(`-l ${f.name}`), `${commandName(spec)} --${f.name}`);
  }
  execFileSync('bash', ['-n'], { input: bash });
  // What bash offers, asked as a shell asks: the words after `regkit tag `, and the flags of `regkit tag ls --`.
  const ask = (line: string) =>
    execFileSync('bash', ['-c', `${bash}\nCOMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); _regkit; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
  assert.deepEqual(ask("regkit tag ''").sort(), ['del', 'delete', 'list', 'ls', 'remove', 'rm']);
  assert.ok(ask('regkit tag ls --li').includes('--limit'));
  assert.ok(ask('regkit copy a b --dig').includes('--digest-tags'));
  assert.deepEqual(ask('regkit completion f'), ['fish']);
  assert.match(completionScript('zsh'), /^#compdef regkit\n/);
});

test("the settings file: regctl's format read, names normalized, a bad value names the file; written 0600", () => {
  const dir = mkdtempSync(join(tmpdir(), 'regkit-settings-'));
  try {
    const env = { HOME: dir };
    assert.equal(settingsPath(env), join(dir, '.regkit', 'config.json'));
    assert.deepEqual(loadStoredHosts(env), []);
    execFileSync('mkdir', ['-p', join(dir, '.regctl')]);
    // regctl's own spelling, as its docs show the file (hostname repeated, tls as text, clientcert lower case).
    writeFileSync(
      join(dir, '.regctl', 'config.json'),
      JSON.stringify({
        hosts: {
          'index.docker.io': { tls: 'enabled', hostname: 'index.docker.io', user: 'hub', pass: 'hubpass' },
          'r.example:5000': { tls: 'insecure', hostname: 'r.example:5000', clientcert: 'CERT', clientkey: 'KEY', mirrors: ['m'], priority: 1 },
        },
      }),
    );
    assert.deepEqual(loadStoredHosts(env), [
      { registry: 'docker.io', tls: 'enabled', user: 'hub', pass: 'hubpass', credsFrom: `the stored settings ${join(dir, '.regctl', 'config.json')}` },
      { registry: 'r.example:5000', tls: 'insecure', clientCert: 'CERT', clientKey: 'KEY' },
    ]);
    // regkit's file on top, field by field.
    const file = settingsPath(env);
    runRegistrySettings({ name: 'registry set', file, registry: 'r.example:5000', settings: { tls: 'disabled' } });
    runRegistrySettings({ name: 'registry login', file, registry: 'r.example:5000', user: 'me', pass: 'p@ss,word' });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, '.regkit')).mode & 0o777, 0o700);
    assert.deepEqual(loadStoredHosts(env)[1], {
      registry: 'r.example:5000',
      tls: 'disabled',
      clientCert: 'CERT',
      clientKey: 'KEY',
      user: 'me',
      pass: 'p@ss,word',
      credsFrom: `the stored settings ${file}`,
    });
    const ls = runRegistrySettings({ name: 'registry ls', file });
    assert.ok(ls.text.includes('r.example:5000  tls=disabled user=me (credentials stored)'));
    assert.ok(!JSON.stringify(ls).includes('p@ss'));
    runRegistrySettings({ name: 'registry logout', file, registry: 'r.example:5000' });
    assert.deepEqual(readSettingsFile(file).hosts['r.example:5000'], { tls: 'disabled' });
    writeFileSync(file, JSON.stringify({ hosts: { 'r.example': { tls: 'maybe' } } }));
    assert.throws(
      () => loadStoredHosts(env),
      (err: unknown) => err instanceof ConfigError && err.message.startsWith(`${file}: hosts.r.example.tls must be one of`),
    );
    writeFileSync(file, '{not json');
    assert.throws(
      () => loadStoredHosts(env),
      (err: unknown) => err instanceof ConfigError && err.message.includes(file) && /not valid JSON/.test(err.message),
    );
    assert.equal(readFileSync(join(dir, '.regctl', 'config.json'), 'utf8').includes('"mirrors"'), true, "regctl's file is never rewritten");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('registry login reads the password from standard input only', async () => {
  await usageError(['registry', 'login', 'r.example', '-u', 'me'], /--pass-stdin/);
  await usageError(['registry', 'login', 'r.example', '--pass-stdin'], /-u USER/);
  await usageError(['registry', 'set', 'r.example', '--tls', 'sometimes'], /--tls must be one of enabled, insecure, disabled/);
});

test('request log URLs keep paging and scopes, hide every other query value and user info', () => {
  assert.equal(redactedUrl(new URL('https://r.example/v2/a/tags/list?n=100&last=v1')), 'https://r.example/v2/a/tags/list?n=100&last=v1');
  assert.equal(
    redactedUrl(new URL('https://auth.example/token?scope=repository%3Aa%3Apull&service=r.example&account=me&access_token=tok123')),
    'https://auth.example/token?scope=repository%3Aa%3Apull&service=r.example&account=***&access_token=***',
  );
  const signed = redactedUrl(new URL('https://user:pw@s3.example/blob?X-Amz-Credential=AKIA1%2F2&X-Amz-Signature=abcdef&_state=xyz'));
  assert.equal(signed, 'https://s3.example/blob?X-Amz-Credential=***&X-Amz-Signature=***&_state=***');
});

test("templates see Go names; json of a manifest or config is the registry's own JSON", () => {
  const bytes = Buffer.from(
    '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"c","digest":"sha256:1","size":2},"layers":[{"mediaType":"l","digest":"sha256:2","size":3,"annotations":{"a.b":"c"}}]}',
  );
  const view = manifestView({ digest: 'sha256:top', mediaType: 'application/vnd.oci.image.manifest.v1+json', size: bytes.length, bytes });
  const t = compileTemplate('{{.Digest}} {{.SchemaVersion}} {{(index .Layers 0).Size}} {{index (index .Layers 0).Annotations "a.b"}}|{{json .}}', 't');
  assert.equal(t.execute(view), `sha256:top 2 3 c|${bytes.toString()}\n`);
  const config = configView(
    Buffer.from('{"created":"2024-03-05T06:07:08Z","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:x"]},"config":{"Labels":{"k":"v"}}}'),
  );
  assert.equal(compileTemplate('{{.Created.Year}} {{.OS}} {{index .RootFS.DiffIDs 0}} {{.Config.Labels.k}}', 't').execute(config), '2024 linux sha256:x v');
});

test('the proxy modules load only when a proxy variable is set; either spelling counts', async () => {
  const { agentFor, proxyConfigured } = await import('../../src/transport/tls.js');
  assert.equal(proxyConfigured({}), false);
  assert.equal(proxyConfigured({ NO_PROXY: '*', HTTP_PROXY: '' }), false);
  for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY']) assert.equal(proxyConfigured({ [k]: 'http://127.0.0.1:3128' }), true, k);
  const direct = agentFor({ registry: 'r.example' }, {}, 'registry', {});
  assert.ok(!(direct instanceof Promise));
  await direct.close();
  const proxied = agentFor({ registry: 'r.example', tls: 'insecure' }, {}, 'registry', { HTTPS_PROXY: 'http://127.0.0.1:3128' });
  assert.ok(proxied instanceof Promise);
  await (await proxied).close();
});

test("registry set --cacert takes a file or, as regctl's does, the PEM text", async () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const text = await run(['registry', 'set', 'r.example', '--cacert', pem]);
  assert.equal(text.command.name === 'registry set' && text.command.settings.regcert, pem);
  const dir = mkdtempSync(join(tmpdir(), 'regkit-ca-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), pem);
    const file = await run(['registry', 'set', 'r.example', '--cacert', join(dir, 'ca.pem'), '--tls', 'enabled']);
    assert.deepEqual(file.command.name === 'registry set' && file.command.settings, { tls: 'enabled', regcert: pem });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await usageError(
    ['registry', 'set', 'r.example', '--cacert', '/no/such/ca.pem'],
    /--cacert: \/no\/such\/ca\.pem does not exist; give the CA certificate's PEM file/,
  );
});

test("printPretty, regctl's default format, prints a list as the text output does", async () => {
  const { withPretty } = await import('../../src/command/views.js');
  const view = withPretty({ Name: 'r.example/a', Tags: ['v1', 'v2'] }, 'v1\nv2\n');
  assert.equal(compileTemplate('{{printPretty .}}', 't').execute(view), 'v1\nv2\n');
  assert.equal(compileTemplate('{{json .}}', 't').execute(view), '{"Name":"r.example/a","Tags":["v1","v2"]}\n');
});
