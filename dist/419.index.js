export const id = 419;
export const ids = [419];
export const modules = {

/***/ 11991:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kp: () => (/* binding */ nameAllowed),
/* harmony export */   O: () => (/* binding */ selectTags),
/* harmony export */   a0: () => (/* binding */ compareNewestFirst),
/* harmony export */   hy: () => (/* binding */ readTagFilter),
/* harmony export */   od: () => (/* binding */ readNameFilter)
/* harmony export */ });
/* unused harmony export TAG_FILTER_KEYS */
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44674);
/* harmony import */ var _regex_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62939);
/* harmony import */ var _semver_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(13986);
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
    const f = (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, what), TAG_FILTER_KEYS, what, TAG_FILTER_KEYS);
    const filter = {
        allow: patterns(yaml, f.get('allow')?.value ?? null, `${what}.allow`),
        deny: patterns(yaml, f.get('deny')?.value ?? null, `${what}.deny`),
        // regsync skips an empty entry, and a list of only empty entries is no semver condition at all.
        semverRange: yaml.items(f.get('semverRange')?.value ?? null, `${what}.semverRange`).flatMap((item, i) => {
            const text = yaml.string(item, `${what}.semverRange[${i}]`);
            if (text === '')
                return [];
            try {
                return [(0,_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemverRange */ .zv)(text)];
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
    const f = (0,_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, what), NAME_FILTER_KEYS, what, NAME_FILTER_KEYS);
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

/***/ 13986:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kf: () => (/* binding */ parseSemver),
/* harmony export */   mU: () => (/* binding */ compareSemver),
/* harmony export */   zv: () => (/* binding */ parseSemverRange)
/* harmony export */ });
// Versions and ranges for `tags.semverRange` and `sort: semver`, read as regsync reads them (regclient's own
// internal/semver, not Masterminds): a version is an optional `v`, any number of dot-separated integers (`5`,
// `1.5`, `10.0.17763.2114`), then an optional `-suffix` and `+metadata`. Container tags carry their variant in the
// suffix (`v1.2.3-alpine3.21`, `v5-scratch`), so the suffix is read as a pre-release: it sorts below the bare version
// and it matches ranges like any other version. A range is comparators joined by spaces (AND): `>= <= > < =` or none
// (exact), `^` and `~`; alternatives are separate `semverRange` entries (OR).
// Go's strconv.Atoi, which regclient uses for each number, refuses what does not fit in an int64.
const INT64_MAX = '9223372036854775807';
function readNumber(text) {
    if (!/^[0-9]+$/.test(text))
        return undefined;
    const n = text.replace(/^0+(?=.)/, '');
    if (n.length > INT64_MAX.length || (n.length === INT64_MAX.length && n > INT64_MAX))
        return undefined;
    return n;
}
/** The version a tag names, or undefined when it is not one. */
function parseSemver(text) {
    let rest = text.startsWith('v') ? text.slice(1) : text;
    const plus = rest.indexOf('+');
    if (plus >= 0)
        rest = rest.slice(0, plus);
    const dash = rest.indexOf('-');
    const prerelease = dash >= 0 ? rest.slice(dash + 1) : '';
    if (dash >= 0)
        rest = rest.slice(0, dash);
    const parts = [];
    for (const p of rest.split('.')) {
        const n = readNumber(p);
        if (n === undefined)
            return undefined;
        parts.push(n);
    }
    return { parts, prerelease };
}
function compareNumbers(a, b) {
    if (a.length !== b.length)
        return a.length < b.length ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** `rc11` → text `rc`, number `11`, rest ``: a suffix identifier is compared run by run, so `rc2` < `rc11`. */
function splitRun(id) {
    const m = /^([^0-9]*)([0-9]*)(.*)$/s.exec(id);
    return { text: m[1], num: m[2], rest: m[3] };
}
function compareIdentifier(a, b) {
    while (a !== '' && b !== '') {
        const x = splitRun(a);
        const y = splitRun(b);
        const t = compareText(x.text, y.text);
        if (t !== 0)
            return t;
        // A run that ends without a number sorts before one that goes on with a number (`alpha` < `alpha1`).
        if (x.num === '' || y.num === '') {
            if (x.num !== y.num)
                return x.num === '' ? -1 : 1;
        }
        else {
            const n = compareNumbers(x.num.replace(/^0+(?=.)/, ''), y.num.replace(/^0+(?=.)/, ''));
            if (n !== 0)
                return n;
        }
        a = x.rest;
        b = y.rest;
    }
    return a === b ? 0 : a === '' ? -1 : 1;
}
function comparePrerelease(a, b) {
    const as = a.split('.');
    const bs = b.split('.');
    for (let i = 0; i < Math.min(as.length, bs.length); i++) {
        const c = compareIdentifier(as[i], bs[i]);
        if (c !== 0)
            return c;
    }
    return Math.sign(as.length - bs.length);
}
/** Release numbers first (missing ones count as 0, so `1.2` = `1.2.0`), then a suffixed version below its release. */
function compareSemver(a, b) {
    for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
        const c = compareNumbers(a.parts[i] ?? '0', b.parts[i] ?? '0');
        if (c !== 0)
            return c;
    }
    if (a.prerelease === b.prerelease)
        return 0;
    if (a.prerelease === '' || b.prerelease === '')
        return a.prerelease === '' ? 1 : -1;
    return comparePrerelease(a.prerelease, b.prerelease);
}
const release = (...parts) => ({ parts: parts.map(String), prerelease: '' });
const num = (v, i) => Number(v.parts[i] ?? '0');
/** Parses one `semverRange` entry; throws an Error naming the part it cannot read. */
function parseSemverRange(source) {
    const words = source
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '');
    if (words.length === 0)
        throw new Error(`invalid semver range ${JSON.stringify(source)}: empty`);
    const comparators = [];
    for (const word of words) {
        const m = /^(\^|~|>=|<=|>|<|=)?(.*)$/s.exec(word);
        const op = m[1] ?? '=';
        const v = parseSemver(m[2]);
        if (!v) {
            throw new Error(`invalid semver range ${JSON.stringify(source)}: ${JSON.stringify(word)} is not an operator (^ ~ >= <= > < =) joined to a version ` +
                '(dot-separated numbers, an optional -suffix); comparators are separated by spaces, alternatives are separate semverRange entries');
        }
        if (op === '^') {
            // ^1.2.3 stays below 2.0.0, ^0.2.3 below 0.3.0, ^0.0.3 below 0.0.4.
            const upper = num(v, 0) > 0 ? release(num(v, 0) + 1, 0, 0) : num(v, 1) > 0 ? release(0, num(v, 1) + 1, 0) : release(0, 0, num(v, 2) + 1);
            comparators.push({ op: '>=', bound: v }, { op: '<', bound: upper });
        }
        else if (op === '~') {
            comparators.push({ op: '>=', bound: v }, { op: '<', bound: release(num(v, 0), num(v, 1) + 1, 0) });
        }
        else {
            comparators.push({ op: op, bound: v });
        }
    }
    return {
        source,
        test(version) {
            return comparators.every(({ op, bound }) => {
                const c = compareSemver(version, bound);
                return op === '=' ? c === 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : c <= 0;
            });
        },
    };
}


