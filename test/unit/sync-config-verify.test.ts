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

  it('signed: index by default; children or index-or-children when given; shown by sync config and loaded again', () => {
    const c = load(
      `defaults:\n  verify:\n    keys: [${a}]\n    signed: index-or-children\nsync:\n${step()}${step(`    verify:\n      keys: [${b}]\n`)}${step(
        `    verify:\n      keys: [${b}]\n      signed: children\n`,
      )}`,
      true,
    );
    assert.deepEqual(
      c.sync.map((s) => s.verify?.signed),
      ['index-or-children', 'index', 'children'],
    );
    const shown = renderSyncConfig(c);
    assert.match(shown, /signed: index-or-children/);
    assert.deepEqual(
      load(shown, true).sync.map((s) => s.verify?.signed),
      ['index-or-children', 'index', 'children'],
    );
    // A misspelt scope must not fall back to the laxer default.
    fails(
      `sync:\n${step(`    verify:\n      keys: [${a}]\n      signed: platforms\n`)}`,
      7,
      15,
      /verify\.signed: "platforms" is not one of index, children, index-or-children/,
    );
    fails(
      `sync:\n${step(`    verify:\n      keys: [${a}]\n      sigend: children\n`)}`,
      7,
      7,
      /unknown key "sigend" in sync\[0\]\.verify; did you mean "signed"\?/,
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

  describe('keyless', () => {
    const root = join(dir, 'trusted_root.json');
    // A trusted root of the shape sigstore writes, with no authorities: enough for the loader, which reads its form.
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
    const notRoot = join(dir, 'not-root.json');
    writeFileSync(notRoot, '{"password": "hunter2-not-a-root"');
    const keyless = (identity: string, extra = '') =>
      `sync:\n${step(`    verify:\n      trustedRoot: ${root}\n      keyless:\n        - ${identity}\n${extra}`)}`;

    it('identities exact or by regex, the trusted root and the default thresholds load; sync config shows them and loads again', () => {
      const c = load(keyless(`issuer: https://token.actions.githubusercontent.com\n          subjectRegExp: https://github\\.com/acme/.*`), true);
      const v = c.sync[0]!.verify!;
      assert.deepEqual(v.keys, []);
      assert.equal(v.trustedRoot?.name, root);
      assert.deepEqual(v.thresholds, { tlog: 1, ctlog: 1, timestamp: 1 });
      const id = v.keyless[0]!;
      assert.deepEqual(id.issuer, { exact: 'https://token.actions.githubusercontent.com' });
      assert.ok('regExp' in id.subject && id.subject.regExp.test('https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main'));
      // Anchored: the regex must match the whole subject.
      assert.ok('regExp' in id.subject && !id.subject.regExp.test('https://evil.example/?https://github.com/acme/x'));
      const shown = renderSyncConfig(c);
      const again = load(shown, true).sync[0]!.verify!;
      assert.deepEqual(again.keyless[0]!.issuer, id.issuer);
      assert.equal('regExp' in again.keyless[0]!.subject && again.keyless[0]!.subject.pattern, 'https://github\\.com/acme/.*');
      assert.equal(again.trustedRoot?.name, root);
      assert.match(shown, /tlogThreshold: 1\n\s+ctlogThreshold: 1\n\s+timestampThreshold: 1/);
    });

    it('thresholds are read; keys and keyless may go together', () => {
      const c = load(
        keyless('issuer: i\n          subject: s', `      keys: [${a}]\n      tlogThreshold: 0\n      ctlogThreshold: 0\n      timestampThreshold: 2\n`),
        true,
      );
      const v = c.sync[0]!.verify!;
      assert.deepEqual(v.thresholds, { tlog: 0, ctlog: 0, timestamp: 2 });
      assert.deepEqual(
        v.keys.map((k) => k.name),
        [a],
      );
    });

    it('what would admit unchecked or cannot verify is refused at its position', () => {
      fails(`sync:\n${step(`    verify:\n      keyless:\n        - issuer: i\n          subject: s\n`)}`, 6, 7, /keyless needs trustedRoot/);
      fails(keyless('issuer: i'), 8, 11, /keyless\[0\]\.subject \(or subjectRegExp\) is required/);
      fails(keyless('issuer: i\n          subject: s\n          subjectRegExp: s.*'), 10, 11, /give subject or subjectRegExp, not both/);
      fails(keyless('issuer: i\n          subjectRegExp: "(unclosed"'), 9, 26, /subjectRegExp: invalid regex/);
      fails(keyless('issuer: i\n          subjct: s'), 9, 11, /unknown key "subjct" in sync\[0\]\.verify\.keyless\[0\]; did you mean "subject"\?/);
      fails(keyless('issuer: i\n          subject: s', '      tlogThreshold: -1\n'), 10, 22, /tlogThreshold must be at least 0/);
      fails(keyless('issuer: i\n          subject: s', '      timestampThreshold: 0\n'), 6, 7, /keyless needs timestampThreshold of 1 or more/);
      fails(`sync:\n${step(`    verify:\n      keyless: []\n      trustedRoot: ${root}\n`)}`, 6, 16, /keyless is empty/);
    });

    it('a trusted root that is missing, not JSON or not a trusted root fails at its position, never quoting the file', () => {
      fails(keyless('issuer: i\n          subject: s').replace(root, join(dir, 'missing.json')), 6, 20, /trustedRoot: cannot read .*missing\.json: ENOENT/);
      fails(keyless('issuer: i\n          subject: s').replace(root, notRoot), 6, 20, /not-root\.json is not JSON \(error at character \d+\)/);
      assert.throws(
        () => load(keyless('issuer: i\n          subject: s').replace(root, notRoot)),
        (err: unknown) => !/hunter2/.test((err as Error).message),
      );
      // A path onto something huge (a log, a device) is read no further than the cap.
      writeFileSync(notRoot, Buffer.alloc(2 * 1024 * 1024, 0x20));
      fails(
        keyless('issuer: i\n          subject: s').replace(root, notRoot),
        6,
        20,
        /not-root\.json is larger than 1048576 bytes, more than a key or a trusted root/,
      );
      writeFileSync(notRoot, '{"mediaType": "application/json"}');
      fails(keyless('issuer: i\n          subject: s').replace(root, notRoot), 6, 20, /is not a sigstore trusted_root\.json/);
    });

    it('a config under review reads its trusted root only inside the working directory', () => {
      assert.throws(
        () => loadSyncConfig({ text: keyless('issuer: i\n          subject: s'), name: 'regsync.yml' }, {}, { trust: { kind: 'untrusted', allowEnv: [] } }),
        /verify\.trustedRoot: .* is outside the working directory, which a config under review may not read/,
      );
    });
  });
});
