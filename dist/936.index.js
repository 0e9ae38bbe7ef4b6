export const id = 936;
export const ids = [936];
export const modules = {

/***/ 1991:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kp: () => (/* binding */ nameAllowed),
/* harmony export */   O: () => (/* binding */ selectTags),
/* harmony export */   a0: () => (/* binding */ compareNewestFirst),
/* harmony export */   hy: () => (/* binding */ readTagFilter),
/* harmony export */   od: () => (/* binding */ readNameFilter)
/* harmony export */ });
/* unused harmony export TAG_FILTER_KEYS */
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4674);
/* harmony import */ var _regex_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2939);
/* harmony import */ var _semver_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3986);
// Tag and repository filters of a sync step: reading them from the config, and applying them to names.



const TAG_FILTER_KEYS = ['allow', 'deny', 'semverRange', 'latest', 'sort'];
const NAME_FILTER_KEYS = ['allow', 'deny'];
const TAG_SORTS = ['semver', 'name'];
function patterns(yaml, node, what) {
    return yaml.items(node, what).map((item, i) => {
        const source = yaml.string(item, `${what}[${i}]`);
        try {
            return { source, regex: (0,_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .compileAnchoredRegex */ .d)(source) };
        }
        catch (err) {
            throw yaml.error(item, `${what}[${i}]: ${err.message}`);
        }
    });
}
function readTagFilter(yaml, node, what) {
    const f = (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, what), TAG_FILTER_KEYS, what);
    const filter = {
        allow: patterns(yaml, f.get('allow')?.value ?? null, `${what}.allow`),
        deny: patterns(yaml, f.get('deny')?.value ?? null, `${what}.deny`),
        semverRange: yaml.items(f.get('semverRange')?.value ?? null, `${what}.semverRange`).map((item, i) => {
            try {
                return (0,_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemverRange */ .zv)(yaml.string(item, `${what}.semverRange[${i}]`));
            }
            catch (err) {
                throw yaml.error(item, `${what}.semverRange[${i}]: ${err.message}`);
            }
        }),
        sort: 'semver',
    };
    const latest = f.get('latest');
    if (latest && !yaml.isEmpty(latest.value))
        filter.latest = yaml.number(latest.value, `${what}.latest`, { integer: true, min: 1 });
    const sort = f.get('sort');
    if (sort && !yaml.isEmpty(sort.value)) {
        const s = yaml.string(sort.value, `${what}.sort`);
        if (!TAG_SORTS.includes(s))
            throw yaml.error(sort.value, `${what}.sort must be semver or name, not ${JSON.stringify(s)}`);
        filter.sort = s;
    }
    return filter;
}
function readNameFilter(yaml, node, what) {
    const f = (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, what), NAME_FILTER_KEYS, what);
    return { allow: patterns(yaml, f.get('allow')?.value ?? null, `${what}.allow`), deny: patterns(yaml, f.get('deny')?.value ?? null, `${what}.deny`) };
}
/** Allow (any, when the list is not empty) and deny (none): regsync's rule for tag and repository names. */
function nameAllowed(filter, name) {
    if (filter.allow.length > 0 && !filter.allow.some((p) => p.regex.test(name)))
        return false;
    return !filter.deny.some((p) => p.regex.test(name));
}
/** Newest first: by version when `sort` is semver (other tags after, by name), else by name. */
function compareNewestFirst(sort, a, b) {
    if (sort === 'semver') {
        const va = (0,_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemver */ .kf)(a);
        const vb = (0,_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemver */ .kf)(b);
        if (va && vb)
            return (0,_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .compareSemver */ .mU)(vb, va) || (a < b ? 1 : a > b ? -1 : 0);
        if (va || vb)
            return va ? -1 : 1;
    }
    return a < b ? 1 : a > b ? -1 : 0;
}
function selectOne(filter, tags) {
    let kept = tags.filter((t) => {
        if (filter.semverRange.length > 0) {
            const v = (0,_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemver */ .kf)(t);
            if (!v || !filter.semverRange.some((r) => r.test(v)))
                return false;
        }
        return nameAllowed(filter, t);
    });
    if (filter.latest !== undefined)
        kept = [...kept].sort((a, b) => compareNewestFirst(filter.sort, a, b)).slice(0, filter.latest);
    return new Set(kept);
}
/** The tags a step copies, in the order given: the union of its tag sets, or all tags when it has none. */
function selectTags(sets, tags) {
    if (sets.length === 0)
        return [...tags];
    const chosen = sets.map((s) => selectOne(s, tags));
    return tags.filter((t) => chosen.some((c) => c.has(t)));
}


/***/ }),

/***/ 4674:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ax: () => (/* binding */ suggestKey),
/* harmony export */   Yy: () => (/* binding */ checkedEntries)
/* harmony export */ });
/* unused harmony export editDistance */
/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 0; j <= b.length; j++)
        d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                v = Math.min(v, d[i - 2][j - 2] + 1);
            d[i][j] = v;
        }
    }
    return d[a.length][b.length];
}
/** The valid key closest to `key`, when it is close enough to be a typo of it. */
function suggestKey(key, valid) {
    let best;
    let bestDist = Infinity;
    for (const v of valid) {
        const dist = editDistance(key.toLowerCase(), v.toLowerCase());
        if (dist < bestDist) {
            best = v;
            bestDist = dist;
        }
    }
    return best !== undefined && bestDist <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
/**
 * The entries of a mapping whose keys are all in `valid` (x- keys dropped). Throws a ConfigError at the first
 * unknown key.
 */
function checkedEntries(yaml, entries, valid, what) {
    const out = new Map();
    for (const e of entries) {
        if (e.key.startsWith('x-'))
            continue;
        if (!valid.includes(e.key)) {
            const near = suggestKey(e.key, valid);
            const hint = near ? `; did you mean "${near}"?` : `; valid keys are ${valid.join(', ')}`;
            throw yaml.error(e.keyNode, `unknown key "${e.key}" in ${what}${hint}`);
        }
        out.set(e.key, e);
    }
    return out;
}


/***/ }),

/***/ 2939:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ compileAnchoredRegex)
/* harmony export */ });
// Regsync's tag and repository filters are Go RE2 expressions, anchored `^…$`. Most RE2 is valid JavaScript; the
// RE2-only forms users write are translated here, and anything JavaScript still refuses is an error to show.
const POSIX_CLASSES = {
    alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
    graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
    word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
function escapeLiteral(s) {
    return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
/** Compiles an RE2 pattern anchored at both ends; throws an Error saying why it cannot be used. */
function compileAnchoredRegex(pattern) {
    let p = pattern;
    let flags = '';
    // RE2 flags at the very start apply to the whole pattern; JavaScript takes them as RegExp flags.
    const lead = /^\(\?([imsU]+)\)/.exec(p);
    if (lead) {
        if (lead[1].includes('U'))
            throw new Error(`regex ${JSON.stringify(pattern)}: the U (ungreedy) flag has no JavaScript equivalent`);
        flags = [...new Set(lead[1])].join('');
        p = p.slice(lead[0].length);
    }
    if (/\(\?[imsU-]+[):]/.test(p)) {
        throw new Error(`regex ${JSON.stringify(pattern)}: inline flags such as (?i) are supported only at the start of the pattern`);
    }
    p = p
        .replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, lit) => escapeLiteral(lit))
        .replace(/\(\?P</g, '(?<')
        .replace(/\\A/g, '^')
        .replace(/\\z/g, '$')
        .replace(/\\([pP])([A-Za-z])/g, '\\$1{$2}')
        .replace(/\[:(\^?)([a-z]+):\]/g, (all, neg, name) => {
        const cls = POSIX_CLASSES[name];
        if (!cls)
            return all;
        if (neg)
            throw new Error(`regex ${JSON.stringify(pattern)}: negated POSIX class [:^${name}:] is not supported; use [^${cls}]`);
        return cls;
    });
    if (/\\[pP]/.test(p))
        flags += 'u';
    try {
        return new RegExp(`^(?:${p})$`, flags);
    }
    catch (err) {
        throw new Error(`invalid regex ${JSON.stringify(pattern)}: ${err.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`);
    }
}


/***/ }),

/***/ 3986:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kf: () => (/* binding */ parseSemver),
/* harmony export */   mU: () => (/* binding */ compareSemver),
/* harmony export */   zv: () => (/* binding */ parseSemverRange)
/* harmony export */ });
// Semantic versions and ranges for `tags.semverRange` and `tags.sort: semver`. Versions are read leniently, as
// Masterminds/semver (which regsync uses) reads them: a leading `v`, missing minor/patch as 0 (`3.5` is 3.5.0).
// Ranges: comparators `= != > >= < <= ~ ~> ^`, wildcards `1.x`/`1.2.*`/`*`, hyphen ranges `1.2 - 1.4`, space or
// comma for AND, `||` for OR. Pre-releases match only a range that itself names a pre-release, as in Masterminds.
const VERSION_RE = /^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?(?:\.(0|[1-9][0-9]*))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
/** The version a tag names, or undefined when it is not one. */
function parseSemver(text) {
    const m = VERSION_RE.exec(text);
    if (!m)
        return undefined;
    return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), prerelease: m[4] ? m[4].split('.') : [] };
}
function compareIdent(a, b) {
    const an = /^[0-9]+$/.test(a);
    const bn = /^[0-9]+$/.test(b);
    if (an && bn)
        return Math.sign(Number(a) - Number(b));
    if (an !== bn)
        return an ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Orders versions by precedence (semver.org §11): a pre-release sorts before its release. */
function compareSemver(a, b) {
    const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
    if (d !== 0)
        return Math.sign(d);
    if (a.prerelease.length === 0 || b.prerelease.length === 0)
        return Math.sign(b.prerelease.length - a.prerelease.length);
    for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
        const c = compareIdent(a.prerelease[i], b.prerelease[i]);
        if (c !== 0)
            return c;
    }
    return Math.sign(a.prerelease.length - b.prerelease.length);
}
const PARTIAL_RE = /^v?([0-9]+|[xX*])(?:\.([0-9]+|[xX*]))?(?:\.([0-9]+|[xX*]))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;
function parsePartial(text, range) {
    const m = PARTIAL_RE.exec(text);
    if (!m)
        throw new Error(`invalid semver range ${JSON.stringify(range)}: ${JSON.stringify(text)} is not a version`);
    const part = (s) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
    const major = part(m[1]);
    const minor = major === undefined ? undefined : part(m[2]);
    const patch = minor === undefined ? undefined : part(m[3]);
    return { major, minor, patch, prerelease: m[4] ? m[4].split('.') : [] };
}
const v3 = (major, minor, patch, prerelease = []) => ({ major, minor, patch, prerelease });
const cmp = (op, bound) => (v) => {
    const c = compareSemver(v, bound);
    return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '!=' ? c !== 0 : c === 0;
};
const all = (...tests) => (v) => tests.every((t) => t(v));
/** The lowest version of a partial (`1.2` → 1.2.0) and the first version past it (`1.2` → 1.3.0). */
function bounds(p) {
    if (p.major === undefined)
        return { low: v3(0, 0, 0), next: undefined };
    if (p.minor === undefined)
        return { low: v3(p.major, 0, 0), next: v3(p.major + 1, 0, 0) };
    if (p.patch === undefined)
        return { low: v3(p.major, p.minor, 0), next: v3(p.major, p.minor + 1, 0) };
    return { low: v3(p.major, p.minor, p.patch, p.prerelease), next: undefined };
}
function comparator(op, p) {
    const { low, next } = bounds(p);
    const exact = p.patch !== undefined;
    switch (op) {
        case '':
        case '=':
            return exact ? cmp('=', low) : next ? all(cmp('>=', low), cmp('<', next)) : () => true;
        case '!=':
            return exact ? cmp('!=', low) : next ? (v) => !(cmp('>=', low)(v) && cmp('<', next)(v)) : () => false;
        case '>':
            return exact ? cmp('>', low) : next ? cmp('>=', next) : () => false;
        case '>=':
        case '=>':
            return cmp('>=', low);
        case '<':
            return cmp('<', low);
        case '<=':
        case '=<':
            return exact ? cmp('<=', low) : next ? cmp('<', next) : () => true;
        case '~':
        case '~>': {
            if (p.major === undefined)
                return () => true;
            const upper = p.minor === undefined ? v3(p.major + 1, 0, 0) : v3(p.major, p.minor + 1, 0);
            return all(cmp('>=', low), cmp('<', upper));
        }
        case '^': {
            if (p.major === undefined)
                return () => true;
            let upper;
            if (p.major > 0 || p.minor === undefined)
                upper = v3(p.major + 1, 0, 0);
            else if (p.minor > 0 || p.patch === undefined)
                upper = v3(0, p.minor + 1, 0);
            else
                upper = v3(0, 0, p.patch + 1);
            return all(cmp('>=', low), cmp('<', upper));
        }
        default:
            throw new Error(`unknown operator ${op}`);
    }
}
const TOKEN_RE = /\s*(\^|~>|~|>=|=>|<=|=<|!=|>|<|=)?\s*([^\s,<>=!~^|]+)\s*,?/y;
/** Parses one `semverRange` entry; throws an Error naming the part it cannot read. */
function parseSemverRange(source) {
    const groups = source.split('||').map((g) => g.trim());
    const compiled = groups.map((group) => {
        if (group === '')
            throw new Error(`invalid semver range ${JSON.stringify(source)}: empty alternative`);
        const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(group);
        if (hyphen) {
            const lo = parsePartial(hyphen[1], source);
            const hi = parsePartial(hyphen[2], source);
            return { test: all(comparator('>=', lo), comparator('<=', hi)), pre: lo.prerelease.length > 0 || hi.prerelease.length > 0 };
        }
        const tests = [];
        let pre = false;
        TOKEN_RE.lastIndex = 0;
        while (TOKEN_RE.lastIndex < group.length) {
            const at = TOKEN_RE.lastIndex;
            const m = TOKEN_RE.exec(group);
            if (!m)
                throw new Error(`invalid semver range ${JSON.stringify(source)}: cannot read ${JSON.stringify(group.slice(at))}`);
            const p = parsePartial(m[2], source);
            pre ||= p.prerelease.length > 0;
            tests.push(comparator(m[1] ?? '', p));
        }
        return { test: all(...tests), pre };
    });
    return {
        source,
        test(v) {
            return compiled.some((g) => (v.prerelease.length === 0 || g.pre) && g.test(v));
        },
    };
}


/***/ }),

/***/ 4649:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  eV: () => (/* binding */ LuaPusher),
  Ac: () => (/* binding */ lauxlib),
  fT: () => (/* binding */ lua),
  Mt: () => (/* binding */ lualib),
  ol: () => (/* binding */ pushString),
  EK: () => (/* binding */ pushValue),
  xl: () => (/* binding */ raise),
  wK: () => (/* binding */ readValue),
  VN: () => (/* binding */ setFunction),
  PA: () => (/* binding */ to_jsstring),
  sz: () => (/* binding */ to_luastring),
  go: () => (/* binding */ typeName)
});

