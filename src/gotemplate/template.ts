// The template engine's entry point: compile once (syntax and unknown functions fail here, with a position), run
// many times with data. Used for regsync's and regbot's Go-template fields.
import { readFileSync } from 'node:fs';
import { TemplateRun } from './exec.js';
import { AccessRefused, TEMPLATE_FUNCS, type FuncContext } from './funcs.js';
import { parseTemplate, type ParsedTemplate } from './parse.js';
import { GoTime } from './time.js';

export { TemplateExecError, TemplateSyntaxError } from './errors.js';
export { AccessRefused } from './funcs.js';
export { GoDuration, GoMonth, GoTime, GoWeekday } from './time.js';

export interface TemplateRunOptions {
  /** Environment for `env`; process.env when absent. Unset variables expand to "", as in Go. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Reads a file for `file`; fs.readFileSync when absent. */
  readFile?: (path: string) => string;
  /** Receives what went wrong without failing the run (an unreadable `file`). */
  onWarning?: (message: string) => void;
  /** The clock for `time.Now`. */
  now?: () => GoTime;
  /**
   * Set for a template whose author is not trusted (a policy under review): `file` and `env` then fail with `reason`,
   * since what they read would reach the author (as a password sent to their host, a name), except `env` of the
   * variables in `allowEnv`.
   */
  refuseOutsideAccess?: { reason: string; allowEnv: readonly string[] };
}

export interface CompiledTemplate {
  readonly name: string;
  readonly source: string;
  execute(data: unknown, options?: TemplateRunOptions): string;
}

/** Template text needs no engine when it has no action: the common case of a plain reference or tag. */
export function hasActions(source: string): boolean {
  return source.includes('{{');
}

/** Parses `source`; throws TemplateSyntaxError (a ConfigError) with a position relative to `source`. */
export function compileTemplate(source: string, name: string): CompiledTemplate {
  const parsed: ParsedTemplate = parseTemplate(source, (fn) => Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCS, fn));
  return {
    name,
    source,
    execute(data: unknown, options: TemplateRunOptions = {}): string {
      const env = options.env ?? process.env;
      const refused = options.refuseOutsideAccess;
      const ctx: FuncContext = {
        env: (key) => (refused === undefined || refused.allowEnv.includes(key) ? env[key] : refuse(`env ${JSON.stringify(key)} is refused: ${refused.reason}`)),
        readFile:
          refused === undefined
            ? (options.readFile ?? ((path) => readFileSync(path, 'utf8')))
            : (path) => refuse(`file ${JSON.stringify(path)} is refused: ${refused.reason}`),
        warn: options.onWarning ?? (() => {}),
        now: options.now ?? (() => GoTime.now()),
      };
      return new TemplateRun(name, source, TEMPLATE_FUNCS, ctx, data, parsed.defined).run(parsed.root, data);
    },
  };
}

function refuse(message: string): never {
  throw new AccessRefused(message);
}
