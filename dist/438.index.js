export const id = 438;
export const ids = [438];
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

/***/ 21438:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  x7: () => (/* binding */ expandBackup),
  mw: () => (/* binding */ loadSyncConfig),
  Kp: () => (/* reexport */ filters/* nameAllowed */.Kp),
  O: () => (/* reexport */ filters/* selectTags */.O)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/config/creds.js
var config_creds = __webpack_require__(32709);
// EXTERNAL MODULE: ./build/src/oci/platform.js
var platform = __webpack_require__(23856);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/oci/mediatypes.js
var mediatypes = __webpack_require__(93662);
// EXTERNAL MODULE: ./build/src/config/cron.js
var cron = __webpack_require__(68982);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(99154);
// EXTERNAL MODULE: ./build/src/config/filters.js
var filters = __webpack_require__(11991);
// EXTERNAL MODULE: ./build/src/config/keys.js
var keys = __webpack_require__(44674);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/src/config/regex.js
var regex = __webpack_require__(62939);
// EXTERNAL MODULE: ./build/src/verify/policy.js
var verify_policy = __webpack_require__(81345);
// EXTERNAL MODULE: ./build/src/verify/trusted-root.js
var trusted_root = __webpack_require__(52261);
;// CONCATENATED MODULE: ./build/src/sync/config/verify.js
// regkit's `verify:` extension of regsync steps and `defaults`: keys, keyless identities, the trusted root, the
// evidence thresholds and what of a multi-platform image must be signed, read into a VerifyPolicy
// (src/verify/policy.ts) with every file loaded and every pattern compiled.





const VERIFY_KEYS = ['keys', 'keyless', 'trustedRoot', 'tlogThreshold', 'ctlogThreshold', 'timestampThreshold', 'signed'];
const KEYLESS_KEYS = ['issuer', 'issuerRegExp', 'subject', 'subjectRegExp'];
/**
 * regkit's `verify:` extension. Every key of it is regkit's own, so an unknown one is an error, never a warning: a
 * misspelt policy would admit images unchecked. Key files and the trusted root are read now, so a missing or broken
 * one fails the load at its position.
 */
