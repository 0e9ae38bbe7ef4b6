export const id = 272;
export const ids = [272];
export const modules = {

/***/ 51133:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ac: () => (/* binding */ lauxlib),
  fT: () => (/* binding */ lua),
  sz: () => (/* binding */ to_luastring)
});

// UNUSED EXPORTS: LuaPusher, lualib, pushString, pushValue, raise, readValue, setFunction, to_jsstring, typeName

;// CONCATENATED MODULE: ./build/src/prune/lua/fengari-conf.js
// fengari reads its build options from FENGARICONF once, when its modules load, and throws at load on an unreadable
// value: this module, imported before fengari, hands it a readable one for that moment (LUA_COMPAT_FLOATSTRING only
// matters to fengari's own number printing, which numbers.ts replaces with gopher-lua's). fengari.ts restores the
// variable once fengari has read it.
const previous = process.env['FENGARICONF'];
function withFloatString(current) {
    let conf = {};
    try {
        const parsed = current ? JSON.parse(current) : {};
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
            conf = parsed;
    }
    catch {
        // An unreadable FENGARICONF would make fengari throw at load; ours replaces it for that moment only.
    }
    return JSON.stringify({ ...conf, LUA_COMPAT_FLOATSTRING: true });
}
process.env['FENGARICONF'] = withFloatString(previous);
function restoreFengariConf() {
    if (previous === undefined)
        delete process.env['FENGARICONF'];
    else
        process.env['FENGARICONF'] = previous;
}

// EXTERNAL MODULE: ./node_modules/fengari/src/fengari.js
var fengari = __webpack_require__(42413);
// EXTERNAL MODULE: ./node_modules/fengari/src/lobject.js
var lobject = __webpack_require__(73094);
// EXTERNAL MODULE: ./node_modules/fengari/src/lstring.js
var lstring = __webpack_require__(60772);
;// CONCATENATED MODULE: ./build/src/prune/lua/numbers.js
// regbot's numbers in fengari. regbot runs gopher-lua, where every number is a float64: integers are exact to 2^53
// and never wrap. fengari is Lua 5.3 with a 32-bit integer subtype (`2147483647 + 1` is negative, `os.time() * 1000`
// wraps). Every numeral is read as a float here, in the lexer, by `tonumber` and by string coercion alike, so script
// arithmetic is float arithmetic; the integers the libraries still make (`#t`, `string.len`) are small, and meeting a
// float they become floats. Numbers become text as gopher-lua writes them (its `LNumber.String`): a float with an
// exact int64 value as that integer (`2^53` is `9007199254740992`), any other as Go's `fmt.Sprint` does (shortest
// digits, an exponent below 1e-4 or from 1e6 with at least two digits: `1.5e+06`, `1e-05`, `+Inf`, `NaN`).



