// regbot.yml loading: regbot's documented configs, regkit's protect / maxDeletes / policies, and the errors a PR
// check must show (unknown keys with a suggestion, Lua syntax errors with the script's name and file line).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/run.js';
import { ConfigError, exitCodeFor } from '../../src/errors.js';
import { loadBotConfig } from '../../src/prune/config/load.js';
import { protectedBy } from '../../src/prune/plan/guard.js';
import { parseReference } from '../../src/oci/reference.js';
import { configWithSecretFiles, copyWithSecretFiles } from '../harness/config-secrets.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'regbot');
const load = (text: string) => loadBotConfig({ text, name: 'regbot.yml' }, {});

function loadError(text: string): ConfigError {
  try {
    load(text);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('the config loaded');
}

describe('loadBotConfig', () => {
  it("reads regbot's docs/examples/regbot.yml with its defaults and per-script timeouts", () => {
    const c = loadBotConfig(configWithSecretFiles(join(FIXTURES, 'docs-examples-regbot.yml')), {});
    assert.deepEqual(
      c.scripts.map((s) => [s.name, s.timeoutSeconds, s.intervalSeconds]),
      [
        ['mirror minor versions', 59 * 60, 3600],
        ['debian date stamped mirror', 59 * 60, 3600],
        ['delete old builds', 600, 3600],
      ],
    );
    assert.equal(c.defaults.parallel, 1);
    assert.deepEqual(c.creds, [
      { registry: 'registry:5000', tls: 'disabled' },
      { registry: 'docker.io', pass: 'hub-token-value' },
    ]);
    assert.deepEqual(
      c.warnings.map((w) => w.line),
      [7],
    );
    assert.deepEqual(c.policies, []);
  });

  it('reads the sandbox test scripts, which have no creds or defaults', () => {
    const c = loadBotConfig(join(FIXTURES, 'sandbox-test-scripts.yml'), {});
    assert.equal(c.scripts.length, 4);
    assert.equal(c.scripts[0]!.timeoutSeconds, 3600);
  });

  it('fails docs/regbot.md\'s "Busybox Tags" at load: its Lua does not compile, named with the file line (exit 2)', () => {
    assert.throws(
      () => loadBotConfig(configWithSecretFiles(join(FIXTURES, 'docs-regbot-md.yml')), {}),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.line, 25);
        assert.match(err.message, /docs-regbot-md\.yml:25: script "Busybox Tags" does not compile \(its line 4\): unexpected symbol near '\.\.'/);
        assert.equal(exitCodeFor(err), 2);
        return true;
      },
    );
  });

  it('places a syntax error in a block scalar on its own line, whatever the indentation', () => {
    const err = loadError('scripts:\n  - name: broken\n    script: |\n      log("a")\n\n      if then\n');
    assert.equal(err.line, 6);
    assert.match(err.message, /script "broken" does not compile \(its line 3\)/);
  });

  it('an unknown key is a warning with its position and the closest valid key (an error under strict); x- keys are skipped', () => {
    // regclient.org's regbot example carries `frequency`, which regbot does not read.
    const text = 'version: 1\nscripts:\n  - name: a\n    frequency: 5m\n    script: log("x")\n';
    const c = load(text);
    assert.equal(c.scripts[0]!.source, 'log("x")');
    assert.deepEqual(c.warnings, [
      {
        file: 'regbot.yml',
        line: 4,
        column: 5,
        message: 'unknown key "frequency" in scripts[0] is ignored; valid keys are name, script, interval, schedule, timeout',
      },
    ]);
    assert.throws(
      () => loadBotConfig({ text, name: 'regbot.yml' }, {}, { strict: true }),
      /^ConfigError: regbot\.yml:4:5: unknown key "frequency" in scripts\[0\] is ignored.*under --strict/,
    );
    assert.match(loadError('version: 1\nscripts:\n  - name: a\n    scirpt: log("x")\n').message, /^regbot\.yml:3:5: scripts\[0\] \("a"\) has no script/);
    assert.match(load('polices: []\n').warnings[0]!.message, /did you mean "policies"\?/);
    const x = load('x-anchors: &a 1\nversion: 1\ndefaults:\n  x-note: hi\n  maxDeletes: 5\nscripts:\n  - name: a\n    x-owner: me\n    script: log("x")\n');
    assert.equal(x.defaults.maxDeletes, 5);
    assert.equal(x.scripts[0]!.name, 'a');
    assert.deepEqual(x.warnings, []);
  });

  it('a misspelt guard is refused even without strict: ignoring it would lift the guard', () => {
    assert.match(
      loadError('defaults:\n  maxDelete: 3\n').message,
      /^regbot\.yml:2:3: unknown key "maxDelete" in defaults; did you mean "maxDeletes"\? Ignoring it would widen/,
    );
    assert.match(loadError('defaults:\n  protcet: [latest]\n').message, /did you mean "protect"\?/);
    // policies are regkit's own: no regbot file has them, so every unknown key there is an error.
    assert.match(
      loadError('policies:\n  - keepLast: {repo: r.example.com/a, match: x, keep: 1, zzz: 1}\n').message,
      /^regbot\.yml:2:58: unknown key "zzz" in policies\[0\]\.keepLast/,
    );
  });

  it('reads protect as anchored regexes and maxDeletes as a count', () => {
    const c = load("defaults:\n  protect: ['latest', 'team/app:v1\\..*', 'reg.example.com/other:.*']\n  maxDeletes: 0\n");
    assert.equal(c.defaults.maxDeletes, 0);
    const at = (ref: string) => protectedBy(c.defaults.protect, parseReference(ref), parseReference(ref).tag!)?.source;
    assert.equal(at('reg.example.com/x/y:latest'), 'latest');
    assert.equal(at('reg.example.com/x/y:latest-1'), undefined);
    assert.equal(at('reg.example.com/team/app:v1.2'), 'team/app:v1\\..*');
    assert.equal(at('reg.example.com/team/app:v2.0'), undefined);
    assert.equal(at('reg.example.com/other:anything'), 'reg.example.com/other:.*');
    assert.match(loadError("defaults:\n  protect: ['(']\n").message, /^regbot\.yml:2:13: defaults\.protect\[0\]: invalid regex/);
    assert.match(loadError('defaults:\n  maxDeletes: many\n').message, /defaults\.maxDeletes must be an integer/);
  });

  it('reads declarative policies through the same validation as the Lua policy table', () => {
    const c = load(
      [
        'policies:',
        "  - keepLast: {repo: reg.example.com/app, match: '(?P<base>.+)-(\\d{8})', group: base, keep: 3, sort: name}",
        '  - name: old ci builds',
        '    olderThan: {repo: reg.example.com/app, match: ci-\\d+, days: 30, by: "label:org.opencontainers.image.created"}',
      ].join('\n'),
    );
    assert.deepEqual(
      c.policies.map((p) => [p.name, p.call.kind, p.line]),
      [
        ['policies[0] keepLast', 'keepLast', 2],
        ['old ci builds', 'olderThan', 4],
      ],
    );
    const keep = c.policies[0]!.call;
    assert.ok(keep.kind === 'keepLast' && keep.keep === 3 && keep.sort === 'name' && keep.group === 'base');
    const older = c.policies[1]!.call;
    assert.ok(older.kind === 'olderThan' && older.days === 30);
    assert.deepEqual(older.by, { kind: 'label', label: 'org.opencontainers.image.created' });
  });

  it('points policy errors at the argument at fault', () => {
    assert.match(
      loadError('policies:\n  - keepLast: {repo: r.example.com/a, match: x, kepp: 3}\n').message,
      /^regbot\.yml:2:49: unknown key "kepp" in policies\[0\]\.keepLast; did you mean "keep"\?/,
    );
    assert.match(
      loadError('policies:\n  - keepLast: {repo: r.example.com/a, match: x, keep: 0}\n').message,
      /^regbot\.yml:2:55: policies\[0\]\.keepLast: keep must be at least 1/,
    );
    assert.match(
      loadError('policies:\n  - keepLast: {repo: r.example.com/a, keep: 2}\n').message,
      /^regbot\.yml:2:5: policies\[0\]\.keepLast: match is required/,
    );
    assert.match(loadError("policies:\n  - keepLast: {repo: r.example.com/a, match: 'v(.*)', group: 2, keep: 1}\n").message, /group 2 is not a capture/);
    assert.match(loadError('policies:\n  - olderThan: {repo: r.example.com/a:tag, match: x, days: 1}\n').message, /repo names a repository, not an image/);
    assert.match(
      loadError('policies:\n  - olderThan: {repo: r.example.com/a, match: x, days: 1, by: modified}\n').message,
      /by must be "created" or "label:<name>"/,
    );
    assert.match(loadError('policies:\n  - {}\n').message, /policies\[0\] needs exactly one of keepLast, olderThan/);
  });

  it('refuses two scripts or policies with one name: results are reported under it', () => {
    assert.match(
      loadError('scripts:\n  - name: a\n    script: log("1")\npolicies:\n  - name: a\n    keepLast: {repo: r.example.com/a, match: x, keep: 1}\n').message,
      /"a" is used twice/,
    );
  });
});

describe('regkit prune on an unusable config', () => {
  it('exits 2 naming the script and file line of a Lua syntax error, before any request', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['prune', 'once', '-c', copyWithSecretFiles(join(FIXTURES, 'docs-regbot-md.yml')), '--dry-run'], {
      stdout: { write: (c) => (out += String(c)) },
      stderr: { write: (c) => (err += c) },
    });
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /^regkit: .*docs-regbot-md\.yml:25: script "Busybox Tags" does not compile/);
  });

  it('exits 2 when -c is missing', async () => {
    let err = '';
    const code = await runCli(['prune', 'once'], { stdout: { write: () => true }, stderr: { write: (c) => (err += c) } });
    assert.equal(code, 2);
    assert.match(err, /prune once needs -c FILE/);
  });
});
