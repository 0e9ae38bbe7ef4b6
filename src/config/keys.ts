// Known keys for config mappings. regsync and regbot ignore a key they do not know (regclient.org's own examples
// carry some), so an unknown key is a warning naming it, its position and the closest valid key (a typo such as
// `tgas` is then visible in every run's log); `--strict` makes it an error, so a PR check can refuse it. Two kinds
// stay errors always, because ignoring them would widen what a run writes or deletes: a near miss of a guarded key
// (a tag filter, `protect`, `maxDeletes`), and any unknown key in a section only regkit has (`policies`), which no
// regclient file contains. Keys starting `x-` are the user's own (for anchors and tooling) and are skipped at every
// level, as regclient documents.
import type { MapEntry, YamlFile } from './yaml.js';

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The valid key closest to `key`, when it is close enough to be a typo of it. */
export function suggestKey(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const v of valid) {
    const dist = editDistance(key.toLowerCase(), v.toLowerCase());
    if (dist < bestDist) {
      best = v;
      bestDist = dist;
    }
  }
  return best !== undefined && bestDist <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * The entries of a mapping whose keys are in `valid`; x- keys are dropped, other unknown keys tolerated and dropped,
 * except a near miss of a `guarded` key (or any unknown key when `guarded` is `every`), which is a ConfigError.
 */
export function checkedEntries(
  yaml: YamlFile,
  entries: MapEntry[],
  valid: readonly string[],
  what: string,
  guarded: readonly string[] | 'every' = [],
): Map<string, MapEntry> {
  const out = new Map<string, MapEntry>();
  for (const e of entries) {
    if (e.key.startsWith('x-')) continue;
    if (!valid.includes(e.key)) {
      const near = suggestKey(e.key, valid);
      const hint = near ? `; did you mean "${near}"?` : `; valid keys are ${valid.join(', ')}`;
      if (guarded === 'every') throw yaml.error(e.keyNode, `unknown key "${e.key}" in ${what}${hint}`);
      if (near && guarded.includes(near)) {
        throw yaml.error(e.keyNode, `unknown key "${e.key}" in ${what}${hint} Ignoring it would widen what the run writes or deletes, so it is refused`);
      }
      yaml.tolerate(e.keyNode, `unknown key "${e.key}" in ${what} is ignored${hint}`);
      continue;
    }
    out.set(e.key, e);
  }
  return out;
}

/** The entry of `key` when it has a value: an absent key and an empty one (`key:`, Go's nil) read alike. */
export function presentEntry(yaml: YamlFile, fields: ReadonlyMap<string, MapEntry>, key: string): MapEntry | undefined {
  const e = fields.get(key);
  return e && !yaml.isEmpty(e.value) ? e : undefined;
}
