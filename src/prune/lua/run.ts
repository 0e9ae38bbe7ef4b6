// Running a regbot script: each in a worker thread of its own (host.ts), the Lua engine inside it (engine.ts).
export { runScript } from './host.js';
export { DEFAULT_SCRIPT_MEMORY_MIB } from './sandbox.js';
export type { LuaExtension } from './engine.js';
export type { CopyFunction, JournalEntry, JournalOperation, RunScriptOptions, ScriptLogLine, ScriptResult } from '../types.js';
