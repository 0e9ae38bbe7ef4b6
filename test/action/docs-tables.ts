// The input and output tables of the user guide, generated from the action.yml files so they cannot drift.
// `node build/test/action/docs-tables.js` rewrites every marked block in the docs; the docs test fails when a block
// differs from what this renders. A block is written as
//   <!-- action-tables: actions/copy -->
//   …generated…
//   <!-- /action-tables -->
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

interface ActionMeta {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string | boolean | number }>;
  outputs?: Record<string, { description?: string }>;
}

/** The files that hold generated tables. */
export const DOCS_WITH_TABLES = ['docs/actions.md'];

const BLOCK = /<!-- action-tables: (\S+) -->\n[\s\S]*?<!-- \/action-tables -->/g;

function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function defaultCell(value: string | boolean | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return text === '' ? '`""`' : `\`${text}\``;
}

/** Markdown for one action: its description, then an inputs table and an outputs table. */
export function renderActionTables(actionYml: string): string {
  const action = parse(actionYml) as ActionMeta;
  const description = cell(action.description);
  const lines = [description.endsWith('.') ? description : `${description}.`, '', '| Input | Required | Default | Description |', '| --- | --- | --- | --- |'];
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    lines.push(`| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${defaultCell(input.default)} | ${cell(input.description ?? '')} |`);
  }
  lines.push('', '| Output | Description |', '| --- | --- |');
  for (const [name, output] of Object.entries(action.outputs ?? {})) lines.push(`| \`${name}\` | ${cell(output.description ?? '')} |`);
  return lines.join('\n');
}

/** The markdown with every marked block regenerated from `<dir>/action.yml` under `root`. */
export function regenerateTables(markdown: string, root = '.'): string {
  return markdown.replace(BLOCK, (_, dir: string) => {
    const file = join(root, dir, 'action.yml');
    if (!existsSync(file)) throw new Error(`a docs table names ${dir}, but ${file} does not exist`);
    return `<!-- action-tables: ${dir} -->\n${renderActionTables(readFileSync(file, 'utf8'))}\n<!-- /action-tables -->`;
  });
}

/** The action directories a markdown file has tables for. */
export function tableBlocks(markdown: string): string[] {
  return [...markdown.matchAll(BLOCK)].map((m) => m[1]!);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const file of DOCS_WITH_TABLES) {
    const before = readFileSync(file, 'utf8');
    const after = regenerateTables(before);
    if (after !== before) writeFileSync(file, after);
    console.log(`${file}: ${after === before ? 'up to date' : 'tables regenerated'}`);
  }
}
