// The regsync loader: defaults, templates, regkit's own keys, and every kind of bad input reported with
// file:line:column.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { expandBackup, loadSyncConfig, selectTags } from '../../src/sync/config/load.js';
import { GoTime } from '../../src/gotemplate/template.js';

const load = (text: string, env: Record<string, string> = {}) => loadSyncConfig({ text, name: 'regsync.yml' }, env);

/** Asserts that loading fails with a ConfigError at file:line:col whose message matches. */
function fails(text: string, line: number, column: number, re: RegExp): void {
  assert.throws(
    () => load(text),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
      assert.equal(err.file, 'regsync.yml');
      assert.deepEqual([err.line, err.column], [line, column], err.message);
      assert.match(err.message, re);
      assert.ok(err.message.startsWith(`regsync.yml:${line}:${column}: `), err.message);
      return true;
    },
  );
}

const step = (extra: string) => `sync:\n  - source: alpine\n    target: localhost:5000/alpine\n    type: repository\n${extra}`;

describe('regsync config: resolution', () => {
  it('an empty file is an empty config with regsync defaults', () => {
    const c = load('');
    assert.deepEqual(c.sync, []);
    assert.deepEqual(c.creds, []);
    assert.equal(c.defaults.parallel, 1);
    assert.deepEqual(c.defaults.rateLimit, { min: 0, retrySeconds: 300 });
    assert.equal(c.defaults.blobLimit, 1024 ** 3);
    assert.equal(c.defaults.skipDockerConfig, false);
    assert.equal(c.defaults.platformsIndex, 'sparse');
  });

  it('applies defaults to steps the way regsync does, step values winning', () => {
    const c = load(`
defaults:
  digestTags: true
  referrers: true
  referrerFilters:
    - artifactType: application/vnd.example.sbom
      annotations: { org.example/kind: sbom }
  referrerSource: "src.example/{{ .Sync.Source }}-refs"
  fastCheck: true
  mediaTypes: [application/vnd.oci.image.index.v1+json]
  hooks: { pre: { type: http, params: [a] } }
  ratelimit: { min: 5, retry: 1m }
  platformsIndex: rewrite
sync:
  - source: a
    target: r.example/a
    type: image
    digestTags: false
    referrerFilters: []
    ratelimit: { retry: 10m }
  - source: b
    target: r.example/b
    type: image
`);
    const [a, b] = c.sync;
    assert.deepEqual([a!.digestTags, a!.referrers, a!.fastCheck, a!.referrerFilters, a!.rateLimit], [false, true, true, [], { min: 5, retrySeconds: 600 }]);
    assert.deepEqual(b!.referrerFilters, [{ artifactType: 'application/vnd.example.sbom', annotations: { 'org.example/kind': 'sbom' } }]);
    assert.deepEqual([b!.rateLimit, b!.mediaTypes, b!.hooks.pre], [{ min: 5, retrySeconds: 300 }, ['application/vnd.oci.image.index.v1+json'], { type: 'http', params: ['a'] }]);
    assert.equal(b!.referrerSource, 'src.example/b-refs');
    assert.equal(b!.platformsIndex, 'rewrite');
  });

  it('expands source, referrerSource, target, referrerTarget in order, each seeing the ones before', () => {
    const c = load(`
sync:
  - source: "{{ env \\"SRC\\" }}/app"
    referrerSource: "{{ .Sync.Source }}-sig"
    target: "mirror.example/{{ index (split .Sync.Source \\"/\\") 1 }}"
    referrerTarget: "{{ .Sync.Target }}-sig"
    type: repository
`, { SRC: 'ghcr.io' });
    const s = c.sync[0]!;
    assert.deepEqual([s.source, s.referrerSource, s.target, s.referrerTarget], ['ghcr.io/app', 'ghcr.io/app-sig', 'mirror.example/app', 'mirror.example/app-sig']);
  });

  it('expands creds templates with no data; a missing env variable is ""', () => {
    const c = load(`
creds:
  - registry: "{{ env \\"REG\\" }}"
    user: "{{ env \\"NOPE\\" }}"
    pass: "{{ env \\"PASS\\" | trimSpace }}"
    credExpire: 1h30m
    reqPerSec: 0.5
    reqConcurrent: 2
    blobMax: -1
    repoAuth: true
    apiOpts: { disableHead: "true" }
    mirrors: [mirror.example]
    priority: 3
    pathPrefix: /prefix/
    clientcert: CERT
`, { REG: 'gcr.io', PASS: ' s3cret \n' });
    assert.deepEqual(c.creds[0], {
      registry: 'gcr.io', pass: 's3cret', clientCert: 'CERT', pathPrefix: 'prefix', credExpire: 5400, repoAuth: true, blobMax: -1, reqPerSec: 0.5,
      reqConcurrent: 2, apiOpts: { disableHead: 'true' }, mirrors: ['mirror.example'], priority: 3,
    });
  });

  it('reads {{file}} at load; an unreadable file is an error at its field, not an empty value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regkit-config-'));
    try {
      writeFileSync(join(dir, 'token'), 'tok\n');
      const c = load(`creds:\n  - registry: docker.io\n    pass: '{{ file "${join(dir, 'token')}" }}'\n`);
      assert.equal(c.creds[0]!.pass, 'tok');
      assert.equal(c.warnings.length, 0);
      assert.throws(
        () => load(`creds:\n  - registry: docker.io\n    pass: '{{ file "${join(dir, 'token')}" }}'\n    user: '{{ file "${join(dir, 'missing')}" }}'\n`),
        (err: unknown) => {
          assert.match(String(err), /regsync\.yml:4:\d+: template in creds\[0\]\.user failed at .*missing" could not be read \(ENOENT\)/);
          assert.doesNotMatch(String(err), /tok/);
          return true;
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('allows duplicate keys, the last one winning, as regsync\'s decoder does', () => {
    const c = load('defaults:\n  parallel: 2\n  parallel: 4\n');
    assert.equal(c.defaults.parallel, 4);
  });

  it('ignores x- keys at every level', () => {
    const c = load(`
x-top: 1
defaults: { x-note: a, parallel: 3 }
creds: [{ registry: r.example, x-owner: me }]
sync:
  - source: a
    target: r.example/a
    type: repository
    x-comment: hi
    tags: { allow: [a], x-why: because }
    ratelimit: { x-n: 1 }
`);
    assert.equal(c.defaults.parallel, 3);
    assert.equal(c.sync.length, 1);
  });

  it('reads tags.latest, tags.sort, tagSets and prune, and selects tags with them', () => {
    const c = load(step('    prune: true\n    tags:\n      semverRange: [">=3.18"]\n      latest: 2\n    tagSets:\n      - allow: [edge]\n'));
    const s = c.sync[0]!;
    assert.equal(s.prune, true);
    assert.deepEqual(selectTags(s.tagSets, ['3.17', '3.18', '3.19', '3.20', 'edge', 'latest']), ['3.19', '3.20', 'edge']);
  });

  it('keeps backup as a template and runs it per copy with .Ref and .Step', () => {
    const c = load(step('    backup: "{{ .Ref.Tag }}-{{ (time.Now).Format \\"20060102\\" }}-{{ .Step.Type }}"\n'));
    const ref = { Reference: 'localhost:5000/alpine:3', Registry: 'localhost:5000', Repository: 'alpine', Tag: '3', Digest: '' };
    const out = expandBackup(c.sync[0]!, ref, { now: () => new GoTime(1709596800000000000n) });
    assert.equal(out, '3-20240305-repository');
  });

  it('reads - as standard input', () => {
    const modUrl = new URL('../../src/sync/config/load.js', import.meta.url).href;
    const script = `import(${JSON.stringify(modUrl)}).then((m) => console.log(m.loadSyncConfig('-').sync[0].target))`;
    const r = spawnSync(process.execPath, ['-e', script], { input: 'sync: [{source: a, target: b.example/c, type: image}]\n', encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.trim(), 'b.example/c');
  });

  it('reads a file by path and names it in errors', () => {
    const path = fileURLToPath(new URL('../../../test/fixtures/regsync/testdata-config1.yml', import.meta.url));
    assert.equal(loadSyncConfig(path, {}).file, path);
    assert.throws(() => loadSyncConfig('/nonexistent/regsync.yml'), /cannot read config file "\/nonexistent\/regsync.yml": ENOENT/);
  });
});

describe('regsync config: bad input, each with file:line:col', () => {
  it('invalid YAML', () => fails('sync:\n  - source: [a\n', 3, 1, /invalid YAML/));
  it('unknown key at the top, with the nearest valid key', () => fails('synk: []\n', 1, 1, /unknown key "synk" in the top level; did you mean "sync"\?/));
  it('unknown key in a step', () => fails(step('    tgas:\n      allow: [a]\n'), 5, 5, /unknown key "tgas" in sync\[0\]; did you mean "tags"\?/));
  it('unknown key deep inside tags', () => fails(step('    tags:\n      alow: [a]\n'), 6, 7, /unknown key "alow" in sync\[0\]\.tags; did you mean "allow"\?/));
  it('unknown key in defaults and in creds', () => {
    fails('defaults:\n  paralel: 2\n', 2, 3, /did you mean "parallel"\?/);
    fails('creds:\n  - registry: r\n    hostnme: h\n', 3, 5, /unknown key "hostnme" in creds\[0\]; did you mean "hostname"\?/);
  });
  it('unknown key with nothing close lists the valid keys', () => fails('defaults:\n  ratelimit: { zzzzzz: 1 }\n', 2, 16, /valid keys are min, retry/));
  it('unknown key inside a merged anchor is reported where it is written', () => {
    fails('x-base: &base\n  typo: 1\nsync:\n  - <<: *base\n    source: a\n    target: b\n    type: image\n', 2, 3, /unknown key "typo" in sync\[0\]; did you mean "type"\?/);
  });
  it('a string where a list is due', () => fails(step('    tags:\n      allow: latest\n'), 6, 14, /sync\[0\]\.tags\.allow must be a list, not the string "latest"/));
  it('a list where a string is due', () => fails('sync:\n  - source: [a]\n    target: b\n    type: image\n', 2, 13, /sync\[0\]\.source must be a string, not a list/));
  it('a bad boolean and a bad number', () => {
    fails(step('    referrers: maybe\n'), 5, 16, /sync\[0\]\.referrers must be true or false/);
    fails('defaults:\n  parallel: lots\n', 2, 13, /defaults\.parallel must be an integer/);
  });
  it('version above 1', () => fails('version: 2\n', 1, 10, /unsupported config version 2/));
  it('unknown type', () => fails('sync:\n  - source: a\n    target: b\n    type: mirror\n', 4, 11, /type must be image, repository or registry, not "mirror"/));
  it('a missing source', () => fails('sync:\n  - target: b\n    type: image\n', 2, 5, /sync\[0\]\.source is required/));
  it('bad regex', () => fails(step('    tags:\n      deny: ["ok", "a(b"]\n'), 6, 20, /sync\[0\]\.tags\.deny\[1\]: invalid regex "a\(b": Unterminated group/));
  it('bad duration', () => fails(step('    interval: 5 minutes\n'), 5, 15, /sync\[0\]\.interval: invalid duration "5 minutes"/));
  it('bad cron', () => fails(step('    schedule: "61 * * * *"\n'), 5, 15, /minute value 61 is outside 0-59/));
  it('bad semver range', () => fails(step('    tags:\n      semverRange: [">=x.y"]\n'), 6, 21, /invalid semver range/));
  it('bad platform', () => fails(step('    platforms: [linux/amd64, linux]\n'), 5, 30, /sync\[0\]\.platforms\[1\]: invalid platform "linux"/));
  it('bad tls mode', () => fails('creds:\n  - registry: r\n    tls: off\n', 3, 10, /tls must be enabled, insecure or disabled/));
  it('prune on a step that is not a repository', () => fails('sync:\n  - source: a\n    target: b\n    type: image\n    prune: true\n', 5, 12, /prune applies only to type: repository/));
  it('template syntax error in a plain scalar, at its column in the file', () => fails('sync:\n  - source: alpine\n    target: reg/{{ .Sync.Source \n    type: image\n', 3, 32, /template in sync\[0\]\.target: unclosed action/));
  it('unknown template function, at its column in a quoted scalar', () => fails(step('    backup: "bkup-{{ nope .Ref.Tag }}"\n'), 5, 22, /template in sync\[0\]\.backup: function "nope" not defined/));
  it('unknown template function in defaults.backup', () => fails('defaults:\n  backup: "{{ tag }}"\n', 2, 15, /template in defaults\.backup: function "tag" not defined/));
  it('template error in a scalar with escapes is reported at the scalar', () => fails('creds:\n  - registry: "r\\tx{{ bad }}"\n', 2, 15, /template in creds\[0\]\.registry: function "bad" not defined/));
  it('template execution error names the action', () => fails('sync:\n  - source: "{{ index .Sync.Platforms 3 }}"\n    target: b\n    type: image\n', 2, 14, /failed at \{\{ index \.Sync\.Platforms 3 \}\}: error calling index: index out of range: 3/));
  it('never shows a password in an error', () => {
    assert.throws(() => load('creds:\n  - registry: r\n    pass: [s3cret]\n'), (err: unknown) => err instanceof ConfigError && !/s3cret/.test(err.message));
  });
});