/***/ }),

/***/ 6419:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPrune: () => (/* binding */ runPrune)
});

// EXTERNAL MODULE: ./build/src/log.js
var log = __webpack_require__(6671);
// EXTERNAL MODULE: ./build/src/limit.js
var src_limit = __webpack_require__(53346);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(34123);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
;// CONCATENATED MODULE: ./build/src/store/decorator.js
class StoreDecorator {
    inner;
    constructor(inner) {
        this.inner = inner;
    }
    get kind() {
        return this.inner.kind;
    }
    headManifest(ref) {
        return this.inner.headManifest(ref);
    }
    getManifest(ref) {
        return this.inner.getManifest(ref);
    }
    putManifest(ref, bytes, mediaType) {
        return this.inner.putManifest(ref, bytes, mediaType);
    }
    deleteManifest(ref) {
        return this.inner.deleteManifest(ref);
    }
    headBlob(repo, digest) {
        return this.inner.headBlob(repo, digest);
    }
    getBlob(repo, desc) {
        return this.inner.getBlob(repo, desc);
    }
    putBlob(repo, desc, content) {
        return this.inner.putBlob(repo, desc, content);
    }
    mountBlob(repo, digest, from) {
        return this.inner.mountBlob(repo, digest, from);
    }
    listTags(repo, opts) {
        return this.inner.listTags(repo, opts);
    }
    listRepositories(opts) {
        return this.inner.listRepositories(opts);
    }
    listReferrers(ref, opts) {
        return this.inner.listReferrers(ref, opts);
    }
    deleteTag(ref, current) {
        return this.inner.deleteTag(ref, current);
    }
    close() {
        return this.inner.close();
    }
}
/** A StoreSource view that wraps each store once, so a decorator's state is shared by every caller of one store. */
function decorateStores(storeFor, wrap) {
    const wrapped = new Map();
    return {
        storeFor: (ref) => {
            const store = storeFor(ref);
            let w = wrapped.get(store);
            if (!w)
                wrapped.set(store, (w = wrap(store)));
            return w;
        },
    };
}

;// CONCATENATED MODULE: ./build/src/prune/lua/journal.js
// The record of every write a script asked for, executed or (in dry-run) only planned, and what the report makes
// of it. Deletes the script made (or, in a dry run, planned) are remembered by the JournalingStore, so that later
// safety checks in the same run treat those tags and digests as gone.


