// Versions and ranges for `tags.semverRange` and `sort: semver`, read as regsync reads them (regclient's own
// internal/semver, not Masterminds): a version is an optional `v`, any number of dot-separated integers (`5`,
// `1.5`, `10.0.17763.2114`), then an optional `-suffix` and `+metadata`. Container tags carry their variant in the
// suffix (`v1.2.3-alpine3.21`, `v5-scratch`), so the suffix is read as a pre-release: it sorts below the bare version
// and it matches ranges like any other version. A range is comparators joined by spaces (AND): `>= <= > < =` or none
// (exact), `^` and `~`; alternatives are separate `semverRange` entries (OR).

export interface SemVer {
  /** Release numbers as digit strings without leading zeros, so arbitrarily long numbers compare exactly. */
  readonly parts: readonly string[];
  /** Empty when the version is a release. */
  readonly prerelease: string;
}

// Go's strconv.Atoi, which regclient uses for each number, refuses what does not fit in an int64.
const INT64_MAX = '9223372036854775807';

function readNumber(text: string): string | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = text.replace(/^0+(?=.)/, '');
  if (n.length > INT64_MAX.length || (n.length === INT64_MAX.length && n > INT64_MAX)) return undefined;
  return n;
}

/** The version a tag names, or undefined when it is not one. */
export function parseSemver(text: string): SemVer | undefined {
  let rest = text.startsWith('v') ? text.slice(1) : text;
  const plus = rest.indexOf('+');
  if (plus >= 0) rest = rest.slice(0, plus);
  const dash = rest.indexOf('-');
  const prerelease = dash >= 0 ? rest.slice(dash + 1) : '';
  if (dash >= 0) rest = rest.slice(0, dash);
  const parts: string[] = [];
  for (const p of rest.split('.')) {
    const n = readNumber(p);
    if (n === undefined) return undefined;
    parts.push(n);
  }
  return { parts, prerelease };
}

function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `rc11` → text `rc`, number `11`, rest ``: a suffix identifier is compared run by run, so `rc2` < `rc11`. */
function splitRun(id: string): { text: string; num: string; rest: string } {
  const m = /^([^0-9]*)([0-9]*)(.*)$/s.exec(id)!;
  return { text: m[1]!, num: m[2]!, rest: m[3]! };
}

function compareIdentifier(a: string, b: string): number {
  while (a !== '' && b !== '') {
    const x = splitRun(a);
    const y = splitRun(b);
    const t = compareText(x.text, y.text);
    if (t !== 0) return t;
    // A run that ends without a number sorts before one that goes on with a number (`alpha` < `alpha1`).
    if (x.num === '' || y.num === '') {
      if (x.num !== y.num) return x.num === '' ? -1 : 1;
    } else {
      const n = compareNumbers(x.num.replace(/^0+(?=.)/, ''), y.num.replace(/^0+(?=.)/, ''));
      if (n !== 0) return n;
    }
    a = x.rest;
    b = y.rest;
  }
  return a === b ? 0 : a === '' ? -1 : 1;
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const c = compareIdentifier(as[i]!, bs[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(as.length - bs.length);
}

/** Release numbers first (missing ones count as 0, so `1.2` = `1.2.0`), then a suffixed version below its release. */
export function compareSemver(a: SemVer, b: SemVer): number {
  for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
    const c = compareNumbers(a.parts[i] ?? '0', b.parts[i] ?? '0');
    if (c !== 0) return c;
  }
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '' || b.prerelease === '') return a.prerelease === '' ? 1 : -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

export interface SemverRange {
  readonly source: string;
  test(version: SemVer): boolean;
}

type Op = '=' | '>' | '>=' | '<' | '<=';
interface Comparator {
  op: Op;
  bound: SemVer;
}

const release = (...parts: number[]): SemVer => ({ parts: parts.map(String), prerelease: '' });
const num = (v: SemVer, i: number): number => Number(v.parts[i] ?? '0');

/** Parses one `semverRange` entry; throws an Error naming the part it cannot read. */
export function parseSemverRange(source: string): SemverRange {
  const words = source
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) throw new Error(`invalid semver range ${JSON.stringify(source)}: empty`);
  const comparators: Comparator[] = [];
  for (const word of words) {
    const m = /^(\^|~|>=|<=|>|<|=)?(.*)$/s.exec(word)!;
    const op = m[1] ?? '=';
    const v = parseSemver(m[2]!);
    if (!v) {
      throw new Error(
        `invalid semver range ${JSON.stringify(source)}: ${JSON.stringify(word)} is not an operator (^ ~ >= <= > < =) joined to a version ` +
          '(dot-separated numbers, an optional -suffix); comparators are separated by spaces, alternatives are separate semverRange entries',
      );
    }
    if (op === '^') {
      // ^1.2.3 stays below 2.0.0, ^0.2.3 below 0.3.0, ^0.0.3 below 0.0.4.
      const upper = num(v, 0) > 0 ? release(num(v, 0) + 1, 0, 0) : num(v, 1) > 0 ? release(0, num(v, 1) + 1, 0) : release(0, 0, num(v, 2) + 1);
      comparators.push({ op: '>=', bound: v }, { op: '<', bound: upper });
    } else if (op === '~') {
      comparators.push({ op: '>=', bound: v }, { op: '<', bound: release(num(v, 0), num(v, 1) + 1, 0) });
    } else {
      comparators.push({ op: op as Op, bound: v });
    }
  }
  return {
    source,
    test(version: SemVer): boolean {
      return comparators.every(({ op, bound }) => {
        const c = compareSemver(version, bound);
        return op === '=' ? c === 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
      });
    },
  };
}
