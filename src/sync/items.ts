// From steps to items: each (source tag → target tag) a sync step covers, after tag and repository filters. Only
// reads: tag lists and the catalog.
import { UsageError, type InvalidNameError } from '../errors.js';
import { repositoryProblem } from '../oci/names.js';
import { parseReference, parseRegistryHost, repositoryOf, withTag, formatReference, type Reference } from '../oci/reference.js';
import { imageAt, type Location, type OperationResult } from '../report/result.js';
import { tagsIfAny, type Store } from '../store/store.js';
import { nameAllowed, selectTags, type SyncStep } from './config/load.js';
import { inShard, type Shard } from '../config/shard.js';

export interface SyncItem {
  step: SyncStep;
  source: Reference;
  target: Reference;
  referrerRepos: ReferrerRepos;
}

/** The step's `referrerSource` and `referrerTarget`, parsed; regsync reads them only when `referrers` is on. */
export interface ReferrerRepos {
  source?: Reference;
  target?: Reference;
}

export interface StoreLookup {
  storeFor(ref: Reference): Store;
  storeForRegistry(registry: string): Store;
}

export interface ExpandOptions {
  shard?: Shard;
  /** Only tags the target does not have yet (`once --missing`). */
  missing?: boolean;
}

/** Why `once --missing` leaves an item alone: its target tag exists, whatever it points at (regsync's rule). */
export const ON_TARGET_REASON = 'already on the target (--missing)';

export interface Expanded {
  items: SyncItem[];
  /** Tags the filters left out, reported in plans so a policy change shows what it drops. */
  excluded: OperationResult[];
  /** Names the source listed that are not valid OCI names: each fails on its own, and nothing is written for it. */
  failed: OperationResult[];
}

/**
 * A step's source and target, parsed. Every step is parsed before the first request of a run, so a reference that a
 * template left unusable (an unset `{{env}}`) stops the run with nothing read or written.
 */
export type StepEndpoints = (
  | { step: SyncStep; type: 'image' | 'repository'; source: Reference; target: Reference }
  | { step: SyncStep; type: 'registry'; source: RegistryPath; target: RegistryPath }
) & { referrerRepos: ReferrerRepos };

/** A registry step names a host, optionally with a path below which repositories are taken or put. */
export interface RegistryPath {
  host: string;
  prefix: string;
}

function positionOf(step: SyncStep): string {
  return `${step.file}:${step.line}:${step.column}`;
}

function parseStepRef(step: SyncStep, text: string, what: 'source' | 'target' | 'referrerSource' | 'referrerTarget', repositoryOnly: boolean): Reference {
  try {
    const ref = parseReference(text, { repositoryOnly });
    if (repositoryOnly && (ref.tag !== undefined || ref.digest !== undefined)) {
      throw new UsageError(`a ${step.type} step's ${what} is a repository: drop the tag or digest from "${text}"`);
    }
    return ref;
  } catch (err) {
    throw new UsageError(`${positionOf(step)}: sync[${step.index}] ${what}: ${(err as Error).message}`);
  }
}

function parseRegistryPath(step: SyncStep, text: string, what: 'source' | 'target'): RegistryPath {
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  try {
    const prefix = slash < 0 ? '' : text.slice(slash + 1).replace(/\/+$/, '');
    const problem = prefix === '' ? undefined : repositoryProblem(prefix);
    if (problem !== undefined) throw new UsageError(`the path below ${host}: ${problem}`);
    return { host: parseRegistryHost(host), prefix };
  } catch (err) {
    throw new UsageError(`${positionOf(step)}: sync[${step.index}] ${what}: ${(err as Error).message}`);
  }
}

/** Throws UsageError (exit 2) naming the step's file:line:column when its source or target is not usable. */
export function parseStepEndpoints(step: SyncStep): StepEndpoints {
  const referrerRepos = parseReferrerRepos(step);
  if (step.type === 'registry') {
    return {
      step,
      type: step.type,
      source: parseRegistryPath(step, step.source, 'source'),
      target: parseRegistryPath(step, step.target, 'target'),
      referrerRepos,
    };
  }
  const repositoryOnly = step.type === 'repository';
  return {
    step,
    type: step.type,
    source: parseStepRef(step, step.source, 'source', repositoryOnly),
    target: parseStepRef(step, step.target, 'target', repositoryOnly),
    referrerRepos,
  };
}

/** A tag or digest on either is dropped: referrers are looked up by the digest being copied, as regsync does. */
function parseReferrerRepos(step: SyncStep): ReferrerRepos {
  if (!step.referrers) return {};
  const parse = (text: string | undefined, what: 'referrerSource' | 'referrerTarget'): Reference | undefined =>
    text ? repositoryOf(parseStepRef(step, text, what, false)) : undefined;
  const source = parse(step.referrerSource, 'referrerSource');
  const target = parse(step.referrerTarget, 'referrerTarget');
  return { ...(source ? { source } : {}), ...(target ? { target } : {}) };
}

