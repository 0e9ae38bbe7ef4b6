// The action logger over @actions/core, and progress lines grouped per image in the job log.
import * as core from '@actions/core';
import type { Logger, Secrets } from '../log.js';

function withFields(message: string, fields?: Record<string, unknown>): string {
  if (!fields || Object.keys(fields).length === 0) return message;
  return `${message} ${Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')}`;
}

/** Lines are masked here as well as by the runner: a summary or a local run has no runner masking. */
export function createActionLogger(secrets: Secrets): Logger {
  const line = (m: string, f?: Record<string, unknown>) => secrets.redact(withFields(m, f));
  return {
    debug: (m, f) => core.debug(line(m, f)),
    info: (m, f) => core.info(line(m, f)),
    warn: (m, f) => core.warning(line(m, f)),
    error: (m, f) => core.error(line(m, f)),
  };
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