;// CONCATENATED MODULE: ./build/src/prune/lua/fengari-conf.js
// fengari reads its build options from FENGARICONF once, when its modules load. LUA_COMPAT_FLOATSTRING prints
// integral floats as Lua 5.1 does (`3000000000`, `5`), not as 5.3 does (`3000000000.0`, `5.0`): regbot scripts are
// Lua 5.1 and sizes and times reach them as floats. This module is imported before fengari; lua-fengari.ts restores
// the variable once fengari has read it.
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
var fengari = __webpack_require__(2413);
;// CONCATENATED MODULE: ./build/src/prune/lua/fengari.js
// The one place fengari is loaded, and the conversions between Lua values and host values that every API table uses.
// Numbers always cross as floats: fengari's integers are 32-bit and wrap (`2147483647 + 1` is negative), while
// sizes, counts and times do not fit in them.


restoreFengariConf();
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

/***/ 3620:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cN: () => (/* binding */ POLICY_KEYS),
/* harmony export */   jZ: () => (/* binding */ PolicyArgError),
/* harmony export */   mt: () => (/* binding */ parsePolicyCall),
/* harmony export */   vE: () => (/* binding */ POLICY_KINDS),
/* harmony export */   wy: () => (/* binding */ describePolicy)
/* harmony export */ });
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4974);
/* harmony import */ var _config_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4674);
/* harmony import */ var _config_regex_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2939);
// Reads a policy's arguments, whether they come from a Lua table or from the YAML `policies:` list, into one
// validated PolicyCall. Both callers get the same messages; the YAML loader adds the position of the key named.



const POLICY_KINDS = ['keepLast', 'olderThan'];
const POLICY_KEYS = {
    keepLast: ['repo', 'match', 'group', 'keep', 'sort'],
    olderThan: ['repo', 'match', 'days', 'by'],
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
    return kind === 'keepLast' ? readKeepLast(args) : readOlderThan(args);
}
/** `keepLast registry/repo match="…"`: how logs and reports name one policy call. */
function describePolicy(call) {
    return `${call.kind} ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_0__/* .formatReference */ .FH)(call.repo)} match="${call.match.source}"`;
}


/***/ }),

/***/ 1936:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPrune: () => (/* binding */ runPrune)
});

// EXTERNAL MODULE: ./build/src/copy/limit.js
var copy_limit = __webpack_require__(5736);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(4123);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(4974);
;// CONCATENATED MODULE: ./build/src/prune/lua/journal.js
// The record of every write a script asked for, executed or (in dry-run) only planned, and what the report makes
// of it. Planned tag deletions are remembered so that later safety checks in the same dry run treat them as gone.


class Journal {
    entries = [];
    plannedTagDeletes = new Set();
    /** Records a write; the entry is returned so the caller can mark its outcome. */
    record(op, fields) {
        const entry = { op, ...fields, executed: false };
        this.entries.push(entry);
        return entry;
    }
    /** Tags (as `repository:tag` keys) this dry run has planned to delete. */
    planTagDelete(repositoryKey, tag) {
        this.plannedTagDeletes.add(`${repositoryKey}:${tag}`);
    }
    isTagPlannedForDelete(repositoryKey, tag) {
        return this.plannedTagDeletes.has(`${repositoryKey}:${tag}`);
    }
}
const KIND = {
    'tag.delete': 'tag-delete',
    'manifest.delete': 'image-delete',
    'image.delete': 'image-delete',
    'manifest.put': 'copy',
    'image.copy': 'copy',
    'blob.put': 'copy',
    'image.importTar': 'import',
};
function statusOf(entry) {
    if (entry.error !== undefined)
        return 'failed';
    const deleting = entry.op === 'tag.delete' || entry.op.endsWith('.delete');
    if (deleting)
        return entry.executed ? 'deleted' : 'would-delete';
    return entry.executed ? 'copied' : 'would-copy';
}
/**
 * An entry's reference as the result's typed location. The API formatted it from a parsed reference, so it parses
 * back to the same one; `repositoryOnly` keeps a bare repository (a blob.put) from gaining a `latest` tag.
 */
function imageNamed(text) {
    return (0,result/* imageAt */.t3)((0,reference/* parseReference */.F2)(text, { repositoryOnly: true }));
}
/** The journal in the one result model, for the text, JSON-lines and job-summary renderers. */
function journalToResults(script, entries) {
    return entries.map((e) => ({
        op: KIND[e.op],
        status: statusOf(e),
        target: imageNamed(e.reference),
        ...(e.source !== undefined ? { source: e.op === 'image.importTar' ? { kind: 'file', path: e.source } : imageNamed(e.source) } : {}),
        ...(e.digest !== undefined ? { digest: e.digest } : {}),
        bytes: 0,
        ...(e.error !== undefined ? { reason: e.error } : {}),
        details: { kind: 'script', script, call: e.op, ...(e.line !== undefined ? { line: e.line } : {}) },
    }));
}

// EXTERNAL MODULE: ./build/src/prune/lua/fengari.js + 1 modules
var fengari = __webpack_require__(4649);
;// CONCATENATED MODULE: ./build/src/prune/lua/bridge.js
// Registry calls are asynchronous and Lua is not: the script runs as a coroutine, an API function starts its
// Promise and yields (lua_yieldk with a continuation), the host loop awaits the Promise and resumes the coroutine,
// and the continuation hands the result to the script or raises the failure at the script's line.
//
// Scripts may run API calls inside their own coroutines: the Lua prelude below passes such a wait up through every
// `coroutine.resume` to the host, then resumes the inner coroutine. A timeout is an abort no `pcall`, `xpcall` or
// `coroutine.resume` can swallow. Yielding from a callback of a library function (a `table.sort` comparator, a
// `string.gsub` replacement function) stays impossible, as in Lua 5.3: such calls fail with "attempt to yield across
// a JS-call boundary".

