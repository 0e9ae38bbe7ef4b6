export const id = 344;
export const ids = [344];
export const modules = {

/***/ 56344:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadBotConfig: () => (/* reexport */ loadBotConfig)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/config/cron.js
var cron = __webpack_require__(68982);
// EXTERNAL MODULE: ./build/src/config/creds.js
var config_creds = __webpack_require__(32709);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(99154);
// EXTERNAL MODULE: ./build/src/config/keys.js
var keys = __webpack_require__(44674);
// EXTERNAL MODULE: ./build/src/config/regex.js
var regex = __webpack_require__(62939);
// EXTERNAL MODULE: ./build/src/config/document.js + 1 modules
var config_document = __webpack_require__(24367);
// EXTERNAL MODULE: ./build/src/prune/lua/sandbox.js + 1 modules
var sandbox = __webpack_require__(66309);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./build/src/prune/lua/fengari.js + 2 modules
var fengari = __webpack_require__(51133);
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
var policy_args = __webpack_require__(33620);
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
    const item = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, where), ITEM_KEYS, where, 'every');
    const kinds = policy_args/* POLICY_KINDS */.vE.filter((k) => item.has(k));
    if (kinds.length !== 1) {
        throw yaml.error(node, `${where} needs exactly one of ${policy_args/* POLICY_KINDS */.vE.join(', ')}${kinds.length > 1 ? `, not both` : ''}`);
    }
    const kind = kinds[0];
    const body = item.get(kind);
    const argEntries = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(body.value, `${where}.${kind}`), policy_args/* POLICY_KEYS */.cN[kind], `${where}.${kind}`, 'every');
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
// Loads a regbot.yml: regclient's format (an unknown key is a warning with its position and the nearest valid key, an
// error under `strict`; `x-*` keys are the user's own), plus regkit's `defaults.protect`, `defaults.maxDeletes` and
// `policies:`.
// Every script is compiled at load, so a Lua syntax error is a config error (exit 2) naming the script and the
// file line. `loadBotConfig` is the entry.
//
// `protect` patterns are anchored regexes. Each is tried against three spellings of a tag about to be deleted: the
// tag alone (`latest`), `repository:tag` (`team/app:v1`) and the full reference (`registry.example.com/team/app:v1`);
// a match of any protects it. So `latest` protects every `latest`, `team/app:.*` every tag of one repository.