class Journal {
    onChange;
    entries = [];
    deletedTags = new Set();
    deletedDigests = new Set();
    constructor(onChange = () => { }) {
        this.onChange = onChange;
    }
    /** Records a write; the entry is returned so the caller can mark its outcome (then `changed`). */
    record(op, fields) {
        const entry = { op, ...fields, executed: false };
        this.entries.push(entry);
        this.onChange(this.entries.length - 1, entry, false);
        return entry;
    }
    changed(entry) {
        const i = this.entries.indexOf(entry);
        if (i >= 0)
            this.onChange(i, entry, true);
    }
    noteTagDeleted(repo, tag) {
        this.deletedTags.add(`${repo}:${tag}`);
    }
    noteDigestDeleted(repo, digest) {
        this.deletedDigests.add(`${repo}@${digest}`);
    }
    isTagDeleted(repo, tag) {
        return this.deletedTags.has(`${repo}:${tag}`);
    }
    isDigestDeleted(repo, digest) {
        return this.deletedDigests.has(`${repo}@${digest}`);
    }
}
/** Remembers the deletes that went through it (made, or planned by a dry-run store below it). */
class JournalingStore extends StoreDecorator {
    journal;
    constructor(inner, journal) {
        super(inner);
        this.journal = journal;
    }
    /** The store's receipt passes through: a GitHub Packages delete names the versions it removed, for the result. */
    async deleteTag(ref, current) {
        const receipt = await this.inner.deleteTag(ref, current);
        if (ref.tag !== undefined)
            this.journal.noteTagDeleted((0,reference/* repositoryKey */.Kq)(ref), ref.tag);
        return receipt;
    }
    async deleteManifest(ref) {
        const receipt = await this.inner.deleteManifest(ref);
        if (ref.digest !== undefined)
            this.journal.noteDigestDeleted((0,reference/* repositoryKey */.Kq)(ref), ref.digest);
        return receipt;
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
    'image.exportTar': 'export',
};
function statusOf(entry) {
    if (entry.error !== undefined)
        return 'failed';
    const deleting = entry.op === 'tag.delete' || entry.op.endsWith('.delete');
    if (deleting)
        return entry.executed ? 'deleted' : 'would-delete';
    return entry.executed ? 'copied' : 'would-copy';
}
/** The journal in the one result model, for the text, JSON-lines and job-summary renderers. */
function journalToResults(script, entries) {
    return entries.map((e) => ({
        op: KIND[e.op],
        status: statusOf(e),
        target: e.target,
        ...(e.source !== undefined ? { source: e.source } : {}),
        ...(e.digest !== undefined ? { digest: e.digest } : {}),
        bytes: 0,
        ...(e.error !== undefined ? { reason: e.error } : {}),
        details: {
            kind: 'script',
            script,
            call: e.op,
            ...(e.line !== undefined ? { line: e.line } : {}),
            ...(e.githubVersionIds !== undefined ? { githubVersionIds: e.githubVersionIds } : {}),
        },
    }));
}

// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(75919);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./build/src/copy/archive.js + 3 modules
var archive = __webpack_require__(64263);
// EXTERNAL MODULE: ./build/src/oci/digest.js
var digest = __webpack_require__(6559);
;// CONCATENATED MODULE: ./build/src/prune/lua/dry-run.js
// The store a dry run writes through: reads reach the registry or layout, writes are planned and never made. It sits
// on the host side of the script worker, so no code in the worker (the script, the API, a bug in either) can write
// during a dry run: the one place that decides is this class.


class DryRunStore extends StoreDecorator {
    async putManifest(_ref, bytes, _mediaType) {
        return (0,digest/* digestOf */.ol)(bytes);
    }
    async deleteManifest(_ref) { }
    async deleteTag(_ref, _current) { }
    async putBlob(_repo, _desc, content) {
        (await content).destroy();
    }
    /** Declined: a dry run links nothing, and a caller that would then upload is itself planning. */
    async mountBlob(_repo, _digest, _from) {
        return false;
    }
}

;// CONCATENATED MODULE: ./build/src/prune/lua/messages.js
/** `regbot.yml:14`: the file line of Lua line `luaLine` for a block-scalar script, else of the script's entry. */
function configLine(site, luaLine) {
    if (!site)
        return undefined;
    const line = luaLine !== undefined && luaLine > 0 && site.luaLineOffset !== undefined ? site.luaLineOffset + luaLine : site.line;
    return `${site.file}:${line}`;
}
/** ` (regbot.yml:14)`, for a message. */
function siteOf(site, luaLine) {
    const at = configLine(site, luaLine);
    return at === undefined ? '' : ` (${at})`;
}
/** `name:LINE: script "name" (regbot.yml:14) <what>`. */
function stoppedMessage(name, site, line, what) {
    const at = line !== undefined && line > 0 ? `${name}:${line}: ` : '';
    return `${at}script "${name}"${siteOf(site, line)} ${what}`;
}
function timeoutMessage(name, site, timeoutMs, line, insideCall = false) {
    return stoppedMessage(name, site, line, `timed out after ${timeoutMs / 1000}s${insideCall ? ' inside one library call' : ''}; raise its timeout or make it do less per run`);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
;// CONCATENATED MODULE: ./build/src/prune/lua/files.js
// Where a script may reach the file system: `image.exportTar`, `image.importTar` and `ocidir://` references resolve
// under one directory (defaults.scriptFiles in regbot.yml, else the working directory, which is the workspace in
// GitHub Actions). A path outside it — absolute elsewhere, `..`, or through a symlink leading out — is refused
// before anything is opened. Checked on the host side of the worker, where the files are opened.



function inside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === '' || (!rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel));
}
/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realish(path) {
    try {
        return (0,external_node_fs_.realpathSync)(path);
    }
    catch {
        const parent = (0,external_node_path_.dirname)(path);
        if (parent === path)
            return path;
        return (0,external_node_path_.resolve)(realish(parent), (0,external_node_path_.relative)(parent, path));
    }
}
class ScriptFiles {
    dir;
    root;
    constructor(dir) {
        this.dir = dir;
        this.root = realish((0,external_node_path_.resolve)(dir));
    }
    /** The absolute path a script's `path` names; throws when it leads outside the directory. */
    resolve(path, what) {
        const absolute = (0,external_node_path_.resolve)(this.dir, path);
        if (!inside((0,external_node_path_.resolve)(this.dir), absolute) || !inside(this.root, realish(absolute))) {
            throw new errors/* UsageError */.eb(`${what}: "${path}" is outside ${this.dir}, the only directory scripts may use (set defaults.scriptFiles in the regbot config to choose another)`);
        }
        return absolute;
    }
    /** An `ocidir://` reference with its path checked and made absolute; a registry reference as it is. */
    reference(ref, what) {
        if (ref.scheme !== 'ocidir')
            return ref;
        return { ...ref, path: this.resolve(ref.path, what) };
    }
}

