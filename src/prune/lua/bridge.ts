// Registry calls are asynchronous and Lua is not: the script runs as a coroutine, an API function starts its
// Promise and yields (lua_yieldk with a continuation), the host loop awaits the Promise and resumes the coroutine,
// and the continuation hands the result to the script or raises the failure at the script's line.
//
// Scripts may run API calls inside their own coroutines: the Lua prelude below passes such a wait up through every
// `coroutine.resume` to the host, then resumes the inner coroutine. A timeout is an abort no `pcall`, `xpcall` or
// `coroutine.resume` can swallow. Yielding from a callback of a library function (a `table.sort` comparator, a
// `string.gsub` replacement function) stays impossible, as in Lua 5.3: such calls fail with "attempt to yield across
// a JS-call boundary".
import { lauxlib, lua, raise, to_luastring, type LuaContinuation, type LuaState } from './fengari.js';

/** What an API function starts: the work, and how its result goes back to Lua (returns the number of values). */
export interface AsyncCall<T> {
  promise: Promise<T>;
  push: (L: LuaState, value: T) => number;
}

type Outcome = { ok: true; push: (L: LuaState) => number } | { ok: false; message: string };

/** Marks the value an API call yields with, so coroutine wrappers tell a host wait from the script's own yields. */
const WAIT = Object.freeze({ regkitWait: true });
/** The error value of an abort (timeout): recognised by identity, never by text. */
const ABORT = Object.freeze({ regkitAbort: true });

export class ScriptAbort extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScriptAbort';
  }
}

export class AsyncBridge {
  private pending: Promise<void> | undefined;
  private outcome: Outcome | undefined;
  private abortReason: string | undefined;

  get aborted(): string | undefined {
    return this.abortReason;
  }

  /** Stops the script at its next instruction; protected calls re-raise the abort instead of returning it. */
  abort(L: LuaState, reason: string): never {
    this.abortReason ??= reason;
    lua.lua_pushlightuserdata(L, ABORT);
    return lua.lua_error(L);
  }

  /** A Lua function that starts `start(L)` and suspends the script until its Promise settles. */
  asyncFunction<T>(start: (L: LuaState) => AsyncCall<T>, describe: (err: unknown) => string): (L: LuaState) => number {
    const continuation: LuaContinuation = (L) => {
      const outcome = this.outcome;
      this.outcome = undefined;
      if (!outcome) return raise(L, 'internal error: an API call resumed without a result');
      if (!outcome.ok) return raise(L, outcome.message);
      return outcome.push(L);
    };
    return (L) => {
      let call: AsyncCall<T>;
      try {
        call = start(L);
      } catch (err) {
        // A Lua error raised while reading arguments is fengari's own throw: let it unwind as it is.
        if (!(err instanceof Error)) throw err;
        return raise(L, describe(err));
      }
      this.pending = call.promise.then(
        (value) => {
          this.outcome = { ok: true, push: (L2) => call.push(L2, value) };
        },
        (err: unknown) => {
          this.outcome = { ok: false, message: describe(err) };
        },
      );
      lua.lua_pushlightuserdata(L, WAIT);
      return lua.lua_yieldk(L, 1, 0, continuation);
    };
  }

  /**
   * Runs the coroutine to its end. `wait` bounds each host wait (the script's remaining time); it rejects with
   * ScriptAbort when time runs out. Resolves when the chunk returns; rejects with its error text otherwise.
   */
  async drive(co: LuaState, wait: (p: Promise<void>) => Promise<void>): Promise<void> {
    for (;;) {
      const status = lua.lua_resume(co, null, 0);
      if (status === lua.LUA_OK) return;
      if (status !== lua.LUA_YIELD) throw new ScriptAbort(this.abortReason ?? errorText(co));
      lua.lua_settop(co, 0);
      const pending = this.pending;
      this.pending = undefined;
      if (!pending) throw new ScriptAbort('coroutine.yield was called outside a coroutine');
      try {
        await wait(pending);
      } catch (err) {
        this.abortReason ??= (err as Error).message;
        throw err;
      }
    }
  }

  /**
   * Installs the coroutine and protected-call wrappers. Runs once on a fresh state, before the script's chunk.
   */
  installPrelude(L: LuaState): void {
    const chunk = to_luastring(PRELUDE);
    if (lauxlib.luaL_loadbufferx(L, chunk, chunk.length, to_luastring('=regkit prelude'), to_luastring('t')) !== lua.LUA_OK) {
      throw new Error(`regkit prelude does not compile: ${lua.lua_tojsstring(L, -1)}`);
    }
    lua.lua_pushlightuserdata(L, WAIT);
    lua.lua_pushlightuserdata(L, ABORT);
    lua.lua_pushcclosure(
      L,
      (L2) => {
        lua.lua_pushboolean(L2, this.abortReason !== undefined);
        return 1;
      },
      0,
    );
    if (lua.lua_pcall(L, 3, 0, 0) !== lua.LUA_OK) throw new Error(`regkit prelude failed: ${lua.lua_tojsstring(L, -1)}`);
  }
}

function errorText(co: LuaState): string {
  const t = lua.lua_type(co, -1);
  if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) return lua.lua_tojsstring(co, -1);
  return `(error object is a ${t === lua.LUA_TTABLE ? 'table' : t === lua.LUA_TNIL ? 'nil' : 'non-string'} value)`;
}

const PRELUDE = `
local WAIT, ABORT, aborted = ...
local co_resume, co_yield, co_create, co_status = coroutine.resume, coroutine.yield, coroutine.create, coroutine.status
local raw_pcall, raw_xpcall, raw_error = pcall, xpcall, error

local function settle(ok, ...)
  if not ok and aborted() then raw_error(ABORT, 0) end
  return ok, ...
end
pcall = function(...) return settle(raw_pcall(...)) end
xpcall = function(...) return settle(raw_xpcall(...)) end

local function pass(co, ok, first, ...)
  if ok and first == WAIT and co_status(co) == "suspended" then
    co_yield(WAIT)
    return pass(co, co_resume(co))
  end
  if not ok and aborted() then raw_error(ABORT, 0) end
  return ok, first, ...
end
coroutine.resume = function(co, ...) return pass(co, co_resume(co, ...)) end

local resume = coroutine.resume
local function unwrap(ok, ...)
  if not ok then raw_error((...), 0) end
  return ...
end
coroutine.wrap = function(f)
  local co = co_create(f)
  return function(...) return unwrap(resume(co, ...)) end
end
`;
