export const id = 760;
export const ids = [760];
export const modules = {

/***/ 5157:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kp: () => (/* binding */ nameAllowed),
/* harmony export */   O: () => (/* binding */ selectTags),
/* harmony export */   a0: () => (/* binding */ compareNewestFirst),
/* harmony export */   hy: () => (/* binding */ readTagFilter),
/* harmony export */   od: () => (/* binding */ readNameFilter)
/* harmony export */ });
/* unused harmony export TAG_FILTER_KEYS */
/* harmony import */ var _config_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1992);
/* harmony import */ var _config_regex_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4757);
/* harmony import */ var _config_semver_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2564);
// Tag and repository filters of a sync step: reading them from the config, and applying them to names.



const TAG_FILTER_KEYS = ['allow', 'deny', 'semverRange', 'latest', 'sort'];
const NAME_FILTER_KEYS = ['allow', 'deny'];
const TAG_SORTS = ['semver', 'name'];
function patterns(yaml, node, what) {
    return yaml.items(node, what).map((item, i) => {
        const source = yaml.string(item, `${what}[${i}]`);
        try {
            return { source, regex: (0,_config_regex_js__WEBPACK_IMPORTED_MODULE_0__/* .compileAnchoredRegex */ .d)(source) };
        }
        catch (err) {
            throw yaml.error(item, `${what}[${i}]: ${err.message}`);
        }
    });
}
function readTagFilter(yaml, node, what) {
    const f = (0,_config_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, what), TAG_FILTER_KEYS, what);
    const filter = {
        allow: patterns(yaml, f.get('allow')?.value ?? null, `${what}.allow`),
        deny: patterns(yaml, f.get('deny')?.value ?? null, `${what}.deny`),
        semverRange: yaml.items(f.get('semverRange')?.value ?? null, `${what}.semverRange`).map((item, i) => {
            try {
                return (0,_config_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemverRange */ .zv)(yaml.string(item, `${what}.semverRange[${i}]`));
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
    const f = (0,_config_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .checkedEntries */ .Yy)(yaml, yaml.entries(node, what), NAME_FILTER_KEYS, what);
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
        const va = (0,_config_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemver */ .kf)(a);
        const vb = (0,_config_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemver */ .kf)(b);
        if (va && vb)
            return (0,_config_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .compareSemver */ .mU)(vb, va) || (a < b ? 1 : a > b ? -1 : 0);
        if (va || vb)
            return va ? -1 : 1;
    }
    return a < b ? 1 : a > b ? -1 : 0;
}
function selectOne(filter, tags) {
    let kept = tags.filter((t) => {
        if (filter.semverRange.length > 0) {
            const v = (0,_config_semver_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSemver */ .kf)(t);
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

/***/ 2564:
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

/***/ 1760:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  expandBackup: () => (/* binding */ expandBackup),
  loadSyncConfig: () => (/* binding */ loadSyncConfig),
  nameAllowed: () => (/* reexport */ config_filters/* nameAllowed */.Kp),
  selectTags: () => (/* reexport */ config_filters/* selectTags */.O)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./build/src/sync/config-creds.js
var config_creds = __webpack_require__(2491);
// EXTERNAL MODULE: ./build/src/oci/platform.js
var platform = __webpack_require__(3856);
// EXTERNAL MODULE: ./build/src/oci/mediatypes.js
var mediatypes = __webpack_require__(3662);
// EXTERNAL MODULE: ./build/src/sync/config-cron.js
var config_cron = __webpack_require__(4476);
// EXTERNAL MODULE: ./build/src/sync/config-duration.js
var config_duration = __webpack_require__(7292);
// EXTERNAL MODULE: ./build/src/sync/config-filters.js
var config_filters = __webpack_require__(5157);
// EXTERNAL MODULE: ./build/src/sync/config-keys.js
var config_keys = __webpack_require__(1992);
// EXTERNAL MODULE: ./build/src/sync/config-template.js
var config_template = __webpack_require__(4666);
;// CONCATENATED MODULE: ./build/src/sync/config-types.js
const SYNC_TYPES = ['image', 'repository', 'registry'];

// EXTERNAL MODULE: ./build/src/sync/template.js + 7 modules
var template = __webpack_require__(9376);
;// CONCATENATED MODULE: ./build/src/sync/config-step.js
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
function duration(yaml, node, what) {
    try {
        return (0,config_duration/* parseGoDuration */.Q)(yaml.string(node, what));
    }
    catch (err) {
        throw yaml.error(node, `${what}: ${err.message}`);
    }
}
function readHook(yaml, node, what) {
    const f = (0,config_keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, what), ['type', 'params'], what);
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
        o.intervalSeconds = duration(yaml, interval.value, `${where}.interval`);
    const schedule = present(yaml, f, 'schedule');
    if (schedule) {
        const s = yaml.string(schedule.value, `${where}.schedule`);
        try {
            (0,config_cron/* validateCron */.J)(s);
        }
        catch (err) {
            throw yaml.error(schedule.value, `${where}.schedule: ${err.message}`);
        }
        o.schedule = s;
    }
    const rate = present(yaml, f, 'ratelimit');
    if (rate) {
        const r = (0,config_keys/* checkedEntries */.Yy)(yaml, yaml.entries(rate.value, `${where}.ratelimit`), ['min', 'retry'], `${where}.ratelimit`);
        const min = present(yaml, r, 'min');
        if (min)
            o.rateMin = yaml.number(min.value, `${where}.ratelimit.min`, { integer: true, min: 0 });
        const retry = present(yaml, r, 'retry');
        if (retry)
            o.rateRetrySeconds = duration(yaml, retry.value, `${where}.ratelimit.retry`);
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
            const rf = (0,config_keys/* checkedEntries */.Yy)(yaml, yaml.entries(item, w), ['artifactType', 'annotations'], w);
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
        const h = (0,config_keys/* checkedEntries */.Yy)(yaml, yaml.entries(hooks.value, `${where}.hooks`), ['pre', 'post', 'unchanged'], `${where}.hooks`);
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
    const f = (0,config_keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults');
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
        cacheTimeSeconds: cacheTime ? duration(yaml, cacheTime.value, 'defaults.cacheTime') : 0,
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
    const f = (0,config_keys/* checkedEntries */.Yy)(yaml, yaml.entries(resolved, where), STEP_KEYS, where);
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
    const tags = tagsEntry ? (0,config_filters/* readTagFilter */.hy)(yaml, tagsEntry.value, `${where}.tags`) : undefined;
    const sets = yaml.items(f.get('tagSets')?.value ?? null, `${where}.tagSets`).map((item, i) => (0,config_filters/* readTagFilter */.hy)(yaml, item, `${where}.tagSets[${i}]`));
    const repos = (0,config_filters/* readNameFilter */.od)(yaml, f.get('repos')?.value ?? null, `${where}.repos`);
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
    const backup = o.backup ? (0,config_template/* compileField */.g)(yaml, o.backup.node, o.backup.text, `${where}.backup`) : defaultBackup;
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
        step[key] = (0,config_template/* expandField */.r)(yaml, node, text, `${where}.${key}`, { Sync: syncTemplateData(step) }, run).trim();
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

// EXTERNAL MODULE: ./build/src/sync/config-document.js + 1 modules
var config_document = __webpack_require__(6579);
;// CONCATENATED MODULE: ./build/src/sync/config.js
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
    const defaultBackup = defaults.backup !== undefined ? (0,config_template/* compileField */.g)(yaml, backupNode, defaults.backup, 'defaults.backup') : undefined;
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
