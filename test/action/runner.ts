// Runs an action the way a GitHub runner does, on this machine: reads its action.yml, applies input defaults, and
// either runs the node `main` with INPUT_* variables or walks the composite steps — expressions in `env:`, `with:`
// and `if:` substituted, `run:` through the step's shell with per-step GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
// local `uses:` run recursively, remote `uses:` skipped (they need the runner's download and its services) — and
// finally evaluates `outputs.*.value`. Only the simple expressions actions put there are understood; anything else
// throws, so a test never passes on an expression this helper silently misread.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { makeTempDir, removeTempDir, trackChild } from '../harness/cleanup.js';

export interface RunAsRunnerOptions {
  /** The job's workspace (`github.workspace`, where local `uses: ./…` resolves). Default: the current directory. */
  workspace?: string;
  /** Job-level variables every step sees, e.g. `DOCKER_CONFIG`. */
  env?: Record<string, string>;
  /** The node that runs `main`, and the first `node` on PATH for composite steps. Default: this process's node. */
  node?: string;
  /** Per step. Default 120 s. */
  timeoutMs?: number;
}

export type StepOutcome = 'success' | 'failure' | 'skipped';

export interface StepRecord {
  id: string;
  outcome: StepOutcome;
  /** Why a step did not run here (a remote `uses:`, an `if:` that was false). */
  note?: string;
}

export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string>;
  /** The job summary markdown every step appended. */
  summary: string;
  stdout: string;
  stderr: string;
  steps: StepRecord[];
}

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string | boolean | number;
}

interface ActionStep {
  id?: string;
  name?: string;
  if?: string | boolean;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, string | boolean | number>;
  env?: Record<string, string | boolean | number>;
  'working-directory'?: string;
}

interface ActionFile {
  name: string;
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, { description?: string; value?: string }>;
  runs: { using: string; main?: string; steps?: ActionStep[] };
}

type Value = string | number | boolean | null | { [key: string]: Value };

interface StepState {
  outputs: Record<string, string>;
  outcome: StepOutcome;
  conclusion: StepOutcome;
}

export interface Scope {
  inputs: Record<string, string>;
  github: Record<string, string>;
  runner: Record<string, string>;
  env: Record<string, string>;
  steps: Record<string, StepState>;
  /** Whether an earlier step failed: what success() and failure() look at. */
  failed: boolean;
}

// ---- expressions -------------------------------------------------------------------------------------------------

type Token = { kind: 'punct'; text: string } | { kind: 'ident'; text: string } | { kind: 'literal'; value: Value };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const rest = expr.slice(i);
    const space = /^\s+/.exec(rest);
    const op = /^(==|!=|&&|\|\||[()!.[\],])/.exec(rest);
    const str = /^'((?:[^']|'')*)'/.exec(rest);
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    // Property names may contain dashes (`inputs.dry-run`), as in the runner's own grammar.
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    if (space) i += space[0].length;
    else if (op) {
      tokens.push({ kind: 'punct', text: op[0] });
      i += op[0].length;
    } else if (str) {
      tokens.push({ kind: 'literal', value: str[1]!.replace(/''/g, "'") });
      i += str[0].length;
    } else if (num) {
      tokens.push({ kind: 'literal', value: Number(num[0]) });
      i += num[0].length;
    } else if (ident) {
      const word = ident[0];
      tokens.push(
        word === 'true' || word === 'false'
          ? { kind: 'literal', value: word === 'true' }
          : word === 'null'
            ? { kind: 'literal', value: null }
            : { kind: 'ident', text: word },
      );
      i += word.length;
    } else throw new Error(`runner.ts: cannot read expression "${expr}" at "${rest}"`);
  }
  return tokens;
}

function truthy(v: Value): boolean {
  return !(v === false || v === null || v === '' || v === 0);
}

function asString(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The runner compares strings ignoring case and coerces mixed types to numbers. */
function looseEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const num = (v: Value): number =>
    typeof v === 'number' ? v : v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : NaN;
  return num(a) === num(b);
}

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'];

class ExpressionParser {
  private pos = 0;
  constructor(
    private readonly expr: string,
    private readonly tokens: Token[],
    private readonly scope: Scope,
  ) {}

  evaluate(): Value {
    const v = this.or();
    if (this.pos !== this.tokens.length) throw new Error(`runner.ts: unexpected tokens after position ${this.pos} in "${this.expr}"`);
    return v;
  }

