// The one place fengari is loaded, and the conversions between Lua values and host values that every API table uses.
// Numbers always cross as floats, as scripts compute with them (numbers.ts: regbot's float64 model).
import { restoreFengariConf } from './fengari-conf.js';
import fengari, { type LuaState } from 'fengari';
import { installRegbotNumbers } from './numbers.js';

restoreFengariConf();
installRegbotNumbers();

export type { LuaState, LuaJsFunction, LuaContinuation } from 'fengari';
export const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;

/** A host value as the API hands it to Lua: plain data, or a function called with the Lua state. */
export type LuaValue = null | undefined | boolean | number | string | LuaValue[] | { [key: string]: LuaValue } | LuaPusher;

/** Pushes something that is not plain data (a userdata, a callable table); exactly one value. */
export class LuaPusher {
  constructor(readonly push: (L: LuaState) => void) {}
}

const MAX_DEPTH = 32;

export function pushString(L: LuaState, s: string): void {
  lua.lua_pushstring(L, to_luastring(s));
}

export function pushValue(L: LuaState, value: LuaValue, depth = 0): void {
  if (depth > MAX_DEPTH) throw new Error('value nests too deeply to hand to Lua');
  if (value === null || value === undefined) lua.lua_pushnil(L);
  else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
  else if (typeof value === 'number') lua.lua_pushnumber(L, value);
  else if (typeof value === 'string') pushString(L, value);
  else if (value instanceof LuaPusher) value.push(L);
  else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((v, i) => {
      pushValue(L, v, depth + 1);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else {
    const entries = Object.entries(value);
    lua.lua_createtable(L, 0, entries.length);
    for (const [k, v] of entries) {
      if (v === undefined) continue;
      pushString(L, k);
      pushValue(L, v, depth + 1);
      lua.lua_rawset(L, -3);
    }
  }
}

/** Plain data read back from Lua: tables with keys 1..n become arrays, other tables objects. */
export type HostValue = null | boolean | number | string | HostValue[] | { [key: string]: HostValue };

export function readValue(L: LuaState, idx: number, depth = 0): HostValue {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TNIL || t === lua.LUA_TNONE) return null;
  if (t === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, idx);
  if (t === lua.LUA_TNUMBER) return lua.lua_tonumber(L, idx);
  if (t === lua.LUA_TSTRING) return lua.lua_tojsstring(L, idx);
  if (t !== lua.LUA_TTABLE) throw new Error(`a ${typeName(L, idx)} cannot be read as data`);
  if (depth > MAX_DEPTH) throw new Error('table nests too deeply (or refers to itself)');
  const abs = idx < 0 ? lua.lua_gettop(L) + idx + 1 : idx;
  const obj: Record<string, HostValue> = {};
  const numeric: Array<[number, HostValue]> = [];
  let otherKeys = false;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, abs)) {
    const value = readValue(L, -1, depth + 1);
    if (lua.lua_type(L, -2) === lua.LUA_TNUMBER) numeric.push([lua.lua_tonumber(L, -2), value]);
    else if (lua.lua_type(L, -2) === lua.LUA_TSTRING) {
      otherKeys = true;
      obj[lua.lua_tojsstring(L, -2)] = value;
    }
    lua.lua_pop(L, 1);
  }
  if (!otherKeys && numeric.length > 0) {
    numeric.sort((a, b) => a[0] - b[0]);
    if (numeric.every(([k], i) => k === i + 1)) return numeric.map(([, v]) => v);
  }
  for (const [k, v] of numeric) obj[String(k)] = v;
  return obj;
}

export function typeName(L: LuaState, idx: number): string {
  const names: Record<number, string> = {
    [lua.LUA_TNONE]: 'no value',
    [lua.LUA_TNIL]: 'nil',
    [lua.LUA_TBOOLEAN]: 'boolean',
    [lua.LUA_TLIGHTUSERDATA]: 'userdata',
    [lua.LUA_TNUMBER]: 'number',
    [lua.LUA_TSTRING]: 'string',
    [lua.LUA_TTABLE]: 'table',
    [lua.LUA_TFUNCTION]: 'function',
    [lua.LUA_TUSERDATA]: 'userdata',
    [lua.LUA_TTHREAD]: 'thread',
  };
  return names[lua.lua_type(L, idx)] ?? 'value';
}

/** Raises a Lua error at the calling script's line (`name:12: message`), as luaL_error does, without its % format. */
export function raise(L: LuaState, message: string): never {
  lauxlib.luaL_where(L, 1);
  pushString(L, message);
  lua.lua_concat(L, 2);
  return lua.lua_error(L);
}

/** Sets `t[name] = f` on the table at the top of the stack. */
export function setFunction(L: LuaState, name: string, f: (L: LuaState) => number): void {
  lua.lua_pushcclosure(L, f, 0);
  lua.lua_setfield(L, -2, to_luastring(name));
}