const TWO_63 = 2 ** 63;
/** A number as gopher-lua prints it. */
function formatLuaNumber(n) {
    if (Number.isNaN(n))
        return 'NaN';
    if (n === Infinity)
        return '+Inf';
    if (n === -Infinity)
        return '-Inf';
    // gopher-lua's integer test converts to int64: -2^63 converts, +2^63 does not.
    if (Number.isInteger(n) && n >= -TWO_63 && n < TWO_63)
        return BigInt(n).toString();
    const [mantissa, exp] = n.toExponential().split('e');
    const e = Number(exp);
    if (e < -4 || e >= 6)
        return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
    return String(n);
}
const HEX = /^\s*([-+]?)0[xX]([0-9a-fA-F]+)\s*$/;
let installed = false;
/** Replaces fengari's numeral reading and number printing; once per process, before any state runs code. */
function installRegbotNumbers() {
    if (installed)
        return;
    installed = true;
    const str2num = lobject.luaO_str2num;
    lobject.luaO_str2num = (s, o) => {
        const used = str2num(s, o);
        if (used === 0 || !o.ttisinteger())
            return used;
        // A hexadecimal integer numeral wraps at 32 bits in fengari; gopher-lua reads its full value.
        const hex = HEX.exec(fengari.to_jsstring(s.subarray(0, used - 1)));
        if (hex) {
            const v = parseInt(hex[2], 16);
            o.setfltvalue(hex[1] === '-' ? -v : v);
        }
        else {
            o.setfltvalue(o.value);
        }
        return used;
    };
    lobject.luaO_tostring = (L, o) => {
        o.setsvalue(lstring.luaS_bless(L, fengari.to_luastring(formatLuaNumber(o.value))));
    };
    // tostring and print format a float through the `%f` of luaL_tolstring's pushfstring, which calls fengari's own
    // luaO_tostring directly: each `%f` becomes a `%s` of the number as gopher-lua writes it.
    const pushvfstring = lobject.luaO_pushvfstring;
    lobject.luaO_pushvfstring = (L, fmt, argp) => {
        if (!fmt.includes(PERCENT))
            return pushvfstring(L, fmt, argp);
        const format = Uint8Array.from(fmt);
        const args = [...argp];
        let arg = 0;
        for (let i = 0; i + 1 < format.length; i++) {
            if (format[i] !== PERCENT)
                continue;
            const conv = format[++i];
            if (conv === PERCENT)
                continue;
            if (conv === LETTER_F) {
                format[i] = LETTER_S;
                args[arg] = formatLuaNumber(args[arg]);
            }
            arg++;
        }
        return pushvfstring(L, format, args);
    };
}
const PERCENT = 0x25;
const LETTER_F = 0x66;
const LETTER_S = 0x73;

;// CONCATENATED MODULE: ./build/src/prune/lua/fengari.js
// The one place fengari is loaded, and the conversions between Lua values and host values that every API table uses.
// Numbers always cross as floats, as scripts compute with them (numbers.ts: regbot's float64 model).



restoreFengariConf();
installRegbotNumbers();
const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;
/** Pushes something that is not plain data (a userdata, a callable table); exactly one value. */
class LuaPusher {
    push;
    constructor(push) {
        this.push = push;
    }
}
const MAX_DEPTH = 32;
function pushString(L, s) {
    lua.lua_pushstring(L, to_luastring(s));
}
function pushValue(L, value, depth = 0) {
    if (depth > MAX_DEPTH)
        throw new Error('value nests too deeply to hand to Lua');
    if (value === null || value === undefined)
        lua.lua_pushnil(L);
    else if (typeof value === 'boolean')
        lua.lua_pushboolean(L, value);
    else if (typeof value === 'number')
        lua.lua_pushnumber(L, value);
    else if (typeof value === 'string')
        pushString(L, value);
    else if (value instanceof LuaPusher)
        value.push(L);
    else if (Array.isArray(value)) {
        lua.lua_createtable(L, value.length, 0);
        value.forEach((v, i) => {
            pushValue(L, v, depth + 1);
            lua.lua_rawseti(L, -2, i + 1);
        });
    }
    else {
        const entries = Object.entries(value);
        lua.lua_createtable(L, 0, entries.length);
        for (const [k, v] of entries) {
            if (v === undefined)
                continue;
            pushString(L, k);
            pushValue(L, v, depth + 1);
            lua.lua_rawset(L, -3);
        }
    }
}
function readValue(L, idx, depth = 0) {
    const t = lua.lua_type(L, idx);
    if (t === lua.LUA_TNIL || t === lua.LUA_TNONE)
        return null;
    if (t === lua.LUA_TBOOLEAN)
        return lua.lua_toboolean(L, idx);
    if (t === lua.LUA_TNUMBER)
        return lua.lua_tonumber(L, idx);
    if (t === lua.LUA_TSTRING)
        return lua.lua_tojsstring(L, idx);
    if (t !== lua.LUA_TTABLE)
        throw new Error(`a ${typeName(L, idx)} cannot be read as data`);
    if (depth > MAX_DEPTH)
        throw new Error('table nests too deeply (or refers to itself)');
    const abs = idx < 0 ? lua.lua_gettop(L) + idx + 1 : idx;
    const obj = {};
    const numeric = [];
    let otherKeys = false;
    lua.lua_pushnil(L);
    while (lua.lua_next(L, abs)) {
        const value = readValue(L, -1, depth + 1);
        if (lua.lua_type(L, -2) === lua.LUA_TNUMBER)
            numeric.push([lua.lua_tonumber(L, -2), value]);
        else if (lua.lua_type(L, -2) === lua.LUA_TSTRING) {
            otherKeys = true;
            obj[lua.lua_tojsstring(L, -2)] = value;
        }
        lua.lua_pop(L, 1);
    }
    if (!otherKeys && numeric.length > 0) {
        numeric.sort((a, b) => a[0] - b[0]);
        if (numeric.every(([k], i) => k === i + 1))
            return numeric.map(([, v]) => v);
    }
    for (const [k, v] of numeric)
        obj[String(k)] = v;
    return obj;
}
function typeName(L, idx) {
    const names = {
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
function raise(L, message) {
    lauxlib.luaL_where(L, 1);
    pushString(L, message);
    lua.lua_concat(L, 2);
    return lua.lua_error(L);
}
/** Sets `t[name] = f` on the table at the top of the stack. */
function setFunction(L, name, f) {
    lua.lua_pushcclosure(L, f, 0);
    lua.lua_setfield(L, -2, to_luastring(name));
}


/***/ }),

