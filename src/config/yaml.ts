// YAML with positions for config loaders: every value keeps the line and column it came from, so each error can
// point at it. Anchors, aliases and `<<` merge keys are resolved here; duplicate keys are allowed (the last wins),
// as Go's decoders in regsync and regbot allow them.
import { readFileSync } from 'node:fs';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { ConfigError, fileProblem } from '../errors.js';

/** A config warning: what and where (the faces print the position, log.ts `atPosition`). */
export interface ConfigWarning {
  message: string;
  file: string;
  line?: number;
  column?: number;
}

export interface ConfigSource {
  text: string;
  /** Shown in messages: the path as given, or `<stdin>`. */
  name: string;
}

export interface Position {
  line: number;
  column: number;
}

/** Reads a config: a path, `-` for standard input, or text already in hand. */
export function readConfigSource(file: string | ConfigSource): ConfigSource {
  if (typeof file !== 'string') return file;
  try {
    if (file === '-') return { text: readFileSync(0, 'utf8'), name: '<stdin>' };
    return { text: readFileSync(file, 'utf8'), name: file };
  } catch (err) {
    if (file === '-') throw new ConfigError(`cannot read the config from standard input: ${(err as Error).message}`);
    throw new ConfigError(`cannot read the config file: ${fileProblem(file, err)}; check the path given with -c (the action's config input)`);
  }
}

/** One entry of a mapping after merge keys are applied: where its key was written and its value node. */
export interface MapEntry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

export type YamlValue = Node | null;

export class YamlFile {
  readonly name: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  private readonly lines: LineCounter;
  readonly warnings: ConfigWarning[] = [];
  /** `--strict`: what regclient loads without a word (see `tolerate`) is an error instead of a warning. */
  readonly strict: boolean;

  private constructor(src: ConfigSource, doc: Document.Parsed, lines: LineCounter, strict: boolean) {
    this.name = src.name;
    this.text = src.text;
    this.doc = doc;
    this.lines = lines;
    this.strict = strict;
  }

  /** Parses the text; a YAML syntax error is a ConfigError at its line and column. */
  static parse(src: ConfigSource, opts: { strict?: boolean } = {}): YamlFile {
    const lines = new LineCounter();
    const doc = parseDocument(src.text, { lineCounter: lines, keepSourceTokens: true, merge: true, uniqueKeys: false, prettyErrors: false });
    const first = doc.errors[0];
    if (first) {
      const pos = lines.linePos(first.pos[0]);
      const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ConfigError(`invalid YAML: ${message}`, { file: src.name, line: pos.line, column: pos.col });
    }
    return new YamlFile(src, doc, lines, opts.strict ?? false);
  }

  root(): YamlValue {
    return this.resolve(this.doc.contents as Node | null);
  }

  /** Follows aliases to the anchored node. */
  resolve(node: YamlValue): YamlValue {
    let n = node;
    for (let hops = 0; n && isAlias(n); hops++) {
      if (hops > 100) throw this.error(node, 'alias chain too deep');
      n = (n.resolve(this.doc) as Node | undefined) ?? null;
    }
    return n;
  }

  offsetOf(node: YamlValue | undefined): number {
    return node?.range?.[0] ?? 0;
  }

