// Renders a command's output for stdout in the asked format.
import { renderJsonLines } from '../report/jsonl.js';
import { renderText } from '../report/text.js';
import { describeRateLimit } from '../command/image-read.js';
import type { CommandOutput } from '../command/execute.js';
import type { OutputTemplate } from '../command/format.js';
import type { OutputFormat } from '../command/options.js';

export function renderOutput(out: CommandOutput, format: OutputFormat, template?: OutputTemplate): string | Uint8Array {
  // Parsing allows a template only on commands whose output carries a view (command/format.ts).
  if (template && out.kind !== 'results') return template.render(out.view);
  const json = format === 'json';
  switch (out.kind) {
    case 'results':
      return json ? renderJsonLines(out.results) : renderText(out.results);
    case 'list':
      return json ? `${JSON.stringify(out.items)}\n` : out.items.map((i) => `${i}\n`).join('');
    case 'digest':
      return json ? `${JSON.stringify({ digest: out.digest })}\n` : `${out.digest}\n`;
    case 'ratelimit':
      return json ? `${JSON.stringify(out.rateLimit)}\n` : `${describeRateLimit(out.rateLimit)}\n`;
    case 'raw':
      return out.bytes;
    case 'document':
      return json ? `${JSON.stringify(out.json)}\n` : out.text;
  }
}
