export const id = 656;
export const ids = [656];
export const modules = {

/***/ 2709:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qj: () => (/* binding */ REGSYNC_CREDS_TEMPLATES),
/* harmony export */   sW: () => (/* binding */ readCreds)
/* harmony export */ });
/* unused harmony export CREDS_KEYS */
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4674);
/* harmony import */ var _template_field_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2133);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9154);



/** regsync expands all of these; regbot all but `registry`. */
const REGSYNC_CREDS_TEMPLATES = ['registry', 'user', 'pass', 'regcert', 'clientCert', 'clientKey'];
const CREDS_KEYS = [
    'registry', 'hostname', 'user', 'pass', 'token', 'credHelper', 'credExpire', 'credHost', 'tls', 'regcert',
    'clientCert', 'clientKey', 'pathPrefix', 'mirrors', 'priority', 'repoAuth', 'apiOpts', 'blobChunk', 'blobMax',
    'reqPerSec', 'reqConcurrent',
    // Older regclient releases spelled these in lower case.
    'clientcert', 'clientkey',
    // Deprecated in regclient, still found in configs: read and reported.
    'scheme', 'api', 'dns',
];
const TLS_MODES = ['enabled', 'insecure', 'disabled'];
function readEntry(yaml, node, where, opts) {
    const fields = (0,_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, where), CREDS_KEYS, where);
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
    setText('regcert', 'regcert');
    for (const [key, legacy] of [['clientCert', 'clientcert'], ['clientKey', 'clientkey']]) {
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
    if (has('api'))
        yaml.warn(value('api'), `${where}.api is deprecated and ignored`);
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

/***/ 8982:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ validateCron)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9154);
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

/***/ 4367:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ openConfigDocument)
});

// EXTERNAL MODULE: ./build/src/config/keys.js
var keys = __webpack_require__(4674);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
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
        const code = err.code;
        throw new errors/* ConfigError */.xL(`cannot read config file ${file === '-' ? 'from standard input' : JSON.stringify(file)}: ${code ?? err.message}`);
    }
}
class YamlFile {
    name;
    text;
    doc;
    lines;
    warnings = [];
    constructor(src, doc, lines) {
        this.name = src.name;
        this.text = src.text;
        this.doc = doc;
        this.lines = lines;
    }
    /** Parses the text; a YAML syntax error is a ConfigError at its line and column. */
    static parse(src) {
        const lines = new dist/* LineCounter */.HN();
        const doc = (0,dist/* parseDocument */.Tp)(src.text, { lineCounter: lines, keepSourceTokens: true, merge: true, uniqueKeys: false, prettyErrors: false });
        const first = doc.errors[0];
        if (first) {
            const pos = lines.linePos(first.pos[0]);
            const message = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
            throw new errors/* ConfigError */.xL(`invalid YAML: ${message}`, { file: src.name, line: pos.line, column: pos.col });
        }
        return new YamlFile(src, doc, lines);
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

;// CONCATENATED MODULE: ./build/src/config/document.js
// What every config file starts with, regsync's and regbot's alike: the YAML read with positions, the top-level keys
// checked, `version` at most 1, and the environment `{{env}}` reads.


function openConfigDocument(file, topKeys, env) {
    const yaml = YamlFile.parse(readConfigSource(file));
    const top = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(yaml.root(), 'the config'), topKeys, 'the top level');
    const versionEntry = top.get('version');
    const version = versionEntry ? yaml.number(versionEntry.value, 'version', { integer: true, min: 0 }) : 0;
    if (version > 1)
        throw yaml.error(versionEntry.value, `unsupported config version ${version}: this release reads version 1`);
    return { yaml, top, run: { env: env ?? process.env } };
}


/***/ }),

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

/***/ 2133:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ compileField),
/* harmony export */   r: () => (/* binding */ expandField)
/* harmony export */ });
/* harmony import */ var _gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3397);
// Template fields of a config: compiled and run with their errors placed in the YAML file (the scalar's own
// position plus the offset inside it, when the scalar is written so that offsets line up).

/** Compiles a template field; a syntax error or unknown function is a ConfigError at its place in the file. */
function compileField(yaml, node, text, field) {
    try {
        return (0,_gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .compileTemplate */ .Gq)(text, field);
    }
    catch (err) {
        if (err instanceof _gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .TemplateSyntaxError */ .Cb)
            throw yaml.errorAt(yaml.scalarValueOffset(node, err.offset), `template in ${field}: ${err.detail}`);
        throw err;
    }
}
/**
 * Expands a template field now. Warnings from the run (an unreadable `{{file}}`) are recorded on the file at the
 * field; an execution error is a ConfigError there.
 */
function expandField(yaml, node, text, field, data, options) {
    if (!(0,_gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .hasActions */ ._1)(text))
        return text;
    const template = compileField(yaml, node, text, field);
    try {
        return template.execute(data, { ...options, onWarning: (message) => yaml.warn(node, `${field}: ${message}`) });
    }
    catch (err) {
        if (err instanceof _gotemplate_template_js__WEBPACK_IMPORTED_MODULE_0__/* .TemplateExecError */ .cz) {
            throw yaml.errorAt(yaml.scalarValueOffset(node, err.offset), `template in ${field} failed at ${err.action}: ${err.detail}`);
        }
        throw err;
    }
}


/***/ }),

/***/ 3397:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zo: () => (/* reexport */ GoDuration),
  cz: () => (/* reexport */ TemplateExecError),
  Cb: () => (/* reexport */ TemplateSyntaxError),
  Gq: () => (/* binding */ compileTemplate),
  _1: () => (/* binding */ hasActions)
});

// UNUSED EXPORTS: GoMonth, GoTime, GoWeekday, expandTemplate

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
;// CONCATENATED MODULE: ./build/src/gotemplate/errors.js
// Errors of the template engine. Positions are relative to the template text; the config loader maps them into
// the file (see config-template.ts).

/** Line and column (1-based) of an offset in `text`. */
function lineColumnOf(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column };
}
/** A template that cannot be parsed, or that names a function that does not exist. */
class TemplateSyntaxError extends errors/* ConfigError */.xL {
    /** Offset of the fault in the template text. */
    offset;
    /** The message without its position. */
    detail;
    constructor(detail, offset, where) {
        super(`template ${where.line}:${where.column}: ${detail}`, where);
        this.name = 'TemplateSyntaxError';
        this.offset = offset;
        this.detail = detail;
    }
    static at(text, offset, detail) {
        return new TemplateSyntaxError(detail, offset, lineColumnOf(text, offset));
    }
}
/** A template failed while running (a missing field, `index` out of range, a function returning an error). */
class TemplateExecError extends Error {
    template;
    action;
    offset;
    detail;
    constructor(init) {
        super(`template ${init.template}:${init.line}:${init.column}: executing at <${init.action}>: ${init.detail}`);
        this.name = 'TemplateExecError';
        this.template = init.template;
        this.action = init.action;
        this.offset = init.offset;
        this.detail = init.detail;
    }
}

