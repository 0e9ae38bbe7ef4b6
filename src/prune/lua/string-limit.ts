// A cap on the bytes a script's strings hold. fengari keeps a Lua string in a Uint8Array, whose bytes live outside
// the V8 heap: the worker's heap cap (resourceLimits) never sees them, and `s = s .. s` reached 4–6 GB that way.
// Every Lua string is made by one of lstring.js's three constructors, which the VM, the API and the libraries took
// by destructuring when they loaded; so this module must be imported before fengari is, in the worker only
// (worker.ts imports it first), and it replaces them on the module's exports. A string over the cap, or a check of
// the worker's external memory every few MiB of new strings finding it over the cap, stops the script with an
// abort no pcall can catch.
// fengari's build options are read when its first module loads, which is lstring.js's dependencies here.
import './fengari-conf.js';
import { getHeapStatistics } from 'node:v8';
import lstring from 'fengari/src/lstring.js';
import type { LuaState } from 'fengari';

/** Below this, strings are too small to matter one by one; they still count toward the periodic check. */
const CHECK_EVERY_BYTES = 4 * 1024 * 1024;

let limitBytes = Number.POSITIVE_INFINITY;
let stop: (L: LuaState, message: string) => never = () => {
  throw new Error('string limit reached before the engine started');
};
let sinceCheck = 0;

function check(L: LuaState, length: number): void {
  if (length > limitBytes) stop(L, `a string of ${length} bytes is over this script's memory limit of ${limitBytes} bytes`);
  sinceCheck += length;
  if (sinceCheck < CHECK_EVERY_BYTES) return;
  sinceCheck = 0;
  const held = getHeapStatistics().external_memory;
  if (held > limitBytes) stop(L, `its strings hold ${held} bytes, over this script's memory limit of ${limitBytes} bytes`);
}

const { luaS_bless, luaS_new, luaS_newliteral } = lstring;
// Plain functions, not arrows: fengari calls some of them with `new` (ltm.js), which returns the TString made.
lstring.luaS_bless = function (L, str) {
  check(L, str.length);
  return luaS_bless(L, str);
};
lstring.luaS_new = function (L, str) {
  check(L, str.length);
  return luaS_new(L, str);
};
lstring.luaS_newliteral = function (L, str) {
  check(L, str.length);
  return luaS_newliteral(L, str);
};

/** Sets the cap and how a breach stops the script (an abort raised on the running Lua thread). */
export function limitStrings(bytes: number, onBreach: (L: LuaState, message: string) => never): void {
  limitBytes = bytes;
  stop = onBreach;
}
