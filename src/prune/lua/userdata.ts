// Userdata as regbot builds them (its sandbox `wrapUserData`): the userdata's own metatable has `__index` = a table
// of the object's fields (what the script reads and may edit before `:export()`), and that table's metatable
// `__index` = the type's methods. So `m.Config.Digest` reads a field and `m:delete()` finds a method.
import { lauxlib, lua, pushValue, to_luastring, type LuaState, type LuaValue } from './fengari.js';

const HANDLE = 'handle';

export interface UserdataType {
  /** Registry name of the type's metatable. */
  name: string;
  methods: Record<string, (L: LuaState) => number>;
  tostring?: (L: LuaState) => number;
}

function pushTypeMetatable(L: LuaState, type: UserdataType): void {
  if (lauxlib.luaL_newmetatable(L, to_luastring(type.name))) {
    lua.lua_createtable(L, 0, Object.keys(type.methods).length);
    for (const [name, f] of Object.entries(type.methods)) {
      lua.lua_pushcclosure(L, f, 0);
      lua.lua_setfield(L, -2, to_luastring(name));
    }
    lua.lua_setfield(L, -2, to_luastring('__index'));
    if (type.tostring) {
      lua.lua_pushcclosure(L, type.tostring, 0);
      lua.lua_setfield(L, -2, to_luastring('__tostring'));
    }
  }
}

/** Sets global `name` to the type's metatable, as regbot's sandbox publishes each type (`imageconfig.__index.export`). */
export function setTypeGlobal(L: LuaState, type: UserdataType, name: string): void {
  pushTypeMetatable(L, type);
  lua.lua_setglobal(L, to_luastring(name));
}

/** Pushes a userdata carrying `handle`; with `fields`, readable as a table whose misses fall back to the methods. */
export function pushUserdata(L: LuaState, type: UserdataType, handle: object, fields?: LuaValue): void {
  const data = lua.lua_newuserdata(L, 0);
  data[HANDLE] = handle;
  if (fields === undefined) {
    pushTypeMetatable(L, type);
    lua.lua_setmetatable(L, -2);
    return;
  }
  lua.lua_createtable(L, 0, 3);
  pushValue(L, fields);
  pushTypeMetatable(L, type);
  lua.lua_setmetatable(L, -2);
  // Assignments land in the fields table too (`m.Annotations = {...}` before `m:export()`); regbot refuses them.
  lua.lua_pushvalue(L, -1);
  lua.lua_setfield(L, -3, to_luastring('__newindex'));
  lua.lua_setfield(L, -2, to_luastring('__index'));
  if (type.tostring) {
    lua.lua_pushcclosure(L, type.tostring, 0);
    lua.lua_setfield(L, -2, to_luastring('__tostring'));
  }
  lua.lua_setmetatable(L, -2);
}

/** The host object behind a userdata argument, when it is one of `cls`. */
export function handleAt<T>(L: LuaState, idx: number, cls: abstract new (...args: never[]) => T): T | undefined {
  if (lua.lua_type(L, idx) !== lua.LUA_TUSERDATA) return undefined;
  const data = lua.lua_touserdata(L, idx) as Record<string, unknown> | null;
  const handle = data?.[HANDLE];
  return handle instanceof cls ? handle : undefined;
}

/** The fields table of a wrapped userdata (what the script may have edited), pushed on the stack; false if none. */
export function pushFieldsOf(L: LuaState, idx: number): boolean {
  if (!lua.lua_getmetatable(L, idx)) return false;
  lua.lua_getfield(L, -1, to_luastring('__index'));
  lua.lua_remove(L, -2);
  if (lua.lua_type(L, -1) === lua.LUA_TTABLE) return true;
  lua.lua_pop(L, 1);
  return false;
}
