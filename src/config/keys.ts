// Strict keys for config mappings: an unknown key is an error naming it, its position and the closest valid key,
// so a typo (`tgas`) fails the PR check instead of silently syncing every tag. Keys starting `x-` are the user's
// own (for anchors and tooling) and are skipped at every level, as regclient documents.
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
 * The entries of a mapping whose keys are all in `valid` (x- keys dropped). Throws a ConfigError at the first
 * unknown key.
 */
export function checkedEntries(yaml: YamlFile, entries: MapEntry[], valid: readonly string[], what: string): Map<string, MapEntry> {
  const out = new Map<string, MapEntry>();
  for (const e of entries) {
    if (e.key.startsWith('x-')) continue;
    if (!valid.includes(e.key)) {
      const near = suggestKey(e.key, valid);
      const hint = near ? `; did you mean "${near}"?` : `; valid keys are ${valid.join(', ')}`;
      throw yaml.error(e.keyNode, `unknown key "${e.key}" in ${what}${hint}`);
    }
    out.set(e.key, e);
  }
  return out;
}
