// The core never prints: it logs through this interface, which each face implements (console, @actions/core, tests).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/**
 * Every credential value a run learns, in each form it travels in: as typed, base64 (alone, and `user:pass` as a
 * Basic header carries it), URL-encoded (a query, a form body) and JSON-escaped (a JSON log line). The face creates
 * one per run and passes it down; each layer adds a value the moment it learns it, before it is sent anywhere, and
 * the face masks everything it prints with it. Not a module-level set: two runs in one process share nothing.
 */
export class Secrets {
  private readonly forms = new Set<string>();
  private readonly listeners: Array<(form: string) => void> = [];
  /** Longest first, so a form that contains another is hidden whole. */
  private ordered: string[] | undefined;

  /** A password, token or key. Empty and absent values are ignored. */
  add(value: string | undefined): void {
    if (value === undefined || value === '') return;
    const lines = value.includes('\n')
      ? value
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l.length >= MIN_LINE_LENGTH)
      : [];
    for (const v of [value, ...lines])
      this.addForms([v, base64(v).replace(/=+$/, ''), encodeURIComponent(v), new URLSearchParams({ v }).toString().slice(2), JSON.stringify(v).slice(1, -1)]);
  }

  /** A Basic credential: the password as `add`, and `user:pass` as the `Authorization` header encodes it. */
  addBasic(username: string, password: string): void {
    this.add(password);
    if (password === '') return;
    // The header value, and as a query or a log line carrying it URL-encoded would spell it.
    const header = base64(`${username}:${password}`).replace(/=+$/, '');
    this.addForms([header, encodeURIComponent(header)]);
  }

  /** Called for every form known now and each one added later: the action face hands them to the runner's masking. */
  onForm(listener: (form: string) => void): void {
    this.listeners.push(listener);
    for (const form of this.forms) listener(form);
  }

  redact(text: string): string {
    if (this.forms.size === 0 || text === '') return text;
    this.ordered ??= [...this.forms].sort((a, b) => b.length - a.length);
    return this.ordered.reduce((out, form) => (out.includes(form) ? out.split(form).join(REDACTED) : out), text);
  }

  /** Every string inside plain data (results, outputs) redacted, the rest kept: masked before a renderer escapes it. */
  redactData<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.redactData(v)) as T;
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactData(v)])) as T;
    }
    return value;
  }

  /** Bytes printed as stored (a manifest) pass unchanged unless they hold a secret: then as redacted text. */
  redactBytes(bytes: Uint8Array): Uint8Array {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const form of this.forms) if (buf.includes(form)) return Buffer.from(this.redact(buf.toString('utf8')));
    return bytes;
  }

  private addForms(forms: readonly string[]): void {
    for (const form of forms) {
      if (form === '' || this.forms.has(form)) continue;
      this.forms.add(form);
      this.ordered = undefined;
      for (const listener of this.listeners) listener(form);
    }
  }
}

const REDACTED = '***';
/** Lines of a multi-line secret (a key file) shorter than this are not masked alone: `}` would hide every brace. */
const MIN_LINE_LENGTH = 8;

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** A place in a config file that a message is about. */
export interface SourcePosition {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
}

/**
 * Log fields saying where a message points. Faces render it their way: the CLI as `file:line:col: message`, the
 * action as an annotation with `file`, `line` and `col`, so it shows on the pull request's diff.
 */
export function atPosition(position: SourcePosition): Record<string, unknown> {
  return { at: position };
}

/** The position `atPosition` put in the fields, and the other fields. */
export function splitPosition(fields: Record<string, unknown> | undefined): {
  position: SourcePosition | undefined;
  rest: Record<string, unknown> | undefined;
} {
  const at = fields?.['at'];
  if (at === null || typeof at !== 'object' || typeof (at as SourcePosition).file !== 'string') return { position: undefined, rest: fields };
  const { at: _at, ...rest } = fields!;
  return { position: at as SourcePosition, rest };
}

/** `file:line:col`, as far as known. */
export function positionText(p: SourcePosition): string {
  return p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
}