;// CONCATENATED MODULE: ./build/src/gotemplate/time.js
// Go's time.Time as templates see it: the methods regsync configs call (`.Year`, `.Month`, `.Format "20060102"`…)
// and Go reference layouts (https://pkg.go.dev/time#pkg-constants). Times are kept in UTC: a CI runner's local zone
// is UTC, and a mirror's backup tags should not depend on where the job ran.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** time.Month: prints its name with %s and %v, its number with %d. */
class GoMonth {
    n;
    constructor(n) {
        this.n = n;
    }
    String() {
        return MONTHS[this.n - 1] ?? `%!Month(${this.n})`;
    }
}
/** time.Weekday (Sunday = 0). */
class GoWeekday {
    n;
    constructor(n) {
        this.n = n;
    }
    String() {
        return DAYS[this.n] ?? `%!Weekday(${this.n})`;
    }
}
const NS_PER_MS = 1000000n;
function pad(n, width) {
    return String(n).padStart(width, '0');
}
/** Milliseconds since the epoch for a UTC calendar date; Date.UTC would map years 0–99 to 1900–1999. */
function utcMillis(year, month, day, hour = 0, minute = 0, second = 0) {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    return d.getTime();
}
class GoTime {
    /** Nanoseconds since the Unix epoch. */
    ns;
    constructor(ns) {
        this.ns = ns;
    }
    static now() {
        return new GoTime(BigInt(Date.now()) * NS_PER_MS);
    }
    static fromMillis(ms, nanosInSecond = 0) {
        return new GoTime(BigInt(ms) * NS_PER_MS + BigInt(nanosInSecond));
    }
    date() {
        let ms = this.ns / NS_PER_MS;
        if (this.ns < 0n && this.ns % NS_PER_MS !== 0n)
            ms -= 1n;
        return new Date(Number(ms));
    }
    Year() {
        return this.date().getUTCFullYear();
    }
    Month() {
        return new GoMonth(this.date().getUTCMonth() + 1);
    }
    Day() {
        return this.date().getUTCDate();
    }
    Hour() {
        return this.date().getUTCHours();
    }
    Minute() {
        return this.date().getUTCMinutes();
    }
    Second() {
        return this.date().getUTCSeconds();
    }
    Nanosecond() {
        const r = Number(this.ns % 1000000000n);
        return r < 0 ? r + 1_000_000_000 : r;
    }
    Weekday() {
        return new GoWeekday(this.date().getUTCDay());
    }
    YearDay() {
        const d = this.date();
        return Math.round((utcMillis(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) - utcMillis(d.getUTCFullYear(), 1, 1)) / 86_400_000) + 1;
    }
    Unix() {
        const s = this.ns / 1000000000n;
        return Number(this.ns < 0n && this.ns % 1000000000n !== 0n ? s - 1n : s);
    }
    UnixMilli() {
        return this.date().getTime();
    }
    UnixNano() {
        return this.ns;
    }
    UTC() {
        return this;
    }
    Local() {
        return this;
    }
    /** Adds a time.Duration, which templates pass as an integer count of nanoseconds. */
    Add(d) {
        if (typeof d !== 'number' && typeof d !== 'bigint')
            throw new Error(`Add wants a duration in nanoseconds, got ${typeof d}`);
        return new GoTime(this.ns + BigInt(d));
    }
    AddDate(years, months, days) {
        for (const v of [years, months, days])
            if (typeof v !== 'number' || !Number.isInteger(v))
                throw new Error('AddDate wants three integers');
        const d = this.date();
        const ms = utcMillis(d.getUTCFullYear() + years, d.getUTCMonth() + 1 + months, d.getUTCDate() + days, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
        return GoTime.fromMillis(ms, this.Nanosecond());
    }
    Before(t) {
        return t instanceof GoTime && this.ns < t.ns;
    }
    After(t) {
        return t instanceof GoTime && this.ns > t.ns;
    }
    Equal(t) {
        return t instanceof GoTime && this.ns === t.ns;
    }
    Format(layout) {
        if (typeof layout !== 'string')
            throw new Error('Format wants a layout string');
        return formatTime(this, layout);
    }
    String() {
        return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
    }
}
/** Finds the next layout element at or after `i`, as Go's nextStdChunk does. */
function nextChunk(layout, i) {
    const starts = (s, at) => layout.startsWith(s, at);
    for (let j = i; j < layout.length; j++) {
        const c = layout[j];
        const hit = (chunk, len) => ({ at: j, chunk, len });
        switch (c) {
            case 'J':
                if (starts('January', j))
                    return hit('January', 7);
                if (starts('Jan', j))
                    return hit('Jan', 3);
                break;
            case 'M':
                if (starts('Monday', j))
                    return hit('Monday', 6);
                if (starts('Mon', j))
                    return hit('Mon', 3);
                if (starts('MST', j))
                    return hit('MST', 3);
                break;
            case '0':
                if (starts('002', j))
                    return hit('002', 3);
                if (/[1-6]/.test(layout[j + 1] ?? ''))
                    return hit(`0${layout[j + 1]}`, 2);
                break;
            case '1':
                if (starts('15', j))
                    return hit('15', 2);
                return hit('1', 1);
            case '2':
                if (starts('2006', j))
                    return hit('2006', 4);
                return hit('2', 1);
            case '_':
                if (starts('__2', j))
                    return hit('__2', 3);
                if (starts('_2', j))
                    return hit('_2', 2);
                break;
            case '3':
            case '4':
            case '5':
                return hit(c, 1);
            case 'P':
                if (starts('PM', j))
                    return hit('PM', 2);
                break;
            case 'p':
                if (starts('pm', j))
                    return hit('pm', 2);
                break;
            case '-':
            case 'Z':
                for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) {
                    if (starts(c + z, j))
                        return hit((c + z), 1 + z.length);
                }
                break;
            case '.':
            case ',': {
                const d = layout[j + 1];
                if ((d === '0' || d === '9') && j > 0) {
                    let k = j + 1;
                    while (layout[k] === d)
                        k++;
                    if (!/[0-9]/.test(layout[k] ?? ''))
                        return { at: j, chunk: { frac: k - j - 1, trim: d === '9' }, len: k - j };
                }
                break;
            }
        }
    }
    return undefined;
}
function formatZone(chunk) {
    if (chunk.startsWith('Z'))
        return 'Z';
    return `+${chunk.slice(1).replace(/7/g, '0')}`;
}
function formatTime(t, layout) {
    let out = '';
    let i = 0;
    const hour = t.Hour();
    for (;;) {
        const next = nextChunk(layout, i);
        if (!next)
            return out + layout.slice(i);
        out += layout.slice(i, next.at);
        i = next.at + next.len;
        const ch = next.chunk;
        if (typeof ch === 'object') {
            const digits = pad(t.Nanosecond(), 9).slice(0, ch.frac);
            const sep = layout[next.at];
            if (!ch.trim)
                out += sep + digits;
            else {
                const trimmed = digits.replace(/0+$/, '');
                if (trimmed !== '')
                    out += sep + trimmed;
            }
            continue;
        }
        switch (ch) {
            case 'January':
                out += t.Month().String();
                break;
            case 'Jan':
                out += t.Month().String().slice(0, 3);
                break;
            case '1':
                out += String(t.Month().n);
                break;
            case '01':
                out += pad(t.Month().n, 2);
                break;
            case 'Monday':
                out += t.Weekday().String();
                break;
            case 'Mon':
                out += t.Weekday().String().slice(0, 3);
                break;
            case '2':
                out += String(t.Day());
                break;
            case '_2':
                out += String(t.Day()).padStart(2, ' ');
                break;
            case '02':
                out += pad(t.Day(), 2);
                break;
            case '__2':
                out += String(t.YearDay()).padStart(3, ' ');
                break;
            case '002':
                out += pad(t.YearDay(), 3);
                break;
            case '15':
                out += pad(hour, 2);
                break;
            case '3':
                out += String(hour % 12 === 0 ? 12 : hour % 12);
                break;
            case '03':
                out += pad(hour % 12 === 0 ? 12 : hour % 12, 2);
                break;
            case '4':
                out += String(t.Minute());
                break;
            case '04':
                out += pad(t.Minute(), 2);
                break;
            case '5':
                out += String(t.Second());
                break;
            case '05':
                out += pad(t.Second(), 2);
                break;
            case '2006':
                out += pad(t.Year(), 4);
                break;
            case '06':
                out += pad(t.Year() % 100, 2);
                break;
            case 'PM':
                out += hour >= 12 ? 'PM' : 'AM';
                break;
            case 'pm':
                out += hour >= 12 ? 'pm' : 'am';
                break;
            case 'MST':
                out += 'UTC';
                break;
            default: out += formatZone(ch);
        }
    }
}
/** Go's time.Parse for the same layout elements; zone abbreviations and offsets are folded into UTC. */
function parseTime(layout, value) {
    const fail = (rest, elem) => {
        throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
    };
    let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offsetSec = 0;
    let pm;
    let i = 0;
    let v = value;
    const num = (elem, min, max, fixed) => {
        const m = (fixed ? new RegExp(`^[0-9]{${max}}`) : new RegExp(`^[0-9]{${min},${max}}`)).exec(v);
        if (!m)
            fail(v, elem);
        v = v.slice(m[0].length);
        return Number(m[0]);
    };
    const word = (elem, names) => {
        const idx = names.findIndex((n) => v.toLowerCase().startsWith(n.toLowerCase()));
        if (idx < 0)
            fail(v, elem);
        v = v.slice(names[idx].length);
        return idx;
    };
    for (;;) {
        const next = nextChunk(layout, i);
        const literal = layout.slice(i, next ? next.at : layout.length);
        if (!v.startsWith(literal))
            fail(v, literal);
        v = v.slice(literal.length);
        if (!next)
            break;
        i = next.at + next.len;
        const ch = next.chunk;
        const elem = layout.slice(next.at, i);
        if (typeof ch === 'object') {
            const m = /^[.,]([0-9]+)/.exec(v);
            if (!m) {
                if (ch.trim)
                    continue;
                fail(v, elem);
            }
            nanos = Number(m[1].slice(0, 9).padEnd(9, '0'));
            v = v.slice(m[0].length);
            continue;
        }
        switch (ch) {
            case 'January':
                month = word(elem, MONTHS) + 1;
                break;
            case 'Jan':
                month = word(elem, MONTHS.map((m) => m.slice(0, 3))) + 1;
                break;
            case '1':
                month = num(elem, 1, 2, false);
                break;
            case '01':
                month = num(elem, 2, 2, true);
                break;
            case 'Monday':
                word(elem, DAYS);
                break;
            case 'Mon':
                word(elem, DAYS.map((d) => d.slice(0, 3)));
                break;
            case '2':
                day = num(elem, 1, 2, false);
                break;
            case '_2':
                v = v.replace(/^ /, '');
                day = num(elem, 1, 2, false);
                break;
            case '02':
                day = num(elem, 2, 2, true);
                break;
            case '__2':
            case '002':
                num(elem, 1, 3, ch === '002');
                break;
            case '15':
                hour = num(elem, 1, 2, false);
                break;
            case '3':
                hour = num(elem, 1, 2, false);
                break;
            case '03':
                hour = num(elem, 2, 2, true);
                break;
            case '4':
                minute = num(elem, 1, 2, false);
                break;
            case '04':
                minute = num(elem, 2, 2, true);
                break;
            case '5':
            case '05': {
                second = ch === '5' ? num(elem, 1, 2, false) : num(elem, 2, 2, true);
                // Go accepts a fractional second after the seconds element even when the layout has none.
                const m = /^\.([0-9]+)/.exec(v);
                if (m && !(nextChunk(layout, i)?.at === i && typeof nextChunk(layout, i)?.chunk === 'object')) {
                    nanos = Number(m[1].slice(0, 9).padEnd(9, '0'));
                    v = v.slice(m[0].length);
                }
                break;
            }
            case '2006':
                year = num(elem, 4, 4, true);
                break;
            case '06': {
                const y = num(elem, 2, 2, true);
                year = y >= 69 ? 1900 + y : 2000 + y;
                break;
            }
            case 'PM':
            case 'pm': {
                const m = /^(AM|PM)/i.exec(v);
                if (!m)
                    fail(v, elem);
                pm = m[1].toUpperCase() === 'PM';
                v = v.slice(2);
                break;
            }
            case 'MST': {
                const m = /^(?:UTC|GMT|[A-Z]{3,5}|[+-][0-9]{2,4})/.exec(v);
                if (!m)
                    fail(v, elem);
                v = v.slice(m[0].length);
                break;
            }
            default: {
                if (ch.startsWith('Z') && v.startsWith('Z')) {
                    v = v.slice(1);
                    break;
                }
                const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?/.exec(v);
                if (!m)
                    fail(v, elem);
                offsetSec = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
                v = v.slice(m[0].length);
            }
        }
    }
    if (v !== '')
        throw new Error(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(v)}`);
    if (pm !== undefined) {
        if (hour < 1 || hour > 12)
            throw new Error(`parsing time ${JSON.stringify(value)}: hour out of range`);
        if (pm && hour < 12)
            hour += 12;
        if (!pm && hour === 12)
            hour = 0;
    }
    const ranges = [[month, 1, 12, 'month'], [hour, 0, 23, 'hour'], [minute, 0, 59, 'minute'], [second, 0, 59, 'second']];
    for (const [n, lo, hi, what] of ranges)
        if (n < lo || n > hi)
            throw new Error(`parsing time ${JSON.stringify(value)}: ${what} out of range`);
    const daysInMonth = new Date(utcMillis(year, month + 1, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth)
        throw new Error(`parsing time ${JSON.stringify(value)}: day out of range`);
    return GoTime.fromMillis(utcMillis(year, month, day, hour, minute, second) - offsetSec * 1000, nanos);
}
/** time.Duration, for `.Sync.Interval` and `.Sync.RateLimit.Retry`: prints as Go does (`1h30m0s`, `500ms`). */
class GoDuration {
    seconds;
    constructor(seconds) {
        this.seconds = seconds;
    }
    String() {
        const ns = Math.round(this.seconds * 1e9);
        if (ns === 0)
            return '0s';
        const sign = ns < 0 ? '-' : '';
        let rest = Math.abs(ns);
        if (rest < 1e9) {
            const [unit, div] = rest < 1e3 ? ['ns', 1] : rest < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
            return `${sign}${rest / div}${unit}`;
        }
        const h = Math.floor(rest / 3.6e12);
        rest -= h * 3.6e12;
        const m = Math.floor(rest / 6e10);
        rest -= m * 6e10;
        const s = `${rest / 1e9}s`;
        if (h > 0)
            return `${sign}${h}h${m}m${s}`;
        if (m > 0)
            return `${sign}${m}m${s}`;
        return sign + s;
    }
}

;// CONCATENATED MODULE: ./build/src/gotemplate/fmt.js
// Go's fmt as templates use it: Sprint, Sprintln and Sprintf with the common verbs and flags
// (https://pkg.go.dev/fmt). JavaScript numbers stand for Go ints when integral and float64 otherwise.

/** Go's type name for a value, as fmt prints it in `%!d(string=x)`. */
function goTypeName(v) {
    if (v === null || v === undefined)
        return '<nil>';
    if (typeof v === 'string')
        return 'string';
    if (typeof v === 'boolean')
        return 'bool';
    if (typeof v === 'bigint')
        return 'int64';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'int' : 'float64';
    if (Array.isArray(v))
        return '[]interface {}';
    if (v instanceof Map)
        return 'map[string]interface {}';
    if (v instanceof GoTime)
        return 'time.Time';
    if (v instanceof GoMonth)
        return 'time.Month';
    if (v instanceof GoWeekday)
        return 'time.Weekday';
    if (typeof v === 'function')
        return 'func';
    return 'struct';
}
/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 and from 1e21. */
function formatFloatShortest(f) {
    if (Number.isNaN(f))
        return 'NaN';
    if (!Number.isFinite(f))
        return f > 0 ? '+Inf' : '-Inf';
    const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
    if (exp < -4 || exp >= 21)
        return goExponent(f.toExponential());
    return String(f);
}
/** JavaScript writes `1e-7`; Go writes `1e-07`. */
function goExponent(s) {
    return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
function hasStringMethod(v) {
    return typeof v.String === 'function';
}
/** The `%v` form of a value (`plus` for `%+v`, which names struct fields). */
function formatValue(v, plus = false) {
    if (v === null || v === undefined)
        return '<nil>';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number')
        return Number.isInteger(v) ? String(v) : formatFloatShortest(v);
    if (typeof v === 'bigint' || typeof v === 'boolean')
        return String(v);
    if (Array.isArray(v))
        return `[${v.map((e) => formatValue(e, plus)).join(' ')}]`;
    if (v instanceof Map) {
        const keys = [...v.keys()].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
        return `map[${keys.map((k) => `${formatValue(k, plus)}:${formatValue(v.get(k), plus)}`).join(' ')}]`;
    }
    if (typeof v === 'function')
        return '0x0';
    if (typeof v === 'object' && hasStringMethod(v))
        return v.String();
    if (typeof v === 'object') {
        const entries = Object.entries(v);
        return `{${entries.map(([k, e]) => (plus ? `${k}:${formatValue(e, plus)}` : formatValue(e, plus))).join(' ')}}`;
    }
    return String(v);
}
/** fmt.Sprint: operands formatted with %v, a space between two operands when neither is a string. */
function sprint(args) {
    let out = '';
    args.forEach((a, i) => {
        if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string')
            out += ' ';
        out += formatValue(a);
    });
    return out;
}
function sprintln(args) {
    return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}
/** strconv.Quote, close enough: JSON escapes plus Go's \a \v and \x for other control bytes. */
function goQuote(s) {
    return JSON.stringify(s)
        .replace(/\\u0007/g, '\\a')
        .replace(/\\u000b/g, '\\v')
        .replace(/\\u00([0-1][0-9a-f])/g, '\\x$1')
        .replace(/\\u007f/g, '\\x7f');
}
function intOf(v) {
    if (typeof v === 'bigint')
        return v;
    if (typeof v === 'number' && Number.isInteger(v))
        return BigInt(v);
    if (v instanceof GoMonth || v instanceof GoWeekday)
        return BigInt(v.n);
    return undefined;
}
function bad(spec, v) {
    if (v === null || v === undefined)
        return `%!${spec.verb}(<nil>)`;
    return `%!${spec.verb}(${goTypeName(v)}=${formatValue(v)})`;
}
function signed(body, negative, spec) {
    const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
    if (spec.zero && !spec.minus && spec.width !== undefined && spec.prec === undefined) {
        return sign + body.padStart(spec.width - sign.length, '0');
    }
    return sign + body;
}
function formatInt(n, spec) {
    const negative = n < 0n;
    const abs = negative ? -n : n;
    let body;
    switch (spec.verb) {
        case 'x':
            body = abs.toString(16);
            if (spec.sharp)
                body = `0x${body}`;
            break;
        case 'X':
            body = abs.toString(16).toUpperCase();
            if (spec.sharp)
                body = `0X${body}`;
            break;
        case 'o':
            body = abs.toString(8);
            if (spec.sharp)
                body = `0${body}`;
            break;
        case 'O':
            body = `0o${abs.toString(8)}`;
            break;
        case 'b':
            body = abs.toString(2);
            break;
        default: body = abs.toString(10);
    }
    if (spec.prec !== undefined)
        body = body.padStart(spec.prec, '0');
    return signed(body, negative, spec);
}
/** toFixed, but an exact tie rounds to even as Go's strconv does (-0.25 → -0.2), where JavaScript rounds away. */
function toFixedHalfEven(f, prec) {
    const scaled = f * 10 ** prec;
    if (prec <= 15 && Number.isFinite(scaled) && !Number.isInteger(scaled) && Number.isInteger(scaled * 2) && scaled / 10 ** prec === f) {
        const down = Math.floor(scaled);
        return ((down % 2 === 0 ? down : down + 1) / 10 ** prec).toFixed(prec);
    }
    return f.toFixed(prec);
}
function formatFloat(f, spec) {
    const negative = f < 0 || Object.is(f, -0);
    const abs = Math.abs(f);
    let body;
    if (!Number.isFinite(abs))
        body = Number.isNaN(abs) ? 'NaN' : 'Inf';
    else {
        switch (spec.verb) {
            case 'e':
            case 'E':
                body = goExponent(abs.toExponential(spec.prec ?? 6));
                if (spec.verb === 'E')
                    body = body.toUpperCase();
                break;
            case 'g':
            case 'G':
                body = spec.prec === undefined ? formatFloatShortest(abs) : goExponent(Number(abs.toPrecision(spec.prec || 1)).toString());
                if (spec.verb === 'G')
                    body = body.toUpperCase();
                break;
            default:
                body = toFixedHalfEven(abs, spec.prec ?? 6);
        }
    }
    return signed(body, negative, { ...spec, prec: undefined });
}
function formatString(s, spec) {
    const cut = spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s;
    switch (spec.verb) {
        case 'q':
            return goQuote(cut);
        case 'x':
        case 'X': {
            const hex = Buffer.from(cut, 'utf8').toString('hex');
            return spec.verb === 'X' ? hex.toUpperCase() : hex;
        }
        default:
            return cut;
    }
}
function formatOne(v, spec) {
    const verb = spec.verb;
    if (v instanceof GoMonth || v instanceof GoWeekday) {
        return 'dxXobc'.includes(verb) ? formatInt(BigInt(v.n), spec) : formatString(v.String(), spec);
    }
    if (Array.isArray(v) && verb !== 'T' && verb !== 'v')
        return `[${v.map((e) => formatOne(e, spec)).join(' ')}]`;
    switch (verb) {
        case 'v':
            if (typeof v === 'number' || typeof v === 'bigint') {
                return typeof v === 'number' && !Number.isInteger(v) ? formatFloat(v, { ...spec, verb: 'g' }) : formatInt(BigInt(v), { ...spec, verb: 'd' });
            }
            if (spec.sharp && typeof v === 'string')
                return goQuote(v);
            return formatValue(v, spec.plus);
        case 'T':
            return goTypeName(v);
        case 't':
            return typeof v === 'boolean' ? String(v) : bad(spec, v);
        case 'd':
        case 'b':
        case 'o':
        case 'O': {
            const n = intOf(v);
            return n === undefined ? bad(spec, v) : formatInt(n, spec);
        }
        case 'c': {
            const n = intOf(v);
            return n === undefined ? bad(spec, v) : String.fromCodePoint(Number(n));
        }
        case 'x':
        case 'X': {
            if (typeof v === 'string')
                return formatString(v, spec);
            const n = intOf(v);
            if (n !== undefined)
                return formatInt(n, spec);
            return bad(spec, v);
        }
        case 'q': {
            if (typeof v === 'string')
                return formatString(v, spec);
            const n = intOf(v);
            return n === undefined ? bad(spec, v) : `'${String.fromCodePoint(Number(n))}'`;
        }
        case 's':
            if (typeof v === 'string')
                return formatString(v, spec);
            if (v !== null && typeof v === 'object' && hasStringMethod(v))
                return formatString(v.String(), spec);
            if (v instanceof Map || (v !== null && typeof v === 'object'))
                return formatValue(v);
            return bad(spec, v);
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
            return typeof v === 'number' ? formatFloat(v, spec) : bad(spec, v);
        default:
            return bad(spec, v);
    }
}
function padTo(s, spec) {
    if (spec.width === undefined)
        return s;
    const len = [...s].length;
    if (len >= spec.width)
        return s;
    const fill = ' '.repeat(spec.width - len);
    return spec.minus ? s + fill : fill + s;
}
/** fmt.Sprintf. Wrong or missing operands render as Go does (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA …)`). */
function sprintf(format, args) {
    let out = '';
    let argi = 0;
    let i = 0;
    while (i < format.length) {
        const pct = format.indexOf('%', i);
        if (pct < 0) {
            out += format.slice(i);
            break;
        }
        out += format.slice(i, pct);
        i = pct + 1;
        const spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: undefined, prec: undefined, verb: '' };
        for (; i < format.length; i++) {
            const c = format[i];
            if (c === '-')
                spec.minus = true;
            else if (c === '+')
                spec.plus = true;
            else if (c === '0')
                spec.zero = true;
            else if (c === ' ')
                spec.space = true;
            else if (c === '#')
                spec.sharp = true;
            else
                break;
        }
        const readNum = () => {
            if (format[i] === '*') {
                i++;
                const a = args[argi++];
                return typeof a === 'number' ? a : undefined;
            }
            const m = /^[0-9]+/.exec(format.slice(i));
            if (!m)
                return undefined;
            i += m[0].length;
            return Number(m[0]);
        };
        spec.width = readNum();
        if (format[i] === '.') {
            i++;
            spec.prec = readNum() ?? 0;
        }
        const verb = format[i];
        if (verb === undefined) {
            out += '%!(NOVERB)';
            break;
        }
        i++;
        spec.verb = verb;
        if (verb === '%') {
            out += '%';
            continue;
        }
        if (argi >= args.length) {
            out += `%!${verb}(MISSING)`;
            continue;
        }
        out += padTo(formatOne(args[argi++], spec), spec);
    }
    if (argi < args.length) {
        out += `%!(EXTRA ${args.slice(argi).map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`)).join(', ')})`;
    }
    return out;
}

;// CONCATENATED MODULE: ./build/src/gotemplate/funcs.js
// Template functions: Go's text/template builtins (https://pkg.go.dev/text/template#hdr-Functions) and the ones
// regclient adds in pkg/template (default, env, file, join, split, lower, upper, trimSpace, json, jsonPretty,
// printPretty, time). No sprig, as in regclient.


/** Go's truth: false, 0, nil, and empty strings, slices and maps are false; everything else is true. */
function isTrue(v) {
    if (v === null || v === undefined)
        return false;
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'number')
        return v !== 0;
    if (typeof v === 'bigint')
        return v !== 0n;
    if (typeof v === 'string')
        return v !== '';
    if (Array.isArray(v))
        return v.length > 0;
    if (v instanceof Map)
        return v.size > 0;
    if (v instanceof GoMonth || v instanceof GoWeekday)
        return v.n !== 0;
    return true;
}
function argc(name, args, n) {
    if (args.length !== n)
        throw new Error(`wrong number of args for ${name}: want ${n} got ${args.length}`);
}
function str(name, v) {
    if (typeof v !== 'string')
        throw new Error(`${name} wants a string, got ${goTypeName(v)}`);
    return v;
}
function funcs_int(name, v) {
    if (typeof v === 'bigint')
        return Number(v);
    if (typeof v !== 'number' || !Number.isInteger(v))
        throw new Error(`${name} wants an integer, got ${goTypeName(v)}`);
    return v;
}
/** Basic kind and comparable value, as text/template's eq/lt compare them. */
function basic(v) {
    if (v === null || v === undefined)
        return { kind: 'nil', value: null };
    if (typeof v === 'boolean')
        return { kind: 'bool', value: v };
    if (typeof v === 'string')
        return { kind: 'string', value: v };
    if (typeof v === 'bigint')
        return { kind: 'int', value: Number(v) };
    if (typeof v === 'number')
        return { kind: Number.isInteger(v) ? 'int' : 'float', value: v };
    if (v instanceof GoMonth || v instanceof GoWeekday)
        return { kind: 'int', value: v.n };
    throw new Error(`invalid type for comparison: ${goTypeName(v)}`);
}
function numericKinds(a, b) {
    return (a === 'int' || a === 'float') && (b === 'int' || b === 'float');
}
function equal(a, b) {
    const x = basic(a);
    const y = basic(b);
    if (x.kind !== y.kind && !numericKinds(x.kind, y.kind)) {
        if (x.kind === 'nil' || y.kind === 'nil')
            return false;
        throw new Error('incompatible types for comparison');
    }
    return x.value === y.value;
}
function less(a, b) {
    const x = basic(a);
    const y = basic(b);
    if (x.kind !== y.kind && !numericKinds(x.kind, y.kind))
        throw new Error('incompatible types for comparison');
    if (x.kind === 'bool' || x.kind === 'nil')
        throw new Error(`invalid type for comparison: ${x.kind}`);
    return x.value < y.value;
}
function indexOne(item, key) {
    if (item === null || item === undefined)
        throw new Error('index of untyped nil');
    if (Array.isArray(item) || typeof item === 'string') {
        const i = funcs_int('index', key);
        const len = typeof item === 'string' ? Buffer.byteLength(item) : item.length;
        if (i < 0 || i >= len)
            throw new Error(`index out of range: ${i}`);
        return typeof item === 'string' ? Buffer.from(item)[i] : item[i];
    }
    if (item instanceof Map)
        return item.has(key) ? item.get(key) : null;
    throw new Error(`can't index item of type ${goTypeName(item)}`);
}
function sliceOf(item, idx) {
    if (typeof item !== 'string' && !Array.isArray(item))
        throw new Error(`can't slice item of type ${goTypeName(item)}`);
    if (idx.length > 3 || (typeof item === 'string' && idx.length > 2))
        throw new Error('too many slice indexes');
    const len = item.length;
    const n = idx.map((v) => funcs_int('slice', v));
    const lo = n[0] ?? 0;
    const hi = n[1] ?? len;
    if (lo < 0 || hi < lo || hi > len)
        throw new Error(`invalid slice index: ${lo} > ${hi} or out of range ${len}`);
    return item.slice(lo, hi);
}
/** encoding/json with SetEscapeHTML(false), as regclient's json/jsonPretty: a trailing newline, map keys sorted. */
function goJson(v, indent) {
    const prepare = (x) => {
        if (x === undefined)
            return null;
        if (x instanceof GoTime)
            return x.Format('2006-01-02T15:04:05.999999999Z07:00');
        if (x instanceof GoMonth || x instanceof GoWeekday)
            return x.n;
        if (typeof x === 'bigint')
            return Number(x);
        if (Array.isArray(x))
            return x.map(prepare);
        if (x instanceof Map) {
            return Object.fromEntries([...x.entries()].map(([k, e]) => [String(k), prepare(e)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
        }
        if (x !== null && typeof x === 'object')
            return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, prepare(e)]));
        return x;
    };
    return `${JSON.stringify(prepare(v), null, indent).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}\n`;
}
function htmlEscape(s) {
    return s.replace(/[&<>"'\0]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;', '\0': '\uFFFD' })[c]);
}
function jsEscape(s) {
    return s.replace(/[\\'"<>&=\u0000-\u001f]/g, (c) => {
        if (c === '\\' || c === "'" || c === '"')
            return `\\${c}`;
        return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    });
}
/** url.QueryEscape: like encodeURIComponent, but a space is `+` and `!'()*` are escaped too. */
function queryEscape(s) {
    return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** The argument list as one string, as the escapers in text/template take it. */
function evalArgs(args) {
    return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}
/** The value `time` returns: regclient's TimeFuncs, with `Now` and `Parse`. */
function timeFuncs(ctx) {
    return {
        Now: () => ctx.now(),
        Parse: (layout, value) => parseTime(str('Parse', layout), str('Parse', value)),
    };
}
const eager = (call) => ({ call });
const TEMPLATE_FUNCS = {
    and: {
        lazy: true,
        call(args) {
            let v;
            for (const a of args) {
                v = a();
                if (!isTrue(v))
                    return v;
            }
            return v;
        },
    },
    or: {
        lazy: true,
        call(args) {
            let v;
            for (const a of args) {
                v = a();
                if (isTrue(v))
                    return v;
            }
            return v;
        },
    },
    not: eager((a) => (argc('not', a, 1), !isTrue(a[0]))),
    len: eager((a) => {
        argc('len', a, 1);
        const v = a[0];
        if (typeof v === 'string')
            return Buffer.byteLength(v);
        if (Array.isArray(v))
            return v.length;
        if (v instanceof Map)
            return v.size;
        throw new Error(`len of type ${goTypeName(v)}`);
    }),
    index: eager((a) => {
        if (a.length < 1)
            throw new Error('wrong number of args for index: want at least 1 got 0');
        return a.slice(1).reduce((item, key) => indexOne(item, key), a[0]);
    }),
    slice: eager((a) => {
        if (a.length < 1)
            throw new Error('wrong number of args for slice: want at least 1 got 0');
        return sliceOf(a[0], a.slice(1));
    }),
    eq: eager((a) => {
        if (a.length < 2)
            throw new Error('missing argument for comparison');
        return a.slice(1).some((b) => equal(a[0], b));
    }),
    ne: eager((a) => (argc('ne', a, 2), !equal(a[0], a[1]))),
    lt: eager((a) => (argc('lt', a, 2), less(a[0], a[1]))),
    le: eager((a) => (argc('le', a, 2), less(a[0], a[1]) || equal(a[0], a[1]))),
    gt: eager((a) => (argc('gt', a, 2), !less(a[0], a[1]) && !equal(a[0], a[1]))),
    ge: eager((a) => (argc('ge', a, 2), !less(a[0], a[1]))),
    print: eager((a) => sprint(a)),
    println: eager((a) => sprintln(a)),
    printf: eager((a) => {
        if (a.length < 1)
            throw new Error('wrong number of args for printf: want at least 1 got 0');
        return sprintf(str('printf', a[0]), a.slice(1));
    }),
    html: eager((a) => htmlEscape(evalArgs(a))),
    js: eager((a) => jsEscape(evalArgs(a))),
    urlquery: eager((a) => queryEscape(evalArgs(a))),
    default: eager((a) => {
        argc('default', a, 2);
        const v = a[1];
        const zero = v === null || v === undefined || v === '' || v === 0 || v === 0n || v === false;
        return zero ? a[0] : v;
    }),
    env: eager((a, ctx) => (argc('env', a, 1), ctx.env(str('env', a[0])) ?? '')),
    file: eager((a, ctx) => {
        argc('file', a, 1);
        const path = str('file', a[0]);
        try {
            return ctx.readFile(path).trim();
        }
        catch (err) {
            // regclient returns "" here, which turns a missing secret into an empty password that fails far from its cause.
            throw new Error(`file ${JSON.stringify(path)} could not be read (${err.code ?? err.message}): create it, or fix the path`);
        }
    }),
    join: eager((a) => {
        argc('join', a, 2);
        if (!Array.isArray(a[0]))
            throw new Error(`join wants a list, got ${goTypeName(a[0])}`);
        return a[0].map((e) => str('join', e)).join(str('join', a[1]));
    }),
    split: eager((a) => {
        argc('split', a, 2);
        const s = str('split', a[0]);
        const sep = str('split', a[1]);
        return sep === '' ? [...s] : s.split(sep);
    }),
    lower: eager((a) => (argc('lower', a, 1), str('lower', a[0]).toLowerCase())),
    upper: eager((a) => (argc('upper', a, 1), str('upper', a[0]).toUpperCase())),
    trimSpace: eager((a) => (argc('trimSpace', a, 1), str('trimSpace', a[0]).trim())),
    json: eager((a) => (argc('json', a, 1), goJson(a[0], ''))),
    jsonPretty: eager((a) => (argc('jsonPretty', a, 1), goJson(a[0], '  '))),
    printPretty: eager((a) => {
        argc('printPretty', a, 1);
        const v = a[0];
        return v && typeof v === 'object' && typeof v.MarshalPretty === 'function' ? v.MarshalPretty() : goJson(v, '  ');
    }),
    time: eager((a, ctx) => (argc('time', a, 0), timeFuncs(ctx))),
};

;// CONCATENATED MODULE: ./build/src/gotemplate/exec.js
// Walks a parsed template over data, with Go's rules: fields of structs (plain objects) must exist, map (Map) keys may
// be missing, methods are called with the remaining operands, a pipeline's value is the last operand of the next
// command, variables are scoped to their control structure.



const NO_VALUE = '<no value>';
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
/** Thrown inside evaluation; caught at the action and turned into a TemplateExecError naming it. */
class Fault extends Error {
}
function lookupMethod(receiver, name) {
    if (name in Object.prototype)
        return undefined;
    const m = receiver[name];
    return typeof m === 'function' ? m : undefined;
}
class TemplateRun {
    name;
    src;
    funcs;
    ctx;
    out = '';
    vars;
    constructor(name, src, funcs, ctx, data) {
        this.name = name;
        this.src = src;
        this.funcs = funcs;
        this.ctx = ctx;
        this.vars = [{ name: '$', value: data }];
    }
    run(nodes, data) {
        this.walkList(nodes, data);
        return this.out;
    }
    fail(pipe, err) {
        if (err instanceof TemplateExecError)
            throw err;
        const { line, column } = lineColumnOf(this.src, pipe.pos);
        throw new TemplateExecError({ template: this.name, action: pipe.text, offset: pipe.pos, line, column, detail: err.message });
    }
    walkList(nodes, dot) {
        for (const node of nodes)
            this.walk(node, dot);
    }
    walk(node, dot) {
        switch (node.kind) {
            case 'text':
                this.out += node.text;
                return;
            case 'action': {
                const v = this.evalPipeline(dot, node.pipe);
                if (node.pipe.decl.length === 0)
                    this.out += v === undefined ? NO_VALUE : formatValue(v);
                return;
            }
            case 'break':
                throw BREAK;
            case 'continue':
                throw CONTINUE;
            case 'if':
            case 'with': {
                const mark = this.vars.length;
                const v = this.evalPipeline(dot, node.pipe);
                if (isTrue(v))
                    this.walkList(node.list, node.kind === 'with' ? v : dot);
                else if (node.elseList)
                    this.walkList(node.elseList, dot);
                this.vars.length = mark;
                return;
            }
            case 'range':
                this.walkRange(node, dot);
                return;
        }
    }
    walkRange(node, dot) {
        const mark = this.vars.length;
        const pipe = node.pipe;
        const value = this.evalPipeline(dot, { ...pipe, decl: [] });
        let entries;
        if (Array.isArray(value))
            entries = value.map((v, i) => [i, v]);
        else if (value instanceof Map)
            entries = [...value.keys()].sort().map((k) => [k, value.get(k)]);
        else if (typeof value === 'number' && Number.isInteger(value))
            entries = Array.from({ length: Math.max(0, value) }, (_, i) => [i, i]);
        else if (value === null || value === undefined)
            entries = [];
        else
            this.fail(pipe, new Error(`range can't iterate over ${formatValue(value)}`));
        if (entries.length === 0) {
            if (node.elseList)
                this.walkList(node.elseList, dot);
            this.vars.length = mark;
            return;
        }
        for (const [key, elem] of entries) {
            const inner = this.vars.length;
            if (pipe.decl.length === 1)
                this.setVar(pipe.decl[0], elem, pipe.isAssign);
            if (pipe.decl.length === 2) {
                this.setVar(pipe.decl[0], key, pipe.isAssign);
                this.setVar(pipe.decl[1], elem, pipe.isAssign);
            }
            try {
                this.walkList(node.list, elem);
            }
            catch (signal) {
                if (signal === BREAK)
                    break;
                if (signal !== CONTINUE)
                    throw signal;
            }
            finally {
                this.vars.length = inner;
            }
        }
        this.vars.length = mark;
    }
    setVar(name, value, assign) {
        if (!assign) {
            this.vars.push({ name, value });
            return;
        }
        for (let i = this.vars.length - 1; i >= 0; i--) {
            if (this.vars[i].name === name) {
                this.vars[i].value = value;
                return;
            }
        }
    }
    getVar(name) {
        for (let i = this.vars.length - 1; i >= 0; i--)
            if (this.vars[i].name === name)
                return this.vars[i].value;
        throw new Fault(`undefined variable: ${name}`);
    }
    evalPipeline(dot, pipe) {
        let value;
        try {
            let final;
            for (const cmd of pipe.cmds) {
                value = this.evalCommand(dot, cmd, final);
                final = { value };
            }
        }
        catch (err) {
            if (err === BREAK || err === CONTINUE)
                throw err;
            this.fail(pipe, err);
        }
        for (const name of pipe.decl)
            this.setVar(name, value, pipe.isAssign);
        return value;
    }
    evalCommand(dot, cmd, final) {
        const [first, ...rest] = cmd.args;
        switch (first.kind) {
            case 'field':
                return this.fieldChain(dot, dot, first.names, rest, final);
            case 'var':
                if (first.names.length > 0)
                    return this.fieldChain(dot, this.getVar(first.name), first.names, rest, final);
                break;
            case 'chain':
                return this.fieldChain(dot, this.evalArg(dot, first.node), first.names, rest, final);
            case 'ident':
                return this.call(dot, first.name, rest, final);
            case 'nil':
                throw new Fault('nil is not a command');
            default:
                break;
        }
        if (rest.length > 0 || final)
            throw new Fault(`can't give argument to non-function ${this.describe(first)}`);
        return this.evalArg(dot, first);
    }
    describe(op) {
        return this.src.slice(op.pos).split(/[\s|)}]/)[0] || op.kind;
    }
    evalArg(dot, op) {
        switch (op.kind) {
            case 'dot':
                return dot;
            case 'field':
                return this.fieldChain(dot, dot, op.names, [], undefined);
            case 'var':
                return op.names.length > 0 ? this.fieldChain(dot, this.getVar(op.name), op.names, [], undefined) : this.getVar(op.name);
            case 'chain':
                return this.fieldChain(dot, this.evalArg(dot, op.node), op.names, [], undefined);
            case 'ident':
                return this.call(dot, op.name, [], undefined);
            case 'pipe':
                return this.evalPipelineValue(dot, op.pipe);
            case 'string':
            case 'number':
            case 'bool':
                return op.value;
            case 'nil':
                return null;
        }
    }
    /** A parenthesized pipeline: its declarations are visible after it, as in Go. */
    evalPipelineValue(dot, pipe) {
        let value;
        let final;
        for (const cmd of pipe.cmds) {
            value = this.evalCommand(dot, cmd, final);
            final = { value };
        }
        for (const name of pipe.decl)
            this.setVar(name, value, pipe.isAssign);
        return value;
    }
    call(dot, name, argOps, final) {
        const fn = this.funcs[name];
        if (!fn)
            throw new Fault(`function "${name}" not defined`);
        try {
            if (fn.lazy) {
                const thunks = argOps.map((op) => () => this.evalArg(dot, op));
                if (final)
                    thunks.push(() => final.value);
                if (thunks.length === 0)
                    throw new Error(`wrong number of args for ${name}: want at least 1 got 0`);
                return fn.call(thunks, this.ctx);
            }
            const args = argOps.map((op) => this.evalArg(dot, op));
            if (final)
                args.push(final.value);
            return fn.call(args, this.ctx);
        }
        catch (err) {
            if (err instanceof Fault || err instanceof TemplateExecError)
                throw err;
            throw new Fault(`error calling ${name}: ${err.message}`);
        }
    }
    fieldChain(dot, receiver, names, argOps, final) {
        let v = receiver;
        names.forEach((name, i) => {
            const last = i === names.length - 1;
            v = this.field(dot, v, name, last ? argOps : [], last ? final : undefined);
        });
        return v;
    }
    field(dot, receiver, name, argOps, final) {
        const hasArgs = argOps.length > 0 || final !== undefined;
        if (receiver === null || receiver === undefined)
            throw new Fault(`nil data; no entry for key "${name}"`);
        if (receiver instanceof Map) {
            if (hasArgs)
                throw new Fault(`${name} is not a method but has arguments`);
            return receiver.has(name) ? receiver.get(name) : undefined;
        }
        if (typeof receiver === 'object') {
            const method = lookupMethod(receiver, name);
            if (method) {
                const args = argOps.map((op) => this.evalArg(dot, op));
                if (final)
                    args.push(final.value);
                if (args.length !== method.length)
                    throw new Fault(`wrong number of args for ${name}: want ${method.length} got ${args.length}`);
                try {
                    return method.apply(receiver, args);
                }
                catch (err) {
                    throw new Fault(`error calling ${name}: ${err.message}`);
                }
            }
            if (Object.prototype.hasOwnProperty.call(receiver, name)) {
                if (hasArgs)
                    throw new Fault(`${name} has arguments but cannot be invoked as function`);
                return receiver[name];
            }
        }
        throw new Fault(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
    }
}

;// CONCATENATED MODULE: ./build/src/gotemplate/lex.js
// Lexer for the text/template subset: splits template text into text and action tokens, applies `{{-`/`-}}`
// trimming and drops `{{/* comments */}}`, as text/template/parse's lexer does.

function isSpace(c) {
    return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}
function isAlnum(c) {
    return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}
const ESCAPES = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
/** Splits the template into text and action tokens, applying `{{-`/`-}}` trimming and dropping comments. */
class Lexer {
    src;
    tokens = [];
    i = 0;
    constructor(src) {
        this.src = src;
    }
    fail(pos, message) {
        throw TemplateSyntaxError.at(this.src, pos, message);
    }
    run() {
        const src = this.src;
        while (this.i < src.length) {
            const start = this.src.indexOf('{{', this.i);
            if (start < 0) {
                this.pushText(src.slice(this.i), this.i);
                break;
            }
            let text = src.slice(this.i, start);
            let p = start + 2;
            if (src[p] === '-' && isSpace(src[p + 1])) {
                text = text.replace(/[ \t\r\n]+$/, '');
                p += 2;
            }
            this.pushText(text, this.i);
            while (isSpace(src[p]))
                p++;
            if (src.startsWith('/*', p)) {
                const end = src.indexOf('*/', p + 2);
                if (end < 0)
                    this.fail(p, 'unclosed comment');
                this.i = this.closeAction(end + 2, true);
                continue;
            }
            this.tokens.push({ kind: 'left', text: '{{', pos: start });
            this.i = p;
            this.lexInside();
        }
        this.tokens.push({ kind: 'eof', text: '', pos: src.length });
        return this.tokens;
    }
    pushText(text, pos) {
        if (text !== '')
            this.tokens.push({ kind: 'text', text, pos });
    }
    /** Consumes an optional ` -` and the `}}` at `p`; returns the offset after it, trimming the following text. */
    closeAction(p, comment) {
        const src = this.src;
        let q = p;
        while (isSpace(src[q]))
            q++;
        let trim = false;
        if (src[q] === '-' && src.startsWith('}}', q + 1) && q > p) {
            trim = true;
            q++;
        }
        if (!src.startsWith('}}', q))
            this.fail(p, comment ? 'comment ends before closing delimiter' : 'unclosed action');
        q += 2;
        if (trim)
            while (isSpace(src[q]))
                q++;
        return q;
    }
    lexInside() {
        const src = this.src;
        for (;;) {
            const c = src[this.i];
            const pos = this.i;
            if (c === undefined)
                this.fail(pos, 'unclosed action');
            if (isSpace(c)) {
                let q = this.i;
                while (isSpace(src[q]))
                    q++;
                if (src[q] === '-' && src.startsWith('}}', q + 1)) {
                    this.tokens.push({ kind: 'right', text: '}}', pos: q });
                    this.i = this.closeAction(this.i, false);
                    return;
                }
                this.tokens.push({ kind: 'space', text: src.slice(this.i, q), pos });
                this.i = q;
                continue;
            }
            if (src.startsWith('}}', this.i)) {
                this.tokens.push({ kind: 'right', text: '}}', pos });
                this.i += 2;
                return;
            }
            if (c === '(' || c === ')' || c === '|' || c === ',') {
                const kind = c === '(' ? 'lparen' : c === ')' ? 'rparen' : c === '|' ? 'pipe' : 'comma';
                this.tokens.push({ kind, text: c, pos });
                this.i++;
                continue;
            }
            if (c === ':' && src[this.i + 1] === '=') {
                this.tokens.push({ kind: 'declare', text: ':=', pos });
                this.i += 2;
                continue;
            }
            if (c === '=') {
                this.tokens.push({ kind: 'assign', text: '=', pos });
                this.i++;
                continue;
            }
            if (c === '"') {
                this.lexQuoted();
                continue;
            }
            if (c === '`') {
                const end = src.indexOf('`', this.i + 1);
                if (end < 0)
                    this.fail(pos, 'unterminated raw quoted string');
                this.tokens.push({ kind: 'string', text: src.slice(this.i, end + 1), pos, value: src.slice(this.i + 1, end) });
                this.i = end + 1;
                continue;
            }
            if (c === "'") {
                this.lexChar();
                continue;
            }
            if (c === '$') {
                let q = this.i + 1;
                while (isAlnum(src[q]))
                    q++;
                this.tokens.push({ kind: 'var', text: src.slice(this.i, q), pos });
                this.i = q;
                continue;
            }
            if (c === '.') {
                if (/[0-9]/.test(src[this.i + 1] ?? '')) {
                    this.lexNumber();
                    continue;
                }
                let q = this.i + 1;
                while (isAlnum(src[q]))
                    q++;
                if (q === this.i + 1)
                    this.tokens.push({ kind: 'dot', text: '.', pos });
                else
                    this.tokens.push({ kind: 'field', text: src.slice(this.i, q), pos, value: src.slice(this.i + 1, q) });
                this.i = q;
                continue;
            }
            if (/[0-9]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(src[this.i + 1] ?? ''))) {
                this.lexNumber();
                continue;
            }
            if (isAlnum(c)) {
                let q = this.i;
                while (isAlnum(src[q]))
                    q++;
                const word = src.slice(this.i, q);
                const kind = word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'ident';
                this.tokens.push({ kind, text: word, pos });
                this.i = q;
                continue;
            }
            this.fail(pos, `unrecognized character in action: ${JSON.stringify(c)}`);
        }
    }
    lexQuoted() {
        const src = this.src;
        const pos = this.i;
        let q = this.i + 1;
        let out = '';
        for (;;) {
            const c = src[q];
            if (c === undefined || c === '\n')
                this.fail(pos, 'unterminated quoted string');
            if (c === '"')
                break;
            if (c === '\\') {
                const [s, len] = this.escape(q);
                out += s;
                q += len;
                continue;
            }
            out += c;
            q++;
        }
        this.tokens.push({ kind: 'string', text: src.slice(pos, q + 1), pos, value: out });
        this.i = q + 1;
    }
    lexChar() {
        const src = this.src;
        const pos = this.i;
        let value;
        let q = this.i + 1;
        if (src[q] === '\\') {
            const [s, len] = this.escape(q);
            value = s;
            q += len;
        }
        else {
            const cp = src.codePointAt(q);
            if (cp === undefined)
                this.fail(pos, 'unterminated character constant');
            value = String.fromCodePoint(cp);
            q += value.length;
        }
        if (src[q] !== "'")
            this.fail(pos, 'unterminated character constant');
        this.tokens.push({ kind: 'number', text: src.slice(pos, q + 1), pos, value: value.codePointAt(0) });
        this.i = q + 1;
    }
    /** Decodes the Go escape sequence at `q` (which holds the backslash); returns the text and the length consumed. */
    escape(q) {
        const src = this.src;
        const e = src[q + 1];
        if (e !== undefined && ESCAPES[e] !== undefined)
            return [ESCAPES[e], 2];
        const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (hexLen > 0) {
            const hex = src.slice(q + 2, q + 2 + hexLen);
            if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex))
                this.fail(q, 'invalid escape in quoted string');
            return [String.fromCodePoint(parseInt(hex, 16)), 2 + hexLen];
        }
        if (e !== undefined && /[0-7]/.test(e)) {
            const oct = src.slice(q + 1, q + 4);
            if (!/^[0-7]{3}$/.test(oct))
                this.fail(q, 'invalid escape in quoted string');
            return [String.fromCharCode(parseInt(oct, 8)), 4];
        }
        this.fail(q, `unknown escape sequence \\${e ?? ''}`);
    }
    lexNumber() {
        const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(this.src.slice(this.i));
        const text = m?.[0] ?? '';
        const clean = text.replace(/_/g, '');
        const sign = clean.startsWith('-') ? -1 : 1;
        const body = clean.replace(/^[+-]/, '');
        let value;
        if (/^0[xX]/.test(body))
            value = parseInt(body.slice(2), 16);
        else if (/^0[bB]/.test(body))
            value = parseInt(body.slice(2), 2);
        else if (/^0[oO]/.test(body))
            value = parseInt(body.slice(2), 8);
        else if (/^0[0-7]+$/.test(body))
            value = parseInt(body, 8);
        else
            value = Number(body);
        if (text === '' || Number.isNaN(value) || isAlnum(this.src[this.i + text.length])) {
            this.fail(this.i, `bad number syntax: ${JSON.stringify(this.src.slice(this.i, this.i + text.length + 1))}`);
        }
        this.tokens.push({ kind: 'number', text, pos: this.i, value: sign * value });
        this.i += text.length;
    }
}

