// The `manifest` table and manifest userdata: get, getList, head, descriptor, put, delete, and the methods
// `m:config()`, `m:descriptor()`, `m:delete()`, `m:export()`, `m:get()`, `m:head()`, `m:put(ref)`,
// `m:ratelimit()`, `m:ratelimitWait(...)`; `tostring(m)` is the manifest's JSON.
import { digestOf } from '../../../oci/digest.js';
import { parseManifest } from '../../../oci/manifest.js';
import { parsePlatform } from '../../../oci/platform.js';
import { withDigest, type Reference } from '../../../oci/reference.js';
import { labelled, type ApiContext } from '../context.js';
import { LuaPusher, lua, pushString, pushValue, raise, readValue, setFunction, to_luastring, typeName, type LuaState, type LuaValue } from '../fengari.js';
import { ConfigHandle, ManifestHandle } from '../handles.js';
import { referenceArg } from './reference.js';
import { defaultPlatform, fetchManifest, headManifest } from '../manifest-fetch.js';
import { descriptorFields, fromRegbotShape, MANIFEST, rateLimitFields, toRegbotShape } from '../regbot-shapes.js';
import { tagsUsingDigest } from '../safety.js';
import { handleAt, pushFieldsOf, pushUserdata, type UserdataType } from '../userdata.js';
import { imageAt, locationText } from '../../../report/result.js';

/** The functions other tables reuse (image.manifest is manifest.get, image.config is m:config ...). */
export interface ManifestApi {
  get: (L: LuaState) => number;
  getList: (L: LuaState) => number;
  head: (L: LuaState) => number;
  descriptor: (L: LuaState) => number;
  put: (L: LuaState) => number;
  delete: (L: LuaState) => number;
  ratelimit: (L: LuaState) => number;
  pushManifest: (L: LuaState, m: ManifestHandle) => void;
  /** The manifest userdata's methods; other tables add theirs (ratelimitWait) before the script runs. */
  methods: Record<string, (L: LuaState) => number>;
}

function manifestJson(m: ManifestHandle): unknown {
  return m.parsed ? JSON.parse(Buffer.from(m.parsed.bytes).toString('utf8')) : { mediaType: m.mediaType, digest: m.digest, size: m.size };
}

/** `force` from an options table argument (`{force=true}`), for deletes that bypass the in-use check. */
export function forceOption(L: LuaState, idx: number): boolean {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return false;
  lua.lua_getfield(L, idx, to_luastring('force'));
  const force = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 1);
  return force;
}

/**
 * Deletes a manifest by digest after checking that no tag outside `ref`'s own still uses it (unless forced).
 * Shared by manifest.delete, m:delete() and image.delete.
 */
export function deleteManifestCall(
  ctx: ApiContext,
  L: LuaState,
  call: 'manifest.delete' | 'image.delete',
  target: Promise<ManifestHandle>,
  ref: Reference,
  force: boolean,
) {
  const entry = ctx.journal.record(call, { target: imageAt(ref), ...ctx.lineFields(L) });
  const work = ctx.perform(entry, async () => {
    const m = await target;
    entry.digest = m.digest;
    entry.target = imageAt(withDigest(ref, m.digest));
    const store = ctx.storeFor(ref);
    if (!force) {
      const except = new Set(ref.tag !== undefined ? [ref.tag] : []);
      const users = await tagsUsingDigest(store, ref, m.digest, except, ctx.journal);
      if (users.length > 0) {
        throw new Error(
          `refusing to delete ${m.digest}: still used by tag ${users.join(', ')}; delete those tags first, use tag.delete to remove one tag, or pass {force=true}`,
        );
      }
    }
    ctx.opts.logger.info('Delete manifest', { ...ctx.logFields(entry.line), image: locationText(entry.target), dryRun: ctx.dryRun });
    return store.deleteManifest(withDigest(ref, m.digest));
  });
  return { promise: labelled(call, ref, work), push: () => 0 };
}

