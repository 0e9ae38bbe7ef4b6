// semverRange as regsync reads it: the cases regclient's own semver and tag-filter tests check (internal/semver,
// cmd/regsync TestFilterListVersionScheme), each as a row here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectTags } from '../../src/config/filters.js';
import { compileAnchoredRegex } from '../../src/config/regex.js';
import { compareSemver, parseSemver, parseSemverRange } from '../../src/config/semver.js';
import type { TagFilter } from '../../src/sync/config/types.js';

const must = (text: string) => {
  const v = parseSemver(text);
  assert.ok(v, `${text} should read as a version`);
  return v;
};

describe('reading a version', () => {
  // [tag, release numbers, suffix] or [tag, undefined] when the tag is no version.
  const rows: Array<[string, string[] | undefined, string?]> = [
    ['1.2.3', ['1', '2', '3'], ''],
    ['v1.2.3', ['1', '2', '3'], ''],
    ['1.2.3-rc1', ['1', '2', '3'], 'rc1'],
    ['v1.2.3-beta.1', ['1', '2', '3'], 'beta.1'],
    ['1.2.3+build123', ['1', '2', '3'], ''],
    ['1', ['1'], ''],
    ['1.2', ['1', '2'], ''],
    ['0.0.0', ['0', '0', '0'], ''],
    ['10.0.17763.2114', ['10', '0', '17763', '2114'], ''],
    ['v1.2.3-alpine3.21', ['1', '2', '3'], 'alpine3.21'],
    ['v5-scratch', ['5'], 'scratch'],
    ['v1.2.3-rc.1+meta-data', ['1', '2', '3'], 'rc.1'],
    ['007.1', ['7', '1'], ''],
    ['abc', undefined],
    ['', undefined],
    ['v', undefined],
    ['latest', undefined],
    ['V1.2', undefined],
    ['1..2', undefined],
    ['1.2.x', undefined],
    ['99999999999999999999', undefined],
  ];
  for (const [tag, parts, suffix] of rows) {
    it(`${JSON.stringify(tag)} → ${parts ? `${parts.join('.')}${suffix ? ` suffix ${suffix}` : ''}` : 'not a version'}`, () => {
      const v = parseSemver(tag);
      if (parts === undefined) return assert.equal(v, undefined);
      assert.deepEqual(v, { parts, prerelease: suffix });
    });
  }
});

describe('ordering versions', () => {
  const rows: Array<[string, string, number]> = [
    ['1.2.3', '1.2.3', 0],
    ['1.2.3', '2.2.3', -1],
    ['2.2.3', '1.2.3', 1],
    ['1.2.3', '1.3.3', -1],
    ['1.3.3', '1.2.3', 1],
    ['1.2.3', '1.2.4', -1],
    ['1.2.4', '1.2.3', 1],
    ['v1.2.3', 'v1.2.3', 0],
    ['1.2.3-rc1', '1.2.3', -1],
    ['1.2.3', '1.2.3-rc1', 1],
    ['1.2.3-alpha', '1.2.3-beta', -1],
    ['1.2.3-rc2', '1.2.3-rc11', -1],
    ['1.2.3-rc11', '1.2.3-rc2', 1],
    ['1.2.3-alpha', '1.2.3-alpha1', -1],
    ['1.2.3-alpine3.20', '1.2.3-alpine3.21', -1],
    ['1.0.0-beta.1', '1.0.0-beta.2', -1],
    ['1.0.0-rc', '1.0.0-rc.1', -1],
    ['10.0.17763.2114', '10.0.17763.2114', 0],
    ['10.0.17763.2114', '10.0.17763.2115', -1],
    ['10.0.17763.2115', '10.0.17763.2114', 1],
    ['10.0.17763', '10.0.17763.0', 0],
    ['1.2.3', '1.2.3.1', -1],
    ['1.2.3.1', '1.2.3', 1],
    ['1.5', '1.5.0', 0],
    ['9223372036854775806', '9223372036854775807', -1],
  ];
  for (const [a, b, want] of rows) {
    it(`${a} ${want < 0 ? '<' : want > 0 ? '>' : '='} ${b}`, () => assert.equal(compareSemver(must(a), must(b)), want));
  }
});

