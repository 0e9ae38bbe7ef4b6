// Runs one regbot script: a fresh sandboxed state, the API tables, the chunk as a coroutine driven by the host
// loop, and a deadline enforced both inside Lua (an instruction-count hook reading the clock) and around each
// registry call. The script's error, with its name and line, ends that script only.
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
import { createSandbox, DEFAULT_MEMORY_LIMIT_BYTES } from './sandbox.js';
import type { RunScriptOptions, ScriptLogLine, ScriptResult } from '../types.js';

export type { CopyFunction, JournalEntry, JournalOperation, RunScriptOptions, ScriptLogLine, ScriptResult } from '../types.js';

/** Instructions between two clock checks: frequent enough to stop within milliseconds, rare enough to cost nothing. */
const HOOK_INSTRUCTIONS = 1000;

function timeoutMessage(name: string, timeoutMs: number, line?: number): string {
  const where = line !== undefined && line > 0 ? `${name}:${line}: ` : '';
  return `${where}script "${name}" timed out after ${timeoutMs / 1000}s; raise its timeout or make it do less per run`;
}

function installApi(L: LuaState, ctx: ApiContext): void {
  installReference(L);
  installTagAndRepo(L, ctx);
  let configOf: (L: LuaState) => number = () => 0;
  const manifest = installManifest(L, ctx, (L2) => configOf(L2));
  configOf = installImage(L, ctx, manifest);
  installBlob(L, ctx);
  installLog(L, ctx);
}

function withDeadline(deadline: number, name: string, timeoutMs: number): (p: Promise<void>) => Promise<void> {
  return (p) => {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new ScriptAbort(timeoutMessage(name, timeoutMs)));
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new ScriptAbort(timeoutMessage(name, timeoutMs))), left);
    });
    return Promise.race([p, expiry]).finally(() => clearTimeout(timer));
  };
}

/** Adds globals to a script's state after the regbot API (the `policy` table is one); runs before the chunk. */
export type LuaExtension = (L: LuaState, ctx: ApiContext) => void;

export async function runScript(opts: RunScriptOptions, extensions: readonly LuaExtension[] = []): Promise<ScriptResult> {
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  const journal = new Journal();
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
    L = createSandbox(opts.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES);
    const ctx = new ApiContext(opts, bridge, journal, logs);
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
      if (Date.now() <= deadline && bridge.aborted === undefined) return;
      const ar = new lua.lua_Debug();
      const line = lua.lua_getstack(L2, 0, ar) && lua.lua_getinfo(L2, 'l', ar) ? ar.currentline : undefined;
      bridge.abort(L2, bridge.aborted ?? timeoutMessage(opts.name, opts.timeoutMs, line));
    },
    lua.LUA_MASKCOUNT,
    HOOK_INSTRUCTIONS,
  );

  try {
    await bridge.drive(co, withDeadline(deadline, opts.name, opts.timeoutMs));
    return finish();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    opts.logger.error('Script failed', { script: opts.name, error: message });
    return finish(message);
  }
}