;// CONCATENATED MODULE: ./build/src/gotemplate/parse.js
// Parser for the subset of Go's text/template that regsync and regbot configs use. It produces a small tree that
// template-exec.ts walks. Syntax follows https://pkg.go.dev/text/template (actions, trim markers, comments,
// pipelines, variables, if/else if/range/with/break/continue); define/template/block are refused.


const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);
/** Recursive descent over the tokens, mirroring text/template/parse. */
class Parser {
    src;
    toks;
    hasFunction;
    p = 0;
    vars = [['$']];
    constructor(src, toks, hasFunction) {
        this.src = src;
        this.toks = toks;
        this.hasFunction = hasFunction;
    }
    fail(pos, message) {
        throw TemplateSyntaxError.at(this.src, pos, message);
    }
    peek() {
        return this.toks[this.p];
    }
    next() {
        return this.toks[this.p++];
    }
    peekNonSpace() {
        while (this.peek().kind === 'space')
            this.p++;
        return this.peek();
    }
    nextNonSpace() {
        this.peekNonSpace();
        return this.next();
    }
    parse() {
        const { list, stop } = this.list();
        if (stop)
            this.fail(stop.pos, `unexpected {{${stop.word}}}`);
        return list;
    }
    /** Parses until `{{end}}`, `{{else…}}` or the end of input; returns which one stopped it. */
    list() {
        const list = [];
        for (;;) {
            const t = this.next();
            if (t.kind === 'eof')
                return { list, stop: undefined };
            if (t.kind === 'text') {
                list.push({ kind: 'text', text: t.text });
                continue;
            }
            const kw = this.peekNonSpace();
            if (kw.kind === 'ident' && KEYWORDS.has(kw.text)) {
                if (kw.text === 'end' || kw.text === 'else') {
                    this.next();
                    if (kw.text === 'end')
                        this.expectRight('end');
                    return { list, stop: { word: kw.text, pos: kw.pos } };
                }
                list.push(this.control(kw));
                continue;
            }
            const pipe = this.pipeline('command', t.pos);
            list.push({ kind: 'action', pipe, pos: t.pos });
        }
    }
    expectRight(context) {
        const t = this.nextNonSpace();
        if (t.kind !== 'right')
            this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
    }
    control(kw) {
        this.next();
        switch (kw.text) {
            case 'if':
            case 'with':
            case 'range':
                return this.branch(kw.text, kw.pos);
            case 'break':
            case 'continue':
                this.expectRight(kw.text);
                return { kind: kw.text, pos: kw.pos };
            default:
                this.fail(kw.pos, `{{${kw.text}}} is not supported in regsync and regbot templates`);
        }
    }
    branch(kind, pos) {
        this.vars.push([]);
        const pipe = this.pipeline(kind, pos);
        const body = this.list();
        let elseList;
        if (!body.stop)
            this.fail(this.src.length, `unexpected EOF: missing {{end}} for {{${kind}}}`);
        if (body.stop.word === 'else') {
            const chained = this.peekNonSpace();
            if ((kind === 'if' && chained.kind === 'ident' && chained.text === 'if') || (kind === 'with' && chained.kind === 'ident' && chained.text === 'with')) {
                this.next();
                // `{{else if x}}…{{end}}` is `{{else}}{{if x}}…{{end}}{{end}}` with one shared end, as in Go.
                elseList = [this.branch(kind, chained.pos)];
            }
            else {
                this.expectRight('else');
                const rest = this.list();
                if (!rest.stop)
                    this.fail(this.src.length, `unexpected EOF: missing {{end}} for {{${kind}}}`);
                if (rest.stop.word !== 'end')
                    this.fail(rest.stop.pos, 'expected {{end}} after {{else}}');
                elseList = rest.list;
            }
        }
        this.vars.pop();
        return { kind, pipe, list: body.list, elseList, pos };
    }
    pipeline(context, pos) {
        const startTok = this.peek();
        const decl = [];
        let isAssign = false;
        const save = this.p;
        const v = this.peekNonSpace();
        if (v.kind === 'var') {
            this.next();
            const after = this.peekNonSpace();
            if (after.kind === 'declare' || after.kind === 'assign' || (after.kind === 'comma' && context === 'range')) {
                this.next();
                decl.push(v.text);
                if (after.kind === 'comma') {
                    const v2 = this.nextNonSpace();
                    if (v2.kind !== 'var')
                        this.fail(v2.pos, 'range can only initialize variables');
                    const op = this.nextNonSpace();
                    if (op.kind !== 'declare' && op.kind !== 'assign')
                        this.fail(op.pos, `unexpected ${describe(op)} in range`);
                    decl.push(v2.text);
                    isAssign = op.kind === 'assign';
                }
                else {
                    isAssign = after.kind === 'assign';
                }
                for (const name of decl) {
                    if (isAssign) {
                        if (!this.lookupVar(name))
                            this.fail(v.pos, `undefined variable "${name}"`);
                    }
                    else {
                        this.vars[this.vars.length - 1].push(name);
                    }
                }
            }
            else {
                this.p = save;
            }
        }
        else {
            this.p = save;
        }
        const cmds = [];
        for (;;) {
            const t = this.peekNonSpace();
            if (t.kind === 'right') {
                this.next();
                break;
            }
            if (t.kind === 'rparen' && context === 'parenthesized pipeline')
                break;
            cmds.push(this.command(context));
            const after = this.peekNonSpace();
            if (after.kind === 'pipe') {
                this.next();
                const n = this.peekNonSpace();
                if (n.kind === 'right' || n.kind === 'rparen')
                    this.fail(n.pos, 'missing command after |');
                continue;
            }
            if (after.kind === 'right' || (after.kind === 'rparen' && context === 'parenthesized pipeline'))
                continue;
            this.fail(after.pos, `unexpected ${describe(after)} in ${context}`);
        }
        if (cmds.length === 0)
            this.fail(startTok.pos, `missing value for ${context}`);
        const end = this.toks[this.p - 1];
        return { decl, isAssign, cmds, pos, text: this.src.slice(pos, end.pos + end.text.length) };
    }
    lookupVar(name) {
        return this.vars.some((scope) => scope.includes(name));
    }
    command(context) {
        const first = this.peekNonSpace();
        const args = [];
        for (;;) {
            const t = this.peek();
            if (t.kind === 'space') {
                this.next();
                continue;
            }
            if (t.kind === 'right' || t.kind === 'pipe' || t.kind === 'rparen' || t.kind === 'eof')
                break;
            if (args.length > 0 && this.toks[this.p - 1].kind !== 'space')
                this.fail(t.pos, `missing space before ${describe(t)}`);
            args.push(this.operand(context));
        }
        if (args.length === 0)
            this.fail(first.pos, `empty command in ${context}`);
        return { args, pos: first.pos };
    }
    operand(context) {
        const term = this.term(context);
        if (this.peek().kind !== 'field')
            return term;
        const names = [];
        while (this.peek().kind === 'field')
            names.push(this.next().value);
        if (term.kind === 'field')
            return { kind: 'field', names: [...term.names, ...names], pos: term.pos };
        if (term.kind === 'var')
            return { kind: 'var', name: term.name, names: [...term.names, ...names], pos: term.pos };
        if (term.kind === 'string' || term.kind === 'number' || term.kind === 'bool' || term.kind === 'nil' || term.kind === 'dot') {
            this.fail(term.pos, `unexpected . after term ${JSON.stringify(this.src.slice(term.pos, this.peek().pos).trim() || '.')}`);
        }
        return { kind: 'chain', node: term, names, pos: term.pos };
    }
    term(context) {
        const t = this.next();
        switch (t.kind) {
            case 'dot':
                return { kind: 'dot', pos: t.pos };
            case 'field':
                return { kind: 'field', names: [t.value], pos: t.pos };
            case 'var':
                if (!this.lookupVar(t.text))
                    this.fail(t.pos, `undefined variable "${t.text}"`);
                return { kind: 'var', name: t.text, names: [], pos: t.pos };
            case 'string':
                return { kind: 'string', value: t.value, pos: t.pos };
            case 'number':
                return { kind: 'number', value: t.value, pos: t.pos };
            case 'bool':
                return { kind: 'bool', value: t.text === 'true', pos: t.pos };
            case 'nil':
                return { kind: 'nil', pos: t.pos };
            case 'ident':
                if (KEYWORDS.has(t.text))
                    this.fail(t.pos, `unexpected keyword "${t.text}" in ${context}`);
                if (!this.hasFunction(t.text))
                    this.fail(t.pos, `function "${t.text}" not defined`);
                return { kind: 'ident', name: t.text, pos: t.pos };
            case 'lparen': {
                const pipe = this.pipeline('parenthesized pipeline', t.pos);
                const close = this.next();
                if (close.kind !== 'rparen')
                    this.fail(close.pos, 'unclosed left paren');
                return { kind: 'pipe', pipe, pos: t.pos };
            }
            default:
                this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
        }
    }
}
function describe(t) {
    if (t.kind === 'eof')
        return 'EOF';
    if (t.kind === 'right')
        return '"}}"';
    return JSON.stringify(t.text);
}
/** Parses template text; `hasFunction` says which identifiers name functions (others are a syntax error, as in Go). */
function parseTemplate(src, hasFunction) {
    return new Parser(src, new Lexer(src).run(), hasFunction).parse();
}