/** Marks the value an API call yields with, so coroutine wrappers tell a host wait from the script's own yields. */
const WAIT = Object.freeze({ regkitWait: true });
/** The error value of an abort (timeout): recognised by identity, never by text. */
const ABORT = Object.freeze({ regkitAbort: true });
class ScriptAbort extends Error {
    constructor(message) {
        super(message);
        this.name = 'ScriptAbort';
    }
}
class AsyncBridge {
    pending;
    outcome;
    abortReason;
    get aborted() {
        return this.abortReason;
    }
    /** Stops the script at its next instruction; protected calls re-raise the abort instead of returning it. */
    abort(L, reason) {
        this.abortReason ??= reason;
        fengari/* lua */.fT.lua_pushlightuserdata(L, ABORT);
        return fengari/* lua */.fT.lua_error(L);
    }
    /** A Lua function that starts `start(L)` and suspends the script until its Promise settles. */
    asyncFunction(start, describe) {
        const continuation = (L) => {
            const outcome = this.outcome;
            this.outcome = undefined;
            if (!outcome)
                return (0,fengari/* raise */.xl)(L, 'internal error: an API call resumed without a result');
            if (!outcome.ok)
                return (0,fengari/* raise */.xl)(L, outcome.message);
            return outcome.push(L);
        };
        return (L) => {
            let call;
            try {
                call = start(L);
            }
            catch (err) {
                // A Lua error raised while reading arguments is fengari's own throw: let it unwind as it is.
                if (!(err instanceof Error))
                    throw err;
                return (0,fengari/* raise */.xl)(L, describe(err));
            }
            this.pending = call.promise.then((value) => {
                this.outcome = { ok: true, push: (L2) => call.push(L2, value) };
            }, (err) => {
                this.outcome = { ok: false, message: describe(err) };
            });
            fengari/* lua */.fT.lua_pushlightuserdata(L, WAIT);
            return fengari/* lua */.fT.lua_yieldk(L, 1, 0, continuation);
        };
    }
    /**
     * Runs the coroutine to its end. `wait` bounds each host wait (the script's remaining time); it rejects with
     * ScriptAbort when time runs out. Resolves when the chunk returns; rejects with its error text otherwise.
     */
    async drive(co, wait) {
        for (;;) {
            const status = fengari/* lua */.fT.lua_resume(co, null, 0);
            if (status === fengari/* lua */.fT.LUA_OK)
                return;
            if (status !== fengari/* lua */.fT.LUA_YIELD)
                throw new ScriptAbort(this.abortReason ?? errorText(co));
            fengari/* lua */.fT.lua_settop(co, 0);
            const pending = this.pending;
            this.pending = undefined;
            if (!pending)
                throw new ScriptAbort('coroutine.yield was called outside a coroutine');
            try {
                await wait(pending);
            }
            catch (err) {
                this.abortReason ??= err.message;
                throw err;
            }
        }
    }
    /**
     * Installs the coroutine and protected-call wrappers. Runs once on a fresh state, before the script's chunk.
     */
    installPrelude(L) {
        const chunk = (0,fengari/* to_luastring */.sz)(PRELUDE);
        if (fengari/* lauxlib */.Ac.luaL_loadbufferx(L, chunk, chunk.length, (0,fengari/* to_luastring */.sz)('=regkit prelude'), (0,fengari/* to_luastring */.sz)('t')) !== fengari/* lua */.fT.LUA_OK) {
            throw new Error(`regkit prelude does not compile: ${fengari/* lua */.fT.lua_tojsstring(L, -1)}`);
        }
        fengari/* lua */.fT.lua_pushlightuserdata(L, WAIT);
        fengari/* lua */.fT.lua_pushlightuserdata(L, ABORT);
        fengari/* lua */.fT.lua_pushcclosure(L, (L2) => {
            fengari/* lua */.fT.lua_pushboolean(L2, this.abortReason !== undefined);
            return 1;
        }, 0);
        if (fengari/* lua */.fT.lua_pcall(L, 3, 0, 0) !== fengari/* lua */.fT.LUA_OK)
            throw new Error(`regkit prelude failed: ${fengari/* lua */.fT.lua_tojsstring(L, -1)}`);
    }
}
function errorText(co) {
    const t = fengari/* lua */.fT.lua_type(co, -1);
    if (t === fengari/* lua */.fT.LUA_TSTRING || t === fengari/* lua */.fT.LUA_TNUMBER)
        return fengari/* lua */.fT.lua_tojsstring(co, -1);
    return `(error object is a ${t === fengari/* lua */.fT.LUA_TTABLE ? 'table' : t === fengari/* lua */.fT.LUA_TNIL ? 'nil' : 'non-string'} value)`;
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

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./build/src/oci/digest.js
var digest = __webpack_require__(6559);
;// CONCATENATED MODULE: ./build/src/prune/lua/context.js
// What every API table shares for one script run: options, the async bridge, the journal and the log lines.


class ApiContext {
    opts;
    bridge;
    journal;
    logs;
    constructor(opts, bridge, journal, logs) {
        this.opts = opts;
        this.bridge = bridge;
        this.journal = journal;
        this.logs = logs;
    }
    get dryRun() {
        return this.opts.dryRun;
    }
    storeFor(ref) {
        return this.opts.stores.storeFor(ref);
    }
    /** A Lua function running `start` asynchronously; a failure is raised at the script's line as "what: why". */
    asyncFunction(start) {
        return this.bridge.asyncFunction(start, (err) => (err instanceof Error ? err.message : String(err)));
    }
    /** The line of the script that called the running API function. */
    line(L) {
        const ar = new fengari/* lua */.fT.lua_Debug();
        if (!fengari/* lua */.fT.lua_getstack(L, 1, ar))
            return undefined;
        fengari/* lua */.fT.lua_getinfo(L, 'l', ar);
        return ar.currentline > 0 ? ar.currentline : undefined;
    }
    lineFields(L) {
        const line = this.line(L);
        return line === undefined ? {} : { line };
    }
    debug(message, fields = {}) {
        this.opts.logger.debug(message, { script: this.opts.name, ...fields });
    }
}
/** Prefixes a failure with the call and reference, as regbot's messages do (`tag.delete "reg/repo:tag": …`). */
function labelled(what, ref, work) {
    const name = typeof ref === 'string' ? ref : (0,reference/* formatReference */.FH)(ref);
    return work.catch((err) => {
        throw new Error(`${what} "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
    });
}

// EXTERNAL MODULE: ./build/src/copy/archive.js + 3 modules
var archive = __webpack_require__(4263);
;// CONCATENATED MODULE: ./build/src/prune/lua/handles.js
class ReferenceHandle {
    ref;
    constructor(ref) {
        this.ref = ref;
    }
}
/** A manifest as fetched (`parsed` set) or as seen by a HEAD request (descriptor only). */
class ManifestHandle {
    ref;
    digest;
    mediaType;
    size;
    parsed;
    rateLimit;
    constructor(ref, digest, mediaType, size, parsed, rateLimit) {
        this.ref = ref;
        this.digest = digest;
        this.mediaType = mediaType;
        this.size = size;
        this.parsed = parsed;
        this.rateLimit = rateLimit;
    }
}
class ConfigHandle {
    ref;
    manifest;
    config;
    bytes;
    constructor(ref, manifest, config, 
    /** The exact bytes fetched; absent once the script has exported an edited copy. */
    bytes) {
        this.ref = ref;
        this.manifest = manifest;
        this.config = config;
        this.bytes = bytes;
    }
}
/** Where a blob lives; its bytes are read only when it is put somewhere else. */
class BlobHandle {
    ref;
    digest;
    size;
    constructor(ref, digest, size) {
        this.ref = ref;
        this.digest = digest;
        this.size = size;
    }
}

;// CONCATENATED MODULE: ./build/src/prune/lua/userdata.js
// Userdata as regbot builds them (its sandbox `wrapUserData`): the userdata's own metatable has `__index` = a table
// of the object's fields (what the script reads and may edit before `:export()`), and that table's metatable
// `__index` = the type's methods. So `m.Config.Digest` reads a field and `m:delete()` finds a method.

const HANDLE = 'handle';
function pushTypeMetatable(L, type) {
    if (fengari/* lauxlib */.Ac.luaL_newmetatable(L, (0,fengari/* to_luastring */.sz)(type.name))) {
        fengari/* lua */.fT.lua_createtable(L, 0, Object.keys(type.methods).length);
        for (const [name, f] of Object.entries(type.methods)) {
            fengari/* lua */.fT.lua_pushcclosure(L, f, 0);
            fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)(name));
        }
        fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)('__index'));
        if (type.tostring) {
            fengari/* lua */.fT.lua_pushcclosure(L, type.tostring, 0);
            fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)('__tostring'));
        }
    }
}
/** Pushes a userdata carrying `handle`; with `fields`, readable as a table whose misses fall back to the methods. */
function pushUserdata(L, type, handle, fields) {
    const data = fengari/* lua */.fT.lua_newuserdata(L, 0);
    data[HANDLE] = handle;
    if (fields === undefined) {
        pushTypeMetatable(L, type);
        fengari/* lua */.fT.lua_setmetatable(L, -2);
        return;
    }
    fengari/* lua */.fT.lua_createtable(L, 0, 3);
    (0,fengari/* pushValue */.EK)(L, fields);
    pushTypeMetatable(L, type);
    fengari/* lua */.fT.lua_setmetatable(L, -2);
    // Assignments land in the fields table too (`m.Annotations = {...}` before `m:export()`); regbot refuses them.
    fengari/* lua */.fT.lua_pushvalue(L, -1);
    fengari/* lua */.fT.lua_setfield(L, -3, (0,fengari/* to_luastring */.sz)('__newindex'));
    fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)('__index'));
    if (type.tostring) {
        fengari/* lua */.fT.lua_pushcclosure(L, type.tostring, 0);
        fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)('__tostring'));
    }
    fengari/* lua */.fT.lua_setmetatable(L, -2);
}
/** The host object behind a userdata argument, when it is one of `cls`. */
function handleAt(L, idx, cls) {
    if (fengari/* lua */.fT.lua_type(L, idx) !== fengari/* lua */.fT.LUA_TUSERDATA)
        return undefined;
    const data = fengari/* lua */.fT.lua_touserdata(L, idx);
    const handle = data?.[HANDLE];
    return handle instanceof cls ? handle : undefined;
}
/** The fields table of a wrapped userdata (what the script may have edited), pushed on the stack; false if none. */
function pushFieldsOf(L, idx) {
    if (!fengari/* lua */.fT.lua_getmetatable(L, idx))
        return false;
    fengari/* lua */.fT.lua_getfield(L, -1, (0,fengari/* to_luastring */.sz)('__index'));
    fengari/* lua */.fT.lua_remove(L, -2);
    if (fengari/* lua */.fT.lua_type(L, -1) === fengari/* lua */.fT.LUA_TTABLE)
        return true;
    fengari/* lua */.fT.lua_pop(L, 1);
    return false;
}

;// CONCATENATED MODULE: ./build/src/prune/lua/api/reference.js
// `reference.new(s)` and the reference userdata (`:tag([t])`, `:digest([d])`, `:close()`, tostring), and how every
// API function reads a reference argument: a string, a reference, or a manifest or config (their reference).





function parseOrRaise(L, text, opts = {}) {
    try {
        return (0,reference/* parseReference */.F2)(text, opts);
    }
    catch (err) {
        return (0,fengari/* raise */.xl)(L, `reference parsing failed: ${err instanceof errors/* UsageError */.eb ? err.message : String(err)}`);
    }
}
/** The reference an argument names; raises a Lua argument error for anything else. */
function referenceArg(L, idx, opts = {}) {
    const t = fengari/* lua */.fT.lua_type(L, idx);
    if (t === fengari/* lua */.fT.LUA_TSTRING)
        return parseOrRaise(L, fengari/* lua */.fT.lua_tojsstring(L, idx), opts);
    const handle = handleAt(L, idx, ReferenceHandle) ?? handleAt(L, idx, ManifestHandle) ?? handleAt(L, idx, ConfigHandle);
    if (handle)
        return handle.ref;
    return (0,fengari/* raise */.xl)(L, `bad argument #${idx}: reference expected, got ${(0,fengari/* typeName */.go)(L, idx)}`);
}
function reference_self(L) {
    const h = handleAt(L, 1, ReferenceHandle);
    if (!h)
        return (0,fengari/* raise */.xl)(L, `bad argument #1: reference expected, got ${(0,fengari/* typeName */.go)(L, 1)} (call methods with ':')`);
    return h;
}
function refTag(L) {
    const h = reference_self(L);
    if (fengari/* lua */.fT.lua_gettop(L) >= 2) {
        const tag = fengari/* lua */.fT.lua_tojsstring(L, 2);
        if (!(0,reference/* isValidTag */.r_)(tag))
            return (0,fengari/* raise */.xl)(L, `invalid tag "${tag}": must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}`);
        h.ref = (0,reference/* withTag */.Rd)(h.ref, tag);
        return 0;
    }
    (0,fengari/* pushString */.ol)(L, h.ref.tag ?? '');
    return 1;
}
function refDigest(L) {
    const h = reference_self(L);
    if (fengari/* lua */.fT.lua_gettop(L) >= 2) {
        const digest = fengari/* lua */.fT.lua_tojsstring(L, 2);
        if (!(0,reference/* isValidDigest */.fH)(digest))
            return (0,fengari/* raise */.xl)(L, `invalid digest "${digest}": expected sha256:<64 hex> or sha512:<128 hex>`);
        h.ref = (0,reference/* withDigest */.hQ)(h.ref, digest);
        return 0;
    }
    (0,fengari/* pushString */.ol)(L, h.ref.digest ?? '');
    return 1;
}
function refClose() {
    return 0;
}
function refToString(L) {
    (0,fengari/* pushString */.ol)(L, (0,reference/* formatReference */.FH)(reference_self(L).ref));
    return 1;
}
const REFERENCE_TYPE = {
    name: 'regkit.reference',
    methods: { tag: refTag, digest: refDigest, close: refClose },
    tostring: refToString,
};
function pushReference(L, ref) {
    pushUserdata(L, REFERENCE_TYPE, new ReferenceHandle(ref));
}
function referenceNew(L) {
    const ref = referenceArg(L, 1);
    pushReference(L, ref);
    return 1;
}
/** The global `reference` table. */
function installReference(L) {
    fengari/* lua */.fT.lua_createtable(L, 0, 2);
    (0,fengari/* setFunction */.VN)(L, 'new', referenceNew);
    (0,fengari/* setFunction */.VN)(L, 'close', refClose);
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('reference'));
}

// EXTERNAL MODULE: ./build/src/oci/manifest.js
var manifest = __webpack_require__(2262);
// EXTERNAL MODULE: ./build/src/oci/platform.js
var oci_platform = __webpack_require__(3856);
;// CONCATENATED MODULE: ./build/src/prune/lua/manifest-fetch.js
// Fetching what the manifest and image tables hand to scripts: a manifest (resolved to one platform, as regbot's
// manifest.get does, or as stored), a HEAD-only descriptor, and an image config.






/** The manifest a reference names; with `platform`, an index is resolved to that platform's image manifest. */
async function fetchManifest(store, ref, platform) {
    const fetched = await store.getManifest(ref);
    const parsed = (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType);
    if (parsed.kind !== 'index' || platform === undefined) {
        return new ManifestHandle(ref, fetched.digest, parsed.mediaType || fetched.mediaType, fetched.size, parsed, fetched.rateLimit);
    }
    const child = (0,oci_platform/* selectPlatform */.md)(parsed.index.manifests, platform);
    if (!child) {
        const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [(0,oci_platform/* formatPlatform */.Bq)(d.platform)] : [])).join(', ');
        throw new Error(`no manifest for platform ${(0,oci_platform/* formatPlatform */.Bq)(platform)} in ${(0,reference/* formatReference */.FH)(ref)} (it has ${offered || 'no platforms'})`);
    }
    const resolved = await store.getManifest((0,reference/* withDigest */.hQ)(ref, child.digest));
    const childParsed = (0,manifest/* parseManifest */.N)(resolved.bytes, resolved.mediaType);
    return new ManifestHandle(ref, resolved.digest, childParsed.mediaType || resolved.mediaType, resolved.size, childParsed, fetched.rateLimit);
}
async function headManifest(store, ref) {
    const head = await store.headManifest(ref);
    if (!head) {
        throw new errors/* RegistryError */.gl('manifest not found', {
            status: 404,
            registry: ref.scheme === 'registry' ? ref.registry : ref.path,
            repository: ref.scheme === 'registry' ? ref.repository : undefined,
            operation: 'manifest-head',
        });
    }
    return new ManifestHandle(ref, head.digest, head.mediaType, head.size, undefined, head.rateLimit);
}
/** The image config of a manifest; an index or a HEAD-only manifest is first resolved to `platform`. */
async function fetchConfig(store, source, platform) {
    let m = source instanceof ManifestHandle ? source : await fetchManifest(store, source, platform);
    if (m.parsed?.kind !== 'image')
        m = await fetchManifest(store, (0,reference/* withDigest */.hQ)(m.ref, m.digest), platform);
    if (m.parsed?.kind !== 'image')
        throw new Error(`${(0,reference/* formatReference */.FH)(m.ref)} is not an image manifest (${m.mediaType}), so it has no config`);
    const desc = m.parsed.manifest.config;
    const stream = await store.getBlob(m.ref, desc);
    const chunks = [];
    let size = 0;
    for await (const chunk of stream) {
        size += chunk.length;
        // A config is a few KiB; a descriptor claiming more is refused rather than buffered.
        if (size > 16 * 1024 * 1024)
            throw new Error(`config ${desc.digest} is over 16 MiB`);
        chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    (0,digest/* verifyBytes */.RV)(bytes, desc.digest, `config of ${(0,reference/* formatReference */.FH)(m.ref)}`);
    const config = JSON.parse(bytes.toString('utf8'));
    return new ConfigHandle(m.ref, m, config, bytes);
}
function defaultPlatform(configured) {
    return configured ?? (0,oci_platform/* localPlatform */.hJ)();
}

;// CONCATENATED MODULE: ./build/src/prune/lua/regbot-shapes.js
const plain = { kind: 'plain' };
const time = { kind: 'time' };
const struct = (fields) => ({ kind: 'struct', fields: fields.map(([go, json, shape]) => ({ go, json, ...(shape ? { shape } : {}) })) });
const array = (of) => ({ kind: 'array', of });
const PLATFORM = struct([
    ['Architecture', 'architecture'],
    ['OS', 'os'],
    ['OSVersion', 'os.version'],
    ['OSFeatures', 'os.features'],
    ['Variant', 'variant'],
    ['Features', 'features'],
]);
const DESCRIPTOR = struct([
    ['MediaType', 'mediaType'],
    ['Digest', 'digest'],
    ['Size', 'size'],
    ['URLs', 'urls'],
    ['Annotations', 'annotations'],
    ['Data', 'data'],
    ['Platform', 'platform', PLATFORM],
    ['ArtifactType', 'artifactType'],
]);
const MANIFEST = struct([
    ['SchemaVersion', 'schemaVersion'],
    ['MediaType', 'mediaType'],
    ['ArtifactType', 'artifactType'],
    ['Config', 'config', DESCRIPTOR],
    ['Layers', 'layers', array(DESCRIPTOR)],
    ['Manifests', 'manifests', array(DESCRIPTOR)],
    ['Subject', 'subject', DESCRIPTOR],
    ['Annotations', 'annotations'],
]);
const HISTORY = struct([
    ['Created', 'created', time],
    ['CreatedBy', 'created_by'],
    ['Author', 'author'],
    ['Comment', 'comment'],
    ['EmptyLayer', 'empty_layer'],
]);
const IMAGE_CONFIG = struct([
    ['Created', 'created', time],
    ['Author', 'author'],
    ['Architecture', 'architecture'],
    ['OS', 'os'],
    ['OSVersion', 'os.version'],
    ['OSFeatures', 'os.features'],
    ['Variant', 'variant'],
    // The OCI image-spec's ImageConfig uses the Go names as JSON names (`Labels`, `Env`, ...).
    ['Config', 'config'],
    ['RootFS', 'rootfs', struct([['Type', 'type'], ['DiffIDs', 'diff_ids']])],
    ['History', 'history', array(HISTORY)],
]);
const GO_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})$/;
/** Go's time.Time.String() for an RFC 3339 timestamp, in the timestamp's own offset. */
function goTimeString(rfc3339) {
    const m = GO_TIME_RE.exec(rfc3339);
    if (!m)
        return rfc3339;
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const fraction = frac ? `.${frac.slice(0, 9).replace(/0+$/, '')}` : '';
    const utc = zone === 'Z' || zone === 'z';
    const offset = utc ? '+0000' : zone.replace(':', '');
    // A parsed offset has no zone name in Go, which then prints the offset again.
    return `${y}-${mo}-${d} ${h}:${mi}:${s}${fraction === '.' ? '' : fraction} ${offset} ${utc ? 'UTC' : offset}`;
}
/** The inverse of goTimeString, for configs a script edits and exports. */
function rfc3339FromGo(text) {
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ([+-])(\d{2})(\d{2}) \S+$/.exec(text);
    if (!m)
        return text;
    const [, date, clock, sign, hh, mm] = m;
    return `${date}T${clock}${sign === '+' && hh === '00' && mm === '00' ? 'Z' : `${sign}${hh}:${mm}`}`;
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** JSON → the table regbot shows: each known field under both names; unknown fields under their JSON name. */
function toRegbotShape(value, shape = plain) {
    if (value === null || value === undefined)
        return null;
    if (shape.kind === 'time')
        return typeof value === 'string' ? goTimeString(value) : null;
    if (shape.kind === 'array')
        return Array.isArray(value) ? value.map((v) => toRegbotShape(v, shape.of)) : null;
    if (shape.kind === 'struct' && isObject(value)) {
        const out = {};
        const known = new Set();
        for (const f of shape.fields) {
            known.add(f.json);
            if (!(f.json in value))
                continue;
            const converted = toRegbotShape(value[f.json], f.shape);
            out[f.go] = converted;
            out[f.json] = converted;
        }
        for (const [k, v] of Object.entries(value))
            if (!known.has(k))
                out[k] = toRegbotShape(v);
        return out;
    }
    if (Array.isArray(value))
        return value.map((v) => toRegbotShape(v));
    if (isObject(value))
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toRegbotShape(v)]));
    return value;
}
function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/** The edited table back to JSON. `original` decides, for each field, which of its two names the script changed. */
function fromRegbotShape(edited, original, shape = plain) {
    if (edited === null)
        return undefined;
    if (shape.kind === 'time')
        return typeof edited === 'string' ? rfc3339FromGo(edited) : edited;
    if (shape.kind === 'array') {
        if (!Array.isArray(edited))
            return edited;
        const orig = Array.isArray(original) ? original : [];
        return edited.map((v, i) => fromRegbotShape(v, orig[i], shape.of));
    }
    if (shape.kind === 'struct' && isObject(edited) && !Array.isArray(edited)) {
        const orig = isObject(original) ? original : {};
        const out = {};
        const names = new Set();
        for (const f of shape.fields) {
            names.add(f.go).add(f.json);
            const shown = toRegbotShape(orig[f.json], f.shape);
            const byGo = edited[f.go] ?? null;
            const byJson = edited[f.json] ?? null;
            const chosen = !same(byGo, shown) ? byGo : byJson;
            const value = fromRegbotShape(chosen, orig[f.json], f.shape);
            if (value !== undefined)
                out[f.json] = value;
        }
        for (const [k, v] of Object.entries(edited))
            if (!names.has(k) && v !== null)
                out[k] = v;
        return out;
    }
    return edited;
}
function descriptorFields(d) {
    return toRegbotShape({ mediaType: d.mediaType, digest: d.digest, size: d.size }, DESCRIPTOR);
}
function rateLimitFields(rl) {
    const v = { Remain: rl?.remaining ?? 0, Limit: rl?.limit ?? 0, Reset: rl?.reset ?? 0, Set: rl?.set ?? false, Policies: rl?.policies ?? [] };
    return { ...v, remain: v.Remain, limit: v.Limit, reset: v.Reset, set: v.Set, policies: v.Policies };
}

// EXTERNAL MODULE: ./build/src/oci/mediatypes.js
var mediatypes = __webpack_require__(3662);
;// CONCATENATED MODULE: ./build/src/prune/lua/safety.js
// Before a manifest is deleted by digest (which takes every tag on it): which tags that are not being deleted still
// need it, directly or as a child of an index they point at. Found by listing the repository's tags.



