// Every regsync example from regclient's documentation (test/fixtures/regsync/README.md) loads unchanged and
// resolves to the steps regsync would run.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadSyncConfig, type SyncConfig, type SyncStep } from '../../src/sync/config/load.js';
import { configWithSecretFiles } from '../harness/config-secrets.js';

const DIR = fileURLToPath(new URL('../../../test/fixtures/regsync/', import.meta.url));
const HOUR = 3600;
const DEFAULT_MEDIA = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

/** Loads an example as written, its mounted secret files provided (an unreadable file is a config error). */
const load = (name: string): SyncConfig => loadSyncConfig(configWithSecretFiles(`${DIR}${name}`), { HUB_USER: 'hubuser' });

/** The parts of a step a fixture's expectations talk about. */
function summary(s: SyncStep) {
  return {
    source: s.source,
    target: s.target,
    type: s.type,
    allow: s.tagSets.map((t) => t.allow.map((p) => p.source)),
    deny: s.tagSets.map((t) => t.deny.map((p) => p.source)),
    interval: s.intervalSeconds,
    schedule: s.schedule,
    backup: s.backup?.source,
    rateLimit: s.rateLimit,
  };
}

describe('regsync documentation examples', () => {
  it('covers every fixture in the directory', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.yml'))
      .sort();
    assert.deepEqual(files, [
      'docs-examples-k8s-configmap.yml',
      'docs-examples-regsync.yml',
      'docs-hub-regsync.yml',
      'docs-regsync-md.yml',
      'docs-regsync-quickstart.yml',
      'regclient-org-usage-tags.yml',
      'regclient-org-usage.yml',
      'test-config-read.yml',
      'testdata-config1.yml',
      'testdata-config2.yml',
    ]);
  });

  it('docs/regsync.md', () => {
    const c = load('docs-regsync-md.yml');
    assert.deepEqual(c.creds, [
      { registry: 'localhost:5000', tls: 'disabled' },
      { registry: 'docker.io', user: 'hubuser', pass: 'hub-token-value', credsFrom: `${DIR}docs-regsync-md.yml:8:5 (creds[1])` },
    ]);
    assert.equal(c.defaults.parallel, 2);
    assert.deepEqual(c.sync.map(summary), [
      {
        source: 'busybox:latest',
        target: 'localhost:5000/library/busybox:latest',
        type: 'image',
        allow: [],
        deny: [],
        interval: HOUR,
        schedule: undefined,
        backup: 'backup-{{.Ref.Tag}}',
        rateLimit: { min: 100, retrySeconds: 900 },
      },
      {
        source: 'alpine',
        target: 'localhost:5000/library/alpine',
        type: 'repository',
        allow: [['latest', 'edge', '3', '3.\\d+']],
        deny: [['3.0']],
        interval: undefined,
        schedule: '15 01 * * *',
        backup: '{{$t := time.Now}}{{printf "%s/backups/%s:%s-%d%d%d" .Ref.Registry .Ref.Repository .Ref.Tag $t.Year $t.Month $t.Day}}',
        rateLimit: { min: 100, retrySeconds: 900 },
      },
      {
        source: 'localreg:5000',
        target: 'localcopy:5000',
        type: 'registry',
        allow: [],
        deny: [],
        interval: undefined,
        schedule: undefined,
        backup: undefined,
        rateLimit: { min: 100, retrySeconds: 900 },
      },
    ]);
    assert.equal(c.warnings.length, 0);
  });

  it('docs/regsync.md without its secret file: loads as regsync loads it (an empty password), with a warning at the pass field', () => {
    const c = loadSyncConfig(`${DIR}docs-regsync-md.yml`, { HUB_USER: 'hubuser' });
    assert.deepEqual(c.creds[1], { registry: 'docker.io', user: 'hubuser', credsFrom: `${DIR}docs-regsync-md.yml:8:5 (creds[1])` });
    assert.deepEqual(
      c.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`),
      [`${DIR}docs-regsync-md.yml:9: creds[1].pass: {{file "/var/run/secrets/hub_token"}} could not be read (ENOENT) and expands to ""`],
    );
    assert.throws(
      () => loadSyncConfig(`${DIR}docs-regsync-md.yml`, { HUB_USER: 'hubuser' }, { strict: true }),
      /docs-regsync-md\.yml:9:\d+: creds\[1\]\.pass: .*hub_token"\}\} could not be read \(ENOENT\).*under --strict/,
    );
  });

  for (const name of ['docs-examples-regsync.yml', 'docs-regsync-quickstart.yml', 'docs-hub-regsync.yml']) {
    it(name, () => {
      const c = load(name);
      const steps = c.sync.map(summary);
      assert.deepEqual(steps[0], {
        source: 'busybox:latest',
        target: 'registry:5000/library/busybox:latest',
        type: 'image',
        allow: [],
        deny: [],
        interval: HOUR,
        schedule: undefined,
        backup: 'bkup-{{.Ref.Tag}}',
        rateLimit: { min: 100, retrySeconds: 900 },
      });
      assert.deepEqual(steps[1]!.allow, [['latest', '3', '3.\\d+']]);
      assert.equal(steps[1]!.type, 'repository');
      assert.equal(c.creds[0]!.tls, 'disabled');
      assert.equal(c.creds[1]!.user, 'hubuser');
      assert.equal(c.creds[1]!.pass, 'hub-token-value');
      assert.ok(c.sync.every((s) => s.backup?.source === 'bkup-{{.Ref.Tag}}' && s.intervalSeconds === HOUR));
    });
  }

  it('docs/examples/regsync.yml keeps its own mediaTypes on the debian step', () => {
    const c = load('docs-examples-regsync.yml');
    assert.equal(c.sync.length, 4);
    assert.equal(c.sync[2]!.mediaTypes.length, 6);
    assert.equal(c.sync[2]!.mediaTypes[0], 'application/vnd.docker.distribution.manifest.v1+json');
    assert.deepEqual(c.sync[0]!.mediaTypes, DEFAULT_MEDIA);
    assert.equal(c.sync[3]!.source, 'ghcr.io/regclient/regctl:latest');
  });

  it('docs/hub-regsync.md: the deprecated scheme: http is read, with a warning', () => {
    const c = load('docs-hub-regsync.yml');
    assert.equal(c.sync[2]!.source, 'regclient/regctl:latest');
    assert.ok(c.warnings.some((w) => /creds\[0\]\.scheme is deprecated/.test(w.message)));
  });

  it('docs/examples/k8s-regsync.yaml', () => {
    const c = load('docs-examples-k8s-configmap.yml');
    assert.deepEqual(c.creds, [{ registry: 'registry:5000', hostname: 'registry.registry:5000', tls: 'disabled' }, { registry: 'docker.io' }]);
    assert.equal(c.defaults.parallel, 1);
    assert.deepEqual(
      c.sync.map((s) => [s.source, s.type, s.intervalSeconds, s.rateLimit.min, s.tagSets[0]!.allow.map((p) => p.source)]),
      [
        // regsync lists the repository and ignores the tag the example writes on this repository step.
        ['busybox', 'repository', 300, 10, ['latest']],
        ['alpine', 'repository', 300, 10, ['latest', '3']],
        ['debian', 'repository', 300, 10, ['latest']],
      ],
    );
    assert.equal(c.sync[0]!.target, 'registry:5000/library/busybox');
    assert.deepEqual(
      c.warnings.map((w) => [w.line, /names tag "latest", which a repository step ignores/.test(w.message)]),
      [
        [19, true],
        [20, true],
      ],
    );
  });

  for (const name of ['testdata-config1.yml', 'test-config-read.yml']) {
    it(`${name}: anchors, << merges and templates on .Sync`, () => {
      const c = load(name);
      assert.deepEqual(
        c.sync.map((s) => [s.source, s.target, s.type]),
        [
          ['busybox:latest', 'registry:5000/library/busybox:latest', 'image'],
          ['alpine', 'registry:5000/hub/alpine', 'repository'],
          ['gcr.io/example/repo', 'registry:5000/gcr/example/repo', 'repository'],
        ],
      );
      // Numbers in a string list keep their text, as Go's decoder gives it: 3.9, not 3.9000001 or 3.90.
      assert.deepEqual(
        c.sync[1]!.tagSets[0]!.allow.map((p) => p.source),
        ['3', '3.9', 'latest'],
      );
      assert.ok(c.sync[1]!.tagSets[0]!.allow[1]!.regex.test('3.9'));
    });
  }

  it('testdata-config1.yml: cacheCount/cacheTime and a step schedule', () => {
    const c = load('testdata-config1.yml');
    assert.equal(c.defaults.cacheCount, 500);
    assert.equal(c.defaults.cacheTimeSeconds, 300);
    assert.equal(c.sync[0]!.schedule, '15 3 * * *');
    assert.equal(c.sync[0]!.intervalSeconds, undefined);
    assert.equal(c.sync[1]!.intervalSeconds, HOUR);
  });

  it('testdata-config2.yml: the default schedule applies only to steps without interval; retry is floored at 5m', () => {
    const c = load('testdata-config2.yml');
    assert.equal(c.version, 1);
    assert.deepEqual(
      c.sync.map((s) => [s.intervalSeconds, s.schedule, s.rateLimit.retrySeconds]),
      [
        [12 * HOUR, undefined, 300],
        [undefined, '15 3 * * *', 300],
      ],
    );
  });

  it('regclient.org usage (tagSets with semverRange; fastCopy ignored as regsync ignores it)', () => {
    const c = load('regclient-org-usage.yml');
    assert.deepEqual(c.creds[0], {
      registry: 'registry.example.org',
      user: 'syncuser',
      pass: 'Pa$$w0rd',
      credsFrom: `${DIR}regclient-org-usage.yml:8:5 (creds[0])`,
    });
    const alpine = c.sync[1]!;
    assert.equal(alpine.tagSets.length, 2);
    assert.deepEqual(
      alpine.tagSets[1]!.semverRange.map((r) => r.source),
      ['>=3.5.1 <4.0'],
    );
    const regctl = c.sync[2]!;
    assert.deepEqual([regctl.referrers, regctl.digestTags, regctl.fastCheck], [true, true, false]);
    assert.ok(c.warnings.some((w) => /fastCopy is ignored, as regsync ignores it: the key regsync reads is fastCheck/.test(w.message) && w.line === 40));
    assert.ok(c.sync.every((s) => s.intervalSeconds === HOUR));
  });

  it('regclient.org usage, earlier revision', () => {
    const c = load('regclient-org-usage-tags.yml');
    assert.deepEqual(c.sync.map(summary)[1]!.deny, [['3\\.0']]);
    assert.equal(c.sync[2]!.fastCheck, false);
  });
});
