export const id = 803;
export const ids = [803];
export const modules = {

/***/ 803:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadBotConfig: () => (/* reexport */ loadBotConfig),
  loadSyncConfig: () => (/* reexport */ load/* loadSyncConfig */.mw)
});

// EXTERNAL MODULE: ./build/src/sync/config/load.js + 2 modules
var load = __webpack_require__(8656);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./build/src/config/cron.js
var cron = __webpack_require__(8982);
// EXTERNAL MODULE: ./build/src/config/creds.js
var config_creds = __webpack_require__(2709);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(9154);
// EXTERNAL MODULE: ./build/src/config/keys.js
var keys = __webpack_require__(4674);
// EXTERNAL MODULE: ./build/src/config/regex.js
var regex = __webpack_require__(2939);
// EXTERNAL MODULE: ./build/src/config/document.js + 1 modules
var config_document = __webpack_require__(4367);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./build/src/prune/lua/fengari.js + 1 modules
var fengari = __webpack_require__(4649);
;// CONCATENATED MODULE: ./build/src/prune/config/script.js
// Compiles a script without running it, so a syntax error fails the config load (exit 2, a PR check) instead of a
// scheduled run, and maps the Lua line to the line of the YAML file it was written on.


/** Undefined when the script compiles. Only the parser runs: no library is opened and no code executes. */
function checkLuaSyntax(source) {
    const L = fengari/* lauxlib */.Ac.luaL_newstate();
    const chunk = (0,fengari/* to_luastring */.sz)(source);
    if (fengari/* lauxlib */.Ac.luaL_loadbufferx(L, chunk, chunk.length, (0,fengari/* to_luastring */.sz)('=script'), (0,fengari/* to_luastring */.sz)('t')) === fengari/* lua */.fT.LUA_OK)
        return undefined;
    const text = fengari/* lua */.fT.lua_tojsstring(L, -1);
    const m = /^script:(\d+): ([\s\S]*)$/.exec(text);
    return m ? { line: Number(m[1]), message: m[2] } : { line: 1, message: text };
}
/**
 * The file line holding line `luaLine` of a script value. Exact for block scalars (`script: |`), whose content
 * starts on the line after the indicator; for a flow scalar, the line where it starts.
 */
function fileLineOf(yaml, node, luaLine) {
    const n = yaml.resolve(node);
    const start = yaml.position(n).line;
    if (n && (0,dist/* isScalar */.jn)(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED'))
        return start + luaLine;
    return start;
}

// EXTERNAL MODULE: ./build/src/prune/policy/args.js
var policy_args = __webpack_require__(3620);
;// CONCATENATED MODULE: ./build/src/prune/config/policies.js
// The declarative `policies:` list of regbot.yml (regkit's own section):
//   policies:
//     - keepLast: {repo: registry.example.com/app, match: '(.+)-\d{8}', group: '$1', keep: 3, sort: name}
//     - name: old CI builds
//       olderThan: {repo: registry.example.com/app, match: 'ci-\d+', days: 30}
// Each argument goes through parsePolicyCall, the same check `policy.keepLast{...}` in Lua gets.



const ITEM_KEYS = ['name', ...policy_args/* POLICY_KINDS */.vE];
/** A policy argument as the Lua side would hand it over: a string, number or boolean. */
function plainValue(yaml, node, what) {
    const n = yaml.resolve(node);
    if (n === null)
        return undefined;
    if (!(0,dist/* isScalar */.jn)(n))
        throw yaml.error(n, `${what} must be a single value, not a list or mapping`);
    return n.value ?? undefined;
}
function readPolicy(yaml, node, index) {
    const where = `policies[${index}]`;
    const item = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, where), ITEM_KEYS, where);
    const kinds = policy_args/* POLICY_KINDS */.vE.filter((k) => item.has(k));
    if (kinds.length !== 1) {
        throw yaml.error(node, `${where} needs exactly one of ${policy_args/* POLICY_KINDS */.vE.join(', ')}${kinds.length > 1 ? `, not both` : ''}`);
    }
    const kind = kinds[0];
    const body = item.get(kind);
    const argEntries = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(body.value, `${where}.${kind}`), policy_args/* POLICY_KEYS */.cN[kind], `${where}.${kind}`);
    const args = {};
    for (const [key, e] of argEntries)
        args[key] = plainValue(yaml, e.value, `${where}.${kind}.${key}`);
    let call;
    try {
        call = (0,policy_args/* parsePolicyCall */.mt)(kind, args);
    }
    catch (err) {
        if (!(err instanceof policy_args/* PolicyArgError */.jZ))
            throw err;
        const at = err.key !== undefined ? argEntries.get(err.key) : undefined;
        throw yaml.error(at ? at.value : body.keyNode, `${where}.${err.message}`);
    }
    const nameEntry = item.get('name');
    const given = nameEntry ? yaml.string(nameEntry.value, `${where}.name`).trim() : '';
    const pos = yaml.position(body.keyNode);
    return { index, name: given !== '' ? given : `${where} ${kind}`, call, file: yaml.name, ...pos };
}
function readPolicies(yaml, node) {
    return yaml.items(node, 'policies').map((item, i) => readPolicy(yaml, item, i));
}

