// The import rules of ARCHITECTURE.md, checked on the source: each module of src/ imports only the modules its row
// allows (lower layers, never a sibling engine or the other face), and no file reaches itself through its imports.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, test } from 'node:test';

const SRC = join(process.cwd(), 'src');

/** What each module may import besides itself; one row per top-level file or folder of src/, as in ARCHITECTURE.md. */
const ALLOWED: Record<string, readonly string[]> = {
  'errors.ts': [],
  'log.ts': [],
  'runtime.ts': [],
  'spent-buffers.ts': [],
  'read-up-to.ts': [],
  'limit.ts': [],
  'retry.ts': ['errors.ts'],
  oci: ['errors.ts', 'spent-buffers.ts'],
  gotemplate: ['errors.ts'],
  config: ['errors.ts', 'log.ts', 'oci', 'gotemplate'],
  transport: ['errors.ts', 'log.ts', 'retry.ts', 'read-up-to.ts', 'oci', 'config'],
  store: ['errors.ts', 'log.ts', 'spent-buffers.ts', 'retry.ts', 'read-up-to.ts', 'oci', 'config', 'transport'],
  report: ['errors.ts', 'oci'],
  copy: ['errors.ts', 'limit.ts', 'log.ts', 'spent-buffers.ts', 'retry.ts', 'oci', 'store', 'report'],
  verify: ['errors.ts', 'limit.ts', 'read-up-to.ts', 'oci', 'store'],
  sync: ['errors.ts', 'limit.ts', 'log.ts', 'oci', 'gotemplate', 'config', 'store', 'report', 'copy', 'verify'],
  prune: ['errors.ts', 'limit.ts', 'log.ts', 'oci', 'config', 'store', 'report', 'copy'],
  command: ['errors.ts', 'log.ts', 'spent-buffers.ts', 'oci', 'gotemplate', 'config', 'transport', 'store', 'report', 'copy', 'verify', 'sync', 'prune'],
  cli: ['errors.ts', 'log.ts', 'oci', 'config', 'report', 'command'],
  action: ['errors.ts', 'log.ts', 'oci', 'config', 'report', 'command'],
  'main.ts': ['runtime.ts', 'cli', 'action'],
};

/** Modules that must not load `@actions/*`: everything but the action face (and the CLI, which never needs it). */
const MAY_IMPORT_ACTIONS_TOOLKIT = new Set(['action']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

function moduleOf(file: string): string {
  return relative(SRC, file).split(sep)[0] ?? '';
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm))
    found.push({ specifier: m[3] ?? '', typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1] ?? '', typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1] ?? '', typeOnly: false });
  return found;
}

function resolveLocal(from: string, specifier: string): string {
  return normalize(join(dirname(from), specifier)).replace(/\.js$/, '.ts');
}

function violations(file: string, text?: string): string[] {
  const mod = moduleOf(file);
  const allowed = new Set([mod, ...(ALLOWED[mod] ?? [])]);
  const found: string[] = [];
  for (const { specifier } of importsOf(file, text)) {
    if (specifier.startsWith('@actions/') && !MAY_IMPORT_ACTIONS_TOOLKIT.has(mod)) found.push(`${relative(SRC, file)} imports ${specifier}`);
    if (!specifier.startsWith('.')) continue;
    const target = moduleOf(resolveLocal(file, specifier));
    if (!allowed.has(target)) found.push(`${relative(SRC, file)} (${mod}) imports ${specifier} (${target})`);
  }
  return found;
}

const files = sourceFiles(SRC);

describe('architecture: the import rules of ARCHITECTURE.md', () => {
  test('every top-level module of src/ has a row in the rules', () => {
    const modules = new Set(files.map(moduleOf));
    assert.deepEqual(
      [...modules].filter((m) => !(m in ALLOWED)),
      [],
    );
  });

  test('each module imports only what its row allows', () => {
    assert.deepEqual(
      files.flatMap((f) => violations(f)),
      [],
    );
  });

  test('no import circle between files (type-only imports included)', () => {
    const graph = new Map(
      files.map((f) => [
        f,
        importsOf(f)
          .filter((i) => i.specifier.startsWith('.'))
          .map((i) => resolveLocal(f, i.specifier)),
      ]),
    );
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of files) visit(f, []);
    assert.deepEqual(cycles, []);
  });

  test('the checker finds forbidden imports of every form', () => {
    const probe = join(SRC, 'report', 'probe.ts');
    const text = [
      "import type { CopyProgress } from '../copy/copy.js';",
      "export { x } from '../cli/run.js';",
      "const m = await import('../sync/run.js');",
      "import * as core from '@actions/core';",
      "import { formatBytes } from './units.js';",
    ].join('\n');
    assert.equal(violations(probe, text).length, 4);
    assert.deepEqual(violations(join(SRC, 'cli', 'probe.ts'), "import { runAction } from '../action/run.js';").length, 1);
  });
});

describe('architecture: no state in module scope where a session or a store owns it', () => {
  /** A Map or WeakMap made at the top level of a file: state every instance would share, keyed by something. */
  const MODULE_MAP = /^(?:export\s+)?(?:const|let|var)\s+\w+(?:\s*:[^=]+)?\s*=\s*new\s+(?:Weak)?Map\b/m;
  const stateful = (f: string): boolean => ['store', 'transport'].includes(moduleOf(f)) && MODULE_MAP.test(readFileSync(f, 'utf8'));

  test('store/ and transport/ keep per-registry and per-layout state in their objects (RegistrySession, stores), never in a module-level Map', () => {
    assert.deepEqual(
      files.filter(stateful).map((f) => relative(SRC, f)),
      [],
    );
  });

  test('the check sees a module-level WeakMap', () => {
    assert.ok(MODULE_MAP.test('const memos = new WeakMap<object, Memo>();'));
    assert.ok(MODULE_MAP.test('export const queues: Map<string, number> = new Map();'));
    assert.ok(!MODULE_MAP.test('  private readonly queues = new Map<string, Promise<void>>();'));
  });
});
