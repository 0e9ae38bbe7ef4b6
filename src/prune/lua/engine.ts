// Runs one regbot script inside the script worker (worker.ts): a fresh sandboxed state, the API tables, the chunk as
// a coroutine driven by the worker's event loop, and a deadline enforced inside Lua (an instruction-count hook
// reading the clock) and around each registry call. The script's error, with its name and line, ends that script
// only. What this cannot stop (a library call that never returns to the hook, memory outside the JS heap's
// accounting) the host stops from outside: see host.ts.
import { AsyncBridge, ScriptAbort } from './bridge.js';
import { installBlob } from './api/blob.js';
import { installImage } from './api/image.js';
import { installLog } from './api/log.js';
import { installManifest } from './api/manifest.js';
import { installReference } from './api/reference.js';
import { installTagAndRepo } from './api/tag.js';
import { ApiContext } from './context.js';
import { lauxlib, lua, to_luastring, type LuaState } from './fengari.js';
import { Journal } from './journal.js';
import { createSandbox } from './sandbox.js';
import { limitStrings } from './string-limit.js';
import { stoppedMessage, timeoutMessage } from './messages.js';
import type { EngineOptions, JournalEntry, ScriptLogLine, ScriptResult, ScriptSite } from '../types.js';

/** Instructions between two clock checks: frequent enough to stop within milliseconds, rare enough to cost nothing. */
const HOOK_INSTRUCTIONS = 1000;

function installApi(L: LuaState, ctx: ApiContext): void {
  installReference(L);
  installTagAndRepo(L, ctx);
  let configOf: (L: LuaState) => number = () => 0;
  const manifest = installManifest(L, ctx, (L2) => configOf(L2));
  configOf = installImage(L, ctx, manifest);
  installBlob(L, ctx);
  installLog(L, ctx);
}

function withDeadline(deadline: number, name: string, site: ScriptSite | undefined, timeoutMs: number): (p: Promise<void>) => Promise<void> {
  return (p) => {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new ScriptAbort(timeoutMessage(name, site, timeoutMs, undefined)));
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new ScriptAbort(timeoutMessage(name, site, timeoutMs, undefined))), left);
    });
    return Promise.race([p, expiry]).finally(() => clearTimeout(timer));
  };
}

/** The line of the innermost Lua function running (a library call's caller). */
function scriptLine(L: LuaState): number | undefined {
  const ar = new lua.lua_Debug();
  for (let level = 0; level < 3 && lua.lua_getstack(L, level, ar); level++) {
    if (lua.lua_getinfo(L, 'l', ar) && ar.currentline > 0) return ar.currentline;
  }
  return undefined;
}

/** Adds globals to a script's state after the regbot API (the `policy` table is one); runs before the chunk. */
export type LuaExtension = (L: LuaState, ctx: ApiContext) => void;

/** What the engine reports as it goes, so the host still knows them when it has to stop the worker. */
export interface EngineEvents {
  journal?: (index: number, entry: JournalEntry, settled: boolean) => void;
  log?: (line: ScriptLogLine) => void;
  /** The script line running, sampled by the clock hook. */
  line?: (line: number) => void;
}

export async function runEngine(opts: EngineOptions, extensions: readonly LuaExtension[] = [], events: EngineEvents = {}): Promise<ScriptResult> {
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  const journal = new Journal(events.journal);
  const logs: ScriptLogLine[] = [];
  const bridge = new AsyncBridge();
  const finish = (error?: string): ScriptResult => ({
    name: opts.name,
    ok: error === undefined,
    ...(error !== undefined ? { error } : {}),
    journal: journal.entries,
    logs,
    durationMs: Date.now() - started,
  });

  let L: LuaState;
  try {
    L = createSandbox(opts.stringLimitBytes);
    const ctx = new ApiContext(opts, bridge, journal, (line) => {
      logs.push(line);
      events.log?.(line);
    });
    limitStrings(opts.stringLimitBytes, (L2, message) => {
      return bridge.abort(L2, stoppedMessage(opts.name, opts.site, scriptLine(L2), `stopped: ${message} (defaults.scriptMemory in the regbot config)`));
    });
    installApi(L, ctx);
    for (const extend of extensions) extend(L, ctx);
    bridge.installPrelude(L);
  } catch (err) {
    return finish(`script "${opts.name}" could not start: ${(err as Error).message}`);
  }

  const co = lua.lua_newthread(L);
  const source = to_luastring(opts.source);
  // "=name" makes Lua's messages read `name:LINE: ...`, naming the script from the config.
  if (lauxlib.luaL_loadbufferx(co, source, source.length, to_luastring(`=${opts.name}`), to_luastring('t')) !== lua.LUA_OK) {
    return finish(lua.lua_tojsstring(co, -1));
  }
  lua.lua_sethook(
    co,
    (L2) => {
      const line = scriptLine(L2);
      if (line !== undefined) events.line?.(line);
      if (Date.now() <= deadline && bridge.aborted === undefined) return;
      bridge.abort(L2, bridge.aborted ?? timeoutMessage(opts.name, opts.site, opts.timeoutMs, line));
    },
    lua.LUA_MASKCOUNT,
    HOOK_INSTRUCTIONS,
  );

  try {
    await bridge.drive(co, withDeadline(deadline, opts.name, opts.site, opts.timeoutMs));
    return finish();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    opts.logger.error('Script failed', { script: opts.name, error: message });
    return finish(message);
  }
}
