// Types for the part of fengari (Lua 5.3 in JavaScript, a CommonJS package without declarations) that the prune
// runtime uses. Lua strings are byte arrays on the fengari side; `to_luastring`/`to_jsstring` convert.
declare module 'fengari' {
  export type LuaString = Uint8Array;
  /** A Lua thread (`lua_State`); opaque to the host. */
  export interface LuaState {
    readonly __luaState: unique symbol;
  }
  export type LuaJsFunction = (L: LuaState) => number;
  export type LuaContinuation = (L: LuaState, status: number, ctx: number) => number;
  export interface LuaDebug {
    currentline: number;
    short_src: LuaString;
  }
  export type LuaHook = (L: LuaState, ar: LuaDebug) => void;

  export interface LuaApi {
    LUA_OK: number;
    LUA_YIELD: number;
    LUA_ERRRUN: number;
    LUA_ERRSYNTAX: number;
    LUA_ERRMEM: number;
    LUA_ERRERR: number;
    LUA_MASKCOUNT: number;
    LUA_REGISTRYINDEX: number;
    LUA_MULTRET: number;
    LUA_TNONE: number;
    LUA_TNIL: number;
    LUA_TBOOLEAN: number;
    LUA_TLIGHTUSERDATA: number;
    LUA_TNUMBER: number;
    LUA_TSTRING: number;
    LUA_TTABLE: number;
    LUA_TFUNCTION: number;
    LUA_TUSERDATA: number;
    LUA_TTHREAD: number;
    lua_Debug: new () => LuaDebug;
    lua_atnativeerror(L: LuaState, f: LuaJsFunction): LuaJsFunction | null;
    lua_call(L: LuaState, nargs: number, nresults: number): void;
    lua_concat(L: LuaState, n: number): void;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_error(L: LuaState): never;
    lua_getfield(L: LuaState, idx: number, k: LuaString | string): number;
    lua_getinfo(L: LuaState, what: LuaString | string, ar: LuaDebug): number;
    lua_getstack(L: LuaState, level: number, ar: LuaDebug): number;
    lua_getglobal(L: LuaState, name: LuaString | string): number;
    lua_getmetatable(L: LuaState, idx: number): boolean;
    lua_gettop(L: LuaState): number;
    lua_insert(L: LuaState, idx: number): void;
    lua_isinteger(L: LuaState, idx: number): boolean;
    lua_newthread(L: LuaState): LuaState;
    lua_newuserdata(L: LuaState, size: number): Record<string, unknown>;
    lua_next(L: LuaState, idx: number): boolean;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_pop(L: LuaState, n: number): void;
    lua_pushboolean(L: LuaState, b: boolean): void;
    lua_pushcclosure(L: LuaState, f: LuaJsFunction, n: number): void;
    lua_pushinteger(L: LuaState, n: number): void;
    lua_pushlightuserdata(L: LuaState, p: unknown): void;
    lua_pushnil(L: LuaState): void;
    lua_pushnumber(L: LuaState, n: number): void;
    lua_pushstring(L: LuaState, s: LuaString): LuaString;
    lua_pushvalue(L: LuaState, idx: number): void;
    lua_rawequal(L: LuaState, a: number, b: number): boolean;
    lua_rawget(L: LuaState, idx: number): number;
    lua_rawgeti(L: LuaState, idx: number, n: number): number;
    lua_rawlen(L: LuaState, idx: number): number;
    lua_rawset(L: LuaState, idx: number): void;
    lua_rawseti(L: LuaState, idx: number, n: number): void;
    lua_remove(L: LuaState, idx: number): void;
    lua_resume(L: LuaState, from: LuaState | null, nargs: number): number;
    lua_setfield(L: LuaState, idx: number, k: LuaString | string): void;
    lua_setglobal(L: LuaState, name: LuaString | string): void;
    lua_sethook(L: LuaState, f: LuaHook | null, mask: number, count: number): void;
    lua_setmetatable(L: LuaState, idx: number): void;
    lua_settop(L: LuaState, idx: number): void;
    lua_toboolean(L: LuaState, idx: number): boolean;
    lua_tojsstring(L: LuaState, idx: number): string;
    lua_tonumber(L: LuaState, idx: number): number;
    lua_tostring(L: LuaState, idx: number): LuaString | null;
    lua_touserdata(L: LuaState, idx: number): unknown;
    lua_type(L: LuaState, idx: number): number;
    lua_upvalueindex(i: number): number;
    lua_yieldk(L: LuaState, nresults: number, ctx: number, k: LuaContinuation | null): number;
  }