const CHECK_CONCURRENCY = 4;
/** Tags (other than `except` and tags this run already deleted or planned to) that still use `digest`. */
async function tagsUsingDigest(store, ref, digest, except, journal) {
    const repo = (0,reference/* repositoryOf */._M)(ref);
    const key = (0,reference/* repositoryKey */.Kq)(ref);
    const tags = (await store.listTags(repo)).filter((t) => !except.has(t) && !journal.isTagPlannedForDelete(key, t));
    const users = [];
    let next = 0;
    const worker = async () => {
        while (next < tags.length) {
            const tag = tags[next++];
            const head = await store.headManifest((0,reference/* withTag */.Rd)(repo, tag));
            if (!head)
                continue;
            if (head.digest === digest) {
                users.push(tag);
            }
            else if ((0,mediatypes/* isIndexMediaType */.$$)(head.mediaType)) {
                const fetched = await store.getManifest((0,reference/* withDigest */.hQ)(repo, head.digest));
                const parsed = (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType);
                if (parsed.kind === 'index' && parsed.index.manifests.some((d) => d.digest === digest))
                    users.push(`${tag} (through its index ${head.digest})`);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, tags.length) }, worker));
    return users.sort();
}

;// CONCATENATED MODULE: ./build/src/prune/lua/api/manifest.js
// The `manifest` table and manifest userdata: get, getList, head, descriptor, put, delete, and the methods
// `m:config()`, `m:descriptor()`, `m:delete()`, `m:export()`, `m:get()`, `m:head()`, `m:put(ref)`,
// `m:ratelimit()`, `m:ratelimitWait(...)`; `tostring(m)` is the manifest's JSON.












function manifestJson(m) {
    return m.parsed ? JSON.parse(Buffer.from(m.parsed.bytes).toString('utf8')) : { mediaType: m.mediaType, digest: m.digest, size: m.size };
}
/** `force` from an options table argument (`{force=true}`), for deletes that bypass the in-use check. */
function forceOption(L, idx) {
    if (fengari/* lua */.fT.lua_type(L, idx) !== fengari/* lua */.fT.LUA_TTABLE)
        return false;
    fengari/* lua */.fT.lua_getfield(L, idx, (0,fengari/* to_luastring */.sz)('force'));
    const force = fengari/* lua */.fT.lua_toboolean(L, -1);
    fengari/* lua */.fT.lua_pop(L, 1);
    return force;
}
/**
 * Deletes a manifest by digest after checking that no tag outside `ref`'s own still uses it (unless forced).
 * Shared by manifest.delete, m:delete() and image.delete.
 */
function deleteManifestCall(ctx, L, call, target, ref, force) {
    const entry = ctx.journal.record(call, { reference: (0,reference/* formatReference */.FH)(ref), ...ctx.lineFields(L) });
    const work = (async () => {
        try {
            const m = await target;
            entry.digest = m.digest;
            entry.reference = (0,reference/* formatReference */.FH)((0,reference/* withDigest */.hQ)(ref, m.digest));
            const store = ctx.storeFor(ref);
            if (!force) {
                const except = new Set(ref.tag !== undefined ? [ref.tag] : []);
                const users = await tagsUsingDigest(store, ref, m.digest, except, ctx.journal);
                if (users.length > 0) {
                    throw new Error(`refusing to delete ${m.digest}: still used by tag ${users.join(', ')}; delete those tags first, use tag.delete to remove one tag, or pass {force=true}`);
                }
            }
            ctx.opts.logger.info('Delete manifest', { script: ctx.opts.name, image: entry.reference, dryRun: ctx.dryRun });
            if (ctx.dryRun) {
                if (ref.tag !== undefined)
                    ctx.journal.planTagDelete((0,reference/* repositoryKey */.Kq)(ref), ref.tag);
                return;
            }
            await store.deleteManifest((0,reference/* withDigest */.hQ)(ref, m.digest));
            entry.executed = true;
        }
        catch (err) {
            entry.error = err instanceof Error ? err.message : String(err);
            throw err;
        }
    })();
    return { promise: labelled(call, ref, work), push: () => 0 };
}
function installManifest(L, ctx, configOf) {
    const platform = defaultPlatform(ctx.opts.platform);
    const manifestType = {
        name: 'regkit.manifest',
        methods: {},
        tostring: (L2) => {
            const m = handleAt(L2, 1, ManifestHandle);
            (0,fengari/* pushString */.ol)(L2, m ? JSON.stringify(manifestJson(m), null, 2) : 'manifest');
            return 1;
        },
    };
    // `config` is both a JSON field (the config descriptor) and a method; the field's table is made callable so
    // `m.config.digest` and `m:config()` both work.
    const callableConfig = (fields) => new fengari/* LuaPusher */.eV((L2) => {
        (0,fengari/* pushValue */.EK)(L2, fields);
        fengari/* lua */.fT.lua_createtable(L2, 0, 1);
        fengari/* lua */.fT.lua_pushcclosure(L2, (L3) => {
            fengari/* lua */.fT.lua_remove(L3, 1);
            return configOf(L3);
        }, 0);
        fengari/* lua */.fT.lua_setfield(L2, -2, (0,fengari/* to_luastring */.sz)('__call'));
        fengari/* lua */.fT.lua_setmetatable(L2, -2);
    });
    const fieldsOf = (m) => {
        if (!m.parsed)
            return descriptorFields(m);
        const fields = toRegbotShape(manifestJson(m), MANIFEST);
        if (fields['config'] !== undefined && fields['config'] !== null)
            fields['config'] = callableConfig(fields['config']);
        return fields;
    };
    const pushManifest = (L2, m) => pushUserdata(L2, manifestType, m, fieldsOf(m));
    const pushOne = (L2, m) => (pushManifest(L2, m), 1);
    /** A manifest argument, or a reference fetched (or HEADed) now. */
    const manifestArg = (L2, idx, fetch) => {
        const m = handleAt(L2, idx, ManifestHandle) ?? handleAt(L2, idx, ConfigHandle)?.manifest;
        if (m)
            return { ref: m.ref, handle: Promise.resolve(m) };
        const ref = referenceArg(L2, idx);
        const store = ctx.storeFor(ref);
        return { ref, handle: fetch === 'head' ? headManifest(store, ref) : fetchManifest(store, ref, undefined) };
    };
    const get = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        let want = platform;
        if (fengari/* lua */.fT.lua_type(L2, 2) === fengari/* lua */.fT.LUA_TSTRING) {
            try {
                want = (0,oci_platform/* parsePlatform */.Y8)(fengari/* lua */.fT.lua_tojsstring(L2, 2));
            }
            catch (err) {
                return (0,fengari/* raise */.xl)(L2, err.message);
            }
        }
        return { promise: labelled('manifest.get', ref, fetchManifest(ctx.storeFor(ref), ref, want)), push: pushOne };
    });
    const getList = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        return { promise: labelled('manifest.getList', ref, fetchManifest(ctx.storeFor(ref), ref, undefined)), push: pushOne };
    });
    const head = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        return { promise: labelled('manifest.head', ref, headManifest(ctx.storeFor(ref), ref)), push: pushOne };
    });
    const refetch = ctx.asyncFunction((L2) => {
        const { ref, handle } = manifestArg(L2, 1, 'head');
        return { promise: labelled('manifest.get', ref, handle.then((m) => fetchManifest(ctx.storeFor(ref), (0,reference/* withDigest */.hQ)(ref, m.digest), platform))), push: pushOne };
    });
    const descriptor = ctx.asyncFunction((L2) => {
        const { ref, handle } = manifestArg(L2, 1, 'head');
        return { promise: labelled('manifest.descriptor', ref, handle), push: (L3, m) => ((0,fengari/* pushValue */.EK)(L3, descriptorFields(m)), 1) };
    });
    const ratelimit = ctx.asyncFunction((L2) => {
        const { ref, handle } = manifestArg(L2, 1, 'head');
        return { promise: labelled('manifest.ratelimit', ref, handle), push: (L3, m) => ((0,fengari/* pushValue */.EK)(L3, rateLimitFields(m.rateLimit)), 1) };
    });
    const put = ctx.asyncFunction((L2) => {
        const m = handleAt(L2, 1, ManifestHandle);
        if (!m?.parsed)
            return (0,fengari/* raise */.xl)(L2, `bad argument #1: manifest expected (from manifest.get, getList or m:export()), got ${(0,fengari/* typeName */.go)(L2, 1)}`);
        const ref = referenceArg(L2, 2);
        const bytes = m.parsed.bytes;
        const entry = ctx.journal.record('manifest.put', { reference: (0,reference/* formatReference */.FH)(ref), digest: m.digest, ...ctx.lineFields(L2) });
        const work = (async () => {
            if (ctx.dryRun)
                return;
            try {
                await ctx.storeFor(ref).putManifest(ref, bytes, m.mediaType);
                entry.executed = true;
            }
            catch (err) {
                entry.error = err instanceof Error ? err.message : String(err);
                throw err;
            }
        })();
        return { promise: labelled('manifest.put', ref, work), push: () => 0 };
    });
    const del = ctx.asyncFunction((L2) => {
        const { ref, handle } = manifestArg(L2, 1, 'head');
        return deleteManifestCall(ctx, L2, 'manifest.delete', handle, ref, forceOption(L2, 2));
    });
    const exportManifest = (L2) => {
        const m = handleAt(L2, 1, ManifestHandle);
        if (!m?.parsed)
            return (0,fengari/* raise */.xl)(L2, `bad argument #1: manifest expected, got ${(0,fengari/* typeName */.go)(L2, 1)} (call methods with ':')`);
        if (!pushFieldsOf(L2, 1))
            return (0,fengari/* raise */.xl)(L2, 'manifest has no fields to export');
        let bytes;
        try {
            const json = fromRegbotShape((0,fengari/* readValue */.wK)(L2, -1), manifestJson(m), MANIFEST);
            bytes = Buffer.from(JSON.stringify(json));
        }
        catch (err) {
            return (0,fengari/* raise */.xl)(L2, `m:export() failed: ${err.message}`);
        }
        const parsed = (0,manifest/* parseManifest */.N)(bytes, m.mediaType);
        pushManifest(L2, new ManifestHandle(m.ref, (0,digest/* digestOf */.ol)(bytes), parsed.mediaType || m.mediaType, bytes.length, parsed, m.rateLimit));
        return 1;
    };
    manifestType.methods = {
        config: configOf,
        delete: del,
        descriptor,
        export: exportManifest,
        get: refetch,
        head,
        put,
        ratelimit,
    };
    fengari/* lua */.fT.lua_createtable(L, 0, 7);
    (0,fengari/* setFunction */.VN)(L, 'get', get);
    (0,fengari/* setFunction */.VN)(L, 'getList', getList);
    (0,fengari/* setFunction */.VN)(L, 'head', head);
    (0,fengari/* setFunction */.VN)(L, 'descriptor', descriptor);
    (0,fengari/* setFunction */.VN)(L, 'put', put);
    (0,fengari/* setFunction */.VN)(L, 'delete', del);
    (0,fengari/* setFunction */.VN)(L, 'config', configOf);
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('manifest'));
    return { get, getList, head, descriptor, put, delete: del, ratelimit, pushManifest, methods: manifestType.methods };
}

;// CONCATENATED MODULE: ./build/src/prune/lua/api/image.js
// The `image` table (config, copy, delete, manifest, manifestList, manifestHead, ratelimit, ratelimitWait,
// exportTar, importTar) and the config userdata (`c:export()`, tostring as JSON).










