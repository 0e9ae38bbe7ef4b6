export const id = 387;
export const ids = [387];
export const modules = {

/***/ 8387:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderSyncConfig: () => (/* binding */ renderSyncConfig)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _config_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8965);
// `regkit sync config`: the resolved config as YAML, every default filled in and every secret replaced, so a user
// sees what a run will do without seeing what it authenticates with.


const REDACTED = '<redacted>';
function tagSetView(t) {
    return {
        ...(t.allow.length ? { allow: t.allow.map((p) => p.source) } : {}),
        ...(t.deny.length ? { deny: t.deny.map((p) => p.source) } : {}),
        ...(t.semverRange.length ? { semverRange: t.semverRange.map((r) => r.source) } : {}),
        ...(t.latest !== undefined ? { latest: t.latest, sort: t.sort } : {}),
    };
}
function stepView(s) {
    const { index: _i, file: _f, line: _l, column: _c, tagSets, repos, backup, hooks: _h, ...rest } = s;
    return {
        ...rest,
        ...(tagSets.length ? { tagSets: tagSets.map(tagSetView) } : {}),
        ...(repos.allow.length || repos.deny.length ? { repos: { allow: repos.allow.map((p) => p.source), deny: repos.deny.map((p) => p.source) } } : {}),
        ...(backup ? { backup: backup.source } : {}),
    };
}
function renderSyncConfig(config) {
    const creds = config.creds.map((c) => {
        const copy = { ...c };
        for (const f of _config_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .SECRET_FIELDS */ .x)
            if (copy[f] !== undefined)
                copy[f] = REDACTED;
        return copy;
    });
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .stringify */ .As)({ version: config.version, creds, defaults: config.defaults, sync: config.sync.map(stepView) }, { aliasDuplicateObjects: false });
}


/***/ })

};
