export const id = 856;
export const ids = [856];
export const modules = {

/***/ 6856:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(7406);
// EXTERNAL MODULE: ./build/src/report/progress.js
var progress = __webpack_require__(1737);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(4123);
// EXTERNAL MODULE: ./build/src/config/secrets.js
var secrets = __webpack_require__(8965);
// EXTERNAL MODULE: ./build/src/command/execute.js + 2 modules
var execute = __webpack_require__(8284);
// EXTERNAL MODULE: ./build/src/config/host-spec.js
var host_spec = __webpack_require__(1310);
;// CONCATENATED MODULE: ./build/src/cli/logger.js
function fieldText(fields) {
    return Object.entries(fields)
        .map(([k, v]) => {
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        return `${k}=${/^[^\s"=]*$/.test(text ?? '') ? text : JSON.stringify(text)}`;
    })
        .join(' ');
}
function createCliLogger(opts) {
    const now = opts.now ?? (() => new Date());
    const log = (level, message, fields) => {
        if (level === 'debug' && !opts.verbose)
            return;
        if (opts.format === 'json') {
            opts.write(opts.redact(`${JSON.stringify({ time: now().toISOString(), level, msg: message, ...fields })}\n`));
            return;
        }
        const extra = fields && Object.keys(fields).length > 0 ? ` ${fieldText(fields)}` : '';
        opts.write(opts.redact(`${level}: ${message}${extra}\n`));
    };
    return {
        debug: (m, f) => log('debug', m, f),
        info: (m, f) => log('info', m, f),
        warn: (m, f) => log('warn', m, f),
        error: (m, f) => log('error', m, f),
    };
}
/** The one line a failed run ends with: `regkit: <message>`, or a JSON object with `level` and `msg`. */
function formatFatal(err, format, redact) {
    const message = redact((err instanceof Error ? err.message : String(err)).replace(/\r?\n/g, ' '));
    return format === 'json' ? `${JSON.stringify({ level: 'error', msg: message })}\n` : `regkit: ${message}\n`;
}
/** The log format asked for, read leniently: used to report an argv that could not be parsed. */
function logFormatOf(argv) {
    const i = argv.lastIndexOf('--log-format');
    if (i >= 0 && argv[i + 1] === 'json')
        return 'json';
    return argv.includes('--log-format=json') ? 'json' : 'text';
}

// EXTERNAL MODULE: ./build/src/command/options.js
var options = __webpack_require__(4141);
// EXTERNAL MODULE: ./build/src/report/jsonl.js
var jsonl = __webpack_require__(6830);
// EXTERNAL MODULE: ./build/src/report/text.js
var report_text = __webpack_require__(4913);
// EXTERNAL MODULE: ./build/src/command/image-read.js
var image_read = __webpack_require__(6879);
;// CONCATENATED MODULE: ./build/src/cli/output.js
// Renders a command's output for stdout in the asked format.



function renderOutput(out, format) {
    const json = format === 'json';
    switch (out.kind) {
        case 'results':
            return json ? (0,jsonl/* renderJsonLines */.Y)(out.results) : (0,report_text/* renderText */.S)(out.results);
        case 'list':
            return json ? `${JSON.stringify(out.items)}\n` : out.items.map((i) => `${i}\n`).join('');
        case 'digest':
            return json ? `${JSON.stringify({ digest: out.digest })}\n` : `${out.digest}\n`;
        case 'ratelimit':
            return json ? `${JSON.stringify(out.rateLimit)}\n` : `${(0,image_read/* describeRateLimit */.J8)(out.rateLimit)}\n`;
        case 'raw':
            return out.bytes;
    }
}

// EXTERNAL MODULE: ./build/src/oci/platform.js
var oci_platform = __webpack_require__(3856);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(4974);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(9154);
// EXTERNAL MODULE: ./build/src/config/shard.js
var config_shard = __webpack_require__(4004);
;// CONCATENATED MODULE: ./build/src/cli/spec.js
// The command line as data: every command, its arguments and flags. The parser and the usage text both read this
// table, so a flag cannot be accepted without being documented.
const GLOBAL_FLAGS = [
    {
        name: 'host',
        kind: 'repeat',
        value: 'reg=HOST[:PORT],tls=enabled|insecure|disabled[,user=U,pass=P][,hostname=H][,repo-auth=true]',
        help: 'registry settings, once per registry',
    },
    { name: 'format', kind: 'value', value: 'text|json', help: 'output: aligned text, or one JSON object per line' },
    { name: 'log-format', kind: 'value', value: 'text|json', help: 'log lines on stderr: text, or JSON objects' },
    { name: 'verbose', short: 'v', kind: 'boolean', help: 'show debug logs' },
    { name: 'help', short: 'h', kind: 'boolean', help: 'show usage' },
    { name: 'version', kind: 'boolean', help: 'show the version' },
];
const PLATFORM_FLAG = { name: 'platform', short: 'p', kind: 'value', value: 'OS/ARCH[/VARIANT]', help: 'pick this platform from a multi-platform index' };
const CONFIG_FLAG = { name: 'config', short: 'c', kind: 'value', value: 'FILE', help: 'the regsync.yml to read (- reads standard input)' };
const SHARD_FLAG = { name: 'shard', kind: 'value', value: 'I/N', help: 'take only the I-th of N deterministic parts of the work (one per matrix job)' };
const SYNC_RUN_FLAGS = [
    CONFIG_FLAG,
    SHARD_FLAG,
    { name: 'missing', kind: 'boolean', help: 'copy only tags the target does not have yet' },
    { name: 'abort-on-error', kind: 'boolean', help: 'start no new copy after the first failure' },
    { name: 'max-wait', kind: 'value', value: 'DURATION', help: 'longest total wait for source rate limits (e.g. 20m); past it a tag fails and the rest go on' },
];
const PRUNE_FLAGS = [
    { name: 'config', short: 'c', kind: 'value', value: 'FILE', help: 'the regbot.yml to read (- reads standard input)' },
    { name: 'dry-run', kind: 'boolean', help: 'show the plan (each would-delete with its digest) and write nothing' },
];
const LIMIT_FLAG = { name: 'limit', kind: 'value', value: 'N', help: 'list at most N entries' };
const COMMANDS = [
    {
        words: ['copy'],
        args: ['SRC', 'DST'],
        summary: 'copy an image (every platform, or those given) from SRC to DST',
        flags: [
            { name: 'platform', short: 'p', kind: 'repeat', value: 'OS/ARCH[/VARIANT]', help: 'copy only this platform of an index (repeatable)' },
            { name: 'referrers', kind: 'boolean', help: 'also copy signatures, SBOMs and other referrers' },
            { name: 'digest-tags', kind: 'boolean', help: 'also copy sha256-<hex>.* tags (cosign style)' },
            { name: 'include-external', kind: 'boolean', help: 'also copy foreign and non-distributable layers' },
            { name: 'force-recursive', kind: 'boolean', help: 'check every child and blob even when the top digests match' },
            { name: 'fast', kind: 'boolean', help: 'trust equal top digests, skip referrer and digest-tag checks' },
            { name: 'dry-run', kind: 'boolean', help: 'show what would be copied, write nothing' },
            { name: 'concurrency', kind: 'value', value: 'N', help: 'blobs moved at once' },
        ],
    },
    {
        words: ['tag', 'ls'],
        args: ['REPO'],
        summary: 'list the tags of a repository',
        flags: [
            { name: 'include', kind: 'value', value: 'REGEX', help: 'only tags matching this anchored regex' },
            { name: 'exclude', kind: 'value', value: 'REGEX', help: 'drop tags matching this anchored regex' },
            LIMIT_FLAG,
            { name: 'last', kind: 'value', value: 'TAG', help: 'start after this tag' },
        ],
    },
    { words: ['tag', 'delete'], args: ['REF'], summary: 'delete one tag; other tags on the same digest stay', flags: [] },
    {
        words: ['repo', 'ls'],
        args: ['HOST'],
        summary: 'list the repositories of a registry (_catalog)',
        flags: [LIMIT_FLAG, { name: 'last', kind: 'value', value: 'REPO', help: 'start after this repository' }],
    },
    { words: ['image', 'digest'], args: ['REF'], summary: 'print the digest of an image', flags: [PLATFORM_FLAG] },
    { words: ['image', 'manifest'], args: ['REF'], summary: 'print the manifest bytes exactly as the registry sent them', flags: [PLATFORM_FLAG] },
    { words: ['image', 'config'], args: ['REF'], summary: 'print the image config bytes', flags: [PLATFORM_FLAG] },
    { words: ['image', 'ratelimit'], args: ['REF'], summary: 'show the pull rate limit the registry reports', flags: [] },
    {
        words: ['image', 'delete'],
        args: ['REF'],
        summary: 'delete an image by digest (every tag on it goes too)',
        flags: [{ name: 'force', kind: 'boolean', help: 'delete even when other tags still use the digest' }],
    },
    {
        words: ['image', 'export'],
        args: ['REF', 'FILE'],
        summary: 'write an image to one tar file (an OCI layout that docker load also reads)',
        flags: [{ name: 'platform', short: 'p', kind: 'repeat', value: 'OS/ARCH[/VARIANT]', help: 'export only this platform of an index (repeatable)' }],
    },
    { words: ['image', 'import'], args: ['REF', 'FILE'], summary: 'push the image in a tar file written by image export (or an OCI layout tar) to REF', flags: [] },
    { words: ['sync', 'once'], args: [], summary: 'run every step of a regsync.yml once', flags: SYNC_RUN_FLAGS },
    { words: ['sync', 'check'], args: [], summary: 'show what sync once would do, writing nothing', flags: SYNC_RUN_FLAGS },
    { words: ['sync', 'config'], args: [], summary: 'print the resolved regsync.yml, secrets redacted', flags: [CONFIG_FLAG] },
    {
        words: ['prune', 'once'],
        args: [],
        summary: 'run the scripts and policies of a regbot.yml once: plan, check protect and maxDeletes, then delete',
        flags: PRUNE_FLAGS,
    },
    {
        words: ['sync', 'cache-key'],
        args: [],
        summary: 'print the Actions cache key, restore prefix and paths of the ocidir:// layouts a sync uses, as GITHUB_OUTPUT lines',
        flags: [CONFIG_FLAG, SHARD_FLAG],
    },
];
function commandName(spec) {
    return spec.words.join(' ');
}
/** Every flag by long name and short letter; flags mean the same wherever they appear, so one table serves all. */
function flagTable() {
    const table = new Map();
    for (const f of [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.flags)]) {
        table.set(`--${f.name}`, f);
        if (f.short)
            table.set(`-${f.short}`, f);
    }
    return table;
}

