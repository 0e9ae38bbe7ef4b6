// The command line as data: every command, its arguments and flags. The parser and the usage text both read this
// table, so a flag cannot be accepted without being documented.

export type FlagKind = 'boolean' | 'value' | 'repeat';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  /** Placeholder for the value in usage text. */
  value?: string;
  help: string;
}

export interface CommandSpec {
  /** `['tag', 'ls']`: the words that name the command. */
  words: readonly string[];
  /** Positional arguments, all required. */
  args: readonly string[];
  flags: readonly FlagSpec[];
  summary: string;
  /** Other word lists that name the same command, as regctl spells them (`tag rm`, `image cp`). */
  aliases?: readonly (readonly string[])[];
}

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
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

const PLATFORM_FLAG: FlagSpec = {
  name: 'platform',
  short: 'p',
  kind: 'value',
  value: 'OS/ARCH[/VARIANT]',
  help: 'pick this platform from a multi-platform index',
};
const CONFIG_FLAG: FlagSpec = { name: 'config', short: 'c', kind: 'value', value: 'FILE', help: 'the regsync.yml to read (- reads standard input)' };
const UNTRUSTED_CONFIG_FLAG: FlagSpec = {
  name: 'untrusted-config',
  kind: 'boolean',
  help: 'the config is a policy under review: its creds may not set credentials or hostnames, its templates may not read files or the environment',
};
const ALLOW_ENV_FLAG: FlagSpec = {
  name: 'allow-env',
  kind: 'repeat',
  value: 'NAME[,NAME]',
  help: 'with --untrusted-config: environment variables the config may still read with {{env}} (not secrets)',
};
const SHARD_FLAG: FlagSpec = {
  name: 'shard',
  kind: 'value',
  value: 'I/N',
  help: 'take only the I-th of N deterministic parts of the work (one per matrix job)',
};
const STRICT_FLAG: FlagSpec = {
  name: 'strict',
  kind: 'boolean',
  help: 'refuse what regsync/regbot ignore (unknown keys, a tag on a repository step, an unreadable {{file}}) instead of warning',
};
const SYNC_RUN_FLAGS: readonly FlagSpec[] = [
  CONFIG_FLAG,
  STRICT_FLAG,
  UNTRUSTED_CONFIG_FLAG,
  ALLOW_ENV_FLAG,
  SHARD_FLAG,
  { name: 'missing', kind: 'boolean', help: 'copy only tags the target does not have yet' },
  { name: 'abort-on-error', kind: 'boolean', help: 'start no new copy after the first failure' },
  { name: 'max-wait', kind: 'value', value: 'DURATION', help: 'longest total wait for source rate limits (e.g. 20m); past it a tag fails and the rest go on' },
];
const PRUNE_FLAGS: readonly FlagSpec[] = [
  { name: 'config', short: 'c', kind: 'value', value: 'FILE', help: 'the regbot.yml to read (- reads standard input)' },
  STRICT_FLAG,
  UNTRUSTED_CONFIG_FLAG,
  ALLOW_ENV_FLAG,
  { name: 'dry-run', kind: 'boolean', help: 'show the plan (each would-delete with its digest) and write nothing' },
];
const LIMIT_FLAG: FlagSpec = { name: 'limit', kind: 'value', value: 'N', help: 'list at most N entries' };

const TLS_FLAG: FlagSpec = { name: 'tls', kind: 'value', value: 'enabled|insecure|disabled', help: 'how to speak TLS to the registry' };

/** Commands about regkit itself and its stored registry settings. */
const TOOL_COMMANDS: readonly CommandSpec[] = [
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

export const COMMANDS: readonly CommandSpec[] = [
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

export function commandName(spec: CommandSpec): string {
  return spec.words.join(' ');
}

/** Every flag by long name and short letter; flags mean the same wherever they appear, so one table serves all. */
export function flagTable(): Map<string, FlagSpec> {
  const table = new Map<string, FlagSpec>();
  for (const f of [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.flags)]) {
    table.set(`--${f.name}`, f);
    if (f.short) table.set(`-${f.short}`, f);
  }
  return table;
}
