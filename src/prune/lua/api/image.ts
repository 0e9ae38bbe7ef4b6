// The `image` table (config, copy, delete, manifest, manifestList, manifestHead, ratelimit, ratelimitWait,
// exportTar, importTar) and the config userdata (`c:export()`, tostring as JSON).
import type { CopyOptions } from '../../../copy/options.js';
import { parseGoDuration } from '../../../config/duration.js';
import type { ImageConfig } from '../../../oci/manifest.js';
import { formatReference, type Reference } from '../../../oci/reference.js';
import { labelled, type ApiContext } from '../context.js';
import { lua, pushString, raise, readValue, setFunction, to_luastring, typeName, type LuaState } from '../fengari.js';
import { ConfigHandle, ManifestHandle } from '../handles.js';
import { referenceArg } from './reference.js';
import { deleteManifestCall, forceOption, type ManifestApi } from './manifest.js';
import { defaultPlatform, fetchConfig, headManifest } from '../manifest-fetch.js';
import { fromRegbotShape, IMAGE_CONFIG, toRegbotShape } from '../regbot-shapes.js';
import { handleAt, pushFieldsOf, pushUserdata, setTypeGlobal, type UserdataType } from '../userdata.js';
import { imageAt } from '../../../report/result.js';

/** A Go duration (`5m`, `1h30m`) in milliseconds; a wait cannot be negative. */
function durationMs(text: string): number {
  const seconds = parseGoDuration(text);
  if (seconds < 0) throw new Error(`invalid duration ${JSON.stringify(text)}: a wait cannot be negative`);
  return seconds * 1000;
}

const CONFIG_TYPE: UserdataType = {
  name: 'regkit.imageconfig',
  methods: {},
  tostring: (L) => {
    const c = handleAt(L, 1, ConfigHandle);
    pushString(L, c ? JSON.stringify(c.config, null, 2) : 'config');
    return 1;
  },
};

function pushConfig(L: LuaState, c: ConfigHandle): void {
  pushUserdata(L, CONFIG_TYPE, c, toRegbotShape(c.config, IMAGE_CONFIG));
}

function exportConfig(L: LuaState): number {
  const c = handleAt(L, 1, ConfigHandle);
  if (!c) return raise(L, `bad argument #1: config expected, got ${typeName(L, 1)} (call methods with ':')`);
  if (!pushFieldsOf(L, 1)) return raise(L, 'config has no fields to export');
  let config: ImageConfig;
  try {
    config = fromRegbotShape(readValue(L, -1), c.config, IMAGE_CONFIG) as ImageConfig;
  } catch (err) {
    return raise(L, `c:export() failed: ${(err as Error).message}`);
  }
  pushConfig(L, new ConfigHandle(c.ref, c.manifest, config, undefined));
  return 1;
}
CONFIG_TYPE.methods = { export: exportConfig };

/** The bytes a config userdata stands for: as fetched, or the exported edit serialized. */
export function configBytes(c: ConfigHandle): Uint8Array {
  return c.bytes ?? Buffer.from(JSON.stringify(c.config));
}