/***/ 66309:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  r: () => (/* binding */ DEFAULT_SCRIPT_MEMORY_MIB)
});

// UNUSED EXPORTS: createSandbox

// EXTERNAL MODULE: ./build/src/prune/lua/fengari.js + 2 modules
var fengari = __webpack_require__(51133);
;// CONCATENATED MODULE: ./build/src/prune/lua/os.js
// The `os` table scripts get: time, date, clock and difftime only. Written here rather than taken from fengari
// because fengari's os.time is a 32-bit integer, its os.date prints a leading "!" instead of switching to UTC, and
// the rest of its os table (execute, remove, rename, exit, getenv, tmpname) must not exist in a sandbox.

const DAYS = (/* unused pure expression or super */ null && (['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']));
const MONTHS = (/* unused pure expression or super */ null && (['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']));
function partsOf(date, utc) {
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
const pad = (n, width = 2, fill = '0') => String(n).padStart(width, fill);
/** C strftime conversions (ISO C99 7.23.3.5, plus %e %s %u %z %F %T %D from POSIX) in the "C" locale. */
function strftime(format, date, utc) {
    const p = partsOf(date, utc);
    const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
    const zone = () => {
        const sign = p.offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(p.offsetMinutes);
        return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
    };
    const conv = {
        a: () => DAYS[p.wday - 1].slice(0, 3),
        A: () => DAYS[p.wday - 1],
        b: () => MONTHS[p.month - 1].slice(0, 3),
        h: () => MONTHS[p.month - 1].slice(0, 3),
        B: () => MONTHS[p.month - 1],
        c: () => `${conv['a']()} ${conv['b']()} ${pad(p.day, 2, ' ')} ${conv['T']()} ${p.year}`,
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
        X: () => conv['T'](),
        y: () => pad(p.year % 100),
        Y: () => String(p.year),
        z: zone,
        Z: () => (utc ? 'UTC' : zone()),
        '%': () => '%',
    };
    let out = '';
    for (let i = 0; i < format.length; i++) {
        const c = format[i];
        if (c !== '%') {
            out += c;
            continue;
        }
        const spec = format[++i];
        const f = spec === undefined ? undefined : conv[spec];
        if (!f)
            throw new Error(`invalid conversion specifier '%${spec ?? ''}' in os.date format`);
        out += f();
    }
    return out;
}
function timeArg(L, idx) {
    if (lua.lua_type(L, idx) <= lua.LUA_TNIL)
        return new Date();
    const t = lauxlib.luaL_checknumber(L, idx);
    if (!Number.isFinite(t))
        raise(L, `bad argument #${idx} to 'date' (time out-of-bounds)`);
    return new Date(Math.floor(t) * 1000);
}
function osDate(L) {
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
        ]) {
            lua.lua_pushinteger(L, v);
            lua.lua_setfield(L, -2, to_luastring(k));
        }
        lua.lua_pushboolean(L, false);
        lua.lua_setfield(L, -2, to_luastring('isdst'));
        return 1;
    }
    let text;
    try {
        text = strftime(body, date, utc);
    }
    catch (err) {
        return raise(L, err.message);
    }
    pushString(L, text);
    return 1;
}
function field(L, name, fallback) {
    lua.lua_getfield(L, 1, to_luastring(name));
    const present = lua.lua_type(L, -1) === lua.LUA_TNUMBER || lua.lua_type(L, -1) === lua.LUA_TSTRING;
    const value = present ? lua.lua_tonumber(L, -1) : Number.NaN;
    lua.lua_pop(L, 1);
    if (present && Number.isFinite(value))
        return Math.floor(value);
    if (fallback === undefined)
        raise(L, `field '${name}' missing in date table`);
    return fallback;
}
/** Seconds since the epoch as a float: a 32-bit integer would wrap in 2038 and on any multiplication. */
function osTime(L) {
    if (lua.lua_type(L, 1) <= lua.LUA_TNIL) {
        lua.lua_pushnumber(L, Math.floor(Date.now() / 1000));
        return 1;
    }
    lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
    // Like C mktime: the fields are local time and may be out of range (day 32 is the 1st of next month).
    const date = new Date(field(L, 'year', undefined), field(L, 'month', undefined) - 1, field(L, 'day', undefined), field(L, 'hour', 12), field(L, 'min', 0), field(L, 'sec', 0));
    lua.lua_pushnumber(L, Math.floor(date.getTime() / 1000));
    return 1;
}
function osClock(L) {
    const { user, system } = process.cpuUsage();
    lua.lua_pushnumber(L, (user + system) / 1e6);
    return 1;
}
function osDifftime(L) {
    lua.lua_pushnumber(L, lauxlib.luaL_checknumber(L, 1) - (lua.lua_type(L, 2) <= lua.LUA_TNIL ? 0 : lauxlib.luaL_checknumber(L, 2)));
    return 1;
}
/** Sets the global `os` to a table holding time, date, clock and difftime. */
function os_installOs(L) {
    lua.lua_createtable(L, 0, 4);
    setFunction(L, 'time', osTime);
    setFunction(L, 'date', osDate);
    setFunction(L, 'clock', osClock);
    setFunction(L, 'difftime', osDifftime);
    lua.lua_setglobal(L, to_luastring('os'));
}

