import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsInHostSpecs } from '../../src/config/host-spec.js';
import { redactorOf } from '../../src/cli/redact.js';
import { Secrets } from '../../src/log.js';
import { createCliLogger, formatFatal, logFormatOf } from '../../src/cli/logger.js';
import { RegistryError, UsageError } from '../../src/errors.js';

test('secrets are found in raw specs, even ones that do not parse', () => {
  assert.deepEqual(secretsInHostSpecs(['reg=a,user=u,pass=p1', 'token=t1,reg=b', 'reg=c,pass=x,y,tls=enabled', 'reg=d,pass=']), ['p1', 't1', 'x,y', 'x', 'y']);
});

function redactorFor(values: string[]) {
  const secrets = new Secrets();
  for (const v of values) secrets.add(v);
  return redactorOf(secrets);
}

test('the redactor hides every secret, longest first', () => {
  const redact = redactorFor(['abc', 'abcdef', '']);
  assert.equal(redact('pw abcdef and abc and ab'), 'pw *** and *** and ab');
  assert.equal(redactorFor([])('unchanged'), 'unchanged');
});

test('a secret is hidden in each form it travels in, and each new form is announced once', () => {
  const secrets = new Secrets();
  const announced: string[] = [];
  secrets.onForm((f) => announced.push(f));
  const pass = 'p/w+1=x~y!"z';
  secrets.addBasic('bot', pass);
  secrets.add(pass);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const forms = [
    pass,
    b64(pass),
    b64(`bot:${pass}`),
    encodeURIComponent(b64(`bot:${pass}`)),
    encodeURIComponent(pass),
    new URLSearchParams({ p: pass }).toString().slice(2),
    JSON.stringify(pass).slice(1, -1),
  ];
  for (const form of forms) assert.ok(!secrets.redact(`<${form}>`).includes(form), form);
  assert.equal(announced[0], pass, 'the value as typed is announced first');
  assert.equal(new Set(announced).size, announced.length);
  assert.deepEqual(secrets.redactData({ reason: `sent ${pass}`, n: 1, list: [b64(`bot:${pass}`)] }), { reason: 'sent ***', n: 1, list: ['***=='] });
});

test('raw bytes pass unchanged unless they hold a secret', () => {
  const secrets = new Secrets();
  secrets.add('tok-123456');
  const clean = Buffer.from('{"a":1}');
  assert.equal(secrets.redactBytes(clean), clean);
  assert.equal(Buffer.from(secrets.redactBytes(Buffer.from('{"a":"tok-123456"}'))).toString(), '{"a":"***"}');
});

test('the text logger prefixes the level, hides debug unless verbose, and redacts', () => {
  const lines: string[] = [];
  const quiet = createCliLogger({ format: 'text', verbose: false, write: (l) => lines.push(l), redact: redactorFor(['s3cret']) });
  quiet.debug('hidden');
  quiet.info('copying', { image: 'a/b:1', blobs: 3 });
  quiet.warn('pass s3cret in message', { note: 'two words' });
  assert.deepEqual(lines, ['info: copying image=a/b:1 blobs=3\n', 'warn: pass *** in message note="two words"\n']);
  const verbose = createCliLogger({ format: 'text', verbose: true, write: (l) => lines.push(l), redact: (t) => t });
  verbose.debug('shown');
  assert.equal(lines.at(-1), 'debug: shown\n');
});

test('the JSON logger writes one object per line', () => {
  const lines: string[] = [];
  const log = createCliLogger({ format: 'json', verbose: false, write: (l) => lines.push(l), redact: (t) => t, now: () => new Date(0) });
  log.error('failed', { ref: 'a/b:1' });
  assert.deepEqual(lines, ['{"time":"1970-01-01T00:00:00.000Z","level":"error","msg":"failed","ref":"a/b:1"}\n']);
});

test('fatal errors are one line, text or JSON', () => {
  const err = new RegistryError('authentication failed', { status: 401, registry: 'r.example', repository: 'team/app', operation: 'auth' });
  assert.equal(
    formatFatal(err, 'text', (t) => t),
    'regkit: auth on r.example/team/app (HTTP 401): authentication failed\n',
  );
  assert.equal(
    formatFatal(new UsageError('bad\nthing'), 'json', (t) => t),
    '{"level":"error","msg":"bad thing"}\n',
  );
  assert.equal(logFormatOf(['x', '--log-format', 'json']), 'json');
  assert.equal(logFormatOf(['--log-format=json']), 'json');
  assert.equal(logFormatOf(['--log-format', 'text']), 'text');
});