function copyOptions(L: LuaState, idx: number): CopyOptions {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return {};
  const v = readValue(L, idx) as Record<string, unknown>;
  const opts: CopyOptions = {};
  if (v['digestTags'] === true) opts.digestTags = true;
  if (v['forceRecursive'] === true) opts.forceRecursive = true;
  if (v['includeExternal'] === true) opts.includeExternal = true;
  if (v['referrers'] === true) opts.referrers = true;
  if (v['fastCheck'] === true || v['fast'] === true) opts.fast = true;
  if (Array.isArray(v['platforms'])) opts.platforms = v['platforms'].filter((p): p is string => typeof p === 'string');
  return opts;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function installImage(L: LuaState, ctx: ApiContext, manifest: ManifestApi): (L: LuaState) => number {
  const platform = defaultPlatform(ctx.opts.platform);

  const config = ctx.asyncFunction((L2) => {
    const source = handleAt(L2, 1, ManifestHandle) ?? handleAt(L2, 1, ConfigHandle)?.manifest ?? referenceArg(L2, 1);
    const ref: Reference = source instanceof ManifestHandle ? source.ref : source;
    return { promise: labelled('image.config', ref, fetchConfig(ctx.storeFor(ref), source, platform)), push: (L3, c: ConfigHandle) => (pushConfig(L3, c), 1) };
  });

  const copy = ctx.asyncFunction((L2) => {
    const src = referenceArg(L2, 1);
    const dst = referenceArg(L2, 2);
    const opts = copyOptions(L2, 3);
    const entry = ctx.journal.record('image.copy', { target: imageAt(dst), source: imageAt(src), ...ctx.lineFields(L2) });
    ctx.opts.logger.info('Copy image', { ...ctx.logFields(entry.line), source: formatReference(src), target: formatReference(dst), dryRun: ctx.dryRun });
    const work = ctx.perform(entry, async () => {
      // In dry-run the host has the engine plan (reads only), which also tells the journal what digest would land.
      const result = await ctx.opts.host.copy(src, dst, opts);
      if (result.digest !== undefined) entry.digest = result.digest;
    });
    return { promise: labelled('image.copy', `${formatReference(src)}" to "${formatReference(dst)}`, work), push: () => 0 };
  });

  const del = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    return deleteManifestCall(ctx, L2, 'image.delete', headManifest(ctx.storeFor(ref), ref), ref, forceOption(L2, 2));
  });

  const ratelimitWait = ctx.asyncFunction((L2) => {
    const ref = handleAt(L2, 1, ManifestHandle)?.ref ?? referenceArg(L2, 1);
    const min = lua.lua_tonumber(L2, 2);
    if (lua.lua_type(L2, 2) !== lua.LUA_TNUMBER) return raise(L2, `bad argument #2: number expected, got ${typeName(L2, 2)}`);
    let pollMs: number;
    let timeoutMs: number;
    try {
      pollMs = durationMs(lua.lua_type(L2, 3) === lua.LUA_TSTRING ? lua.lua_tojsstring(L2, 3) : '5m');
      timeoutMs = durationMs(lua.lua_type(L2, 4) === lua.LUA_TSTRING ? lua.lua_tojsstring(L2, 4) : '6h');
    } catch (err) {
      return raise(L2, (err as Error).message);
    }
    const store = ctx.storeFor(ref);
    const work = (async () => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const head = await headManifest(store, ref);
        const rl = head.rateLimit;
        if (!rl?.set || (rl.remaining ?? 0) >= min) return true;
        const left = deadline - Date.now();
        if (left <= 0) return false;
        ctx.opts.logger.info('Delaying for ratelimit', {
          ...ctx.logFields(undefined),
          image: formatReference(ref),
          current: rl.remaining,
          target: min,
          delayMs: pollMs,
        });
        await sleep(Math.min(pollMs, left));
      }
    })();
    return { promise: labelled('image.ratelimitWait', ref, work), push: (L3, ok: boolean) => (lua.lua_pushboolean(L3, ok), 1) };
  });

  const exportTar = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    if (lua.lua_type(L2, 2) !== lua.LUA_TSTRING) return raise(L2, `bad argument #2: file name expected, got ${typeName(L2, 2)}`);
    const file = lua.lua_tojsstring(L2, 2);
    const entry = ctx.journal.record('image.exportTar', { target: { kind: 'file', path: file }, source: imageAt(ref), ...ctx.lineFields(L2) });
    return {
      promise: labelled(
        'image.exportTar',
        ref,
        ctx.perform(entry, () => ctx.opts.host.exportTar(ref, file)),
      ),
      push: () => 0,
    };
  });

  const importTar = ctx.asyncFunction((L2) => {
    const ref = referenceArg(L2, 1);
    if (lua.lua_type(L2, 2) !== lua.LUA_TSTRING) return raise(L2, `bad argument #2: file name expected, got ${typeName(L2, 2)}`);
    const file = lua.lua_tojsstring(L2, 2);
    const entry = ctx.journal.record('image.importTar', { target: imageAt(ref), source: { kind: 'file', path: file }, ...ctx.lineFields(L2) });
    const work = ctx.perform(entry, async () => {
      const result = await ctx.opts.host.importTar(file, ref);
      if (result.digest !== undefined) entry.digest = result.digest;
    });
    return { promise: labelled('image.importTar', ref, work), push: () => 0 };
  });

  manifest.methods['ratelimitWait'] = ratelimitWait;

  lua.lua_createtable(L, 0, 12);
  setFunction(L, 'config', config);
  setFunction(L, 'copy', copy);
  setFunction(L, 'delete', del);
  setFunction(L, 'exportTar', exportTar);
  setFunction(L, 'importTar', importTar);
  setFunction(L, 'manifest', manifest.get);
  setFunction(L, 'manifestHead', manifest.head);
  setFunction(L, 'manifestList', manifest.getList);
  setFunction(L, 'ratelimit', manifest.ratelimit);
  setFunction(L, 'ratelimitWait', ratelimitWait);
  lua.lua_setglobal(L, to_luastring('image'));
  setTypeGlobal(L, CONFIG_TYPE, 'imageconfig');
  return config;
}
