// printf against the fmt documentation (https://pkg.go.dev/fmt): verbs, flags, width, precision, and the error forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sprintf } from '../../src/gotemplate/fmt.js';
import { GoMonth } from '../../src/gotemplate/template.js';
import { expandTemplate } from './expand-template.js';

describe('printf: integers', () => {
  const cases: Array<[string, unknown, string]> = [
    ['%d', 42, '42'],
    ['%5d', 42, '   42'],
    ['%-5d|', 42, '42   |'],
    ['%05d', 42, '00042'],
    ['%+d', 5, '+5'],
    ['%02d', 7, '07'],
    ['%x', 255, 'ff'],
    ['%X', 255, 'FF'],
    ['%#x', 255, '0xff'],
    ['%o', 8, '10'],
    ['%b', 5, '101'],
    ['%c', 65, 'A'],
    ['%q', 65, "'A'"],
    ['%d', -12, '-12'],
    ['%v', 3, '3'],
    ['%d', 10n ** 18n, '1000000000000000000'],
  ];
  for (const [f, v, want] of cases) it(`${f} of ${String(v)}`, () => assert.equal(sprintf(f, [v]), want));
});

describe('printf: strings', () => {
  const cases: Array<[string, unknown, string]> = [
    ['%s', 'hi', 'hi'],
    ['%q', 'hi\n', '"hi\\n"'],
    ['%x', 'hi', '6869'],
    ['%X', 'hi', '6869'],
    ['%10s|', 'hi', '        hi|'],
    ['%-10s|', 'hi', 'hi        |'],
    ['%.2s', 'hello', 'he'],
    ['%v', 'x', 'x'],
    ['%#v', 'x', '"x"'],
  ];
  for (const [f, v, want] of cases) it(`${f} of ${JSON.stringify(v)}`, () => assert.equal(sprintf(f, [v]), want));
});

describe('printf: floats', () => {
  const cases: Array<[string, number, string]> = [
    ['%f', 3.14159, '3.141590'],
    ['%.2f', 3.14159, '3.14'],
    ['%5.2f', 3.14159, ' 3.14'],
    ['%e', 1234.5678, '1.234568e+03'],
    ['%g', 1234.5678, '1234.5678'],
    ['%v', 1.5, '1.5'],
    ['%v', 1e-7, '1e-07'],
    ['%.1f', -0.25, '-0.2'],
  ];
  for (const [f, v, want] of cases) it(`${f} of ${v}`, () => assert.equal(sprintf(f, [v]), want));
});

describe('printf: other values and the error forms', () => {
  it('%t, %v of lists and maps, %%', () => {
    assert.equal(
      sprintf('%t %v %v 100%%', [
        true,
        [1, 'a'],
        new Map([
          ['b', 2],
          ['a', 1],
        ]),
      ]),
      'true [1 a] map[a:1 b:2] 100%',
    );
  });
  it('a wrong type, a missing operand, extra operands, no verb', () => {
    assert.equal(sprintf('%d', ['x']), '%!d(string=x)');
    assert.equal(sprintf('%s', [5]), '%!s(int=5)');
    assert.equal(sprintf('%d %d', [1]), '1 %!d(MISSING)');
    assert.equal(sprintf('%d', [1, 'a', 2]), '1%!(EXTRA string=a, int=2)');
    assert.equal(sprintf('x%', []), 'x%!(NOVERB)');
    assert.equal(sprintf('%z', [1]), '%!z(int=1)');
    assert.equal(sprintf('%s', [null]), '%!s(<nil>)');
  });
  it('a month prints its number with %d and its name with %s and %v', () => {
    const m = new GoMonth(3);
    assert.equal(sprintf('%d %02d %s %v', [m, m, m, m]), '3 03 March March');
  });
  it('printf inside a template, as regsync backup tags use it', () => {
    const out = expandTemplate('{{printf "%s-%d%02d" .T 2024 3}}', { T: 'bkup' }, 't');
    assert.equal(out, 'bkup-202403');
  });
});
