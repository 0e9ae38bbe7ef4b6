export const id = 172;
export const ids = [172];
export const modules = {

/***/ 64172:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TEMPLATE_COMMANDS: () => (/* binding */ TEMPLATE_COMMANDS),
/* harmony export */   compileOutputTemplate: () => (/* binding */ compileOutputTemplate)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _gotemplate_template_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83441);
// `--format '{{ … }}'`: a Go template over a read command's view (views.ts), run by the project's own engine.


/** The commands whose answer is data a template can read; writes report results, which have --format json. */
const TEMPLATE_COMMANDS = new Set([
    'tag ls',
    'repo ls',
    'image digest',
    'image manifest',
    'image config',
    'image inspect',
    'image ratelimit',
    'version',
    'registry ls',
]);
/** Compiles once at the edge, so a syntax error is a usage error (exit 2) before any request. */
function compileOutputTemplate(source, command) {
    if (!TEMPLATE_COMMANDS.has(command)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`${command} does not take a Go template in --format (it reports results: use --format json); templates apply to ${[...TEMPLATE_COMMANDS].join(', ')}`);
    }
    const compiled = (0,_gotemplate_template_js__WEBPACK_IMPORTED_MODULE_1__/* .compileTemplate */ .Gq)(source, '--format');
    // Environment and files stay out of reach: the template formats an answer, it reads nothing else.
    return { source, render: (view) => compiled.execute(view, { env: {}, readFile: () => '' }) };
}


/***/ })

};
