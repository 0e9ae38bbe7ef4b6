// `repo.ls(host[, {limit, last}])`, `tag.ls(ref[, {limit, last}])` and `tag.delete(ref)`. regbot's repo.ls asks the
// registry for one page of `limit` names after `last`; regkit's list follows the registry's pages and keeps the first
// `limit` (the same names, without a page of size 1 per name). regbot's tag.ls reads no options; regkit's reads the
// same two, so a script can bound a list either way.
import { type UsageError } from '../../../errors.js';
import { formatReference, parseRegistryHost, repositoryKey, repositoryOf } from '../../../oci/reference.js';
import type { ListOptions } from '../../../store/store.js';
import type { ApiContext } from '../context.js';
import { labelled } from '../context.js';
import { lua, pushValue, raise, readValue, setFunction, to_luastring, type LuaState } from '../fengari.js';
import { referenceArg } from './reference.js';
import { imageAt } from '../../../report/result.js';

interface ScriptListOptions {
  /** How many names the script gets at most. */
  limit?: number;
  /** Asked of the store: the page size stays the registry's. */
  store: ListOptions;
}

function listOptions(L: LuaState, idx: number): ScriptListOptions {
  if (lua.lua_type(L, idx) <= lua.LUA_TNIL) return { store: {} };
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raise(L, `bad argument #${idx}: options table {limit=, last=} expected`);
  const v = readValue(L, idx) as Record<string, unknown>;
  const opts: ScriptListOptions = { store: {} };
  if (typeof v['limit'] === 'number' && v['limit'] >= 1) opts.limit = Math.floor(v['limit']);
  if (typeof v['last'] === 'string' && v['last'] !== '') opts.store.last = v['last'];
  return opts;
}

function limited<T>(list: Promise<T[]>, opts: ScriptListOptions): Promise<T[]> {
  return opts.limit === undefined ? list : list.then((names) => names.slice(0, opts.limit));
}

export function installTagAndRepo(L: LuaState, ctx: ApiContext): void {
  const repoLs = ctx.asyncFunction((L2) => {
    if (lua.lua_type(L2, 1) !== lua.LUA_TSTRING) raise(L2, 'bad argument #1: expected registry name (host and optional port)');
    let host: string;
    try {
      host = parseRegistryHost(lua.lua_tojsstring(L2, 1));
    } catch (err) {
      return raise(L2, (err as UsageError).message);
    }
    const opts = listOptions(L2, 2);
    ctx.debug('listing repositories', { host });
    // A registry reference only to find the host's store; the repository part is never used.
    const store = ctx.storeFor({ scheme: 'registry', registry: host, repository: 'library' });
    return { promise: labelled('repo.ls', host, limited(store.listRepositories(opts.store), opts)), push: (L3, repos: string[]) => (pushValue(L3, repos), 1) };
  });

  const tagLs = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1, { repositoryOnly: true });
    const opts = listOptions(L2, 2);
    ctx.debug('listing tags', { repository: repositoryKey(ref) });
    const promise = labelled('tag.ls', repositoryOf(ref), limited(ctx.storeFor(ref).listTags(repositoryOf(ref), opts.store), opts));
    return { promise, push: (L3, tags: string[]) => (pushValue(L3, tags), 1) };
  });

  const tagDelete = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    if (ref.tag === undefined) return raise(L2, `tag.delete needs a reference with a tag, got "${formatReference(ref)}"`);
    const tag = ref.tag;
    const tagged = { ...repositoryOf(ref), tag };
    const entry = ctx.journal.record('tag.delete', { target: imageAt(tagged), ...ctx.lineFields(L2) });
    const store = ctx.storeFor(ref);
    const work = ctx.perform(entry, async () => {
      const head = await store.headManifest(tagged);
      if (!head) throw new Error('tag not found');
      entry.digest = head.digest;
      ctx.opts.logger.info('Delete tag', { ...ctx.logFields(entry.line), image: formatReference(tagged), digest: head.digest, dryRun: ctx.dryRun });
      return store.deleteTag(tagged);
    });
    return { promise: labelled('tag.delete', tagged, work), push: () => 0 };
  });

  lua.lua_createtable(L, 0, 1);
  setFunction(L, 'ls', repoLs);
  lua.lua_setglobal(L, to_luastring('repo'));
  lua.lua_createtable(L, 0, 2);
  setFunction(L, 'ls', tagLs);
  setFunction(L, 'delete', tagDelete);
  lua.lua_setglobal(L, to_luastring('tag'));
}
