// The action logger over @actions/core, and progress lines grouped per image in the job log.
import { isAbsolute, relative } from 'node:path';
import * as core from '@actions/core';
import { ConfigError } from '../errors.js';
import { splitPosition, type Logger, type Secrets, type SourcePosition } from '../log.js';

function withFields(message: string, fields?: Record<string, unknown>): string {
  if (!fields || Object.keys(fields).length === 0) return message;
  return `${message} ${Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')}`;
}

/**
 * An annotation's place: `file` relative to the workspace (GitHub matches it against the repository's paths),
 * `line` and `col`, so the message shows on the pull request's diff at that line.
 */
export function annotationAt(p: SourcePosition, workspace: string | undefined = process.env['GITHUB_WORKSPACE']): core.AnnotationProperties {
  const file = workspace && isAbsolute(p.file) && !relative(workspace, p.file).startsWith('..') ? relative(workspace, p.file) : p.file;
  return { file, ...(p.line !== undefined ? { startLine: p.line } : {}), ...(p.column !== undefined ? { startColumn: p.column } : {}) };
}

/** Warnings and errors with a position (`atPosition` fields) become annotations at that place. */
function annotate(
  write: (message: string, props?: core.AnnotationProperties) => void,
  line: (m: string, f?: Record<string, unknown>) => string,
): (m: string, f?: Record<string, unknown>) => void {
  return (m, f) => {
    const { position, rest } = splitPosition(f);
    if (position) write(line(m, rest), annotationAt(position));
    else write(line(m, f));
  };
}

/** Lines are masked here as well as by the runner: a summary or a local run has no runner masking. */
export function createActionLogger(secrets: Secrets): Logger {
  const line = (m: string, f?: Record<string, unknown>) => secrets.redact(withFields(m, f));
  return {
    debug: (m, f) => core.debug(line(m, f)),
    info: (m, f) => core.info(line(m, f)),
    warn: annotate(core.warning, line),
    error: annotate(core.error, line),
  };
}

/**
 * Fails the step with the error as an annotation: a config error at its file, line and column, anything else as a
 * plain error (what `core.setFailed` does, with the position it cannot take).
 */
export function failStep(err: unknown, secrets: Secrets): void {
  if (err instanceof ConfigError && err.file !== undefined) {
    process.exitCode = core.ExitCode.Failure;
    core.error(secrets.redact(err.withoutPosition), annotationAt({ file: err.file, line: err.line, column: err.column }));
    return;
  }
  core.setFailed(secrets.redact(err instanceof Error ? err.message : String(err)));
}

/**
 * Progress lines, each image's in a collapsible group of the job log. Groups cannot nest, so switching to another
 * image closes the open one; `close` ends the last.
 */
export class GroupedProgress {
  private open: string | undefined;

  readonly emit = (image: string, line: string): void => {
    if (this.open !== image) {
      if (this.open !== undefined) core.endGroup();
      core.startGroup(`progress: ${image}`);
      this.open = image;
    }
    core.info(line);
  };

  close(): void {
    if (this.open !== undefined) core.endGroup();
    this.open = undefined;
  }
}
