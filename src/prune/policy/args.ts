// Reads a policy's arguments, whether they come from a Lua table or from the YAML `policies:` list, into one
// validated PolicyCall. Both callers get the same messages; the YAML loader adds the position of the key named.
import { parseReference, formatReference } from '../../oci/reference.js';
import { suggestKey } from '../../config/keys.js';
import { compileAnchoredRegex } from '../../config/regex.js';
import type { ImageDateSource, KeepLastPolicy, KeepLastSort, OlderThanPolicy, PolicyCall, PolicyKind, TagMatch } from './types.js';

export const POLICY_KINDS: readonly PolicyKind[] = ['keepLast', 'olderThan', 'untagged'];

export const POLICY_KEYS: Record<PolicyKind, readonly string[]> = {
  keepLast: ['repo', 'match', 'group', 'keep', 'sort'],
  olderThan: ['repo', 'match', 'days', 'by'],
  untagged: ['repo'],
};

const SORTS: readonly KeepLastSort[] = ['semver', 'name', 'created'];

/** A bad argument; `key` names it so the YAML loader can point at it. */
export class PolicyArgError extends Error {
  constructor(
    message: string,
    readonly key?: string,
  ) {
    super(message);
    this.name = 'PolicyArgError';
  }
}

type Args = Readonly<Record<string, unknown>>;

function fail(kind: PolicyKind, key: string | undefined, message: string): never {
  throw new PolicyArgError(`${kind}: ${message}`, key);
}

function requiredString(kind: PolicyKind, args: Args, key: string, example: string): string {
  const v = args[key];
  if (v === undefined || v === null || v === '') fail(kind, key, `${key} is required, e.g. ${key}=${example}`);
  if (typeof v !== 'string') fail(kind, key, `${key} must be a string`);
  return v;
}

function readRepo(kind: PolicyKind, args: Args): PolicyCall['repo'] {
  const text = requiredString(kind, args, 'repo', '"registry.example.com/team/app"');
  let repo;
  try {
    repo = parseReference(text, { repositoryOnly: true });
  } catch (err) {
    fail(kind, 'repo', (err as Error).message);
  }
  if (repo.tag !== undefined || repo.digest !== undefined) fail(kind, 'repo', `repo names a repository, not an image: drop the tag or digest from "${text}"`);
  return repo;
}

function readMatch(kind: PolicyKind, args: Args): TagMatch {
  // Required rather than defaulting to every tag: a retention rule should say which tags it may delete.
  const source = requiredString(kind, args, 'match', '"ci-[0-9]+" (anchored; use ".*" for every tag)');
  try {
    return { source, regex: compileAnchoredRegex(source) };
  } catch (err) {
    fail(kind, 'match', (err as Error).message);
  }
}

function readNumber(kind: PolicyKind, args: Args, key: string, opts: { integer: boolean; min: number }): number {
  const v = args[key];
  const n = typeof v === 'string' && /^[0-9]+(?:\.[0-9]+)?$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) fail(kind, key, `${key} must be a number`);
  if (opts.integer && !Number.isInteger(n)) fail(kind, key, `${key} must be a whole number`);
  if (n < opts.min) fail(kind, key, `${key} must be at least ${opts.min}`);
  return n;
}

function checkKeys(kind: PolicyKind, args: Args): void {
  const valid = POLICY_KEYS[kind];
  for (const key of Object.keys(args)) {
    if (valid.includes(key)) continue;
    const near = suggestKey(key, valid);
    fail(kind, key, `unknown argument "${key}"${near ? `; did you mean "${near}"?` : `; valid arguments are ${valid.join(', ')}`}`);
  }
}

/** The capture a bare `group` names must exist in `match`; a template is checked when it runs. */
function checkGroup(kind: PolicyKind, match: TagMatch, group: string): void {
  const groups = new RegExp(`${match.regex.source}|`, match.regex.flags).exec('')!.length - 1;
  if (/^[0-9]+$/.test(group) && Number(group) > groups) fail(kind, 'group', `group ${group} is not a capture of match "${match.source}" (it has ${groups})`);
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(group) && !new RegExp(`\\(\\?P?<${group}>`).test(match.source)) {
    fail(kind, 'group', `group "${group}" is not a named capture of match "${match.source}"; name one with (?P<${group}>...) or use a template such as "$1"`);
  }
}

function readKeepLast(args: Args): KeepLastPolicy {
  const repo = readRepo('keepLast', args);
  const match = readMatch('keepLast', args);
  const keep = readNumber('keepLast', args, 'keep', { integer: true, min: 1 });
  const sortArg = args['sort'] ?? 'semver';
  if (typeof sortArg !== 'string' || !SORTS.includes(sortArg as KeepLastSort))
    fail('keepLast', 'sort', `sort must be ${SORTS.join(', ')}, not ${JSON.stringify(sortArg)}`);
  const policy: KeepLastPolicy = { kind: 'keepLast', repo, match, keep, sort: sortArg as KeepLastSort };
  const group = args['group'];
  if (group !== undefined && group !== null && group !== '') {
    if (typeof group !== 'string' && typeof group !== 'number')
      fail('keepLast', 'group', 'group must be a capture name, a capture number or a template such as "$1"');
    checkGroup('keepLast', match, String(group));
    policy.group = String(group);
  }
  return policy;
}

function readDateSource(args: Args): ImageDateSource {
  const by = args['by'] ?? 'created';
  if (by === 'created') return { kind: 'created' };
  if (typeof by === 'string' && by.startsWith('label:') && by.length > 'label:'.length) return { kind: 'label', label: by.slice('label:'.length) };
  return fail('olderThan', 'by', `by must be "created" or "label:<name>" (a label holding an RFC 3339 date), not ${JSON.stringify(by)}`);
}

function readOlderThan(args: Args): OlderThanPolicy {
  return {
    kind: 'olderThan',
    repo: readRepo('olderThan', args),
    match: readMatch('olderThan', args),
    days: readNumber('olderThan', args, 'days', { integer: false, min: 0 }),
    by: readDateSource(args),
  };
}

/** Validates a policy's arguments; throws PolicyArgError naming the argument at fault. */
export function parsePolicyCall(kind: PolicyKind, args: Args): PolicyCall {
  checkKeys(kind, args);
  if (kind === 'untagged') return { kind, repo: readRepo(kind, args) };
  return kind === 'keepLast' ? readKeepLast(args) : readOlderThan(args);
}

/** `keepLast registry/repo match="…"`: how logs and reports name one policy call. */
export function describePolicy(call: PolicyCall): string {
  return call.kind === 'untagged' ? `untagged ${formatReference(call.repo)}` : `${call.kind} ${formatReference(call.repo)} match="${call.match.source}"`;
}
