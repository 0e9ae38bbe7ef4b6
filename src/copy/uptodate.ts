// The skip decision, in one place: whether the target already holds what a copy would write. The copy engine asks it
// before and after reading the source manifest; sync asks it from the two HEADs it made for every item, so a step
// never reports "already there" for content the copy itself would replace.
import type { ManifestHead } from '../store/store.js';
import type { CopyOptions } from './options.js';

export const UNCHANGED_REASON = 'target already has this digest';

type SkipOptions = Pick<CopyOptions, 'platforms' | 'sparseIndex' | 'referrers' | 'digestTags' | 'fast' | 'forceRecursive'>;

/**
 * The digest the target tag will hold after the copy, when the source HEAD alone tells it: with no platform filter,
 * or a sparse index over several platforms (the source's bytes). Undefined when only the source manifest can tell:
 * one platform is that platform's image manifest, and a rewritten index has a digest of its own.
 */
export function digestFromHead(source: Pick<ManifestHead, 'digest'>, opts: SkipOptions): string | undefined {
  const n = opts.platforms?.length ?? 0;
  return n === 0 || (opts.sparseIndex && n > 1) ? source.digest : undefined;
}

/**
 * True when the target's tag already points at `digest`, the top manifest the copy would write, and nothing else is
 * asked for: referrers and digest tags may still be missing below a matching digest unless `fast` says not to look.
 */
export function holds(target: Pick<ManifestHead, 'digest'> | undefined, digest: string, opts: SkipOptions): boolean {
  const wantsExtras = (opts.referrers || opts.digestTags) && !opts.fast;
  return target?.digest === digest && !opts.forceRecursive && !wantsExtras;
}

/** The verdict from the two HEADs alone: the digest the target already holds, or undefined when the copy must look. */
export function upToDateByHeads(source: Pick<ManifestHead, 'digest'>, target: Pick<ManifestHead, 'digest'> | undefined, opts: SkipOptions): string | undefined {
  const digest = digestFromHead(source, opts);
  return digest !== undefined && holds(target, digest, opts) ? digest : undefined;
}
