export const id = 31;
export const ids = [31];
export const modules = {

/***/ 71031:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadSyncConfig: () => (/* reexport safe */ _sync_config_load_js__WEBPACK_IMPORTED_MODULE_0__.mw)
/* harmony export */ });
/* harmony import */ var _sync_config_load_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21438);
// regsync's config loader as the faces reach it through the command layer. The CLI imports it dynamically, so a
// command that reads no config never loads YAML or templates, and `sync` never loads regbot's Lua (prune-config.ts).



/***/ })

};
