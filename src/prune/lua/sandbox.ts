// A fresh Lua state per script with only what a retention script needs: base (without dofile, loadfile, require
// and binary chunks), coroutine, table, string (without dump and pack), math, utf8 and a four-function os. No io, no
// debug, no package, and never fengari-interop's `js` library, which reaches every JavaScript global.
//
// Lua 5.1 compatibility (regbot runs gopher-lua, a Lua 5.1): global `unpack`, `loadstring` (text only),
// `table.getn`, `table.maxn`, `math.pow`, `math.mod`, `math.log10`, `math.ldexp`, `math.atan2`, `math.cosh`,
// `math.sinh`, `math.tanh`, `math.frexp`, `string.gfind`, and `string.format("%d", x)` accepting floats (5.1
// truncates; 5.3 refuses a float without an exact integer value). Numbers are gopher-lua's float64s (numbers.ts):
// numerals are read as floats, so arithmetic is exact to 2^53 and never wraps, and numbers print as gopher-lua's.
// Remaining differences from 5.1: `math.type` and the 5.3 operators exist (`3 // 2`, `&`); `#t` and a few library
// results are still fengari's 32-bit integers (harmless until a sum of only such integers passes 2^31);
// `setfenv`/`getfenv`/`module` do not exist; `#` on a table with holes may differ; `string.pack`/`unpack`/`dump` and
// `collectgarbage` beyond "count" are not available.
//
// Memory: fengari has no allocator hook, and one library call can allocate without bound between two instructions
// (`string.rep("x", 1e9)` took 19 s and 1 GB in regbot). The calls that build a result from a count are capped
// before they allocate: string.rep, table.concat and string.gsub check the size their result would have against the
// script's memory limit. Every other string (`..` in a loop) is checked as fengari makes it (string-limit.ts), and the
// JS heap (tables) is capped by the script's worker (host.ts).
import { lauxlib, lua, lualib, pushString, raise, setFunction, to_luastring, type LuaState } from './fengari.js';
import { installOs } from './os.js';

/**
 * A script's memory when the config sets none, MiB: its worker's heap cap and the cap on the bytes its strings hold.
 * A retention script over 10,000 tags stays far below it.
 */
export const DEFAULT_SCRIPT_MEMORY_MIB = 256;

function tooLarge(L: LuaState, fn: string, bytes: number, limit: number): never {
  return raise(L, `${fn} would build a string of ${Math.round(bytes)} bytes, over this script's memory limit of ${limit} bytes`);
}

/** Calls the original library function (upvalue 1) with the current arguments, returning all its results. */
function callOriginal(L: LuaState): number {
  const n = lua.lua_gettop(L);
  lua.lua_pushvalue(L, lua.lua_upvalueindex(1));
  lua.lua_insert(L, 1);
  lua.lua_call(L, n, lua.LUA_MULTRET);
  return lua.lua_gettop(L);
}

function lengthAt(L: LuaState, idx: number): number {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TSTRING) return lua.lua_rawlen(L, idx);
  if (t === lua.LUA_TNUMBER) return 24;
  return 0;
}

function cappedRep(limit: number) {
  return (L: LuaState): number => {
    const s = lua.lua_type(L, 1) === lua.LUA_TSTRING || lua.lua_type(L, 1) === lua.LUA_TNUMBER ? lengthAt(L, 1) : 0;
    const n = lua.lua_type(L, 2) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, 2) : 0;
    const sep = lua.lua_type(L, 3) <= lua.LUA_TNIL ? 0 : lengthAt(L, 3);
    if (n > 0) {
      const bytes = s * n + sep * (n - 1);
      if (bytes > limit) tooLarge(L, 'string.rep', bytes, limit);
    }
    return callOriginal(L);
  };
}

function cappedConcat(limit: number) {
  return (L: LuaState): number => {
    if (lua.lua_type(L, 1) === lua.LUA_TTABLE) {
      const sep = lua.lua_type(L, 2) <= lua.LUA_TNIL ? 0 : lengthAt(L, 2);
      const first = lua.lua_type(L, 3) <= lua.LUA_TNIL ? 1 : lua.lua_tonumber(L, 3);
      const last = lua.lua_type(L, 4) <= lua.LUA_TNIL ? lua.lua_rawlen(L, 1) : lua.lua_tonumber(L, 4);
      let bytes = 0;
      for (let i = first; i <= last && bytes <= limit; i++) {
        lua.lua_rawgeti(L, 1, i);
        bytes += lengthAt(L, -1) + (i > first ? sep : 0);
        lua.lua_pop(L, 1);
      }
      if (bytes > limit) tooLarge(L, 'table.concat', bytes, limit);
    }
    return callOriginal(L);
  };
}