// EXTERNAL MODULE: ./build/src/prune/lua/sandbox.js + 1 modules
var sandbox = __webpack_require__(66309);
;// CONCATENATED MODULE: ./build/src/prune/lua/protocol.js
/** The Store calls a worker may ask for by name; every other name is refused by the host. */
const STORE_CALLS = [
    'headManifest',
    'getManifest',
    'putManifest',
    'deleteManifest',
    'headBlob',
    'mountBlob',
    'listTags',
    'listRepositories',
    'listReferrers',
    'deleteTag',
];

;// CONCATENATED MODULE: ./build/src/prune/lua/host.js
// Runs one regbot script in a worker thread of its own and serves its registry calls. Scripts are untrusted code:
// the in-Lua clock hook cannot fire inside one library call (`string.find` backtracking, `string.rep("", 2^31-1)`),
// and a runaway allocation would take the whole process down with "heap out of memory". A worker has its own heap,
// capped by `resourceLimits`, and `worker.terminate()` stops it whatever it is doing; the run goes on with the next
// script.
//
// Why the bridge is asynchronous messages, not Atomics.wait: the stores (connection pools, tokens, limiters) stay on
// the main thread, shared by every script and by the plan applier, and the worker reaches them by messages. The Lua
// engine already runs the script as a coroutine that yields at each registry call and is resumed by an event loop
// (bridge.ts), so the worker's own event loop awaits the reply like any Promise. Blocking the worker with Atomics.wait
// on a SharedArrayBuffer plus receiveMessageOnPort would only buy synchronous API calls — the coroutine design
// already gives scripts that — at the cost of a thread that cannot be interrupted between two replies. The one shared
// buffer used is a status word: the script line the clock hook last saw, read when the host has to stop the worker.









