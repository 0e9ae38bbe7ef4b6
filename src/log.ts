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
export function splitPosition(fields: Record<string, unknown> | undefined): { position: SourcePosition | undefined; rest: Record<string, unknown> | undefined } {
  const at = fields?.['at'];
  if (at === null || typeof at !== 'object' || typeof (at as SourcePosition).file !== 'string') return { position: undefined, rest: fields };
  const { at: _at, ...rest } = fields!;
  return { position: at as SourcePosition, rest };
}

/** `file:line:col`, as far as known. */
export function positionText(p: SourcePosition): string {
  return p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
}
