// The names of the OCI distribution spec grammar (spec.md "Pulling manifests"): tags, repository names and digests.
// One rule each, asked by reference parsing (names typed by the operator) and by every store and engine that takes a
// name from a registry, a layout or an archive: such a name is parsed here before any URL or path is built from it.
import { InvalidNameError, type NameKind } from '../errors.js';

declare const validated: unique symbol;
/** A string that matched the tag grammar. Only `parseTag`/`isValidTag` (and reference parsing) make one. */
export type Tag = string & { readonly [validated]: 'tag' };
/** A repository path (`a/b/c`) whose every component matched the grammar, at most 255 characters. */
export type RepositoryName = string & { readonly [validated]: 'repository' };
/** `sha256:<64 hex>` or `sha512:<128 hex>`, the algorithms regkit (and distribution) verify. */
export type Digest = string & { readonly [validated]: 'digest' };

const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const REPOSITORY_MAX_LENGTH = 255;

export function isValidTag(value: string): value is Tag {
  return TAG_RE.test(value);
}

export function isValidDigest(value: string): value is Digest {
  return DIGEST_RE.test(value);
}

/** Why `value` is not a tag (`must match …`), or undefined when it is one. */
export function tagProblem(value: string): string | undefined {
  return TAG_RE.test(value) ? undefined : 'must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}';
}

/** Why `value` is not a digest (`is not …`), or undefined when it is one. */
export function digestProblem(value: string): string | undefined {
  return DIGEST_RE.test(value) ? undefined : 'is not sha256:<64 hex> or sha512:<128 hex> (lowercase hex)';
}

/** Why `value` is not a repository name, or undefined when it is one. */
export function repositoryProblem(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.some((p) => p === '')) return 'the repository path has an empty component';
  for (const p of parts) {
    if (p !== p.toLowerCase()) return `repository "${value}" must be lowercase`;
    if (!COMPONENT_RE.test(p)) return `repository component "${p}" may hold only a-z, 0-9 and single separators (. _ __ -)`;
  }
  if (value.length > REPOSITORY_MAX_LENGTH) return `the repository name is longer than ${REPOSITORY_MAX_LENGTH} characters`;
  return undefined;
}

const PROBLEMS: Record<NameKind, (value: string) => string | undefined> = { tag: tagProblem, repository: repositoryProblem, digest: digestProblem };

/** Parses a name that came from `source` (a registry and repository, a layout, an archive); throws InvalidNameError. */
function parseName(kind: NameKind, value: unknown, source: string): string {
  if (typeof value !== 'string') throw new InvalidNameError(kind, value, source, 'is not a string');
  const problem = PROBLEMS[kind](value);
  if (problem !== undefined) throw new InvalidNameError(kind, value, source, problem);
  return value;
}

export function parseTag(value: unknown, source: string): Tag {
  return parseName('tag', value, source) as Tag;
}

export function parseRepository(value: unknown, source: string): RepositoryName {
  return parseName('repository', value, source) as RepositoryName;
}

export function parseDigest(value: unknown, source: string): Digest {
  return parseName('digest', value, source) as Digest;
}

/** A manifest reference is a tag or a digest, told apart by the colon a tag cannot hold. */
export function parseTagOrDigest(value: unknown, source: string): Tag | Digest {
  return typeof value === 'string' && value.includes(':') ? parseDigest(value, source) : parseTag(value, source);
}
