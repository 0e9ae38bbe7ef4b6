export const id = 387;
export const ids = [387];
export const modules = {

/***/ 88387:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderSyncConfig: () => (/* binding */ renderSyncConfig)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _config_secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(78965);
/* harmony import */ var _gotemplate_time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(217);



const REDACTED = '<redacted>';
const duration = (seconds) => new _gotemplate_time_js__WEBPACK_IMPORTED_MODULE_1__/* .GoDuration */ .zo(seconds).String();
function credsView(c) {
    // credsFrom is where the loader read the entry, not a key of the file.
    const { credExpire, credsFrom: _from, ...rest } = c;
    const copy = { ...rest, ...(credExpire !== undefined ? { credExpire: duration(credExpire) } : {}) };
    for (const f of _config_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .SECRET_FIELDS */ .x)
        if (copy[f] !== undefined)
            copy[f] = REDACTED;
    return copy;
}
function tagSetView(t) {
    return {
        ...(t.allow.length ? { allow: t.allow.map((p) => p.source) } : {}),
        ...(t.deny.length ? { deny: t.deny.map((p) => p.source) } : {}),
        ...(t.semverRange.length ? { semverRange: t.semverRange.map((r) => r.source) } : {}),
        ...(t.latest !== undefined ? { latest: t.latest, sort: t.sort } : {}),
    };
}
function hooksView(h) {
    const out = {};
    for (const k of ['pre', 'post', 'unchanged'])
        if (h[k])
            out[k] = { type: h[k].type, params: h[k].params };
    return out;
}
/** The keys a step shares with `defaults`. */
function settingsView(s) {
    const hooks = hooksView(s.hooks);
    return {
        ...(s.intervalSeconds !== undefined ? { interval: duration(s.intervalSeconds) } : {}),
        ...(s.schedule !== undefined ? { schedule: s.schedule } : {}),
        ratelimit: { min: s.rateLimit.min, retry: duration(s.rateLimit.retrySeconds) },
        digestTags: s.digestTags,
        referrers: s.referrers,
        ...(s.referrerSource !== undefined ? { referrerSource: s.referrerSource } : {}),
        ...(s.referrerTarget !== undefined ? { referrerTarget: s.referrerTarget } : {}),
        referrerSlow: s.referrerSlow,
        fastCheck: s.fastCheck,
        forceRecursive: s.forceRecursive,
        includeExternal: s.includeExternal,
        mediaTypes: s.mediaTypes,
        ...(Object.keys(hooks).length ? { hooks } : {}),
        platformsIndex: s.platformsIndex,
        // The resolved policy, as a reviewer needs it: which keys and identities admit the step's images, checked how.
        ...(s.verify ? { verify: verifyView(s.verify) } : {}),
    };
}
function verifyView(v) {
    const match = (key, m) => ('exact' in m ? { [key]: m.exact } : { [`${key}RegExp`]: m.pattern });
    return {
        ...(v.keys.length > 0 ? { keys: v.keys.map((k) => k.name) } : {}),
        ...(v.keyless.length > 0 ? { keyless: v.keyless.map((id) => ({ ...match('issuer', id.issuer), ...match('subject', id.subject) })) } : {}),
        ...(v.trustedRoot ? { trustedRoot: v.trustedRoot.name } : {}),
        ...(v.trustedRoot ? { tlogThreshold: v.thresholds.tlog, ctlogThreshold: v.thresholds.ctlog, timestampThreshold: v.thresholds.timestamp } : {}),
        signed: v.signed,
    };
}
function stepView(s) {
    return {
        source: s.source,
        target: s.target,
        type: s.type,
        ...(s.tagSets.length ? { tagSets: s.tagSets.map(tagSetView) } : {}),
        ...(s.repos.allow.length || s.repos.deny.length ? { repos: { allow: s.repos.allow.map((p) => p.source), deny: s.repos.deny.map((p) => p.source) } } : {}),
        ...(s.platform !== undefined ? { platform: s.platform } : {}),
        ...(s.platforms.length ? { platforms: s.platforms } : {}),
        ...(s.backup ? { backup: s.backup.source } : {}),
        referrerFilters: s.referrerFilters,
        ...settingsView(s),
        ...(s.prune ? { prune: true } : {}),
    };
}
function renderSyncConfig(config) {
    const d = config.defaults;
    const defaults = {
        parallel: d.parallel,
        ...(d.backup !== undefined ? { backup: d.backup } : {}),
        ...(d.referrerFilters ? { referrerFilters: d.referrerFilters } : {}),
        ...settingsView(d),
        blobLimit: d.blobLimit,
        cacheCount: d.cacheCount,
        cacheTime: duration(d.cacheTimeSeconds),
        skipDockerConfig: d.skipDockerConfig,
        ...(d.userAgent !== undefined ? { userAgent: d.userAgent } : {}),
    };
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)({ version: config.version, creds: config.creds.map(credsView), defaults, sync: config.sync.map(stepView) }, { aliasDuplicateObjects: false });
}


/***/ })

};