export function installManifest(L: LuaState, ctx: ApiContext, configOf: (L: LuaState) => number): ManifestApi {
  const platform = defaultPlatform(ctx.opts.platform);

  const manifestType: UserdataType = {
    name: 'regkit.manifest',
    methods: {},
    tostring: (L2) => {
      const m = handleAt(L2, 1, ManifestHandle);
      pushString(L2, m ? JSON.stringify(manifestJson(m), null, 2) : 'manifest');
      return 1;
    },
  };

  // `config` is both a JSON field (the config descriptor) and a method; the field's table is made callable so
  // `m.config.digest` and `m:config()` both work.
  const callableConfig = (fields: LuaValue): LuaPusher =>
    new LuaPusher((L2) => {
      pushValue(L2, fields);
      lua.lua_createtable(L2, 0, 1);
      lua.lua_pushcclosure(
        L2,
        (L3) => {
          lua.lua_remove(L3, 1);
          return configOf(L3);
        },
        0,
      );
      lua.lua_setfield(L2, -2, to_luastring('__call'));
      lua.lua_setmetatable(L2, -2);
    });

  const fieldsOf = (m: ManifestHandle): LuaValue => {
    if (!m.parsed) return descriptorFields(m);
    const fields = toRegbotShape(manifestJson(m), MANIFEST) as Record<string, LuaValue>;
    if (fields['config'] !== undefined && fields['config'] !== null) fields['config'] = callableConfig(fields['config']);
    return fields;
  };
  const pushManifest = (L2: LuaState, m: ManifestHandle): void => pushUserdata(L2, manifestType, m, fieldsOf(m));
  const pushOne = (L2: LuaState, m: ManifestHandle): number => (pushManifest(L2, m), 1);

  /** A manifest argument, or a reference fetched (or HEADed) now. */
  const manifestArg = (L2: LuaState, idx: number, fetch: 'head' | 'list'): { ref: Reference; handle: Promise<ManifestHandle> } => {
    const m = handleAt(L2, idx, ManifestHandle) ?? handleAt(L2, idx, ConfigHandle)?.manifest;
    if (m) return { ref: m.ref, handle: Promise.resolve(m) };
    const ref = referenceArg(L2, idx);
    const store = ctx.storeFor(ref);
    return { ref, handle: fetch === 'head' ? headManifest(store, ref) : fetchManifest(store, ref, undefined) };
  };

  const get = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    let want = platform;
    if (lua.lua_type(L2, 2) === lua.LUA_TSTRING) {
      try {
        want = parsePlatform(lua.lua_tojsstring(L2, 2));
      } catch (err) {
        return raise(L2, (err as Error).message);
      }
    }
    return { promise: labelled('manifest.get', ref, fetchManifest(ctx.storeFor(ref), ref, want)), push: pushOne };
  });
  const getList = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    return { promise: labelled('manifest.getList', ref, fetchManifest(ctx.storeFor(ref), ref, undefined)), push: pushOne };
  });
  const head = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    return { promise: labelled('manifest.head', ref, headManifest(ctx.storeFor(ref), ref)), push: pushOne };
  });
  const refetch = ctx.asyncFunction((L2) => {
    const { ref, handle } = manifestArg(L2, 1, 'head');
    return {
      promise: labelled(
        'manifest.get',
        ref,
        handle.then((m) => fetchManifest(ctx.storeFor(ref), withDigest(ref, m.digest), platform)),
      ),
      push: pushOne,
    };
  });
  const descriptor = ctx.asyncFunction((L2) => {
    const { ref, handle } = manifestArg(L2, 1, 'head');
    return { promise: labelled('manifest.descriptor', ref, handle), push: (L3, m: ManifestHandle) => (pushValue(L3, descriptorFields(m)), 1) };
  });
  const ratelimit = ctx.asyncFunction((L2) => {
    const { ref, handle } = manifestArg(L2, 1, 'head');
    return { promise: labelled('manifest.ratelimit', ref, handle), push: (L3, m: ManifestHandle) => (pushValue(L3, rateLimitFields(m.rateLimit)), 1) };
  });

  const put = ctx.asyncFunction((L2) => {
    const m = handleAt(L2, 1, ManifestHandle);
    if (!m?.parsed) return raise(L2, `bad argument #1: manifest expected (from manifest.get, getList or m:export()), got ${typeName(L2, 1)}`);
    const ref = referenceArg(L2, 2);
    const bytes = m.parsed.bytes;
    const entry = ctx.journal.record('manifest.put', { target: imageAt(ref), digest: m.digest, ...ctx.lineFields(L2) });
    const work = ctx.perform(entry, () => ctx.storeFor(ref).putManifest(ref, bytes, m.mediaType));
    return { promise: labelled('manifest.put', ref, work), push: () => 0 };
  });

  const del = ctx.asyncFunction((L2) => {
    const { ref, handle } = manifestArg(L2, 1, 'head');
    return deleteManifestCall(ctx, L2, 'manifest.delete', handle, ref, forceOption(L2, 2));
  });

  const exportManifest = (L2: LuaState): number => {
    const m = handleAt(L2, 1, ManifestHandle);
    if (!m?.parsed) return raise(L2, `bad argument #1: manifest expected, got ${typeName(L2, 1)} (call methods with ':')`);
    if (!pushFieldsOf(L2, 1)) return raise(L2, 'manifest has no fields to export');
    let bytes: Buffer;
    try {
      const json = fromRegbotShape(readValue(L2, -1), manifestJson(m), MANIFEST);
      bytes = Buffer.from(JSON.stringify(json));
    } catch (err) {
      return raise(L2, `m:export() failed: ${(err as Error).message}`);
    }
    const parsed = parseManifest(bytes, m.mediaType);
    pushManifest(L2, new ManifestHandle(m.ref, digestOf(bytes), parsed.mediaType || m.mediaType, bytes.length, parsed, m.rateLimit));
    return 1;
  };

  manifestType.methods = {
    config: configOf,
    delete: del,
    descriptor,
    export: exportManifest,
    get: refetch,
    head,
    put,
    ratelimit,
  };

  lua.lua_createtable(L, 0, 7);
  setFunction(L, 'get', get);
  setFunction(L, 'getList', getList);
  setFunction(L, 'head', head);
  setFunction(L, 'descriptor', descriptor);
  setFunction(L, 'put', put);
  setFunction(L, 'delete', del);
  setFunction(L, 'config', configOf);
  lua.lua_setglobal(L, to_luastring('manifest'));
  return { get, getList, head, descriptor, put, delete: del, ratelimit, pushManifest, methods: manifestType.methods };
}
