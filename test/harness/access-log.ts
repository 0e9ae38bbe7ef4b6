// The registry's access log: distribution wraps its handler in gorilla's CombinedLoggingHandler, which writes one
// combined-format line to stdout per request, synchronously after the handler returns and before the server flushes
// the last bytes of the response. Sent to a file rather than a pipe, a line is therefore on disk by the time the client
// has the whole response, so reading the file right after a request is never early.
import { closeSync, openSync, readSync } from 'node:fs';

export interface AccessRecord {
  method: string;
  /** Path with query, as the client sent it. */
  path: string;
  status: number;
}

// 127.0.0.1 - - [23/Nov/2026:11:00:55 +0000] "GET /v2/_catalog?n=2 HTTP/1.1" 200 20 "" "curl/7.88.1"
const LINE = /^\S+ \S+ \S+ \[[^\]]*\] "(\S+) (\S+) [^"]*" (\d{3}) /;

export function parseAccessLine(line: string): AccessRecord | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  return { method: m[1]!, path: m[2]!, status: Number(m[3]) };
}

/** Reads an access log file incrementally; keeps the records seen since the last clear. */
export class AccessLogFile {
  private offset = 0;
  private partial = '';
  private records: AccessRecord[] = [];

  constructor(private readonly path: string) {}

  read(): AccessRecord[] {
    this.catchUp();
    return [...this.records];
  }

  clear(): void {
    this.catchUp();
    this.records = [];
  }

  private catchUp(): void {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return;
    }
    try {
      const buf = Buffer.alloc(64 * 1024);
      let text = this.partial;
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, this.offset);
        if (n === 0) break;
        this.offset += n;
        text += buf.toString('latin1', 0, n);
      }
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        const record = parseAccessLine(line);
        if (record) this.records.push(record);
      }
    } finally {
      closeSync(fd);
    }
  }
}
