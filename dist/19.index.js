export const id = 19;
export const ids = [19,31,344];
export const modules = {

/***/ 24019:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/src/command/execute.js + 4 modules
var execute = __webpack_require__(91165);
// EXTERNAL MODULE: ./build/src/config/host-spec.js
var host_spec = __webpack_require__(91310);
// EXTERNAL MODULE: ./build/src/log.js
var log = __webpack_require__(6671);
// EXTERNAL MODULE: ./build/src/command/options.js
var options = __webpack_require__(24141);
// EXTERNAL MODULE: ./build/src/command/store-options.js + 34 modules
var store_options = __webpack_require__(27899);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/report/jsonl.js
var jsonl = __webpack_require__(26830);
// EXTERNAL MODULE: ./build/src/report/progress.js
var report_progress = __webpack_require__(91737);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(34123);
// EXTERNAL MODULE: ./build/src/report/text.js
var report_text = __webpack_require__(74913);
// EXTERNAL MODULE: ./build/src/command/layout-cache.js
var layout_cache = __webpack_require__(23806);
// EXTERNAL MODULE: ./build/src/config/bounds.js
var bounds = __webpack_require__(77675);
// EXTERNAL MODULE: ./build/src/command/prune-config.js + 3 modules
var prune_config = __webpack_require__(56344);
// EXTERNAL MODULE: ./build/src/command/sync-config.js
var sync_config = __webpack_require__(71031);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(99154);
// EXTERNAL MODULE: ./build/src/config/shard.js
var config_shard = __webpack_require__(34004);
// EXTERNAL MODULE: ./build/src/config/trust.js
var trust = __webpack_require__(90170);
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
/** `untrusted-config: true`: the config is a policy under review (see config/trust.ts), reading only `allow-env`. */
function readConfigTrust(env) {
    return (0,trust/* configTrustOf */.ub)(readBoolean(env, 'untrusted-config'), readLines(env, 'allow-env'), {
        untrusted: 'input untrusted-config: true',
        allowEnv: 'input allow-env',
    });
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
    const strict = readBoolean(env, 'strict');
    const command = {
        name: `sync ${mode}`,
        config: (0,sync_config.loadSyncConfig)(file, undefined, { strict, trust: readConfigTrust(env) }),
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
        hosts: (0,host_spec/* parseHostSpecs */.wE)(readLines(env, 'hosts'), 'the hosts input'),
        bounds: (0,bounds/* parseBoundSpecs */.Ip)(readLines(env, 'bounds'), 'input bounds'),
        format: format === '' ? 'text' : (0,options/* parseOutputFormat */.uH)(format, 'input format'),
        logFormat: 'text',
        verbose: false,
    };
    if (command === 'sync')
        return { global, ...readSyncSettings(env) };
    if (command === 'prune') {
        const file = requireInput(env, 'config', 'prune');
        const dryRun = readBoolean(env, 'dry-run');
        const strict = readBoolean(env, 'strict');
        return { global, command: { name: 'prune once', config: (0,prune_config.loadBotConfig)(file, undefined, { strict, trust: readConfigTrust(env) }), dryRun }, cache: false };
    }
    return { global, command: readCopyCommand(env), cache: false };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./build/src/action/layout-cache.js
// The node24 action's side of the layout cache: restore the sync's OCI layouts before the run and save them after,
// through @actions/cache. Only a JS action step gets the runtime token and cache URL it needs (composite steps do
// not: actions/runner#3046), and a cache problem never fails a sync: it warns and the run goes on from the disk.

/**
 * Loaded only when a sync uses a layout, from a chunk of its own beside dist/index.js (`lazy`, not `eager`): the
 * cache client with its storage SDK is about 2.4 MB of bundle, which every CLI call would otherwise parse at start-up.
 */
async function actionsCacheService() {
    const cache = await __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 61691));
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

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./build/src/action/logger.js
// The action logger over @actions/core, and progress lines grouped per image in the job log.




function withFields(message, fields) {
    if (!fields || Object.keys(fields).length === 0)
        return message;
    return `${message} ${Object.entries(fields)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ')}`;
}
/**
 * An annotation's place: `file` relative to the workspace (GitHub matches it against the repository's paths),
 * `line` and `col`, so the message shows on the pull request's diff at that line.
 */
function annotationAt(p, workspace = process.env['GITHUB_WORKSPACE']) {
    const file = workspace && (0,external_node_path_.isAbsolute)(p.file) && !(0,external_node_path_.relative)(workspace, p.file).startsWith('..') ? (0,external_node_path_.relative)(workspace, p.file) : p.file;
    return { file, ...(p.line !== undefined ? { startLine: p.line } : {}), ...(p.column !== undefined ? { startColumn: p.column } : {}) };
}
/** Warnings and errors with a position (`atPosition` fields) become annotations at that place. */
function annotate(write, line) {
    return (m, f) => {
        const { position, rest } = (0,log/* splitPosition */.w$)(f);
        if (position)
            write(line(m, rest), annotationAt(position));
        else
            write(line(m, f));
    };
}
/** Lines are masked here as well as by the runner: a summary or a local run has no runner masking. */
function createActionLogger(secrets) {
    const line = (m, f) => secrets.redact(withFields(m, f));
    return {
        debug: (m, f) => core/* debug */.Yz(line(m, f)),
        info: (m, f) => core/* info */.pq(line(m, f)),
        warn: annotate(core/* warning */.$e, line),
        error: annotate(core/* error */.z3, line),
    };
}
/**
 * Fails the step with the error as an annotation: a config error at its file, line and column, anything else as a
 * plain error (what `core.setFailed` does, with the position it cannot take).
 */
function failStep(err, secrets) {
    if (err instanceof errors/* ConfigError */.xL && err.file !== undefined) {
        process.exitCode = core/* ExitCode */.yU.Failure;
        core/* error */.z3(secrets.redact(err.withoutPosition), annotationAt({ file: err.file, line: err.line, column: err.column }));
        return;
    }
    core/* setFailed */.C1(secrets.redact(err instanceof Error ? err.message : String(err)));
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
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/report/units.js
var units = __webpack_require__(24915);
;// CONCATENATED MODULE: ./build/src/report/summary.js
// Operation results as a markdown job summary, laid out for a reader at GitHub's content width: the heading carries
// the counts; failures come first, each with its whole reason; then what changed or would change (a pull request's
// check shows its plan before anything else), one table shape per kind of operation; unchanged and excluded entries
// are folded into counts per repository. The whole stays under a size cap, with a line saying what was left out.




/** Well under GitHub's 1 MiB limit for one step's summary, leaving room for other steps of the job. */
const SUMMARY_MAX_BYTES = 512 * 1024;
/** Cell text that cannot break the table: `|` escaped, line breaks as `<br>`, HTML inert. */
function escapeCell(text) {
    return escapeText(text).replace(/\|/g, '\\|');
}
/** Text that stays text in markdown: HTML inert, line breaks as `<br>`, emphasis and link marks escaped. */
function escapeText(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]])/g, '\\$1')
        .replace(/\r?\n/g, '<br>');
}
/** A code span: its text is shown as it is (no escapes work inside one), so only a backtick must not end it early. */
function code(text) {
    return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}
