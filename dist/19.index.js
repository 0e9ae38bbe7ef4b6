export const id = 19;
export const ids = [19];
export const modules = {

/***/ 4019:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./build/src/command/execute.js + 2 modules
var execute = __webpack_require__(8284);
// EXTERNAL MODULE: ./build/src/config/host-spec.js
var host_spec = __webpack_require__(1310);
// EXTERNAL MODULE: ./build/src/command/options.js
var options = __webpack_require__(4141);
// EXTERNAL MODULE: ./build/src/command/store-options.js + 32 modules
var store_options = __webpack_require__(2218);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./build/src/report/jsonl.js
var jsonl = __webpack_require__(6830);
// EXTERNAL MODULE: ./build/src/report/progress.js
var report_progress = __webpack_require__(1737);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(4123);
// EXTERNAL MODULE: ./build/src/report/text.js
var report_text = __webpack_require__(4913);
// EXTERNAL MODULE: ./build/src/command/layout-cache.js
var layout_cache = __webpack_require__(3806);
// EXTERNAL MODULE: ./build/src/config/secrets.js
var secrets = __webpack_require__(8965);
// EXTERNAL MODULE: ./build/src/command/configs.js + 3 modules
var configs = __webpack_require__(803);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(9154);
// EXTERNAL MODULE: ./build/src/config/shard.js
var config_shard = __webpack_require__(4004);
// EXTERNAL MODULE: ./build/src/action/input-names.js
var input_names = __webpack_require__(2481);
;// CONCATENATED MODULE: ./build/src/action/inputs.js
// Action inputs (INPUT_* variables) → the same typed options the CLI builds from argv.







/**
 * The rate-limit wait budget of a sync step when `max-wait` is empty: long enough to outlast a short dip below
 * `ratelimit.min` (regsync retries every 5 minutes at least), short enough to leave most of a job's time for copying.
 */
const DEFAULT_ACTION_MAX_WAIT = '30m';
const SYNC_MODES = ['once', 'check', 'config'];
function readInput(env, name) {
    for (const v of (0,input_names/* inputVariables */.kN)(name)) {
        const value = env[v];
        if (value !== undefined && value.trim() !== '')
            return value.trim();
    }
    return '';
}
/** Non-empty lines; `#` starts a comment line, as in YAML block scalars people paste host lists into. */
function readLines(env, name) {
    return readInput(env, name)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/** The YAML 1.2 core schema booleans that `core.getBooleanInput` accepts; empty means false. */
function readBoolean(env, name, whenEmpty = false) {
    const value = readInput(env, name);
    if (value === '')
        return whenEmpty;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    throw new errors/* UsageError */.eb(`input ${name} must be true or false, not "${value}"`);
}
function requireInput(env, name, command) {
    const value = readInput(env, name);
    if (value === '')
        throw new errors/* UsageError */.eb(`input ${name} is required for command ${command}`);
    return value;
}
function readMaxWait(env) {
    const text = readInput(env, 'max-wait') || DEFAULT_ACTION_MAX_WAIT;
    let seconds;
    try {
        seconds = (0,duration/* parseGoDuration */.Q)(text);
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`input max-wait: ${err.message}`);
    }
    if (seconds < 0)
        throw new errors/* UsageError */.eb(`input max-wait must not be negative, not "${text}"`);
    return seconds;
}
function readCopyCommand(env) {
    const concurrency = readInput(env, 'concurrency');
    return (0,options/* buildCopyCommand */.pt)({
        source: requireInput(env, 'source', 'copy'),
        target: requireInput(env, 'target', 'copy'),
        // One platform per line: a comma belongs to the platform syntax (`windows/amd64,osver=10.0.17763`).
        platforms: readLines(env, 'platforms'),
        referrers: readBoolean(env, 'referrers'),
        digestTags: readBoolean(env, 'digest-tags'),
        includeExternal: readBoolean(env, 'include-external'),
        forceRecursive: readBoolean(env, 'force-recursive'),
        fast: readBoolean(env, 'fast'),
        dryRun: readBoolean(env, 'dry-run'),
        ...(concurrency !== '' ? { concurrency: (0,options/* parsePositiveInteger */.zE)(concurrency, 'input concurrency') } : {}),
    });
}
/** Every input is checked before the config is read, so a typo in an input is reported as such. */
function readSyncSettings(env) {
    const file = requireInput(env, 'config', 'sync');
    const mode = readInput(env, 'mode') || 'once';
    if (!SYNC_MODES.includes(mode))
        throw new errors/* UsageError */.eb(`input mode must be one of ${SYNC_MODES.join(', ')}, not "${mode}"`);
    const shardText = readInput(env, 'shard');
    const shardsText = readInput(env, 'shards');
    let shard;
    try {
        shard = shardText === '' ? undefined : (0,config_shard/* parseShard */.uK)(shardText);
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`input shard: ${err.message}`);
    }
    const shards = shardsText === '' ? undefined : (0,options/* parsePositiveInteger */.zE)(shardsText, 'input shards');
    if (shards !== undefined && mode !== 'check')
        throw new errors/* UsageError */.eb('input shards plans a fan-out and needs mode: check; the matrix jobs then run mode: once with shard: ${{ matrix.shard }}');
    if (shards !== undefined && shard !== undefined)
        throw new errors/* UsageError */.eb('give input shard (run one part) or input shards (plan the parts), not both');
    const missing = readBoolean(env, 'missing');
    const abortOnError = readBoolean(env, 'abort-on-error');
    const maxWaitSeconds = readMaxWait(env);
    const cache = readBoolean(env, 'cache', true);
    const command = {
        name: `sync ${mode}`,
        config: (0,configs.loadSyncConfig)(file),
        ...(shard ? { shard } : {}),
        missing,
        abortOnError,
        maxWaitSeconds,
    };
    return { command, ...(shards !== undefined ? { shards } : {}), cache };
}
/** The command this step runs: the composite action's first argument, else the `command` input. */
function commandOf(env, argvCommand) {
    const inputCommand = readInput(env, 'command');
    if (argvCommand !== undefined && inputCommand !== '' && argvCommand !== inputCommand) {
        throw new errors/* UsageError */.eb(`this action runs "${argvCommand}" but input command is "${inputCommand}"; drop the command input`);
    }
    const command = argvCommand ?? inputCommand;
    if (command === '')
        throw new errors/* UsageError */.eb(`input command is required: one of ${input_names/* ACTION_COMMANDS */.Aq.join(', ')}`);
    if (!input_names/* ACTION_COMMANDS */.Aq.includes(command))
        throw new errors/* UsageError */.eb(`input command must be one of ${input_names/* ACTION_COMMANDS */.Aq.join(', ')}, not "${command}"`);
    return command;
}
/** `argvCommand` is the command a composite action passes as the first argument. */
function readSettings(env, argvCommand) {
    const command = commandOf(env, argvCommand);
    const format = readInput(env, 'format');
    const global = {
        hosts: (0,host_spec/* parseHostSpecs */.wE)(readLines(env, 'hosts')),
        format: format === '' ? 'text' : (0,options/* parseOutputFormat */.uH)(format, 'input format'),
        logFormat: 'text',
        verbose: false,
    };
    if (command === 'sync')
        return { global, ...readSyncSettings(env) };
    if (command === 'prune') {
        const dryRun = readBoolean(env, 'dry-run');
        return { global, command: { name: 'prune once', config: (0,configs.loadBotConfig)(requireInput(env, 'config', 'prune')), dryRun }, cache: false };
    }
    return { global, command: readCopyCommand(env), cache: false };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./build/src/action/layout-cache.js
// The node24 action's side of the layout cache: restore the sync's OCI layouts before the run and save them after,
// through @actions/cache. Only a JS action step gets the runtime token and cache URL it needs (composite steps do
// not: actions/runner#3046), and a cache problem never fails a sync: it warns and the run goes on from the disk.

/**
 * Loaded only when a sync uses a layout, from a chunk of its own beside dist/index.js (`lazy`, not `eager`): the
 * cache client with its storage SDK is about 2.4 MB of bundle, which every CLI call would otherwise parse at start-up.
 */
async function actionsCacheService() {
    const cache = await __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 1691));
    return {
        isFeatureAvailable: () => cache.isFeatureAvailable(),
        restoreCache: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
        saveCache: (paths, key) => cache.saveCache(paths, key),
    };
}
const listed = (spec) => spec.paths.join(', ');
async function restoreLayouts(service, spec, logger) {
    if (!service.isFeatureAvailable()) {
        logger.warn(`the Actions cache service is not available to this step (not on a GitHub runner, or ACTIONS_CACHE_URL/ACTIONS_RESULTS_URL unset): ${listed(spec)} start from what is on disk and are not kept for the next run`);
        return { spec, available: false };
    }
    try {
        const restoredKey = await service.restoreCache([...spec.paths], spec.key, [...spec.restoreKeys]);
        if (restoredKey === undefined)
            logger.info(`layout cache: no entry yet for ${listed(spec)}; this run starts them empty`);
        else
            logger.info(`layout cache: restored ${listed(spec)} from ${restoredKey}`);
        return { spec, available: true, ...(restoredKey !== undefined ? { restoredKey } : {}) };
    }
    catch (err) {
        logger.warn(`layout cache: restoring ${listed(spec)} failed (${err.message}); the sync goes on from what is on disk`);
        return { spec, available: true };
    }
}
/**
 * Saves under this run's key when the run wrote something, or when nothing was restored. An unchanged layout is not
 * saved again: restoring its entry already renewed the entry's 7 days.
 */
