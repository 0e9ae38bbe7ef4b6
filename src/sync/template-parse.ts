// Parser for the subset of Go's text/template that regsync and regbot configs use. It produces a small tree that
// template-exec.ts walks. Syntax follows https://pkg.go.dev/text/template (actions, trim markers, comments,
// pipelines, variables, if/else if/range/with/break/continue); define/template/block are refused.
import { TemplateSyntaxError } from './template-errors.js';

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

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipeline; pos: number }
  | BranchNode
  | { kind: 'break' | 'continue'; pos: number };

type TokKind =
  | 'text' | 'left' | 'right' | 'space' | 'ident' | 'field' | 'dot' | 'var' | 'string' | 'number' | 'bool' | 'nil'
  | 'lparen' | 'rparen' | 'pipe' | 'declare' | 'assign' | 'comma' | 'eof';

interface Token {
  kind: TokKind;
  text: string;
  pos: number;
  value?: string | number;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** Splits the template into text and action tokens, applying `{{-`/`-}}` trimming and dropping comments. */
class Lexer {
  private readonly tokens: Token[] = [];
  private i = 0;

  constructor(private readonly src: string) {}

  private fail(pos: number, message: string): never {
    throw TemplateSyntaxError.at(this.src, pos, message);
  }

  run(): Token[] {
    const src = this.src;
    while (this.i < src.length) {
      const start = this.src.indexOf('{{', this.i);
      if (start < 0) {
        this.pushText(src.slice(this.i), this.i);
        break;
      }
      let text = src.slice(this.i, start);
      let p = start + 2;
      if (src[p] === '-' && isSpace(src[p + 1])) {
        text = text.replace(/[ \t\r\n]+$/, '');
        p += 2;
      }
      this.pushText(text, this.i);
      while (isSpace(src[p])) p++;
      if (src.startsWith('/*', p)) {
        const end = src.indexOf('*/', p + 2);
        if (end < 0) this.fail(p, 'unclosed comment');
        this.i = this.closeAction(end + 2, true);
        continue;
      }
      this.tokens.push({ kind: 'left', text: '{{', pos: start });
      this.i = p;
      this.lexInside();
    }
    this.tokens.push({ kind: 'eof', text: '', pos: src.length });
    return this.tokens;
  }

  private pushText(text: string, pos: number): void {
    if (text !== '') this.tokens.push({ kind: 'text', text, pos });
  }

  /** Consumes an optional ` -` and the `}}` at `p`; returns the offset after it, trimming the following text. */
  private closeAction(p: number, comment: boolean): number {
    const src = this.src;
    let q = p;
    while (isSpace(src[q])) q++;
    let trim = false;
    if (src[q] === '-' && src.startsWith('}}', q + 1) && q > p) {
      trim = true;
      q++;
    }
    if (!src.startsWith('}}', q)) this.fail(p, comment ? 'comment ends before closing delimiter' : 'unclosed action');
    q += 2;
    if (trim) while (isSpace(src[q])) q++;
    return q;
  }

