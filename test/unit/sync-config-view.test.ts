// `regkit sync config` prints a regsync.yml: every key in it is one the loader reads, so the output loads again under
// --strict, with no warning, to the same resolved config (secrets aside, which it redacts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSyncConfig, type SyncConfig } from '../../src/sync/config/load.js';
import { renderSyncConfig } from '../../src/sync/config/view.js';

const RICH = `version: 1
creds:
  - registry: registry.example.org
    user: mirror
    pass: hunter2-secret
    credExpire: 90m
    tls: insecure
    reqConcurrent: 2
    apiOpts: { disableHead: "true" }
defaults:
  parallel: 3
  interval: 90m
  backup: "bkup-{{.Ref.Tag}}"
  ratelimit: { min: 50, retry: 10m }
  cacheTime: 5m
  cacheCount: 100
  mediaTypes: [application/vnd.oci.image.index.v1+json]
  referrerFilters:
    - artifactType: application/vnd.dev.cosign.artifact.sig.v1+json
  hooks:
    post: { type: exec, params: [echo, done] }
sync:
  - source: alpine:3.20
    target: registry.example.org/library/alpine:3.20
    type: image
    platforms: [linux/amd64, linux/arm64]
    platformsIndex: rewrite
  - source: docker.io/library/busybox
    target: registry.example.org/library/busybox
    type: repository
    schedule: "15 3 * * *"
    prune: true
    digestTags: true
    referrers: true
    tags:
      allow: ['1\\.36.*', latest]
      deny: ['.*-musl']
    tagSets:
      - semverRange: [">=1.30 <2"]
        latest: 2
  - source: registry.example.org/team
    target: ocidir://mirror
    type: registry
    repos: { allow: ['team/.*'], deny: ['team/old'] }
`;

/** The config without what depends on where it was read from, and with the compiled backup as its text. */
function comparable(c: SyncConfig): unknown {
  const steps = c.sync.map(({ file: _f, line: _l, column: _c, backup, tagSets, repos, ...rest }) => ({
    ...rest,
    backup: backup?.source,
    tagSets: tagSets.map((t) => ({
      ...t,
      allow: t.allow.map((p) => p.source),
      deny: t.deny.map((p) => p.source),
      semverRange: t.semverRange.map((r) => r.source),
    })),
    repos: { allow: repos.allow.map((p) => p.source), deny: repos.deny.map((p) => p.source) },
  }));
  // credsFrom names the file each was read from, which differs by design.
  return { creds: c.creds.map(({ pass: _p, credsFrom: _f, ...rest }) => rest), defaults: c.defaults, sync: steps };
}

describe('sync config output', () => {
  it('loads again under --strict, with no warning, to the same config', () => {
    const first = loadSyncConfig({ text: RICH, name: 'regsync.yml' }, {}, { strict: true });
    const printed = renderSyncConfig(first);
    const again = loadSyncConfig({ text: printed, name: 'printed.yml' }, {}, { strict: true });
    assert.deepEqual(again.warnings, []);
    assert.deepEqual(comparable(again), comparable(first));
  });

  it("uses the file's keys and forms, not the loader's fields", () => {
    const printed = renderSyncConfig(loadSyncConfig({ text: RICH, name: 'regsync.yml' }, {}));
    assert.doesNotMatch(printed, /rateLimit|intervalSeconds|retrySeconds|cacheTimeSeconds/);
    assert.match(printed, /^ {2}ratelimit:\n {4}min: 50\n {4}retry: 10m0s$/m);
    assert.match(printed, /^ {2}interval: 1h30m0s$/m);
    assert.match(printed, /^ {4}credExpire: 1h30m0s$/m);
    assert.match(printed, /^ {4}pass: <redacted>$/m);
    assert.doesNotMatch(printed, /hunter2/);
  });
});