/** How long past its timeout a script gets to stop by itself (with its line) before its worker is terminated. */
const KILL_GRACE_MS = 1000;
/** What the host does for one worker: its stores, files, open blob streams and writes. */
class ScriptService {
    opts;
    /** What the script reaches: `served` with every ocidir:// path checked. */
    stores;
    /** The run's stores, dry-run where asked; the archive code's own staging layouts (in the temp dir) go through these. */
    served;
    files;
    reading = new Map();
    writing = new Map();
    nextStream = 1;
    constructor(opts) {
        this.opts = opts;
        this.files = new ScriptFiles(opts.filesDir ?? process.cwd());
        const served = opts.dryRun
            ? decorateStores((ref) => opts.stores.storeFor(ref), (s) => new DryRunStore(s))
            : opts.stores;
        this.served = served;
        this.stores = { storeFor: (ref) => served.storeFor(this.files.reference(ref, 'ocidir reference')) };
    }
    storeAt(at) {
        return this.stores.storeFor(at);
    }
    refs(value) {
        const v = value;
        if (v && typeof v === 'object' && v.scheme === 'ocidir')
            return this.files.reference(v, 'ocidir reference');
        return value;
    }
    async serve(r) {
        switch (r.op) {
            case 'store': {
                if (!STORE_CALLS.includes(r.call))
                    throw new Error(`unknown store call ${String(r.call)}`);
                const store = this.storeAt(r.at);
                return store[r.call].apply(store, r.args.map((a) => this.refs(a)));
            }
            case 'getBlob': {
                const stream = await this.storeAt(r.at).getBlob(this.refs(r.repo), r.desc);
                const id = this.nextStream++;
                this.reading.set(id, stream[Symbol.asyncIterator]());
                return id;
            }
            case 'read': {
                const it = this.reading.get(r.stream);
                if (!it)
                    return null;
                const next = await it.next();
                if (next.done)
                    this.reading.delete(r.stream);
                return next.done ? null : next.value;
            }
            case 'close': {
                await this.reading.get(r.stream)?.return?.();
                this.reading.delete(r.stream);
                this.writing.get(r.stream)?.sink.destroy(new Error('upload abandoned by the script'));
                this.writing.delete(r.stream);
                return null;
            }
            case 'putBlob': {
                const sink = new external_node_stream_.PassThrough({ highWaterMark: 1024 * 1024 });
                const done = this.storeAt(r.at).putBlob(this.refs(r.repo), r.desc, sink);
                done.catch(() => { });
                const id = this.nextStream++;
                this.writing.set(id, { sink, done });
                return id;
            }
            case 'write': {
                const w = this.writing.get(r.stream);
                if (!w)
                    throw new Error('no such upload');
                // A store that stopped reading (a dry run's, or one that failed) needs no more bytes: say so, and the worker
                // stops sending.
                if (w.sink.destroyed || w.sink.writableEnded)
                    return false;
                if (!w.sink.write(Buffer.from(r.chunk))) {
                    await new Promise((resolve) => {
                        w.sink.once('drain', resolve);
                        w.sink.once('close', resolve);
                    });
                }
                return true;
            }
            case 'end': {
                const w = this.writing.get(r.stream);
                if (!w)
                    throw new Error('no such upload');
                this.writing.delete(r.stream);
                if (!w.sink.destroyed)
                    w.sink.end();
                await w.done;
                return null;
            }
            case 'copy': {
                // The copy engine has its own planning mode: in dry-run it reads, decides and writes nothing.
                const result = await this.opts.copy(this.refs(r.src), this.refs(r.dst), { ...r.opts, dryRun: this.opts.dryRun });
                return result.digest !== undefined ? { digest: result.digest } : {};
            }
            case 'importTar': {
                const file = this.files.resolve(r.file, 'image.importTar');
                const result = await (0,archive/* importImage */.J)({ stores: this.served, logger: this.opts.logger }, file, this.refs(r.ref), { dryRun: this.opts.dryRun });
                return result.digest !== undefined ? { digest: result.digest } : {};
            }
            case 'exportTar': {
                const file = this.files.resolve(r.file, 'image.exportTar');
                // Planned only: a dry run (a pull request's policy check) writes no file.
                if (this.opts.dryRun)
                    return null;
                await (0,archive/* exportImage */._)({ stores: this.served, logger: this.opts.logger }, this.refs(r.ref), file);
                return null;
            }
        }
    }
    /** Ends open streams of a worker that is gone. */
    async release() {
        for (const it of this.reading.values())
            await it.return?.().catch(() => undefined);
        for (const w of this.writing.values())
            w.sink.destroy(new Error('the script stopped during this upload'));
        this.reading.clear();
        this.writing.clear();
    }
}
async function runScript(opts) {
    const started = Date.now();
    const memoryMiB = opts.memoryLimitMiB ?? sandbox/* DEFAULT_SCRIPT_MEMORY_MIB */.r;
    const status = new SharedArrayBuffer(4);
    const journal = [];
    const settled = [];
    const logs = [];
    const service = new ScriptService(opts);
    const inFlight = new Set();
    const input = {
        name: opts.name,
        source: opts.source,
        dryRun: opts.dryRun,
        timeoutMs: opts.timeoutMs,
        stringLimitBytes: memoryMiB * 1024 * 1024,
        ...(opts.platform ? { platform: opts.platform } : {}),
        ...(opts.site ? { site: opts.site } : {}),
        status,
    };
    const worker = new external_node_worker_threads_.Worker(__webpack_require__.ab + "worker.js", {
        workerData: input,
        resourceLimits: { maxOldGenerationSizeMb: memoryMiB },
    });
    const lastLine = () => {
        const line = Atomics.load(new Int32Array(status), 0);
        return line > 0 ? line : undefined;
    };
    const stopped = (what) => stoppedMessage(opts.name, opts.site, lastLine(), what);
    /** A Lua error the engine ended with (`name:LINE: …`), given the config file's line as well, as a stop is. */
    const located = (e) => {
        const line = e.startsWith(`${opts.name}:`) ? /^(\d+): /.exec(e.slice(opts.name.length + 1)) : null;
        if (!line || !opts.site || e.includes(`script "${opts.name}" (`))
            return e;
        return stoppedMessage(opts.name, opts.site, Number(line[1]), `failed: ${e.slice(opts.name.length + 1 + line[0].length)}`);
    };
    /** The engine ended the script itself (and logged its failure); otherwise the host stopped the worker. */
    let ended = false;
    const error = await new Promise((resolve) => {
        let killedForTime = false;
        const timer = setTimeout(() => {
            killedForTime = true;
            void worker.terminate();
        }, opts.timeoutMs + KILL_GRACE_MS);
        const finish = (e) => {
            clearTimeout(timer);
            resolve(e);
        };
        worker.on('message', (m) => {
            switch (m.kind) {
                case 'call': {
                    const work = service.serve(m.request).then((value) => ({ kind: 'reply', id: m.id, ok: true, value }), (err) => ({ kind: 'reply', id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) }));
                    inFlight.add(work);
                    void work.then((reply) => {
                        inFlight.delete(work);
                        worker.postMessage(reply);
                    });
                    return;
                }
                case 'log':
                    opts.logger[m.level](m.message, m.fields);
                    return;
                case 'scriptLog':
                    logs.push(m.line);
                    return;
                case 'journal':
                    journal[m.index] = m.entry;
                    settled[m.index] = m.settled;
                    return;
                case 'done':
                    ended = true;
                    finish(m.error === undefined ? undefined : located(m.error));
                    return;
            }
        });
        worker.on('error', (err) => {
            if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
                finish(stopped(`stopped: it used more than its memory limit of ${memoryMiB} MiB (defaults.scriptMemory in the regbot config)`));
            }
            else {
                finish(stopped(`stopped: ${err.message}`));
            }
        });
        worker.on('exit', (code) => {
            if (killedForTime)
                finish(timeoutMessage(opts.name, opts.site, opts.timeoutMs, lastLine(), true));
            else
                finish(stopped(`stopped unexpectedly (worker exit code ${code})`));
        });
    });
    await worker.terminate();
    // Writes the host was making when the worker stopped finish (each has its own deadline) before the result is final.
    await Promise.allSettled([...inFlight]);
    await service.release();
    if (error !== undefined) {
        for (let i = 0; i < journal.length; i++) {
            const e = journal[i];
            if (e && !settled[i] && e.error === undefined)
                e.error = `not confirmed: the script stopped during this call (${error})`;
        }
        if (!ended)
            opts.logger.error('Script failed', { script: opts.name, error });
    }
    return {
        name: opts.name,
        ok: error === undefined,
        ...(error !== undefined ? { error } : {}),
        journal: journal.filter((e) => e !== undefined),
        logs,
        durationMs: Date.now() - started,
    };
}

;// CONCATENATED MODULE: ./build/src/prune/lua/run.js
// Running a regbot script: each in a worker thread of its own (host.ts), the Lua engine inside it (engine.ts).



