// The CLI logger: text lines with a level prefix, or JSON lines (`--log-format json`), on stderr. Debug shows with -v.
import { positionText, splitPosition, type LogLevel, type Logger } from '../log.js';
import type { OutputFormat } from '../command/options.js';
import type { Redactor } from './redact.js';

export interface CliLoggerOptions {
  format: OutputFormat;
  verbose: boolean;
  /** The lowest level written (`-v LEVEL`); without it, info, or debug when `verbose`. */
  minLevel?: LogLevel;
  write: (line: string) => void;
  redact: Redactor;
  now?: () => Date;
}

function fieldText(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}=${/^[^\s"=]*$/.test(text ?? '') ? text : JSON.stringify(text)}`;
    })
    .join(' ');
}

const LEVEL_ORDER: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function createCliLogger(opts: CliLoggerOptions): Logger {
  const now = opts.now ?? (() => new Date());
  const lowest = LEVEL_ORDER.indexOf(opts.minLevel ?? (opts.verbose ? 'debug' : 'info'));
  const log = (level: LogLevel, text: string, allFields?: Record<string, unknown>): void => {
    if (LEVEL_ORDER.indexOf(level) < lowest) return;
    const { position, rest: fields } = splitPosition(allFields);
    const message = position ? `${positionText(position)}: ${text}` : text;
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
export function formatFatal(err: unknown, format: OutputFormat, redact: Redactor): string {
  const message = redact((err instanceof Error ? err.message : String(err)).replace(/\r?\n/g, ' '));
  return format === 'json' ? `${JSON.stringify({ level: 'error', msg: message })}\n` : `regkit: ${message}\n`;
}

/** The log format asked for, read leniently: used to report an argv that could not be parsed. */
export function logFormatOf(argv: readonly string[]): OutputFormat {
  const i = argv.lastIndexOf('--log-format');
  if (i >= 0 && argv[i + 1] === 'json') return 'json';
  const opt = argv.lastIndexOf('--logopt');
  if (opt >= 0 && argv[opt + 1] === 'json') return 'json';
  return argv.includes('--log-format=json') || argv.includes('--logopt=json') ? 'json' : 'text';
}
