// Start-up is part of every CLI call's time: each config loader brings only what its command needs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

/** The CommonJS packages (fengari, yaml …) a module loads, as Node's module cache lists them after importing it. */
function packagesLoadedBy(module: string): string[] {
  const url = new URL(`../../src/command/${module}`, import.meta.url).href;
  const script = `import { createRequire } from 'node:module';
await import(${JSON.stringify(url)});
const cache = createRequire(import.meta.url).cache;
console.log(JSON.stringify([...new Set(Object.keys(cache).map((k) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))]));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
}

test('the regsync loader leaves the Lua engine unloaded; the regbot loader brings it', () => {
  assert.ok(!packagesLoadedBy('sync-config.js').includes('fengari'));
  assert.ok(packagesLoadedBy('prune-config.js').includes('fengari'));
});