function readVerify(yaml, node, what, trust) {
    const v = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, what), VERIFY_KEYS, what, 'every');
    const keysEntry = (0,keys/* presentEntry */.Ut)(yaml, v, 'keys');
    const keylessEntry = (0,keys/* presentEntry */.Ut)(yaml, v, 'keyless');
    if (!keysEntry && !keylessEntry) {
        throw yaml.error(node, `${what}.keys is required: the public key files (cosign.pub) whose signatures admit an image, or keyless identities`);
    }
    // A policy under review names files it brings along (in the checkout), never a file elsewhere on the runner.
    const policyFile = (item, at, read) => {
        const path = yaml.string(item, at);
        if (trust.kind === 'untrusted' && ((0,external_node_path_.isAbsolute)(path) || (0,external_node_path_.normalize)(path).split(external_node_path_.sep)[0] === '..')) {
            throw yaml.error(item, `${at}: ${path} is outside the working directory, which a config under review may not read (--untrusted-config)`);
        }
        try {
            return read(path);
        }
        catch (err) {
            throw yaml.error(item, `${at}: ${err.message}`);
        }
    };
    const list = (entry, key) => {
        if (!entry)
            return [];
        const items = yaml.items(entry.value, `${what}.${key}`);
        if (items.length === 0)
            throw yaml.error(entry.value, `${what}.${key} is empty: no image could be admitted`);
        return items;
    };
    const threshold = (key, fallback) => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, v, key);
        return e ? yaml.number(e.value, `${what}.${key}`, { integer: true, min: 0 }) : fallback;
    };
    const signed = () => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, v, 'signed');
        if (!e)
            return 'index';
        const value = yaml.string(e.value, `${what}.signed`);
        const scope = (0,verify_policy/* parseSignedScope */.us)(value);
        if (!scope)
            throw yaml.error(e.value, `${what}.signed: "${value}" is not one of ${verify_policy/* SIGNED_SCOPES */.fQ.join(', ')}`);
        return scope;
    };
    const rootEntry = (0,keys/* presentEntry */.Ut)(yaml, v, 'trustedRoot');
    const policy = {
        keys: list(keysEntry, 'keys').map((item, i) => policyFile(item, `${what}.keys[${i}]`, verify_policy/* readPublicKeyFile */.LL)),
        keyless: list(keylessEntry, 'keyless').map((item, i) => readKeyless(yaml, item, `${what}.keyless[${i}]`)),
        ...(rootEntry ? { trustedRoot: policyFile(rootEntry.value, `${what}.trustedRoot`, trusted_root/* readTrustedRootFile */.u) } : {}),
        thresholds: {
            tlog: threshold('tlogThreshold', verify_policy/* DEFAULT_THRESHOLDS */.JJ.tlog),
            ctlog: threshold('ctlogThreshold', verify_policy/* DEFAULT_THRESHOLDS */.JJ.ctlog),
            timestamp: threshold('timestampThreshold', verify_policy/* DEFAULT_THRESHOLDS */.JJ.timestamp),
        },
        signed: signed(),
    };
    const problem = (0,verify_policy/* policyProblem */.Cj)(policy, { keys: 'keys', keyless: 'keyless', trustedRoot: 'trustedRoot', timestampThreshold: 'timestampThreshold' });
    if (problem)
        throw yaml.error(node, `${what}: ${problem}`);
    return policy;
}
/** One keyless identity: the issuer and the subject, each given exactly or as a regular expression matching it whole. */
function readKeyless(yaml, node, what) {
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, what), KEYLESS_KEYS, what, 'every');
    const match = (key) => {
        const exact = (0,keys/* presentEntry */.Ut)(yaml, f, key);
        const regExp = (0,keys/* presentEntry */.Ut)(yaml, f, `${key}RegExp`);
        if (exact && regExp)
            throw yaml.error(regExp.keyNode, `${what}: give ${key} or ${key}RegExp, not both`);
        if (exact)
            return { exact: yaml.string(exact.value, `${what}.${key}`) };
        if (!regExp)
            throw yaml.error(node, `${what}.${key} (or ${key}RegExp) is required: an identity that names no ${key} would admit any`);
        const pattern = yaml.string(regExp.value, `${what}.${key}RegExp`);
        try {
            return { regExp: (0,regex/* compileAnchoredRegex */.d)(pattern), pattern };
        }
        catch (err) {
            throw yaml.error(regExp.value, `${what}.${key}RegExp: ${err.message}`);
        }
    };
    return { issuer: match('issuer'), subject: match('subject') };
}

// EXTERNAL MODULE: ./build/src/config/template-field.js
var template_field = __webpack_require__(72133);
;// CONCATENATED MODULE: ./build/src/sync/config/types.js
const SYNC_TYPES = ['image', 'repository', 'registry'];

// EXTERNAL MODULE: ./build/src/gotemplate/template.js + 6 modules
var template = __webpack_require__(83441);
;// CONCATENATED MODULE: ./build/src/sync/config/step.js
// `defaults` and `sync[]` entries of a regsync config, resolved the way regsync's syncSetDefaults does it, plus
// regkit's own keys (platformsIndex, prune, tags.latest/sort).











