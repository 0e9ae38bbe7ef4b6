// The action logger over @actions/core, and progress lines grouped per image in the job log.
import * as core from '@actions/core';
import type { Logger } from '../log.js';

function withFields(message: string, fields?: Record<string, unknown>): string {
  if (!fields || Object.keys(fields).length === 0) return message;
  return `${message} ${Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ')}`;
}

export function createActionLogger(): Logger {
  return {
    debug: (m, f) => core.debug(withFields(m, f)),
    info: (m, f) => core.info(withFields(m, f)),
    warn: (m, f) => core.warning(withFields(m, f)),
    error: (m, f) => core.error(withFields(m, f)),
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
