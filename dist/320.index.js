export const id = 320;
export const ids = [320];
export const modules = {

/***/ 32709:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qj: () => (/* binding */ REGSYNC_CREDS_TEMPLATES),
/* harmony export */   sW: () => (/* binding */ readCreds)
/* harmony export */ });
/* unused harmony export CREDS_KEYS */
/* harmony import */ var _hostconfig_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73794);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(44674);
/* harmony import */ var _template_field_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(72133);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99154);
/* harmony import */ var _trust_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90170);
// `creds[]` entries (regclient's config.Host), shared by the regsync and regbot loaders. Template fields are
// expanded at load with no data, as regclient does; which fields are templates differs between the two tools.





/** regsync expands all of these; regbot all but `registry`. */
const REGSYNC_CREDS_TEMPLATES = ['registry', 'user', 'pass', 'regcert', 'clientCert', 'clientKey'];
const CREDS_KEYS = [
    'registry',
    'hostname',
    'user',
    'pass',
    'token',
    'credHelper',
    'credExpire',
    'credHost',
    'tls',
    'regcert',
    'clientCert',
    'clientKey',
    'pathPrefix',
    'mirrors',
    'priority',
    'repoAuth',
    'apiOpts',
    'blobChunk',
    'blobMax',
    'reqPerSec',
    'reqConcurrent',
    // Older regclient releases spelled these in lower case.
    'clientcert',
    'clientkey',
    // Deprecated in regclient, still found in configs: read and reported (`api: github`/`dockerhub` are regkit's own).
    'scheme',
    'api',
    'dns',
];
const TLS_MODES = ['enabled', 'insecure', 'disabled'];
function readEntry(yaml, node, where, opts) {
    const fields = (0,_keys_js__WEBPACK_IMPORTED_MODULE_3__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, where), CREDS_KEYS, where);
    // Refused keys are dropped unread (a template in them never runs) and the run says so, so that a policy whose
    // production creds read `{{file "/var/run/secrets/…"}}` is still checked, with the trusted side's credentials.
    if (opts.trust.kind === 'untrusted') {
        for (const [key, field] of fields) {
            if (!_trust_js__WEBPACK_IMPORTED_MODULE_2__/* .CREDS_KEYS_REFUSED_UNDER_REVIEW */ .eV.includes(key))
                continue;
            yaml.warn(field.keyNode, `${where}.${key} refused: ${_trust_js__WEBPACK_IMPORTED_MODULE_2__/* .UNTRUSTED_CONFIG_REASON */ .vh}; a creds entry under review may set neither credentials nor where a registry's traffic goes`);
            fields.delete(key);
        }
    }
    const value = (key) => fields.get(key)?.value ?? null;
    const has = (key) => fields.has(key) && !yaml.isEmpty(value(key));
    const text = (key, templateAs) => {
        const raw = yaml.string(value(key), `${where}.${key}`);
        if (!templateAs || !opts.templates.includes(templateAs))
            return raw;
        return (0,_template_field_js__WEBPACK_IMPORTED_MODULE_0__/* .expandField */ .r)(yaml, value(key), raw, `${where}.${key}`, null, opts.run);
    };
    const registry = text('registry', 'registry').trim();
    if (registry === '')
        throw yaml.error(fields.get('registry')?.keyNode ?? node, `${where}.registry is required: the registry name as used in references (docker.io for Docker Hub)`);
    const entry = { registry };
    const setText = (key, templateAs) => {
        if (!has(key))
            return;
        const v = text(key, templateAs);
        if (v !== '')
            entry[key] = v;
    };
    setText('hostname');
    setText('user', 'user');
    setText('pass', 'pass');
    setText('token');
    setText('credHelper');
    setText('credHost');
    if (entry.user !== undefined || entry.token !== undefined || entry.credHelper !== undefined) {
        const at = yaml.position(fields.get(entry.user !== undefined ? 'user' : entry.token !== undefined ? 'token' : 'credHelper')?.keyNode);
        entry.credsFrom = `${yaml.name}:${at.line}:${at.column} (${where})`;
    }
    setText('regcert', 'regcert');
    for (const [key, legacy] of [
        ['clientCert', 'clientcert'],
        ['clientKey', 'clientkey'],
    ]) {
        const name = has(key) ? key : has(legacy) ? legacy : undefined;
        if (!name)
            continue;
        const v = text(name, key);
        if (v !== '')
            entry[key] = v;
    }
    if (has('pathPrefix'))
        entry.pathPrefix = text('pathPrefix').replace(/^\/+|\/+$/g, '');
    if (has('tls')) {
        const tls = text('tls').toLowerCase();
        if (!TLS_MODES.includes(tls))
            throw yaml.error(value('tls'), `${where}.tls must be enabled, insecure or disabled, not ${JSON.stringify(tls)}`);
        entry.tls = tls;
    }
    if (has('scheme')) {
        const scheme = text('scheme').toLowerCase();
        if (scheme !== 'http' && scheme !== 'https')
            throw yaml.error(value('scheme'), `${where}.scheme must be http or https (it is deprecated: use tls)`);
        if (scheme === 'http' && entry.tls === undefined)
            entry.tls = 'disabled';
        yaml.warn(value('scheme'), `${where}.scheme is deprecated; use tls: ${scheme === 'http' ? 'disabled' : 'enabled'}`);
    }
    // regclient deprecated its `api` key; regkit gives it a meaning of its own: which vendor API deletes go through.
    if (has('api')) {
        const api = text('api');
        if (_hostconfig_js__WEBPACK_IMPORTED_MODULE_4__/* .HOST_APIS */ .j7.includes(api))
            entry.api = api;
        else
            yaml.warn(value('api'), `${where}.api is deprecated and ignored; regkit reads only api: github (deletes through the GitHub Packages API) and api: dockerhub (tag deletes through the Docker Hub API)`);
    }
    if (has('dns'))
        yaml.warn(value('dns'), `${where}.dns is deprecated and ignored; use hostname`);
    if (has('credExpire')) {
        const d = value('credExpire');
        try {
            entry.credExpire = (0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseGoDuration */ .Q)(text('credExpire'));
        }
        catch (err) {
            throw yaml.error(d, `${where}.credExpire: ${err.message}`);
        }
    }
    if (has('repoAuth'))
        entry.repoAuth = yaml.bool(value('repoAuth'), `${where}.repoAuth`);
    if (has('blobChunk'))
        entry.blobChunk = yaml.number(value('blobChunk'), `${where}.blobChunk`, { integer: true, min: 0 });
    if (has('blobMax'))
        entry.blobMax = yaml.number(value('blobMax'), `${where}.blobMax`, { integer: true, min: -1 });
    if (has('reqPerSec'))
        entry.reqPerSec = yaml.number(value('reqPerSec'), `${where}.reqPerSec`, { min: 0 });
    if (has('reqConcurrent'))
        entry.reqConcurrent = yaml.number(value('reqConcurrent'), `${where}.reqConcurrent`, { integer: true, min: 0 });
    if (has('apiOpts'))
        entry.apiOpts = yaml.stringMap(value('apiOpts'), `${where}.apiOpts`);
    if (has('mirrors'))
        entry.mirrors = yaml.strings(value('mirrors'), `${where}.mirrors`);
    if (has('priority'))
        entry.priority = yaml.number(value('priority'), `${where}.priority`, { integer: true, min: 0 });
    return entry;
}
/** Reads a `creds` list. */
function readCreds(yaml, node, opts) {
    return yaml.items(node, 'creds').map((item, i) => readEntry(yaml, item, `creds[${i}]`, opts));
}