/** regsync's floor for ratelimit.retry. */
const RATE_LIMIT_RETRY_MIN_SECONDS = 300;
const DEFAULT_BLOB_LIMIT = 1024 * 1024 * 1024;
const DEFAULT_MEDIA_TYPES = [mediatypes/* MediaType */.zu.DockerManifest, mediatypes/* MediaType */.zu.DockerManifestList, mediatypes/* MediaType */.zu.OciManifest, mediatypes/* MediaType */.zu.OciIndex];
/** Keys a step shares with `defaults`. `fastCopy` is how regclient.org spells `fastCheck`; regsync ignores it. */
const SHARED_KEYS = [
    'backup',
    'interval',
    'schedule',
    'ratelimit',
    'digestTags',
    'referrers',
    'referrerFilters',
    'referrerSource',
    'referrerTarget',
    'referrerSlow',
    'fastCheck',
    'fastCopy',
    'forceRecursive',
    'includeExternal',
    'mediaTypes',
    'hooks',
    'platformsIndex',
    'verify',
];
const DEFAULTS_KEYS = [...SHARED_KEYS, 'parallel', 'blobLimit', 'cacheCount', 'cacheTime', 'skipDockerConfig', 'userAgent'];
const STEP_KEYS = [...SHARED_KEYS, 'source', 'target', 'type', 'tags', 'tagSets', 'repos', 'platform', 'platforms', 'prune', 'targetTag'];
const PLATFORMS_INDEX = ['sparse', 'rewrite'];
/** Step keys that narrow what a step writes: a misspelling of one is refused (see checkedEntries). */
const FILTER_KEYS = ['tags', 'tagSets', 'repos', 'platform', 'platforms'];
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
function readOptions(yaml, f, where, trust) {
    const o = { hooks: {} };
    const bool = (key) => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, f, key);
        return e ? yaml.bool(e.value, `${where}.${key}`) : undefined;
    };
    const text = (key) => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, f, key);
        if (!e)
            return undefined;
        const t = yaml.string(e.value, `${where}.${key}`);
        return t === '' ? undefined : { text: t, node: e.value };
    };
    o.backup = text('backup');
    o.referrerSource = text('referrerSource');
    o.referrerTarget = text('referrerTarget');
    const interval = (0,keys/* presentEntry */.Ut)(yaml, f, 'interval');
    if (interval)
        o.intervalSeconds = step_duration(yaml, interval.value, `${where}.interval`);
    const schedule = (0,keys/* presentEntry */.Ut)(yaml, f, 'schedule');
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
    const rate = (0,keys/* presentEntry */.Ut)(yaml, f, 'ratelimit');
    if (rate) {
        const r = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(rate.value, `${where}.ratelimit`), ['min', 'retry'], `${where}.ratelimit`);
        const min = (0,keys/* presentEntry */.Ut)(yaml, r, 'min');
        if (min)
            o.rateMin = yaml.number(min.value, `${where}.ratelimit.min`, { integer: true, min: 0 });
        const retry = (0,keys/* presentEntry */.Ut)(yaml, r, 'retry');
        if (retry)
            o.rateRetrySeconds = step_duration(yaml, retry.value, `${where}.ratelimit.retry`);
    }
    o.digestTags = bool('digestTags');
    o.referrers = bool('referrers');
    o.referrerSlow = bool('referrerSlow');
    o.forceRecursive = bool('forceRecursive');
    o.includeExternal = bool('includeExternal');
    o.fastCheck = bool('fastCheck');
    const fastCopy = (0,keys/* presentEntry */.Ut)(yaml, f, 'fastCopy');
    if (fastCopy) {
        // regclient.org's docs spell it fastCopy, but regsync reads only fastCheck: honouring it would skip the referrers
        // and digest tags regsync still copies.
        yaml.warn(fastCopy.keyNode, `${where}.fastCopy is ignored, as regsync ignores it: the key regsync reads is fastCheck (rename it to skip the referrer and digest-tag check on an unchanged image)`);
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
    const media = (0,keys/* presentEntry */.Ut)(yaml, f, 'mediaTypes');
    if (media) {
        const list = yaml.strings(media.value, `${where}.mediaTypes`);
        if (list.length > 0)
            o.mediaTypes = list;
    }
    const hooks = (0,keys/* presentEntry */.Ut)(yaml, f, 'hooks');
    if (hooks) {
        const h = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(hooks.value, `${where}.hooks`), ['pre', 'post', 'unchanged'], `${where}.hooks`);
        for (const k of ['pre', 'post', 'unchanged']) {
            const e = (0,keys/* presentEntry */.Ut)(yaml, h, k);
            if (e)
                o.hooks[k] = readHook(yaml, e.value, `${where}.hooks.${k}`);
        }
    }
    const verify = (0,keys/* presentEntry */.Ut)(yaml, f, 'verify');
    if (verify)
        o.verify = readVerify(yaml, verify.value, `${where}.verify`, trust);
    const pi = (0,keys/* presentEntry */.Ut)(yaml, f, 'platformsIndex');
    if (pi) {
        const v = yaml.string(pi.value, `${where}.platformsIndex`);
        if (!PLATFORMS_INDEX.includes(v))
            throw yaml.error(pi.value, `${where}.platformsIndex must be sparse or rewrite, not ${JSON.stringify(v)}`);
        o.platformsIndex = v;
    }
    return o;
}
function readDefaults(yaml, node, trust) {
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults');
    const o = readOptions(yaml, f, 'defaults', trust);
    const num = (key, opts) => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, f, key);
        return e ? yaml.number(e.value, `defaults.${key}`, opts) : undefined;
    };
    const cacheTime = (0,keys/* presentEntry */.Ut)(yaml, f, 'cacheTime');
    const userAgent = (0,keys/* presentEntry */.Ut)(yaml, f, 'userAgent');
    const skip = (0,keys/* presentEntry */.Ut)(yaml, f, 'skipDockerConfig');
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
        ...(o.verify ? { verify: o.verify } : {}),
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
/**
 * A repository step's source or target without the tag or digest it may name. regsync lists the repository's tags
 * whatever the text names, then appends each tag to the text as written, so its copies of `busybox:latest` fail on
 * `busybox:latest:1.36`; regkit takes the evident intent, the repository `busybox`, and says so.
 */