  private peek(text: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'punct' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.peek(text)) throw new Error(`runner.ts: expected "${text}" in "${this.expr}"`);
    this.pos++;
  }

  private or(): Value {
    let left = this.and();
    while (this.peek('||')) {
      this.pos++;
      const right = this.and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.peek('&&')) {
      this.pos++;
      const right = this.comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private comparison(): Value {
    const left = this.unary();
    if (this.peek('==') || this.peek('!=')) {
      const negate = this.peek('!=');
      this.pos++;
      const equal = looseEquals(left, this.unary());
      return negate ? !equal : equal;
    }
    return left;
  }

  private unary(): Value {
    if (this.peek('!')) {
      this.pos++;
      return !truthy(this.unary());
    }
    return this.primary();
  }

  private primary(): Value {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error(`runner.ts: expression "${this.expr}" ends too early`);
    if (t.kind === 'literal') return t.value;
    if (t.kind === 'punct') {
      if (t.text !== '(') throw new Error(`runner.ts: unexpected "${t.text}" in "${this.expr}"`);
      const v = this.or();
      this.expect(')');
      return v;
    }
    if (this.peek('(')) return this.call(t.text);
    let value: Value = this.context(t.text);
    for (;;) {
      if (this.peek('.')) {
        this.pos++;
        const name = this.tokens[this.pos++];
        if (name?.kind !== 'ident') throw new Error(`runner.ts: expected a property name in "${this.expr}"`);
        value = this.member(value, name.text);
      } else if (this.peek('[')) {
        this.pos++;
        const key = this.or();
        this.expect(']');
        value = this.member(value, asString(key));
      } else return value;
    }
  }

  private member(value: Value, name: string): Value {
    if (value === null || typeof value !== 'object') return null;
    // Context property names are case-insensitive on the runner.
    const key = Object.keys(value).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : value[key]!;
  }

  private context(name: string): Value {
    const { inputs, github, runner, env, steps } = this.scope;
    const contexts: Record<string, Value> = { inputs, github, runner, env, steps: steps as unknown as Value };
    if (!(name in contexts)) throw new Error(`runner.ts: context "${name}" is not supported (in "${this.expr}")`);
    return contexts[name]!;
  }

  private call(name: string): Value {
    this.expect('(');
    const args: Value[] = [];
    while (!this.peek(')')) {
      args.push(this.or());
      if (!this.peek(')')) this.expect(',');
    }
    this.expect(')');
    const s = (i: number): string => asString(args[i] ?? null).toLowerCase();
    switch (name) {
      case 'success':
        return !this.scope.failed;
      case 'failure':
        return this.scope.failed;
      case 'always':
        return true;
      case 'cancelled':
        return false;
      case 'contains':
        return s(0).includes(s(1));
      case 'startsWith':
        return s(0).startsWith(s(1));
      case 'endsWith':
        return s(0).endsWith(s(1));
      default:
        throw new Error(`runner.ts: function ${name}() is not supported (in "${this.expr}")`);
    }
  }
}

export function evaluateExpression(expr: string, scope: Scope): Value {
  return new ExpressionParser(expr, tokenize(expr), scope).evaluate();
}

/** A string with `${{ … }}` parts replaced by their values, as the runner does for `env:`, `with:` and outputs. */
export function substitute(text: string, scope: Scope): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => asString(evaluateExpression(expr, scope)));
}

/** `if:` may omit `${{ }}`; without a status function the runner prefixes `success() &&`. */
function conditionHolds(condition: string | boolean | undefined, scope: Scope): boolean {
  if (condition === undefined) return !scope.failed;
  const text = String(condition).trim();
  const m = /^\$\{\{([\s\S]*)\}\}$/.exec(text);
  const expr = m ? m[1]! : text;
  const usesStatus = STATUS_FUNCTIONS.some((f) => new RegExp(`\\b${f}\\s*\\(`).test(expr));
  return (usesStatus || !scope.failed) && truthy(evaluateExpression(expr, scope));
}

// ---- file commands -------------------------------------------------------------------------------------------------