/***/ }),

/***/ 68982:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ validateCron)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99154);
// Validates regsync's `schedule`: a 5-field cron line or a descriptor, as robfig/cron's standard parser takes them
// (https://pkg.go.dev/github.com/robfig/cron/v3). The workflow's own cron runs the job; the value is reported only.

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS = [
    { name: 'minute', min: 0, max: 59 },
    { name: 'hour', min: 0, max: 23 },
    { name: 'day of month', min: 1, max: 31, question: true },
    { name: 'month', min: 1, max: 12, names: MONTHS },
    { name: 'day of week', min: 0, max: 6, names: DAYS, question: true },
];
function value(spec, text) {
    const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
    if (named >= 0)
        return named + spec.min;
    if (!/^[0-9]+$/.test(text))
        throw new Error(`${spec.name} value ${JSON.stringify(text)} is not a number`);
    const n = Number(text);
    if (n < spec.min || n > spec.max)
        throw new Error(`${spec.name} value ${n} is outside ${spec.min}-${spec.max}`);
    return n;
}
function checkField(spec, field) {
    for (const part of field.split(',')) {
        const [range, step, extra] = part.split('/');
        if (extra !== undefined || range === undefined || range === '')
            throw new Error(`${spec.name} field ${JSON.stringify(field)} is malformed`);
        if (step !== undefined && !/^[1-9][0-9]*$/.test(step))
            throw new Error(`${spec.name} step ${JSON.stringify(step)} must be a positive number`);
        if (range === '*' || (range === '?' && spec.question))
            continue;
        const [lo, hi, more] = range.split('-');
        if (more !== undefined)
            throw new Error(`${spec.name} range ${JSON.stringify(range)} is malformed`);
        const a = value(spec, lo);
        if (hi !== undefined && value(spec, hi) < a)
            throw new Error(`${spec.name} range ${JSON.stringify(range)} runs backwards`);
    }
}
/** Throws an Error saying what is wrong with a schedule; returns normally when robfig/cron would accept it. */
function validateCron(schedule) {
    let s = schedule.trim();
    const tz = /^(?:CRON_TZ|TZ)=\S+\s+/.exec(s);
    if (tz)
        s = s.slice(tz[0].length);
    if (s.startsWith('@')) {
        if (DESCRIPTORS.has(s))
            return;
        if (s.startsWith('@every ')) {
            (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseGoDuration */ .Q)(s.slice(7).trim());
            return;
        }
        throw new Error(`unknown schedule descriptor ${JSON.stringify(s)}: use @hourly, @daily, @weekly, @monthly, @yearly or @every <duration>`);
    }
    const fields = s.split(/\s+/);
    if (fields.length !== 5)
        throw new Error(`schedule ${JSON.stringify(schedule)} has ${fields.length} fields; cron needs 5 (minute hour day-of-month month day-of-week)`);
    fields.forEach((f, i) => checkField(FIELDS[i], f));
}