const TOP_KEYS = ['version', 'creds', 'defaults', 'scripts', 'policies'];
const DEFAULTS_KEYS = [
    'interval',
    'schedule',
    'parallel',
    'timeout',
    'blobLimit',
    'skipDockerConfig',
    'userAgent',
    'protect',
    'maxDeletes',
    'scriptMemory',
    'scriptFiles',
];
const SCRIPT_KEYS = ['name', 'script', 'interval', 'schedule', 'timeout'];
/** regbot expands the same creds templates as regsync except `registry`. */
const REGBOT_CREDS_TEMPLATES = config_creds/* REGSYNC_CREDS_TEMPLATES */.Qj.filter((f) => f !== 'registry');
const DEFAULT_BLOB_LIMIT = 1024 * 1024 * 1024;
/** A script with no timeout of its own or in `defaults`: long enough for a big retention run, short of a job's 6 h. */
const DEFAULT_SCRIPT_TIMEOUT_SECONDS = 3600;
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
    const interval = (0,keys/* presentEntry */.Ut)(yaml, f, 'interval');
    const sched = (0,keys/* presentEntry */.Ut)(yaml, f, 'schedule');
    const timeout = (0,keys/* presentEntry */.Ut)(yaml, f, 'timeout');
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
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults', ['protect', 'maxDeletes']);
    const num = (key, opts) => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, f, key);
        return e ? yaml.number(e.value, `defaults.${key}`, opts) : undefined;
    };
    const skip = (0,keys/* presentEntry */.Ut)(yaml, f, 'skipDockerConfig');
    const userAgent = (0,keys/* presentEntry */.Ut)(yaml, f, 'userAgent');
    const maxDeletes = num('maxDeletes', { integer: true, min: 0 });
    const scriptFiles = (0,keys/* presentEntry */.Ut)(yaml, f, 'scriptFiles');
    return {
        parallel: Math.max(1, num('parallel', { integer: true, min: 0 }) ?? 0),
        ...readTiming(yaml, f, 'defaults'),
        blobLimit: num('blobLimit', { integer: true, min: 0 }) || DEFAULT_BLOB_LIMIT,
        skipDockerConfig: skip ? yaml.bool(skip.value, 'defaults.skipDockerConfig') : false,
        ...(userAgent ? { userAgent: yaml.string(userAgent.value, 'defaults.userAgent') } : {}),
        protect: readProtect(yaml, f.get('protect')?.value ?? null),
        ...(maxDeletes !== undefined ? { maxDeletes } : {}),
        scriptMemoryMiB: num('scriptMemory', { integer: true, min: 16 }) ?? sandbox/* DEFAULT_SCRIPT_MEMORY_MIB */.r,
        ...(scriptFiles ? { scriptFiles: yaml.string(scriptFiles.value, 'defaults.scriptFiles') } : {}),
    };
}
function readScript(yaml, node, index, defaults) {
    const where = `scripts[${index}]`;
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, where), SCRIPT_KEYS, where);
    const name = yaml.string(f.get('name')?.value ?? null, `${where}.name`).trim();
    if (name === '')
        throw yaml.error(f.get('name')?.keyNode ?? node, `${where}.name is required: results and errors are reported under it`);
    const scriptEntry = (0,keys/* presentEntry */.Ut)(yaml, f, 'script');
    if (!scriptEntry)
        throw yaml.error(f.get('script')?.keyNode ?? node, `${where} ("${name}") has no script`);
    const source = yaml.string(scriptEntry.value, `${where}.script`);
    const syntax = checkLuaSyntax(source);
    if (syntax) {
        const line = fileLineOf(yaml, scriptEntry.value, syntax.line);
        throw new errors/* ConfigError */.xL(`script "${name}" does not compile (its line ${syntax.line}): ${syntax.message}`, { file: yaml.name, line });
    }
    const timing = readTiming(yaml, f, where);
    const firstLine = fileLineOf(yaml, scriptEntry.value, 1);
    const block = fileLineOf(yaml, scriptEntry.value, 2) !== firstLine;
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
        ...(block ? { luaLineOffset: firstLine - 1 } : {}),
    };
}
function checkUniqueNames(yaml, entries) {
    const seen = new Map();
    for (const e of entries) {
        const first = seen.get(e.name);
        if (first !== undefined)
            throw new errors/* ConfigError */.xL(`"${e.name}" is used twice (first on line ${first}): script and policy names must be unique, results are reported under them`, {
                file: yaml.name,
                line: e.line,
                column: e.column,
            });
        seen.set(e.name, e.line);
    }
}
/**
 * Reads and resolves a regbot config. `file` is a path, `-` for standard input, or `{ text, name }`. `env` feeds
 * `{{env}}` in creds (process.env when absent); `trust` is `untrusted` for a policy under review (see config/trust.ts). Throws ConfigError with file:line:column on anything unusable.
 */
function loadBotConfig(file, env, opts = {}) {
    const { yaml, top, run, trust } = (0,config_document/* openConfigDocument */.E)(file, TOP_KEYS, { ...opts, ...(env ? { env } : {}) });
    const creds = (0,config_creds/* readCreds */.sW)(yaml, top.get('creds')?.value ?? null, { templates: REGBOT_CREDS_TEMPLATES, run, trust });
    const defaults = readDefaults(yaml, top.get('defaults')?.value ?? null);
    const scripts = yaml.items(top.get('scripts')?.value ?? null, 'scripts').map((node, i) => readScript(yaml, node, i, defaults));
    const policies = readPolicies(yaml, top.get('policies')?.value ?? null);
    checkUniqueNames(yaml, [...scripts, ...policies]);
    return { file: yaml.name, version: 1, creds, defaults, scripts, policies, warnings: yaml.warnings };
}

;// CONCATENATED MODULE: ./build/src/command/prune-config.js
// regbot's config loader as the faces reach it through the command layer. The CLI imports it dynamically: its scripts
// bring the Lua engine, the largest part of the bundle, which only `prune` needs.



/***/ })

};