/** `name=value` lines and `name<<DELIMITER … DELIMITER` blocks: the format of GITHUB_OUTPUT and GITHUB_ENV. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`unterminated ${heredoc[1]} in a file command`);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

// ---- running -------------------------------------------------------------------------------------------------------

interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
}

function spawnStep(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<Spawned> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => (clearTimeout(timer), reject(e)));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8') + (signal ? `\n[runner.ts] step ended by ${signal} (timeout ${timeoutMs} ms)\n` : '');
      resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

/** The runner's `bash` shell: `bash --noprofile --norc -eo pipefail {0}` over a script file. */
function shellCommand(shell: string | undefined, script: string): [string, string[]] {
  if (shell === 'bash') return ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', script]];
  if (shell === 'sh') return ['sh', ['-e', script]];
  throw new Error(`runner.ts: shell "${shell ?? '(none)'}" is not supported; composite run steps must name a shell (bash or sh)`);
}

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Inputs as the runner resolves them: given values, else defaults; an input the action does not declare is an error. */
function resolveInputs(action: ActionFile, dir: string, given: Record<string, string>): Record<string, string> {
  const declared = action.inputs ?? {};
  const unknown = Object.keys(given).filter((k) => !(k in declared));
  if (unknown.length > 0) throw new Error(`${dir}/action.yml declares no input ${unknown.join(', ')}; it has ${Object.keys(declared).join(', ')}`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) inputs[name] = given[name] ?? (input.default === undefined ? '' : String(input.default));
  return inputs;
}

function baseEnvironment(opts: RunAsRunnerOptions, tmp: string, workspace: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_') && !k.startsWith('RUNNER_')),
  );
  const nodeDir = dirname(opts.node ?? process.execPath);
  return {
    ...inherited,
    PATH: `${nodeDir}${delimiter}${process.env['PATH'] ?? ''}`,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: tmp,
    RUNNER_OS: 'Linux',
    ...opts.env,
  };
}

class ActionRunner {
  private stdout = '';
  private stderr = '';
  private summary = '';
  private counter = 0;
  private jobEnv: Record<string, string> = {};

  constructor(
    private readonly opts: RunAsRunnerOptions,
    private readonly tmp: string,
    private readonly workspace: string,
  ) {}

  result(exitCode: number, outputs: Record<string, string>, steps: StepRecord[]): ActionRun {
    return { exitCode, outputs, summary: this.summary, stdout: this.stdout, stderr: this.stderr, steps };
  }

  /** One process with the runner's per-step files; returns its exit code and GITHUB_OUTPUT. */
  private async process(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number; outputs: Record<string, string> }> {
    const n = ++this.counter;
    const files = {
      GITHUB_OUTPUT: join(this.tmp, `output-${n}`),
      GITHUB_STEP_SUMMARY: join(this.tmp, `summary-${n}.md`),
      GITHUB_ENV: join(this.tmp, `env-${n}`),
      GITHUB_PATH: join(this.tmp, `path-${n}`),
      GITHUB_STATE: join(this.tmp, `state-${n}`),
    };
    for (const f of Object.values(files)) await writeFile(f, '');
    const run = await spawnStep(command, args, { ...env, ...this.jobEnv, ...files }, cwd, this.opts.timeoutMs ?? 120_000);
    this.stdout += run.stdout;
    this.stderr += run.stderr;
    this.summary += await readFile(files.GITHUB_STEP_SUMMARY, 'utf8');
    Object.assign(this.jobEnv, parseFileCommands(await readFile(files.GITHUB_ENV, 'utf8')));
    return { code: run.code, outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')) };
  }

  async run(actionDir: string, given: Record<string, string>): Promise<{ exitCode: number; outputs: Record<string, string>; steps: StepRecord[] }> {
    const dir = resolve(this.workspace, actionDir);
    const action = parse(await readFile(join(dir, 'action.yml'), 'utf8')) as ActionFile;
    const inputs = resolveInputs(action, dir, given);
    const env = { ...baseEnvironment(this.opts, this.tmp, this.workspace), GITHUB_ACTION_PATH: dir };
    const using = action.runs.using;
    if (/^node\d+$/.test(using)) {
      if (!action.runs.main) throw new Error(`${dir}/action.yml: runs.main is missing`);
      const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v]));
      const r = await this.process(this.opts.node ?? process.execPath, [join(dir, action.runs.main)], { ...env, ...inputEnv }, this.workspace);
      return { exitCode: r.code, outputs: r.outputs, steps: [{ id: 'main', outcome: r.code === 0 ? 'success' : 'failure' }] };
    }
    if (using !== 'composite') throw new Error(`runner.ts: runs.using ${using} is not supported`);
    const scope: Scope = {
      inputs,
      github: { action_path: dir, workspace: this.workspace },
      runner: { temp: this.tmp, os: 'Linux' },
      env: {},
      steps: {},
      failed: false,
    };
    const records: StepRecord[] = [];
    let exitCode = 0;
    for (const [index, step] of (action.runs.steps ?? []).entries()) {
      const id = step.id ?? `__step${index + 1}`;
      const record = await this.step(step, id, scope, env);
      records.push(record.record);
      scope.steps[id] = { outputs: record.outputs, outcome: record.record.outcome, conclusion: record.record.outcome };
      if (record.record.outcome === 'failure' && !scope.failed) {
        scope.failed = true;
        exitCode = record.code;
      }
    }
    const outputs: Record<string, string> = {};
    for (const [name, output] of Object.entries(action.outputs ?? {})) outputs[name] = output.value === undefined ? '' : substitute(output.value, scope);
    return { exitCode, outputs, steps: records };
  }

  private async step(
    step: ActionStep,
    id: string,
    scope: Scope,
    env: NodeJS.ProcessEnv,
  ): Promise<{ record: StepRecord; outputs: Record<string, string>; code: number }> {
    if (!conditionHolds(step.if, scope))
      return { record: { id, outcome: 'skipped', note: `if: ${String(step.if ?? 'success()')} is false` }, outputs: {}, code: 0 };
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), scope)]));
    if (step.uses !== undefined) {
      if (!step.uses.startsWith('./')) return { record: { id, outcome: 'skipped', note: `uses: ${step.uses} needs a GitHub runner` }, outputs: {}, code: 0 };
      const withInputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v), scope)]));
      const inner = await this.run(step.uses, withInputs);
      return { record: { id, outcome: inner.exitCode === 0 ? 'success' : 'failure' }, outputs: inner.outputs, code: inner.exitCode };
    }
    if (step.run === undefined) throw new Error(`runner.ts: step ${id} has neither run nor uses`);
    const script = join(this.tmp, `script-${this.counter + 1}.sh`);
    await writeFile(script, step.run);
    const [command, args] = shellCommand(step.shell, script);
    const wd = step['working-directory'];
    const cwd = wd === undefined ? this.workspace : isAbsolute(wd) ? wd : join(this.workspace, substitute(wd, scope));
    const r = await this.process(command, args, { ...env, ...stepEnv }, cwd);
    return { record: { id, outcome: r.code === 0 ? 'success' : 'failure' }, outputs: r.outputs, code: r.code };
  }
}