/***/ }),

/***/ 24367:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ openConfigDocument)
});

// EXTERNAL MODULE: ./build/src/config/keys.js
var keys = __webpack_require__(44674);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
;// CONCATENATED MODULE: ./build/src/config/yaml.js
// YAML with positions for config loaders: every value keeps the line and column it came from, so each error can
// point at it. Anchors, aliases and `<<` merge keys are resolved here; duplicate keys are allowed (the last wins),
// as Go's decoders in regsync and regbot allow them.



/** Reads a config: a path, `-` for standard input, or text already in hand. */
function readConfigSource(file) {
    if (typeof file !== 'string')
        return file;
    try {
        if (file === '-')
            return { text: (0,external_node_fs_.readFileSync)(0, 'utf8'), name: '<stdin>' };
        return { text: (0,external_node_fs_.readFileSync)(file, 'utf8'), name: file };
    }
    catch (err) {
        if (file === '-')
            throw new errors/* ConfigError */.xL(`cannot read the config from standard input: ${err.message}`);
        throw new errors/* ConfigError */.xL(`cannot read the config file: ${(0,errors/* fileProblem */.Wj)(file, err)}; check the path given with -c (the action's config input)`);
    }
}
class YamlFile {
    name;
    text;
    doc;
    lines;
    warnings = [];
    /** `--strict`: what regclient loads without a word (see `tolerate`) is an error instead of a warning. */
    strict;
    constructor(src, doc, lines, strict) {
        this.name = src.name;
        this.text = src.text;
        this.doc = doc;
        this.lines = lines;
        this.strict = strict;
    }
    /** Parses the text; a YAML syntax error is a ConfigError at its line and column. */
    static parse(src, opts = {}) {
        const lines = new dist/* LineCounter */.HN();
        const doc = (0,dist/* parseDocument */.Tp)(src.text, { lineCounter: lines, keepSourceTokens: true, merge: true, uniqueKeys: false, prettyErrors: false });
        const first = doc.errors[0];
        if (first) {
            const pos = lines.linePos(first.pos[0]);
            const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
            throw new errors/* ConfigError */.xL(`invalid YAML: ${message}`, { file: src.name, line: pos.line, column: pos.col });
        }
        return new YamlFile(src, doc, lines, opts.strict ?? false);
    }
    root() {
        return this.resolve(this.doc.contents);
    }
    /** Follows aliases to the anchored node. */
    resolve(node) {
        let n = node;
        for (let hops = 0; n && (0,dist/* isAlias */.Vj)(n); hops++) {
            if (hops > 100)
                throw this.error(node, 'alias chain too deep');
            n = n.resolve(this.doc) ?? null;
        }
        return n;
    }
    offsetOf(node) {
        return node?.range?.[0] ?? 0;
    }
    positionAt(offset) {
        const pos = this.lines.linePos(offset);
        return { line: pos.line, column: pos.col };
    }
    position(node) {
        return this.positionAt(this.offsetOf(node));
    }
    error(node, message) {
        return new errors/* ConfigError */.xL(message, { file: this.name, ...this.position(node) });
    }
    errorAt(offset, message) {
        return new errors/* ConfigError */.xL(message, { file: this.name, ...this.positionAt(offset) });
    }
    warn(node, message) {
        this.warnings.push({ message, file: this.name, ...this.position(node) });
    }
    /**
     * Something regsync and regbot load without complaint and regkit would rather not (an unknown key, a tag on a
     * repository step, a `{{file}}` that cannot be read): a warning, so their files run unchanged; under `--strict`,
     * an error at the same place. Anything whose silent acceptance could write or delete the wrong thing is a plain
     * `error` instead, strict or not.
     */
    tolerate(node, message) {
        if (this.strict)
            throw this.error(node, `${message} (an error under --strict)`);
        this.warn(node, message);
    }
    /** The entries of a mapping with `<<` merges applied: own keys win over merged ones, earlier merges over later. */
    entries(node, what) {
        const n = this.resolve(node);
        if (n === null || ((0,dist/* isScalar */.jn)(n) && n.value === null))
            return [];
        if (!(0,dist/* isMap */.jh)(n))
            throw this.error(n, `${what} must be a mapping (key: value), not ${this.kindOf(n)}`);
        const own = new Map();
        const merged = new Map();
        for (const pair of n.items) {
            const keyNode = pair.key;
            if ((0,dist/* isScalar */.jn)(keyNode) && (typeof keyNode.value === 'symbol' || keyNode.source === '<<')) {
                const sources = this.resolve(pair.value);
                const maps = sources && (0,dist/* isSeq */.oP)(sources) ? sources.items : [sources];
                for (const m of maps) {
                    for (const e of this.entries(m, `merge (<<) in ${what}`))
                        if (!merged.has(e.key))
                            merged.set(e.key, e);
                }
                continue;
            }
            if (!(0,dist/* isScalar */.jn)(keyNode))
                throw this.error(keyNode, `${what} has a key that is not a plain string`);
            const key = String(keyNode.value);
            own.delete(key);
            own.set(key, { key, keyNode, value: pair.value });
        }
        for (const [k, e] of merged)
            if (!own.has(k))
                own.set(k, e);
        return [...own.values()];
    }
    /** Items of a sequence; an empty value is an empty list. */
    items(node, what) {
        const n = this.resolve(node);
        if (n === null || ((0,dist/* isScalar */.jn)(n) && n.value === null))
            return [];
        if (!(0,dist/* isSeq */.oP)(n))
            throw this.error(n, `${what} must be a list, not ${this.kindOf(n)}`);
        return n.items;
    }
    /** A scalar as Go's decoders read it into a string field: its text as written (`3.10` stays `3.10`). */
    string(node, what) {
        const n = this.resolve(node);
        if (n === null)
            return '';
        if (!(0,dist/* isScalar */.jn)(n))
            throw this.error(n, `${what} must be a string, not ${this.kindOf(n)}`);
        if (n.value === null)
            return '';
        if (typeof n.value === 'string')
            return n.value;
        return n.source ?? String(n.value);
    }
    bool(node, what) {
        const n = this.resolve(node);
        if (n === null || ((0,dist/* isScalar */.jn)(n) && n.value === null))
            return false;
        if ((0,dist/* isScalar */.jn)(n)) {
            if (typeof n.value === 'boolean')
                return n.value;
            // YAML 1.1 spellings that Go's yaml decoders also take.
            const word = String(n.value).toLowerCase();
            if (['yes', 'on', 'y'].includes(word))
                return true;
            if (['no', 'off', 'n'].includes(word))
                return false;
        }
        throw this.error(n, `${what} must be true or false`);
    }
    number(node, what, opts = {}) {
        const n = this.resolve(node);
        if (n === null || ((0,dist/* isScalar */.jn)(n) && n.value === null))
            return 0;
        let v;
        if ((0,dist/* isScalar */.jn)(n)) {
            if (typeof n.value === 'number')
                v = n.value;
            else if (typeof n.value === 'string' && /^[+-]?[0-9]+(?:\.[0-9]+)?$/.test(n.value.trim()))
                v = Number(n.value);
        }
        if (v === undefined || (opts.integer && !Number.isInteger(v))) {
            throw this.error(n, `${what} must be ${opts.integer ? 'an integer' : 'a number'}`);
        }
        if (opts.min !== undefined && v < opts.min)
            throw this.error(n, `${what} must be at least ${opts.min}`);
        return v;
    }
    /** A list of strings; a single string where a list is due is an error, as it is for Go's decoders. */
    strings(node, what) {
        return this.items(node, what).map((item, i) => this.string(item, `${what}[${i}]`));
    }
    /** A mapping of string to string (`apiOpts`, `annotations`). */
    stringMap(node, what) {
        const out = {};
        for (const e of this.entries(node, what))
            out[e.key] = this.string(e.value, `${what}.${e.key}`);
        return out;
    }
    isEmpty(node) {
        const n = this.resolve(node);
        return n === null || ((0,dist/* isScalar */.jn)(n) && n.value === null);
    }
    kindOf(n) {
        if ((0,dist/* isMap */.jh)(n))
            return 'a mapping';
        if ((0,dist/* isSeq */.oP)(n))
            return 'a list';
        if ((0,dist/* isScalar */.jn)(n))
            return typeof n.value === 'string' ? `the string ${JSON.stringify(truncate(n.value))}` : `the value ${String(n.source ?? n.value)}`;
        return 'this value';
    }
    /** Where in the file a given offset of a scalar's value lies, when the scalar is written without escapes. */
    scalarValueOffset(node, valueOffset) {
        const n = this.resolve(node);
        if (!n || !(0,dist/* isScalar */.jn)(n) || typeof n.value !== 'string')
            return this.offsetOf(n);
        const s = n;
        const start = this.offsetOf(s);
        const inner = s.type === 'PLAIN' ? start : s.type === 'QUOTE_SINGLE' || s.type === 'QUOTE_DOUBLE' ? start + 1 : -1;
        if (inner < 0 || s.value.includes('\n') || this.text.slice(inner, inner + s.value.length) !== s.value)
            return start;
        return inner + valueOffset;
    }
}
function truncate(s) {
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

// EXTERNAL MODULE: ./build/src/config/trust.js
var config_trust = __webpack_require__(90170);
;// CONCATENATED MODULE: ./build/src/config/document.js
// What every config file starts with, regsync's and regbot's alike: the YAML read with positions, the top-level keys
// checked, `version` at most 1, and what its templates may read (all of the environment, or nothing under review).



function openConfigDocument(file, topKeys, opts = {}) {
    const yaml = YamlFile.parse(readConfigSource(file), { strict: opts.strict ?? false });
    const top = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(yaml.root(), 'the config'), topKeys, 'the top level');
    const versionEntry = top.get('version');
    const version = versionEntry ? yaml.number(versionEntry.value, 'version', { integer: true, min: 0 }) : 0;
    if (version > 1)
        throw yaml.error(versionEntry.value, `unsupported config version ${version}: this release reads version 1`);
    const trust = opts.trust ?? config_trust/* TRUSTED_CONFIG */.f6;
    return { yaml, top, run: (0,config_trust/* templateRunOptions */.yL)(trust, opts.env ?? process.env), trust };
}