;// CONCATENATED MODULE: ./build/src/prune/lua/sandbox.js
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


/**
 * A script's memory when the config sets none, MiB: its worker's heap cap and the cap on the bytes its strings hold.
 * A retention script over 10,000 tags stays far below it.
 */
const DEFAULT_SCRIPT_MEMORY_MIB = 256;
function tooLarge(L, fn, bytes, limit) {
    return raise(L, `${fn} would build a string of ${Math.round(bytes)} bytes, over this script's memory limit of ${limit} bytes`);
}
/** Calls the original library function (upvalue 1) with the current arguments, returning all its results. */
function callOriginal(L) {
    const n = lua.lua_gettop(L);
    lua.lua_pushvalue(L, lua.lua_upvalueindex(1));
    lua.lua_insert(L, 1);
    lua.lua_call(L, n, lua.LUA_MULTRET);
    return lua.lua_gettop(L);
}
function lengthAt(L, idx) {
    const t = lua.lua_type(L, idx);
    if (t === lua.LUA_TSTRING)
        return lua.lua_rawlen(L, idx);
    if (t === lua.LUA_TNUMBER)
        return 24;
    return 0;
}
function cappedRep(limit) {
    return (L) => {
        const s = lua.lua_type(L, 1) === lua.LUA_TSTRING || lua.lua_type(L, 1) === lua.LUA_TNUMBER ? lengthAt(L, 1) : 0;
        const n = lua.lua_type(L, 2) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, 2) : 0;
        const sep = lua.lua_type(L, 3) <= lua.LUA_TNIL ? 0 : lengthAt(L, 3);
        if (n > 0) {
            const bytes = s * n + sep * (n - 1);
            if (bytes > limit)
                tooLarge(L, 'string.rep', bytes, limit);
        }
        return callOriginal(L);
    };
}
function cappedConcat(limit) {
    return (L) => {
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
            if (bytes > limit)
                tooLarge(L, 'table.concat', bytes, limit);
        }
        return callOriginal(L);
    };
}
/** An upper bound for gsub: every position may match, each match expanding to the replacement (with %0-%9 ≤ #s). */
function cappedGsub(limit) {
    return (L) => {
        const s = lengthAt(L, 1);
        let perMatch;
        if (lua.lua_type(L, 3) === lua.LUA_TSTRING) {
            const repl = lua.lua_tojsstring(L, 3);
            perMatch = repl.length + (repl.split('%').length - 1) * s;
        }
        else if (lua.lua_type(L, 3) === lua.LUA_TTABLE) {
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
            if (bytes > limit)
                tooLarge(L, 'string.gsub', bytes, limit);
        }
        return callOriginal(L);
    };
}
const FORMAT_SPEC = /%(?:%|([-+ #0]*)(\d*)(\.\d*)?([a-zA-Z]))/g;
/** string.format with Lua 5.1's `%d`: a float argument is truncated instead of refused. */
function compatFormat(L) {
    const n = lua.lua_gettop(L);
    if (lua.lua_type(L, 1) !== lua.LUA_TSTRING)
        return callOriginal(L);
    const format = lua.lua_tojsstring(L, 1);
    const floats = new Map();
    let arg = 1;
    const rewritten = format.replace(FORMAT_SPEC, (whole, flags, width, _precision, conv) => {
        if (conv === undefined)
            return whole;
        arg++;
        if ((conv === 'd' || conv === 'i') && lua.lua_type(L, arg) === lua.LUA_TNUMBER && !lua.lua_isinteger(L, arg)) {
            const v = lua.lua_tonumber(L, arg);
            if (Number.isFinite(v)) {
                floats.set(arg, Math.trunc(v));
                return `%${flags ?? ''}${width ?? ''}.0f`;
            }
        }
        return whole;
    });
    if (floats.size === 0)
        return callOriginal(L);
    lua.lua_pushvalue(L, lua.lua_upvalueindex(1));
    pushString(L, rewritten);
    for (let i = 2; i <= n; i++) {
        const f = floats.get(i);
        if (f !== undefined)
            lua.lua_pushnumber(L, f);
        else
            lua.lua_pushvalue(L, i);
    }
    lua.lua_call(L, n, 1);
    return 1;
}
/** Replaces `lib[name]` (the table at the top of the stack) with `wrapper`, which gets the original as upvalue 1. */
function wrapField(L, name, wrapper) {
    lua.lua_getfield(L, -1, to_luastring(name));
    lua.lua_pushcclosure(L, wrapper, 1);
    lua.lua_setfield(L, -2, to_luastring(name));
}
function removeFields(L, names) {
    for (const name of names) {
        lua.lua_pushnil(L);
        lua.lua_setfield(L, -2, to_luastring(name));
    }
}
function collectGarbage(L) {
    const opt = lua.lua_type(L, 1) <= lua.LUA_TNIL ? 'collect' : lua.lua_tojsstring(L, 1);
    if (opt !== 'count')
        return raise(L, `collectgarbage("${opt}") is not available in regkit scripts; only "count" is`);
    const kb = process.memoryUsage().heapUsed / 1024;
    lua.lua_pushnumber(L, kb);
    lua.lua_pushnumber(L, 0);
    return 2;
}
function numberFunction(f, arity) {
    return (L) => {
        const xs = Array.from({ length: arity }, (_, i) => fengari/* lauxlib */.Ac.luaL_checknumber(L, i + 1));
        fengari/* lua */.fT.lua_pushnumber(L, f(...xs));
        return 1;
    };
}
/** `x = m * 2^e` with 0.5 <= |m| < 1; zero, infinities and NaN come back as they are, with e = 0 (C's frexp). */
function frexp(L) {
    const x = fengari/* lauxlib */.Ac.luaL_checknumber(L, 1);
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
    fengari/* lua */.fT.lua_pushnumber(L, m);
    fengari/* lua */.fT.lua_pushnumber(L, e);
    return 2;
}
/**
 * Lua 5.1's math functions that 5.3 dropped, and floor/ceil returning floats as every gopher-lua number is (5.3
 * returns a 32-bit integer subtype, which would wrap in later integer arithmetic).
 */
const MATH_51 = {
    atan2: numberFunction(Math.atan2, 2),
    cosh: numberFunction(Math.cosh, 1),
    sinh: numberFunction(Math.sinh, 1),
    tanh: numberFunction(Math.tanh, 1),
    floor: numberFunction(Math.floor, 1),
    ceil: numberFunction(Math.ceil, 1),
    frexp,
};
const COMPAT_PRELUDE = (/* unused pure expression or super */ null && (`
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
`));
function runChunk(L, source, name) {
    const chunk = to_luastring(source);
    if (lauxlib.luaL_loadbufferx(L, chunk, chunk.length, to_luastring(`=${name}`), to_luastring('t')) !== lua.LUA_OK ||
        lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK) {
        throw new Error(`${name} failed: ${lua.lua_tojsstring(L, -1)}`);
    }
}
/** A new Lua state holding the sandboxed standard library; the API tables are added by the caller. */
function createSandbox(memoryLimitBytes) {
    const L = lauxlib.luaL_newstate();
    // A JavaScript exception inside a library call (a failed allocation, a bug) becomes a Lua error, not a crash.
    lua.lua_atnativeerror(L, (L2) => {
        const e = lua.lua_touserdata(L2, -1);
        pushString(L2, `internal error: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
    });
    const libs = [
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
    for (const [name, f] of Object.entries(MATH_51))
        setFunction(L, name, f);
    lua.lua_pop(L, 1);
    installOs(L);
    runChunk(L, COMPAT_PRELUDE, 'regkit compat');
    return L;
}


/***/ }),

/***/ 33620:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cN: () => (/* binding */ POLICY_KEYS),
/* harmony export */   jZ: () => (/* binding */ PolicyArgError),
/* harmony export */   mt: () => (/* binding */ parsePolicyCall),
/* harmony export */   vE: () => (/* binding */ POLICY_KINDS),
/* harmony export */   wy: () => (/* binding */ describePolicy)
/* harmony export */ });
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(84974);
/* harmony import */ var _config_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44674);
/* harmony import */ var _config_regex_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62939);
// Reads a policy's arguments, whether they come from a Lua table or from the YAML `policies:` list, into one
// validated PolicyCall. Both callers get the same messages; the YAML loader adds the position of the key named.



const POLICY_KINDS = ['keepLast', 'olderThan', 'untagged'];
const POLICY_KEYS = {
    keepLast: ['repo', 'match', 'group', 'keep', 'sort'],
    olderThan: ['repo', 'match', 'days', 'by'],
    untagged: ['repo'],
};
const SORTS = ['semver', 'name', 'created'];
/** A bad argument; `key` names it so the YAML loader can point at it. */
class PolicyArgError extends Error {
    key;
    constructor(message, key) {
        super(message);
        this.key = key;
        this.name = 'PolicyArgError';
    }
}
function fail(kind, key, message) {
    throw new PolicyArgError(`${kind}: ${message}`, key);
}
function requiredString(kind, args, key, example) {
    const v = args[key];
    if (v === undefined || v === null || v === '')
        fail(kind, key, `${key} is required, e.g. ${key}=${example}`);
    if (typeof v !== 'string')
        fail(kind, key, `${key} must be a string`);
    return v;
}
function readRepo(kind, args) {
    const text = requiredString(kind, args, 'repo', '"registry.example.com/team/app"');
    let repo;
    try {
        repo = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(text, { repositoryOnly: true });
    }
    catch (err) {
        fail(kind, 'repo', err.message);
    }
    if (repo.tag !== undefined || repo.digest !== undefined)
        fail(kind, 'repo', `repo names a repository, not an image: drop the tag or digest from "${text}"`);
    return repo;
}
function readMatch(kind, args) {
    // Required rather than defaulting to every tag: a retention rule should say which tags it may delete.
    const source = requiredString(kind, args, 'match', '"ci-[0-9]+" (anchored; use ".*" for every tag)');
    try {
        return { source, regex: (0,_config_regex_js__WEBPACK_IMPORTED_MODULE_1__/* .compileAnchoredRegex */ .d)(source) };
    }
    catch (err) {
        fail(kind, 'match', err.message);
    }
}
function readNumber(kind, args, key, opts) {
    const v = args[key];
    const n = typeof v === 'string' && /^[0-9]+(?:\.[0-9]+)?$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n))
        fail(kind, key, `${key} must be a number`);
    if (opts.integer && !Number.isInteger(n))
        fail(kind, key, `${key} must be a whole number`);
    if (n < opts.min)
        fail(kind, key, `${key} must be at least ${opts.min}`);
    return n;
}
function checkKeys(kind, args) {
    const valid = POLICY_KEYS[kind];
    for (const key of Object.keys(args)) {
        if (valid.includes(key))
            continue;
        const near = (0,_config_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .suggestKey */ .Ax)(key, valid);
        fail(kind, key, `unknown argument "${key}"${near ? `; did you mean "${near}"?` : `; valid arguments are ${valid.join(', ')}`}`);
    }
}
/** The capture a bare `group` names must exist in `match`; a template is checked when it runs. */
function checkGroup(kind, match, group) {
    const groups = new RegExp(`${match.regex.source}|`, match.regex.flags).exec('').length - 1;
    if (/^[0-9]+$/.test(group) && Number(group) > groups)
        fail(kind, 'group', `group ${group} is not a capture of match "${match.source}" (it has ${groups})`);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(group) && !new RegExp(`\\(\\?P?<${group}>`).test(match.source)) {
        fail(kind, 'group', `group "${group}" is not a named capture of match "${match.source}"; name one with (?P<${group}>...) or use a template such as "$1"`);
    }
}
function readKeepLast(args) {
    const repo = readRepo('keepLast', args);
    const match = readMatch('keepLast', args);
    const keep = readNumber('keepLast', args, 'keep', { integer: true, min: 1 });
    const sortArg = args['sort'] ?? 'semver';
    if (typeof sortArg !== 'string' || !SORTS.includes(sortArg))
        fail('keepLast', 'sort', `sort must be ${SORTS.join(', ')}, not ${JSON.stringify(sortArg)}`);
    const policy = { kind: 'keepLast', repo, match, keep, sort: sortArg };
    const group = args['group'];
    if (group !== undefined && group !== null && group !== '') {
        if (typeof group !== 'string' && typeof group !== 'number')
            fail('keepLast', 'group', 'group must be a capture name, a capture number or a template such as "$1"');
        checkGroup('keepLast', match, String(group));
        policy.group = String(group);
    }
    return policy;
}
function readDateSource(args) {
    const by = args['by'] ?? 'created';
    if (by === 'created')
        return { kind: 'created' };
    if (typeof by === 'string' && by.startsWith('label:') && by.length > 'label:'.length)
        return { kind: 'label', label: by.slice('label:'.length) };
    return fail('olderThan', 'by', `by must be "created" or "label:<name>" (a label holding an RFC 3339 date), not ${JSON.stringify(by)}`);
}
function readOlderThan(args) {
    return {
        kind: 'olderThan',
        repo: readRepo('olderThan', args),
        match: readMatch('olderThan', args),
        days: readNumber('olderThan', args, 'days', { integer: false, min: 0 }),
        by: readDateSource(args),
    };
}
/** Validates a policy's arguments; throws PolicyArgError naming the argument at fault. */
function parsePolicyCall(kind, args) {
    checkKeys(kind, args);
    if (kind === 'untagged')
        return { kind, repo: readRepo(kind, args) };
    return kind === 'keepLast' ? readKeepLast(args) : readOlderThan(args);
}
/** `keepLast registry/repo match="…"`: how logs and reports name one policy call. */
function describePolicy(call) {
    return call.kind === 'untagged' ? `untagged ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .formatReference */ .FH)(call.repo)}` : `${call.kind} ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .formatReference */ .FH)(call.repo)} match="${call.match.source}"`;
}


/***/ })

};