/**
 * Runs the action in `actionDir` (relative to the workspace or absolute) with the given inputs, as one job step.
 * Inputs are named as in action.yml (`dry-run`, not `INPUT_DRY_RUN`).
 */
export async function runActionAsRunner(actionDir: string, inputs: Record<string, string>, opts: RunAsRunnerOptions = {}): Promise<ActionRun> {
  const tmp = await makeTempDir('regkit-runner-');
  try {
    const runner = new ActionRunner(opts, tmp, resolve(opts.workspace ?? process.cwd()));
    const r = await runner.run(actionDir, inputs);
    return runner.result(r.exitCode, r.outputs, r.steps);
  } finally {
    await removeTempDir(tmp);
  }
}

/**
 * A workspace holding this checkout's action.yml files and a `dist/index.js` that loads the compiled
 * `build/src/main.js`: the actions as users get them, running the code under test without rebuilding the bundle
 * (whose freshness the dist check covers).
 */
export async function makeActionWorkspace(dir: string, checkout = process.cwd()): Promise<void> {
  await mkdir(dir, { recursive: true });
  await cp(join(checkout, 'action.yml'), join(dir, 'action.yml'));
  for (const name of await readdir(join(checkout, 'actions'))) {
    const file = join(checkout, 'actions', name, 'action.yml');
    if (!existsSync(file)) continue;
    await mkdir(join(dir, 'actions', name), { recursive: true });
    await cp(file, join(dir, 'actions', name, 'action.yml'));
  }
  await mkdir(join(dir, 'dist'), { recursive: true });
  await writeFile(join(dir, 'dist', 'index.js'), `import ${JSON.stringify(pathToFileURL(join(checkout, 'build/src/main.js')).href)};\n`);
  await writeFile(join(dir, 'package.json'), '{"type":"module"}\n');
}

/** What one `node build/src/main.js` step left: exit code, the log the runner shows, outputs and summary. */
export interface StepRun {
  code: number | null;
  /** The log the runner would show (workflow commands included). */
  log: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs `build/src/main.js` as a runner runs one step: none of this process's INPUT_ or GITHUB_ variables, the step's
 * `env` (its inputs), GITHUB_ACTIONS and fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files in `dir`, no docker config.
 */
export async function runMainAsStep(dir: string, env: Record<string, string>, argv: string[] = []): Promise<StepRun> {
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  const childEnv = {
    ...base,
    ...env,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    DOCKER_CONFIG: join(dir, 'no-docker-config'),
  };
  const chunks: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'build/src/main.js'), ...argv], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', reject);
    child.once('close', resolve);
  });
  return {
    code,
    log: Buffer.concat(chunks).toString('utf8'),
    outputs: parseFileCommands(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
  };
}