  private lexInside(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.i];
      const pos = this.i;
      if (c === undefined) this.fail(pos, 'unclosed action');
      if (isSpace(c)) {
        let q = this.i;
        while (isSpace(src[q])) q++;
        if (src[q] === '-' && src.startsWith('}}', q + 1)) {
          this.tokens.push({ kind: 'right', text: '}}', pos: q });
          this.i = this.closeAction(this.i, false);
          return;
        }
        this.tokens.push({ kind: 'space', text: src.slice(this.i, q), pos });
        this.i = q;
        continue;
      }
      if (src.startsWith('}}', this.i)) {
        this.tokens.push({ kind: 'right', text: '}}', pos });
        this.i += 2;
        return;
      }
      if (c === '(' || c === ')' || c === '|' || c === ',') {
        const kind = c === '(' ? 'lparen' : c === ')' ? 'rparen' : c === '|' ? 'pipe' : 'comma';
        this.tokens.push({ kind, text: c, pos });
        this.i++;
        continue;
      }
      if (c === ':' && src[this.i + 1] === '=') {
        this.tokens.push({ kind: 'declare', text: ':=', pos });
        this.i += 2;
        continue;
      }
      if (c === '=') {
        this.tokens.push({ kind: 'assign', text: '=', pos });
        this.i++;
        continue;
      }
      if (c === '"') {
        this.lexQuoted();
        continue;
      }
      if (c === '`') {
        const end = src.indexOf('`', this.i + 1);
        if (end < 0) this.fail(pos, 'unterminated raw quoted string');
        this.tokens.push({ kind: 'string', text: src.slice(this.i, end + 1), pos, value: src.slice(this.i + 1, end) });
        this.i = end + 1;
        continue;
      }
      if (c === "'") {
        this.lexChar();
        continue;
      }
      if (c === '$') {
        let q = this.i + 1;
        while (isAlnum(src[q])) q++;
        this.tokens.push({ kind: 'var', text: src.slice(this.i, q), pos });
        this.i = q;
        continue;
      }
      if (c === '.') {
        if (/[0-9]/.test(src[this.i + 1] ?? '')) {
          this.lexNumber();
          continue;
        }
        let q = this.i + 1;
        while (isAlnum(src[q])) q++;
        if (q === this.i + 1) this.tokens.push({ kind: 'dot', text: '.', pos });
        else this.tokens.push({ kind: 'field', text: src.slice(this.i, q), pos, value: src.slice(this.i + 1, q) });
        this.i = q;
        continue;
      }
      if (/[0-9]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(src[this.i + 1] ?? ''))) {
        this.lexNumber();
        continue;
      }
      if (isAlnum(c)) {
        let q = this.i;
        while (isAlnum(src[q])) q++;
        const word = src.slice(this.i, q);
        const kind: TokKind = word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'ident';
        this.tokens.push({ kind, text: word, pos });
        this.i = q;
        continue;
      }
      this.fail(pos, `unrecognized character in action: ${JSON.stringify(c)}`);
    }
  }

  private lexQuoted(): void {
    const src = this.src;
    const pos = this.i;
    let q = this.i + 1;
    let out = '';
    for (;;) {
      const c = src[q];
      if (c === undefined || c === '\n') this.fail(pos, 'unterminated quoted string');
      if (c === '"') break;
      if (c === '\\') {
        const [s, len] = this.escape(q);
        out += s;
        q += len;
        continue;
      }
      out += c;
      q++;
    }
    this.tokens.push({ kind: 'string', text: src.slice(pos, q + 1), pos, value: out });
    this.i = q + 1;
  }

  private lexChar(): void {
    const src = this.src;
    const pos = this.i;
    let value: string;
    let q = this.i + 1;
    if (src[q] === '\\') {
      const [s, len] = this.escape(q);
      value = s;
      q += len;
    } else {
      const cp = src.codePointAt(q);
      if (cp === undefined) this.fail(pos, 'unterminated character constant');
      value = String.fromCodePoint(cp);
      q += value.length;
    }
    if (src[q] !== "'") this.fail(pos, 'unterminated character constant');
    this.tokens.push({ kind: 'number', text: src.slice(pos, q + 1), pos, value: value.codePointAt(0)! });
    this.i = q + 1;
  }

  /** Decodes the Go escape sequence at `q` (which holds the backslash); returns the text and the length consumed. */
  private escape(q: number): [string, number] {
    const src = this.src;
    const e = src[q + 1];
    if (e !== undefined && ESCAPES[e] !== undefined) return [ESCAPES[e]!, 2];
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = src.slice(q + 2, q + 2 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) this.fail(q, 'invalid escape in quoted string');
      return [String.fromCodePoint(parseInt(hex, 16)), 2 + hexLen];
    }
    if (e !== undefined && /[0-7]/.test(e)) {
      const oct = src.slice(q + 1, q + 4);
      if (!/^[0-7]{3}$/.test(oct)) this.fail(q, 'invalid escape in quoted string');
      return [String.fromCharCode(parseInt(oct, 8)), 4];
    }
    this.fail(q, `unknown escape sequence \\${e ?? ''}`);
  }

  private lexNumber(): void {
    const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(this.src.slice(this.i));
    const text = m?.[0] ?? '';
    const clean = text.replace(/_/g, '');
    const sign = clean.startsWith('-') ? -1 : 1;
    const body = clean.replace(/^[+-]/, '');
    let value: number;
    if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
    else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
    else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
    else if (/^0[0-7]+$/.test(body)) value = parseInt(body, 8);
    else value = Number(body);
    if (text === '' || Number.isNaN(value) || isAlnum(this.src[this.i + text.length])) {
      this.fail(this.i, `bad number syntax: ${JSON.stringify(this.src.slice(this.i, this.i + text.length + 1))}`);
    }
    this.tokens.push({ kind: 'number', text, pos: this.i, value: sign * value });
    this.i += text.length;
  }
}

/** Recursive descent over the tokens, mirroring text/template/parse. */
class Parser {
  private p = 0;
  private readonly vars: string[][] = [['$']];

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
    const { list, stop } = this.list();
    if (stop) this.fail(stop.pos, `unexpected {{${stop.word}}}`);
    return list;
  }

  /** Parses until `{{end}}`, `{{else…}}` or the end of input; returns which one stopped it. */
  private list(): { list: TemplateNode[]; stop: { word: 'end' | 'else'; pos: number } | undefined } {
    const list: TemplateNode[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') return { list, stop: undefined };
      if (t.kind === 'text') {
        list.push({ kind: 'text', text: t.text });
        continue;
      }
      const kw = this.peekNonSpace();
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
      default:
        this.fail(kw.pos, `{{${kw.text}}} is not supported in regsync and regbot templates`);
    }
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

function describe(t: Token): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'right') return '"}}"';
  return JSON.stringify(t.text);
}

/** Parses template text; `hasFunction` says which identifiers name functions (others are a syntax error, as in Go). */
export function parseTemplate(src: string, hasFunction: (name: string) => boolean): TemplateNode[] {
  return new Parser(src, new Lexer(src).run(), hasFunction).parse();
}
