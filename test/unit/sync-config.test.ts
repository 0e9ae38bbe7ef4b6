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

const load = (text: string, env: Record<string, string> = {}, strict = false) => loadSyncConfig({ text, name: 'regsync.yml' }, env, { strict });

/** Asserts that loading fails with a ConfigError at file:line:col whose message matches. */
function fails(text: string, line: number, column: number, re: RegExp, strict = false): void {
  assert.throws(
    () => load(text, {}, strict),
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

/** What regsync loads silently: by default one warning at file:line:col, under strict the same as an error there. */
function tolerated(text: string, line: number, column: number, re: RegExp): void {
  const c = load(text);
  const hits = c.warnings.filter((w) => re.test(w.message));
  assert.equal(hits.length, 1, JSON.stringify(c.warnings));
  assert.deepEqual({ ...hits[0], message: '' }, { message: '', file: 'regsync.yml', line, column });
  fails(text, line, column, re, true);
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
    assert.deepEqual(
      [b!.rateLimit, b!.mediaTypes, b!.hooks.pre],
      [{ min: 5, retrySeconds: 300 }, ['application/vnd.oci.image.index.v1+json'], { type: 'http', params: ['a'] }],
    );
    assert.equal(b!.referrerSource, 'src.example/b-refs');
    assert.equal(b!.platformsIndex, 'rewrite');
  });

  it('expands source, referrerSource, target, referrerTarget in order, each seeing the ones before', () => {
    const c = load(
      `
sync:
  - source: "{{ env \\"SRC\\" }}/app"
    referrerSource: "{{ .Sync.Source }}-sig"
    target: "mirror.example/{{ index (split .Sync.Source \\"/\\") 1 }}"
    referrerTarget: "{{ .Sync.Target }}-sig"
    type: repository
`,
      { SRC: 'ghcr.io' },
    );
    const s = c.sync[0]!;
    assert.deepEqual(
      [s.source, s.referrerSource, s.target, s.referrerTarget],
      ['ghcr.io/app', 'ghcr.io/app-sig', 'mirror.example/app', 'mirror.example/app-sig'],
    );
  });

  it('expands creds templates with no data; a missing env variable is ""', () => {
    const c = load(
      `
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
`,
      { REG: 'gcr.io', PASS: ' s3cret \n' },
    );
    assert.deepEqual(c.creds[0], {
      registry: 'gcr.io',
      pass: 's3cret',
      clientCert: 'CERT',
      pathPrefix: 'prefix',
      credExpire: 5400,
      repoAuth: true,
      blobMax: -1,
      reqPerSec: 0.5,
      reqConcurrent: 2,
      apiOpts: { disableHead: 'true' },
      mirrors: ['mirror.example'],
      priority: 3,
    });
  });

  it('reads {{file}} at load; an unreadable file expands to "" with a warning at its field (an error under strict)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regkit-config-'));
    try {
      writeFileSync(join(dir, 'token'), 'tok\n');
      const c = load(`creds:\n  - registry: docker.io\n    pass: '{{ file "${join(dir, 'token')}" }}'\n`);
      assert.equal(c.creds[0]!.pass, 'tok');
      assert.equal(c.warnings.length, 0);
      const text = `creds:\n  - registry: docker.io\n    pass: '{{ file "${join(dir, 'token')}" }}'\n    user: '{{ file "${join(dir, 'missing')}" }}'\n`;
      const lenient = load(text);
      assert.equal(lenient.creds[0]!.user, undefined, 'an empty user is no user');
      assert.equal(lenient.creds[0]!.pass, 'tok');
      tolerated(text, 4, 11, /creds\[0\]\.user: \{\{file ".*missing"\}\} could not be read \(ENOENT\) and expands to ""/);
      assert.throws(
        () => load(text, {}, true),
        (err: unknown) => !String(err).includes('tok'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("allows duplicate keys, the last one winning, as regsync's decoder does", () => {
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
    assert.throws(
      () => loadSyncConfig('/nonexistent/regsync.yml'),
      /cannot read the config file: \/nonexistent\/regsync.yml does not exist; check the path given with -c/,
    );
  });
});

describe('regsync config: bad input, each with file:line:col', () => {
  it('invalid YAML', () => fails('sync:\n  - source: [a\n', 3, 1, /invalid YAML/));
  it('unknown key at the top, with the nearest valid key', () =>
    tolerated('synk: []\n', 1, 1, /unknown key "synk" in the top level is ignored; did you mean "sync"\?/));
  it('a misspelt filter in a step is refused even without strict: ignoring it would copy every tag', () => {
    fails(
      step('    tgas:\n      allow: [a]\n'),
      5,
      5,
      /unknown key "tgas" in sync\[0\]; did you mean "tags"\? Ignoring it would widen what the run writes or deletes/,
    );
    fails(step('    platfroms: [linux/amd64]\n'), 5, 5, /did you mean "platforms"\?/);
  });
  it('a misspelt key inside tags is refused even without strict', () =>
    fails(step('    tags:\n      alow: [a]\n'), 6, 7, /unknown key "alow" in sync\[0\]\.tags; did you mean "allow"\?/));
  it('unknown key in defaults and in creds', () => {
    tolerated('defaults:\n  paralel: 2\n', 2, 3, /did you mean "parallel"\?/);
    tolerated('creds:\n  - registry: r\n    hostnme: h\n', 3, 5, /unknown key "hostnme" in creds\[0\] is ignored; did you mean "hostname"\?/);
  });
  it('unknown key with nothing close lists the valid keys', () => tolerated('defaults:\n  ratelimit: { zzzzzz: 1 }\n', 2, 16, /valid keys are min, retry/));
  it('unknown key inside a merged anchor is reported where it is written', () => {
    tolerated(
      'x-base: &base\n  typo: 1\nsync:\n  - <<: *base\n    source: a\n    target: b\n    type: image\n',
      2,
      3,
      /unknown key "typo" in sync\[0\] is ignored; did you mean "type"\?/,
    );
  });
  it('an unknown key is dropped: the rest of the entry loads as regsync loads it', () => {
    const c = load(step('    frequency: 5m\n    tags:\n      allow: [a]\n'));
    assert.deepEqual(
      c.sync[0]!.tagSets[0]!.allow.map((p) => p.source),
      ['a'],
    );
    assert.equal(c.warnings.length, 1);
  });
  it('a tag or digest on a repository step is ignored: the step syncs the repository', () => {
    const c = load('sync:\n  - source: busybox:latest\n    target: registry:5000/library/busybox:latest\n    type: repository\n');
    assert.equal(c.sync[0]!.source, 'busybox');
    assert.equal(c.sync[0]!.target, 'registry:5000/library/busybox');
    assert.deepEqual(
      c.warnings.map((w) => [w.line, w.column, w.message]),
      [
        [
          2,
          13,
          'sync[0].source "busybox:latest" names tag "latest", which a repository step ignores: it syncs the tags of busybox that its filters select ' +
            '(regsync lists them too, then fails each copy on "busybox:latest:<tag>"); write "busybox"',
        ],
        [
          3,
          13,
          'sync[0].target "registry:5000/library/busybox:latest" names tag "latest", which a repository step ignores: it syncs the tags of ' +
            'registry:5000/library/busybox that its filters select (regsync lists them too, then fails each copy on "registry:5000/library/busybox:latest:<tag>"); ' +
            'write "registry:5000/library/busybox"',
        ],
      ],
    );
    const digest = `sha256:${'a'.repeat(64)}`;
    const d = load(`sync:\n  - source: reg.example:5000/app:v1@${digest}\n    target: ocidir://mirror/app\n    type: repository\n`);
    assert.equal(d.sync[0]!.source, 'reg.example:5000/app');
    assert.match(d.warnings[0]!.message, new RegExp(`names tag "v1" and digest ${digest}`));
    tolerated('sync:\n  - source: alpine:3\n    target: r/alpine\n    type: repository\n', 2, 13, /"alpine:3" names tag "3"/);
    // An image step's tag is what it copies: no warning.
    assert.deepEqual(load('sync:\n  - source: alpine:3\n    target: r/alpine:3\n    type: image\n').warnings, []);
  });
  it('tag filters on an image step and targetTag are ignored with a warning (errors under strict)', () => {
    tolerated('sync:\n  - source: a:1\n    target: b:1\n    type: image\n    tags:\n      allow: [x]\n', 5, 5, /tag filters are ignored for type: image/);
    tolerated('sync:\n  - source: a:1\n    target: b:1\n    type: image\n    targetTag: x\n', 5, 5, /targetTag is ignored/);
  });
  it('a string where a list is due', () =>
    fails(step('    tags:\n      allow: latest\n'), 6, 14, /sync\[0\]\.tags\.allow must be a list, not the string "latest"/));
  it('a list where a string is due', () =>
    fails('sync:\n  - source: [a]\n    target: b\n    type: image\n', 2, 13, /sync\[0\]\.source must be a string, not a list/));
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
  it('prune on a step that is not a repository', () =>
    fails('sync:\n  - source: a\n    target: b\n    type: image\n    prune: true\n', 5, 12, /prune applies only to type: repository/));
  it('template syntax error in a plain scalar, at its column in the file', () =>
    fails('sync:\n  - source: alpine\n    target: reg/{{ .Sync.Source \n    type: image\n', 3, 32, /template in sync\[0\]\.target: unclosed action/));
  it('unknown template function, at its column in a quoted scalar', () =>
    fails(step('    backup: "bkup-{{ nope .Ref.Tag }}"\n'), 5, 22, /template in sync\[0\]\.backup: function "nope" not defined/));
  it('unknown template function in defaults.backup', () =>
    fails('defaults:\n  backup: "{{ tag }}"\n', 2, 15, /template in defaults\.backup: function "tag" not defined/));
  it('template error in a scalar with escapes is reported at the scalar', () =>
    fails('creds:\n  - registry: "r\\tx{{ bad }}"\n', 2, 15, /template in creds\[0\]\.registry: function "bad" not defined/));
  it('template execution error names the action', () =>
    fails(
      'sync:\n  - source: "{{ index .Sync.Platforms 3 }}"\n    target: b\n    type: image\n',
      2,
      14,
      /failed at \{\{ index \.Sync\.Platforms 3 \}\}: error calling index: index out of range: 3/,
    ));
  it('never shows a password in an error', () => {
    assert.throws(
      () => load('creds:\n  - registry: r\n    pass: [s3cret]\n'),
      (err: unknown) => err instanceof ConfigError && !/s3cret/.test(err.message),
    );
  });
});