const DURATION_UNITS = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Go's time.ParseDuration (`5m`, `1h30m`, `500ms`) in milliseconds. */
function parseGoDuration(text) {
    const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
    let total = 0;
    let matched = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
        total += Number(m[1]) * DURATION_UNITS[m[2]];
        matched = re.lastIndex;
    }
    if (text === '' || matched !== text.length)
        throw new Error(`invalid duration "${text}": expected Go syntax such as 30s, 5m or 1h30m`);
    return total;
}
const CONFIG_TYPE = {
    name: 'regkit.imageconfig',
    methods: {},
    tostring: (L) => {
        const c = handleAt(L, 1, ConfigHandle);
        (0,fengari/* pushString */.ol)(L, c ? JSON.stringify(c.config, null, 2) : 'config');
        return 1;
    },
};
function pushConfig(L, c) {
    pushUserdata(L, CONFIG_TYPE, c, toRegbotShape(c.config, IMAGE_CONFIG));
}
function exportConfig(L) {
    const c = handleAt(L, 1, ConfigHandle);
    if (!c)
        return (0,fengari/* raise */.xl)(L, `bad argument #1: config expected, got ${(0,fengari/* typeName */.go)(L, 1)} (call methods with ':')`);
    if (!pushFieldsOf(L, 1))
        return (0,fengari/* raise */.xl)(L, 'config has no fields to export');
    let config;
    try {
        config = fromRegbotShape((0,fengari/* readValue */.wK)(L, -1), c.config, IMAGE_CONFIG);
    }
    catch (err) {
        return (0,fengari/* raise */.xl)(L, `c:export() failed: ${err.message}`);
    }
    pushConfig(L, new ConfigHandle(c.ref, c.manifest, config, undefined));
    return 1;
}
CONFIG_TYPE.methods = { export: exportConfig };
/** The bytes a config userdata stands for: as fetched, or the exported edit serialized. */
function configBytes(c) {
    return c.bytes ?? Buffer.from(JSON.stringify(c.config));
}
function copyOptions(L, idx) {
    if (fengari/* lua */.fT.lua_type(L, idx) !== fengari/* lua */.fT.LUA_TTABLE)
        return {};
    const v = (0,fengari/* readValue */.wK)(L, idx);
    const opts = {};
    if (v['digestTags'] === true)
        opts.digestTags = true;
    if (v['forceRecursive'] === true)
        opts.forceRecursive = true;
    if (v['includeExternal'] === true)
        opts.includeExternal = true;
    if (v['referrers'] === true)
        opts.referrers = true;
    if (v['fastCheck'] === true || v['fast'] === true)
        opts.fast = true;
    if (Array.isArray(v['platforms']))
        opts.platforms = v['platforms'].filter((p) => typeof p === 'string');
    return opts;
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
function installImage(L, ctx, manifest) {
    const platform = defaultPlatform(ctx.opts.platform);
    const archiveContext = { stores: ctx.opts.stores, logger: ctx.opts.logger };
    const config = ctx.asyncFunction((L2) => {
        const source = handleAt(L2, 1, ManifestHandle) ?? handleAt(L2, 1, ConfigHandle)?.manifest ?? referenceArg(L2, 1);
        const ref = source instanceof ManifestHandle ? source.ref : source;
        return { promise: labelled('image.config', ref, fetchConfig(ctx.storeFor(ref), source, platform)), push: (L3, c) => (pushConfig(L3, c), 1) };
    });
    const copy = ctx.asyncFunction((L2) => {
        const src = referenceArg(L2, 1);
        const dst = referenceArg(L2, 2);
        const opts = copyOptions(L2, 3);
        const entry = ctx.journal.record('image.copy', { reference: (0,reference/* formatReference */.FH)(dst), source: (0,reference/* formatReference */.FH)(src), ...ctx.lineFields(L2) });
        ctx.opts.logger.info('Copy image', { script: ctx.opts.name, source: entry.source, target: entry.reference, dryRun: ctx.dryRun });
        const work = (async () => {
            try {
                // In dry-run the engine plans (reads only), which also tells the journal what digest would land.
                const result = await ctx.opts.copy(src, dst, { ...opts, dryRun: ctx.dryRun });
                if (result.digest !== undefined)
                    entry.digest = result.digest;
                entry.executed = !ctx.dryRun;
            }
            catch (err) {
                entry.error = err instanceof Error ? err.message : String(err);
                throw err;
            }
        })();
        return { promise: labelled('image.copy', `${(0,reference/* formatReference */.FH)(src)}" to "${(0,reference/* formatReference */.FH)(dst)}`, work), push: () => 0 };
    });
    const del = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        return deleteManifestCall(ctx, L2, 'image.delete', headManifest(ctx.storeFor(ref), ref), ref, forceOption(L2, 2));
    });
    const ratelimitWait = ctx.asyncFunction((L2) => {
        const ref = handleAt(L2, 1, ManifestHandle)?.ref ?? referenceArg(L2, 1);
        const min = fengari/* lua */.fT.lua_tonumber(L2, 2);
        if (fengari/* lua */.fT.lua_type(L2, 2) !== fengari/* lua */.fT.LUA_TNUMBER)
            return (0,fengari/* raise */.xl)(L2, `bad argument #2: number expected, got ${(0,fengari/* typeName */.go)(L2, 2)}`);
        let pollMs;
        let timeoutMs;
        try {
            pollMs = parseGoDuration(fengari/* lua */.fT.lua_type(L2, 3) === fengari/* lua */.fT.LUA_TSTRING ? fengari/* lua */.fT.lua_tojsstring(L2, 3) : '5m');
            timeoutMs = parseGoDuration(fengari/* lua */.fT.lua_type(L2, 4) === fengari/* lua */.fT.LUA_TSTRING ? fengari/* lua */.fT.lua_tojsstring(L2, 4) : '6h');
        }
        catch (err) {
            return (0,fengari/* raise */.xl)(L2, err.message);
        }
        const store = ctx.storeFor(ref);
        const work = (async () => {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
                const head = await headManifest(store, ref);
                const rl = head.rateLimit;
                if (!rl?.set || (rl.remaining ?? 0) >= min)
                    return true;
                const left = deadline - Date.now();
                if (left <= 0)
                    return false;
                ctx.opts.logger.info('Delaying for ratelimit', { script: ctx.opts.name, image: (0,reference/* formatReference */.FH)(ref), current: rl.remaining, target: min, delayMs: pollMs });
                await sleep(Math.min(pollMs, left));
            }
        })();
        return { promise: labelled('image.ratelimitWait', ref, work), push: (L3, ok) => (fengari/* lua */.fT.lua_pushboolean(L3, ok), 1) };
    });
    const exportTar = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        if (fengari/* lua */.fT.lua_type(L2, 2) !== fengari/* lua */.fT.LUA_TSTRING)
            return (0,fengari/* raise */.xl)(L2, `bad argument #2: file name expected, got ${(0,fengari/* typeName */.go)(L2, 2)}`);
        const file = fengari/* lua */.fT.lua_tojsstring(L2, 2);
        return { promise: labelled('image.exportTar', ref, (0,archive/* exportImage */._)(archiveContext, ref, file)), push: () => 0 };
    });
    const importTar = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        if (fengari/* lua */.fT.lua_type(L2, 2) !== fengari/* lua */.fT.LUA_TSTRING)
            return (0,fengari/* raise */.xl)(L2, `bad argument #2: file name expected, got ${(0,fengari/* typeName */.go)(L2, 2)}`);
        const file = fengari/* lua */.fT.lua_tojsstring(L2, 2);
        const entry = ctx.journal.record('image.importTar', { reference: (0,reference/* formatReference */.FH)(ref), source: file, ...ctx.lineFields(L2) });
        const work = (async () => {
            try {
                const result = await (0,archive/* importImage */.J)(archiveContext, file, ref, { dryRun: ctx.dryRun });
                if (result.digest !== undefined)
                    entry.digest = result.digest;
                entry.executed = !ctx.dryRun;
            }
            catch (err) {
                entry.error = err instanceof Error ? err.message : String(err);
                throw err;
            }
        })();
        return { promise: labelled('image.importTar', ref, work), push: () => 0 };
    });
    manifest.methods['ratelimitWait'] = ratelimitWait;
    fengari/* lua */.fT.lua_createtable(L, 0, 12);
    (0,fengari/* setFunction */.VN)(L, 'config', config);
    (0,fengari/* setFunction */.VN)(L, 'copy', copy);
    (0,fengari/* setFunction */.VN)(L, 'delete', del);
    (0,fengari/* setFunction */.VN)(L, 'exportTar', exportTar);
    (0,fengari/* setFunction */.VN)(L, 'importTar', importTar);
    (0,fengari/* setFunction */.VN)(L, 'manifest', manifest.get);
    (0,fengari/* setFunction */.VN)(L, 'manifestHead', manifest.head);
    (0,fengari/* setFunction */.VN)(L, 'manifestList', manifest.getList);
    (0,fengari/* setFunction */.VN)(L, 'ratelimit', manifest.ratelimit);
    (0,fengari/* setFunction */.VN)(L, 'ratelimitWait', ratelimitWait);
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('image'));
    return config;
}

;// CONCATENATED MODULE: ./build/src/prune/lua/api/blob.js
// `blob.get(ref[, digest])`, `blob.head(ref[, digest])`, `blob.put(ref, content)` and the blob userdata
// (`b:get()`, `b:head()`, `b:put(ref)`). A blob userdata carries where the blob lives, not its bytes: `blob.put`
// of a blob streams it from there. regbot's `blob.put(ref, "text")` reads its first argument as the content (a
// bug); here the second argument is the content, as documented.











const OCTET_STREAM = 'application/octet-stream';
function installBlob(L, ctx) {
    const blobType = { name: 'regkit.blob', methods: {} };
    const pushBlob = (L2, b) => {
        pushUserdata(L2, blobType, b, descriptorFields({ mediaType: OCTET_STREAM, digest: b.digest, size: b.size }));
        return 1;
    };
    /** The reference and digest a get/head names: `(ref[, digest])`, or a blob userdata. */
    const target = (L2) => {
        const b = handleAt(L2, 1, BlobHandle);
        if (b)
            return { ref: b.ref, digest: b.digest };
        const ref = referenceArg(L2, 1);
        const digest = fengari/* lua */.fT.lua_type(L2, 2) === fengari/* lua */.fT.LUA_TSTRING ? fengari/* lua */.fT.lua_tojsstring(L2, 2) : ref.digest;
        if (digest === undefined || !(0,reference/* isValidDigest */.fH)(digest))
            return (0,fengari/* raise */.xl)(L2, `a blob digest is needed: pass it as argument 2 or in the reference (repo@sha256:...)`);
        return { ref, digest };
    };
    const headBlob = async (ref, digest) => {
        const size = await ctx.storeFor(ref).headBlob((0,reference/* repositoryOf */._M)(ref), digest);
        if (size === undefined) {
            throw new errors/* RegistryError */.gl(`blob ${digest} not found`, {
                status: 404,
                registry: ref.scheme === 'registry' ? ref.registry : ref.path,
                repository: ref.scheme === 'registry' ? ref.repository : undefined,
                operation: 'blob-head',
            });
        }
        return new BlobHandle(ref, digest, size);
    };
    // Both look the blob up with HEAD: content is only ever read when a blob is put somewhere else.
    const get = ctx.asyncFunction((L2) => {
        const { ref, digest } = target(L2);
        return { promise: labelled('blob.get', `${(0,reference/* formatReference */.FH)((0,reference/* repositoryOf */._M)(ref))}@${digest}`, headBlob(ref, digest)), push: pushBlob };
    });
    const head = get;
    const put = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        const repo = (0,reference/* repositoryOf */._M)(ref);
        const store = ctx.storeFor(ref);
        let content;
        const source = handleAt(L2, 2, BlobHandle);
        const config = handleAt(L2, 2, ConfigHandle);
        if (fengari/* lua */.fT.lua_type(L2, 2) === fengari/* lua */.fT.LUA_TSTRING || config) {
            const bytes = config ? configBytes(config) : Buffer.from(fengari/* lua */.fT.lua_tostring(L2, 2));
            content = async () => ({ digest: (0,digest/* digestOf */.ol)(bytes), size: bytes.length, stream: async () => external_node_stream_.Readable.from([Buffer.from(bytes)]) });
        }
        else if (source) {
            const desc = { mediaType: OCTET_STREAM, digest: source.digest, size: source.size };
            content = async () => ({
                ...desc,
                stream: async () => (await ctx.storeFor(source.ref).getBlob((0,reference/* repositoryOf */._M)(source.ref), desc)).pipe(new digest/* DigestVerifier */.Do(desc.digest, desc.size, `blob ${desc.digest}`)),
            });
        }
        else {
            return (0,fengari/* raise */.xl)(L2, `bad argument #2: blob content expected (a string, a blob or a config), got ${(0,fengari/* typeName */.go)(L2, 2)}`);
        }
        const entry = ctx.journal.record('blob.put', { reference: (0,reference/* formatReference */.FH)(repo), ...ctx.lineFields(L2) });
        const work = (async () => {
            try {
                const c = await content();
                entry.digest = c.digest;
                entry.reference = `${(0,reference/* formatReference */.FH)(repo)}@${c.digest}`;
                if (!ctx.dryRun && (await store.headBlob(repo, c.digest)) === undefined) {
                    await store.putBlob(repo, { mediaType: OCTET_STREAM, digest: c.digest, size: c.size }, await c.stream());
                }
                entry.executed = !ctx.dryRun;
                return c;
            }
            catch (err) {
                entry.error = err instanceof Error ? err.message : String(err);
                throw err;
            }
        })();
        return {
            promise: labelled('blob.put', repo, work),
            push: (L3, c) => {
                fengari/* lua */.fT.lua_pushstring(L3, (0,fengari/* to_luastring */.sz)(c.digest));
                fengari/* lua */.fT.lua_pushnumber(L3, c.size);
                return 2;
            },
        };
    });
    blobType.methods = { get, head, put: (L2) => {
            // `b:put(ref)` pushes this blob to ref: the arguments arrive as (blob, ref) and blob.put wants (ref, blob).
            fengari/* lua */.fT.lua_insert(L2, 1);
            fengari/* lua */.fT.lua_settop(L2, 2);
            return put(L2);
        } };
    fengari/* lua */.fT.lua_createtable(L, 0, 3);
    (0,fengari/* setFunction */.VN)(L, 'get', get);
    (0,fengari/* setFunction */.VN)(L, 'head', head);
    (0,fengari/* setFunction */.VN)(L, 'put', put);
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('blob'));
}

;// CONCATENATED MODULE: ./build/src/prune/lua/api/log.js

function installLog(L, ctx) {
    const emit = (L2, message) => {
        const where = ctx.lineFields(L2);
        ctx.logs.push({ message, ...where });
        ctx.opts.logger.info('User script message', { script: ctx.opts.name, message, ...where });
        return 0;
    };
    fengari/* lua */.fT.lua_getglobal(L, (0,fengari/* to_luastring */.sz)('_G'));
    (0,fengari/* setFunction */.VN)(L, 'log', (L2) => emit(L2, (0,fengari/* to_jsstring */.PA)(fengari/* lauxlib */.Ac.luaL_checkstring(L2, 1))));
    (0,fengari/* setFunction */.VN)(L, 'print', (L2) => {
        const parts = [];
        for (let i = 1; i <= fengari/* lua */.fT.lua_gettop(L2); i++) {
            parts.push((0,fengari/* to_jsstring */.PA)(fengari/* lauxlib */.Ac.luaL_tolstring(L2, i)));
            fengari/* lua */.fT.lua_pop(L2, 1);
        }
        return emit(L2, parts.join('\t'));
    });
    fengari/* lua */.fT.lua_pop(L, 1);
}

;// CONCATENATED MODULE: ./build/src/prune/lua/api/tag.js




function listOptions(L, idx) {
    if (fengari/* lua */.fT.lua_type(L, idx) <= fengari/* lua */.fT.LUA_TNIL)
        return {};
    if (fengari/* lua */.fT.lua_type(L, idx) !== fengari/* lua */.fT.LUA_TTABLE)
        return (0,fengari/* raise */.xl)(L, `bad argument #${idx}: options table {limit=, last=} expected`);
    const v = (0,fengari/* readValue */.wK)(L, idx);
    const opts = {};
    if (typeof v['limit'] === 'number' && v['limit'] > 0)
        opts.limit = Math.floor(v['limit']);
    if (typeof v['last'] === 'string' && v['last'] !== '')
        opts.last = v['last'];
    return opts;
}
function installTagAndRepo(L, ctx) {
    const repoLs = ctx.asyncFunction((L2) => {
        if (fengari/* lua */.fT.lua_type(L2, 1) !== fengari/* lua */.fT.LUA_TSTRING)
            (0,fengari/* raise */.xl)(L2, 'bad argument #1: expected registry name (host and optional port)');
        let host;
        try {
            host = (0,reference/* parseRegistryHost */.TZ)(fengari/* lua */.fT.lua_tojsstring(L2, 1));
        }
        catch (err) {
            return (0,fengari/* raise */.xl)(L2, err.message);
        }
        const opts = listOptions(L2, 2);
        ctx.debug('listing repositories', { host });
        // A registry reference only to find the host's store; the repository part is never used.
        const store = ctx.storeFor({ scheme: 'registry', registry: host, repository: 'library' });
        return { promise: labelled('repo.ls', host, store.listRepositories(opts)), push: (L3, repos) => ((0,fengari/* pushValue */.EK)(L3, repos), 1) };
    });
    const tagLs = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1, { repositoryOnly: true });
        const opts = listOptions(L2, 2);
        ctx.debug('listing tags', { repository: (0,reference/* repositoryKey */.Kq)(ref) });
        const promise = labelled('tag.ls', (0,reference/* repositoryOf */._M)(ref), ctx.storeFor(ref).listTags((0,reference/* repositoryOf */._M)(ref), opts));
        return { promise, push: (L3, tags) => ((0,fengari/* pushValue */.EK)(L3, tags), 1) };
    });
    const tagDelete = ctx.asyncFunction((L2) => {
        const ref = referenceArg(L2, 1);
        if (ref.tag === undefined)
            return (0,fengari/* raise */.xl)(L2, `tag.delete needs a reference with a tag, got "${(0,reference/* formatReference */.FH)(ref)}"`);
        const tag = ref.tag;
        const tagged = { ...(0,reference/* repositoryOf */._M)(ref), tag };
        const entry = ctx.journal.record('tag.delete', { reference: (0,reference/* formatReference */.FH)(tagged), ...ctx.lineFields(L2) });
        const store = ctx.storeFor(ref);
        const work = (async () => {
            try {
                const head = await store.headManifest(tagged);
                if (!head)
                    throw new Error('tag not found');
                entry.digest = head.digest;
                ctx.opts.logger.info('Delete tag', { script: ctx.opts.name, image: entry.reference, digest: head.digest, dryRun: ctx.dryRun });
                if (ctx.dryRun) {
                    ctx.journal.planTagDelete((0,reference/* repositoryKey */.Kq)(ref), tag);
                    return;
                }
                await store.deleteTag(tagged);
                entry.executed = true;
            }
            catch (err) {
                entry.error = err instanceof Error ? err.message : String(err);
                throw err;
            }
        })();
        return { promise: labelled('tag.delete', tagged, work), push: () => 0 };
    });
    fengari/* lua */.fT.lua_createtable(L, 0, 1);
    (0,fengari/* setFunction */.VN)(L, 'ls', repoLs);
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('repo'));
    fengari/* lua */.fT.lua_createtable(L, 0, 2);
    (0,fengari/* setFunction */.VN)(L, 'ls', tagLs);
    (0,fengari/* setFunction */.VN)(L, 'delete', tagDelete);
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('tag'));
}

