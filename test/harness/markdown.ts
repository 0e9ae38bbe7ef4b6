// Code blocks of the docs, for tests that check what a user would copy from them.
import { readFileSync } from 'node:fs';

/** The ```yaml blocks of a markdown file, in order. */
export function yamlBlocks(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}