;// CONCATENATED MODULE: ./build/src/gotemplate/template.js
// The template engine's entry point: compile once (syntax and unknown functions fail here, with a position), run
// many times with data. Used for regsync's and regbot's Go-template fields.







/** Template text needs no engine when it has no action: the common case of a plain reference or tag. */
function hasActions(source) {
    return source.includes('{{');
}
/** Parses `source`; throws TemplateSyntaxError (a ConfigError) with a position relative to `source`. */
function compileTemplate(source, name) {
    const nodes = parseTemplate(source, (fn) => Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCS, fn));
    return {
        name,
        source,
        execute(data, options = {}) {
            const env = options.env ?? process.env;
            const ctx = {
                env: (key) => env[key],
                readFile: options.readFile ?? ((path) => (0,external_node_fs_.readFileSync)(path, 'utf8')),
                warn: options.onWarning ?? (() => { }),
                now: options.now ?? (() => GoTime.now()),
            };
            return new TemplateRun(name, source, TEMPLATE_FUNCS, ctx, data).run(nodes, data);
        },
    };
}
/** Compiles and runs in one step. */
function expandTemplate(source, data, name, options) {
    if (!hasActions(source))
        return source;
    return compileTemplate(source, name).execute(data, options);
}


/***/ }),

/***/ 8656:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x7: () => (/* binding */ expandBackup),
  mw: () => (/* binding */ loadSyncConfig),
  Kp: () => (/* reexport */ filters/* nameAllowed */.Kp),
  O: () => (/* reexport */ filters/* selectTags */.O)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./build/src/config/creds.js