;// CONCATENATED MODULE: ./build/src/prune/config/load.js
// Loads a regbot.yml: regclient's format read strictly (unknown keys are errors with their position and the nearest
// valid key; `x-*` keys are the user's own), plus regkit's `defaults.protect`, `defaults.maxDeletes` and `policies:`.
// Every script is compiled at load, so a Lua syntax error is a config error (exit 2) naming the script and the
// file line. `loadBotConfig` is the entry.
//
// `protect` patterns are anchored regexes. Each is tried against three spellings of a tag about to be deleted: the
// tag alone (`latest`), `repository:tag` (`team/app:v1`) and the full reference (`registry.example.com/team/app:v1`);
// a match of any protects it. So `latest` protects every `latest`, `team/app:.*` every tag of one repository.









const TOP_KEYS = ['version', 'creds', 'defaults', 'scripts', 'policies'];
const DEFAULTS_KEYS = ['interval', 'schedule', 'parallel', 'timeout', 'blobLimit', 'skipDockerConfig', 'userAgent', 'protect', 'maxDeletes'];
const SCRIPT_KEYS = ['name', 'script', 'interval', 'schedule', 'timeout'];
/** regbot expands the same creds templates as regsync except `registry`. */
const REGBOT_CREDS_TEMPLATES = config_creds/* REGSYNC_CREDS_TEMPLATES */.Qj.filter((f) => f !== 'registry');
const DEFAULT_BLOB_LIMIT = 1024 * 1024 * 1024;
/** A script with no timeout of its own or in `defaults`: long enough for a big retention run, short of a job's 6 h. */
const DEFAULT_SCRIPT_TIMEOUT_SECONDS = 3600;
function present(yaml, f, key) {
    const e = f.get(key);
    return e && !yaml.isEmpty(e.value) ? e : undefined;
}
function load_duration(yaml, node, what) {
    try {
        const seconds = (0,duration/* parseGoDuration */.Q)(yaml.string(node, what));
        if (seconds < 0)
            throw new Error('it is negative');
        return seconds;
    }
    catch (err) {
        throw yaml.error(node, `${what}: ${err.message}`);
    }
}
function schedule(yaml, node, what) {
    const s = yaml.string(node, what);
    try {
        (0,cron/* validateCron */.J)(s);
    }
    catch (err) {
        throw yaml.error(node, `${what}: ${err.message}`);
    }
    return s;
}
/** interval, schedule and timeout: the keys a script shares with `defaults`. */
function readTiming(yaml, f, where) {
    const interval = present(yaml, f, 'interval');
    const sched = present(yaml, f, 'schedule');
    const timeout = present(yaml, f, 'timeout');
    return {
        ...(interval ? { intervalSeconds: load_duration(yaml, interval.value, `${where}.interval`) } : {}),
        ...(sched ? { schedule: schedule(yaml, sched.value, `${where}.schedule`) } : {}),
        ...(timeout ? { timeoutSeconds: load_duration(yaml, timeout.value, `${where}.timeout`) } : {}),
    };
}
function readProtect(yaml, node) {
    return yaml.items(node, 'defaults.protect').map((item, i) => {
        const source = yaml.string(item, `defaults.protect[${i}]`);
        try {
            return { source, regex: (0,regex/* compileAnchoredRegex */.d)(source) };
        }
        catch (err) {
            throw yaml.error(item, `defaults.protect[${i}]: ${err.message}`);
        }
    });
}
function readDefaults(yaml, node) {
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults');
    const num = (key, opts) => {
        const e = present(yaml, f, key);
        return e ? yaml.number(e.value, `defaults.${key}`, opts) : undefined;
    };
    const skip = present(yaml, f, 'skipDockerConfig');
    const userAgent = present(yaml, f, 'userAgent');
    const maxDeletes = num('maxDeletes', { integer: true, min: 0 });
    return {
        parallel: Math.max(1, num('parallel', { integer: true, min: 0 }) ?? 0),
        ...readTiming(yaml, f, 'defaults'),
        blobLimit: num('blobLimit', { integer: true, min: 0 }) || DEFAULT_BLOB_LIMIT,
        skipDockerConfig: skip ? yaml.bool(skip.value, 'defaults.skipDockerConfig') : false,
        ...(userAgent ? { userAgent: yaml.string(userAgent.value, 'defaults.userAgent') } : {}),
        protect: readProtect(yaml, f.get('protect')?.value ?? null),
        ...(maxDeletes !== undefined ? { maxDeletes } : {}),
    };
}
function readScript(yaml, node, index, defaults) {
    const where = `scripts[${index}]`;
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, where), SCRIPT_KEYS, where);
    const name = yaml.string(f.get('name')?.value ?? null, `${where}.name`).trim();
    if (name === '')
        throw yaml.error(f.get('name')?.keyNode ?? node, `${where}.name is required: results and errors are reported under it`);
    const scriptEntry = present(yaml, f, 'script');
    if (!scriptEntry)
        throw yaml.error(f.get('script')?.keyNode ?? node, `${where} ("${name}") has no script`);
    const source = yaml.string(scriptEntry.value, `${where}.script`);
    const syntax = checkLuaSyntax(source);
    if (syntax) {
        const line = fileLineOf(yaml, scriptEntry.value, syntax.line);
        throw new errors/* ConfigError */.xL(`script "${name}" does not compile (its line ${syntax.line}): ${syntax.message}`, { file: yaml.name, line });
    }
    const timing = readTiming(yaml, f, where);
    const pos = yaml.position(node);
    const intervalSeconds = timing.intervalSeconds ?? (timing.schedule === undefined ? defaults.intervalSeconds : undefined);
    const sched = timing.schedule ?? (timing.intervalSeconds === undefined ? defaults.schedule : undefined);
    return {
        index,
        name,
        source,
        file: yaml.name,
        ...pos,
        ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
        ...(sched !== undefined ? { schedule: sched } : {}),
        timeoutSeconds: timing.timeoutSeconds || defaults.timeoutSeconds || DEFAULT_SCRIPT_TIMEOUT_SECONDS,
    };
}
function checkUniqueNames(yaml, entries) {
    const seen = new Map();
    for (const e of entries) {
        const first = seen.get(e.name);
        if (first !== undefined)
            throw new errors/* ConfigError */.xL(`"${e.name}" is used twice (first on line ${first}): script and policy names must be unique, results are reported under them`, { file: yaml.name, line: e.line, column: e.column });
        seen.set(e.name, e.line);
    }
}
/**
 * Reads and resolves a regbot config. `file` is a path, `-` for standard input, or `{ text, name }`. `env` feeds
 * `{{env}}` in creds (process.env when absent). Throws ConfigError with file:line:column on anything unusable.
 */
function loadBotConfig(file, env) {
    const { yaml, top, run } = (0,config_document/* openConfigDocument */.E)(file, TOP_KEYS, env);
    const creds = (0,config_creds/* readCreds */.sW)(yaml, top.get('creds')?.value ?? null, { templates: REGBOT_CREDS_TEMPLATES, run });
    const defaults = readDefaults(yaml, top.get('defaults')?.value ?? null);
    const scripts = yaml.items(top.get('scripts')?.value ?? null, 'scripts').map((node, i) => readScript(yaml, node, i, defaults));
    const policies = readPolicies(yaml, top.get('policies')?.value ?? null);
    checkUniqueNames(yaml, [...scripts, ...policies]);
    return { file: yaml.name, version: 1, creds, defaults, scripts, policies, warnings: yaml.warnings };
}

;// CONCATENATED MODULE: ./build/src/command/configs.js
// The config loaders both faces reach through the command layer: regsync's for `sync`, regbot's for `prune`.
// The CLI imports this module dynamically, so a command that reads no config never loads YAML, templates or Lua.




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


/***/ })

};
