// Parser for the subset of Go's text/template that regsync and regbot configs use. It produces a small tree that
// template-exec.ts walks. Syntax follows https://pkg.go.dev/text/template (actions, trim markers, comments,
// pipelines, variables, if/else if/range/with/break/continue, define/template/block).
import { TemplateSyntaxError } from './errors.js';
import { Lexer, type Token } from './lex.js';

export type Operand =
  | { kind: 'dot'; pos: number }
  | { kind: 'field'; names: string[]; pos: number }
  | { kind: 'var'; name: string; names: string[]; pos: number }
  | { kind: 'ident'; name: string; pos: number }
  | { kind: 'chain'; node: Operand; names: string[]; pos: number }
  | { kind: 'pipe'; pipe: Pipeline; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'bool'; value: boolean; pos: number }
  | { kind: 'nil'; pos: number };

export interface Command {
  args: Operand[];
  pos: number;
}

export interface Pipeline {
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
  pos: number;
  /** The action's source text, for error messages that name the action. */
  text: string;
}

export interface BranchNode {
  kind: 'if' | 'with' | 'range';
  pipe: Pipeline;
  list: TemplateNode[];
  elseList: TemplateNode[] | undefined;
  pos: number;
}

/** `{{template "name" pipeline}}`: runs the named template with the pipeline's value (or nil) as dot. */
export interface TemplateCallNode {
  kind: 'template';
  name: string;
  pipe: Pipeline | undefined;
  pos: number;
  /** The action's source text, for error messages. */
  text: string;
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline; pos: number }
  | BranchNode
  | TemplateCallNode
  | { kind: 'break' | 'continue'; pos: number };

/** The main template and the templates its `{{define}}`s and `{{block}}`s name. */
export interface ParsedTemplate {
  root: TemplateNode[];
  defined: ReadonlyMap<string, TemplateNode[]>;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

/** Recursive descent over the tokens, mirroring text/template/parse. */
class Parser {
  private p = 0;
  private vars: string[][] = [['$']];
  readonly defined = new Map<string, TemplateNode[]>();

  constructor(
    private readonly src: string,
    private readonly toks: Token[],
    private readonly hasFunction: (name: string) => boolean,
  ) {}

  private fail(pos: number, message: string): never {
    throw TemplateSyntaxError.at(this.src, pos, message);
  }

  private peek(): Token {
    return this.toks[this.p]!;
  }

  private next(): Token {
    return this.toks[this.p++]!;
  }

  private peekNonSpace(): Token {
    while (this.peek().kind === 'space') this.p++;
    return this.peek();
  }

  private nextNonSpace(): Token {
    this.peekNonSpace();
    return this.next();
  }

  parse(): TemplateNode[] {
    const { list, stop } = this.list(true);
    if (stop) this.fail(stop.pos, `unexpected {{${stop.word}}}`);
    return list;
  }

  /** Parses until `{{end}}`, `{{else…}}` or the end of input; returns which one stopped it. */
  private list(topLevel = false): { list: TemplateNode[]; stop: { word: 'end' | 'else'; pos: number } | undefined } {
    const list: TemplateNode[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') return { list, stop: undefined };
      if (t.kind === 'text') {
        list.push({ kind: 'text', text: t.text });
        continue;
      }
      const kw = this.peekNonSpace();
      if (kw.kind === 'ident' && kw.text === 'define') {
        // As in Go, a definition is only read between the main template's actions, never inside one.
        if (!topLevel)
          this.fail(kw.pos, 'unexpected {{define}}: a template is defined only at the top level, outside every {{if}}, {{range}}, {{with}} and definition');
        this.next();
        const name = this.templateName('define');
        this.expectRight('define');
        this.definition(name, kw.pos);
        continue;
      }
      if (kw.kind === 'ident' && KEYWORDS.has(kw.text)) {
        if (kw.text === 'end' || kw.text === 'else') {
          this.next();
          if (kw.text === 'end') this.expectRight('end');
          return { list, stop: { word: kw.text, pos: kw.pos } };
        }
        list.push(this.control(kw));
        continue;
      }
      const pipe = this.pipeline('command', t.pos);
      list.push({ kind: 'action', pipe, pos: t.pos });
    }
  }

  private expectRight(context: string): void {
    const t = this.nextNonSpace();
    if (t.kind !== 'right') this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
  }