  positionAt(offset: number): Position {
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  position(node: YamlValue | undefined): Position {
    return this.positionAt(this.offsetOf(node));
  }

  error(node: YamlValue | undefined, message: string): ConfigError {
    return new ConfigError(message, { file: this.name, ...this.position(node) });
  }

  errorAt(offset: number, message: string): ConfigError {
    return new ConfigError(message, { file: this.name, ...this.positionAt(offset) });
  }

  warn(node: YamlValue | undefined, message: string): void {
    this.warnings.push({ message, file: this.name, ...this.position(node) });
  }

  /**
   * Something regsync and regbot load without complaint and regkit would rather not (an unknown key, a tag on a
   * repository step, a `{{file}}` that cannot be read): a warning, so their files run unchanged; under `--strict`,
   * an error at the same place. Anything whose silent acceptance could write or delete the wrong thing is a plain
   * `error` instead, strict or not.
   */
  tolerate(node: YamlValue | undefined, message: string): void {
    if (this.strict) throw this.error(node, `${message} (an error under --strict)`);
    this.warn(node, message);
  }

  /** The entries of a mapping with `<<` merges applied: own keys win over merged ones, earlier merges over later. */
  entries(node: YamlValue, what: string): MapEntry[] {
    const n = this.resolve(node);
    if (n === null || (isScalar(n) && n.value === null)) return [];
    if (!isMap(n)) throw this.error(n, `${what} must be a mapping (key: value), not ${this.kindOf(n)}`);
    const own = new Map<string, MapEntry>();
    const merged = new Map<string, MapEntry>();
    for (const pair of n.items as Pair<Node, Node | null>[]) {
      const keyNode = pair.key;
      if (isScalar(keyNode) && (typeof keyNode.value === 'symbol' || keyNode.source === '<<')) {
        const sources = this.resolve(pair.value);
        const maps = sources && isSeq(sources) ? (sources.items as Node[]) : [sources];
        for (const m of maps) {
          for (const e of this.entries(m, `merge (<<) in ${what}`)) if (!merged.has(e.key)) merged.set(e.key, e);
        }
        continue;
      }
      if (!isScalar(keyNode)) throw this.error(keyNode, `${what} has a key that is not a plain string`);
      const key = String(keyNode.value);
      own.delete(key);
      own.set(key, { key, keyNode, value: pair.value });
    }
    for (const [k, e] of merged) if (!own.has(k)) own.set(k, e);
    return [...own.values()];
  }

  /** Items of a sequence; an empty value is an empty list. */
  items(node: YamlValue, what: string): Node[] {
    const n = this.resolve(node);
    if (n === null || (isScalar(n) && n.value === null)) return [];
    if (!isSeq(n)) throw this.error(n, `${what} must be a list, not ${this.kindOf(n)}`);
    return n.items as Node[];
  }

  /** A scalar as Go's decoders read it into a string field: its text as written (`3.10` stays `3.10`). */
  string(node: YamlValue, what: string): string {
    const n = this.resolve(node);
    if (n === null) return '';
    if (!isScalar(n)) throw this.error(n, `${what} must be a string, not ${this.kindOf(n)}`);
    if (n.value === null) return '';
    if (typeof n.value === 'string') return n.value;
    return n.source ?? String(n.value);
  }

  bool(node: YamlValue, what: string): boolean {
    const n = this.resolve(node);
    if (n === null || (isScalar(n) && n.value === null)) return false;
    if (isScalar(n)) {
      if (typeof n.value === 'boolean') return n.value;
      // YAML 1.1 spellings that Go's yaml decoders also take.
      const word = String(n.value).toLowerCase();
      if (['yes', 'on', 'y'].includes(word)) return true;
      if (['no', 'off', 'n'].includes(word)) return false;
    }
    throw this.error(n, `${what} must be true or false`);
  }

  number(node: YamlValue, what: string, opts: { integer?: boolean; min?: number } = {}): number {
    const n = this.resolve(node);
    if (n === null || (isScalar(n) && n.value === null)) return 0;
    let v: number | undefined;
    if (isScalar(n)) {
      if (typeof n.value === 'number') v = n.value;
      else if (typeof n.value === 'string' && /^[+-]?[0-9]+(?:\.[0-9]+)?$/.test(n.value.trim())) v = Number(n.value);
    }
    if (v === undefined || (opts.integer && !Number.isInteger(v))) {
      throw this.error(n, `${what} must be ${opts.integer ? 'an integer' : 'a number'}`);
    }
    if (opts.min !== undefined && v < opts.min) throw this.error(n, `${what} must be at least ${opts.min}`);
    return v;
  }

  /** A list of strings; a single string where a list is due is an error, as it is for Go's decoders. */
  strings(node: YamlValue, what: string): string[] {
    return this.items(node, what).map((item, i) => this.string(item, `${what}[${i}]`));
  }

  /** A mapping of string to string (`apiOpts`, `annotations`). */
  stringMap(node: YamlValue, what: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.entries(node, what)) out[e.key] = this.string(e.value, `${what}.${e.key}`);
    return out;
  }

  isEmpty(node: YamlValue): boolean {
    const n = this.resolve(node);
    return n === null || (isScalar(n) && n.value === null);
  }

  private kindOf(n: Node): string {
    if (isMap(n)) return 'a mapping';
    if (isSeq(n)) return 'a list';
    if (isScalar(n)) return typeof n.value === 'string' ? `the string ${JSON.stringify(truncate(n.value))}` : `the value ${String(n.source ?? n.value)}`;
    return 'this value';
  }

  /** Where in the file a given offset of a scalar's value lies, when the scalar is written without escapes. */
  scalarValueOffset(node: YamlValue, valueOffset: number): number {
    const n = this.resolve(node);
    if (!n || !isScalar(n) || typeof n.value !== 'string') return this.offsetOf(n);
    const s = n as Scalar<string>;
    const start = this.offsetOf(s);
    const inner = s.type === 'PLAIN' ? start : s.type === 'QUOTE_SINGLE' || s.type === 'QUOTE_DOUBLE' ? start + 1 : -1;
    if (inner < 0 || s.value.includes('\n') || this.text.slice(inner, inner + s.value.length) !== s.value) return start;
    return inner + valueOffset;
  }
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