;// CONCATENATED MODULE: ./build/src/cli/usage.js
// Usage text, generated from the command table.

function flagLines(flags) {
    const heads = flags.map((f) => `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ` ${f.value}` : ''}`);
    const width = Math.min(Math.max(...heads.map((h) => h.length)), 40);
    return flags.map((f, i) => {
        const head = heads[i];
        const repeat = f.kind === 'repeat' ? ' (repeatable)' : '';
        return head.length > width ? `  ${head}\n  ${' '.repeat(width)}  ${f.help}${repeat}` : `  ${head.padEnd(width)}  ${f.help}${repeat}`;
    });
}
function commandLines(specs) {
    const heads = specs.map((c) => `${commandName(c)} ${c.args.join(' ')}`);
    const width = Math.max(...heads.map((h) => h.length));
    return specs.map((c, i) => `  ${heads[i].padEnd(width)}  ${c.summary}`);
}
const GLOBAL_SECTION = ['Global flags (before or after the command):', ...flagLines(GLOBAL_FLAGS)];
function mainUsage() {
    return [
        'Usage: regkit COMMAND [ARGS] [FLAGS]',
        '',
        'Commands:',
        ...commandLines(COMMANDS),
        '',
        ...GLOBAL_SECTION,
        '',
        'References: HOST[:PORT]/REPO[:TAG][@DIGEST] (Docker Hub names may be short) or ocidir://PATH[:TAG].',
        'Exit codes: 0 done, 1 an operation failed, 2 usage or configuration error.',
        '',
    ].join('\n');
}
function groupUsage(group) {
    const specs = COMMANDS.filter((c) => c.words[0] === group);
    return [`Usage: regkit ${group} COMMAND [ARGS] [FLAGS]`, '', 'Commands:', ...commandLines(specs), '', ...GLOBAL_SECTION, ''].join('\n');
}
function commandUsage(spec) {
    const lines = [`Usage: regkit ${commandName(spec)} ${spec.args.join(' ')}${spec.flags.length > 0 ? ' [FLAGS]' : ''}`, '', spec.summary, ''];
    if (spec.flags.length > 0)
        lines.push('Flags:', ...flagLines(spec.flags), '');
    lines.push(...GLOBAL_SECTION, '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./build/src/cli/parse.js
// argv → Invocation. Global flags may come before or after the command and its arguments (as regctl allows);
// `--` ends flags. Every mistake is a UsageError (exit 2) that names the flag, never a --host value.









const FLAGS = flagTable();
function splitArgv(argv) {
    const positionals = [];
    const flags = new Map();
    for (let i = 0; i < argv.length; i++) {
        const token = argv[i];
        if (token === '--') {
            positionals.push(...argv.slice(i + 1));
            break;
        }
        if (!token.startsWith('-') || token === '-') {
            positionals.push(token);
            continue;
        }
        const eq = token.startsWith('--') ? token.indexOf('=') : -1;
        const name = eq >= 0 ? token.slice(0, eq) : token;
        const spec = FLAGS.get(name);
        if (!spec)
            throw new errors/* UsageError */.eb(`unknown flag ${name}; see regkit --help`);
        let value = '';
        if (spec.kind === 'boolean') {
            if (eq >= 0)
                throw new errors/* UsageError */.eb(`--${spec.name} takes no value`);
        }
        else if (eq >= 0) {
            value = token.slice(eq + 1);
        }
        else {
            if (i + 1 >= argv.length)
                throw new errors/* UsageError */.eb(`--${spec.name} needs a value: ${spec.value ?? 'VALUE'}`);
            value = argv[++i];
        }
        flags.set(spec.name, [...(flags.get(spec.name) ?? []), value]);
    }
    return { positionals, flags };
}
function findCommand(positionals) {
    return COMMANDS.find((c) => c.words.every((w, i) => positionals[i] === w));
}
function checkFlags(raw, spec) {
    const allowed = new Map([...GLOBAL_FLAGS, ...spec.flags].map((f) => [f.name, f]));
    for (const [name, values] of raw.flags) {
        const flag = allowed.get(name);
        if (!flag)
            throw new errors/* UsageError */.eb(`${commandName(spec)} does not take --${name}; see regkit ${commandName(spec)} --help`);
        if (flag.kind !== 'repeat' && values.length > 1)
            throw new errors/* UsageError */.eb(`--${name} given more than once`);
    }
}
function one(raw, name) {
    return raw.flags.get(name)?.[0];
}
function has(raw, name) {
    return raw.flags.has(name);
}
/** Tag filters are anchored, as regctl's are: `v1` matches the tag `v1`, not `v10`. */
function anchoredRegex(source, flag) {
    try {
        return new RegExp(`^(?:${source})$`);
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`--${flag}: invalid regular expression: ${err.message}`);
    }
}
function parseWaitDuration(text) {
    try {
        const seconds = (0,duration/* parseGoDuration */.Q)(text);
        if (seconds < 0)
            throw new Error('it is negative');
        return seconds;
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`--max-wait: ${err.message}`);
    }
}
function globalOptions(raw) {
    const format = one(raw, 'format');
    const logFormat = one(raw, 'log-format');
    return {
        hosts: (0,host_spec/* parseHostSpecs */.wE)(raw.flags.get('host') ?? []),
        format: format === undefined ? 'text' : (0,options/* parseOutputFormat */.uH)(format, '--format'),
        logFormat: logFormat === undefined ? 'text' : (0,options/* parseOutputFormat */.uH)(logFormat, '--log-format'),
        verbose: has(raw, 'verbose'),
    };
}
// The config readers (YAML, templates, Lua) load only for the commands that read a config: start-up is part of the
// wall time of every copy, and most of the bundle is not needed for one.
async function loadSyncConfigFile(file) {
    return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(484), __webpack_require__.e(656), __webpack_require__.e(803)]).then(__webpack_require__.bind(__webpack_require__, 803))).loadSyncConfig(file);
}
async function loadBotConfigFile(file) {
    return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(484), __webpack_require__.e(656), __webpack_require__.e(803)]).then(__webpack_require__.bind(__webpack_require__, 803))).loadBotConfig(file);
}
async function buildCommand(spec, args, raw) {
    const limit = one(raw, 'limit');
    const last = one(raw, 'last');
    const platform = one(raw, 'platform');
    const arg = args[0];
    const name = commandName(spec);
    switch (name) {
        case 'copy': {
            const concurrency = one(raw, 'concurrency');
            return (0,options/* buildCopyCommand */.pt)({
                source: arg,
                target: args[1],
                platforms: raw.flags.get('platform') ?? [],
                referrers: has(raw, 'referrers'),
                digestTags: has(raw, 'digest-tags'),
                includeExternal: has(raw, 'include-external'),
                forceRecursive: has(raw, 'force-recursive'),
                fast: has(raw, 'fast'),
                dryRun: has(raw, 'dry-run'),
                ...(concurrency !== undefined ? { concurrency: (0,options/* parsePositiveInteger */.zE)(concurrency, '--concurrency') } : {}),
            });
        }
        case 'tag ls': {
            const include = one(raw, 'include');
            const exclude = one(raw, 'exclude');
            const repository = (0,reference/* parseReference */.F2)(arg, { repositoryOnly: true });
            if (repository.tag !== undefined || repository.digest !== undefined)
                throw new errors/* UsageError */.eb(`tag ls takes a repository, not an image: drop the tag or digest from "${arg}"`);
            return {
                name,
                repository,
                ...(include !== undefined ? { include: anchoredRegex(include, 'include') } : {}),
                ...(exclude !== undefined ? { exclude: anchoredRegex(exclude, 'exclude') } : {}),
                ...(limit !== undefined ? { limit: (0,options/* parsePositiveInteger */.zE)(limit, '--limit') } : {}),
                ...(last !== undefined ? { last } : {}),
            };
        }
        case 'tag delete': {
            const ref = (0,reference/* parseReference */.F2)(arg, { repositoryOnly: true });
            if (ref.tag === undefined || ref.digest !== undefined)
                throw new errors/* UsageError */.eb(`tag delete needs REPO:TAG, got "${arg}"; to delete by digest use regkit image delete`);
            return { name, ref };
        }
        case 'repo ls':
            return {
                name,
                registry: (0,reference/* parseRegistryHost */.TZ)(arg),
                ...(limit !== undefined ? { limit: (0,options/* parsePositiveInteger */.zE)(limit, '--limit') } : {}),
                ...(last !== undefined ? { last } : {}),
            };
        case 'image digest':
        case 'image manifest':
        case 'image config':
            return { name, ref: (0,reference/* parseReference */.F2)(arg), ...(platform !== undefined ? { platform: (0,oci_platform/* parsePlatform */.Y8)(platform) } : {}) };
        case 'image ratelimit':
            return { name, ref: (0,reference/* parseReference */.F2)(arg) };
        case 'image delete':
            return { name, ref: (0,reference/* parseReference */.F2)(arg), force: has(raw, 'force') };
        case 'sync once':
        case 'sync check':
        case 'sync config':
        case 'sync cache-key': {
            const file = one(raw, 'config');
            if (file === undefined)
                throw new errors/* UsageError */.eb(`${name} needs -c FILE: the regsync.yml to read`);
            const shard = one(raw, 'shard');
            const maxWait = one(raw, 'max-wait');
            return {
                name,
                config: await loadSyncConfigFile(file),
                ...(shard !== undefined ? { shard: (0,config_shard/* parseShard */.uK)(shard) } : {}),
                missing: has(raw, 'missing'),
                abortOnError: has(raw, 'abort-on-error'),
                ...(maxWait !== undefined ? { maxWaitSeconds: parseWaitDuration(maxWait) } : {}),
            };
        }
        case 'prune once': {
            const file = one(raw, 'config');
            if (file === undefined)
                throw new errors/* UsageError */.eb('prune once needs -c FILE: the regbot.yml to read');
            return { name, config: await loadBotConfigFile(file), dryRun: has(raw, 'dry-run') };
        }
        case 'image export':
        case 'image import': {
            const platforms = raw.flags.get('platform') ?? [];
            for (const p of platforms)
                (0,oci_platform/* parsePlatform */.Y8)(p);
            return { name, ref: (0,reference/* parseReference */.F2)(arg), file: args[1], options: platforms.length > 0 ? { platforms: [...platforms] } : {} };
        }
    }
}
async function parseCommandLine(argv) {
    const raw = splitArgv(argv);
    const spec = findCommand(raw.positionals);
    const wantsHelp = has(raw, 'help');
    if (!spec) {
        const group = COMMANDS.filter((c) => c.words.length > 1 && c.words[0] === raw.positionals[0]);
        if (wantsHelp)
            return { kind: 'help', text: group.length > 0 ? groupUsage(raw.positionals[0]) : mainUsage() };
        if (has(raw, 'version'))
            return { kind: 'version' };
        if (raw.positionals.length === 0)
            throw new errors/* UsageError */.eb(`no command given; commands: ${COMMANDS.map(commandName).join(', ')}`);
        if (group.length > 0) {
            throw new errors/* UsageError */.eb(`unknown command "${raw.positionals.slice(0, 2).join(' ')}"; ${raw.positionals[0]} commands: ${group.map(commandName).join(', ')}`);
        }
        throw new errors/* UsageError */.eb(`unknown command "${raw.positionals[0]}"; commands: ${COMMANDS.map(commandName).join(', ')}`);
    }
    if (wantsHelp)
        return { kind: 'help', text: commandUsage(spec) };
    if (has(raw, 'version'))
        return { kind: 'version' };
    checkFlags(raw, spec);
    const args = raw.positionals.slice(spec.words.length);
    if (args.length !== spec.args.length) {
        throw new errors/* UsageError */.eb(`${commandName(spec)} takes ${spec.args.join(' ')}, got ${args.length} argument${args.length === 1 ? '' : 's'}; see regkit ${commandName(spec)} --help`);
    }
    return { kind: 'run', global: globalOptions(raw), command: await buildCommand(spec, args, raw) };
}

