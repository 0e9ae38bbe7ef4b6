// The bench's result model and its two renderings: a table for people, JSON for tracking over time.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type Comparison = '<=' | '<' | '>=' | '==';

export interface Bar {
  what: string;
  value: number;
  op: Comparison;
  limit: number;
  met: boolean;
}

export interface Figure {
  what: string;
  regkit: string;
  /** skopeo's or curl's figure for the same thing. */
  other?: string;
}

export interface CaseResult {
  id: string;
  title: string;
  figures: Figure[];
  bars: Bar[];
  /** Raw numbers (every repetition) for the JSON file. */
  data: Record<string, unknown>;
}

export function bar(what: string, value: number, op: Comparison, limit: number): Bar {
  const met = op === '<=' ? value <= limit : op === '<' ? value < limit : op === '>=' ? value >= limit : value === limit;
  return { what, value, op, limit, met };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const ratio = (n: number): string => n.toFixed(2);

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function formatLimit(b: Bar): string {
  return `${b.op} ${Number.isInteger(b.limit) ? b.limit : b.limit.toFixed(2)}`;
}

export function renderTable(cases: readonly CaseResult[]): string {
  const rows: string[][] = [['case', 'measure', 'regkit', 'skopeo / curl', '']];
  for (const c of cases) {
    rows.push([`(${c.id}) ${c.title}`, '', '', '', '']);
    for (const f of c.figures) rows.push(['', f.what, f.regkit, f.other ?? '', '']);
    for (const b of c.bars) {
      const value = Number.isInteger(b.value) ? String(b.value) : b.value.toFixed(2);
      rows.push(['', `bar: ${b.what}`, value, formatLimit(b), b.met ? 'MET' : 'MISSED']);
    }
  }
  // Case titles span the whole line, so only the other rows decide the column widths.
  const widths = rows[0]!.map((_, i) => Math.max(...rows.filter((r) => r[1] !== '').map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r[1] === '' && r !== rows[0]
        ? r[0]!
        : r
            .map((cell, i) => pad(cell, widths[i]!))
            .join('  ')
            .trimEnd(),
    )
    .join('\n');
}

export async function writeResults(path: string, meta: Record<string, unknown>, cases: readonly CaseResult[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ ...meta, cases }, null, 2)}\n`);
}