describe('range checks', () => {
  const rows: Array<[string, string, boolean]> = [
    ['>=1.0.0', '1.0.0', true],
    ['>=1.0.0', '1.5.0', true],
    ['>=1.0.0', '0.9.0', false],
    ['<=2.0.0', '2.0.0', true],
    ['<=2.0.0', '1.5.0', true],
    ['<=2.0.0', '2.1.0', false],
    ['>1.0.0', '1.0.1', true],
    ['>1.0.0', '1.0.0', false],
    ['<2.0.0', '1.9.9', true],
    ['<2.0.0', '2.0.0', false],
    ['=1.0.0', '1.0.0', true],
    ['=1.0.0', '1.0.1', false],
    ['1.0.0', '1.0', true],
    ['>=1.0.0 <2.0.0', '1.5.0', true],
    ['>=1.0.0 <2.0.0', '1.0.0', true],
    ['>=1.0.0 <2.0.0', '2.0.0', false],
    ['>=1.0.0 <2.0.0', '0.9.0', false],
    ['>=1.0.0 <2.0.0', '2.1.0', false],
    ['^1.2.3', '1.2.3', true],
    ['^1.2.3', '1.5.0', true],
    ['^1.2.3', '1.2.5', true],
    ['^1.2.3', '2.0.0', false],
    ['^1.2.3', '1.2.2', false],
    ['^0.2.3', '0.2.5', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.3', true],
    ['^0.0.3', '0.0.4', false],
    ['~1.2.3', '1.2.3', true],
    ['~1.2.3', '1.2.5', true],
    ['~1.2.3', '1.3.0', false],
    ['~1.2.3', '1.2.2', false],
    // `~1` keeps the minor at 0, where Masterminds would allow every 1.x.
    ['~1', '1.0.9', true],
    ['~1', '1.1.0', false],
    ['>=1.0.0', 'v1.5.0', true],
    ['>=v1.0.0', '1.5.0', true],
    ['>=1.0.0-rc1', '1.0.0-rc2', true],
    ['>=1.0.0-rc1', '1.0.0', true],
    // A suffixed tag matches a range that names no suffix: it is the tag's variant, not an opt-in pre-release.
    ['>=1.0.0', '1.5.0-rc1', true],
    ['>=1.0.0 <2.0.0', '2.0.0-alpine', true],
    ['>=10.0.17763.2114', '10.0.17763.2115', true],
    ['>=10.0.17763.2114', '10.0.17763.2113', false],
    ['>=10.0.17763.2114', '10.0.20348', true],
    // `>1.2` is past 1.2.0, not past every 1.2.x.
    ['>1.2', '1.2.1', true],
    ['<=1.2', '1.2.1', false],
  ];
  for (const [range, version, want] of rows) {
    it(`${version} ${want ? 'in' : 'not in'} ${range}`, () => assert.equal(parseSemverRange(range).test(must(version)), want));
  }
  const refused = ['', '   ', '>=abc', 'invalid range', '1.x', '1.2.*', '<1 || >2', '>= 1.0', '>=1.0.0, <2', '!=1.0.0', '~>1.2', '1.0 - 2.0'];
  for (const range of refused) {
    it(`refuses ${JSON.stringify(range)}`, () => assert.throws(() => parseSemverRange(range), /invalid semver range/));
  }
  it('names the word it cannot read', () => {
    assert.throws(() => parseSemverRange('>=1.0 <2.x'), /"<2\.x" is not an operator/);
  });
});

describe('tag filters with semverRange (regsync reads the ranges, then allow, then deny)', () => {
  const pat = (s: string) => ({ source: s, regex: compileAnchoredRegex(s) });
  const set = (ranges: string[], allow: string[] = [], deny: string[] = []): TagFilter => ({
    semverRange: ranges.map(parseSemverRange),
    allow: allow.map(pat),
    deny: deny.map(pat),
    sort: 'semver',
  });
  const rows: Array<[string, TagFilter, string[], string[]]> = [
    [
      'two ranges and a deny',
      set(['>=1.0.0 <2.0.0', '>=4.0.0'], [], ['.*-rc.*']),
      ['1.0.0', '1.5.0-rc1', '2.0.0', '4.0.0', '4.1.0-rc2', '5.0.0'],
      ['1.0.0', '4.0.0', '5.0.0'],
    ],
    ['tags that are no version drop out', set(['>=1.0.0']), ['latest', 'dev', '1.0.0', '1.5.0', 'main'], ['1.0.0', '1.5.0']],
    ['nothing in range', set(['>=5.0.0']), ['1.0.0', '2.0.0', '3.0.0'], []],
    [
      'two ranges skip the middle',
      set(['>=1.0.0 <1.20.0', '>=1.22.0']),
      ['1.0.0', '1.19.0', '1.20.0', '1.21.0', '1.22.0', '1.23.0'],
      ['1.0.0', '1.19.0', '1.22.0', '1.23.0'],
    ],
    ['range, then allow', set(['>=1.0.0'], ['v.*']), ['1.0.0', 'v1.5.0', 'v2.0.0', '3.0.0'], ['v1.5.0', 'v2.0.0']],
    [
      'alpine suffixes',
      set(['>=1.0.0 <2.0.0']),
      ['v1.2.3-alpine3.21', 'v1.5.0-alpine3.20', 'v2.0.0-alpine3.21', 'v0.9.0-alpine3.19'],
      ['v1.2.3-alpine3.21', 'v1.5.0-alpine3.20', 'v2.0.0-alpine3.21'],
    ],
    ['scratch suffixes', set(['>=5.0.0']), ['v5-scratch', 'v4-scratch', 'v6-scratch', 'v5.1-scratch'], ['v6-scratch', 'v5.1-scratch']],
    [
      'mixed suffixes',
      set(['>=1.0.0 <3.0.0']),
      ['v1.0.0', 'v1.5.0-alpine', 'v2.0.0-scratch', 'v2.5.1-debian', 'v3.0.0-alpine'],
      ['v1.0.0', 'v1.5.0-alpine', 'v2.0.0-scratch', 'v2.5.1-debian', 'v3.0.0-alpine'],
    ],
    ['major versions only', set(['>=2 <5']), ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'], ['v2', 'v3', 'v4']],
    ['major.minor only', set(['>=1.5 <2.0']), ['v1.4', 'v1.5', 'v1.6', 'v1.9', 'v2.0', 'v2.1'], ['v1.5', 'v1.6', 'v1.9']],
    [
      'mixed lengths',
      set(['>=1.0.0 <3.0.0']),
      ['v1', 'v1.5', 'v1.5.0', 'v2', 'v2.0', 'v2.0.0', 'v3', 'v3.0.0'],
      ['v1', 'v1.5', 'v1.5.0', 'v2', 'v2.0', 'v2.0.0'],
    ],
    [
      'deny a suffix',
      set(['>=1.0.0'], [], ['.*-alpine.*']),
      ['v1.0.0', 'v1.2.3-alpine3.21', 'v2.0.0-scratch', 'v2.5.0-alpine3.20'],
      ['v1.0.0', 'v2.0.0-scratch'],
    ],
    [
      'allow cannot add back what the range dropped',
      set(['>=1.0.0 <2.0.0'], ['latest', 'edge']),
      ['0.9.0', '1.0.0', '1.5.0', '2.0.0', 'latest', 'edge', 'dev'],
      [],
    ],
    ['windows builds', set(['>=10.0.17763.2114']), ['10.0.17763.2113', '10.0.17763.2114', '10.0.20348.1', 'ltsc2022'], ['10.0.17763.2114', '10.0.20348.1']],
  ];
  for (const [name, filter, tags, want] of rows) {
    it(name, () => assert.deepEqual(selectTags([filter], tags), want));
  }
});
