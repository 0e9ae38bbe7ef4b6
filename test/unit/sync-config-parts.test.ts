// The small parsers behind the regsync config: Go durations, cron schedules, RE2 filters, tag
// selection and key suggestions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCron } from '../../src/config/cron.js';
import { parseGoDuration } from '../../src/config/duration.js';
import { compareNewestFirst, selectTags } from '../../src/config/filters.js';
import { editDistance, suggestKey } from '../../src/config/keys.js';
import { compileAnchoredRegex } from '../../src/config/regex.js';
import { parseSemverRange } from '../../src/config/semver.js';
import type { TagFilter } from '../../src/sync/config/types.js';

describe('Go durations', () => {
  const ok: Array<[string, number]> = [
    ['1h30m', 5400],
    ['90s', 90],
    ['500ms', 0.5],
    ['1.5h', 5400],
    ['-1m', -60],
    ['0', 0],
    ['15m', 900],
    ['1h0m0s', 3600],
    ['2us', 2e-6],
    ['3µs', 3e-6],
    ['.5s', 0.5],
  ];
  for (const [text, seconds] of ok) it(`${text} = ${seconds}s`, () => assert.ok(Math.abs(parseGoDuration(text) - seconds) < 1e-12));
  for (const bad of ['', '5', '5x', '1h30', 'h', '1..5s', '60 m']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.throws(() => parseGoDuration(bad), /invalid duration/));
  }
});

describe('cron schedules', () => {
  for (const good of [
    '15 01 * * *',
    '*/5 * * * *',
    '0 0 1-15/2 JAN-MAR MON-FRI',
    '0 0 * * ?',
    '@hourly',
    '@daily',
    '@weekly',
    '@monthly',
    '@yearly',
    '@every 1h30m',
    'CRON_TZ=UTC 0 3 * * *',
  ]) {
    it(`accepts ${good}`, () => assert.doesNotThrow(() => validateCron(good)));
  }
  const bad: Array<[string, RegExp]> = [
    ['1 2 3', /has 3 fields; cron needs 5/],
    ['60 * * * *', /minute value 60 is outside 0-59/],
    ['* * * 13 *', /month value 13 is outside 1-12/],
    ['* * * * MOO', /day of week value "MOO" is not a number/],
    ['5-1 * * * *', /runs backwards/],
    ['*/0 * * * *', /step "0" must be a positive number/],
    ['@often', /unknown schedule descriptor/],
    ['@every 5x', /invalid duration/],
  ];
  for (const [s, re] of bad) it(`rejects ${s}`, () => assert.throws(() => validateCron(s), re));
});

describe('RE2 filters, anchored', () => {
  it('anchors at both ends', () => {
    const re = compileAnchoredRegex('latest');
    assert.ok(re.test('latest'));
    assert.ok(!re.test('latest-1'));
    assert.ok(!re.test('not-latest'));
    assert.ok(compileAnchoredRegex('3|4').test('4'));
    assert.ok(!compileAnchoredRegex('3|4').test('34'));
  });
  it('translates RE2-only forms: leading flags, (?P<name>), POSIX classes, \\Q…\\E, \\A and \\z', () => {
    assert.ok(compileAnchoredRegex('(?i)latest').test('LATEST'));
    assert.ok(compileAnchoredRegex('v(?P<major>\\d+)').test('v12'));
    assert.ok(compileAnchoredRegex('[[:digit:]]+\\.[[:alpha:]]+').test('12.ab'));
    assert.ok(compileAnchoredRegex('\\Qa.b\\E').test('a.b'));
    assert.ok(!compileAnchoredRegex('\\Qa.b\\E').test('axb'));
    assert.ok(compileAnchoredRegex('\\Av1\\z').test('v1'));
    assert.ok(compileAnchoredRegex('\\pL+').test('héllo'));
  });
  it('refuses what JavaScript cannot take, saying why', () => {
    assert.throws(() => compileAnchoredRegex('a(b'), /invalid regex "a\(b": Unterminated group/);
    assert.throws(() => compileAnchoredRegex('a(?i)b'), /inline flags .* only at the start/);
    assert.throws(() => compileAnchoredRegex('(?U)a+'), /ungreedy/);
  });
});

describe('tag selection', () => {
  const filter = (f: Partial<TagFilter>): TagFilter => ({ allow: [], deny: [], semverRange: [], sort: 'semver', ...f });
  const pat = (s: string) => ({ source: s, regex: compileAnchoredRegex(s) });
  const tags = ['latest', 'edge', '3.0', '3.9', '3.10', '3.18', '3.19', 'v3.5.1', 'v4.0.0', '3.19-rc1'];
  it('takes every tag when the step has no tag sets', () => {
    assert.deepEqual(selectTags([], tags), tags);
  });
  it('allow then deny', () => {
    assert.deepEqual(selectTags([filter({ allow: [pat('latest'), pat('3\\.\\d+')], deny: [pat('3\\.0')] })], tags), ['latest', '3.9', '3.10', '3.18', '3.19']);
  });
  it('semverRange first (non-semver tags drop out), then allow; sets are a union', () => {
    const sets = [
      filter({ allow: [pat('latest'), pat('edge')] }),
      filter({ semverRange: [parseSemverRange('>=3.5.1 <4.0')], allow: [pat('v\\d+\\.\\d+\\.\\d+')] }),
    ];
    assert.deepEqual(selectTags(sets, tags), ['latest', 'edge', 'v3.5.1']);
  });
  it('latest N keeps the newest by semver, other tags after by name', () => {
    assert.deepEqual(selectTags([filter({ allow: [pat('3\\.\\d+')], latest: 2 })], tags), ['3.18', '3.19']);
    assert.deepEqual(
      ['a', '1.2', 'b', '1.10'].sort((x, y) => compareNewestFirst('semver', x, y)),
      ['1.10', '1.2', 'b', 'a'],
    );
  });
  it('latest N by name', () => {
    assert.deepEqual(selectTags([filter({ allow: [pat('2024\\d+')], latest: 2, sort: 'name' })], ['20240101', '20240301', '20240201']), [
      '20240301',
      '20240201',
    ]);
  });
});

describe('key suggestions', () => {
  it('counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('tgas', 'tags'), 1);
    assert.equal(editDistance('paralel', 'parallel'), 1);
  });
  it('suggests the nearest valid key, or nothing when none is close', () => {
    assert.equal(suggestKey('tgas', ['source', 'target', 'tags', 'type']), 'tags');
    assert.equal(suggestKey('semverrange', ['allow', 'deny', 'semverRange']), 'semverRange');
    assert.equal(suggestKey('zzzzzz', ['source', 'target']), undefined);
  });
});
