// Errors of the template engine. Positions are relative to the template text; the config loader maps them into
// the file (see config-template.ts).
import { ConfigError } from '../errors.js';

/** Line and column (1-based) of an offset in `text`. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** A template that cannot be parsed, or that names a function that does not exist. */
export class TemplateSyntaxError extends ConfigError {
  /** Offset of the fault in the template text. */
  readonly offset: number;
  /** The message without its position. */
  readonly detail: string;

  constructor(detail: string, offset: number, where: { line: number; column: number }) {
    super(`template ${where.line}:${where.column}: ${detail}`, where);
    this.name = 'TemplateSyntaxError';
    this.offset = offset;
    this.detail = detail;
  }

  static at(text: string, offset: number, detail: string): TemplateSyntaxError {
    return new TemplateSyntaxError(detail, offset, lineColumnOf(text, offset));
  }
}

/** A template failed while running (a missing field, `index` out of range, a function returning an error). */
export class TemplateExecError extends Error {
  readonly template: string;
  readonly action: string;
  readonly offset: number;
  readonly detail: string;

  constructor(init: { template: string; action: string; offset: number; line: number; column: number; detail: string }) {
    super(`template ${init.template}:${init.line}:${init.column}: executing at <${init.action}>: ${init.detail}`);
    this.name = 'TemplateExecError';
    this.template = init.template;
    this.action = init.action;
    this.offset = init.offset;
    this.detail = init.detail;
  }
}
