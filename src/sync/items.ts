// From steps to items: each (source tag → target tag) a sync step covers, after tag and repository filters. Only
// reads: tag lists and the catalog.
import { UsageError } from '../errors.js';
import { parseReference, parseRegistryHost, repositoryOf, withTag, formatReference, type Reference } from '../ref.js';
import type { OperationResult } from '../report/result.js';
import type { Store } from '../store/store.js';
import { nameAllowed, selectTags, type SyncStep } from './config.js';
import { inShard, type Shard } from './shard.js';

export interface SyncItem {
  step: SyncStep;
  source: Reference;
  target: Reference;
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

export interface Expanded {
  items: SyncItem[];
  /** Tags the filters left out, reported in plans so a policy change shows what it drops. */
  excluded: OperationResult[];
}

function parseStepRef(step: SyncStep, text: string, what: 'source' | 'target', repositoryOnly: boolean): Reference {
  try {
    const ref = parseReference(text, { repositoryOnly });
    if (repositoryOnly && (ref.tag !== undefined || ref.digest !== undefined)) {
      throw new UsageError(`a ${step.type} step's ${what} is a repository: drop the tag or digest from "${text}"`);
    }
    return ref;
  } catch (err) {
    throw new UsageError(`sync[${step.index}] (${step.file}:${step.line}) ${what}: ${(err as Error).message}`);
  }
}

export async function expandStep(stores: StoreLookup, step: SyncStep, opts: ExpandOptions): Promise<Expanded> {
  switch (step.type) {
    case 'image': {
      const item = { step, source: parseStepRef(step, step.source, 'source', false), target: parseStepRef(step, step.target, 'target', false) };
      return { items: inShard(formatReference(item.target), opts.shard) ? [item] : [], excluded: [] };
    }
    case 'repository':
      return expandRepository(stores, step, parseStepRef(step, step.source, 'source', true), parseStepRef(step, step.target, 'target', true), opts);
    case 'registry':
      return expandRegistry(stores, step, opts);
  }
}

async function expandRepository(stores: StoreLookup, step: SyncStep, source: Reference, target: Reference, opts: ExpandOptions): Promise<Expanded> {
  const tags = await stores.storeFor(source).listTags(repositoryOf(source));
  const chosen = new Set(selectTags(step.tagSets, tags));
  const present = opts.missing ? new Set(await stores.storeFor(target).listTags(repositoryOf(target))) : new Set<string>();
  const items: SyncItem[] = [];
  const excluded: OperationResult[] = [];
  for (const tag of tags) {
    const item = { step, source: withTag(source, tag), target: withTag(target, tag) };
    if (!inShard(formatReference(item.target), opts.shard)) continue;
    if (!chosen.has(tag)) excluded.push(excludedResult(item, 'not selected by the tags filters'));
    else if (present.has(tag)) excluded.push(excludedResult(item, 'already on the target (--missing)'));
    else items.push(item);
  }
  return { items, excluded };
}

async function expandRegistry(stores: StoreLookup, step: SyncStep, opts: ExpandOptions): Promise<Expanded> {
  const [srcHost, srcPrefix] = splitHost(step, step.source, 'source');
  const [dstHost, dstPrefix] = splitHost(step, step.target, 'target');
  const repos = await stores.storeForRegistry(srcHost).listRepositories();
  const out: Expanded = { items: [], excluded: [] };
  for (const repo of repos) {
    if (srcPrefix && !repo.startsWith(`${srcPrefix}/`)) continue;
    if (!nameAllowed(step.repos, repo)) continue;
    const name = srcPrefix ? repo.slice(srcPrefix.length + 1) : repo;
    const source: Reference = { scheme: 'registry', registry: srcHost, repository: repo };
    const target: Reference = { scheme: 'registry', registry: dstHost, repository: dstPrefix ? `${dstPrefix}/${name}` : name };
    const part = await expandRepository(stores, step, source, target, opts);
    out.items.push(...part.items);
    out.excluded.push(...part.excluded);
  }
  return out;
}

/** A registry step names a host, optionally with a path below which repositories are taken or put. */
function splitHost(step: SyncStep, text: string, what: string): [string, string] {
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  try {
    return [parseRegistryHost(host), slash < 0 ? '' : text.slice(slash + 1).replace(/\/+$/, '')];
  } catch (err) {
    throw new UsageError(`sync[${step.index}] (${step.file}:${step.line}) ${what}: ${(err as Error).message}`);
  }
}

function excludedResult(item: SyncItem, reason: string): OperationResult {
  return { op: 'sync', status: 'excluded', source: formatReference(item.source), target: formatReference(item.target), bytes: 0, reason };
}