function repositoryPart(yaml, node, text, what) {
    let ref;
    try {
        ref = (0,reference/* parseReference */.F2)(text, { repositoryOnly: true });
    }
    catch {
        return text; // Not a reference at all: the run refuses it with its own message, before any request.
    }
    if (ref.tag === undefined && ref.digest === undefined)
        return text;
    let repo = text.trim();
    if (ref.digest !== undefined)
        repo = repo.slice(0, repo.lastIndexOf('@'));
    if (ref.tag !== undefined && repo.endsWith(`:${ref.tag}`))
        repo = repo.slice(0, -(ref.tag.length + 1));
    const named = [ref.tag !== undefined ? `tag "${ref.tag}"` : '', ref.digest !== undefined ? `digest ${ref.digest}` : ''].filter(Boolean).join(' and ');
    yaml.tolerate(node, `${what} "${text}" names ${named}, which a repository step ignores: it syncs the tags of ${repo} that its filters select ` +
        `(regsync lists them too, then fails each copy on "${text}:<tag>"); write "${repo}"`);
    return repo;
}
function readStep(yaml, node, index, d, defaultBackup, run, trust) {
    const where = `sync[${index}]`;
    const resolved = yaml.resolve(node);
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(resolved, where), STEP_KEYS, where, FILTER_KEYS);
    const o = readOptions(yaml, f, where, trust);
    const required = (key) => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, f, key);
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
    const tagsEntry = (0,keys/* presentEntry */.Ut)(yaml, f, 'tags');
    const tags = tagsEntry ? (0,filters/* readTagFilter */.hy)(yaml, tagsEntry.value, `${where}.tags`) : undefined;
    const sets = yaml.items(f.get('tagSets')?.value ?? null, `${where}.tagSets`).map((item, i) => (0,filters/* readTagFilter */.hy)(yaml, item, `${where}.tagSets[${i}]`));
    const repos = (0,filters/* readNameFilter */.od)(yaml, f.get('repos')?.value ?? null, `${where}.repos`);
    if (type !== 'registry' && (repos.allow.length > 0 || repos.deny.length > 0)) {
        throw yaml.error(f.get('repos').keyNode, `${where}.repos applies only to type: registry`);
    }
    if (type === 'image' && (tags || sets.length > 0)) {
        yaml.tolerate((f.get('tags') ?? f.get('tagSets')).keyNode, `${where}: tag filters are ignored for type: image`);
    }
    const platformEntry = (0,keys/* presentEntry */.Ut)(yaml, f, 'platform');
    const platform = platformEntry ? yaml.string(platformEntry.value, `${where}.platform`) : '';
    if (platform)
        checkPlatform(yaml, platformEntry.value, platform, `${where}.platform`);
    const platformsNode = f.get('platforms')?.value ?? null;
    const platforms = yaml.strings(platformsNode, `${where}.platforms`);
    yaml.items(platformsNode, `${where}.platforms`).forEach((item, i) => checkPlatform(yaml, item, platforms[i], `${where}.platforms[${i}]`));
    const pruneEntry = (0,keys/* presentEntry */.Ut)(yaml, f, 'prune');
    const prune = pruneEntry ? yaml.bool(pruneEntry.value, `${where}.prune`) : false;
    if (prune && type !== 'repository')
        throw yaml.error(pruneEntry.value, `${where}.prune applies only to type: repository`);
    const targetTag = f.get('targetTag');
    if (targetTag)
        yaml.tolerate(targetTag.keyNode, `${where}.targetTag is ignored (regsync's code has no such key; use an image step with the target tag)`);
    let intervalSeconds = o.intervalSeconds;
    let schedule = o.schedule;
    if (intervalSeconds === undefined && schedule === undefined) {
        if (d.schedule !== undefined)
            schedule = d.schedule;
        else if (d.intervalSeconds !== undefined)
            intervalSeconds = d.intervalSeconds;
    }
    const backup = o.backup ? (0,template_field/* compileField */.g)(yaml, o.backup.node, o.backup.text, `${where}.backup`, run) : defaultBackup;
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
        const node = key === 'source' ? source.node : target.node;
        if (step[key] === '')
            throw yaml.error(node, `${where}.${key} expands to an empty string`);
        if (type === 'repository')
            step[key] = repositoryPart(yaml, node, step[key], `${where}.${key}`);
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
        ...((o.verify ?? d.verify) ? { verify: (o.verify ?? d.verify) } : {}),
        prune,
        ...(referrerSource ? { referrerSource } : {}),
        ...(referrerTarget ? { referrerTarget } : {}),
        ...(backup ? { backup } : {}),
    };
}