var config_creds = __webpack_require__(2709);
// EXTERNAL MODULE: ./build/src/oci/platform.js
var platform = __webpack_require__(3856);
// EXTERNAL MODULE: ./build/src/oci/mediatypes.js
var mediatypes = __webpack_require__(3662);
// EXTERNAL MODULE: ./build/src/config/cron.js
var cron = __webpack_require__(8982);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(9154);
// EXTERNAL MODULE: ./build/src/config/filters.js
var filters = __webpack_require__(1991);
// EXTERNAL MODULE: ./build/src/config/keys.js
var keys = __webpack_require__(4674);
// EXTERNAL MODULE: ./build/src/config/template-field.js
var template_field = __webpack_require__(2133);
;// CONCATENATED MODULE: ./build/src/sync/config/types.js
const SYNC_TYPES = ['image', 'repository', 'registry'];

// EXTERNAL MODULE: ./build/src/gotemplate/template.js + 7 modules
var template = __webpack_require__(3397);
;// CONCATENATED MODULE: ./build/src/sync/config/step.js
// `defaults` and `sync[]` entries of a regsync config, resolved the way regsync's syncSetDefaults does it, plus
// regkit's own keys (platformsIndex, prune, tags.latest/sort).









/** regsync's floor for ratelimit.retry. */
const RATE_LIMIT_RETRY_MIN_SECONDS = 300;
const DEFAULT_BLOB_LIMIT = 1024 * 1024 * 1024;
const DEFAULT_MEDIA_TYPES = [mediatypes/* MediaType */.zu.DockerManifest, mediatypes/* MediaType */.zu.DockerManifestList, mediatypes/* MediaType */.zu.OciManifest, mediatypes/* MediaType */.zu.OciIndex];
/** Keys a step shares with `defaults`. `fastCopy` is how regclient.org spells `fastCheck`. */
const SHARED_KEYS = [
    'backup', 'interval', 'schedule', 'ratelimit', 'digestTags', 'referrers', 'referrerFilters', 'referrerSource',
    'referrerTarget', 'referrerSlow', 'fastCheck', 'fastCopy', 'forceRecursive', 'includeExternal', 'mediaTypes', 'hooks',
    'platformsIndex',
];
const DEFAULTS_KEYS = [...SHARED_KEYS, 'parallel', 'blobLimit', 'cacheCount', 'cacheTime', 'skipDockerConfig', 'userAgent'];
const STEP_KEYS = [...SHARED_KEYS, 'source', 'target', 'type', 'tags', 'tagSets', 'repos', 'platform', 'platforms', 'prune', 'targetTag'];
const PLATFORMS_INDEX = ['sparse', 'rewrite'];
function present(yaml, f, key) {
    const e = f.get(key);
    return e && !yaml.isEmpty(e.value) ? e : undefined;
}
function step_duration(yaml, node, what) {
    try {
        return (0,duration/* parseGoDuration */.Q)(yaml.string(node, what));
    }
    catch (err) {
        throw yaml.error(node, `${what}: ${err.message}`);
    }
}
function readHook(yaml, node, what) {
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, what), ['type', 'params'], what);
    return { type: yaml.string(f.get('type')?.value ?? null, `${what}.type`), params: yaml.strings(f.get('params')?.value ?? null, `${what}.params`) };
}
function readOptions(yaml, f, where) {
    const o = { hooks: {} };
    const bool = (key) => {
        const e = present(yaml, f, key);
        return e ? yaml.bool(e.value, `${where}.${key}`) : undefined;
    };
    const text = (key) => {
        const e = present(yaml, f, key);
        if (!e)
            return undefined;
        const t = yaml.string(e.value, `${where}.${key}`);
        return t === '' ? undefined : { text: t, node: e.value };
    };
    o.backup = text('backup');
    o.referrerSource = text('referrerSource');
    o.referrerTarget = text('referrerTarget');
    const interval = present(yaml, f, 'interval');
    if (interval)
        o.intervalSeconds = step_duration(yaml, interval.value, `${where}.interval`);
    const schedule = present(yaml, f, 'schedule');
    if (schedule) {
        const s = yaml.string(schedule.value, `${where}.schedule`);
        try {
            (0,cron/* validateCron */.J)(s);
        }
        catch (err) {
            throw yaml.error(schedule.value, `${where}.schedule: ${err.message}`);
        }
        o.schedule = s;
    }
    const rate = present(yaml, f, 'ratelimit');
    if (rate) {
        const r = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(rate.value, `${where}.ratelimit`), ['min', 'retry'], `${where}.ratelimit`);
        const min = present(yaml, r, 'min');
        if (min)
            o.rateMin = yaml.number(min.value, `${where}.ratelimit.min`, { integer: true, min: 0 });
        const retry = present(yaml, r, 'retry');
        if (retry)
            o.rateRetrySeconds = step_duration(yaml, retry.value, `${where}.ratelimit.retry`);
    }
    o.digestTags = bool('digestTags');
    o.referrers = bool('referrers');
    o.referrerSlow = bool('referrerSlow');
    o.forceRecursive = bool('forceRecursive');
    o.includeExternal = bool('includeExternal');
    o.fastCheck = bool('fastCheck');
    const fastCopy = present(yaml, f, 'fastCopy');
    if (fastCopy) {
        yaml.warn(fastCopy.keyNode, `${where}.fastCopy is read as fastCheck (regclient.org spells it fastCopy; regsync's code reads only fastCheck and ignores it)`);
        o.fastCheck ??= yaml.bool(fastCopy.value, `${where}.fastCopy`);
    }
    const filters = f.get('referrerFilters');
    if (filters) {
        // An explicit empty list is kept: it overrides the defaults' filters, as a non-nil slice does in regsync.
        o.referrerFilters = yaml.items(filters.value, `${where}.referrerFilters`).map((item, i) => {
            const w = `${where}.referrerFilters[${i}]`;
            const rf = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(item, w), ['artifactType', 'annotations'], w);
            const artifactType = yaml.string(rf.get('artifactType')?.value ?? null, `${w}.artifactType`);
            return { ...(artifactType ? { artifactType } : {}), annotations: yaml.stringMap(rf.get('annotations')?.value ?? null, `${w}.annotations`) };
        });
    }
    const media = present(yaml, f, 'mediaTypes');
    if (media) {
        const list = yaml.strings(media.value, `${where}.mediaTypes`);
        if (list.length > 0)
            o.mediaTypes = list;
    }
    const hooks = present(yaml, f, 'hooks');
    if (hooks) {
        const h = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(hooks.value, `${where}.hooks`), ['pre', 'post', 'unchanged'], `${where}.hooks`);
        for (const k of ['pre', 'post', 'unchanged']) {
            const e = present(yaml, h, k);
            if (e)
                o.hooks[k] = readHook(yaml, e.value, `${where}.hooks.${k}`);
        }
    }
    const pi = present(yaml, f, 'platformsIndex');
    if (pi) {
        const v = yaml.string(pi.value, `${where}.platformsIndex`);
        if (!PLATFORMS_INDEX.includes(v))
            throw yaml.error(pi.value, `${where}.platformsIndex must be sparse or rewrite, not ${JSON.stringify(v)}`);
        o.platformsIndex = v;
    }
    return o;
}
function readDefaults(yaml, node) {
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults');
    const o = readOptions(yaml, f, 'defaults');
    const num = (key, opts) => {
        const e = present(yaml, f, key);
        return e ? yaml.number(e.value, `defaults.${key}`, opts) : undefined;
    };
    const cacheTime = present(yaml, f, 'cacheTime');
    const userAgent = present(yaml, f, 'userAgent');
    const skip = present(yaml, f, 'skipDockerConfig');
    return {
        parallel: Math.max(1, num('parallel', { integer: true }) ?? 0),
        ...(o.schedule !== undefined ? { schedule: o.schedule } : {}),
        ...(o.intervalSeconds !== undefined ? { intervalSeconds: o.intervalSeconds } : {}),
        rateLimit: { min: o.rateMin ?? 0, retrySeconds: Math.max(RATE_LIMIT_RETRY_MIN_SECONDS, o.rateRetrySeconds ?? 0) },
        ...(o.backup ? { backup: o.backup.text } : {}),
        digestTags: o.digestTags ?? false,
        referrers: o.referrers ?? false,
        ...(o.referrerFilters ? { referrerFilters: o.referrerFilters } : {}),
        ...(o.referrerSource ? { referrerSource: o.referrerSource.text } : {}),
        ...(o.referrerTarget ? { referrerTarget: o.referrerTarget.text } : {}),
        referrerSlow: o.referrerSlow ?? false,
        fastCheck: o.fastCheck ?? false,
        forceRecursive: o.forceRecursive ?? false,
        includeExternal: o.includeExternal ?? false,
        mediaTypes: o.mediaTypes ?? [...DEFAULT_MEDIA_TYPES],
        hooks: o.hooks,
        platformsIndex: o.platformsIndex ?? 'sparse',
        blobLimit: num('blobLimit', { integer: true, min: 0 }) || DEFAULT_BLOB_LIMIT,
        cacheCount: num('cacheCount', { integer: true, min: 0 }) ?? 0,
        cacheTimeSeconds: cacheTime ? step_duration(yaml, cacheTime.value, 'defaults.cacheTime') : 0,
        skipDockerConfig: skip ? yaml.bool(skip.value, 'defaults.skipDockerConfig') : false,
        ...(userAgent ? { userAgent: yaml.string(userAgent.value, 'defaults.userAgent') } : {}),
    };
}
/** `.Sync` (and `.Step`) as templates see it: regsync's ConfigSync with Go field names. */
function syncTemplateData(step) {
    const tags = (t) => ({
        Allow: (t?.allow ?? []).map((p) => p.source),
        Deny: (t?.deny ?? []).map((p) => p.source),
        SemverRange: (t?.semverRange ?? []).map((r) => r.source),
    });
    const hook = (h) => (h ? { Type: h.type, Params: h.params } : null);
    return {
        Source: step.source,
        Target: step.target,
        Type: step.type,
        Tags: tags(step.tags),
        TagSets: step.tagSets.map(tags),
        Repos: { Allow: step.repos.allow.map((p) => p.source), Deny: step.repos.deny.map((p) => p.source) },
        DigestTags: step.digestTags,
        Referrers: step.referrers,
        ReferrerFilters: step.referrerFilters.map((r) => ({ ArtifactType: r.artifactType ?? '', Annotations: new Map(Object.entries(r.annotations)) })),
        ReferrerSrc: step.referrerSource ?? '',
        ReferrerTgt: step.referrerTarget ?? '',
        ReferrerSlow: step.referrerSlow,
        Platform: step.platform ?? '',
        Platforms: step.platforms,
        FastCheck: step.fastCheck,
        ForceRecursive: step.forceRecursive,
        IncludeExternal: step.includeExternal,
        Backup: step.backupText ?? '',
        Interval: new template/* GoDuration */.zo(step.intervalSeconds ?? 0),
        Schedule: step.schedule ?? '',
        RateLimit: { Min: step.rateLimit.min, Retry: new template/* GoDuration */.zo(step.rateLimit.retrySeconds) },
        MediaTypes: step.mediaTypes,
        Hooks: { Pre: hook(step.hooks.pre), Post: hook(step.hooks.post), Unchanged: hook(step.hooks.unchanged) },
    };
}
function checkPlatform(yaml, node, text, what) {
    try {
        (0,platform/* parsePlatform */.Y8)(text);
    }
    catch (err) {
        throw yaml.error(node, `${what}: ${err.message}`);
    }
}
function readStep(yaml, node, index, d, defaultBackup, run) {
    const where = `sync[${index}]`;
    const resolved = yaml.resolve(node);
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(resolved, where), STEP_KEYS, where);
    const o = readOptions(yaml, f, where);
    const required = (key) => {
        const e = present(yaml, f, key);
        const text = e ? yaml.string(e.value, `${where}.${key}`).trim() : '';
        if (!e || text === '')
            throw yaml.error(e?.value ?? resolved, `${where}.${key} is required`);
        return { text, node: e.value };
    };
    const source = required('source');
    const target = required('target');
    const typeField = required('type');
    if (!SYNC_TYPES.includes(typeField.text)) {
        throw yaml.error(typeField.node, `${where}.type must be image, repository or registry, not ${JSON.stringify(typeField.text)}`);
    }
    const type = typeField.text;
    const tagsEntry = present(yaml, f, 'tags');
    const tags = tagsEntry ? (0,filters/* readTagFilter */.hy)(yaml, tagsEntry.value, `${where}.tags`) : undefined;
    const sets = yaml.items(f.get('tagSets')?.value ?? null, `${where}.tagSets`).map((item, i) => (0,filters/* readTagFilter */.hy)(yaml, item, `${where}.tagSets[${i}]`));
    const repos = (0,filters/* readNameFilter */.od)(yaml, f.get('repos')?.value ?? null, `${where}.repos`);
    if (type !== 'registry' && (repos.allow.length > 0 || repos.deny.length > 0)) {
        throw yaml.error(f.get('repos').keyNode, `${where}.repos applies only to type: registry`);
    }
    if (type === 'image' && (tags || sets.length > 0)) {
        yaml.warn((f.get('tags') ?? f.get('tagSets')).keyNode, `${where}: tag filters are ignored for type: image`);
    }
    const platformEntry = present(yaml, f, 'platform');
    const platform = platformEntry ? yaml.string(platformEntry.value, `${where}.platform`) : '';
    if (platform)
        checkPlatform(yaml, platformEntry.value, platform, `${where}.platform`);
    const platformsNode = f.get('platforms')?.value ?? null;
    const platforms = yaml.strings(platformsNode, `${where}.platforms`);
    yaml.items(platformsNode, `${where}.platforms`).forEach((item, i) => checkPlatform(yaml, item, platforms[i], `${where}.platforms[${i}]`));
    const pruneEntry = present(yaml, f, 'prune');
    const prune = pruneEntry ? yaml.bool(pruneEntry.value, `${where}.prune`) : false;
    if (prune && type !== 'repository')
        throw yaml.error(pruneEntry.value, `${where}.prune applies only to type: repository`);
    const targetTag = f.get('targetTag');
    if (targetTag)
        yaml.warn(targetTag.keyNode, `${where}.targetTag is ignored (regsync's code has no such key; use an image step with the target tag)`);
    let intervalSeconds = o.intervalSeconds;
    let schedule = o.schedule;
    if (intervalSeconds === undefined && schedule === undefined) {
        if (d.schedule !== undefined)
            schedule = d.schedule;
        else if (d.intervalSeconds !== undefined)
            intervalSeconds = d.intervalSeconds;
    }
    const backup = o.backup ? (0,template_field/* compileField */.g)(yaml, o.backup.node, o.backup.text, `${where}.backup`) : defaultBackup;
    const step = {
        source: source.text,
        target: target.text,
        type,
        ...(tags ? { tags } : {}),
        tagSets: sets,
        repos,
        ...(platform ? { platform } : {}),
        platforms,
        digestTags: o.digestTags ?? d.digestTags,
        referrers: o.referrers ?? d.referrers,
        referrerFilters: o.referrerFilters ?? d.referrerFilters ?? [],
        referrerSlow: o.referrerSlow ?? d.referrerSlow,
        fastCheck: o.fastCheck ?? d.fastCheck,
        forceRecursive: o.forceRecursive ?? d.forceRecursive,
        includeExternal: o.includeExternal ?? d.includeExternal,
        ...(backup ? { backupText: backup.source } : {}),
        ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
        ...(schedule !== undefined ? { schedule } : {}),
        rateLimit: {
            min: o.rateMin || d.rateLimit.min,
            retrySeconds: o.rateRetrySeconds ? Math.max(RATE_LIMIT_RETRY_MIN_SECONDS, o.rateRetrySeconds) : d.rateLimit.retrySeconds,
        },
        mediaTypes: o.mediaTypes ?? d.mediaTypes,
        hooks: { ...d.hooks, ...o.hooks },
        referrerSource: o.referrerSource?.text ?? d.referrerSource,
        referrerTarget: o.referrerTarget?.text ?? d.referrerTarget,
    };
    // regsync expands source, referrerSource, target, referrerTarget in that order, each seeing the ones before.
    const expand = (key, node) => {
        const text = step[key];
        if (text === undefined)
            return;
        step[key] = (0,template_field/* expandField */.r)(yaml, node, text, `${where}.${key}`, { Sync: syncTemplateData(step) }, run).trim();
    };
    expand('source', source.node);
    expand('referrerSource', o.referrerSource?.node ?? null);
    expand('target', target.node);
    expand('referrerTarget', o.referrerTarget?.node ?? null);
    for (const key of ['source', 'target']) {
        if (step[key] === '')
            throw yaml.error(key === 'source' ? source.node : target.node, `${where}.${key} expands to an empty string`);
    }
    const pos = yaml.position(resolved);
    const { tags: _tags, backupText: _backupText, referrerSource, referrerTarget, ...rest } = step;
    return {
        ...rest,
        index,
        file: yaml.name,
        line: pos.line,
        column: pos.column,
        tagSets: tags ? [tags, ...sets] : sets,
        platformsIndex: o.platformsIndex ?? d.platformsIndex,
        prune,
        ...(referrerSource ? { referrerSource } : {}),
        ...(referrerTarget ? { referrerTarget } : {}),
        ...(backup ? { backup } : {}),
    };
}

