// The `policy` table in Lua: `policy.keepLast{repo=, match=, group=, keep=, sort=}` and
// `policy.olderThan{repo=, match=, days=, by=}`. Each plans with the same code as the YAML `policies:` list, then
// deletes the planned tags as `tag.delete` does (journaled; in dry-run only planned). Returns two arrays of tag
// names: the deleted (or, in dry-run, would-be deleted) and the kept.
import { formatReference } from '../../oci/reference.js';
import type { ApiContext } from '../lua/context.js';
import { lua, pushValue, raise, readValue, setFunction, to_luastring, typeName, type LuaState } from '../lua/fengari.js';
import type { LuaExtension } from '../lua/run.js';
import { describePolicy, parsePolicyCall } from './args.js';
import { planPolicy } from './policy.js';
import type { PolicyCall, PolicyKind } from './types.js';
import { imageAt } from '../../report/result.js';

async function applyPolicy(ctx: ApiContext, call: PolicyCall, line: { line?: number }): Promise<{ deleted: string[]; kept: string[] }> {
  const plan = await planPolicy({ stores: { storeFor: (ref) => ctx.storeFor(ref) }, logger: ctx.opts.logger }, call);
  const deleted: string[] = [];
  for (const d of plan.deletes) {
    const entry = ctx.journal.record('tag.delete', { target: imageAt(d.ref), digest: d.digest, ...line });
    ctx.opts.logger.info('Delete tag', { ...ctx.logFields(entry.line), image: formatReference(d.ref), digest: d.digest, reason: d.reason, dryRun: ctx.dryRun });
    try {
      await ctx.perform(entry, () => ctx.storeFor(d.ref).deleteTag(d.ref));
    } catch {
      throw new Error(`policy.${call.kind} could not delete "${formatReference(d.ref)}": ${entry.error}`);
    }
    deleted.push(d.tag ?? d.digest);
  }
  return { deleted, kept: plan.kept };
}

function policyFunction(ctx: ApiContext, kind: PolicyKind): (L: LuaState) => number {
  return ctx.asyncFunction((L) => {
    if (lua.lua_type(L, 1) !== lua.LUA_TTABLE)
      return raise(L, `bad argument #1 to policy.${kind}: table expected, got ${typeName(L, 1)} (call it as policy.${kind}{repo=..., match=...})`);
    let call: PolicyCall;
    try {
      call = parsePolicyCall(kind, readValue(L, 1) as Record<string, unknown>);
    } catch (err) {
      return raise(L, `policy.${err instanceof Error ? err.message : String(err)}`);
    }
    ctx.debug('running policy', { policy: describePolicy(call) });
    return {
      promise: applyPolicy(ctx, call, ctx.lineFields(L)),
      push: (L2, out: { deleted: string[]; kept: string[] }) => {
        pushValue(L2, out.deleted);
        pushValue(L2, out.kept);
        return 2;
      },
    };
  });
}

/** Registers the global `policy` table in a script's state. */
export const installPolicy: LuaExtension = (L, ctx) => {
  lua.lua_createtable(L, 0, 2);
  setFunction(L, 'keepLast', policyFunction(ctx, 'keepLast'));
  setFunction(L, 'olderThan', policyFunction(ctx, 'olderThan'));
  lua.lua_setglobal(L, to_luastring('policy'));
};
