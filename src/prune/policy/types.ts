// The ready-made retention policies, as data: what `policy.keepLast{...}` / `policy.olderThan{...}` in Lua and the
// `policies:` list in regbot.yml both turn into, and what planning one gives back.
import type { Reference } from '../../oci/reference.js';

export type PolicyKind = 'keepLast' | 'olderThan' | 'untagged';

/** How keepLast ranks tags, newest first. */
export type KeepLastSort = 'semver' | 'name' | 'created';

/** Where olderThan reads an image's date: the config's `created`, or a label holding an RFC 3339 date. */
export type ImageDateSource = { kind: 'created' } | { kind: 'label'; label: string };

export interface TagMatch {
  /** As written. */
  source: string;
  /** Anchored `^(?:…)$`, RE2 syntax translated as for regsync's tag filters. */
  regex: RegExp;
}

export interface KeepLastPolicy {
  kind: 'keepLast';
  /** The repository, without tag or digest. */
  repo: Reference;
  match: TagMatch;
  /** Capture name or number, or a `$1` / `${name}` template over the tag; absent: one group for all matches. */
  group?: string;
  keep: number;
  sort: KeepLastSort;
}

export interface OlderThanPolicy {
  kind: 'olderThan';
  repo: Reference;
  match: TagMatch;
  days: number;
  by: ImageDateSource;
}

/**
 * Manifests no tag reaches, as a registry that lists them says (GitHub Packages: untagged versions that are neither a
 * child of a tagged index nor a referrer of a live image): the pile every overwritten tag leaves behind.
 */
export interface UntaggedPolicy {
  kind: 'untagged';
  repo: Reference;
}

export type PolicyCall = KeepLastPolicy | OlderThanPolicy | UntaggedPolicy;

export interface PolicyDelete {
  /** The tag to delete, as a full reference; for an untagged manifest, the reference by digest. */
  ref: Reference;
  /** Absent for an untagged manifest: it is deleted by digest. */
  tag?: string;
  /** What the tag pointed at when planned. */
  digest: string;
  /** Why this tag goes, for the report. */
  reason: string;
}

export interface PolicyPlan {
  deletes: PolicyDelete[];
  /** Matching tags the policy keeps (newest, recent enough, or undatable). */
  kept: string[];
}