// EXTERNAL MODULE: ./build/src/config/document.js + 1 modules
var config_document = __webpack_require__(4367);
;// CONCATENATED MODULE: ./build/src/sync/config/load.js
// Loads a regsync.yml: regclient's format read strictly (unknown keys are errors with their position and the
// nearest valid key), every default applied, templates expanded in regsync's order. `loadSyncConfig` is the entry.






const TOP_KEYS = ['version', 'creds', 'defaults', 'sync'];
/**
 * Reads and resolves a regsync config. `file` is a path, `-` for standard input, or `{ text, name }`. `env` feeds
 * `{{env}}` (process.env when absent). Throws ConfigError with file:line:column on anything unusable.
 */
function loadSyncConfig(file, env) {
    const { yaml, top, run } = (0,config_document/* openConfigDocument */.E)(file, TOP_KEYS, env);
    const creds = (0,config_creds/* readCreds */.sW)(yaml, top.get('creds')?.value ?? null, { templates: config_creds/* REGSYNC_CREDS_TEMPLATES */.Qj, run });
    const defaultsNode = top.get('defaults')?.value ?? null;
    const defaults = readDefaults(yaml, defaultsNode);
    const backupNode = yaml.entries(defaultsNode, 'defaults').find((e) => e.key === 'backup')?.value ?? null;
    const defaultBackup = defaults.backup !== undefined ? (0,template_field/* compileField */.g)(yaml, backupNode, defaults.backup, 'defaults.backup') : undefined;
    const sync = yaml.items(top.get('sync')?.value ?? null, 'sync').map((node, i) => readStep(yaml, node, i, defaults, defaultBackup, run));
    return { file: yaml.name, version: 1, creds, defaults, sync, warnings: yaml.warnings };
}
/**
 * Runs a step's backup template for the target about to be overwritten. The result names a tag in the target
 * repository, or a full reference when it holds `/` or `:` (regsync's rule). Undefined when the step has no backup.
 */
function expandBackup(step, ref, options = {}) {
    if (!step.backup)
        return undefined;
    const data = syncTemplateData({ ...step, backupText: step.backup.source });
    const out = step.backup.execute({ Ref: ref, Step: data, Sync: data }, options).trim();
    if (out === '')
        throw new errors/* ConfigError */.xL(`backup template of sync[${step.index}] expanded to an empty name`, { file: step.file, line: step.line, column: step.column });
    return out;
}


/***/ })

};
