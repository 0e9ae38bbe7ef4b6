import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsInHostSpecs } from '../../src/config/host-spec.js';
import { createRedactor } from '../../src/cli/redact.js';
import { createCliLogger, formatFatal, logFormatOf } from '../../src/cli/logger.js';
import { RegistryError, UsageError } from '../../src/errors.js';

test('secrets are found in raw specs, even ones that do not parse', () => {
  assert.deepEqual(secretsInHostSpecs(['reg=a,user=u,pass=p1', 'token=t1,reg=b', 'reg=c,pass=x,y,tls=enabled', 'reg=d,pass=']), ['p1', 't1', 'x,y', 'x', 'y']);
});

test('the redactor hides every secret, longest first', () => {
  const redact = createRedactor(['abc', 'abcdef', '']);
  assert.equal(redact('pw abcdef and abc and ab'), 'pw *** and *** and ab');
  assert.equal(createRedactor([])('unchanged'), 'unchanged');
});

test('the text logger prefixes the level, hides debug unless verbose, and redacts', () => {
  const lines: string[] = [];
  const quiet = createCliLogger({ format: 'text', verbose: false, write: (l) => lines.push(l), redact: createRedactor(['s3cret']) });
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
  assert.equal(formatFatal(err, 'text', (t) => t), 'regkit: auth on r.example/team/app (HTTP 401): authentication failed\n');
  assert.equal(formatFatal(new UsageError('bad\nthing'), 'json', (t) => t), '{"level":"error","msg":"bad thing"}\n');
  assert.equal(logFormatOf(['x', '--log-format', 'json']), 'json');
  assert.equal(logFormatOf(['--log-format=json']), 'json');
  assert.equal(logFormatOf(['--log-format', 'text']), 'text');
});
