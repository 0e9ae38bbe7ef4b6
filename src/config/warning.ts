// A config warning and its one printed form; apart from the YAML reader so that printing one loads no YAML code.

export interface ConfigWarning {
  message: string;
  file: string;
  line?: number;
  column?: number;
}

/** `file:line:column: message`, as a run logs each warning before it starts. */
export function warningText(w: ConfigWarning): string {
  const at = w.line === undefined ? w.file : `${w.file}:${w.line}${w.column === undefined ? '' : `:${w.column}`}`;
  return `${at}: ${w.message}`;
}