async function saveLayouts(service, restored, changed, logger) {
    const { spec } = restored;
    if (!restored.available)
        return;
    if (!changed && restored.restoredKey !== undefined) {
        logger.info(`layout cache: ${listed(spec)} unchanged; ${restored.restoredKey} stays the entry to restore`);
        return;
    }
    const missing = spec.paths.filter((p) => !(0,external_node_fs_.existsSync)(p));
    if (missing.length > 0) {
        logger.info(`layout cache: not saved, ${missing.join(', ')} not on disk`);
        return;
    }
    try {
        await service.saveCache([...spec.paths], spec.key);
        logger.info(`layout cache: saved ${listed(spec)} as ${spec.key}`);
    }
    catch (err) {
        logger.warn(`layout cache: saving ${listed(spec)} failed (${err.message}); the next run fetches what it lacks again`);
    }
}

;// CONCATENATED MODULE: ./build/src/action/logger.js
// The action logger over @actions/core, and progress lines grouped per image in the job log.

function withFields(message, fields) {
    if (!fields || Object.keys(fields).length === 0)
        return message;
    return `${message} ${Object.entries(fields)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ')}`;
}
function createActionLogger() {
    return {
        debug: (m, f) => core/* debug */.Yz(withFields(m, f)),
        info: (m, f) => core/* info */.pq(withFields(m, f)),
        warn: (m, f) => core/* warning */.$e(withFields(m, f)),
        error: (m, f) => core/* error */.z3(withFields(m, f)),
    };
}
/**
 * Progress lines, each image's in a collapsible group of the job log. Groups cannot nest, so switching to another
 * image closes the open one; `close` ends the last.
 */
