// `reference.new(s)` and the reference userdata (`:tag([t])`, `:digest([d])`, `:close()`, tostring), and how every
// API function reads a reference argument: a string, a reference, or a manifest or config (their reference).
import { UsageError } from '../../../errors.js';
import { formatReference, isValidDigest, isValidTag, parseReference, withDigest, withTag, type Reference } from '../../../oci/reference.js';
import { lua, pushString, raise, setFunction, to_luastring, typeName, type LuaState } from '../fengari.js';
import { ConfigHandle, ManifestHandle, ReferenceHandle } from '../handles.js';
import { handleAt, pushUserdata, type UserdataType } from '../userdata.js';

function parseOrRaise(L: LuaState, text: string, opts: { repositoryOnly?: boolean } = {}): Reference {
  try {
    return parseReference(text, opts);
  } catch (err) {
    return raise(L, `reference parsing failed: ${err instanceof UsageError ? err.message : String(err)}`);
  }
}

/** The reference an argument names; raises a Lua argument error for anything else. */
export function referenceArg(L: LuaState, idx: number, opts: { repositoryOnly?: boolean } = {}): Reference {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TSTRING) return parseOrRaise(L, lua.lua_tojsstring(L, idx), opts);
  const handle = handleAt(L, idx, ReferenceHandle) ?? handleAt(L, idx, ManifestHandle) ?? handleAt(L, idx, ConfigHandle);
  if (handle) return handle.ref;
  return raise(L, `bad argument #${idx}: reference expected, got ${typeName(L, idx)}`);
}

function self(L: LuaState): ReferenceHandle {
  const h = handleAt(L, 1, ReferenceHandle);
  if (!h) return raise(L, `bad argument #1: reference expected, got ${typeName(L, 1)} (call methods with ':')`);
  return h;
}

function refTag(L: LuaState): number {
  const h = self(L);
  if (lua.lua_gettop(L) >= 2) {
    const tag = lua.lua_tojsstring(L, 2);
    if (!isValidTag(tag)) return raise(L, `invalid tag "${tag}": must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}`);
    h.ref = withTag(h.ref, tag);
    return 0;
  }
  pushString(L, h.ref.tag ?? '');
  return 1;
}

function refDigest(L: LuaState): number {
  const h = self(L);
  if (lua.lua_gettop(L) >= 2) {
    const digest = lua.lua_tojsstring(L, 2);
    if (!isValidDigest(digest)) return raise(L, `invalid digest "${digest}": expected sha256:<64 hex> or sha512:<128 hex>`);
    h.ref = withDigest(h.ref, digest);
    return 0;
  }
  pushString(L, h.ref.digest ?? '');
  return 1;
}

function refClose(): number {
  return 0;
}

function refToString(L: LuaState): number {
  pushString(L, formatReference(self(L).ref));
  return 1;
}

const REFERENCE_TYPE: UserdataType = {
  name: 'regkit.reference',
  methods: { tag: refTag, digest: refDigest, close: refClose },
  tostring: refToString,
};

function pushReference(L: LuaState, ref: Reference): void {
  pushUserdata(L, REFERENCE_TYPE, new ReferenceHandle(ref));
}

function referenceNew(L: LuaState): number {
  const ref = referenceArg(L, 1);
  pushReference(L, ref);
  return 1;
}

/** The global `reference` table. */
export function installReference(L: LuaState): void {
  lua.lua_createtable(L, 0, 2);
  setFunction(L, 'new', referenceNew);
  setFunction(L, 'close', refClose);
  lua.lua_setglobal(L, to_luastring('reference'));
}