const CHANGES = ['would-copy', 'would-backup', 'would-delete', 'copied', 'backed-up', 'deleted', 'restored'];
const FOLDED = [
    { status: 'skipped', label: 'unchanged' },
    { status: 'excluded', label: 'excluded' },
    { status: 'not-run', label: 'not run' },
];
function isDelete(r) {
    return r.op === 'tag-delete' || r.op === 'image-delete' || r.op === 'prune' || r.op === 'restore';
}
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
            return digest !== undefined ? `${tag}@${(0,units/* shortDigest */.VK)(digest)}` : tag;
        return digest ? (0,units/* shortDigest */.VK)(digest) : textOf(loc);
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
/** `41.0 MiB` kept on one line. */
function unbroken(text) {
    return text.replace(/ /g, '\u00a0');
}
/** `2,400`: counts read at a glance. */
function count(n) {
    return n.toLocaleString('en-US');
}
function headingCounts(results) {
    return (0,report_text/* tally */.N4)(results)
        .counts.map(([s, n]) => `${count(n)} ${FOLDED.find((f) => f.status === s)?.label ?? s}`)
        .join(', ');
}
/** Bytes moved (and to move, in a plan), wall time, and the lowest rate limit each source registry reported. */
function factsLine(results, durationMs) {
    const t = (0,report_text/* tally */.N4)(results);
    // A plan moves nothing: it says what it would move; deletes move no bytes at all.
    const parts = t.moved > 0 || (t.toMove === 0 && !results.every(isDelete)) ? [`${(0,units/* formatBytes */.z3)(t.moved)} moved`] : [];
    if (t.toMove > 0)
        parts.push(`${(0,units/* formatBytes */.z3)(t.toMove)} to move`);
    if (durationMs !== undefined)
        parts.push((0,units/* formatDuration */.a3)(durationMs));
    const lowest = new Map();
    for (const r of results) {
        const remaining = r.details?.kind === 'transfer' ? r.details.rateLimitRemaining : undefined;
        if (remaining === undefined || r.source === undefined)
            continue;
        const registry = registryText(r.source);
        lowest.set(registry, Math.min(remaining, lowest.get(registry) ?? Infinity));
    }
    if (lowest.size > 0)
        parts.push(`rate limit remaining (lowest seen): ${[...lowest].map(([registry, n]) => `${code(registry)} ${n}`).join(', ')}`);
    return parts.join(' · ');
}
function routeText(r) {
    if (r.source !== undefined && r.target !== undefined)
        return `${textOf(r.source)} → ${textOf(r.target)}`;
    return textOf(r.target ?? r.source);
}
function failureItem(r) {
    return `- **${escapeText(routeText(r) || r.op)}**<br>${escapeText(r.reason ?? 'no reason given')}`;
}
const TRANSFER_HEAD = ['| Status | Image | Digest | Size | Time |', '| --- | --- | --- | ---: | ---: |'];
const DELETE_HEAD = ['| Action | Tag | Digest | Rule |', '| --- | --- | --- | --- |'];
function transferRow(r) {
    const status = r.op === 'sync' || r.op === 'copy' || r.op === 'backup' ? r.status : `${r.status} (${r.op})`;
    const digest = r.digest ? code((0,units/* shortDigest */.VK)(r.digest)) : '';
    const time = r.durationMs === undefined ? '' : unbroken((0,units/* formatDuration */.a3)(r.durationMs));
    // The source under the target, smaller: a column of its own would squeeze the others into two lines at GitHub's width.
    const image = r.source !== undefined ? `${escapeCell(textOf(r.target))}<br><sub>from ${escapeCell(textOf(r.source))}</sub>` : escapeCell(textOf(r.target));
    return `| ${[status, image, digest, unbroken((0,units/* formatBytes */.z3)(r.bytes)), time].join(' | ')} |`;
}
/** The script or policy that asked for a delete, or the reason a sync step gave. */
function ruleText(r) {
    const d = r.details;
    if (d?.kind === 'script')
        return `script "${d.script}"${d.line !== undefined ? ` line ${d.line}` : ''}`;
    if (d?.kind === 'policy')
        return `policy "${d.policy}"${d.line !== undefined ? ` line ${d.line}` : ''}`;
    return r.reason ?? '';
}
function deleteRow(r) {
    const digest = r.digest ? code((0,units/* shortDigest */.VK)(r.digest)) : '';
    const rule = [ruleText(r), (0,result/* versionNote */.zQ)(r)].filter(Boolean).join(' ');
    return `| ${[r.status, escapeCell(textOf(r.target ?? r.source)), digest, escapeCell(rule)].join(' | ')} |`;
}
/** How to take back this run's GitHub Packages deletes, one command per repository (GitHub keeps them 30 days). */
function undoLines(results) {
    const byRepo = new Map();
    for (const r of results) {
        const ids = r.status === 'deleted' ? (0,result/* githubVersionIdsOf */.pM)(r) : [];
        if (ids.length === 0 || r.target === undefined)
            continue;
        const repo = repositoryText(r.target);
        const known = byRepo.get(repo);
        if (known)
            known.push(...ids);
        else
            byRepo.set(repo, [...ids]);
    }
    if (byRepo.size === 0)
        return [];
    return ['To undo within 30 days:', '', ...[...byRepo].map(([repo, ids]) => `    regkit image restore ${repo} ${ids.join(',')}`), ''];
}
/** One line per repository pair and reason: how many tags, and the first few by name. */
function foldedLines(results, named) {
    const groups = new Map();
    for (const r of results) {
        const key = JSON.stringify([repositoryText(r.target), repositoryText(r.source), r.reason ?? '']);
        const group = groups.get(key);
        if (group)
            group.push(r);
        else
            groups.set(key, [r]);
    }
    return [...groups.values()].map((group) => {
        const first = group[0];
        const tags = group.map((r) => tagText(r.target ?? r.source));
        const names = tags.slice(0, named).join(', ') + (tags.length > named ? ', …' : '');
        const from = first.source && first.target ? ` ← ${code(repositoryText(first.source))}` : '';
        const what = `${count(group.length)} ${group.length === 1 ? 'tag' : 'tags'}${first.reason ? `, ${first.reason}` : ''}`;
        return `- ${code(repositoryText(first.target ?? first.source))}${from}: ${escapeText(what)} (${escapeText(names)})`;
    });
}
/** Lines added while they fit the byte budget; what does not fit is counted, not written. */
class Budget {
    max;
    lines = [];
    used = 0;
    leftOut = 0;
    constructor(max) {
        this.max = max;
    }
    fits(lines) {
        return this.used + lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) <= this.max;
    }
    add(...lines) {
        for (const l of lines)
            this.used += Buffer.byteLength(l) + 1;
        this.lines.push(...lines);
    }
    /** A block (a heading, a table head) and then its items one by one, as many as fit; `tail` closes the block. */
    block(head, items, tail = ['']) {
        if (items.length === 0)
            return;
        if (!this.fits([...head, items[0], ...tail])) {
            this.leftOut += items.length;
            return;
        }
        this.add(...head);
        let i = 0;
        for (; i < items.length && this.fits([items[i], ...tail]); i++)
            this.add(items[i]);
        this.leftOut += items.length - i;
        this.add(...tail);
    }
}
/** Room kept for the line that says what was left out. */
const NOTE_ROOM = 400;
function renderSummary(results, opts = {}) {
    const title = escapeText(opts.title ?? 'regkit');
    const counts = headingCounts(results);
    // A run that ended in an error says so in its heading: never "0 failed" above a failure.
    const verdict = opts.error !== undefined ? `failed${counts ? ` (${counts})` : ''}` : counts || 'nothing to do';
    const out = new Budget((opts.maxBytes ?? SUMMARY_MAX_BYTES) - NOTE_ROOM);
    out.add(`### ${title}: ${verdict}`, '');
    if (opts.error !== undefined)
        out.add(`**Failed:** ${escapeText(opts.error)}`, '');
    const facts = results.length > 0 ? factsLine(results, opts.durationMs) : '';
    if (facts)
        out.add(facts, '');
    const failed = results.filter((r) => r.status === 'failed');
    out.block([`#### Failed (${count(failed.length)})`, ''], failed.map(failureItem));
    const rejected = results.filter((r) => r.status === 'rejected');
    out.block([`#### Rejected by the verify policy (${count(rejected.length)})`, ''], rejected.map(failureItem));
    for (const [label, statuses] of [
        ['Would change', CHANGES.filter((s) => s.startsWith('would-'))],
        ['Changed', CHANGES.filter((s) => !s.startsWith('would-'))],
    ]) {
        const rows = results.filter((r) => statuses.includes(r.status));
        if (rows.length === 0)
            continue;
        out.add(`#### ${label} (${count(rows.length)})`, '');
        out.block(TRANSFER_HEAD, rows.filter((r) => !isDelete(r)).map(transferRow));
        out.block(DELETE_HEAD, rows.filter(isDelete).map(deleteRow));
    }
    const undo = undoLines(results);
    if (undo.length > 0)
        out.add(...undo);
    for (const { status, label } of FOLDED) {
        const rows = results.filter((r) => r.status === status);
        if (rows.length > 0)
            out.block([`<details><summary>${count(rows.length)} ${label}</summary>`, ''], foldedLines(rows, opts.namedInFold ?? 10), ['', '</details>', '']);
    }
    if (out.leftOut > 0) {
        out.add(`_${count(out.leftOut)} more ${out.leftOut === 1 ? 'entry' : 'entries'} left out to keep this summary under ${(0,units/* formatBytes */.z3)(opts.maxBytes ?? SUMMARY_MAX_BYTES)}; the step log lists every result._`, '');
    }
    return `${out.lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./build/src/action/outputs.js
// Step outputs and the job summary, rendered from the results.




/** Statuses that wrote something to a target. */
const WRITES = ['copied', 'backed-up', 'deleted', 'restored'];
/** Largest `plan` output: step outputs of a job share about 1 MiB, and a runner echoes each into the log. */
const PLAN_MAX_BYTES = 256 * 1024;
/** No-op entries: the first left out of a `plan` over its cap. */
const NO_OPS = ['skipped', 'excluded'];
/**
 * The `plan` output: a JSON array of result records (the objects of `--format json`, in run order). Over
 * PLAN_MAX_BYTES, unchanged and excluded entries are left out first, then the array is cut at the cap; `leftOut`
 * says how many entries are missing (the step log has every one).
 */
function planOutput(results, maxBytes = PLAN_MAX_BYTES) {
    const lines = results.map((r) => ({ status: r.status, text: JSON.stringify((0,jsonl/* resultRecord */.F)(r)) }));
    const size = (kept) => kept.reduce((n, l) => n + Buffer.byteLength(l.text) + 1, 1);
    let kept = lines;
    if (size(kept) > maxBytes)
        kept = kept.filter((l) => !NO_OPS.includes(l.status));
    if (size(kept) > maxBytes) {
        let used = 1;
        const cut = kept.findIndex((l) => (used += Buffer.byteLength(l.text) + 1) > maxBytes);
        kept = kept.slice(0, cut);
    }
    return { json: `[${kept.map((l) => l.text).join(',')}]`, leftOut: lines.length - kept.length };
}
function outputsOf(results) {
    const withDigest = results.filter((r) => r.digest !== undefined);
    return {
        digest: withDigest.length > 0 ? withDigest[withDigest.length - 1].digest : '',
        changed: String(results.some((r) => WRITES.includes(r.status))),
        bytes: String(results.reduce((sum, r) => sum + r.bytes, 0)),
        plan: planOutput(results).json,
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
async function writeSummary(req, logger, secrets) {
    const markdown = renderSummary(req.results, { title: req.title, durationMs: req.durationMs, ...(req.error !== undefined ? { error: req.error } : {}) });
    try {
        await core/* summary */.z.addRaw(secrets.redact(markdown)).write();
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
















/**
 * The run's secrets, each form handed to the runner's masking as it is learned (the runner masks only values it
 * knows, and a `pass=` inside `hosts` is not one), starting with the inputs' before anything can log.
 */
function runSecrets(env) {
    const secrets = new log/* Secrets */.Sb();
    secrets.onForm((form) => core/* setSecret */.Pq(form));
    for (const secret of (0,host_spec/* secretsInHostSpecs */.jP)(readLines(env, 'hosts')))
        secrets.add(secret);
    return secrets;
}
function wroteSomething(out) {
    return out.kind === 'results' && outputsOf(out.results).changed === 'true';
}
/**
 * Runs the command, with a sync's OCI layouts restored from the Actions cache before and saved after when this is
 * the node24 action. A composite step (`inCompositeStep`) cannot reach the cache service: its action.yml wraps the
 * step in actions/cache steps instead.
 */
async function run_execute(settings, env, logger, secrets, inCompositeStep, tuning) {
    const { command } = settings;
    // First: opening the stores registers the hosts' and the config's credentials, which nothing may print before.
    const stores = (0,store_options/* openStores */.j)(command, settings.global, logger, secrets, tuning);
    const writes = command.name === 'sync once';
    const spec = (0,options/* isSyncCommand */.dv)(command) && command.name !== 'sync config' && settings.cache ? (0,layout_cache/* layoutCacheSpec */.G6)(command.config, (0,layout_cache/* cacheRunFrom */.Ek)(env), command.shard) : undefined;
    const service = spec && !inCompositeStep ? await actionsCacheService() : undefined;
    const restored = spec && service ? await restoreLayouts(service, spec, logger) : undefined;
    const progress = new GroupedProgress();
    const json = settings.global.format === 'json';
    // Each result is logged as its operation ends, outside any progress group, so a job cut off by its timeout shows
    // what it finished.
    const onResult = (r) => {
        progress.close();
        const masked = secrets.redactData(r);
        core/* info */.pq(secrets.redact((json ? (0,jsonl/* renderJsonLine */.v)(masked) : (0,report_text/* renderTextLine */.AV)(masked)).trimEnd()));
    };
    let out;
    try {
        out = await (0,execute/* executeCommand */.R)(command, { stores, logger, onProgress: (0,report_progress/* createProgressReporter */.lb)(progress.emit), onResult });
    }
    finally {
        progress.close();
        await stores.close();
    }
    if (service && restored && writes)
        await saveLayouts(service, restored, wroteSomething(out), logger);
    return out;
}
/** `tuning`: what main.ts's runtime tuning hands down (runtime.ts); none when the action runs in a test. */
async function runAction(argv, env, tuning = {}) {
    const secrets = runSecrets(env);
    const started = Date.now();
    const logger = createActionLogger(secrets);
    const commandWord = argv[0] ?? readInput(env, 'command');
    let results = [];
    let failure;
    let title = `regkit ${commandWord}`.trim();
    try {
        const settings = readSettings(env, argv[0]);
        const { command } = settings;
        title = `regkit ${command.name}`;
        const out = await run_execute(settings, env, logger, secrets, argv[0] !== undefined, tuning);
        if (out.kind === 'results') {
            // Masked field by field before anything renders them: the summary escapes characters a secret may hold.
            results = secrets.redactData(out.results);
            core/* info */.pq((0,report_text/* renderTotals */._R)(results, Date.now() - started));
            const { leftOut } = planOutput(results);
            if (leftOut > 0)
                logger.warn(`the plan output leaves out ${leftOut} of ${results.length} entries (unchanged and excluded first) to stay under ${PLAN_MAX_BYTES} bytes; this log lists every result`);
        }
        else if (out.kind === 'raw')
            core/* info */.pq(secrets.redact(Buffer.from(out.bytes).toString('utf8').trimEnd()));
        setOutputs(secrets.redactData((0,options/* isSyncCommand */.dv)(command) ? syncOutputsOf(results, settings.shards) : command.name === 'prune once' ? pruneOutputsOf(results) : outputsOf(results)));
    }
    catch (err) {
        failure = err;
    }
    const message = failure === undefined ? undefined : secrets.redact(failure instanceof Error ? failure.message : String(failure));
    await writeSummary({ results, title, error: message, durationMs: Date.now() - started }, logger, secrets);
    if (message !== undefined) {
        failStep(failure, secrets);
        return (0,errors/* exitCodeFor */.Rr)(failure);
    }
    const failed = results.filter(result/* failsRun */.FR);
    if (failed.length > 0) {
        core/* setFailed */.C1(`${failed.length} of ${results.length} operations failed or were rejected: ${failed.map((r) => r.reason ?? r.status).join('; ')}`);
    }
    return (0,result/* exitCodeOf */.FO)(results);
}


/***/ }),

/***/ 56344:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadBotConfig: () => (/* reexport */ loadBotConfig)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/config/cron.js
var cron = __webpack_require__(68982);
// EXTERNAL MODULE: ./build/src/config/creds.js
var config_creds = __webpack_require__(32709);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(99154);
// EXTERNAL MODULE: ./build/src/config/keys.js
var keys = __webpack_require__(44674);
// EXTERNAL MODULE: ./build/src/config/regex.js
var regex = __webpack_require__(62939);
// EXTERNAL MODULE: ./build/src/config/document.js + 1 modules
var config_document = __webpack_require__(24367);
// EXTERNAL MODULE: ./build/src/prune/lua/sandbox.js + 1 modules
var sandbox = __webpack_require__(66309);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./build/src/prune/lua/fengari.js + 2 modules
var fengari = __webpack_require__(51133);
;// CONCATENATED MODULE: ./build/src/prune/config/script.js
// Compiles a script without running it, so a syntax error fails the config load (exit 2, a PR check) instead of a
// scheduled run, and maps the Lua line to the line of the YAML file it was written on.


/** Undefined when the script compiles. Only the parser runs: no library is opened and no code executes. */
function checkLuaSyntax(source) {
    const L = fengari/* lauxlib */.Ac.luaL_newstate();
    const chunk = (0,fengari/* to_luastring */.sz)(source);
    if (fengari/* lauxlib */.Ac.luaL_loadbufferx(L, chunk, chunk.length, (0,fengari/* to_luastring */.sz)('=script'), (0,fengari/* to_luastring */.sz)('t')) === fengari/* lua */.fT.LUA_OK)
        return undefined;
    const text = fengari/* lua */.fT.lua_tojsstring(L, -1);
    const m = /^script:(\d+): ([\s\S]*)$/.exec(text);
    return m ? { line: Number(m[1]), message: m[2] } : { line: 1, message: text };
}
/**
 * The file line holding line `luaLine` of a script value. Exact for block scalars (`script: |`), whose content
 * starts on the line after the indicator; for a flow scalar, the line where it starts.
 */
function fileLineOf(yaml, node, luaLine) {
    const n = yaml.resolve(node);
    const start = yaml.position(n).line;
    if (n && (0,dist/* isScalar */.jn)(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED'))
        return start + luaLine;
    return start;
}

// EXTERNAL MODULE: ./build/src/prune/policy/args.js
var policy_args = __webpack_require__(33620);
;// CONCATENATED MODULE: ./build/src/prune/config/policies.js
// The declarative `policies:` list of regbot.yml (regkit's own section):
//   policies:
//     - keepLast: {repo: registry.example.com/app, match: '(.+)-\d{8}', group: '$1', keep: 3, sort: name}
//     - name: old CI builds
//       olderThan: {repo: registry.example.com/app, match: 'ci-\d+', days: 30}
// Each argument goes through parsePolicyCall, the same check `policy.keepLast{...}` in Lua gets.



const ITEM_KEYS = ['name', ...policy_args/* POLICY_KINDS */.vE];
/** A policy argument as the Lua side would hand it over: a string, number or boolean. */
function plainValue(yaml, node, what) {
    const n = yaml.resolve(node);
    if (n === null)
        return undefined;
    if (!(0,dist/* isScalar */.jn)(n))
        throw yaml.error(n, `${what} must be a single value, not a list or mapping`);
    return n.value ?? undefined;
}
function readPolicy(yaml, node, index) {
    const where = `policies[${index}]`;
    const item = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, where), ITEM_KEYS, where, 'every');
    const kinds = policy_args/* POLICY_KINDS */.vE.filter((k) => item.has(k));
    if (kinds.length !== 1) {
        throw yaml.error(node, `${where} needs exactly one of ${policy_args/* POLICY_KINDS */.vE.join(', ')}${kinds.length > 1 ? `, not both` : ''}`);
    }
    const kind = kinds[0];
    const body = item.get(kind);
    const argEntries = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(body.value, `${where}.${kind}`), policy_args/* POLICY_KEYS */.cN[kind], `${where}.${kind}`, 'every');
    const args = {};
    for (const [key, e] of argEntries)
        args[key] = plainValue(yaml, e.value, `${where}.${kind}.${key}`);
    let call;
    try {
        call = (0,policy_args/* parsePolicyCall */.mt)(kind, args);
    }
    catch (err) {
        if (!(err instanceof policy_args/* PolicyArgError */.jZ))
            throw err;
        const at = err.key !== undefined ? argEntries.get(err.key) : undefined;
        throw yaml.error(at ? at.value : body.keyNode, `${where}.${err.message}`);
    }
    const nameEntry = item.get('name');
    const given = nameEntry ? yaml.string(nameEntry.value, `${where}.name`).trim() : '';
    const pos = yaml.position(body.keyNode);
    return { index, name: given !== '' ? given : `${where} ${kind}`, call, file: yaml.name, ...pos };
}
function readPolicies(yaml, node) {
    return yaml.items(node, 'policies').map((item, i) => readPolicy(yaml, item, i));
}

;// CONCATENATED MODULE: ./build/src/prune/config/load.js
// Loads a regbot.yml: regclient's format (an unknown key is a warning with its position and the nearest valid key, an
// error under `strict`; `x-*` keys are the user's own), plus regkit's `defaults.protect`, `defaults.maxDeletes` and
// `policies:`.
// Every script is compiled at load, so a Lua syntax error is a config error (exit 2) naming the script and the
// file line. `loadBotConfig` is the entry.
//
// `protect` patterns are anchored regexes. Each is tried against three spellings of a tag about to be deleted: the
// tag alone (`latest`), `repository:tag` (`team/app:v1`) and the full reference (`registry.example.com/team/app:v1`);
// a match of any protects it. So `latest` protects every `latest`, `team/app:.*` every tag of one repository.










const TOP_KEYS = ['version', 'creds', 'defaults', 'scripts', 'policies'];
const DEFAULTS_KEYS = [
    'interval',
    'schedule',
    'parallel',
    'timeout',
    'blobLimit',
    'skipDockerConfig',
    'userAgent',
    'protect',
    'maxDeletes',
    'scriptMemory',
    'scriptFiles',
];
const SCRIPT_KEYS = ['name', 'script', 'interval', 'schedule', 'timeout'];
/** regbot expands the same creds templates as regsync except `registry`. */
const REGBOT_CREDS_TEMPLATES = config_creds/* REGSYNC_CREDS_TEMPLATES */.Qj.filter((f) => f !== 'registry');
const DEFAULT_BLOB_LIMIT = 1024 * 1024 * 1024;
/** A script with no timeout of its own or in `defaults`: long enough for a big retention run, short of a job's 6 h. */
const DEFAULT_SCRIPT_TIMEOUT_SECONDS = 3600;
function load_duration(yaml, node, what) {
    try {
        const seconds = (0,duration/* parseGoDuration */.Q)(yaml.string(node, what));
        if (seconds < 0)
            throw new Error('it is negative');
        return seconds;
    }
    catch (err) {
        throw yaml.error(node, `${what}: ${err.message}`);
    }
}
function schedule(yaml, node, what) {
    const s = yaml.string(node, what);
    try {
        (0,cron/* validateCron */.J)(s);
    }
    catch (err) {
        throw yaml.error(node, `${what}: ${err.message}`);
    }
    return s;
}
/** interval, schedule and timeout: the keys a script shares with `defaults`. */
function readTiming(yaml, f, where) {
    const interval = (0,keys/* presentEntry */.Ut)(yaml, f, 'interval');
    const sched = (0,keys/* presentEntry */.Ut)(yaml, f, 'schedule');
    const timeout = (0,keys/* presentEntry */.Ut)(yaml, f, 'timeout');
    return {
        ...(interval ? { intervalSeconds: load_duration(yaml, interval.value, `${where}.interval`) } : {}),
        ...(sched ? { schedule: schedule(yaml, sched.value, `${where}.schedule`) } : {}),
        ...(timeout ? { timeoutSeconds: load_duration(yaml, timeout.value, `${where}.timeout`) } : {}),
    };
}
function readProtect(yaml, node) {
    return yaml.items(node, 'defaults.protect').map((item, i) => {
        const source = yaml.string(item, `defaults.protect[${i}]`);
        try {
            return { source, regex: (0,regex/* compileAnchoredRegex */.d)(source) };
        }
        catch (err) {
            throw yaml.error(item, `defaults.protect[${i}]: ${err.message}`);
        }
    });
}
function readDefaults(yaml, node) {
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults', ['protect', 'maxDeletes']);
    const num = (key, opts) => {
        const e = (0,keys/* presentEntry */.Ut)(yaml, f, key);
        return e ? yaml.number(e.value, `defaults.${key}`, opts) : undefined;
    };
    const skip = (0,keys/* presentEntry */.Ut)(yaml, f, 'skipDockerConfig');
    const userAgent = (0,keys/* presentEntry */.Ut)(yaml, f, 'userAgent');
    const maxDeletes = num('maxDeletes', { integer: true, min: 0 });
    const scriptFiles = (0,keys/* presentEntry */.Ut)(yaml, f, 'scriptFiles');
    return {
        parallel: Math.max(1, num('parallel', { integer: true, min: 0 }) ?? 0),
        ...readTiming(yaml, f, 'defaults'),
        blobLimit: num('blobLimit', { integer: true, min: 0 }) || DEFAULT_BLOB_LIMIT,
        skipDockerConfig: skip ? yaml.bool(skip.value, 'defaults.skipDockerConfig') : false,
        ...(userAgent ? { userAgent: yaml.string(userAgent.value, 'defaults.userAgent') } : {}),
        protect: readProtect(yaml, f.get('protect')?.value ?? null),
        ...(maxDeletes !== undefined ? { maxDeletes } : {}),
        scriptMemoryMiB: num('scriptMemory', { integer: true, min: 16 }) ?? sandbox/* DEFAULT_SCRIPT_MEMORY_MIB */.r,
        ...(scriptFiles ? { scriptFiles: yaml.string(scriptFiles.value, 'defaults.scriptFiles') } : {}),
    };
}
function readScript(yaml, node, index, defaults) {
    const where = `scripts[${index}]`;
    const f = (0,keys/* checkedEntries */.Yy)(yaml, yaml.entries(node, where), SCRIPT_KEYS, where);
    const name = yaml.string(f.get('name')?.value ?? null, `${where}.name`).trim();
    if (name === '')
        throw yaml.error(f.get('name')?.keyNode ?? node, `${where}.name is required: results and errors are reported under it`);
    const scriptEntry = (0,keys/* presentEntry */.Ut)(yaml, f, 'script');
    if (!scriptEntry)
        throw yaml.error(f.get('script')?.keyNode ?? node, `${where} ("${name}") has no script`);
    const source = yaml.string(scriptEntry.value, `${where}.script`);
    const syntax = checkLuaSyntax(source);
    if (syntax) {
        const line = fileLineOf(yaml, scriptEntry.value, syntax.line);
        throw new errors/* ConfigError */.xL(`script "${name}" does not compile (its line ${syntax.line}): ${syntax.message}`, { file: yaml.name, line });
    }
    const timing = readTiming(yaml, f, where);
    const firstLine = fileLineOf(yaml, scriptEntry.value, 1);
    const block = fileLineOf(yaml, scriptEntry.value, 2) !== firstLine;
    const pos = yaml.position(node);
    const intervalSeconds = timing.intervalSeconds ?? (timing.schedule === undefined ? defaults.intervalSeconds : undefined);
    const sched = timing.schedule ?? (timing.intervalSeconds === undefined ? defaults.schedule : undefined);
    return {
        index,
        name,
        source,
        file: yaml.name,
        ...pos,
        ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
        ...(sched !== undefined ? { schedule: sched } : {}),
        timeoutSeconds: timing.timeoutSeconds || defaults.timeoutSeconds || DEFAULT_SCRIPT_TIMEOUT_SECONDS,
        ...(block ? { luaLineOffset: firstLine - 1 } : {}),
    };
}
function checkUniqueNames(yaml, entries) {
    const seen = new Map();
    for (const e of entries) {
        const first = seen.get(e.name);
        if (first !== undefined)
            throw new errors/* ConfigError */.xL(`"${e.name}" is used twice (first on line ${first}): script and policy names must be unique, results are reported under them`, {
                file: yaml.name,
                line: e.line,
                column: e.column,
            });
        seen.set(e.name, e.line);
    }
}
/**
 * Reads and resolves a regbot config. `file` is a path, `-` for standard input, or `{ text, name }`. `env` feeds
 * `{{env}}` in creds (process.env when absent); `trust` is `untrusted` for a policy under review (see config/trust.ts). Throws ConfigError with file:line:column on anything unusable.
 */
function loadBotConfig(file, env, opts = {}) {
    const { yaml, top, run, trust } = (0,config_document/* openConfigDocument */.E)(file, TOP_KEYS, { ...opts, ...(env ? { env } : {}) });
    const creds = (0,config_creds/* readCreds */.sW)(yaml, top.get('creds')?.value ?? null, { templates: REGBOT_CREDS_TEMPLATES, run, trust });
    const defaults = readDefaults(yaml, top.get('defaults')?.value ?? null);
    const scripts = yaml.items(top.get('scripts')?.value ?? null, 'scripts').map((node, i) => readScript(yaml, node, i, defaults));
    const policies = readPolicies(yaml, top.get('policies')?.value ?? null);
    checkUniqueNames(yaml, [...scripts, ...policies]);
    return { file: yaml.name, version: 1, creds, defaults, scripts, policies, warnings: yaml.warnings };
}

;// CONCATENATED MODULE: ./build/src/command/prune-config.js
// regbot's config loader as the faces reach it through the command layer. The CLI imports it dynamically: its scripts
// bring the Lua engine, the largest part of the bundle, which only `prune` needs.



/***/ }),

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