class GroupedProgress {
    open;
    emit = (image, line) => {
        if (this.open !== image) {
            if (this.open !== undefined)
                core/* endGroup */.N4();
            core/* startGroup */.Oh(`progress: ${image}`);
            this.open = image;
        }
        core/* info */.pq(line);
    };
    close() {
        if (this.open !== undefined)
            core/* endGroup */.N4();
        this.open = undefined;
    }
}

// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(4974);
// EXTERNAL MODULE: ./build/src/report/units.js
var units = __webpack_require__(4915);
;// CONCATENATED MODULE: ./build/src/report/summary.js
// Operation results as a markdown job summary: a heading with totals and one table row per operation.



const STATUS_ORDER = ['copied', 'would-copy', 'backed-up', 'would-backup', 'deleted', 'would-delete', 'skipped', 'excluded', 'failed'];
/** Cell text that cannot break the table: `|` escaped, line breaks as `<br>`, HTML inert. */
function escapeCell(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '\\|')
        .replace(/\r?\n/g, '<br>');
}
function totalsLine(results) {
    const counts = STATUS_ORDER.map((s) => [s, results.filter((r) => r.status === s).length]).filter(([, n]) => n > 0);
    const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
    const parts = [`${results.length} operation${results.length === 1 ? '' : 's'}`, ...counts.map(([s, n]) => `${n} ${s}`), `${(0,units/* formatBytes */.z3)(bytes)} moved`];
    return parts.join(', ');
}
function row(r) {
    const blobs = r.blobs ? `${r.blobs.copied}/${r.blobs.skipped}/${r.blobs.mounted}` : '';
    const status = r.reason ? `${r.status}: ${r.reason}` : r.status;
    const cells = [
        escapeCell(textOf(r.source)),
        escapeCell(textOf(r.target)),
        r.digest ? `\`${escapeCell((0,units/* shortDigest */.VK)(r.digest))}\`` : '',
        escapeCell((r.platforms ?? []).join(', ')),
        blobs,
        (0,units/* formatBytes */.z3)(r.bytes),
        r.durationMs === undefined ? '' : (0,units/* formatDuration */.a3)(r.durationMs),
        escapeCell(status),
    ];
    return `| ${cells.join(' | ')} |`;
}
function renderSummary(results, opts = {}) {
    const lines = [`### ${escapeCell(opts.title ?? 'regkit')}: ${totalsLine(results)}`, ''];
    if (opts.error !== undefined)
        lines.push(`**Failed:** ${escapeCell(opts.error)}`, '');
    if (results.length > 0) {
        lines.push('| Source | Target | Digest | Platforms | Blobs copied/skipped/mounted | Bytes | Time | Status |', '| --- | --- | --- | --- | --- | ---: | ---: | --- |', ...results.map(row), '');
    }
    return `${lines.join('\n')}\n`;
}
/** Always shown in a sync heading, zero or not, so runs read alike; the rest only when they occur. */
const SYNC_TOTALS = ['copied', 'skipped', 'would-copy', 'backed-up', 'excluded', 'failed'];
const SYNC_OCCASIONAL = ['would-backup', 'deleted', 'would-delete'];
function textOf(loc) {
    return loc ? (0,result/* locationText */.fN)(loc) : '';
}
/** The repository an image belongs to (`host/repo`, `ocidir://path`), without tag or digest; other places as they are. */
function repositoryText(loc) {
    if (loc?.kind === 'image')
        return (0,reference/* formatReference */.FH)((0,reference/* repositoryOf */._M)(loc.ref));
    if (loc?.kind === 'file')
        return loc.path;
    return textOf(loc);
}
/** What names one image within its repository: the tag (with a digest pinned beside it), or the digest. */
function tagText(loc) {
    if (loc?.kind === 'image') {
        const { tag, digest } = loc.ref;
        if (tag !== undefined)
            return digest !== undefined ? `${tag}@${digest}` : tag;
        return digest ?? textOf(loc);
    }
    if (loc?.kind === 'file' && loc.tag !== undefined)
        return loc.tag;
    return textOf(loc);
}
/** The registry a rate limit belongs to; all OCI layouts count as one, `ocidir`. */
function registryText(loc) {
    if (loc.kind === 'image')
        return loc.ref.scheme === 'ocidir' ? 'ocidir' : loc.ref.registry;
    if (loc.kind === 'registry')
        return loc.host;
    return (0,result/* locationText */.fN)(loc);
}
function syncTotalsLine(results, durationMs) {
    const count = (s) => results.filter((r) => r.status === s).length;
    const statuses = [...SYNC_TOTALS.map((s) => `${count(s)} ${s}`), ...SYNC_OCCASIONAL.filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`)];
    const planned = (r) => r.status.startsWith('would-');
    const moved = results.reduce((sum, r) => sum + (planned(r) ? 0 : r.bytes), 0);
    const toMove = results.reduce((sum, r) => sum + (planned(r) ? r.bytes : 0), 0);
    const bytes = [`${(0,units/* formatBytes */.z3)(moved)} moved`, ...(toMove > 0 ? [`${(0,units/* formatBytes */.z3)(toMove)} to move`] : [])];
    return [statuses.join(', '), ...bytes, ...(durationMs !== undefined ? [(0,units/* formatDuration */.a3)(durationMs)] : [])].join(' · ');
}
/** The lowest remaining pull count each source registry reported, from `details.rateLimitRemaining`. */
function rateLimitLine(results) {
    const lowest = new Map();
    for (const r of results) {
        const remaining = r.details?.kind === 'transfer' ? r.details.rateLimitRemaining : undefined;
        if (remaining === undefined || r.source === undefined)
            continue;
        const registry = registryText(r.source);
        lowest.set(registry, Math.min(remaining, lowest.get(registry) ?? Infinity));
    }
    if (lowest.size === 0)
        return undefined;
    return `Rate limit remaining (lowest seen): ${[...lowest].map(([registry, n]) => `\`${escapeCell(registry)}\` ${n}`).join(', ')}`;
}
function syncRow(r) {
    const cells = [
        escapeCell(textOf(r.source)),
        escapeCell(textOf(r.target)),
        r.op === 'backup' || r.op === 'sync' ? r.status : `${r.status} (${r.op})`,
        r.digest ? `\`${escapeCell((0,units/* shortDigest */.VK)(r.digest))}\`` : '',
        (0,units/* formatBytes */.z3)(r.bytes),
        r.durationMs === undefined ? '' : (0,units/* formatDuration */.a3)(r.durationMs),
        escapeCell(r.reason ?? ''),
    ];
    return `| ${cells.join(' | ')} |`;
}
const NAMED_IN_FOLD = 5;
function foldedRow(group) {
    const first = group[0];
    const tags = group.map((r) => tagText(r.target ?? r.source));
    const named = tags.slice(0, NAMED_IN_FOLD).join(', ') + (tags.length > NAMED_IN_FOLD ? ', …' : '');
    const cells = [
        escapeCell(repositoryText(first.source)),
        escapeCell(repositoryText(first.target)),
        'excluded',
        '',
        '',
        '',
        escapeCell(`${group.length} tags: ${first.reason ?? 'excluded'} (${named})`),
    ];
    return `| ${cells.join(' | ')} |`;
}
/**
 * Rows in result order; the excluded tags of one repository pair with one reason become a single row, where the
 * first of them stood, once there are more than `foldOver` of them (a policy that keeps 3 of 400 tags stays readable).
 */
