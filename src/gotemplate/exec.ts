// Walks a parsed template over data, with Go's rules: fields of structs (plain objects) must exist, map (Map) keys may
// be missing, methods are called with the remaining operands, a pipeline's value is the last operand of the next
// command, variables are scoped to their control structure.
import { TemplateExecError, lineColumnOf } from './errors.js';
import { formatValue, goTypeName } from './fmt.js';
import { isTrue, type FuncContext, type TemplateFunc } from './funcs.js';
import type { BranchNode, Command, Operand, Pipeline, TemplateCallNode, TemplateNode } from './parse.js';

const NO_VALUE = '<no value>';
/**
 * How deep `{{template}}` calls may nest. Go stops at 100000; a JavaScript stack ends far sooner once each level
 * nests a few {{if}}/{{range}}/{{with}}, so the bound is lower and leaves room for them.
 */
export const MAX_TEMPLATE_DEPTH = 100;
/**
 * How many `{{template}}` calls one run may make. Go has no such bound; it is here so that a few definitions that
 * each call the next twice cannot take a run to 2^n steps. Real templates make a handful.
 */
export const MAX_TEMPLATE_CALLS = 100_000;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

/** Thrown inside evaluation; caught at the action and turned into a TemplateExecError naming it. */
class Fault extends Error {}

function lookupMethod(receiver: object, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (name in Object.prototype) return undefined;
  const m = (receiver as Record<string, unknown>)[name];
  return typeof m === 'function' ? (m as (...args: unknown[]) => unknown) : undefined;
}

export class TemplateRun {
  private out = '';
  private vars: Array<{ name: string; value: unknown }>;
  private depth = 0;
  private calls = 0;

