// regkit's `verify:` extension of regsync files: keys loaded at load time, a step's policy replacing the defaults'
// one, every key of it regkit's own (an unknown one an error even without --strict, since a misspelt policy would
// admit images unchecked), and files without it loaded as before.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { loadSyncConfig } from '../../src/sync/config/load.js';
import { renderSyncConfig } from '../../src/sync/config/view.js';

const dir = mkdtempSync(join(tmpdir(), 'regkit-verify-config-'));
const pem = (): string => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const a = join(dir, 'a.pub');
const b = join(dir, 'b.pub');
const secret = join(dir, 'secret.txt');
writeFileSync(a, pem());
writeFileSync(b, pem());
writeFileSync(secret, 'hunter2-not-a-key');

const load = (text: string, strict = false) => loadSyncConfig({ text, name: 'regsync.yml' }, {}, { strict });
const step = (extra = '') => `  - source: alpine\n    target: localhost:5000/alpine\n    type: image\n${extra}`;

function fails(text: string, line: number, column: number, re: RegExp): void {
  assert.throws(
    () => load(text),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.deepEqual([err.line, err.column], [line, column], err.message);
      assert.match(err.message, re);
      return true;
    },
  );
}

describe('sync config: verify', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a file without verify loads as before: no policy on any step', () => {
    const c = load(`sync:\n${step()}`, true);
    assert.equal(c.defaults.verify, undefined);
    assert.equal(c.sync[0]!.verify, undefined);
    assert.equal('verify' in c.sync[0]!, false);
  });

  it('defaults.verify applies to every step; a step’s own replaces it; strict loading accepts both', () => {
    const c = load(`defaults:\n  verify:\n    keys: [${a}]\nsync:\n${step()}${step(`    verify:\n      keys: [${b}]\n`)}`, true);
    assert.deepEqual(
      c.sync.map((s) => s.verify?.keys.map((k) => k.name)),
      [[a], [b]],
    );
    assert.equal(c.sync[0]!.verify?.keys[0]?.key.asymmetricKeyType, 'ec');
    assert.deepEqual(c.warnings, []);
    // `sync config` shows each step's resolved policy, and loads again to the same one.
    const shown = renderSyncConfig(c);
    assert.equal(shown.split(`verify:\n      keys:\n        - ${b}`).length, 2, shown);
    assert.deepEqual(
      load(shown, true).sync.map((s) => s.verify?.keys.map((k) => k.name)),
      [[a], [b]],
    );
  });

  it('a config under review reads keys only inside the working directory', () => {
    const underReview = (keys: string) =>
      loadSyncConfig(
        { text: `sync:\n${step(`    verify:\n      keys: [${keys}]\n`)}`, name: 'regsync.yml' },
        {},
        { trust: { kind: 'untrusted', allowEnv: [] } },
      );
    for (const outside of [a, '../a.pub', 'keys/../../a.pub']) {
      assert.throws(() => underReview(outside), /is outside the working directory, which a config under review may not read/, outside);
    }
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.equal(underReview('a.pub').sync[0]!.verify?.keys[0]?.name, 'a.pub');
    } finally {
      process.chdir(cwd);
    }
  });

  it('an unknown key inside verify is an error even without --strict', () => {
    fails(`sync:\n${step(`    verify:\n      keys: [${a}]\n      identity: x\n`)}`, 7, 7, /unknown key "identity" in sync\[0\]\.verify/);
    fails(`sync:\n${step(`    verify:\n      key: [${a}]\n`)}`, 6, 7, /unknown key "key" in sync\[0\]\.verify; did you mean "keys"\?/);
  });

  it('no keys, an empty list, an unreadable file and a file that is not a public key are refused at their position', () => {
    fails(`sync:\n${step(`    verify:\n      x-note: 1\n`)}`, 6, 7, /sync\[0\]\.verify\.keys is required/);
    fails(`sync:\n${step(`    verify:\n      keys: []\n`)}`, 6, 13, /keys is empty/);
    fails(`sync:\n${step(`    verify:\n      keys: [${join(dir, 'missing.pub')}]\n`)}`, 6, 14, /cannot read .*missing\.pub: ENOENT/);
    assert.throws(
      () => load(`sync:\n${step(`    verify:\n      keys: [${secret}]\n`)}`),
      (err: unknown) => {
        assert.match((err as Error).message, /secret\.txt is not a PEM public key/);
        // The file may be a secret mistyped for a key: its text is never quoted.
        assert.doesNotMatch((err as Error).message, /hunter2/);
        return true;
      },
    );
  });
});