  private control(kw: Token): TemplateNode {
    this.next();
    switch (kw.text) {
      case 'if':
      case 'with':
      case 'range':
        return this.branch(kw.text, kw.pos);
      case 'break':
      case 'continue':
        this.expectRight(kw.text);
        return { kind: kw.text, pos: kw.pos };
      case 'template': {
        const name = this.templateName('template');
        const pipe = this.peekNonSpace().kind === 'right' ? (this.next(), undefined) : this.pipeline('template', kw.pos);
        return { kind: 'template', name, pipe, pos: kw.pos, text: this.actionText(kw.pos) };
      }
      case 'block': {
        // `{{block "x" p}}body{{end}}` is `{{define "x"}}body{{end}}{{template "x" p}}`.
        const name = this.templateName('block');
        const pipe = this.pipeline('block', kw.pos);
        const text = this.actionText(kw.pos);
        this.definition(name, kw.pos);
        return { kind: 'template', name, pipe, pos: kw.pos, text };
      }
      default:
        this.fail(kw.pos, `unexpected {{${kw.text}}}`);
    }
  }

  /** The source of the action whose keyword is at `pos`, through the `}}` just read. */
  private actionText(pos: number): string {
    const end = this.toks[this.p - 1]!;
    const open = this.src.lastIndexOf('{{', pos);
    return this.src.slice(open, end.pos + end.text.length);
  }

  /** The quoted name after `define`, `template` or `block`. */
  private templateName(context: string): string {
    const t = this.nextNonSpace();
    if (t.kind !== 'string') this.fail(t.pos, `unexpected ${describe(t)} in ${context}: the template name must be a quoted string`);
    return t.value as string;
  }

  /** Reads a definition's body (after its opening action) up to its `{{end}}`, with its own variables (only `$`), and records it. */
  private definition(name: string, pos: number): void {
    const outer = this.vars;
    this.vars = [['$']];
    const body = this.list();
    this.vars = outer;
    if (!body.stop) this.fail(this.src.length, `unexpected EOF: missing {{end}} for the definition of ${JSON.stringify(name)}`);
    if (body.stop.word !== 'end') this.fail(body.stop.pos, `unexpected {{else}} in the definition of ${JSON.stringify(name)}`);
    const earlier = this.defined.get(name);
    // Go keeps the first body when a later definition is empty, and refuses two bodies for one name.
    if (earlier && !isEmpty(earlier) && !isEmpty(body.list)) this.fail(pos, `multiple definition of template ${JSON.stringify(name)}`);
    if (!earlier || isEmpty(earlier)) this.defined.set(name, body.list);
  }

  private branch(kind: 'if' | 'with' | 'range', pos: number): TemplateNode {
    this.vars.push([]);
    const pipe = this.pipeline(kind, pos);
    const body = this.list();
    let elseList: TemplateNode[] | undefined;
    if (!body.stop) this.fail(this.src.length, `unexpected EOF: missing {{end}} for {{${kind}}}`);
    if (body.stop.word === 'else') {
      const chained = this.peekNonSpace();
      if ((kind === 'if' && chained.kind === 'ident' && chained.text === 'if') || (kind === 'with' && chained.kind === 'ident' && chained.text === 'with')) {
        this.next();
        // `{{else if x}}…{{end}}` is `{{else}}{{if x}}…{{end}}{{end}}` with one shared end, as in Go.
        elseList = [this.branch(kind, chained.pos)];
      } else {
        this.expectRight('else');
        const rest = this.list();
        if (!rest.stop) this.fail(this.src.length, `unexpected EOF: missing {{end}} for {{${kind}}}`);
        if (rest.stop.word !== 'end') this.fail(rest.stop.pos, 'expected {{end}} after {{else}}');
        elseList = rest.list;
      }
    }
    this.vars.pop();
    return { kind, pipe, list: body.list, elseList, pos };
  }