/** An upper bound for gsub: every position may match, each match expanding to the replacement (with %0-%9 ≤ #s). */
function cappedGsub(limit: number) {
  return (L: LuaState): number => {
    const s = lengthAt(L, 1);
    let perMatch: number | undefined;
    if (lua.lua_type(L, 3) === lua.LUA_TSTRING) {
      const repl = lua.lua_tojsstring(L, 3);
      perMatch = repl.length + (repl.split('%').length - 1) * s;
    } else if (lua.lua_type(L, 3) === lua.LUA_TTABLE) {
      perMatch = 0;
      lua.lua_pushnil(L);
      while (lua.lua_next(L, 3)) {
        perMatch = Math.max(perMatch, lengthAt(L, -1));
        lua.lua_pop(L, 1);
      }
    }
    if (perMatch !== undefined) {
      const maxN = lua.lua_type(L, 4) === lua.LUA_TNUMBER ? Math.max(0, lua.lua_tonumber(L, 4)) : Number.POSITIVE_INFINITY;
      const bytes = s + Math.min(s + 1, maxN) * perMatch;
      if (bytes > limit) tooLarge(L, 'string.gsub', bytes, limit);
    }
    return callOriginal(L);
  };
}

const FORMAT_SPEC = /%(?:%|([-+ #0]*)(\d*)(\.\d*)?([a-zA-Z]))/g;

/** string.format with Lua 5.1's `%d`: a float argument is truncated instead of refused. */
function compatFormat(L: LuaState): number {
  const n = lua.lua_gettop(L);
  if (lua.lua_type(L, 1) !== lua.LUA_TSTRING) return callOriginal(L);
  const format = lua.lua_tojsstring(L, 1);
  const floats = new Map<number, number>();
  let arg = 1;
  const rewritten = format.replace(
    FORMAT_SPEC,
    (whole, flags: string | undefined, width: string | undefined, _precision: string | undefined, conv: string | undefined) => {
      if (conv === undefined) return whole;
      arg++;
      if ((conv === 'd' || conv === 'i') && lua.lua_type(L, arg) === lua.LUA_TNUMBER && !lua.lua_isinteger(L, arg)) {
        const v = lua.lua_tonumber(L, arg);
        if (Number.isFinite(v)) {
          floats.set(arg, Math.trunc(v));
          return `%${flags ?? ''}${width ?? ''}.0f`;
        }
      }
      return whole;
    },
  );
  if (floats.size === 0) return callOriginal(L);
  lua.lua_pushvalue(L, lua.lua_upvalueindex(1));
  pushString(L, rewritten);
  for (let i = 2; i <= n; i++) {
    const f = floats.get(i);
    if (f !== undefined) lua.lua_pushnumber(L, f);
    else lua.lua_pushvalue(L, i);
  }
  lua.lua_call(L, n, 1);
  return 1;
}

/** Replaces `lib[name]` (the table at the top of the stack) with `wrapper`, which gets the original as upvalue 1. */
function wrapField(L: LuaState, name: string, wrapper: (L: LuaState) => number): void {
  lua.lua_getfield(L, -1, to_luastring(name));
  lua.lua_pushcclosure(L, wrapper, 1);
  lua.lua_setfield(L, -2, to_luastring(name));
}

function removeFields(L: LuaState, names: string[]): void {
  for (const name of names) {
    lua.lua_pushnil(L);
    lua.lua_setfield(L, -2, to_luastring(name));
  }
}

function collectGarbage(L: LuaState): number {
  const opt = lua.lua_type(L, 1) <= lua.LUA_TNIL ? 'collect' : lua.lua_tojsstring(L, 1);
  if (opt !== 'count') return raise(L, `collectgarbage("${opt}") is not available in regkit scripts; only "count" is`);
  const kb = process.memoryUsage().heapUsed / 1024;
  lua.lua_pushnumber(L, kb);
  lua.lua_pushnumber(L, 0);
  return 2;
}

function numberFunction(f: (...xs: number[]) => number, arity: number): (L: LuaState) => number {
  return (L) => {
    const xs = Array.from({ length: arity }, (_, i) => lauxlib.luaL_checknumber(L, i + 1));
    lua.lua_pushnumber(L, f(...xs));
    return 1;
  };
}

/** `x = m * 2^e` with 0.5 <= |m| < 1; zero, infinities and NaN come back as they are, with e = 0 (C's frexp). */
function frexp(L: LuaState): number {
  const x = lauxlib.luaL_checknumber(L, 1);
  let m = x;
  let e = 0;
  if (x !== 0 && Number.isFinite(x)) {
    e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
    m = x * 2 ** -e;
    // log2 rounds near powers of two, and 2^-e underflows for subnormals: settle m into [0.5, 1).
    while (Math.abs(m) < 0.5) {
      m *= 2;
      e--;
    }
    while (Math.abs(m) >= 1) {
      m /= 2;
      e++;
    }
  }
  lua.lua_pushnumber(L, m);
  lua.lua_pushnumber(L, e);
  return 2;
}

/**
 * Lua 5.1's math functions that 5.3 dropped, and floor/ceil returning floats as every gopher-lua number is (5.3
 * returns a 32-bit integer subtype, which would wrap in later integer arithmetic).
 */
const MATH_51: Record<string, (L: LuaState) => number> = {
  atan2: numberFunction(Math.atan2, 2),
  cosh: numberFunction(Math.cosh, 1),
  sinh: numberFunction(Math.sinh, 1),
  tanh: numberFunction(Math.tanh, 1),
  floor: numberFunction(Math.floor, 1),
  ceil: numberFunction(Math.ceil, 1),
  frexp,
};

const COMPAT_PRELUDE = `
local raw_load, unpack_, floor = load, table.unpack, math.floor
load = function(chunk, name, mode, ...) return raw_load(chunk, name, "t", ...) end
loadstring = function(s, name) return raw_load(s, name, "t") end
unpack = unpack_
table.getn = function(t) return #t end
table.maxn = function(t)
  local max = 0
  for k in pairs(t) do
    if type(k) == "number" and k > max then max = k end
  end
  return max
end
math.pow = function(x, y) return x ^ y end
math.mod = math.fmod
math.log10 = function(x) return math.log(x, 10) end
math.ldexp = function(m, e) return m * 2.0 ^ e end
string.gfind = string.gmatch
`;

function runChunk(L: LuaState, source: string, name: string): void {
  const chunk = to_luastring(source);
  if (
    lauxlib.luaL_loadbufferx(L, chunk, chunk.length, to_luastring(`=${name}`), to_luastring('t')) !== lua.LUA_OK ||
    lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK
  ) {
    throw new Error(`${name} failed: ${lua.lua_tojsstring(L, -1)}`);
  }
}

/** A new Lua state holding the sandboxed standard library; the API tables are added by the caller. */
export function createSandbox(memoryLimitBytes: number): LuaState {
  const L = lauxlib.luaL_newstate();
  // A JavaScript exception inside a library call (a failed allocation, a bug) becomes a Lua error, not a crash.
  lua.lua_atnativeerror(L, (L2) => {
    const e = lua.lua_touserdata(L2, -1);
    pushString(L2, `internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  });
  const libs: Array<[string, (L: LuaState) => number]> = [
    ['_G', lualib.luaopen_base],
    ['coroutine', lualib.luaopen_coroutine],
    ['table', lualib.luaopen_table],
    ['string', lualib.luaopen_string],
    ['math', lualib.luaopen_math],
    ['utf8', lualib.luaopen_utf8],
  ];
  for (const [name, open] of libs) {
    lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
    lua.lua_pop(L, 1);
  }

  lua.lua_getglobal(L, to_luastring('_G'));
  removeFields(L, ['dofile', 'loadfile', 'require', 'print']);
  setFunction(L, 'collectgarbage', collectGarbage);
  lua.lua_pop(L, 1);

  lua.lua_getglobal(L, to_luastring('string'));
  removeFields(L, ['dump', 'pack', 'packsize', 'unpack']);
  wrapField(L, 'rep', cappedRep(memoryLimitBytes));
  wrapField(L, 'gsub', cappedGsub(memoryLimitBytes));
  wrapField(L, 'format', compatFormat);
  lua.lua_pop(L, 1);

  lua.lua_getglobal(L, to_luastring('table'));
  wrapField(L, 'concat', cappedConcat(memoryLimitBytes));
  lua.lua_pop(L, 1);

  lua.lua_getglobal(L, to_luastring('math'));
  for (const [name, f] of Object.entries(MATH_51)) setFunction(L, name, f);
  lua.lua_pop(L, 1);

  installOs(L);
  runChunk(L, COMPAT_PRELUDE, 'regkit compat');
  return L;
}
