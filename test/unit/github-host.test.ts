// Which hosts delete through the GitHub Packages API, as creds entries, `--host` specs and the environment say; the
// `untagged` policy that only such hosts can plan.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deletesThroughGithubPackages } from '../../src/config/hostconfig.js';
import { parseHostSpec } from '../../src/config/host-spec.js';
import { UsageError } from '../../src/errors.js';
import { loadBotConfig } from '../../src/prune/config/load.js';
import { githubApiFromEnv } from '../../src/store/registry/github/packages.js';
import { silentLogger } from '../../src/log.js';
import { formatReference } from '../../src/oci/reference.js';
import { parsePolicyCall } from '../../src/prune/policy/args.js';
import { planPolicy } from '../../src/prune/policy/policy.js';
import { StoreSet } from '../../src/store/open.js';

describe('GitHub Packages hosts', () => {
  it('ghcr.io always; another registry only with api: github', () => {
    assert.equal(deletesThroughGithubPackages({ registry: 'ghcr.io' }), true);
    assert.equal(deletesThroughGithubPackages({ registry: 'containers.example.com', api: 'github' }), true);
    assert.equal(deletesThroughGithubPackages({ registry: 'containers.example.com' }), false);
  });

  it("creds read api: github as regkit's key and still warn on regclient's deprecated api values", () => {
    const c = loadBotConfig(
      { text: 'version: 1\ncreds:\n  - registry: ghe.example.com\n    api: github\n  - registry: r.example.com\n    api: docker\n', name: 'regbot.yml' },
      {},
    );
    assert.deepEqual(c.creds, [{ registry: 'ghe.example.com', api: 'github' }, { registry: 'r.example.com' }]);
    assert.deepEqual(
      c.warnings.map((w) => [w.line, /api is deprecated and ignored; regkit reads only api: github/.test(w.message)]),
      [[6, true]],
    );
  });

  it('--host takes api=github and refuses other values', () => {
    assert.deepEqual(parseHostSpec('reg=ghe.example.com,api=github,token=t'), {
      registry: 'ghe.example.com',
      api: 'github',
      token: 't',
      credsFrom: '--host reg=ghe.example.com',
    });
    assert.throws(
      () => parseHostSpec('reg=r.example.com,api=gitlab'),
      (e: unknown) => e instanceof UsageError && /api must be github/.test(e.message),
    );
  });

  it('GITHUB_API_URL and GITHUB_TOKEN from the environment, api.github.com by default', () => {
    assert.deepEqual(githubApiFromEnv({}), { apiUrl: 'https://api.github.com' });
    assert.deepEqual(githubApiFromEnv({ GITHUB_API_URL: 'https://ghe.example.com/api/v3', GITHUB_TOKEN: 'tok' }), {
      apiUrl: 'https://ghe.example.com/api/v3',
      token: 'tok',
    });
  });
});

describe('the untagged policy', () => {
  it('takes only repo, from regbot.yml or a call', () => {
    const c = loadBotConfig({ text: 'version: 1\npolicies:\n  - name: dangling\n    untagged: {repo: ghcr.io/acme/app}\n', name: 'regbot.yml' }, {});
    assert.deepEqual(
      c.policies.map((p) => [p.name, p.call.kind, formatReference(p.call.repo)]),
      [['dangling', 'untagged', 'ghcr.io/acme/app']],
    );
    assert.throws(() => parsePolicyCall('untagged', { repo: 'ghcr.io/acme/app', match: '.*' }), /untagged: unknown argument "match"/);
    assert.throws(() => parsePolicyCall('untagged', { repo: 'ghcr.io/acme/app:v1' }), /drop the tag or digest/);
  });

  it('refuses, before any write, a store that cannot list untagged manifests', async () => {
    const stores = new StoreSet({ hosts: [{ registry: 'registry.example.com' }], logger: silentLogger, useDockerConfig: false });
    try {
      await assert.rejects(
        planPolicy({ stores, logger: silentLogger }, parsePolicyCall('untagged', { repo: 'registry.example.com/app' })),
        /the untagged policy works on GitHub Packages registries/,
      );
      await assert.rejects(
        planPolicy({ stores, logger: silentLogger }, parsePolicyCall('untagged', { repo: 'ocidir:///nonexistent/layout' })),
        /not in a registry that lists untagged manifests/,
      );
    } finally {
      await stores.close();
    }
  });
});
