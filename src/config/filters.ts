// Tag and repository filters of a sync step: reading them from the config, and applying them to names.
import { checkedEntries } from './keys.js';
import { compileAnchoredRegex } from './regex.js';
import { compareSemver, parseSemver, parseSemverRange } from './semver.js';
import type { SemverRange } from './semver.js';
import type { YamlFile, YamlValue } from './yaml.js';

/** How `tags.latest` ranks tags: semver (versions first, newest first, then other tags by name) or by name alone. */
export type TagSort = 'semver' | 'name';

export interface NamePattern {
  /** As written in the config. */
  source: string;
  /** Anchored `^(?:…)$`. */
  regex: RegExp;
}

/** One tag set: semverRange first (non-semver tags drop out), then allow, then deny, then the newest `latest`. */
export interface TagFilter {
  allow: NamePattern[];
  deny: NamePattern[];
  /** OR'ed; empty means no semver condition. */
  semverRange: SemverRange[];
  latest?: number;
  sort: TagSort;
}

export interface NameFilter {
  allow: NamePattern[];
  deny: NamePattern[];
}

export const TAG_FILTER_KEYS = ['allow', 'deny', 'semverRange', 'latest', 'sort'] as const;
const NAME_FILTER_KEYS = ['allow', 'deny'] as const;
const TAG_SORTS: readonly TagSort[] = ['semver', 'name'];

function patterns(yaml: YamlFile, node: YamlValue, what: string): NamePattern[] {
  return yaml.items(node, what).map((item, i) => {
    const source = yaml.string(item, `${what}[${i}]`);
    try {
      return { source, regex: compileAnchoredRegex(source) };
    } catch (err) {
      throw yaml.error(item, `${what}[${i}]: ${(err as Error).message}`);
    }
  });
}

export function readTagFilter(yaml: YamlFile, node: YamlValue, what: string): TagFilter {
  const f = checkedEntries(yaml, yaml.entries(node, what), TAG_FILTER_KEYS, what, TAG_FILTER_KEYS);
  const filter: TagFilter = {
    allow: patterns(yaml, f.get('allow')?.value ?? null, `${what}.allow`),
    deny: patterns(yaml, f.get('deny')?.value ?? null, `${what}.deny`),
    // regsync skips an empty entry, and a list of only empty entries is no semver condition at all.
    semverRange: yaml.items(f.get('semverRange')?.value ?? null, `${what}.semverRange`).flatMap((item, i) => {
      const text = yaml.string(item, `${what}.semverRange[${i}]`);
      if (text === '') return [];
      try {
        return [parseSemverRange(text)];
      } catch (err) {
        throw yaml.error(item, `${what}.semverRange[${i}]: ${(err as Error).message}`);
      }
    }),
    sort: 'semver',
  };
  const latest = f.get('latest');
  if (latest && !yaml.isEmpty(latest.value)) filter.latest = yaml.number(latest.value, `${what}.latest`, { integer: true, min: 1 });
  const sort = f.get('sort');
  if (sort && !yaml.isEmpty(sort.value)) {
    const s = yaml.string(sort.value, `${what}.sort`);
    if (!TAG_SORTS.includes(s as TagSort)) throw yaml.error(sort.value, `${what}.sort must be semver or name, not ${JSON.stringify(s)}`);
    filter.sort = s as TagSort;
  }
  return filter;
}

export function readNameFilter(yaml: YamlFile, node: YamlValue, what: string): NameFilter {
  const f = checkedEntries(yaml, yaml.entries(node, what), NAME_FILTER_KEYS, what, NAME_FILTER_KEYS);
  return { allow: patterns(yaml, f.get('allow')?.value ?? null, `${what}.allow`), deny: patterns(yaml, f.get('deny')?.value ?? null, `${what}.deny`) };
}

/** Allow (any, when the list is not empty) and deny (none): regsync's rule for tag and repository names. */
export function nameAllowed(filter: { allow: NamePattern[]; deny: NamePattern[] }, name: string): boolean {
  if (filter.allow.length > 0 && !filter.allow.some((p) => p.regex.test(name))) return false;
  return !filter.deny.some((p) => p.regex.test(name));
}

/** Newest first: by version when `sort` is semver (other tags after, by name), else by name. */
export function compareNewestFirst(sort: TagSort, a: string, b: string): number {
  if (sort === 'semver') {
    const va = parseSemver(a);
    const vb = parseSemver(b);
    if (va && vb) return compareSemver(vb, va) || (a < b ? 1 : a > b ? -1 : 0);
    if (va || vb) return va ? -1 : 1;
  }
  return a < b ? 1 : a > b ? -1 : 0;
}

function selectOne(filter: TagFilter, tags: readonly string[]): Set<string> {
  let kept = tags.filter((t) => {
    if (filter.semverRange.length > 0) {
      const v = parseSemver(t);
      if (!v || !filter.semverRange.some((r) => r.test(v))) return false;
    }
    return nameAllowed(filter, t);
  });
  if (filter.latest !== undefined) kept = [...kept].sort((a, b) => compareNewestFirst(filter.sort, a, b)).slice(0, filter.latest);
  return new Set(kept);
}

/** The tags a step copies, in the order given: the union of its tag sets, or all tags when it has none. */
export function selectTags(sets: readonly TagFilter[], tags: readonly string[]): string[] {
  if (sets.length === 0) return [...tags];
  const chosen = sets.map((s) => selectOne(s, tags));
  return tags.filter((t) => chosen.some((c) => c.has(t)));
}
