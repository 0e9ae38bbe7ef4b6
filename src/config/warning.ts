// A config warning: what and where. Apart from the YAML reader so that reporting one loads no YAML code; the faces
// print its position (log.ts `atPosition`).

export interface ConfigWarning {
  message: string;
  file: string;
  line?: number;
  column?: number;
}