// EXTERNAL MODULE: ./build/src/store/tag-uses.js
var tag_uses = __webpack_require__(42440);
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
    constructor(inner, protect, maxDeletes) {
        this.inner = inner;
        this.protect = protect;
        this.maxDeletes = maxDeletes;
    }
    /** The guarded StoreSource to hand to scripts and the plan applier. */
    stores = decorateStores((ref) => this.inner.storeFor(ref), (store) => new GuardedStore(store, this));
    get deletesMade() {
        return this.made;
    }
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
class GuardedStore extends StoreDecorator {
    guard;
    constructor(store, guard) {
        super(store);
        this.guard = guard;
    }
    async deleteTag(ref, current) {
        if (ref.tag !== undefined && this.guard.holdsTag(ref, ref.tag))
            return;
        this.guard.spend(ref);
        return this.inner.deleteTag(ref, current);
    }
    /** A digest delete takes every tag on it: refused, and recorded, when any of them is protected. */
    async deleteManifest(ref) {
        if (this.guard.protect.length > 0 && ref.digest !== undefined) {
            const uses = await (0,tag_uses/* tagsUsingDigest */.U)(this.inner, ref, ref.digest);
            const held = uses.map((u) => u.tag).filter((tag) => this.guard.holdsTag(ref, tag));
            if (held.length > 0) {
                this.guard.protectedRefs.set((0,reference/* formatReference */.FH)(ref), protectedBy(this.guard.protect, ref, held[0]));
                return;
            }
        }
        this.guard.spend(ref);
        return this.inner.deleteManifest(ref);
    }
}