function syncRows(results, foldOver) {
    const groups = new Map();
    const groupOf = (r) => JSON.stringify([repositoryText(r.source), repositoryText(r.target), r.reason ?? '']);
    for (const r of results) {
        if (r.status !== 'excluded')
            continue;
        const key = groupOf(r);
        groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const rows = [];
    const folded = new Set();
    for (const r of results) {
        const group = r.status === 'excluded' ? groups.get(groupOf(r)) : undefined;
        if (!group || group.length <= foldOver)
            rows.push(syncRow(r));
        else if (!folded.has(groupOf(r))) {
            folded.add(groupOf(r));
            rows.push(foldedRow(group));
        }
    }
    return rows;
}
/** A sync run: totals with bytes and wall time, rate limits when known, then one row per entry and tag. */
function renderSyncSummary(results, opts = {}) {
    const lines = [`### ${escapeCell(opts.title ?? 'regkit sync')}: ${syncTotalsLine(results, opts.durationMs)}`, ''];
    if (opts.error !== undefined)
        lines.push(`**Failed:** ${escapeCell(opts.error)}`, '');
    const limits = rateLimitLine(results);
    if (limits !== undefined)
        lines.push(limits, '');
    if (results.length > 0) {
        lines.push('| Source | Target | Verdict | Digest | Bytes | Time | Reason |', '| --- | --- | --- | --- | ---: | ---: | --- |', ...syncRows(results, opts.foldExcludedOver ?? 5), '');
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./build/src/action/outputs.js
// Step outputs and the job summary, rendered from the results.




/** Statuses that wrote something to a target. */
const WRITES = ['copied', 'backed-up', 'deleted'];
function outputsOf(results) {
    const withDigest = results.filter((r) => r.digest !== undefined);
    return {
        digest: withDigest.length > 0 ? withDigest[withDigest.length - 1].digest : '',
        changed: String(results.some((r) => WRITES.includes(r.status))),
        bytes: String(results.reduce((sum, r) => sum + r.bytes, 0)),
        plan: JSON.stringify(results.map(jsonl/* resultRecord */.F)),
    };
}
function syncOutputsOf(results, shards) {
    const { digest: _lastDigest, ...common } = outputsOf(results);
    return { ...common, matrix: shards === undefined ? '' : JSON.stringify({ shard: (0,config_shard/* shardMatrix */._b)(shards) }) };
}
function pruneOutputsOf(results) {
    const { changed, plan } = outputsOf(results);
    return { deleted: String(results.filter((r) => r.status === 'deleted').length), changed, plan };
}
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
}
/** Appends the summary; a runner without a summary file (a local run) gets a warning, not a failure. */
async function writeSummary(req, logger) {
    const opts = { title: req.title, ...(req.error !== undefined ? { error: req.error } : {}) };
    const markdown = req.sync ? renderSyncSummary(req.results, { ...opts, durationMs: req.sync.durationMs }) : renderSummary(req.results, opts);
    try {
        await core/* summary */.z.addRaw(markdown).write();
    }
    catch (err) {
        logger.warn(`job summary not written: ${err.message}`);
    }
    finally {
        core/* summary */.z.emptyBuffer();
    }
}

;// CONCATENATED MODULE: ./build/src/action/run.js
// The action face: mask credentials, read inputs, run the command, set outputs, write the job summary, and call
// setFailed once here at the top.
















/** Before anything can log: the runner masks only secrets it knows, and a `pass=` inside `hosts` is not one. */
function maskInputSecrets(env) {
    for (const secret of (0,host_spec/* secretsInHostSpecs */.jP)(readLines(env, 'hosts')))
        core/* setSecret */.Pq(secret);
}
function wroteSomething(out) {
    return out.kind === 'results' && outputsOf(out.results).changed === 'true';
}
/**
 * Runs the command, with a sync's OCI layouts restored from the Actions cache before and saved after when this is
 * the node24 action. A composite step (`inCompositeStep`) cannot reach the cache service: its action.yml wraps the
 * step in actions/cache steps instead.
 */
async function run_execute(settings, env, logger, inCompositeStep, tuning) {
    const { command } = settings;
    const writes = command.name === 'sync once';
    const spec = (0,options/* isSyncCommand */.dv)(command) && command.name !== 'sync config' && settings.cache ? (0,layout_cache/* layoutCacheSpec */.G6)(command.config, (0,layout_cache/* cacheRunFrom */.Ek)(env), command.shard) : undefined;
    const service = spec && !inCompositeStep ? await actionsCacheService() : undefined;
    const restored = spec && service ? await restoreLayouts(service, spec, logger) : undefined;
    const stores = (0,store_options/* openStores */.j)(command, settings.global.hosts, logger, tuning);
    const progress = new GroupedProgress();
    let out;
    try {
        out = await (0,execute/* executeCommand */.R)(command, { stores, logger, onProgress: (0,report_progress/* createProgressReporter */.l)(progress.emit) });
    }
    finally {
        progress.close();
        await stores.close();
    }
    if (service && restored && writes)
        await saveLayouts(service, restored, wroteSomething(out), logger);
    return out;
}
function describe(out, results, settings) {
    if (out.kind === 'raw')
        return Buffer.from(out.bytes).toString('utf8');
    return settings.global.format === 'json' ? (0,jsonl/* renderJsonLines */.Y)(results) : (0,report_text/* renderText */.S)(results);
}
/** `tuning`: what main.ts's runtime tuning hands down (runtime.ts); none when the action runs in a test. */
async function runAction(argv, env, tuning = {}) {
    maskInputSecrets(env);
    const started = Date.now();
    const logger = createActionLogger();
    const commandWord = argv[0] ?? readInput(env, 'command');
    let results = [];
    let failure;
    let title = `regkit ${commandWord}`.trim();
    try {
        const settings = readSettings(env, argv[0]);
        const { command } = settings;
        // The config is read (it is where these come from) but nothing has logged yet.
        if ((0,options/* isSyncCommand */.dv)(command) || command.name === 'prune once')
            for (const secret of (0,secrets/* configSecrets */.U)(command.config))
                core/* setSecret */.Pq(secret);
        title = `regkit ${command.name}`;
        const out = await run_execute(settings, env, logger, argv[0] !== undefined, tuning);
        if (out.kind === 'results')
            results = out.results;
        core/* info */.pq(describe(out, results, settings).trimEnd());
        setOutputs((0,options/* isSyncCommand */.dv)(command) ? syncOutputsOf(results, settings.shards) : command.name === 'prune once' ? pruneOutputsOf(results) : outputsOf(results));
    }
    catch (err) {
        failure = err;
    }
    const message = failure === undefined ? undefined : failure instanceof Error ? failure.message : String(failure);
    await writeSummary({ results, title, error: message, ...(commandWord === 'sync' ? { sync: { durationMs: Date.now() - started } } : {}) }, logger);
    if (message !== undefined) {
        core/* setFailed */.C1(message);
        return (0,errors/* exitCodeFor */.Rr)(failure);
    }
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length > 0) {
        core/* setFailed */.C1(`${failed.length} of ${results.length} operations failed: ${failed.map((r) => r.reason ?? r.status).join('; ')}`);
    }
    return (0,result/* exitCodeOf */.FO)(results);
}


/***/ })

};
