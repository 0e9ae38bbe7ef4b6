// Start-up is part of every CLI call's time: a command loads what it needs, and the rest waits until it is used.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

interface Loaded {
  /** CommonJS packages (fengari, yaml …) in Node's module cache. */
  packages: string[];
  /** Node's built-in modules (zlib, child_process …). */
  builtins: string[];
}

/** What importing one compiled module of src/ loads, in a fresh process. */
function loadedBy(module: string): Loaded {
  const url = new URL(`../../src/${module}`, import.meta.url).href;
  const script = `import { createRequire } from 'node:module';
await import(${JSON.stringify(url)});
const cache = createRequire(import.meta.url).cache;
const packages = [...new Set(Object.keys(cache).map((k) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))];
const builtins = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
console.log(JSON.stringify({ packages, builtins }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as Loaded;
}

test('the regsync loader leaves the Lua engine unloaded; the regbot loader brings it', () => {
  assert.ok(!loadedBy('command/sync-config.js').packages.includes('fengari'));
  assert.ok(loadedBy('command/prune-config.js').packages.includes('fengari'));
});

test('the command layer every CLI call loads brings neither gzip nor child processes: only a gzip archive or a credential helper needs them', () => {
  const { builtins } = loadedBy('command/execute.js');
  assert.ok(builtins.includes('crypto'), 'the list is read');
  for (const unneeded of ['zlib', 'child_process']) assert.ok(!builtins.includes(unneeded), `${unneeded} is loaded`);
});