export async function expandStep(stores: StoreLookup, endpoints: StepEndpoints, opts: ExpandOptions): Promise<Expanded> {
  const { step } = endpoints;
  switch (endpoints.type) {
    case 'image': {
      const item = { step, source: endpoints.source, target: endpoints.target, referrerRepos: endpoints.referrerRepos };
      return { items: inShard(formatReference(item.target), opts.shard) ? [item] : [], excluded: [], failed: [] };
    }
    case 'repository':
      return expandRepository(stores, endpoints, endpoints.source, endpoints.target, opts);
    case 'registry':
      return expandRegistry(stores, endpoints, endpoints.source, endpoints.target, opts);
  }
}

/**
 * `listed`: the catalog named the source, so a tag list that answers 404 (a repository holding only blobs, or one
 * deleted since) has no tags; a source the user typed must exist.
 */
async function expandRepository(
  stores: StoreLookup,
  endpoints: StepEndpoints,
  source: Reference,
  target: Reference,
  opts: ExpandOptions,
  listed = false,
): Promise<Expanded> {
  const { step, referrerRepos } = endpoints;
  const invalid: InvalidNameError[] = [];
  const sourceStore = stores.storeFor(source);
  const listOpts = { onInvalid: (err: InvalidNameError) => invalid.push(err) };
  const tags = listed ? await tagsIfAny(sourceStore, repositoryOf(source), listOpts) : await sourceStore.listTags(repositoryOf(source), listOpts);
  const chosen = new Set(selectTags(step.tagSets, tags));
  const present = new Set<string>(opts.missing ? await tagsIfAny(stores.storeFor(target), repositoryOf(target)) : []);
  const items: SyncItem[] = [];
  const excluded: OperationResult[] = [];
  for (const tag of tags) {
    const item = { step, source: withTag(source, tag), target: withTag(target, tag), referrerRepos };
    if (!inShard(formatReference(item.target), opts.shard)) continue;
    if (!chosen.has(tag)) excluded.push(excludedResult(item, 'not selected by the tags filters'));
    else if (present.has(tag)) excluded.push(excludedResult(item, ON_TARGET_REASON));
    else items.push(item);
  }
  // Whatever the filters say: a source that lists a name no registry could hold is one to look at, not to skip quietly.
  const [from, to] = [repositoryOf(source), repositoryOf(target)];
  const failed = invalid
    .filter((err) => inShard(`${formatReference(to)} ${err.message}`, opts.shard))
    .map((err) => invalidNameResult(imageAt(from), imageAt(to), err));
  return { items, excluded, failed };
}

async function expandRegistry(stores: StoreLookup, endpoints: StepEndpoints, from: RegistryPath, to: RegistryPath, opts: ExpandOptions): Promise<Expanded> {
  const { step } = endpoints;
  const invalid: InvalidNameError[] = [];
  const repos = await stores.storeForRegistry(from.host).listRepositories({ onInvalid: (err) => invalid.push(err) });
  const out: Expanded = { items: [], excluded: [], failed: [] };
  for (const err of invalid) {
    const below = typeof err.value === 'string' && (from.prefix === '' || err.value.startsWith(`${from.prefix}/`));
    if (below && inShard(`${registryPathLabel(to)} ${err.message}`, opts.shard)) out.failed.push(invalidNameResult(registryAt(from), registryAt(to), err));
  }
  for (const repo of repos) {
    if (from.prefix && !repo.startsWith(`${from.prefix}/`)) continue;
    if (!nameAllowed(step.repos, repo)) continue;
    const name = from.prefix ? repo.slice(from.prefix.length + 1) : repo;
    const source: Reference = { scheme: 'registry', registry: from.host, repository: repo };
    const target: Reference = { scheme: 'registry', registry: to.host, repository: to.prefix ? `${to.prefix}/${name}` : name };
    const part = await expandRepository(stores, endpoints, source, target, opts, true);
    out.items.push(...part.items);
    out.excluded.push(...part.excluded);
    out.failed.push(...part.failed);
  }
  return out;
}

/** A registry step's side as the shard hash names it: the host and the path below it. */
function registryPathLabel(path: RegistryPath): string {
  return path.prefix ? `${path.host}/${path.prefix}` : path.host;
}

/** A registry step's side as results name it. */
export function registryAt(path: RegistryPath): Location {
  return { kind: 'registry', host: path.host, ...(path.prefix ? { path: path.prefix } : {}) };
}

function invalidNameResult(source: Location, target: Location, err: InvalidNameError): OperationResult {
  return { op: 'sync', status: 'failed', source, target, bytes: 0, reason: err.message };
}

export function excludedResult(item: Pick<SyncItem, 'source' | 'target'>, reason: string): OperationResult {
  return { op: 'sync', status: 'excluded', source: imageAt(item.source), target: imageAt(item.target), bytes: 0, reason };
}