  constructor(
    private readonly name: string,
    private readonly src: string,
    private readonly funcs: Readonly<Record<string, TemplateFunc>>,
    private readonly ctx: FuncContext,
    data: unknown,
    private readonly defined: ReadonlyMap<string, TemplateNode[]> = new Map(),
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  run(nodes: TemplateNode[], data: unknown): string {
    this.walkList(nodes, data);
    return this.out;
  }

  private fail(at: { pos: number; text: string }, err: unknown): never {
    if (err instanceof TemplateExecError) throw err;
    const { line, column } = lineColumnOf(this.src, at.pos);
    throw new TemplateExecError({ template: this.name, action: at.text, offset: at.pos, line, column, detail: (err as Error).message });
  }

  /** Runs a defined template with `$` and dot set to the call's value (nil without a pipeline), as Go does. */
  private walkTemplate(node: TemplateCallNode, dot: unknown): void {
    const body = this.defined.get(node.name);
    if (!body) this.fail(node, new Error(`template ${JSON.stringify(node.name)} not defined`));
    if (this.depth >= MAX_TEMPLATE_DEPTH) this.fail(node, new Error(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`));
    if (++this.calls > MAX_TEMPLATE_CALLS) this.fail(node, new Error(`more than ${MAX_TEMPLATE_CALLS} template calls in one run`));
    const value = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
    const outer = this.vars;
    this.vars = [{ name: '$', value }];
    this.depth++;
    try {
      this.walkList(body, value);
    } finally {
      this.depth--;
      this.vars = outer;
    }
  }

  private walkList(nodes: TemplateNode[], dot: unknown): void {
    for (const node of nodes) this.walk(node, dot);
  }

  private walk(node: TemplateNode, dot: unknown): void {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += v === undefined ? NO_VALUE : formatValue(v);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, node.pipe);
        if (isTrue(v)) this.walkList(node.list, node.kind === 'with' ? v : dot);
        else if (node.elseList) this.walkList(node.elseList, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.walkRange(node, dot);
        return;
      case 'template':
        this.walkTemplate(node, dot);
        return;
    }
  }

  private walkRange(node: BranchNode, dot: unknown): void {
    const mark = this.vars.length;
    const pipe = node.pipe;
    const value = this.evalPipeline(dot, { ...pipe, decl: [] });
    let entries: Array<[unknown, unknown]>;
    if (Array.isArray(value)) entries = value.map((v, i) => [i, v]);
    else if (value instanceof Map) entries = [...value.keys()].sort().map((k) => [k, value.get(k)]);
    else if (typeof value === 'number' && Number.isInteger(value)) entries = Array.from({ length: Math.max(0, value) }, (_, i) => [i, i]);
    else if (value === null || value === undefined) entries = [];
    else this.fail(pipe, new Error(`range can't iterate over ${formatValue(value)}`));
    if (entries.length === 0) {
      if (node.elseList) this.walkList(node.elseList, dot);
      this.vars.length = mark;
      return;
    }
    for (const [key, elem] of entries) {
      const inner = this.vars.length;
      if (pipe.decl.length === 1) this.setVar(pipe.decl[0]!, elem, pipe.isAssign);
      if (pipe.decl.length === 2) {
        this.setVar(pipe.decl[0]!, key, pipe.isAssign);
        this.setVar(pipe.decl[1]!, elem, pipe.isAssign);
      }
      try {
        this.walkList(node.list, elem);
      } catch (signal) {
        if (signal === BREAK) break;
        if (signal !== CONTINUE) throw signal;
      } finally {
        this.vars.length = inner;
      }
    }
    this.vars.length = mark;
  }

  private setVar(name: string, value: unknown, assign: boolean): void {
    if (!assign) {
      this.vars.push({ name, value });
      return;
    }
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
  }

  private getVar(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    throw new Fault(`undefined variable: ${name}`);
  }

  private evalPipeline(dot: unknown, pipe: Pipeline): unknown {
    let value: unknown;
    try {
      let final: { value: unknown } | undefined;
      for (const cmd of pipe.cmds) {
        value = this.evalCommand(dot, cmd, final);
        final = { value };
      }
    } catch (err) {
      if (err === BREAK || err === CONTINUE) throw err;
      this.fail(pipe, err);
    }
    for (const name of pipe.decl) this.setVar(name, value, pipe.isAssign);
    return value;
  }

  private evalCommand(dot: unknown, cmd: Command, final: { value: unknown } | undefined): unknown {
    const [first, ...rest] = cmd.args;
    switch (first!.kind) {
      case 'field':
        return this.fieldChain(dot, dot, first!.names, rest, final);
      case 'var':
        if (first!.names.length > 0) return this.fieldChain(dot, this.getVar(first!.name), first!.names, rest, final);
        break;
      case 'chain':
        return this.fieldChain(dot, this.evalArg(dot, first!.node), first!.names, rest, final);
      case 'ident':
        return this.call(dot, first!.name, rest, final);
      case 'nil':
        throw new Fault('nil is not a command');
      default:
        break;
    }
    if (rest.length > 0 || final) throw new Fault(`can't give argument to non-function ${this.describe(first!)}`);
    return this.evalArg(dot, first!);
  }

  private describe(op: Operand): string {
    return this.src.slice(op.pos).split(/[\s|)}]/)[0] || op.kind;
  }

  private evalArg(dot: unknown, op: Operand): unknown {
    switch (op.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.fieldChain(dot, dot, op.names, [], undefined);
      case 'var':
        return op.names.length > 0 ? this.fieldChain(dot, this.getVar(op.name), op.names, [], undefined) : this.getVar(op.name);
      case 'chain':
        return this.fieldChain(dot, this.evalArg(dot, op.node), op.names, [], undefined);
      case 'ident':
        return this.call(dot, op.name, [], undefined);
      case 'pipe':
        return this.evalPipelineValue(dot, op.pipe);
      case 'string':
      case 'number':
      case 'bool':
        return op.value;
      case 'nil':
        return null;
    }
  }

  /** A parenthesized pipeline: its declarations are visible after it, as in Go. */
  private evalPipelineValue(dot: unknown, pipe: Pipeline): unknown {
    let value: unknown;
    let final: { value: unknown } | undefined;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, final);
      final = { value };
    }
    for (const name of pipe.decl) this.setVar(name, value, pipe.isAssign);
    return value;
  }

  private call(dot: unknown, name: string, argOps: Operand[], final: { value: unknown } | undefined): unknown {
    const fn = this.funcs[name];
    if (!fn) throw new Fault(`function "${name}" not defined`);
    try {
      if (fn.lazy) {
        const thunks = argOps.map((op) => () => this.evalArg(dot, op));
        if (final) thunks.push(() => final.value);
        if (thunks.length === 0) throw new Error(`wrong number of args for ${name}: want at least 1 got 0`);
        return fn.call(thunks, this.ctx);
      }
      const args = argOps.map((op) => this.evalArg(dot, op));
      if (final) args.push(final.value);
      return fn.call(args, this.ctx);
    } catch (err) {
      if (err instanceof Fault || err instanceof TemplateExecError) throw err;
      throw new Fault(`error calling ${name}: ${(err as Error).message}`);
    }
  }

  private fieldChain(dot: unknown, receiver: unknown, names: string[], argOps: Operand[], final: { value: unknown } | undefined): unknown {
    let v = receiver;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      v = this.field(dot, v, name, last ? argOps : [], last ? final : undefined);
    });
    return v;
  }

  private field(dot: unknown, receiver: unknown, name: string, argOps: Operand[], final: { value: unknown } | undefined): unknown {
    const hasArgs = argOps.length > 0 || final !== undefined;
    if (receiver === null || receiver === undefined) throw new Fault(`nil data; no entry for key "${name}"`);
    if (receiver instanceof Map) {
      if (hasArgs) throw new Fault(`${name} is not a method but has arguments`);
      return receiver.has(name) ? receiver.get(name) : undefined;
    }
    if (typeof receiver === 'object') {
      const method = lookupMethod(receiver, name);
      if (method) {
        const args = argOps.map((op) => this.evalArg(dot, op));
        if (final) args.push(final.value);
        if (args.length !== method.length) throw new Fault(`wrong number of args for ${name}: want ${method.length} got ${args.length}`);
        try {
          return method.apply(receiver, args);
        } catch (err) {
          throw new Fault(`error calling ${name}: ${(err as Error).message}`);
        }
      }
      if (Object.prototype.hasOwnProperty.call(receiver, name)) {
        if (hasArgs) throw new Fault(`${name} has arguments but cannot be invoked as function`);
        return (receiver as Record<string, unknown>)[name];
      }
    }
    throw new Fault(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }
}