// EXTERNAL MODULE: ./build/src/store/store.js
var store_store = __webpack_require__(66942);
// EXTERNAL MODULE: ./build/src/config/filters.js
var filters = __webpack_require__(11991);
// EXTERNAL MODULE: ./build/src/config/semver.js
var semver = __webpack_require__(13986);
// EXTERNAL MODULE: ./build/src/prune/policy/args.js
var args = __webpack_require__(33620);
// EXTERNAL MODULE: ./build/src/oci/manifest.js
var manifest = __webpack_require__(62262);
;// CONCATENATED MODULE: ./build/src/prune/lua/handles.js
class ReferenceHandle {
    ref;
    constructor(ref) {
        this.ref = ref;
    }
}
/** A manifest as fetched (`parsed` set) or as seen by a HEAD request (descriptor only). */
class handles_ManifestHandle {
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

// EXTERNAL MODULE: ./build/src/oci/platform.js
var oci_platform = __webpack_require__(23856);
;// CONCATENATED MODULE: ./build/src/prune/lua/manifest-fetch.js
// Fetching what the manifest and image tables hand to scripts: a manifest (resolved to one platform, as regbot's
// manifest.get does, or as stored), a HEAD-only descriptor, and an image config.






/** The manifest a reference names; with `platform`, an index is resolved to that platform's image manifest. */
async function fetchManifest(store, ref, platform) {
    const fetched = await store.getManifest(ref);
    const parsed = (0,manifest/* parseManifest */.N)(fetched.bytes, fetched.mediaType);
    if (parsed.kind !== 'index' || platform === undefined) {
        return new handles_ManifestHandle(ref, fetched.digest, parsed.mediaType || fetched.mediaType, fetched.size, parsed, fetched.rateLimit);
    }
    const child = (0,oci_platform/* selectPlatform */.md)(parsed.index.manifests, platform);
    if (!child) {
        const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [(0,oci_platform/* formatPlatform */.Bq)(d.platform)] : [])).join(', ');
        throw new Error(`no manifest for platform ${(0,oci_platform/* formatPlatform */.Bq)(platform)} in ${(0,reference/* formatReference */.FH)(ref)} (it has ${offered || 'no platforms'})`);
    }
    const resolved = await store.getManifest((0,reference/* withDigest */.hQ)(ref, child.digest));
    const childParsed = (0,manifest/* parseManifest */.N)(resolved.bytes, resolved.mediaType);
    return new handles_ManifestHandle(ref, resolved.digest, childParsed.mediaType || resolved.mediaType, resolved.size, childParsed, fetched.rateLimit);
}
async function headManifest(store, ref) {
    const head = await store.headManifest(ref);
    if (!head) {
        throw new RegistryError('manifest not found', {
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
    let m = source instanceof handles_ManifestHandle ? source : await fetchManifest(store, source, platform);
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
    return configured ?? localPlatform();
}

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
        source = new handles_ManifestHandle((0,reference/* withDigest */.hQ)(ref, fetched.digest), fetched.digest, fetched.mediaType, fetched.size, parsed, undefined);
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
    const limit = (0,src_limit/* createLimiter */.z)(READ_CONCURRENCY);
    return Promise.all(tags.map((tag) => limit(async () => ({ tag, info: await imageDate(store, (0,reference/* withTag */.Rd)(call.repo, tag), by) }))));
}
async function digestsOf(store, call, tags) {
    const limit = (0,src_limit/* createLimiter */.z)(READ_CONCURRENCY);
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
        const members = groups.get(key);
        if (members)
            members.push(tag);
        else
            groups.set(key, [tag]);
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
async function planUntagged(store, policy) {
    if (!(0,store_store/* listsUntagged */.j1)(store))
        throw new Error(`untagged: ${(0,reference/* formatReference */.FH)(policy.repo)} is not in a registry that lists untagged manifests (GitHub Packages: ghcr.io, or a host with api: github)`);
    const untagged = await store.listUntagged(policy.repo);
    const deletes = untagged.map((u) => ({
        ref: (0,reference/* withDigest */.hQ)(policy.repo, u.digest),
        digest: u.digest,
        reason: `untagged: no tag reaches it${u.githubVersionId !== undefined ? ` (version ${u.githubVersionId})` : ''}`,
    }));
    return { deletes, kept: [] };
}
/** The tags (or untagged manifests) a policy would delete, with the digest each points at now. */
async function planPolicy(ctx, call) {
    const store = ctx.stores.storeFor(call.repo);
    if (call.kind === 'untagged')
        return planUntagged(store, call);
    const tags = await store.listTags((0,reference/* repositoryOf */._M)(call.repo));
    const plan = call.kind === 'keepLast' ? await planKeepLast(ctx, store, call, tags) : await planOlderThan(ctx, store, call, tags);
    ctx.logger.debug('policy planned', { policy: (0,args/* describePolicy */.wy)(call), deletes: plan.deletes.length, kept: plan.kept.length });
    return plan;
}

;// CONCATENATED MODULE: ./build/src/prune/plan/build.js
// Building the plan: every script runs in dry-run (reads real, writes journaled), every declarative policy plans,
// then `protect` takes out what it holds and the total is checked against `maxDeletes`. Nothing is written here.
// A real run plans only the policies (planPolicies), after its scripts have acted.





const DELETES = ['tag.delete', 'manifest.delete', 'image.delete'];
function isDelete(e) {
    return DELETES.includes(e.op);
}
/** The image a delete entry names (every delete targets an image, never a file). */
function deletedImage(e) {
    return e.target.kind === 'image' ? e.target.ref : undefined;
}
function scriptReason(name, line) {
    return `script "${name}"${line !== undefined ? ` line ${line}` : ''}`;
}
/** Runs one script as it will run for real: the regbot API plus the `policy` table. */
function runBotScript(ctx, config, script, dryRun, stores) {
    const filesDir = config.defaults.scriptFiles ?? ctx.filesDir;
    return runScript({
        name: script.name,
        source: script.source,
        stores,
        logger: ctx.logger,
        dryRun,
        timeoutMs: script.timeoutSeconds * 1000,
        memoryLimitMiB: config.defaults.scriptMemoryMiB,
        copy: ctx.copy,
        ...(ctx.platform ? { platform: ctx.platform } : {}),
        ...(filesDir !== undefined ? { filesDir } : {}),
        site: { file: script.file, line: script.line, ...(script.luaLineOffset !== undefined ? { luaLineOffset: script.luaLineOffset } : {}) },
    });
}
function tagDeleteOf(e, reason) {
    const ref = deletedImage(e);
    return { reference: (0,reference/* formatReference */.FH)(ref), ref, tag: ref.tag, digest: e.digest, reason, ...(e.line !== undefined ? { line: e.line } : {}) };
}
async function planScript(ctx, config, script) {
    const result = await runBotScript(ctx, config, script, true, ctx.stores);
    const writes = result.journal.filter((e) => e.error === undefined);
    const onlyTagDeletes = writes.every((e) => e.op === 'tag.delete');
    return {
        name: script.name,
        source: { kind: 'script', script },
        apply: onlyTagDeletes ? 'plan' : 'rerun',
        // A script that failed while planning shows none of its planned deletes: its failure is the result.
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
        unit.deletes = plan.deletes.map((d) => ({
            reference: (0,reference/* formatReference */.FH)(d.ref),
            ref: d.ref,
            ...(d.tag !== undefined ? { tag: d.tag } : {}),
            digest: d.digest,
            reason: `${policy.name}: ${d.reason}`,
        }));
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
            const p = d.tag === undefined ? undefined : protectedBy(patterns, d.ref, d.tag);
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
        const ref = e.op === 'tag.delete' ? deletedImage(e) : undefined;
        const p = ref?.tag !== undefined ? protectedBy(patterns, ref, ref.tag) : undefined;
        if (p && ref)
            unit.protected.push({ reference: (0,reference/* formatReference */.FH)(ref), ref, ...(e.digest !== undefined ? { digest: e.digest } : {}), pattern: p.source });
        else
            count++;
    }
    return count;
}
/** Applies `protect` to the units and checks what remains, plus `spent` deletes already made, against `maxDeletes`. */
function limitPlan(config, units, spent) {
    const deleteCount = units.reduce((sum, u) => sum + applyProtect(config, u), 0);
    const max = config.defaults.maxDeletes;
    const plan = { units, deleteCount };
    if (max !== undefined && spent + deleteCount > max) {
        const made = spent > 0 ? ` after the scripts' ${spent}` : '';
        plan.overLimit = `the plan deletes ${deleteCount} tags or images${made}, over defaults.maxDeletes (${max}): nothing ${spent > 0 ? 'more ' : ''}was deleted; check the plan (--dry-run), then raise maxDeletes or narrow the scripts and policies`;
    }
    return plan;
}
async function planPolicyUnits(ctx, config) {
    const units = [];
    for (const p of config.policies)
        units.push(await planDeclared(ctx, p));
    return units;
}
/** The dry run's plan: every script in dry-run, then every policy. */
async function buildPlan(ctx, config) {
    const limit = (0,src_limit/* createLimiter */.z)(config.defaults.parallel);
    const scripts = await Promise.all(config.scripts.map((s) => limit(() => planScript(ctx, config, s))));
    return limitPlan(config, [...scripts, ...(await planPolicyUnits(ctx, config))], 0);
}
/** A real run's plan for its policies, made after its scripts ran and deleted `spent` tags or images. */
async function planPolicies(ctx, config, spent) {
    return limitPlan(config, await planPolicyUnits(ctx, config), spent);
}

;// CONCATENATED MODULE: ./build/src/prune/plan/results.js
// The plan and its outcome in the one result model: would-delete / deleted / failed / excluded (protected), each
// with its digest and a reason naming the script (and line) or policy it came from.



function unitDetails(unit, line) {
    const at = line !== undefined ? { line } : {};
    return unit.source.kind === 'script' ? { kind: 'script', script: unit.name, ...at } : { kind: 'policy', policy: unit.name, ...at };
}
/** `receipt`: the store's account of the delete; GitHub Packages version ids go in the details, for restore. */
function deleteResult(unit, d, status, why, receipt) {
    return {
        op: d.tag === undefined ? 'image-delete' : 'tag-delete',
        status,
        target: (0,result/* imageAt */.t3)(d.ref),
        digest: d.digest,
        bytes: 0,
        reason: why === undefined ? d.reason : `${why} (${d.reason})`,
        details: { ...unitDetails(unit, d.line), ...(receipt ? { githubVersionIds: receipt.githubVersionIds } : {}) },
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
        const pattern = held.get((0,result/* locationText */.fN)(journal[i].target));
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
        const receipt = d.tag === undefined ? await store.deleteManifest(d.ref) : await store.deleteTag(d.ref, now);
        if (guard.protectedRefs.has(d.reference))
            return deleteResult(unit, d, 'excluded', `protected by defaults.protect "${guard.protectedRefs.get(d.reference).source}"`);
        logger.info('Deleted tag', {
            [unit.source.kind]: unit.name,
            image: d.reference,
            digest: d.digest,
            ...(receipt ? { githubVersionIds: receipt.githubVersionIds } : {}),
        });
        return deleteResult(unit, d, 'deleted', undefined, receipt);
    }
    catch (err) {
        return deleteResult(unit, d, 'failed', err instanceof Error ? err.message : String(err));
    }
}
/** `onResult` hears each delete as it ends; the array comes back in plan order. */
async function applyPlannedDeletes(stores, guard, logger, unit, parallel, onResult) {
    const limit = (0,src_limit/* createLimiter */.z)(Math.max(1, parallel));
    return Promise.all(unit.deletes.map((d) => limit(async () => {
        const r = await applyDelete(stores, guard, logger, unit, d);
        onResult?.(r);
        return r;
    })));
}

;// CONCATENATED MODULE: ./build/src/prune/run.js
// The prune engine. A dry run plans: every script in dry-run, every policy planned, `protect` and `maxDeletes`
// checked, nothing written. A real run acts as regbot does: each script runs once, in config order, and each write
// takes effect when the script calls it (so a script that lists tags after deleting one no longer sees it), every
// delete passing the guard (`protect`, the children of kept indexes, `maxDeletes` counted as deletes are made: one
// past it fails at the script's line). Then the policies are planned against what the scripts left, and applied
// unless the policies' plan with the scripts' deletes is over `maxDeletes`, in which case they delete nothing.
// A failing script or policy stops only itself; its failure is a `failed` result, so the run exits 1 at the end.





async function runScriptForReal(ctx, config, guard, script) {
    const real = await runBotScript(ctx, config, script, false, guard.stores);
    const unit = { name: script.name, source: { kind: 'script', script } };
    const held = new Map([...guard.protectedRefs].map(([ref, p]) => [ref, p.source]));
    const out = scriptResults(unit, real.journal, held);
    if (real.error !== undefined)
        out.push(unitFailure(unit, real.error));
    return out;
}
async function applyPolicy(ctx, config, guard, unit, onResult) {
    if (unit.error !== undefined) {
        const failed = unitFailure(unit, unit.error);
        onResult(failed);
        return [failed];
    }
    const applied = await applyPlannedDeletes(guard.stores, guard, ctx.logger, unit, config.defaults.parallel, onResult);
    const held = unit.protected.map((p) => protectedResult(unit, p));
    held.forEach(onResult);
    return [...applied, ...held];
}
function overLimitResult(config, reason) {
    return { op: 'prune', status: 'failed', target: { kind: 'file', path: config.file }, bytes: 0, reason };
}
async function runPrune(ctx, config, opts, onResult = () => { }) {
    for (const w of config.warnings)
        ctx.logger.warn(w.message, (0,log/* atPosition */.xx)(w));
    if (opts.dryRun) {
        const plan = await buildPlan(ctx, config);
        ctx.logger.info('Prune plan', { deletes: plan.deleteCount, units: plan.units.length, dryRun: true });
        const results = planResults(plan.units);
        if (plan.overLimit !== undefined)
            results.push(overLimitResult(config, plan.overLimit));
        results.forEach(onResult);
        return { plan, results };
    }
    const guard = new DeleteGuard(ctx.stores, config.defaults.protect, config.defaults.maxDeletes);
    const results = [];
    for (const script of config.scripts) {
        const out = await runScriptForReal(ctx, config, guard, script);
        out.forEach(onResult);
        results.push(...out);
    }
    const plan = await planPolicies(ctx, config, guard.deletesMade);
    if (plan.units.length > 0)
        ctx.logger.info('Prune plan', { deletes: plan.deleteCount, units: plan.units.length, dryRun: false });
    if (plan.overLimit !== undefined) {
        const held = [...planResults(plan.units), overLimitResult(config, plan.overLimit)];
        held.forEach(onResult);
        results.push(...held);
        return { plan, results };
    }
    for (const unit of plan.units)
        results.push(...(await applyPolicy(ctx, config, guard, unit, onResult)));
    return { plan, results };
}


/***/ })

};
