export const id = 912;
export const ids = [912];
export const modules = {

/***/ 14912:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/report/progress.js
var progress = __webpack_require__(91737);
// EXTERNAL MODULE: ./build/src/report/result.js
var result = __webpack_require__(34123);
// EXTERNAL MODULE: ./build/src/report/text.js
var report_text = __webpack_require__(74913);
// EXTERNAL MODULE: ./build/src/command/execute.js + 4 modules
var execute = __webpack_require__(91165);
// EXTERNAL MODULE: ./build/src/log.js
var src_log = __webpack_require__(6671);
;// CONCATENATED MODULE: ./build/src/cli/logger.js
// The CLI logger: text lines with a level prefix, or JSON lines (`--log-format json`), on stderr. Debug shows with -v.

function fieldText(fields) {
    return Object.entries(fields)
        .map(([k, v]) => {
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        return `${k}=${/^[^\s"=]*$/.test(text ?? '') ? text : JSON.stringify(text)}`;
    })
        .join(' ');
}
const LEVEL_ORDER = ['debug', 'info', 'warn', 'error'];
function createCliLogger(opts) {
    const now = opts.now ?? (() => new Date());
    const lowest = LEVEL_ORDER.indexOf(opts.minLevel ?? (opts.verbose ? 'debug' : 'info'));
    const log = (level, text, allFields) => {
        if (LEVEL_ORDER.indexOf(level) < lowest)
            return;
        const { position, rest: fields } = (0,src_log/* splitPosition */.w$)(allFields);
        const message = position ? `${(0,src_log/* positionText */.J)(position)}: ${text}` : text;
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
    const opt = argv.lastIndexOf('--logopt');
    if (opt >= 0 && argv[opt + 1] === 'json')
        return 'json';
    return argv.includes('--log-format=json') || argv.includes('--logopt=json') ? 'json' : 'text';
}

// EXTERNAL MODULE: ./build/src/report/jsonl.js
var jsonl = __webpack_require__(26830);
// EXTERNAL MODULE: ./build/src/command/image-read.js
var image_read = __webpack_require__(16879);
;// CONCATENATED MODULE: ./build/src/cli/output.js



/** One result as its stdout line, masked field by field and again as text: a JSON object per line, or a text line. */
function renderResult(r, format, secrets) {
    const masked = secrets.redactData(r);
    return secrets.redact(format === 'json' ? (0,jsonl/* renderJsonLine */.v)(masked) : (0,report_text/* renderTextLine */.AV)(masked));
}
/**
 * Raw bytes pass unchanged, so their digest stays the image's, unless they hold a secret (a registry may echo one in
 * a manifest it serves); everything else is masked field by field before rendering, and the rendered text again.
 */
function renderOutput(out, format, secrets, template) {
    // Parsing allows a template only on commands whose output carries a view (command/format.ts).
    if (template)
        return secrets.redact(template.render(out.view));
    if (out.kind === 'raw')
        return secrets.redactBytes(out.bytes);
    return secrets.redact(renderData(secrets.redactData(out), format));
}
function renderData(out, format) {
    const json = format === 'json';
    switch (out.kind) {
        case 'list':
            return json ? `${JSON.stringify(out.items)}\n` : out.items.map((i) => `${i}\n`).join('');
        case 'digest':
            return json ? `${JSON.stringify({ digest: out.digest })}\n` : `${out.digest}\n`;
        case 'ratelimit':
            return json ? `${JSON.stringify(out.rateLimit)}\n` : `${(0,image_read/* describeRateLimit */.J8)(out.rateLimit)}\n`;
        case 'document':
            return json ? `${JSON.stringify(out.json)}\n` : out.text;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./build/src/oci/platform.js
var oci_platform = __webpack_require__(23856);
// EXTERNAL MODULE: ./build/src/oci/reference.js
var reference = __webpack_require__(84974);
// EXTERNAL MODULE: ./build/src/config/duration.js
var duration = __webpack_require__(99154);
// EXTERNAL MODULE: ./build/src/config/shard.js
var config_shard = __webpack_require__(34004);
// EXTERNAL MODULE: ./build/src/config/host-spec.js
var host_spec = __webpack_require__(91310);
// EXTERNAL MODULE: ./build/src/config/trust.js
var trust = __webpack_require__(90170);
// EXTERNAL MODULE: ./build/src/config/user-settings.js
var user_settings = __webpack_require__(27187);
// EXTERNAL MODULE: ./build/src/command/options.js
var options = __webpack_require__(24141);
// EXTERNAL MODULE: ./build/src/config/bounds.js
var bounds = __webpack_require__(77675);
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
    {
        name: 'bound',
        kind: 'repeat',
        value: 'KEY=VALUE',
        help: 'move a bound on what is read (manifest-bytes=8MiB, request-timeout=10m …; docs/security.md#bounds)',
    },
    {
        name: 'format',
        kind: 'value',
        value: "text|json|'{{GO TEMPLATE}}'",
        help: 'output: aligned text, one JSON object per line, or a Go template (read commands)',
    },
    { name: 'log-format', kind: 'value', value: 'text|json', help: 'log lines on stderr: text, or JSON objects' },
    { name: 'logopt', kind: 'repeat', value: 'json', help: "regctl's spelling of --log-format json" },
    { name: 'verbose', short: 'v', kind: 'boolean', help: 'show debug logs, with one line per HTTP request (-v LEVEL as --verbosity)' },
    { name: 'verbosity', kind: 'value', value: 'trace|debug|info|warn|error', help: 'lowest log level shown (default info)' },
    { name: 'help', short: 'h', kind: 'boolean', help: 'show usage' },
    { name: 'version', kind: 'boolean', help: 'show the version' },
];
const PLATFORM_FLAG = {
    name: 'platform',
    short: 'p',
    kind: 'value',
    value: 'OS/ARCH[/VARIANT]',
    help: 'pick this platform from a multi-platform index',
};
const CONFIG_FLAG = { name: 'config', short: 'c', kind: 'value', value: 'FILE', help: 'the regsync.yml to read (- reads standard input)' };
const UNTRUSTED_CONFIG_FLAG = {
    name: 'untrusted-config',
    kind: 'boolean',
    help: 'the config is a policy under review: its creds may not set credentials or hostnames, its templates may not read files or the environment',
};
const ALLOW_ENV_FLAG = {
    name: 'allow-env',
    kind: 'repeat',
    value: 'NAME[,NAME]',
    help: 'with --untrusted-config: environment variables the config may still read with {{env}} (not secrets)',
};
const SHARD_FLAG = {
    name: 'shard',
    kind: 'value',
    value: 'I/N',
    help: 'take only the I-th of N deterministic parts of the work (one per matrix job)',
};
const STRICT_FLAG = {
    name: 'strict',
    kind: 'boolean',
    help: 'refuse what regsync/regbot ignore (unknown keys, a tag on a repository step, an unreadable {{file}}) instead of warning',
};
const SYNC_RUN_FLAGS = [
    CONFIG_FLAG,
    STRICT_FLAG,
    UNTRUSTED_CONFIG_FLAG,
    ALLOW_ENV_FLAG,
    SHARD_FLAG,
    { name: 'missing', kind: 'boolean', help: 'copy only tags the target does not have yet' },
    { name: 'abort-on-error', kind: 'boolean', help: 'start no new copy after the first failure' },
    { name: 'max-wait', kind: 'value', value: 'DURATION', help: 'longest total wait for source rate limits (e.g. 20m); past it a tag fails and the rest go on' },
];
const PRUNE_FLAGS = [
    { name: 'config', short: 'c', kind: 'value', value: 'FILE', help: 'the regbot.yml to read (- reads standard input)' },
    STRICT_FLAG,
    UNTRUSTED_CONFIG_FLAG,
    ALLOW_ENV_FLAG,
    { name: 'dry-run', kind: 'boolean', help: 'show the plan (each would-delete with its digest) and write nothing' },
];
const LIMIT_FLAG = { name: 'limit', kind: 'value', value: 'N', help: 'list at most N entries' };
const TLS_FLAG = { name: 'tls', kind: 'value', value: 'enabled|insecure|disabled', help: 'how to speak TLS to the registry' };
/** Commands about regkit itself and its stored registry settings. */
const TOOL_COMMANDS = [
    {
        words: ['registry', 'set'],
        args: ['HOST'],
        summary: 'store settings for a registry in the regkit config file (used by every command; --host overrides)',
        flags: [
            TLS_FLAG,
            { name: 'hostname', kind: 'value', value: 'HOST[:PORT]', help: 'the DNS name to connect to, when it differs from HOST' },
            { name: 'cacert', kind: 'value', value: 'FILE|PEM', help: "the registry's CA certificate: a PEM file, or its text as regctl takes it" },
            { name: 'repo-auth', kind: 'value', value: 'true|false', help: 'one token per repository' },
            { name: 'req-concurrent', kind: 'value', value: 'N', help: 'requests in flight to this registry' },
            { name: 'req-per-sec', kind: 'value', value: 'N', help: 'requests per second to this registry' },
        ],
    },
    {
        words: ['registry', 'login'],
        args: ['HOST'],
        summary: 'store a user and password for a registry (the password read from standard input)',
        flags: [
            { name: 'user', short: 'u', kind: 'value', value: 'USER', help: 'the user name' },
            { name: 'pass-stdin', kind: 'boolean', help: 'read the password (or token) from standard input' },
        ],
    },
    { words: ['registry', 'logout'], args: ['HOST'], summary: 'remove the stored user and password of a registry', flags: [] },
    { words: ['registry', 'ls'], args: [], summary: 'list the stored registry settings (passwords never shown)', flags: [], aliases: [['registry', 'list']] },
    { words: ['version'], args: [], summary: 'show the version, Node.js and platform', flags: [] },
    { words: ['completion'], args: ['bash|zsh|fish'], summary: 'print a shell completion script (source <(regkit completion bash))', flags: [] },
    { words: ['help'], args: ['[COMMAND]'], summary: 'show usage, of one command when named', flags: [] },
];
const COMMANDS = [
    {
        words: ['copy'],
        args: ['SRC', 'DST'],
        summary: 'copy an image (every platform, or those given) from SRC to DST',
        aliases: [
            ['image', 'copy'],
            ['image', 'cp'],
        ],
        flags: [
            { name: 'platform', short: 'p', kind: 'repeat', value: 'OS/ARCH[/VARIANT]', help: 'copy only this platform of an index' },
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
        aliases: [['tag', 'list']],
        flags: [
            { name: 'include', kind: 'value', value: 'REGEX', help: 'only tags matching this anchored regex' },
            { name: 'exclude', kind: 'value', value: 'REGEX', help: 'drop tags matching this anchored regex' },
            LIMIT_FLAG,
            { name: 'last', kind: 'value', value: 'TAG', help: 'start after this tag' },
        ],
    },
    {
        words: ['tag', 'delete'],
        args: ['REF'],
        summary: 'delete one tag; other tags on the same digest stay',
        flags: [],
        aliases: [
            ['tag', 'rm'],
            ['tag', 'del'],
            ['tag', 'remove'],
        ],
    },
    {
        words: ['repo', 'ls'],
        args: ['HOST'],
        summary: 'list the repositories of a registry (_catalog)',
        aliases: [['repo', 'list']],
        flags: [LIMIT_FLAG, { name: 'last', kind: 'value', value: 'REPO', help: 'start after this repository' }],
    },
    { words: ['image', 'digest'], args: ['REF'], summary: 'print the digest of an image', flags: [PLATFORM_FLAG] },
    { words: ['image', 'manifest'], args: ['REF'], summary: 'print the manifest bytes exactly as the registry sent them', flags: [PLATFORM_FLAG] },
    { words: ['image', 'config'], args: ['REF'], summary: 'print the image config bytes', flags: [PLATFORM_FLAG] },
    { words: ['image', 'inspect'], args: ['REF'], summary: 'show an image: digest, created, platforms, labels, layers, size', flags: [PLATFORM_FLAG] },
    { words: ['image', 'ratelimit'], args: ['REF'], summary: 'show the pull rate limit the registry reports', flags: [] },
    {
        words: ['image', 'delete'],
        args: ['REF'],
        summary: 'delete an image by digest (every tag on it goes too)',
        aliases: [
            ['image', 'rm'],
            ['image', 'del'],
            ['image', 'remove'],
        ],
        flags: [{ name: 'force', kind: 'boolean', help: 'delete even when other tags still use the digest' }],
    },
    {
        words: ['image', 'restore'],
        args: ['REPO', 'IDS'],
        summary: 'restore GitHub Packages versions deleted within 30 days (IDS: the githubVersionIds of delete results, comma-separated)',
        flags: [],
    },
    {
        words: ['image', 'export'],
        args: ['REF', 'FILE'],
        summary: 'write an image to one tar file (an OCI layout that docker load also reads)',
        flags: [{ name: 'platform', short: 'p', kind: 'repeat', value: 'OS/ARCH[/VARIANT]', help: 'export only this platform of an index' }],
    },
    {
        words: ['image', 'import'],
        args: ['REF', 'FILE'],
        summary: 'push the image in a tar file written by image export (or an OCI layout tar) to REF',
        flags: [],
    },
    {
        words: ['verify'],
        args: ['REF'],
        summary: "verify an image's signatures (cosign .sig tags, sigstore bundle referrers) by keys or keyless identity; exit 1 when rejected",
        flags: [
            { name: 'key', kind: 'repeat', value: 'FILE', help: 'a trusted public key, as cosign.pub (repeatable)' },
            { name: 'trusted-root', kind: 'value', value: 'FILE', help: "sigstore's trusted_root.json: sigstore bundles are checked against it (offline)" },
            { name: 'certificate-identity', kind: 'value', value: 'SUBJECT', help: "the keyless signer's certificate identity (SAN), exactly" },
            { name: 'certificate-identity-regexp', kind: 'value', value: 'REGEX', help: 'the certificate identity, as a regex matching it whole' },
            { name: 'certificate-oidc-issuer', kind: 'value', value: 'URL', help: "the keyless signer's OIDC issuer, exactly" },
            { name: 'certificate-oidc-issuer-regexp', kind: 'value', value: 'REGEX', help: 'the OIDC issuer, as a regex matching it whole' },
            {
                name: 'tlog-threshold',
                kind: 'value',
                value: 'N',
                help: 'transparency log entries a bundle, or a keyed .sig layer under --trusted-root, must carry (default 1)',
            },
            { name: 'ctlog-threshold', kind: 'value', value: 'N', help: 'certificate transparency SCTs a keyless bundle must carry (default 1)' },
            {
                name: 'timestamp-threshold',
                kind: 'value',
                value: 'N',
                help: 'verified times of signing (log entry, RFC 3161) a keyless signature must carry (default 1)',
            },
            {
                name: 'signed',
                kind: 'value',
                value: 'index|children|index-or-children',
                help: 'what of a multi-platform image must be signed: the index (default), each child, or either',
            },
            {
                name: 'platform',
                short: 'p',
                kind: 'repeat',
                value: 'OS/ARCH[/VARIANT]',
                help: 'the children a sync with this platform filter copies (with --signed)',
            },
        ],
    },
    { words: ['sync', 'once'], args: [], summary: 'run every step of a regsync.yml once', flags: SYNC_RUN_FLAGS },
    { words: ['sync', 'check'], args: [], summary: 'show what sync once would do, writing nothing', flags: SYNC_RUN_FLAGS },
    {
        words: ['sync', 'config'],
        args: [],
        summary: 'print the resolved regsync.yml, secrets redacted',
        flags: [CONFIG_FLAG, STRICT_FLAG, UNTRUSTED_CONFIG_FLAG, ALLOW_ENV_FLAG],
    },
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
        flags: [CONFIG_FLAG, STRICT_FLAG, UNTRUSTED_CONFIG_FLAG, ALLOW_ENV_FLAG, SHARD_FLAG],
    },
    ...TOOL_COMMANDS,
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
    if (spec.aliases)
        lines.push(`Aliases: ${spec.aliases.map((a) => a.join(' ')).join(', ')}`, '');
    if (spec.flags.length > 0)
        lines.push('Flags:', ...flagLines(spec.flags), '');
    lines.push(...GLOBAL_SECTION, '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./build/src/cli/completion.js
// Shell completion scripts generated from the command table (spec.ts): a command or flag added there completes
// without anyone editing a script. Completion is by words: the first word, then the second of a group, then flags.


const SHELLS = ['bash', 'zsh', 'fish'];
/** Every word list that names a command: its own and its aliases. */
function namings() {
    return COMMANDS.flatMap((spec) => [spec.words, ...(spec.aliases ?? [])].map((words) => ({ words, spec })));
}
function firstWords() {
    return [...new Set(namings().map((n) => n.words[0]))];
}
function secondWords(first) {
    return [...new Set(namings().flatMap((n) => (n.words[0] === first && n.words.length > 1 ? [n.words[1]] : [])))];
}
function flagWords(flags) {
    return [...GLOBAL_FLAGS, ...flags].flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}
/** Shell-safe: every word comes from the table, which holds only [a-z0-9-] words; checked so a bad entry cannot inject. */
function safe(words) {
    for (const w of words)
        if (!/^-{0,2}[a-z0-9][a-z0-9-]*$/.test(w))
            throw new Error(`completion: "${w}" is not a plain word`);
    return words.join(' ');
}
function bash() {
    const groups = firstWords().filter((w) => secondWords(w).length > 0);
    const lines = [
        '# bash completion for regkit: source <(regkit completion bash)',
        '_regkit() {',
        '  local cur="${COMP_WORDS[COMP_CWORD]}" w1="${COMP_WORDS[1]}" w2="${COMP_WORDS[2]}"',
        '  if [[ "$cur" == -* ]]; then',
        '    case "$w1 $w2" in',
        ...namings().map((n) => `      "${n.words.join(' ')}"${n.words.length === 1 ? '|"' + n.words[0] + ' "*' : ''}) COMPREPLY=($(compgen -W "${safe(flagWords(n.spec.flags))}" -- "$cur")); return;;`),
        `      *) COMPREPLY=($(compgen -W "${safe(flagWords([]))}" -- "$cur")); return;;`,
        '    esac',
        '  fi',
        '  if [[ $COMP_CWORD -eq 1 ]]; then',
        `    COMPREPLY=($(compgen -W "${safe(firstWords())}" -- "$cur")); return`,
        '  fi',
        '  if [[ $COMP_CWORD -eq 2 ]]; then',
        '    case "$w1" in',
        ...groups.map((g) => `      ${g}) COMPREPLY=($(compgen -W "${safe(secondWords(g))}" -- "$cur")); return;;`),
        `      completion) COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur")); return;;`,
        '    esac',
        '  fi',
        '  COMPREPLY=($(compgen -f -- "$cur"))',
        '}',
        'complete -o default -F _regkit regkit',
        '',
    ];
    return lines.join('\n');
}
function zsh() {
    // zsh runs the bash function through bashcompinit: one generated script, one behaviour.
    return ['#compdef regkit', '# zsh completion for regkit: source <(regkit completion zsh)', 'autoload -U +X bashcompinit && bashcompinit', bash()].join('\n');
}
function fish() {
    const lines = ['# fish completion for regkit: regkit completion fish | source', 'complete -c regkit -f'];
    const top = firstWords();
    lines.push(`complete -c regkit -n "not __fish_seen_subcommand_from ${safe(top)}" -a "${safe(top)}"`);
    for (const g of top) {
        const second = secondWords(g);
        if (second.length > 0)
            lines.push(`complete -c regkit -n "__fish_seen_subcommand_from ${g}; and not __fish_seen_subcommand_from ${safe(second)}" -a "${safe(second)}"`);
    }
    lines.push(`complete -c regkit -n "__fish_seen_subcommand_from completion" -a "${SHELLS.join(' ')}"`);
    const seen = new Set();
    for (const f of [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.flags)]) {
        if (seen.has(f.name))
            continue;
        seen.add(f.name);
        safe([f.name]);
        const help = f.help.replace(/[^A-Za-z0-9 ,.:()/_<>=+-]/g, '');
        lines.push(`complete -c regkit -l ${f.name}${f.short ? ` -s ${f.short}` : ''}${f.kind !== 'boolean' ? ' -r' : ''} -d '${help}'`);
    }
    lines.push('');
    return lines.join('\n');
}
function completionScript(shell) {
    switch (shell) {
        case 'bash':
            return bash();
        case 'zsh':
            return zsh();
        case 'fish':
            return fish();
        default:
            throw new errors/* UsageError */.eb(`completion: unknown shell "${shell}"; choose one of ${SHELLS.join(', ')}`);
    }
}

;// CONCATENATED MODULE: ./build/src/cli/version.js
// Kept equal to package.json's version by a unit test: the bundle cannot rely on finding package.json at run time.
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./build/src/cli/parse.js
// argv → Invocation. Global flags may come before or after the command and its arguments (as regctl allows);
// `--` ends flags. Every mistake is a UsageError (exit 2) that names the flag, never a --host value.















const FLAGS = flagTable();
/** regctl's `-v` levels (logrus's names) → ours; trace shows what debug shows. */
const LEVELS = new Map([
    ['trace', 'debug'],
    ['debug', 'debug'],
    ['info', 'info'],
    ['warn', 'warn'],
    ['warning', 'warn'],
    ['error', 'error'],
    ['fatal', 'error'],
    ['panic', 'error'],
]);
/** Where the workflow templates that replace regsync's and regbot's servers live. */
const SERVER_REPLACEMENTS = {
    sync: 'regsync server is not a regkit command: a scheduled GitHub workflow replaces the server. Start from .github/workflow-templates/nightly-sync.yml (it runs regkit sync once on a cron); see docs/workflows.md',
    prune: 'regbot server is not a regkit command: a scheduled GitHub workflow replaces the server. Start from .github/workflow-templates/weekly-retention.yml (it runs regkit prune once on a cron); see docs/workflows.md',
};
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
        // regctl's `-v LEVEL`; a plain `-v` (followed by anything else) stays the boolean debug switch.
        if (token === '-v' && LEVELS.has(argv[i + 1] ?? '')) {
            flags.set('verbosity', [...(flags.get('verbosity') ?? []), argv[++i]]);
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
/** The command named by the leading positionals, by its words or one of its aliases, and how many words named it. */
function findCommand(positionals) {
    const named = (words) => words.every((w, i) => positionals[i] === w);
    for (const spec of COMMANDS) {
        const words = [spec.words, ...(spec.aliases ?? [])].find(named);
        if (words)
            return { spec, length: words.length };
    }
    return undefined;
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
function parseLevel(value) {
    const level = LEVELS.get(value.toLowerCase());
    if (!level)
        throw new errors/* UsageError */.eb(`--verbosity must be one of ${[...LEVELS.keys()].join(', ')}, not "${value}"`);
    return level;
}
/** `--logopt json` is regctl's `--log-format json`; it has no other option regkit could honour. */
function logFormatFrom(raw) {
    for (const opt of raw.flags.get('logopt') ?? [])
        if (opt !== 'json')
            throw new errors/* UsageError */.eb(`--logopt takes json, not "${opt}"`);
    const logFormat = one(raw, 'log-format');
    if (has(raw, 'logopt'))
        return 'json';
    return logFormat === undefined ? 'text' : (0,options/* parseOutputFormat */.uH)(logFormat, '--log-format');
}
async function globalOptions(raw, command) {
    const format = one(raw, 'format');
    const verbosity = one(raw, 'verbosity');
    const logLevel = verbosity !== undefined ? parseLevel(verbosity) : undefined;
    // A Go template is anything with an action in it; other words must be text or json, so a typo is not printed back.
    const template = format !== undefined && format.includes('{{') ? (await Promise.all(/* import() */[__webpack_require__.e(441), __webpack_require__.e(172)]).then(__webpack_require__.bind(__webpack_require__, 64172))).compileOutputTemplate(format, command) : undefined;
    return {
        hosts: (0,host_spec/* parseHostSpecs */.wE)(raw.flags.get('host') ?? []),
        bounds: (0,bounds/* parseBoundSpecs */.Ip)(raw.flags.get('bound') ?? [], '--bound'),
        format: format === undefined || template ? 'text' : (0,options/* parseOutputFormat */.uH)(format, '--format'),
        logFormat: logFormatFrom(raw),
        verbose: has(raw, 'verbose') || logLevel === 'debug',
        ...(template ? { template } : {}),
        ...(logLevel !== undefined ? { logLevel } : {}),
    };
}
/** A password from standard input: what a pipe or `echo` adds at the end is not part of it. */
function passwordFromStdin() {
    const pass = (0,external_node_fs_.readFileSync)(0, 'utf8').replace(/\r?\n$/, '');
    if (pass === '')
        throw new errors/* UsageError */.eb('registry login: standard input held no password');
    return pass;
}
/** regctl's `--cacert` takes the PEM text itself (`"$(cat ca.crt)"`); a path to the file is taken too. */
function readCaFile(file) {
    if (file.trimStart().startsWith('-----BEGIN'))
        return file;
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`--cacert: ${(0,errors/* fileProblem */.Wj)(file, err)}; give the CA certificate's PEM file or its text`);
    }
}
// The config readers (YAML, templates, Lua) load only for the commands that read a config, each only its own: start-up
// is part of the wall time of every copy and sync, and most of the bundle is needed by neither.
async function loadSyncConfigFile(file, raw) {
    return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(441), __webpack_require__.e(320), __webpack_require__.e(438), __webpack_require__.e(31)]).then(__webpack_require__.bind(__webpack_require__, 71031))).loadSyncConfig(file, undefined, { strict: has(raw, 'strict'), trust: configTrust(raw) });
}
async function loadBotConfigFile(file, raw) {
    return (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(484), __webpack_require__.e(441), __webpack_require__.e(320), __webpack_require__.e(272), __webpack_require__.e(344)]).then(__webpack_require__.bind(__webpack_require__, 56344))).loadBotConfig(file, undefined, { strict: has(raw, 'strict'), trust: configTrust(raw) });
}
function configTrust(raw) {
    return (0,trust/* configTrustOf */.ub)(has(raw, 'untrusted-config'), raw.flags.get('allow-env') ?? [], { untrusted: '--untrusted-config', allowEnv: '--allow-env' });
}
async function buildCommand(spec, args, raw) {
    const settingsFile = (0,user_settings/* settingsPath */.xj)(process.env);
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
        case 'image inspect':
            return { name, ref: (0,reference/* parseReference */.F2)(arg), ...(platform !== undefined ? { platform: (0,oci_platform/* parsePlatform */.Y8)(platform) } : {}) };
        case 'image ratelimit':
            return { name, ref: (0,reference/* parseReference */.F2)(arg) };
        case 'verify': {
            const platforms = raw.flags.get('platform') ?? [];
            for (const p of platforms)
                (0,oci_platform/* parsePlatform */.Y8)(p);
            return {
                name,
                ref: (0,reference/* parseReference */.F2)(arg),
                platforms: [...platforms],
                policy: (0,options/* verifyPolicyFromFlags */.H9)({
                    keys: raw.flags.get('key') ?? [],
                    trustedRoot: one(raw, 'trusted-root'),
                    identity: one(raw, 'certificate-identity'),
                    identityRegexp: one(raw, 'certificate-identity-regexp'),
                    issuer: one(raw, 'certificate-oidc-issuer'),
                    issuerRegexp: one(raw, 'certificate-oidc-issuer-regexp'),
                    tlogThreshold: one(raw, 'tlog-threshold'),
                    ctlogThreshold: one(raw, 'ctlog-threshold'),
                    timestampThreshold: one(raw, 'timestamp-threshold'),
                    signed: one(raw, 'signed'),
                }),
            };
        }
        case 'image delete':
            return { name, ref: (0,reference/* parseReference */.F2)(arg), force: has(raw, 'force') };
        case 'image restore': {
            const repository = (0,reference/* parseReference */.F2)(arg, { repositoryOnly: true });
            if (repository.scheme !== 'registry' || repository.tag !== undefined || repository.digest !== undefined)
                throw new errors/* UsageError */.eb(`image restore takes a registry repository, not "${arg}"`);
            const ids = (args[1] ?? '').split(',').map((id) => (0,options/* parsePositiveInteger */.zE)(id.trim(), 'IDS'));
            return { name, repository, githubVersionIds: ids };
        }
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
                config: await loadSyncConfigFile(file, raw),
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
            return { name, config: await loadBotConfigFile(file, raw), dryRun: has(raw, 'dry-run') };
        }
        case 'version':
            return { name, version: VERSION };
        case 'registry ls':
            return { name, file: settingsFile };
        case 'registry logout':
            return { name, file: settingsFile, registry: (0,reference/* parseRegistryHost */.TZ)(arg) };
        case 'registry login': {
            const user = one(raw, 'user');
            if (user === undefined || user === '')
                throw new errors/* UsageError */.eb('registry login needs -u USER');
            if (!has(raw, 'pass-stdin'))
                throw new errors/* UsageError */.eb('registry login needs --pass-stdin: a password typed on the command line stays in shell history and process lists');
            return { name, file: settingsFile, registry: (0,reference/* parseRegistryHost */.TZ)(arg), user, pass: passwordFromStdin() };
        }
        case 'registry set': {
            const tls = one(raw, 'tls');
            const hostname = one(raw, 'hostname');
            const cacert = one(raw, 'cacert');
            const repoAuth = one(raw, 'repo-auth');
            const reqConcurrent = one(raw, 'req-concurrent');
            const reqPerSec = one(raw, 'req-per-sec');
            if (repoAuth !== undefined && repoAuth !== 'true' && repoAuth !== 'false')
                throw new errors/* UsageError */.eb('--repo-auth must be true or false');
            if (hostname !== undefined)
                (0,reference/* parseRegistryHost */.TZ)(hostname);
            return {
                name,
                file: settingsFile,
                registry: (0,reference/* parseRegistryHost */.TZ)(arg),
                settings: {
                    ...(tls !== undefined ? { tls: (0,user_settings/* parseTlsMode */.kU)(tls) } : {}),
                    ...(hostname !== undefined ? { hostname } : {}),
                    ...(cacert !== undefined ? { regcert: readCaFile(cacert) } : {}),
                    ...(repoAuth !== undefined ? { repoAuth: repoAuth === 'true' } : {}),
                    ...(reqConcurrent !== undefined ? { reqConcurrent: (0,options/* parsePositiveInteger */.zE)(reqConcurrent, '--req-concurrent') } : {}),
                    ...(reqPerSec !== undefined ? { reqPerSec: (0,options/* parsePositiveInteger */.zE)(reqPerSec, '--req-per-sec') } : {}),
                },
            };
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
/** `help [COMMAND…]` and `completion SHELL`: answered from the table, with nothing to run. */
function textCommand(spec, args) {
    if (spec.words[0] === 'help') {
        if (args.length === 0)
            return { kind: 'help', text: mainUsage() };
        const named = findCommand(args);
        if (named && named.length === args.length)
            return { kind: 'help', text: commandUsage(named.spec) };
        if (args.length === 1 && COMMANDS.some((c) => c.words.length > 1 && c.words[0] === args[0]))
            return { kind: 'help', text: groupUsage(args[0]) };
        throw new errors/* UsageError */.eb(`help: unknown command "${args.join(' ')}"; commands: ${COMMANDS.map(commandName).join(', ')}`);
    }
    if (spec.words[0] === 'completion') {
        if (args.length !== 1)
            throw new errors/* UsageError */.eb('completion takes one shell: bash, zsh or fish');
        return { kind: 'help', text: completionScript(args[0]) };
    }
    return undefined;
}
async function parseCommandLine(argv) {
    const raw = splitArgv(argv);
    const found = findCommand(raw.positionals);
    const wantsHelp = has(raw, 'help');
    const server = raw.positionals[1] === 'server' ? SERVER_REPLACEMENTS[raw.positionals[0] ?? ''] : undefined;
    if (server !== undefined)
        throw new errors/* UsageError */.eb(server);
    if (!found) {
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
    const { spec } = found;
    if (wantsHelp)
        return { kind: 'help', text: commandUsage(spec) };
    if (has(raw, 'version'))
        return { kind: 'version' };
    checkFlags(raw, spec);
    const args = raw.positionals.slice(found.length);
    const text = textCommand(spec, args);
    if (text)
        return text;
    if (args.length !== spec.args.length) {
        throw new errors/* UsageError */.eb(`${commandName(spec)} takes ${spec.args.join(' ') || 'no arguments'}, got ${args.length} argument${args.length === 1 ? '' : 's'}; see regkit ${commandName(spec)} --help`);
    }
    const global = await globalOptions(raw, commandName(spec));
    return { kind: 'run', global, command: await buildCommand(spec, args, raw) };
}

;// CONCATENATED MODULE: ./build/src/cli/redact.js

function redactorOf(secrets) {
    return (text) => secrets.redact(text);
}
/** `--host` values as typed, so credentials can be hidden even when the spec does not parse. */
function learnArgvSecrets(secrets, argv) {
    const specs = argv.flatMap((a, i) => (a === '--host' && i + 1 < argv.length ? [argv[i + 1]] : a.startsWith('--host=') ? [a.slice('--host='.length)] : []));
    for (const secret of (0,host_spec/* secretsInHostSpecs */.jP)(specs))
        secrets.add(secret);
}

// EXTERNAL MODULE: ./build/src/command/store-options.js + 34 modules
var store_options = __webpack_require__(27899);
;// CONCATENATED MODULE: ./build/src/cli/run.js
// The CLI face: argv → typed command → stores → output on stdout, logs and the final error on stderr, exit code back.













/** `tuning`: what main.ts's runtime tuning hands down (runtime.ts); none when the CLI runs in a test. */
async function runCli(argv, io, tuning = {}) {
    // One set for the run: the stores add what they learn (config creds, docker config, helpers, tokens) as they learn
    // it, and everything printed below is masked with whatever it holds by then.
    const secrets = new src_log/* Secrets */.Sb();
    learnArgvSecrets(secrets, argv);
    const redact = redactorOf(secrets);
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
    // The stored registry settings (`registry set|login`): commands that reach a registry use them, and their secrets
    // join the run's set when the stores open.
    let stored;
    try {
        stored = command.name.startsWith('registry ') || command.name === 'version' ? [] : (0,user_settings/* loadStoredHosts */.br)(process.env);
    }
    catch (err) {
        io.stderr.write(formatFatal(err, global.logFormat, redact));
        return (0,errors/* exitCodeFor */.Rr)(err);
    }
    // On a terminal the progress lines stand below everything else and are lifted off for each line written.
    const terminal = io.stderr.isTTY === true && global.logFormat === 'text' ? new progress/* TerminalProgress */.G9(io.stderr) : undefined;
    const above = (write) => (terminal ? terminal.around(write) : write());
    const logger = createCliLogger({
        format: global.logFormat,
        verbose: global.verbose,
        ...(global.logLevel ? { minLevel: global.logLevel } : {}),
        write: (line) => above(() => io.stderr.write(line)),
        redact,
    });
    const stores = (0,store_options/* openStores */.j)(command, global, logger, secrets, tuning, stored);
    const started = Date.now();
    try {
        const onProgress = terminal ? terminal.update : (0,progress/* createProgressReporter */.lb)((image, line) => logger.info(`${image}: ${line}`));
        const out = await (0,execute/* executeCommand */.R)(command, {
            stores,
            logger,
            onProgress,
            onResult: (r) => {
                if (r.target !== undefined)
                    terminal?.done((0,result/* locationText */.fN)(r.target));
                above(() => io.stdout.write(renderResult(r, global.format, secrets)));
            },
        });
        terminal?.close();
        if (out.kind !== 'results') {
            const rendered = renderOutput(out, global.format, secrets, global.template);
            if (out.kind === 'raw' && rendered !== out.bytes && global.template === undefined)
                logger.warn('the output held a credential and was masked, so these bytes no longer match their digest');
            io.stdout.write(rendered);
            return 0;
        }
        if (out.results.length !== 1)
            logger.info((0,report_text/* renderTotals */._R)(out.results, Date.now() - started));
        for (const r of out.results)
            if ((0,result/* failsRun */.FR)(r))
                logger.error(`${r.op} ${r.status}: ${r.reason ?? 'no reason given'}`);
        return (0,result/* exitCodeOf */.FO)(out.results);
    }
    catch (err) {
        terminal?.close();
        io.stderr.write(formatFatal(err, global.logFormat, redact));
        return (0,errors/* exitCodeFor */.Rr)(err);
    }
    finally {
        await stores.close();
    }
}


/***/ })

};