  export interface LauxApi {
    luaL_checkany(L: LuaState, arg: number): void;
    luaL_checkinteger(L: LuaState, arg: number): number;
    luaL_checknumber(L: LuaState, arg: number): number;
    luaL_checkstring(L: LuaState, arg: number): LuaString;
    luaL_checktype(L: LuaState, arg: number, t: number): void;
    luaL_getmetafield(L: LuaState, obj: number, e: LuaString | string): number;
    luaL_loadbufferx(L: LuaState, buff: LuaString, size: number | null, name: LuaString, mode: LuaString | null): number;
    luaL_newmetatable(L: LuaState, tname: LuaString | string): boolean;
    luaL_newstate(): LuaState;
    luaL_requiref(L: LuaState, modname: LuaString | string, openf: LuaJsFunction, glb: number): void;
    luaL_testudata(L: LuaState, ud: number, tname: LuaString | string): Record<string, unknown> | null;
    luaL_tolstring(L: LuaState, idx: number): LuaString;
    luaL_traceback(L: LuaState, L1: LuaState, msg: LuaString | null, level: number): void;
    luaL_where(L: LuaState, level: number): void;
  }

  export interface LualibApi {
    luaopen_base: LuaJsFunction;
    luaopen_coroutine: LuaJsFunction;
    luaopen_math: LuaJsFunction;
    luaopen_os: LuaJsFunction;
    luaopen_string: LuaJsFunction;
    luaopen_table: LuaJsFunction;
    luaopen_utf8: LuaJsFunction;
  }

  export interface Fengari {
    lua: LuaApi;
    lauxlib: LauxApi;
    lualib: LualibApi;
    to_luastring(s: string, cache?: boolean): LuaString;
    to_jsstring(s: LuaString, from?: number, to?: number, replacement_char?: boolean): string;
  }

  const fengari: Fengari;
  export default fengari;
}

// fengari's string constructor module: the script worker wraps its functions before the VM loads (string-limit.ts).
declare module 'fengari/src/lstring.js' {
  import type { LuaState } from 'fengari';
  interface LString {
    luaS_bless(L: LuaState, str: Uint8Array): unknown;
    luaS_new(L: LuaState, str: Uint8Array): unknown;
    luaS_newliteral(L: LuaState, str: string): unknown;
  }
  const lstring: LString;
  export default lstring;
}

// Two of fengari's internal modules, for the number model numbers.ts installs: the lexer, the VM's string coercion and
// tonumber read numerals through `luaO_str2num`, and numbers become text through `luaO_tostring` (coercion) and
// `luaO_pushvfstring`'s `%f` (tostring, print). They are looked up on the module object at each call, so replacing them there changes fengari's behaviour.
declare module 'fengari/src/lobject.js' {
  import type { LuaState, LuaString } from 'fengari';
  export interface TValue {
    value: unknown;
    ttisinteger(): boolean;
    setfltvalue(n: number): void;
    setsvalue(s: unknown): void;
  }
  const lobject: {
    luaO_str2num(s: LuaString, o: TValue): number;
    luaO_tostring(L: LuaState, o: TValue): void;
    luaO_pushvfstring(L: LuaState, fmt: LuaString, argp: unknown[]): LuaString;
  };
  export default lobject;
}

declare module 'fengari/src/lstring.js' {
  import type { LuaState, LuaString } from 'fengari';
  const lstring: { luaS_bless(L: LuaState, s: LuaString): unknown };
  export default lstring;
}