  private pipeline(context: string, pos: number): Pipeline {
    const startTok = this.peek();
    const decl: string[] = [];
    let isAssign = false;
    const save = this.p;
    const v = this.peekNonSpace();
    if (v.kind === 'var') {
      this.next();
      const after = this.peekNonSpace();
      if (after.kind === 'declare' || after.kind === 'assign' || (after.kind === 'comma' && context === 'range')) {
        this.next();
        decl.push(v.text);
        if (after.kind === 'comma') {
          const v2 = this.nextNonSpace();
          if (v2.kind !== 'var') this.fail(v2.pos, 'range can only initialize variables');
          const op = this.nextNonSpace();
          if (op.kind !== 'declare' && op.kind !== 'assign') this.fail(op.pos, `unexpected ${describe(op)} in range`);
          decl.push(v2.text);
          isAssign = op.kind === 'assign';
        } else {
          isAssign = after.kind === 'assign';
        }
        for (const name of decl) {
          if (isAssign) {
            if (!this.lookupVar(name)) this.fail(v.pos, `undefined variable "${name}"`);
          } else {
            this.vars[this.vars.length - 1]!.push(name);
          }
        }
      } else {
        this.p = save;
      }
    } else {
      this.p = save;
    }
    const cmds: Command[] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if (t.kind === 'right') {
        this.next();
        break;
      }
      if (t.kind === 'rparen' && context === 'parenthesized pipeline') break;
      cmds.push(this.command(context));
      const after = this.peekNonSpace();
      if (after.kind === 'pipe') {
        this.next();
        const n = this.peekNonSpace();
        if (n.kind === 'right' || n.kind === 'rparen') this.fail(n.pos, 'missing command after |');
        continue;
      }
      if (after.kind === 'right' || (after.kind === 'rparen' && context === 'parenthesized pipeline')) continue;
      this.fail(after.pos, `unexpected ${describe(after)} in ${context}`);
    }
    if (cmds.length === 0) this.fail(startTok.pos, `missing value for ${context}`);
    const end = this.toks[this.p - 1]!;
    return { decl, isAssign, cmds, pos, text: this.src.slice(pos, end.pos + end.text.length) };
  }

  private lookupVar(name: string): boolean {
    return this.vars.some((scope) => scope.includes(name));
  }

  private command(context: string): Command {
    const first = this.peekNonSpace();
    const args: Operand[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'space') {
        this.next();
        continue;
      }
      if (t.kind === 'right' || t.kind === 'pipe' || t.kind === 'rparen' || t.kind === 'eof') break;
      if (args.length > 0 && this.toks[this.p - 1]!.kind !== 'space') this.fail(t.pos, `missing space before ${describe(t)}`);
      args.push(this.operand(context));
    }
    if (args.length === 0) this.fail(first.pos, `empty command in ${context}`);
    return { args, pos: first.pos };
  }

  private operand(context: string): Operand {
    const term = this.term(context);
    if (this.peek().kind !== 'field') return term;
    const names: string[] = [];
    while (this.peek().kind === 'field') names.push(this.next().value as string);
    if (term.kind === 'field') return { kind: 'field', names: [...term.names, ...names], pos: term.pos };
    if (term.kind === 'var') return { kind: 'var', name: term.name, names: [...term.names, ...names], pos: term.pos };
    if (term.kind === 'string' || term.kind === 'number' || term.kind === 'bool' || term.kind === 'nil' || term.kind === 'dot') {
      this.fail(term.pos, `unexpected . after term ${JSON.stringify(this.src.slice(term.pos, this.peek().pos).trim() || '.')}`);
    }
    return { kind: 'chain', node: term, names, pos: term.pos };
  }

  private term(context: string): Operand {
    const t = this.next();
    switch (t.kind) {
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'field':
        return { kind: 'field', names: [t.value as string], pos: t.pos };
      case 'var':
        if (!this.lookupVar(t.text)) this.fail(t.pos, `undefined variable "${t.text}"`);
        return { kind: 'var', name: t.text, names: [], pos: t.pos };
      case 'string':
        return { kind: 'string', value: t.value as string, pos: t.pos };
      case 'number':
        return { kind: 'number', value: t.value as number, pos: t.pos };
      case 'bool':
        return { kind: 'bool', value: t.text === 'true', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'ident':
        if (KEYWORDS.has(t.text)) this.fail(t.pos, `unexpected keyword "${t.text}" in ${context}`);
        if (!this.hasFunction(t.text)) this.fail(t.pos, `function "${t.text}" not defined`);
        return { kind: 'ident', name: t.text, pos: t.pos };
      case 'lparen': {
        const pipe = this.pipeline('parenthesized pipeline', t.pos);
        const close = this.next();
        if (close.kind !== 'rparen') this.fail(close.pos, 'unclosed left paren');
        return { kind: 'pipe', pipe, pos: t.pos };
      }
      default:
        this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
    }
  }
}

function isEmpty(list: readonly TemplateNode[]): boolean {
  return list.every((n) => n.kind === 'text' && n.text.trim() === '');
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'right') return '"}}"';
  return JSON.stringify(t.text);
}

/** Parses template text; `hasFunction` says which identifiers name functions (others are a syntax error, as in Go). */
export function parseTemplate(src: string, hasFunction: (name: string) => boolean): ParsedTemplate {
  const parser = new Parser(src, new Lexer(src).run(), hasFunction);
  const root = parser.parse();
  return { root, defined: parser.defined };
}
