// Planning the ready-made policies: which tags of a repository go. Reads only (tag list, manifests, configs);
// deleting is the caller's job, so the Lua table and the declarative `policies:` list plan with the same code and
// delete through their own paths (journal in Lua, the plan in the engine).
//
// Tags a policy cannot rank or date are kept, never deleted: under `sort: semver` a tag that is not a version, under
// `sort: created` or `olderThan` an image without a readable date.
import { createLimiter } from '../../limit.js';
import type { StoreSource } from '../../copy/options.js';
import type { Logger } from '../../log.js';
import { formatReference, repositoryOf, withDigest, withTag } from '../../oci/reference.js';
import { listsUntagged, type Store } from '../../store/store.js';
import { compareNewestFirst } from '../../config/filters.js';
import { parseSemver } from '../../config/semver.js';
import { describePolicy } from './args.js';
import { imageDate, type ImageDate } from './date.js';
import type { KeepLastPolicy, OlderThanPolicy, PolicyCall, PolicyDelete, PolicyPlan, UntaggedPolicy } from './types.js';

export interface PolicyContext {
  stores: StoreSource;
  logger: Logger;
  /** Milliseconds since the epoch; tests fix it. */
  now?: () => number;
}

/** Manifest and config reads at once while ranking or dating tags. */
const READ_CONCURRENCY = 4;
const DAY_MS = 86_400_000;

interface Dated {
  tag: string;
  info: ImageDate;
}

async function dateTags(store: Store, call: PolicyCall, tags: readonly string[], by: OlderThanPolicy['by']): Promise<Dated[]> {
  const limit = createLimiter(READ_CONCURRENCY);
  return Promise.all(tags.map((tag) => limit(async () => ({ tag, info: await imageDate(store, withTag(call.repo, tag), by) }))));
}

async function digestsOf(store: Store, call: PolicyCall, tags: readonly string[]): Promise<Map<string, string>> {
  const limit = createLimiter(READ_CONCURRENCY);
  const heads = await Promise.all(tags.map((tag) => limit(async () => [tag, (await store.headManifest(withTag(call.repo, tag)))?.digest] as const)));
  return new Map(heads.filter((h): h is readonly [string, string] => h[1] !== undefined));
}

/** The group a matching tag belongs to: a capture by name or number, or a `$1` / `${name}` template. */
export function groupOf(policy: KeepLastPolicy, tag: string): string {
  const group = policy.group;
  if (group === undefined) return '';
  const m = policy.match.regex.exec(tag);
  if (!m) return '';
  if (/^[0-9]+$/.test(group)) return m[Number(group)] ?? '';
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(group)) return m.groups?.[group] ?? '';
  // Go's regexp.Expand spellings (`${1}`, `${name}`) in JavaScript's replacement syntax.
  const template = group.replace(/\$\{([0-9]+)\}/g, '$$$1').replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$<$1>');
  return tag.replace(policy.match.regex, template);
}