// EXTERNAL MODULE: ./build/src/config/document.js + 1 modules
var config_document = __webpack_require__(24367);
;// CONCATENATED MODULE: ./build/src/sync/config/load.js
// Loads a regsync.yml: regclient's format, every default applied, templates expanded in regsync's order. What regsync
// loads silently (unknown keys, a tag on a repository step) is a warning with its position, an error under
// `strict`. `loadSyncConfig` is the entry.






const TOP_KEYS = ['version', 'creds', 'defaults', 'sync'];
/**
 * Reads and resolves a regsync config. `file` is a path, `-` for standard input, or `{ text, name }`. `env` feeds
 * `{{env}}` (process.env when absent); `trust` is `untrusted` for a policy under review (see config/trust.ts). Throws ConfigError with file:line:column on anything unusable.
 */
function loadSyncConfig(file, env, opts = {}) {
    const { yaml, top, run, trust } = (0,config_document/* openConfigDocument */.E)(file, TOP_KEYS, { ...opts, ...(env ? { env } : {}) });
    const creds = (0,config_creds/* readCreds */.sW)(yaml, top.get('creds')?.value ?? null, { templates: config_creds/* REGSYNC_CREDS_TEMPLATES */.Qj, run, trust });
    const defaultsNode = top.get('defaults')?.value ?? null;
    const defaults = readDefaults(yaml, defaultsNode, trust);
    const backupNode = yaml.entries(defaultsNode, 'defaults').find((e) => e.key === 'backup')?.value ?? null;
    const defaultBackup = defaults.backup !== undefined ? (0,template_field/* compileField */.g)(yaml, backupNode, defaults.backup, 'defaults.backup', run) : undefined;
    const sync = yaml.items(top.get('sync')?.value ?? null, 'sync').map((node, i) => readStep(yaml, node, i, defaults, defaultBackup, run, trust));
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
