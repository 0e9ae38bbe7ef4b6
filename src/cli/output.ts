// Renders a command's output for stdout in the asked format, with every secret the run knows masked.
import type { Secrets } from '../log.js';
import { renderJsonLines } from '../report/jsonl.js';
import { renderText } from '../report/text.js';
import { describeRateLimit } from '../command/image-read.js';
import type { CommandOutput } from '../command/execute.js';
import type { OutputTemplate } from '../command/format.js';
import type { OutputFormat } from '../command/options.js';

/**
 * Results are masked field by field before rendering, and the rendered text again. Raw bytes pass unchanged, so
 * their digest stays the image's, unless they hold a secret (a registry may echo one in a manifest it serves).
 */
export function renderOutput(out: CommandOutput, format: OutputFormat, secrets: Secrets, template?: OutputTemplate): string | Uint8Array {
  // Parsing allows a template only on commands whose output carries a view (command/format.ts).
  if (template && out.kind !== 'results') return secrets.redact(template.render(out.view));
  if (out.kind === 'raw') return secrets.redactBytes(out.bytes);
  return secrets.redact(renderData(secrets.redactData(out), format));
}

function renderData(out: Exclude<CommandOutput, { kind: 'raw' }>, format: OutputFormat): string {
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
    case 'document':
      return json ? `${JSON.stringify(out.json)}\n` : out.text;
  }
}
