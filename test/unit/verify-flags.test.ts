// `regkit verify`'s flags, as cosign spells them, become the same policy a sync step's `verify:` loads; what would
// admit unchecked or cannot verify is a usage error naming the flag.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseCommandLine } from '../../src/cli/parse.js';
import { UsageError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'regkit-verify-flags-'));
const key = join(dir, 'cosign.pub');
const root = join(dir, 'trusted_root.json');
writeFileSync(key, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
writeFileSync(
  root,
  JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [],
  }),
);

const policyOf = async (...flags: string[]) => {
  const inv = await parseCommandLine(['verify', 'registry.example/app:v1', ...flags]);
  assert.ok(inv.kind === 'run' && inv.command.name === 'verify', JSON.stringify(inv));
  return inv.command.policy;
};
const refused = (re: RegExp, ...flags: string[]) =>
  assert.rejects(policyOf(...flags), (err: unknown) => {
    assert.ok(err instanceof UsageError, String(err));
    assert.match(err.message, re);
    return true;
  });

describe('regkit verify flags', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keyless: the identity exact or by regex, the root, cosign’s default thresholds or the ones given', async () => {
    const p = await policyOf(
      '--trusted-root',
      root,
      '--certificate-identity',
      'me@example.test',
      '--certificate-oidc-issuer-regexp',
      'https://issuer\\.example\\.test',
    );
    assert.deepEqual(p.keys, []);
    assert.equal(p.trustedRoot?.name, root);
    assert.deepEqual(p.keyless[0]?.subject, { exact: 'me@example.test' });
    const issuer = p.keyless[0]?.issuer;
    assert.ok(issuer && 'regExp' in issuer && issuer.regExp.test('https://issuer.example.test') && !issuer.regExp.test('https://issuer.example.test.evil'));
    assert.deepEqual(p.thresholds, { tlog: 1, ctlog: 1, timestamp: 1 });
    const q = await policyOf('--key', key, '--trusted-root', root, '--tlog-threshold', '0', '--ctlog-threshold', '2', '--timestamp-threshold', '3');
    assert.deepEqual(q.thresholds, { tlog: 0, ctlog: 2, timestamp: 3 });
    assert.deepEqual(
      q.keys.map((k) => k.name),
      [key],
    );
  });

  it('--signed sets the policy’s scope (index by default); --platform the children a sync step’s filter would copy', async () => {
    assert.equal((await policyOf('--key', key)).signed, 'index');
    assert.equal((await policyOf('--key', key, '--signed', 'children')).signed, 'children');
    assert.equal((await policyOf('--key', key, '--signed=index-or-children')).signed, 'index-or-children');
    await refused(/--signed must be one of index, children, index-or-children, not "platforms"/, '--key', key, '--signed', 'platforms');
    const inv = await parseCommandLine(['verify', 'registry.example/app:v1', '--key', key, '--platform', 'linux/amd64', '-p', 'linux/arm64']);
    assert.ok(inv.kind === 'run' && inv.command.name === 'verify');
    assert.deepEqual(inv.command.platforms, ['linux/amd64', 'linux/arm64']);
    await assert.rejects(parseCommandLine(['verify', 'registry.example/app:v1', '--key', key, '--platform', 'linux']), /invalid platform "linux"/);
  });

  it('refuses what would admit unchecked or cannot verify, naming the flag', async () => {
    await refused(/verify needs --key FILE .*, or --trusted-root FILE with --certificate-identity/);
    await refused(/verify needs --key FILE/, '--trusted-root', root);
    await refused(/needs both --certificate-identity\[-regexp\] and --certificate-oidc-issuer/, '--trusted-root', root, '--certificate-identity', 'me');
    await refused(
      /give --certificate-identity or --certificate-identity-regexp, not both/,
      '--certificate-identity',
      'a',
      '--certificate-identity-regexp',
      'a',
    );
    await refused(/--certificate-identity needs --trusted-root/, '--certificate-identity', 'a', '--certificate-oidc-issuer', 'b');
    await refused(/--certificate-identity-regexp: invalid regex/, '--certificate-identity-regexp', '(', '--certificate-oidc-issuer', 'b');
    await refused(/--tlog-threshold must be a whole number, not "-1"/, '--key', key, '--tlog-threshold=-1');
    await refused(
      /--certificate-identity needs --timestamp-threshold of 1 or more/,
      '--trusted-root',
      root,
      '--certificate-identity',
      'a',
      '--certificate-oidc-issuer',
      'b',
      '--timestamp-threshold',
      '0',
    );
    await refused(/--trusted-root: cannot read .*missing\.json: ENOENT/, '--key', key, '--trusted-root', join(dir, 'missing.json'));
  });
});
