// Typed errors shared by every layer. Faces map them to exit codes: UsageError and ConfigError → 2, the rest → 1.

export type Operation =
  | 'ping'
  | 'auth'
  | 'manifest-head'
  | 'manifest-get'
  | 'manifest-put'
  | 'manifest-delete'
  | 'blob-head'
  | 'blob-get'
  | 'blob-put'
  | 'blob-mount'
  | 'tag-list'
  | 'tag-delete'
  | 'catalog'
  | 'referrers';

/**
 * What trying again can do about a failure (retry.ts decides it): `transient` may pass on another try, `reauth` may
 * pass with fresh credentials, `fatal` will fail the same way again.
 */
export type FailureClass = 'transient' | 'reauth' | 'fatal';

export interface RegistryErrorInit {
  status: number | undefined;
  registry: string;
  repository: string | undefined;
  operation: Operation;
  /** OCI error codes from the response body (`UNAUTHORIZED`, `MANIFEST_UNKNOWN`, ...). */
  codes?: string[];
  /** Default `fatal`. */
  failure?: FailureClass;
  cause?: unknown;
  hint?: string | undefined;
  /**
   * Not found where no HTTP status applies (a layout directory, a tar): `notFound` holds without an `(HTTP 404)` in
   * the message.
   */
  absent?: boolean;
}

/** A registry said no, or could not be reached. The message never carries a credential. */
export class RegistryError extends Error {
  readonly status: number | undefined;
  readonly registry: string;
  readonly repository: string | undefined;
  readonly operation: Operation;
  readonly codes: string[];
  readonly failure: FailureClass;
  private readonly absent: boolean;

  constructor(message: string, init: RegistryErrorInit) {
    const where = init.repository ? `${init.registry}/${init.repository}` : init.registry;
    const status = init.status === undefined ? '' : ` (HTTP ${init.status}${init.codes?.length ? ` ${init.codes.join(',')}` : ''})`;
    const hint = init.hint ? `: ${init.hint}` : '';
    super(`${init.operation} on ${where}${status}: ${message}${hint}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'RegistryError';
    this.status = init.status;
    this.registry = init.registry;
    this.repository = init.repository;
    this.operation = init.operation;
    this.codes = init.codes ?? [];
    this.failure = init.failure ?? 'fatal';
    this.absent = init.absent ?? false;
  }

  get notFound(): boolean {
    return this.status === 404 || this.absent;
  }
}

/**
 * A response passed a bound regkit keeps on what it reads (bytes in memory, pages, entries, time). The registry is
 * broken or hostile, or bigger or slower than the bound allows: the message names the bound and the `--bound` setting
 * that moves it. Not retryable: the same request meets the same answer.
 */
export class RegistryLimitError extends RegistryError {
  /** The `--bound` key (`manifest-bytes`, `request-timeout` …). */
  readonly setting: string;
  constructor(message: string, init: Omit<RegistryErrorInit, 'failure' | 'hint'> & { setting: string; limit: string }) {
    super(`${message}; stopped at the ${init.limit} bound`, {
      ...init,
      failure: 'fatal',
      hint: `the registry is broken or hostile, or this bound is too small for it; if it is trusted, raise it with --bound ${init.setting}=… (action input bounds)`,
    });
    this.name = 'RegistryLimitError';
    this.setting = init.setting;
  }
}

/** Bytes did not hash to the digest they were supposed to have. Nothing built on them is committed. */
export class DigestMismatchError extends Error {
  readonly expected: string;
  readonly actual: string;
  /** Fewer bytes came than the descriptor declares: the body was cut off on the way, not wrong where it is kept. */
  readonly truncated: boolean;
  constructor(expected: string, actual: string, what: string, truncated = false) {
    super(`digest mismatch for ${what}: expected ${expected}, got ${actual}; nothing was written under this digest`);
    this.name = 'DigestMismatchError';
    this.expected = expected;
    this.actual = actual;
    this.truncated = truncated;
  }
}

/**
 * Stored content that is not what it claims to be (a manifest that is not JSON, an index without `manifests`). It
 * comes from a registry or a layout, not from the user, so it fails that operation (exit 1) and the run goes on.
 */
export class InvalidContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidContentError';
  }
}

export type NameKind = 'tag' | 'repository' | 'digest';

/** Longest part of a rejected name quoted in a message: a hostile source can send megabytes of it. */
const QUOTED_NAME_MAX = 200;

/**
 * A name as a message may show it: JSON-escaped, so control characters and newlines in a hostile value cannot forge
 * a log line or a terminal sequence, and cut short when long.
 */
export function quoteName(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  if (value.length <= QUOTED_NAME_MAX) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, QUOTED_NAME_MAX))}… (${value.length} characters)`;
}

/**
 * A tag, repository name or digest from a source (a registry's listing or header, a layout's `index.json`, an archive)
 * that is not a name of the OCI grammar. Nothing is read or written for it; it fails its own item (exit 1), and the
 * other names of the same source go on.
 */
export class InvalidNameError extends Error {
  constructor(
    readonly kind: NameKind,
    readonly value: unknown,
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: refusing the ${kind} ${quoteName(value)} (${problem}); nothing was read or written for it`);
    this.name = 'InvalidNameError';
  }

  /** The same rejection, told as coming from `source` (an archive rather than the directory it was unpacked into). */
  from(source: string): InvalidNameError {
    return new InvalidNameError(this.kind, this.value, source, this.problem);
  }
}

/** A file (a layout's `index.json`, a manifest blob, a tar entry) passed a bound on what regkit reads or writes. */
export class FileLimitError extends InvalidContentError {
  readonly file: string;
  readonly setting: string;
  constructor(file: string, message: string, bound: { setting: string; limit: string }) {
    super(
      `${file}: ${message}; stopped at the ${bound.limit} bound: the file is damaged or hostile, or the bound is too small for it; if it is trusted, raise it with --bound ${bound.setting}=… (action input bounds)`,
    );
    this.name = 'FileLimitError';
    this.file = file;
    this.setting = bound.setting;
  }
}

/** Bad command line or malformed input given directly by the user (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A config file that cannot be used (exit 2). Carries its position when known. */
export class ConfigError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The message without its position, for a face that shows the position apart (an annotation). */
  readonly withoutPosition: string;
  constructor(message: string, where: { file?: string; line?: number; column?: number } = {}) {
    const pos = where.file ? `${where.file}${where.line ? `:${where.line}${where.column ? `:${where.column}` : ''}` : ''}: ` : '';
    super(`${pos}${message}`);
    this.name = 'ConfigError';
    this.withoutPosition = message;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

export function exitCodeFor(err: unknown): 1 | 2 {
  return err instanceof UsageError || err instanceof ConfigError ? 2 : 1;
}

/**
 * What is wrong with a file the system refused, in words (`/x/regsync.yml does not exist`), for a message that then
 * says what to do; never the bare errno.
 */
export function fileProblem(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${file} does not exist`;
    case 'ENOTDIR':
      return `a part of the path ${file} is a file, not a directory`;
    case 'EISDIR':
      return `${file} is a directory, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `${file} may not be read or written by this user (${code})`;
    default:
      return `${file} cannot be read or written: ${code ?? (err instanceof Error ? err.message : String(err))}`;
  }
}