;// CONCATENATED MODULE: ./build/src/prune/lua/os.js
// The `os` table scripts get: time, date, clock and difftime only. Written here rather than taken from fengari
// because fengari's os.time is a 32-bit integer, its os.date prints a leading "!" instead of switching to UTC, and
// the rest of its os table (execute, remove, rename, exit, getenv, tmpname) must not exist in a sandbox.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
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
    if (fengari/* lua */.fT.lua_type(L, idx) <= fengari/* lua */.fT.LUA_TNIL)
        return new Date();
    const t = fengari/* lauxlib */.Ac.luaL_checknumber(L, idx);
    if (!Number.isFinite(t))
        (0,fengari/* raise */.xl)(L, `bad argument #${idx} to 'date' (time out-of-bounds)`);
    return new Date(Math.floor(t) * 1000);
}
function osDate(L) {
    const format = fengari/* lua */.fT.lua_type(L, 1) <= fengari/* lua */.fT.LUA_TNIL ? '%c' : fengari/* lua */.fT.lua_tojsstring(L, 1);
    const date = timeArg(L, 2);
    const utc = format.startsWith('!');
    const body = utc ? format.slice(1) : format;
    if (body.startsWith('*t')) {
        const p = partsOf(date, utc);
        fengari/* lua */.fT.lua_createtable(L, 0, 9);
        for (const [k, v] of [['year', p.year], ['month', p.month], ['day', p.day], ['hour', p.hour], ['min', p.min], ['sec', p.sec], ['wday', p.wday], ['yday', p.yday]]) {
            fengari/* lua */.fT.lua_pushinteger(L, v);
            fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)(k));
        }
        fengari/* lua */.fT.lua_pushboolean(L, false);
        fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)('isdst'));
        return 1;
    }
    let text;
    try {
        text = strftime(body, date, utc);
    }
    catch (err) {
        return (0,fengari/* raise */.xl)(L, err.message);
    }
    (0,fengari/* pushString */.ol)(L, text);
    return 1;
}
function field(L, name, fallback) {
    fengari/* lua */.fT.lua_getfield(L, 1, (0,fengari/* to_luastring */.sz)(name));
    const present = fengari/* lua */.fT.lua_type(L, -1) === fengari/* lua */.fT.LUA_TNUMBER || fengari/* lua */.fT.lua_type(L, -1) === fengari/* lua */.fT.LUA_TSTRING;
    const value = present ? fengari/* lua */.fT.lua_tonumber(L, -1) : Number.NaN;
    fengari/* lua */.fT.lua_pop(L, 1);
    if (present && Number.isFinite(value))
        return Math.floor(value);
    if (fallback === undefined)
        (0,fengari/* raise */.xl)(L, `field '${name}' missing in date table`);
    return fallback;
}
/** Seconds since the epoch as a float: a 32-bit integer would wrap in 2038 and on any multiplication. */
function osTime(L) {
    if (fengari/* lua */.fT.lua_type(L, 1) <= fengari/* lua */.fT.LUA_TNIL) {
        fengari/* lua */.fT.lua_pushnumber(L, Math.floor(Date.now() / 1000));
        return 1;
    }
    fengari/* lauxlib */.Ac.luaL_checktype(L, 1, fengari/* lua */.fT.LUA_TTABLE);
    // Like C mktime: the fields are local time and may be out of range (day 32 is the 1st of next month).
    const date = new Date(field(L, 'year', undefined), field(L, 'month', undefined) - 1, field(L, 'day', undefined), field(L, 'hour', 12), field(L, 'min', 0), field(L, 'sec', 0));
    fengari/* lua */.fT.lua_pushnumber(L, Math.floor(date.getTime() / 1000));
    return 1;
}
function osClock(L) {
    const { user, system } = process.cpuUsage();
    fengari/* lua */.fT.lua_pushnumber(L, (user + system) / 1e6);
    return 1;
}
function osDifftime(L) {
    fengari/* lua */.fT.lua_pushnumber(L, fengari/* lauxlib */.Ac.luaL_checknumber(L, 1) - (fengari/* lua */.fT.lua_type(L, 2) <= fengari/* lua */.fT.LUA_TNIL ? 0 : fengari/* lauxlib */.Ac.luaL_checknumber(L, 2)));
    return 1;
}
/** Sets the global `os` to a table holding time, date, clock and difftime. */
function installOs(L) {
    fengari/* lua */.fT.lua_createtable(L, 0, 4);
    (0,fengari/* setFunction */.VN)(L, 'time', osTime);
    (0,fengari/* setFunction */.VN)(L, 'date', osDate);
    (0,fengari/* setFunction */.VN)(L, 'clock', osClock);
    (0,fengari/* setFunction */.VN)(L, 'difftime', osDifftime);
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('os'));
}

;// CONCATENATED MODULE: ./build/src/prune/lua/sandbox.js
// A fresh Lua state per script with only what a retention script needs: base (without dofile, loadfile, require
// and binary chunks), coroutine, table, string (without dump and pack), math, utf8 and a four-function os. No io, no
// debug, no package, and never fengari-interop's `js` library, which reaches every JavaScript global.
//
// Lua 5.1 compatibility (regbot runs gopher-lua, a Lua 5.1): global `unpack`, `loadstring` (text only),
// `table.getn`, `table.maxn`, `math.pow`, `math.mod`, `math.log10`, `math.ldexp`, `string.gfind`, and
// `string.format("%d", x)` accepting floats (5.1 truncates; 5.3 refuses a float without an exact integer value).
// Integral floats print without ".0" (LUA_COMPAT_FLOATSTRING, see lua-fengari-conf.ts), so `10/2` prints `5` as in 5.1.
// Remaining differences from 5.1: `math.type` exists and integers and floats are distinct subtypes (`3 // 2` is
// integer division, `string.format("%x", 2.5)` fails); integers are 32-bit in fengari (`2147483647 + 1` wraps), which
// is why every number the API hands over is a float; `setfenv`/`getfenv`/`module` do not exist; `#` on a table with
// holes may differ; `string.pack`/`unpack`/`dump` and `collectgarbage` beyond "count" are not available.
//
// Memory: fengari has no allocator hook, and one library call can allocate without bound between two instructions
// (`string.rep("x", 1e9)` took 19 s and 1 GB in regbot). The calls that build a result from a count are capped
// before they allocate: string.rep, table.concat and string.gsub check the size their result would have against the
// script's memory limit. String growth by `..` in a loop is stopped by the instruction-count clock check.


