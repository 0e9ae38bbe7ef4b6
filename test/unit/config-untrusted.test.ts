// A policy under review (`--untrusted-config`): its creds lose every key that is a credential or that moves a
// registry's traffic, with a warning at the key; its templates read no file and no variable, at load and later (a
// backup name). The operator's own config keeps both.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ConfigError } from '../../src/errors.js';
import { loadBotConfig } from '../../src/prune/config/load.js';
import { expandBackup, loadSyncConfig } from '../../src/sync/config/load.js';
import type { ConfigTrust } from '../../src/config/trust.js';

const dir = mkdtempSync(join(tmpdir(), 'regkit-untrusted-'));
const secretFile = join(dir, 'config.json');
writeFileSync(secretFile, '{"auths":{"registry.example.com":{"auth":"c2VjcmV0"}}}\n');
const ENV = { HUB_TOKEN: 'env-secret-value', MIRROR: 'mirror.example.com' };
const UNDER_REVIEW: ConfigTrust = { kind: 'untrusted', allowEnv: [] };

const creds = [
  'creds:',
  '  - registry: evil.example.com',
  '    user: x',
  `    pass: '{{file "${secretFile}"}}'`,
  '    tls: disabled',
  '    reqPerSec: 5',
  '  - registry: registry.example.com',
  '    hostname: evil.example.com',
  '  - registry: borrow.example.com',
  '    credHost: registry.example.com',
  '    credHelper: ecr-login',
  '    token: "{{env \\"HUB_TOKEN\\"}}"',
  '    regcert: x',
  '    clientCert: x',
  '    clientKey: x',
].join('\n');

const syncText = (extra = '') =>
  `version: 1\n${creds}\nsync:\n  - source: evil.example.com/app\n    target: registry.example.com/app\n    type: repository\n${extra}`;

function assertRefused(err: unknown, what: RegExp): boolean {
  assert.ok(err instanceof ConfigError, String(err));
  assert.match(err.message, what);
  assert.match(err.message, /is refused: the config is under review \(--untrusted-config\)/);
  return true;
}

describe('a config under review', () => {
  it('keeps how a registry is reached but drops credentials and destinations, each with a warning at its key', () => {
    const c = loadSyncConfig({ text: syncText(), name: 'regsync.yml' }, ENV, { trust: UNDER_REVIEW });
    assert.deepEqual(c.creds, [
      { registry: 'evil.example.com', tls: 'disabled', reqPerSec: 5 },
      { registry: 'registry.example.com' },
      { registry: 'borrow.example.com' },
    ]);
    const refused = c.warnings.map((w) => `${w.line}: ${w.message.split(' refused: ')[0]}`);
    assert.deepEqual(refused, [
      '4: creds[0].user',
      '5: creds[0].pass',
      '9: creds[1].hostname',
      '11: creds[2].credHost',
      '12: creds[2].credHelper',
      '13: creds[2].token',
      '14: creds[2].regcert',
      '15: creds[2].clientCert',
      '16: creds[2].clientKey',
    ]);
    assert.match(c.warnings[1]!.message, /credentials come only from the trusted side \(--host, the hosts input, docker login on the runner\)/);
    assert.ok(!JSON.stringify(c).includes('c2VjcmV0') && !JSON.stringify(c).includes('env-secret-value'));
  });

  it('the same file, as the operator own config, reads the file and keeps every key', () => {
    const c = loadSyncConfig({ text: syncText(), name: 'regsync.yml' }, ENV);
    assert.equal(c.creds[0]!.pass, '{"auths":{"registry.example.com":{"auth":"c2VjcmV0"}}}');
    assert.equal(c.creds[1]!.hostname, 'evil.example.com');
  });

  it('refuses {{file}} and {{env}} anywhere else, naming the field', () => {
    const text = (source: string) => `version: 1\nsync:\n  - source: '${source}'\n    target: registry.example.com/app\n    type: repository\n`;
    assert.throws(
      () => loadSyncConfig({ text: text(`{{file "${secretFile}"}}.evil.example.com/x`), name: 'regsync.yml' }, ENV, { trust: UNDER_REVIEW }),
      (e) => assertRefused(e, /regsync\.yml:3:\d+: template in sync\[0\]\.source failed .*file ".*config\.json"/),
    );
    assert.throws(
      () => loadSyncConfig({ text: text('{{env "HUB_TOKEN"}}.evil.example.com/x'), name: 'regsync.yml' }, ENV, { trust: UNDER_REVIEW }),
      (e) => assertRefused(e, /env "HUB_TOKEN"/),
    );
    assert.equal(loadSyncConfig({ text: text('{{env "MIRROR"}}/x'), name: 'regsync.yml' }, ENV).sync[0]!.source, 'mirror.example.com/x');
  });

  it('reads the variables the trusted side allows, and only those', () => {
    const text = (source: string) => `version: 1\nsync:\n  - source: '${source}'\n    target: registry.example.com/app\n    type: repository\n`;
    const allowing: ConfigTrust = { kind: 'untrusted', allowEnv: ['MIRROR'] };
    assert.equal(loadSyncConfig({ text: text('{{env "MIRROR"}}/x'), name: 'regsync.yml' }, ENV, { trust: allowing }).sync[0]!.source, 'mirror.example.com/x');
    assert.throws(
      () => loadSyncConfig({ text: text('{{env "HUB_TOKEN"}}/x'), name: 'regsync.yml' }, ENV, { trust: allowing }),
      (e) => assertRefused(e, /env "HUB_TOKEN"/),
    );
  });

  it('a backup template run later reads nothing either', () => {
    const c = loadSyncConfig(
      {
        text: `version: 1\nsync:\n  - source: a.example.com/app\n    target: b.example.com/app\n    type: repository\n    backup: '{{env "HUB_TOKEN"}}'\n`,
        name: 'regsync.yml',
      },
      ENV,
      { trust: UNDER_REVIEW },
    );
    const ref = { Reference: 'b.example.com/app:1', Registry: 'b.example.com', Repository: 'app', Tag: '1', Digest: '' };
    assert.throws(() => expandBackup(c.sync[0]!, ref), /env "HUB_TOKEN" is refused/);
  });

  it('regbot creds are refused the same way', () => {
    const c = loadBotConfig({ text: `version: 1\n${creds}\n`, name: 'regbot.yml' }, ENV, { trust: UNDER_REVIEW });
    assert.deepEqual(c.creds[0], { registry: 'evil.example.com', tls: 'disabled', reqPerSec: 5 });
    assert.equal(c.warnings.filter((w) => / refused: /.test(w.message)).length, 9);
  });
});

describe('the policy-check workflow template', () => {
  it('reads every policy it checks as under review', () => {
    const workflow = parse(readFileSync('.github/workflow-templates/policy-check.yml', 'utf8')) as {
      jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    };
    const regkitSteps = Object.values(workflow.jobs).flatMap((j) => j.steps.filter((s) => /^regkit\/regkit\/actions\/(sync|prune)@/.test(s.uses ?? '')));
    assert.equal(regkitSteps.length, 2);
    for (const step of regkitSteps) assert.equal(step.with?.['untrusted-config'], true, step.uses);
  });
});
