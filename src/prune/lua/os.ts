// The `os` table scripts get: time, date, clock and difftime only. Written here rather than taken from fengari
// because fengari's os.time is a 32-bit integer, its os.date prints a leading "!" instead of switching to UTC, and
// the rest of its os table (execute, remove, rename, exit, getenv, tmpname) must not exist in a sandbox.
import { lua, lauxlib, pushString, raise, setFunction, to_luastring, type LuaState } from './fengari.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number;
  offsetMinutes: number;
}

function partsOf(date: Date, utc: boolean): Parts {
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  const day = utc ? date.getUTCDate() : date.getDate();
  const startOfYear = Date.UTC(year, 0, 1);
  const yday = Math.floor((Date.UTC(year, month - 1, day) - startOfYear) / 86_400_000) + 1;
  return {
    year,
    month,
    day,
    hour: utc ? date.getUTCHours() : date.getHours(),
    min: utc ? date.getUTCMinutes() : date.getMinutes(),
    sec: utc ? date.getUTCSeconds() : date.getSeconds(),
    wday: (utc ? date.getUTCDay() : date.getDay()) + 1,
    yday,
    offsetMinutes: utc ? 0 : -date.getTimezoneOffset(),
  };
}

const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

/** C strftime conversions (ISO C99 7.23.3.5, plus %e %s %u %z %F %T %D from POSIX) in the "C" locale. */
export function strftime(format: string, date: Date, utc: boolean): string {
  const p = partsOf(date, utc);
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const zone = (): string => {
    const sign = p.offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(p.offsetMinutes);
    return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  };
  const conv: Record<string, () => string> = {
    a: () => DAYS[p.wday - 1]!.slice(0, 3),
    A: () => DAYS[p.wday - 1]!,
    b: () => MONTHS[p.month - 1]!.slice(0, 3),
    h: () => MONTHS[p.month - 1]!.slice(0, 3),
    B: () => MONTHS[p.month - 1]!,
    c: () => `${conv['a']!()} ${conv['b']!()} ${pad(p.day, 2, ' ')} ${conv['T']!()} ${p.year}`,
    C: () => pad(Math.floor(p.year / 100)),
    d: () => pad(p.day),
    D: () => `${pad(p.month)}/${pad(p.day)}/${pad(p.year % 100)}`,
    e: () => pad(p.day, 2, ' '),
    F: () => `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    H: () => pad(p.hour),
    I: () => pad(hour12),
    j: () => pad(p.yday, 3),
    m: () => pad(p.month),
    M: () => pad(p.min),
    n: () => '\n',
    p: () => (p.hour < 12 ? 'AM' : 'PM'),
    S: () => pad(p.sec),
    s: () => String(Math.floor(date.getTime() / 1000)),
    t: () => '\t',
    T: () => `${pad(p.hour)}:${pad(p.min)}:${pad(p.sec)}`,
    u: () => String(p.wday === 1 ? 7 : p.wday - 1),
    w: () => String(p.wday - 1),
    x: () => `${pad(p.month)}/${pad(p.day)}/${pad(p.year % 100)}`,
    X: () => conv['T']!(),
    y: () => pad(p.year % 100),
    Y: () => String(p.year),
    z: zone,
    Z: () => (utc ? 'UTC' : zone()),
    '%': () => '%',
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec = format[++i];
    const f = spec === undefined ? undefined : conv[spec];
    if (!f) throw new Error(`invalid conversion specifier '%${spec ?? ''}' in os.date format`);
    out += f();
  }
  return out;
}

function timeArg(L: LuaState, idx: number): Date {
  if (lua.lua_type(L, idx) <= lua.LUA_TNIL) return new Date();
  const t = lauxlib.luaL_checknumber(L, idx);
  if (!Number.isFinite(t)) raise(L, `bad argument #${idx} to 'date' (time out-of-bounds)`);
  return new Date(Math.floor(t) * 1000);
}

function osDate(L: LuaState): number {
  const format = lua.lua_type(L, 1) <= lua.LUA_TNIL ? '%c' : lua.lua_tojsstring(L, 1);
  const date = timeArg(L, 2);
  const utc = format.startsWith('!');
  const body = utc ? format.slice(1) : format;
  if (body.startsWith('*t')) {
    const p = partsOf(date, utc);
    lua.lua_createtable(L, 0, 9);
    for (const [k, v] of [
      ['year', p.year],
      ['month', p.month],
      ['day', p.day],
      ['hour', p.hour],
      ['min', p.min],
      ['sec', p.sec],
      ['wday', p.wday],
      ['yday', p.yday],
    ] as const) {
      lua.lua_pushinteger(L, v);
      lua.lua_setfield(L, -2, to_luastring(k));
    }
    lua.lua_pushboolean(L, false);
    lua.lua_setfield(L, -2, to_luastring('isdst'));
    return 1;
  }
  let text: string;
  try {
    text = strftime(body, date, utc);
  } catch (err) {
    return raise(L, (err as Error).message);
  }
  pushString(L, text);
  return 1;
}

function field(L: LuaState, name: string, fallback: number | undefined): number {
  lua.lua_getfield(L, 1, to_luastring(name));
  const present = lua.lua_type(L, -1) === lua.LUA_TNUMBER || lua.lua_type(L, -1) === lua.LUA_TSTRING;
  const value = present ? lua.lua_tonumber(L, -1) : Number.NaN;
  lua.lua_pop(L, 1);
  if (present && Number.isFinite(value)) return Math.floor(value);
  if (fallback === undefined) raise(L, `field '${name}' missing in date table`);
  return fallback;
}

/** Seconds since the epoch as a float: a 32-bit integer would wrap in 2038 and on any multiplication. */
function osTime(L: LuaState): number {
  if (lua.lua_type(L, 1) <= lua.LUA_TNIL) {
    lua.lua_pushnumber(L, Math.floor(Date.now() / 1000));
    return 1;
  }
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  // Like C mktime: the fields are local time and may be out of range (day 32 is the 1st of next month).
  const date = new Date(
    field(L, 'year', undefined),
    field(L, 'month', undefined) - 1,
    field(L, 'day', undefined),
    field(L, 'hour', 12),
    field(L, 'min', 0),
    field(L, 'sec', 0),
  );
  lua.lua_pushnumber(L, Math.floor(date.getTime() / 1000));
  return 1;
}

function osClock(L: LuaState): number {
  const { user, system } = process.cpuUsage();
  lua.lua_pushnumber(L, (user + system) / 1e6);
  return 1;
}

function osDifftime(L: LuaState): number {
  lua.lua_pushnumber(L, lauxlib.luaL_checknumber(L, 1) - (lua.lua_type(L, 2) <= lua.LUA_TNIL ? 0 : lauxlib.luaL_checknumber(L, 2)));
  return 1;
}

/** Sets the global `os` to a table holding time, date, clock and difftime. */
export function installOs(L: LuaState): void {
  lua.lua_createtable(L, 0, 4);
  setFunction(L, 'time', osTime);
  setFunction(L, 'date', osDate);
  setFunction(L, 'clock', osClock);
  setFunction(L, 'difftime', osDifftime);
  lua.lua_setglobal(L, to_luastring('os'));
}
