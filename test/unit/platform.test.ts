import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors.js';
import type { Descriptor } from '../../src/oci/manifest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import {
  compatiblePlatforms,
  formatPlatform,
  localPlatform,
  normalizePlatform,
  parsePlatform,
  platformMatches,
  selectPlatform,
  type Platform,
} from '../../src/oci/platform.js';

const p = (s: string): Platform => parsePlatform(s);

describe('parsePlatform / formatPlatform', () => {
  it('parses os/arch, os/arch/variant and osver', () => {
    assert.deepEqual(p('linux/amd64'), { os: 'linux', architecture: 'amd64' });
    assert.deepEqual(p('linux/arm/v7'), { os: 'linux', architecture: 'arm', variant: 'v7' });
    assert.deepEqual(p('windows/amd64,osver=10.0.17763'), { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763' });
    assert.equal(formatPlatform(p('windows/amd64,osver=10.0.17763')), 'windows/amd64,osver=10.0.17763');
    assert.equal(formatPlatform(p('Linux/ARM64/V8')), 'linux/arm64/v8');
  });

  it('rejects other syntax with a UsageError naming the expected form', () => {
    for (const bad of ['', 'linux', 'linux/', '/amd64', 'linux/arm/v7/x', 'linux/amd64,foo=1', 'linux amd64', 'linux/amd64,osver=']) {
      assert.throws(
        () => parsePlatform(bad),
        (err: unknown) => {
          assert.ok(err instanceof UsageError, `${bad}: ${String(err)}`);
          assert.ok(err.message.includes(`"${bad}"`), err.message);
          assert.match(err.message, /OS\/ARCH\[\/VARIANT\]|osver=VERSION/);
          return true;
        },
      );
    }
  });

  it('maps the runner to OCI terms for "local"', () => {
    assert.deepEqual(localPlatform('linux', 'x64'), { os: 'linux', architecture: 'amd64' });
    assert.deepEqual(localPlatform('linux', 'arm64'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(localPlatform('linux', 'arm', '6'), { os: 'linux', architecture: 'arm', variant: 'v6' });
    assert.deepEqual(localPlatform('win32', 'x64'), { os: 'windows', architecture: 'amd64' });
    assert.deepEqual(localPlatform('darwin', 'arm64'), { os: 'darwin', architecture: 'arm64', variant: 'v8' });
    assert.deepEqual(parsePlatform('local'), localPlatform());
    assert.ok(!['x64', 'ia32'].includes(parsePlatform('local').architecture));
  });
});

describe('normalizePlatform', () => {
  const same: Array<[string, string]> = [
    ['linux/arm64', 'linux/arm64/v8'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/amd64', 'linux/amd64/v1'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/i386', 'linux/386'],
  ];
  for (const [a, b] of same) {
    it(`${a} ≡ ${b}`, () => {
      assert.deepEqual(normalizePlatform(p(a)), normalizePlatform(p(b)));
      assert.ok(platformMatches(p(a), p(b)) && platformMatches(p(b), p(a)));
    });
  }
  it('keeps variants that matter', () => {
    assert.equal(formatPlatform(normalizePlatform(p('linux/arm/v6'))), 'linux/arm/v6');
    assert.equal(formatPlatform(normalizePlatform(p('linux/amd64/v3'))), 'linux/amd64/v3');
    assert.equal(formatPlatform(normalizePlatform({ os: 'linux', architecture: 'arm', variant: '8' })), 'linux/arm/v8');
  });
});

describe('platformMatches', () => {
  it('needs os, architecture and variant to agree', () => {
    assert.ok(!platformMatches(p('linux/amd64'), p('linux/arm64')));
    assert.ok(!platformMatches(p('linux/amd64'), p('windows/amd64')));
    assert.ok(!platformMatches(p('linux/arm/v7'), p('linux/arm/v6')));
  });
  it('matches a Windows os.version by prefix only when one is asked for', () => {
    const have = { os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5458' };
    assert.ok(platformMatches(p('windows/amd64'), have));
    assert.ok(platformMatches(p('windows/amd64,osver=10.0.17763'), have));
    assert.ok(platformMatches(p('windows/amd64,osver=10.0.17763.5458'), have));
    assert.ok(!platformMatches(p('windows/amd64,osver=10.0.20348'), have));
    assert.ok(!platformMatches(p('windows/amd64,osver=10.0.1776'), have), 'a prefix must end at a dot');
    assert.ok(!platformMatches(p('windows/amd64,osver=10.0.17763'), { os: 'windows', architecture: 'amd64' }));
  });
});

describe('compatiblePlatforms (containerd platforms.Only)', () => {
  const vector = (s: string): string[] => compatiblePlatforms(p(s)).map(formatPlatform);
  it('amd64 falls back to 386; amd64/v3 to v2 and v1 first', () => {
    assert.deepEqual(vector('linux/amd64'), ['linux/amd64', 'linux/386']);
    assert.deepEqual(vector('linux/amd64/v3'), ['linux/amd64/v3', 'linux/amd64/v2', 'linux/amd64', 'linux/386']);
  });
  it('arm/v7 runs v6 and v5; arm64 runs 32-bit arm from v8 down', () => {
    assert.deepEqual(vector('linux/arm/v7'), ['linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5']);
    assert.deepEqual(vector('linux/arm64'), ['linux/arm64', 'linux/arm/v8', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5']);
    assert.deepEqual(vector('linux/arm64/v8.2').slice(0, 3), ['linux/arm64/v8.2', 'linux/arm64/v8.1', 'linux/arm64']);
  });
  it('arm64/v9.x also runs v8.(x+5)', () => {
    assert.deepEqual(vector('linux/arm64/v9.1').slice(0, 4), ['linux/arm64/v9.1', 'linux/arm64/v9', 'linux/arm64/v8.6', 'linux/arm64/v8.5']);
  });
});

describe('selectPlatform', () => {
  const child = (platform: Platform | undefined, n: number): Descriptor => ({
    mediaType: MediaType.OciManifest,
    digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
    size: 1,
    ...(platform ? { platform } : {}),
  });
  const index = [
    child(p('linux/amd64'), 1),
    child(p('linux/arm/v6'), 2),
    child(p('linux/arm/v7'), 3),
    child(p('linux/arm64/v8'), 4),
    child({ os: 'unknown', architecture: 'unknown' }, 5),
    child(undefined, 6),
    child(p('linux/386'), 7),
  ];

  it('picks the exact match', () => {
    assert.equal(selectPlatform(index, p('linux/arm64'))?.digest, index[3]!.digest);
    assert.equal(selectPlatform(index, p('linux/arm/v7'))?.digest, index[2]!.digest);
    assert.equal(selectPlatform(index, p('linux/arm'))?.digest, index[2]!.digest);
  });
  it('falls back the way containerd does', () => {
    assert.equal(selectPlatform([index[1]!, index[6]!], p('linux/arm64'))?.digest, index[1]!.digest);
    assert.equal(selectPlatform([index[6]!, index[3]!], p('linux/amd64'))?.digest, index[6]!.digest);
    assert.equal(selectPlatform([index[1]!, index[2]!], p('linux/arm/v8'))?.digest, index[2]!.digest, 'v7 before v6');
  });
  it('prefers the first of equal matches and never picks attestations', () => {
    const twins = [child(p('linux/amd64'), 8), child(p('linux/amd64/v1'), 9)];
    assert.equal(selectPlatform(twins, p('linux/amd64'))?.digest, twins[0]!.digest);
    assert.equal(selectPlatform(index, p('linux/s390x')), undefined);
    assert.equal(selectPlatform(index.slice(4, 6), p('unknown/unknown'))?.digest, index[4]!.digest);
  });
  it('picks the Windows build asked for', () => {
    const win = [
      child({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.5458' }, 1),
      child({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2227' }, 2),
    ];
    assert.equal(selectPlatform(win, p('windows/amd64,osver=10.0.20348'))?.digest, win[1]!.digest);
    assert.equal(selectPlatform(win, p('windows/amd64'))?.digest, win[0]!.digest);
    assert.equal(selectPlatform(win, p('windows/amd64,osver=10.0.14393')), undefined);
  });
});