/***/ }),

/***/ 44674:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ax: () => (/* binding */ suggestKey),
/* harmony export */   Ut: () => (/* binding */ presentEntry),
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
 * The entries of a mapping whose keys are in `valid`; x- keys are dropped, other unknown keys tolerated and dropped,
 * except a near miss of a `guarded` key (or any unknown key when `guarded` is `every`), which is a ConfigError.
 */
function checkedEntries(yaml, entries, valid, what, guarded = []) {
    const out = new Map();
    for (const e of entries) {
        if (e.key.startsWith('x-'))
            continue;
        if (!valid.includes(e.key)) {
            const near = suggestKey(e.key, valid);
            const hint = near ? `; did you mean "${near}"?` : `; valid keys are ${valid.join(', ')}`;
            if (guarded === 'every')
                throw yaml.error(e.keyNode, `unknown key "${e.key}" in ${what}${hint}`);
            if (near && guarded.includes(near)) {
                throw yaml.error(e.keyNode, `unknown key "${e.key}" in ${what}${hint} Ignoring it would widen what the run writes or deletes, so it is refused`);
            }
            yaml.tolerate(e.keyNode, `unknown key "${e.key}" in ${what} is ignored${hint}`);
            continue;
        }
        out.set(e.key, e);
    }
    return out;
}
/** The entry of `key` when it has a value: an absent key and an empty one (`key:`, Go's nil) read alike. */
function presentEntry(yaml, fields, key) {
    const e = fields.get(key);
    return e && !yaml.isEmpty(e.value) ? e : undefined;
}


