// Lexer for the text/template subset: splits template text into text and action tokens, applies `{{-`/`-}}`
// trimming and drops `{{/* comments */}}`, as text/template/parse's lexer does.
import { TemplateSyntaxError } from './errors.js';

export type TokKind =
  | 'text'
  | 'left'
  | 'right'
  | 'space'
  | 'ident'
  | 'field'
  | 'dot'
  | 'var'
  | 'string'
  | 'number'
  | 'bool'
  | 'nil'
  | 'lparen'
  | 'rparen'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'eof';

export interface Token {
  kind: TokKind;
  text: string;
  pos: number;
  value?: string | number;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** Splits the template into text and action tokens, applying `{{-`/`-}}` trimming and dropping comments. */
export class Lexer {
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