async function planKeepLast(ctx: PolicyContext, store: Store, policy: KeepLastPolicy, tags: readonly string[]): Promise<PolicyPlan> {
  const kept: string[] = [];
  let ranked = tags.filter((t) => policy.match.regex.test(t));
  if (policy.sort === 'semver') {
    const unversioned = ranked.filter((t) => !parseSemver(t));
    if (unversioned.length > 0) ctx.logger.debug('keepLast keeps tags that are not versions', { policy: describePolicy(policy), tags: unversioned });
    kept.push(...unversioned);
    ranked = ranked.filter((t) => parseSemver(t));
  }
  const digests = new Map<string, string>();
  const created = new Map<string, number>();
  if (policy.sort === 'created') {
    for (const { tag, info } of await dateTags(store, policy, ranked, { kind: 'created' })) {
      digests.set(tag, info.digest);
      if (info.date) created.set(tag, info.date.getTime());
      else kept.push(tag);
    }
    ranked = ranked.filter((t) => created.has(t));
  }
  const groups = new Map<string, string[]>();
  for (const tag of ranked) {
    const key = groupOf(policy, tag);
    const members = groups.get(key);
    if (members) members.push(tag);
    else groups.set(key, [tag]);
  }
  const doomed: Array<{ tag: string; group: string }> = [];
  for (const [group, members] of groups) {
    const newestFirst =
      policy.sort === 'created'
        ? [...members].sort((a, b) => created.get(b)! - created.get(a)! || compareNewestFirst('name', a, b))
        : [...members].sort((a, b) => compareNewestFirst(policy.sort === 'semver' ? 'semver' : 'name', a, b));
    kept.push(...newestFirst.slice(0, policy.keep));
    doomed.push(...newestFirst.slice(policy.keep).map((tag) => ({ tag, group })));
  }
  // In name order, whatever order the store lists them in: plans read the same on every backend.
  doomed.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  if (policy.sort !== 'created')
    for (const [t, d] of await digestsOf(
      store,
      policy,
      doomed.map((x) => x.tag),
    ))
      digests.set(t, d);
  const inGroup = (g: string) => (policy.group === undefined ? '' : ` of group "${g}"`);
  const deletes: PolicyDelete[] = doomed.flatMap(({ tag, group }) => {
    const digest = digests.get(tag);
    // Gone between the listing and the HEAD: nothing to delete.
    if (digest === undefined) return [];
    return [{ ref: withTag(policy.repo, tag), tag, digest, reason: `keepLast: not among the ${policy.keep} newest by ${policy.sort}${inGroup(group)}` }];
  });
  return { deletes, kept: kept.sort() };
}

async function planOlderThan(ctx: PolicyContext, store: Store, policy: OlderThanPolicy, tags: readonly string[]): Promise<PolicyPlan> {
  const cutoff = (ctx.now ?? Date.now)() - policy.days * DAY_MS;
  const what = policy.by.kind === 'created' ? 'created' : `label ${policy.by.label}`;
  const kept: string[] = [];
  const deletes: PolicyDelete[] = [];
  for (const { tag, info } of await dateTags(
    store,
    policy,
    tags.filter((t) => policy.match.regex.test(t)),
    policy.by,
  )) {
    if (!info.date) {
      ctx.logger.warn('olderThan keeps an image it cannot date', { policy: describePolicy(policy), tag, [what]: info.text ?? null });
      kept.push(tag);
    } else if (info.date.getTime() < cutoff) {
      deletes.push({ ref: withTag(policy.repo, tag), tag, digest: info.digest, reason: `olderThan: ${what} ${info.text}, more than ${policy.days} days ago` });
    } else {
      kept.push(tag);
    }
  }
  return { deletes, kept: kept.sort() };
}

async function planUntagged(store: Store, policy: UntaggedPolicy): Promise<PolicyPlan> {
  if (!listsUntagged(store))
    throw new Error(
      `untagged: ${formatReference(policy.repo)} is not in a registry that lists untagged manifests (GitHub Packages: ghcr.io, or a host with api: github)`,
    );
  const untagged = await store.listUntagged(policy.repo);
  const deletes = untagged.map((u) => ({
    ref: withDigest(policy.repo, u.digest),
    digest: u.digest,
    reason: `untagged: no tag reaches it${u.githubVersionId !== undefined ? ` (version ${u.githubVersionId})` : ''}`,
  }));
  return { deletes, kept: [] };
}

/** The tags (or untagged manifests) a policy would delete, with the digest each points at now. */
export async function planPolicy(ctx: PolicyContext, call: PolicyCall): Promise<PolicyPlan> {
  const store = ctx.stores.storeFor(call.repo);
  if (call.kind === 'untagged') return planUntagged(store, call);
  const tags = await store.listTags(repositoryOf(call.repo));
  const plan = call.kind === 'keepLast' ? await planKeepLast(ctx, store, call, tags) : await planOlderThan(ctx, store, call, tags);
  ctx.logger.debug('policy planned', { policy: describePolicy(call), deletes: plan.deletes.length, kept: plan.kept.length });
  return plan;
}
