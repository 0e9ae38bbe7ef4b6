// Semantic versions and ranges for `tags.semverRange` and `tags.sort: semver`. Versions are read leniently, as
// Masterminds/semver (which regsync uses) reads them: a leading `v`, missing minor/patch as 0 (`3.5` is 3.5.0).
// Ranges: comparators `= != > >= < <= ~ ~> ^`, wildcards `1.x`/`1.2.*`/`*`, hyphen ranges `1.2 - 1.4`, space or
// comma for AND, `||` for OR. Pre-releases match only a range that itself names a pre-release, as in Masterminds.

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const VERSION_RE = /^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:\.(0|[1-9][0-9]*))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The version a tag names, or undefined when it is not one. */
export function parseSemver(text: string): SemVer | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), prerelease: m[4] ? m[4].split('.') : [] };
}

function compareIdent(a: string, b: string): number {
  const an = /^[0-9]+$/.test(a);
  const bn = /^[0-9]+$/.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders versions by precedence (semver.org §11): a pre-release sorts before its release. */
export function compareSemver(a: SemVer, b: SemVer): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d !== 0) return Math.sign(d);
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return Math.sign(b.prerelease.length - a.prerelease.length);
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const c = compareIdent(a.prerelease[i]!, b.prerelease[i]!);
    if (c !== 0) return c;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

type Test = (v: SemVer) => boolean;

interface Partial {
  major: number | undefined;
  minor: number | undefined;
  patch: number | undefined;
  prerelease: string[];
}

const PARTIAL_RE = /^v?([0-9]+|[xX*])(?:\.([0-9]+|[xX*]))?(?:\.([0-9]+|[xX*]))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

function parsePartial(text: string, range: string): Partial {
  const m = PARTIAL_RE.exec(text);
  if (!m) throw new Error(`invalid semver range ${JSON.stringify(range)}: ${JSON.stringify(text)} is not a version`);
  const part = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  const major = part(m[1]);
  const minor = major === undefined ? undefined : part(m[2]);
  const patch = minor === undefined ? undefined : part(m[3]);
  return { major, minor, patch, prerelease: m[4] ? m[4].split('.') : [] };
}

const v3 = (major: number, minor: number, patch: number, prerelease: string[] = []): SemVer => ({ major, minor, patch, prerelease });
const cmp = (op: string, bound: SemVer): Test => (v) => {
  const c = compareSemver(v, bound);
  return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '!=' ? c !== 0 : c === 0;
};
const all = (...tests: Test[]): Test => (v) => tests.every((t) => t(v));

/** The lowest version of a partial (`1.2` → 1.2.0) and the first version past it (`1.2` → 1.3.0). */
function bounds(p: Partial): { low: SemVer; next: SemVer | undefined } {
  if (p.major === undefined) return { low: v3(0, 0, 0), next: undefined };
  if (p.minor === undefined) return { low: v3(p.major, 0, 0), next: v3(p.major + 1, 0, 0) };
  if (p.patch === undefined) return { low: v3(p.major, p.minor, 0), next: v3(p.major, p.minor + 1, 0) };
  return { low: v3(p.major, p.minor, p.patch, p.prerelease), next: undefined };
}

function comparator(op: string, p: Partial): Test {
  const { low, next } = bounds(p);
  const exact = p.patch !== undefined;
  switch (op) {
    case '':
    case '=':
      return exact ? cmp('=', low) : next ? all(cmp('>=', low), cmp('<', next)) : () => true;
    case '!=':
      return exact ? cmp('!=', low) : next ? (v) => !(cmp('>=', low)(v) && cmp('<', next)(v)) : () => false;
    case '>':
      return exact ? cmp('>', low) : next ? cmp('>=', next) : () => false;
    case '>=':
    case '=>':
      return cmp('>=', low);
    case '<':
      return cmp('<', low);
    case '<=':
    case '=<':
      return exact ? cmp('<=', low) : next ? cmp('<', next) : () => true;
    case '~':
    case '~>': {
      if (p.major === undefined) return () => true;
      const upper = p.minor === undefined ? v3(p.major + 1, 0, 0) : v3(p.major, p.minor + 1, 0);
      return all(cmp('>=', low), cmp('<', upper));
    }
    case '^': {
      if (p.major === undefined) return () => true;
      let upper: SemVer;
      if (p.major > 0 || p.minor === undefined) upper = v3(p.major + 1, 0, 0);
      else if (p.minor > 0 || p.patch === undefined) upper = v3(0, p.minor + 1, 0);
      else upper = v3(0, 0, p.patch + 1);
      return all(cmp('>=', low), cmp('<', upper));
    }
    default:
      throw new Error(`unknown operator ${op}`);
  }
}

const TOKEN_RE = /\s*(\^|~>|~|>=|=>|<=|=<|!=|>|<|=)?\s*([^\s,<>=!~^|]+)\s*,?/y;

export interface SemverRange {
  readonly source: string;
  test(version: SemVer): boolean;
}

/** Parses one `semverRange` entry; throws an Error naming the part it cannot read. */
export function parseSemverRange(source: string): SemverRange {
  const groups = source.split('||').map((g) => g.trim());
  const compiled = groups.map((group) => {
    if (group === '') throw new Error(`invalid semver range ${JSON.stringify(source)}: empty alternative`);
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(group);
    if (hyphen) {
      const lo = parsePartial(hyphen[1]!, source);
      const hi = parsePartial(hyphen[2]!, source);
      return { test: all(comparator('>=', lo), comparator('<=', hi)), pre: lo.prerelease.length > 0 || hi.prerelease.length > 0 };
    }
    const tests: Test[] = [];
    let pre = false;
    TOKEN_RE.lastIndex = 0;
    while (TOKEN_RE.lastIndex < group.length) {
      const at = TOKEN_RE.lastIndex;
      const m = TOKEN_RE.exec(group);
      if (!m) throw new Error(`invalid semver range ${JSON.stringify(source)}: cannot read ${JSON.stringify(group.slice(at))}`);
      const p = parsePartial(m[2]!, source);
      pre ||= p.prerelease.length > 0;
      tests.push(comparator(m[1] ?? '', p));
    }
    return { test: all(...tests), pre };
  });
  return {
    source,
    test(v: SemVer): boolean {
      return compiled.some((g) => (v.prerelease.length === 0 || g.pre) && g.test(v));
    },
  };
}
