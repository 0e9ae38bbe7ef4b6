// Renders a command's output for stdout in the asked format, with every secret the run knows masked. Results are
// written one at a time as they end (`renderResult`); everything else at the end (`renderOutput`).
import type { Secrets } from '../log.js';
import { renderJsonLine } from '../report/jsonl.js';
import type { OperationResult } from '../report/result.js';
import { renderTextLine } from '../report/text.js';
import { describeRateLimit } from '../command/image-read.js';
import type { CommandOutput } from '../command/execute.js';
import type { OutputTemplate } from '../command/format.js';
import type { OutputFormat } from '../command/options.js';

/** One result as its stdout line, masked field by field and again as text: a JSON object per line, or a text line. */
export function renderResult(r: OperationResult, format: OutputFormat, secrets: Secrets): string {
  const masked = secrets.redactData(r);
  return secrets.redact(format === 'json' ? renderJsonLine(masked) : renderTextLine(masked));
}

/**
 * Raw bytes pass unchanged, so their digest stays the image's, unless they hold a secret (a registry may echo one in
 * a manifest it serves); everything else is masked field by field before rendering, and the rendered text again.
 */
export function renderOutput(
  out: Exclude<CommandOutput, { kind: 'results' }>,
  format: OutputFormat,
  secrets: Secrets,
  template?: OutputTemplate,
): string | Uint8Array {
  // Parsing allows a template only on commands whose output carries a view (command/format.ts).
  if (template) return secrets.redact(template.render(out.view));
  if (out.kind === 'raw') return secrets.redactBytes(out.bytes);
  return secrets.redact(renderData(secrets.redactData(out), format));
}

function renderData(out: Exclude<CommandOutput, { kind: 'results' | 'raw' }>, format: OutputFormat): string {
  const json = format === 'json';
  switch (out.kind) {
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