const DEFAULT_MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;
function tooLarge(L, fn, bytes, limit) {
    return (0,fengari/* raise */.xl)(L, `${fn} would build a string of ${Math.round(bytes)} bytes, over this script's memory limit of ${limit} bytes`);
}
/** Calls the original library function (upvalue 1) with the current arguments, returning all its results. */
function callOriginal(L) {
    const n = fengari/* lua */.fT.lua_gettop(L);
    fengari/* lua */.fT.lua_pushvalue(L, fengari/* lua */.fT.lua_upvalueindex(1));
    fengari/* lua */.fT.lua_insert(L, 1);
    fengari/* lua */.fT.lua_call(L, n, fengari/* lua */.fT.LUA_MULTRET);
    return fengari/* lua */.fT.lua_gettop(L);
}
function lengthAt(L, idx) {
    const t = fengari/* lua */.fT.lua_type(L, idx);
    if (t === fengari/* lua */.fT.LUA_TSTRING)
        return fengari/* lua */.fT.lua_rawlen(L, idx);
    if (t === fengari/* lua */.fT.LUA_TNUMBER)
        return 24;
    return 0;
}
function cappedRep(limit) {
    return (L) => {
        const s = fengari/* lua */.fT.lua_type(L, 1) === fengari/* lua */.fT.LUA_TSTRING || fengari/* lua */.fT.lua_type(L, 1) === fengari/* lua */.fT.LUA_TNUMBER ? lengthAt(L, 1) : 0;
        const n = fengari/* lua */.fT.lua_type(L, 2) === fengari/* lua */.fT.LUA_TNUMBER ? fengari/* lua */.fT.lua_tonumber(L, 2) : 0;
        const sep = fengari/* lua */.fT.lua_type(L, 3) <= fengari/* lua */.fT.LUA_TNIL ? 0 : lengthAt(L, 3);
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
        if (fengari/* lua */.fT.lua_type(L, 1) === fengari/* lua */.fT.LUA_TTABLE) {
            const sep = fengari/* lua */.fT.lua_type(L, 2) <= fengari/* lua */.fT.LUA_TNIL ? 0 : lengthAt(L, 2);
            const first = fengari/* lua */.fT.lua_type(L, 3) <= fengari/* lua */.fT.LUA_TNIL ? 1 : fengari/* lua */.fT.lua_tonumber(L, 3);
            const last = fengari/* lua */.fT.lua_type(L, 4) <= fengari/* lua */.fT.LUA_TNIL ? fengari/* lua */.fT.lua_rawlen(L, 1) : fengari/* lua */.fT.lua_tonumber(L, 4);
            let bytes = 0;
            for (let i = first; i <= last && bytes <= limit; i++) {
                fengari/* lua */.fT.lua_rawgeti(L, 1, i);
                bytes += lengthAt(L, -1) + (i > first ? sep : 0);
                fengari/* lua */.fT.lua_pop(L, 1);
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
        if (fengari/* lua */.fT.lua_type(L, 3) === fengari/* lua */.fT.LUA_TSTRING) {
            const repl = fengari/* lua */.fT.lua_tojsstring(L, 3);
            perMatch = repl.length + (repl.split('%').length - 1) * s;
        }
        else if (fengari/* lua */.fT.lua_type(L, 3) === fengari/* lua */.fT.LUA_TTABLE) {
            perMatch = 0;
            fengari/* lua */.fT.lua_pushnil(L);
            while (fengari/* lua */.fT.lua_next(L, 3)) {
                perMatch = Math.max(perMatch, lengthAt(L, -1));
                fengari/* lua */.fT.lua_pop(L, 1);
            }
        }
        if (perMatch !== undefined) {
            const maxN = fengari/* lua */.fT.lua_type(L, 4) === fengari/* lua */.fT.LUA_TNUMBER ? Math.max(0, fengari/* lua */.fT.lua_tonumber(L, 4)) : Number.POSITIVE_INFINITY;
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
    const n = fengari/* lua */.fT.lua_gettop(L);
    if (fengari/* lua */.fT.lua_type(L, 1) !== fengari/* lua */.fT.LUA_TSTRING)
        return callOriginal(L);
    const format = fengari/* lua */.fT.lua_tojsstring(L, 1);
    const floats = new Map();
    let arg = 1;
    const rewritten = format.replace(FORMAT_SPEC, (whole, flags, width, _precision, conv) => {
        if (conv === undefined)
            return whole;
        arg++;
        if ((conv === 'd' || conv === 'i') && fengari/* lua */.fT.lua_type(L, arg) === fengari/* lua */.fT.LUA_TNUMBER && !fengari/* lua */.fT.lua_isinteger(L, arg)) {
            const v = fengari/* lua */.fT.lua_tonumber(L, arg);
            if (Number.isFinite(v)) {
                floats.set(arg, Math.trunc(v));
                return `%${flags ?? ''}${width ?? ''}.0f`;
            }
        }
        return whole;
    });
    if (floats.size === 0)
        return callOriginal(L);
    fengari/* lua */.fT.lua_pushvalue(L, fengari/* lua */.fT.lua_upvalueindex(1));
    (0,fengari/* pushString */.ol)(L, rewritten);
    for (let i = 2; i <= n; i++) {
        const f = floats.get(i);
        if (f !== undefined)
            fengari/* lua */.fT.lua_pushnumber(L, f);
        else
            fengari/* lua */.fT.lua_pushvalue(L, i);
    }
    fengari/* lua */.fT.lua_call(L, n, 1);
    return 1;
}
/** Replaces `lib[name]` (the table at the top of the stack) with `wrapper`, which gets the original as upvalue 1. */
function wrapField(L, name, wrapper) {
    fengari/* lua */.fT.lua_getfield(L, -1, (0,fengari/* to_luastring */.sz)(name));
    fengari/* lua */.fT.lua_pushcclosure(L, wrapper, 1);
    fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)(name));
}
function removeFields(L, names) {
    for (const name of names) {
        fengari/* lua */.fT.lua_pushnil(L);
        fengari/* lua */.fT.lua_setfield(L, -2, (0,fengari/* to_luastring */.sz)(name));
    }
}
function collectGarbage(L) {
    const opt = fengari/* lua */.fT.lua_type(L, 1) <= fengari/* lua */.fT.LUA_TNIL ? 'collect' : fengari/* lua */.fT.lua_tojsstring(L, 1);
    if (opt !== 'count')
        return (0,fengari/* raise */.xl)(L, `collectgarbage("${opt}") is not available in regkit scripts; only "count" is`);
    const kb = process.memoryUsage().heapUsed / 1024;
    fengari/* lua */.fT.lua_pushnumber(L, kb);
    fengari/* lua */.fT.lua_pushnumber(L, 0);
    return 2;
}
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
function runChunk(L, source, name) {
    const chunk = (0,fengari/* to_luastring */.sz)(source);
    if (fengari/* lauxlib */.Ac.luaL_loadbufferx(L, chunk, chunk.length, (0,fengari/* to_luastring */.sz)(`=${name}`), (0,fengari/* to_luastring */.sz)('t')) !== fengari/* lua */.fT.LUA_OK || fengari/* lua */.fT.lua_pcall(L, 0, 0, 0) !== fengari/* lua */.fT.LUA_OK) {
        throw new Error(`${name} failed: ${fengari/* lua */.fT.lua_tojsstring(L, -1)}`);
    }
}
/** A new Lua state holding the sandboxed standard library; the API tables are added by the caller. */
function createSandbox(memoryLimitBytes = DEFAULT_MEMORY_LIMIT_BYTES) {
    const L = fengari/* lauxlib */.Ac.luaL_newstate();
    // A JavaScript exception inside a library call (a failed allocation, a bug) becomes a Lua error, not a crash.
    fengari/* lua */.fT.lua_atnativeerror(L, (L2) => {
        const e = fengari/* lua */.fT.lua_touserdata(L2, -1);
        (0,fengari/* pushString */.ol)(L2, `internal error: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
    });
    const libs = [
        ['_G', fengari/* lualib */.Mt.luaopen_base],
        ['coroutine', fengari/* lualib */.Mt.luaopen_coroutine],
        ['table', fengari/* lualib */.Mt.luaopen_table],
        ['string', fengari/* lualib */.Mt.luaopen_string],
        ['math', fengari/* lualib */.Mt.luaopen_math],
        ['utf8', fengari/* lualib */.Mt.luaopen_utf8],
    ];
    for (const [name, open] of libs) {
        fengari/* lauxlib */.Ac.luaL_requiref(L, (0,fengari/* to_luastring */.sz)(name), open, 1);
        fengari/* lua */.fT.lua_pop(L, 1);
    }
    fengari/* lua */.fT.lua_getglobal(L, (0,fengari/* to_luastring */.sz)('_G'));
    removeFields(L, ['dofile', 'loadfile', 'require', 'print']);
    (0,fengari/* setFunction */.VN)(L, 'collectgarbage', collectGarbage);
    fengari/* lua */.fT.lua_pop(L, 1);
    fengari/* lua */.fT.lua_getglobal(L, (0,fengari/* to_luastring */.sz)('string'));
    removeFields(L, ['dump', 'pack', 'packsize', 'unpack']);
    wrapField(L, 'rep', cappedRep(memoryLimitBytes));
    wrapField(L, 'gsub', cappedGsub(memoryLimitBytes));
    wrapField(L, 'format', compatFormat);
    fengari/* lua */.fT.lua_pop(L, 1);
    fengari/* lua */.fT.lua_getglobal(L, (0,fengari/* to_luastring */.sz)('table'));
    wrapField(L, 'concat', cappedConcat(memoryLimitBytes));
    fengari/* lua */.fT.lua_pop(L, 1);
    installOs(L);
    runChunk(L, COMPAT_PRELUDE, 'regkit compat');
    return L;
}

;// CONCATENATED MODULE: ./build/src/prune/lua/run.js
// Runs one regbot script: a fresh sandboxed state, the API tables, the chunk as a coroutine driven by the host
// loop, and a deadline enforced both inside Lua (an instruction-count hook reading the clock) and around each
// registry call. The script's error, with its name and line, ends that script only.











/** Instructions between two clock checks: frequent enough to stop within milliseconds, rare enough to cost nothing. */
const HOOK_INSTRUCTIONS = 1000;
function timeoutMessage(name, timeoutMs, line) {
    const where = line !== undefined && line > 0 ? `${name}:${line}: ` : '';
    return `${where}script "${name}" timed out after ${timeoutMs / 1000}s; raise its timeout or make it do less per run`;
}
function installApi(L, ctx) {
    installReference(L);
    installTagAndRepo(L, ctx);
    let configOf = () => 0;
    const manifest = installManifest(L, ctx, (L2) => configOf(L2));
    configOf = installImage(L, ctx, manifest);
    installBlob(L, ctx);
    installLog(L, ctx);
}
function withDeadline(deadline, name, timeoutMs) {
    return (p) => {
        const left = deadline - Date.now();
        if (left <= 0)
            return Promise.reject(new ScriptAbort(timeoutMessage(name, timeoutMs)));
        let timer;
        const expiry = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new ScriptAbort(timeoutMessage(name, timeoutMs))), left);
        });
        return Promise.race([p, expiry]).finally(() => clearTimeout(timer));
    };
}
async function runScript(opts, extensions = []) {
    const started = Date.now();
    const deadline = started + opts.timeoutMs;
    const journal = new Journal();
    const logs = [];
    const bridge = new AsyncBridge();
    const finish = (error) => ({
        name: opts.name,
        ok: error === undefined,
        ...(error !== undefined ? { error } : {}),
        journal: journal.entries,
        logs,
        durationMs: Date.now() - started,
    });
    let L;
    try {
        L = createSandbox(opts.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES);
        const ctx = new ApiContext(opts, bridge, journal, logs);
        installApi(L, ctx);
        for (const extend of extensions)
            extend(L, ctx);
        bridge.installPrelude(L);
    }
    catch (err) {
        return finish(`script "${opts.name}" could not start: ${err.message}`);
    }
    const co = fengari/* lua */.fT.lua_newthread(L);
    const source = (0,fengari/* to_luastring */.sz)(opts.source);
    // "=name" makes Lua's messages read `name:LINE: ...`, naming the script from the config.
    if (fengari/* lauxlib */.Ac.luaL_loadbufferx(co, source, source.length, (0,fengari/* to_luastring */.sz)(`=${opts.name}`), (0,fengari/* to_luastring */.sz)('t')) !== fengari/* lua */.fT.LUA_OK) {
        return finish(fengari/* lua */.fT.lua_tojsstring(co, -1));
    }
    fengari/* lua */.fT.lua_sethook(co, (L2) => {
        if (Date.now() <= deadline && bridge.aborted === undefined)
            return;
        const ar = new fengari/* lua */.fT.lua_Debug();
        const line = fengari/* lua */.fT.lua_getstack(L2, 0, ar) && fengari/* lua */.fT.lua_getinfo(L2, 'l', ar) ? ar.currentline : undefined;
        bridge.abort(L2, bridge.aborted ?? timeoutMessage(opts.name, opts.timeoutMs, line));
    }, fengari/* lua */.fT.LUA_MASKCOUNT, HOOK_INSTRUCTIONS);
    try {
        await bridge.drive(co, withDeadline(deadline, opts.name, opts.timeoutMs));
        return finish();
    }
    catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        opts.logger.error('Script failed', { script: opts.name, error: message });
        return finish(message);
    }
}

;// CONCATENATED MODULE: ./build/src/prune/plan/guard.js



/** The pattern protecting a tag, tried on the tag, `repository:tag` and the full reference. */
function protectedBy(patterns, ref, tag) {
    if (patterns.length === 0)
        return undefined;
    const full = (0,reference/* formatReference */.FH)((0,reference/* withTag */.Rd)((0,reference/* repositoryOf */._M)(ref), tag));
    const spellings = [tag, ref.scheme === 'registry' ? `${ref.repository}:${tag}` : full, full];
    return patterns.find((p) => spellings.some((s) => p.regex.test(s)));
}
class DeleteGuard {
    inner;
    protect;
    maxDeletes;
    /** Formatted references left in place, with the pattern that protected them. */
    protectedRefs = new Map();
    made = 0;
    wrapped = new Map();
    constructor(inner, protect, maxDeletes) {
        this.inner = inner;
        this.protect = protect;
        this.maxDeletes = maxDeletes;
    }
    /** The guarded StoreSource to hand to scripts and the plan applier. */
    stores = {
        storeFor: (ref) => {
            const store = this.inner.storeFor(ref);
            let guarded = this.wrapped.get(store);
            if (!guarded)
                this.wrapped.set(store, (guarded = new GuardedStore(store, this)));
            return guarded;
        },
    };
    /** Takes one delete from the budget; throws when `maxDeletes` is used up. */
    spend(ref) {
        if (this.maxDeletes !== undefined && this.made >= this.maxDeletes) {
            throw new Error(`not deleting ${(0,reference/* formatReference */.FH)(ref)}: this run already made ${this.made} deletes, the limit set by defaults.maxDeletes (${this.maxDeletes})`);
        }
        this.made++;
    }
    /** Records and returns true when the tag is protected. */
    holdsTag(ref, tag) {
        const p = protectedBy(this.protect, ref, tag);
        if (p)
            this.protectedRefs.set((0,reference/* formatReference */.FH)((0,reference/* withTag */.Rd)((0,reference/* repositoryOf */._M)(ref), tag)), p);
        return p !== undefined;
    }
}
class GuardedStore {
    store;
    guard;
    constructor(store, guard) {
        this.store = store;
        this.guard = guard;
    }
    get kind() {
        return this.store.kind;
    }
    async deleteTag(ref, current) {
        if (ref.tag !== undefined && this.guard.holdsTag(ref, ref.tag))
            return;
        this.guard.spend(ref);
        await this.store.deleteTag(ref, current);
    }
    /** A digest delete takes every tag on it: refused, and recorded, when any of them is protected. */
    async deleteManifest(ref) {
        if (this.guard.protect.length > 0 && ref.digest !== undefined) {
            const users = await tagsUsingDigest(this.store, ref, ref.digest, new Set(), new Journal());
            // tagsUsingDigest names a tag reaching the digest through an index as "tag (through its index …)".
            const held = users.map((u) => u.split(' ')[0]).filter((tag) => this.guard.holdsTag(ref, tag));
            if (held.length > 0) {
                this.guard.protectedRefs.set((0,reference/* formatReference */.FH)(ref), protectedBy(this.guard.protect, ref, held[0]));
                return;
            }
        }
        this.guard.spend(ref);
        await this.store.deleteManifest(ref);
    }
    headManifest(ref) {
        return this.store.headManifest(ref);
    }
    getManifest(ref) {
        return this.store.getManifest(ref);
    }
    putManifest(ref, bytes, mediaType) {
        return this.store.putManifest(ref, bytes, mediaType);
    }
    headBlob(repo, digest) {
        return this.store.headBlob(repo, digest);
    }
    getBlob(repo, desc) {
        return this.store.getBlob(repo, desc);
    }
    putBlob(repo, desc, content) {
        return this.store.putBlob(repo, desc, content);
    }
    mountBlob(repo, digest, from) {
        return this.store.mountBlob(repo, digest, from);
    }
    listTags(repo, opts) {
        return this.store.listTags(repo, opts);
    }
    listRepositories(opts) {
        return this.store.listRepositories(opts);
    }
    listReferrers(ref, opts) {
        return this.store.listReferrers(ref, opts);
    }
    close() {
        return this.store.close();
    }
}

// EXTERNAL MODULE: ./build/src/config/filters.js
var filters = __webpack_require__(1991);
// EXTERNAL MODULE: ./build/src/config/semver.js
var semver = __webpack_require__(3986);
// EXTERNAL MODULE: ./build/src/prune/policy/args.js
var args = __webpack_require__(3620);
;// CONCATENATED MODULE: ./build/src/prune/policy/date.js
// An image's date for the policies: the config's `created`, or a label holding an RFC 3339 date. A multi-platform
// index is dated by its first real platform's config (buildx attestation entries, `unknown/unknown`, are skipped):
// the platforms of one index are built together.




const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
function parseRfc3339(text) {
    if (!RFC3339.test(text))
        return undefined;
    const ms = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(ms) ? undefined : new Date(ms);
}
/** Reads the date of the image `ref` (a tag) points at. */
async function imageDate(store, ref, by) {
    const fetched = await store.getManifest(ref);
    const parsed = (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType);
    let source;
    let platform = { os: 'linux', architecture: 'amd64' };
    if (parsed.kind === 'index') {
        const child = parsed.index.manifests.find((d) => d.platform && d.platform.os !== 'unknown') ?? parsed.index.manifests[0];
        if (!child)
            return { digest: fetched.digest };
        source = (0,reference/* withDigest */.hQ)(ref, child.digest);
        if (child.platform)
            platform = child.platform;
    }
    else {
        source = new ManifestHandle((0,reference/* withDigest */.hQ)(ref, fetched.digest), fetched.digest, fetched.mediaType, fetched.size, parsed, undefined);
    }
    const { config } = await fetchConfig(store, source, platform);
    const text = by.kind === 'created' ? config.created : config.config?.Labels?.[by.label];
    if (typeof text !== 'string' || text === '')
        return { digest: fetched.digest };
    const date = parseRfc3339(text);
    return { digest: fetched.digest, text, ...(date ? { date } : {}) };
}

;// CONCATENATED MODULE: ./build/src/prune/policy/policy.js
// Planning the ready-made policies: which tags of a repository go. Reads only (tag list, manifests, configs);
// deleting is the caller's job, so the Lua table and the declarative `policies:` list plan with the same code and
// delete through their own paths (journal in Lua, the plan in the engine).
//
// Tags a policy cannot rank or date are kept, never deleted: under `sort: semver` a tag that is not a version, under
// `sort: created` or `olderThan` an image without a readable date.






/** Manifest and config reads at once while ranking or dating tags. */
const READ_CONCURRENCY = 4;
const DAY_MS = 86_400_000;
async function dateTags(store, call, tags, by) {
    const limit = (0,copy_limit/* createLimiter */.z)(READ_CONCURRENCY);
    return Promise.all(tags.map((tag) => limit(async () => ({ tag, info: await imageDate(store, (0,reference/* withTag */.Rd)(call.repo, tag), by) }))));
}
async function digestsOf(store, call, tags) {
    const limit = (0,copy_limit/* createLimiter */.z)(READ_CONCURRENCY);
    const heads = await Promise.all(tags.map((tag) => limit(async () => [tag, (await store.headManifest((0,reference/* withTag */.Rd)(call.repo, tag)))?.digest])));
    return new Map(heads.filter((h) => h[1] !== undefined));
}
/** The group a matching tag belongs to: a capture by name or number, or a `$1` / `${name}` template. */
function groupOf(policy, tag) {
    const group = policy.group;
    if (group === undefined)
        return '';
    const m = policy.match.regex.exec(tag);
    if (!m)
        return '';
    if (/^[0-9]+$/.test(group))
        return m[Number(group)] ?? '';
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(group))
        return m.groups?.[group] ?? '';
    // Go's regexp.Expand spellings (`${1}`, `${name}`) in JavaScript's replacement syntax.
    const template = group.replace(/\$\{([0-9]+)\}/g, '$$$1').replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$<$1>');
    return tag.replace(policy.match.regex, template);
}
async function planKeepLast(ctx, store, policy, tags) {
    const kept = [];
    let ranked = tags.filter((t) => policy.match.regex.test(t));
    if (policy.sort === 'semver') {
        const unversioned = ranked.filter((t) => !(0,semver/* parseSemver */.kf)(t));
        if (unversioned.length > 0)
            ctx.logger.debug('keepLast keeps tags that are not versions', { policy: (0,args/* describePolicy */.wy)(policy), tags: unversioned });
        kept.push(...unversioned);
        ranked = ranked.filter((t) => (0,semver/* parseSemver */.kf)(t));
    }
    const digests = new Map();
    const created = new Map();
    if (policy.sort === 'created') {
        for (const { tag, info } of await dateTags(store, policy, ranked, { kind: 'created' })) {
            digests.set(tag, info.digest);
            if (info.date)
                created.set(tag, info.date.getTime());
            else
                kept.push(tag);
        }
        ranked = ranked.filter((t) => created.has(t));
    }
    const groups = new Map();
    for (const tag of ranked) {
        const key = groupOf(policy, tag);
        groups.set(key, [...(groups.get(key) ?? []), tag]);
    }
    const doomed = [];
    for (const [group, members] of groups) {
        const newestFirst = policy.sort === 'created'
            ? [...members].sort((a, b) => created.get(b) - created.get(a) || (0,filters/* compareNewestFirst */.a0)('name', a, b))
            : [...members].sort((a, b) => (0,filters/* compareNewestFirst */.a0)(policy.sort === 'semver' ? 'semver' : 'name', a, b));
        kept.push(...newestFirst.slice(0, policy.keep));
        doomed.push(...newestFirst.slice(policy.keep).map((tag) => ({ tag, group })));
    }
    // In name order, whatever order the store lists them in: plans read the same on every backend.
    doomed.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    if (policy.sort !== 'created')
        for (const [t, d] of await digestsOf(store, policy, doomed.map((x) => x.tag)))
            digests.set(t, d);
    const inGroup = (g) => (policy.group === undefined ? '' : ` of group "${g}"`);
    const deletes = doomed.flatMap(({ tag, group }) => {
        const digest = digests.get(tag);
        // Gone between the listing and the HEAD: nothing to delete.
        if (digest === undefined)
            return [];
        return [{ ref: (0,reference/* withTag */.Rd)(policy.repo, tag), tag, digest, reason: `keepLast: not among the ${policy.keep} newest by ${policy.sort}${inGroup(group)}` }];
    });
    return { deletes, kept: kept.sort() };
}
async function planOlderThan(ctx, store, policy, tags) {
    const cutoff = (ctx.now ?? Date.now)() - policy.days * DAY_MS;
    const what = policy.by.kind === 'created' ? 'created' : `label ${policy.by.label}`;
    const kept = [];
    const deletes = [];
    for (const { tag, info } of await dateTags(store, policy, tags.filter((t) => policy.match.regex.test(t)), policy.by)) {
        if (!info.date) {
            ctx.logger.warn('olderThan keeps an image it cannot date', { policy: (0,args/* describePolicy */.wy)(policy), tag, [what]: info.text ?? null });
            kept.push(tag);
        }
        else if (info.date.getTime() < cutoff) {
            deletes.push({ ref: (0,reference/* withTag */.Rd)(policy.repo, tag), tag, digest: info.digest, reason: `olderThan: ${what} ${info.text}, more than ${policy.days} days ago` });
        }
        else {
            kept.push(tag);
        }
    }
    return { deletes, kept: kept.sort() };
}
/** The tags a policy would delete, with the digest each points at now. */
async function planPolicy(ctx, call) {
    const store = ctx.stores.storeFor(call.repo);
    const tags = await store.listTags((0,reference/* repositoryOf */._M)(call.repo));
    const plan = call.kind === 'keepLast' ? await planKeepLast(ctx, store, call, tags) : await planOlderThan(ctx, store, call, tags);
    ctx.logger.debug('policy planned', { policy: (0,args/* describePolicy */.wy)(call), deletes: plan.deletes.length, kept: plan.kept.length });
    return plan;
}

;// CONCATENATED MODULE: ./build/src/prune/policy/lua.js
// The `policy` table in Lua: `policy.keepLast{repo=, match=, group=, keep=, sort=}` and
// `policy.olderThan{repo=, match=, days=, by=}`. Each plans with the same code as the YAML `policies:` list, then
// deletes the planned tags as `tag.delete` does (journaled; in dry-run only planned). Returns two arrays of tag
// names: the deleted (or, in dry-run, would-be deleted) and the kept.




async function applyPolicy(ctx, call, line) {
    const plan = await planPolicy({ stores: ctx.opts.stores, logger: ctx.opts.logger }, call);
    const deleted = [];
    for (const d of plan.deletes) {
        const entry = ctx.journal.record('tag.delete', { reference: (0,reference/* formatReference */.FH)(d.ref), digest: d.digest, ...line });
        ctx.opts.logger.info('Delete tag', { script: ctx.opts.name, image: entry.reference, digest: d.digest, reason: d.reason, dryRun: ctx.dryRun });
        if (ctx.dryRun) {
            ctx.journal.planTagDelete((0,reference/* repositoryKey */.Kq)(d.ref), d.tag);
        }
        else {
            try {
                await ctx.storeFor(d.ref).deleteTag(d.ref);
                entry.executed = true;
            }
            catch (err) {
                entry.error = err instanceof Error ? err.message : String(err);
                throw new Error(`policy.${call.kind} could not delete "${entry.reference}": ${entry.error}`);
            }
        }
        deleted.push(d.tag);
    }
    return { deleted, kept: plan.kept };
}
function policyFunction(ctx, kind) {
    return ctx.asyncFunction((L) => {
        if (fengari/* lua */.fT.lua_type(L, 1) !== fengari/* lua */.fT.LUA_TTABLE)
            return (0,fengari/* raise */.xl)(L, `bad argument #1 to policy.${kind}: table expected, got ${(0,fengari/* typeName */.go)(L, 1)} (call it as policy.${kind}{repo=..., match=...})`);
        let call;
        try {
            call = (0,args/* parsePolicyCall */.mt)(kind, (0,fengari/* readValue */.wK)(L, 1));
        }
        catch (err) {
            return (0,fengari/* raise */.xl)(L, `policy.${err instanceof Error ? err.message : String(err)}`);
        }
        ctx.debug('running policy', { policy: (0,args/* describePolicy */.wy)(call) });
        return {
            promise: applyPolicy(ctx, call, ctx.lineFields(L)),
            push: (L2, out) => {
                (0,fengari/* pushValue */.EK)(L2, out.deleted);
                (0,fengari/* pushValue */.EK)(L2, out.kept);
                return 2;
            },
        };
    });
}
/** Registers the global `policy` table in a script's state. */
const installPolicy = (L, ctx) => {
    fengari/* lua */.fT.lua_createtable(L, 0, 2);
    (0,fengari/* setFunction */.VN)(L, 'keepLast', policyFunction(ctx, 'keepLast'));
    (0,fengari/* setFunction */.VN)(L, 'olderThan', policyFunction(ctx, 'olderThan'));
    fengari/* lua */.fT.lua_setglobal(L, (0,fengari/* to_luastring */.sz)('policy'));
};

;// CONCATENATED MODULE: ./build/src/prune/plan/build.js
// Building the plan: every script runs in dry-run (reads real, writes journaled), every declarative policy plans,
// then `protect` takes out what it holds and the total is checked against `maxDeletes`. Nothing is written here.






const DELETES = ['tag.delete', 'manifest.delete', 'image.delete'];
function isDelete(e) {
    return DELETES.includes(e.op);
}
function scriptReason(name, line) {
    return `script "${name}"${line !== undefined ? ` line ${line}` : ''}`;
}
/** Runs one script as it will run for real: the regbot API plus the `policy` table. */
function runBotScript(ctx, script, dryRun, stores) {
    return runScript({
        name: script.name,
        source: script.source,
        stores,
        logger: ctx.logger,
        dryRun,
        timeoutMs: script.timeoutSeconds * 1000,
        copy: ctx.copy,
        ...(ctx.platform ? { platform: ctx.platform } : {}),
    }, [installPolicy]);
}
function tagDeleteOf(e, reason) {
    const ref = (0,reference/* parseReference */.F2)(e.reference);
    return { reference: e.reference, ref, tag: ref.tag, digest: e.digest, reason, ...(e.line !== undefined ? { line: e.line } : {}) };
}
async function planScript(ctx, script) {
    const result = await runBotScript(ctx, script, true, ctx.stores);
    const writes = result.journal.filter((e) => e.error === undefined);
    const onlyTagDeletes = writes.every((e) => e.op === 'tag.delete');
    return {
        name: script.name,
        source: { kind: 'script', script },
        apply: onlyTagDeletes ? 'plan' : 'rerun',
        // A script that failed while planning applies none of its planned deletes; one that writes runs again anyway.
        deletes: onlyTagDeletes && result.error === undefined ? writes.map((e) => tagDeleteOf(e, scriptReason(script.name, e.line))) : [],
        journal: result.journal,
        protected: [],
        ...(result.error !== undefined ? { error: result.error } : {}),
    };
}
async function planDeclared(ctx, policy) {
    const unit = { name: policy.name, source: { kind: 'policy', policy }, apply: 'plan', deletes: [], journal: [], protected: [] };
    try {
        const plan = await planPolicy({ stores: ctx.stores, logger: ctx.logger, ...(ctx.now ? { now: ctx.now } : {}) }, policy.call);
        unit.deletes = plan.deletes.map((d) => ({ reference: (0,reference/* formatReference */.FH)(d.ref), ref: d.ref, tag: d.tag, digest: d.digest, reason: `${policy.name}: ${d.reason}` }));
    }
    catch (err) {
        unit.error = `policy "${policy.name}" failed: ${err instanceof Error ? err.message : String(err)}`;
        ctx.logger.error('Policy failed', { policy: policy.name, error: unit.error });
    }
    return unit;
}
/** Moves protected tag deletes out of the unit's plan; returns how many deletes remain. */
function applyProtect(config, unit) {
    const patterns = config.defaults.protect;
    if (unit.apply === 'plan') {
        unit.deletes = unit.deletes.filter((d) => {
            const p = protectedBy(patterns, d.ref, d.tag);
            if (p)
                unit.protected.push({ reference: d.reference, ref: d.ref, digest: d.digest, pattern: p.source });
            return !p;
        });
        return unit.deletes.length;
    }
    let count = 0;
    for (const e of unit.journal) {
        if (!isDelete(e) || e.error !== undefined)
            continue;
        const ref = e.op === 'tag.delete' ? (0,reference/* parseReference */.F2)(e.reference) : undefined;
        const p = ref?.tag !== undefined ? protectedBy(patterns, ref, ref.tag) : undefined;
        if (p && ref)
            unit.protected.push({ reference: e.reference, ref, ...(e.digest !== undefined ? { digest: e.digest } : {}), pattern: p.source });
        else
            count++;
    }
    return count;
}
async function buildPlan(ctx, config) {
    const limit = (0,copy_limit/* createLimiter */.z)(config.defaults.parallel);
    const scripts = await Promise.all(config.scripts.map((s) => limit(() => planScript(ctx, s))));
    const policies = [];
    for (const p of config.policies)
        policies.push(await planDeclared(ctx, p));
    const units = [...scripts, ...policies];
    const deleteCount = units.reduce((sum, u) => sum + applyProtect(config, u), 0);
    const max = config.defaults.maxDeletes;
    const plan = { units, deleteCount };
    if (max !== undefined && deleteCount > max) {
        plan.overLimit = `the plan deletes ${deleteCount} tags or images, over defaults.maxDeletes (${max}): nothing was deleted; check the plan (--dry-run), then raise maxDeletes or narrow the scripts and policies`;
    }
    return plan;
}

;// CONCATENATED MODULE: ./build/src/prune/plan/results.js
// The plan and its outcome in the one result model: would-delete / deleted / failed / excluded (protected), each
// with its digest and a reason naming the script (and line) or policy it came from.



function unitDetails(unit, line) {
    const at = line !== undefined ? { line } : {};
    return unit.source.kind === 'script' ? { kind: 'script', script: unit.name, ...at } : { kind: 'policy', policy: unit.name, ...at };
}
function deleteResult(unit, d, status, why) {
    return {
        op: 'tag-delete',
        status,
        target: (0,result/* imageAt */.t3)(d.ref),
        digest: d.digest,
        bytes: 0,
        reason: why === undefined ? d.reason : `${why} (${d.reason})`,
        details: unitDetails(unit, d.line),
    };
}
function protectedResult(unit, p) {
    return {
        op: 'tag-delete',
        status: 'excluded',
        target: (0,result/* imageAt */.t3)(p.ref),
        ...(p.digest !== undefined ? { digest: p.digest } : {}),
        bytes: 0,
        reason: `protected by defaults.protect "${p.pattern}" (${unit.source.kind} "${unit.name}")`,
        details: unitDetails(unit),
    };
}
function unitFailure(unit, error) {
    return { op: 'prune', status: 'failed', target: { kind: 'rule', name: unit.name }, bytes: 0, reason: error, details: unitDetails(unit) };
}
/** A script's journal as results; writes the guard held back become `excluded`. */
function scriptResults(unit, journal, held) {
    return journalToResults(unit.name, journal).map((r, i) => {
        const pattern = held.get(journal[i].reference);
        if (pattern !== undefined)
            return { ...r, status: 'excluded', reason: `protected by defaults.protect "${pattern}" (${scriptReason(unit.name, journal[i].line)})` };
        return r.reason === undefined ? { ...r, reason: scriptReason(unit.name, journal[i].line) } : r;
    });
}
/** What the plan would do: the whole report of a dry run, and what an aborted run shows. */
function planResults(units) {
    const out = [];
    for (const unit of units) {
        if (unit.apply === 'rerun') {
            const held = new Map(unit.protected.map((p) => [p.reference, p.pattern]));
            out.push(...scriptResults(unit, unit.journal, held));
        }
        else {
            out.push(...unit.deletes.map((d) => deleteResult(unit, d, 'would-delete')), ...unit.protected.map((p) => protectedResult(unit, p)));
        }
        if (unit.error !== undefined)
            out.push(unitFailure(unit, unit.error));
    }
    return out;
}

;// CONCATENATED MODULE: ./build/src/prune/plan/apply.js
// Applying a unit's planned tag deletes, at most `parallel` at once, through the guarded stores. Each tag is checked
// again first: one that now points at another digest than planned (re-pushed since) or is gone is left alone.


async function applyDelete(stores, guard, logger, unit, d) {
    try {
        const store = stores.storeFor(d.ref);
        const now = await store.headManifest(d.ref);
        if (!now)
            return deleteResult(unit, d, 'skipped', 'already gone');
        if (now.digest !== d.digest)
            return deleteResult(unit, d, 'skipped', `left alone: it now points at ${now.digest}, not the planned ${d.digest}`);
        await store.deleteTag(d.ref, now);
        if (guard.protectedRefs.has(d.reference))
            return deleteResult(unit, d, 'excluded', `protected by defaults.protect "${guard.protectedRefs.get(d.reference).source}"`);
        logger.info('Deleted tag', { [unit.source.kind]: unit.name, image: d.reference, digest: d.digest });
        return deleteResult(unit, d, 'deleted');
    }
    catch (err) {
        return deleteResult(unit, d, 'failed', err instanceof Error ? err.message : String(err));
    }
}
async function applyPlannedDeletes(stores, guard, logger, unit, parallel) {
    const limit = (0,copy_limit/* createLimiter */.z)(Math.max(1, parallel));
    return Promise.all(unit.deletes.map((d) => limit(() => applyDelete(stores, guard, logger, unit, d))));
}

;// CONCATENATED MODULE: ./build/src/prune/run.js




async function applyUnit(ctx, config, guard, unit) {
    if (unit.apply === 'plan') {
        if (unit.error !== undefined)
            return [unitFailure(unit, unit.error)];
        const applied = await applyPlannedDeletes(guard.stores, guard, ctx.logger, unit, config.defaults.parallel);
        return [...applied, ...unit.protected.map((p) => protectedResult(unit, p))];
    }
    if (unit.source.kind !== 'script')
        return [];
    if (unit.error !== undefined)
        ctx.logger.warn('Script failed in dry-run; running it for real, as it writes', { script: unit.name, error: unit.error });
    const real = await runBotScript(ctx, unit.source.script, false, guard.stores);
    const held = new Map([...guard.protectedRefs].map(([ref, p]) => [ref, p.source]));
    const out = scriptResults(unit, real.journal, held);
    if (real.error !== undefined)
        out.push(unitFailure(unit, real.error));
    return out;
}
async function runPrune(ctx, config, opts) {
    for (const w of config.warnings)
        ctx.logger.warn(w.message, { file: w.file, ...(w.line !== undefined ? { line: w.line } : {}) });
    const plan = await buildPlan(ctx, config);
    ctx.logger.info('Prune plan', { deletes: plan.deleteCount, units: plan.units.length, dryRun: opts.dryRun });
    if (opts.dryRun || plan.overLimit !== undefined) {
        const results = planResults(plan.units);
        if (plan.overLimit !== undefined)
            results.push({ op: 'prune', status: 'failed', target: { kind: 'file', path: config.file }, bytes: 0, reason: plan.overLimit });
        return { plan, results };
    }
    const guard = new DeleteGuard(ctx.stores, config.defaults.protect, config.defaults.maxDeletes);
    const results = [];
    for (const unit of plan.units)
        results.push(...(await applyUnit(ctx, config, guard, unit)));
    return { plan, results };
}


/***/ })

};