/***/ }),

/***/ 72133:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ compileField),
/* harmony export */   r: () => (/* binding */ expandField)
/* harmony export */ });
/* harmony import */ var _gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83441);
// Template fields of a config: compiled and run with their errors placed in the YAML file (the scalar's own
// position plus the offset inside it, when the scalar is written so that offsets line up).

/**
 * Compiles a template field; a syntax error or unknown function is a ConfigError at its place in the file. What it
 * may read when run later (a backup name) is bound now: the config's `run` options win over the caller's.
 */
function compileField(yaml, node, text, field, run) {
    let template;
    try {
        template = (0,_gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .compileTemplate */ .Gq)(text, field);
    }
    catch (err) {
        if (err instanceof _gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .TemplateSyntaxError */ .Cb)
            throw yaml.errorAt(yaml.scalarValueOffset(node, err.offset), `template in ${field}: ${err.detail}`);
        throw err;
    }
    return { name: template.name, source: template.source, execute: (data, options) => template.execute(data, { ...options, ...run }) };
}
/**
 * Expands a template field now. What the run tolerates (an unreadable `{{file}}` expands to "", as in regclient) is
 * tolerated on the file at the field (an error under --strict); an execution error is a ConfigError there.
 */
function expandField(yaml, node, text, field, data, options) {
    if (!(0,_gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .hasActions */ ._1)(text))
        return text;
    const template = compileField(yaml, node, text, field, options);
    const warnings = [];
    try {
        const out = template.execute(data, { ...options, onWarning: (message) => warnings.push(message) });
        for (const message of warnings)
            yaml.tolerate(node, `${field}: ${message}`);
        return out;
    }
    catch (err) {
        if (err instanceof _gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .TemplateExecError */ .cz) {
            throw yaml.errorAt(yaml.scalarValueOffset(node, err.offset), `template in ${field} failed at ${err.action}: ${err.detail}`);
        }
        throw err;
    }
}


/***/ })

};
