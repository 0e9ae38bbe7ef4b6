// Renders a command's output for stdout in the asked format. Results are written one at a time as they end
// (`renderResult`); everything else at the end (`renderOutput`).
import { renderJsonLine } from '../report/jsonl.js';
import type { OperationResult } from '../report/result.js';
import { renderTextLine } from '../report/text.js';
import { describeRateLimit } from '../command/image-read.js';
import type { CommandOutput } from '../command/execute.js';
import type { OutputFormat } from '../command/options.js';

/** One result as its stdout line: a JSON object per line, or a text line. */
export function renderResult(r: OperationResult, format: OutputFormat): string {
  return format === 'json' ? renderJsonLine(r) : renderTextLine(r);
}

export function renderOutput(out: Exclude<CommandOutput, { kind: 'results' }>, format: OutputFormat): string | Uint8Array {
  const json = format === 'json';
  switch (out.kind) {
    case 'list':
      return json ? `${JSON.stringify(out.items)}\n` : out.items.map((i) => `${i}\n`).join('');
    case 'digest':
      return json ? `${JSON.stringify({ digest: out.digest })}\n` : `${out.digest}\n`;
    case 'ratelimit':
      return json ? `${JSON.stringify(out.rateLimit)}\n` : `${describeRateLimit(out.rateLimit)}\n`;
    case 'raw':
      return out.bytes;
  }
}