;// CONCATENATED MODULE: ./build/src/cli/redact.js
// The CLI's counterpart of the runner's secret masking: known credential values never reach stdout or stderr.
function createRedactor(secrets) {
    // Longest first, so a secret that contains another is hidden whole.
    const values = [...new Set(secrets.filter((s) => s !== ''))].sort((a, b) => b.length - a.length);
    if (values.length === 0)
        return (text) => text;
    return (text) => values.reduce((out, secret) => out.split(secret).join('***'), text);
}

// EXTERNAL MODULE: ./build/src/command/store-options.js + 32 modules
var store_options = __webpack_require__(2218);
;// CONCATENATED MODULE: ./build/src/cli/version.js
// Kept equal to package.json's version by a unit test: the bundle cannot rely on finding package.json at run time.
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./build/src/cli/run.js
// The CLI face: argv → typed command → stores → output on stdout, logs and the final error on stderr, exit code back.













/** `--host` values as typed, so credentials can be hidden even when the spec does not parse. */
function rawHostSpecs(argv) {
    return argv.flatMap((a, i) => (a === '--host' && i + 1 < argv.length ? [argv[i + 1]] : a.startsWith('--host=') ? [a.slice('--host='.length)] : []));
}
/** `tuning`: what main.ts's runtime tuning hands down (runtime.ts); none when the CLI runs in a test. */
async function runCli(argv, io, tuning = {}) {
    let redact = createRedactor((0,host_spec/* secretsInHostSpecs */.jP)(rawHostSpecs(argv)));
    let invocation;
    try {
        invocation = await parseCommandLine(argv);
    }
    catch (err) {
        io.stderr.write(formatFatal(err, logFormatOf(argv), redact));
        return (0,errors/* exitCodeFor */.Rr)(err);
    }
    if (invocation.kind === 'help') {
        io.stdout.write(invocation.text);
        return 0;
    }
    if (invocation.kind === 'version') {
        io.stdout.write(`regkit ${VERSION}\n`);
        return 0;
    }
    const { global, command } = invocation;
    if ((0,options/* isSyncCommand */.dv)(command) || command.name === 'prune once')
        redact = createRedactor([...(0,host_spec/* secretsInHostSpecs */.jP)(rawHostSpecs(argv)), ...(0,secrets/* configSecrets */.U)(command.config)]);
    const logger = createCliLogger({ format: global.logFormat, verbose: global.verbose, write: (line) => io.stderr.write(line), redact });
    const stores = (0,store_options/* openStores */.j)(command, global.hosts, logger, tuning);
    try {
        const onProgress = (0,progress/* createProgressReporter */.l)((image, line) => logger.info(`${image}: ${line}`));
        const out = await (0,execute/* executeCommand */.R)(command, { stores, logger, onProgress });
        const rendered = renderOutput(out, global.format);
        io.stdout.write(typeof rendered === 'string' ? redact(rendered) : rendered);
        if (out.kind !== 'results')
            return 0;
        for (const r of out.results)
            if (r.status === 'failed')
                logger.error(`${r.op} failed: ${r.reason ?? 'no reason given'}`);
        return (0,result/* exitCodeOf */.FO)(out.results);
    }
    catch (err) {
        io.stderr.write(formatFatal(err, global.logFormat, redact));
        return (0,errors/* exitCodeFor */.Rr)(err);
    }
    finally {
        await stores.close();
    }
}


/***/ })

};
