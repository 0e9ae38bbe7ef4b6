// Template functions: Go's text/template builtins (https://pkg.go.dev/text/template#hdr-Functions) and the ones
// regclient adds in pkg/template (default, env, file, join, split, lower, upper, trimSpace, json, jsonPretty,
// printPretty, time). No sprig, as in regclient.
import { goTypeName, sprint, sprintf, sprintln } from './fmt.js';
import { GoMonth, GoTime, GoWeekday, parseTime } from './time.js';

/** Thrown by a FuncContext that may not reach outside the template (a config under review): shown as it is. */
export class AccessRefused extends Error {
  override name = 'AccessRefused';
}

/** What functions may reach outside the template: injected so tests and callers control it. */
export interface FuncContext {
  env(name: string): string | undefined;
  readFile(path: string): string;
  warn(message: string): void;
  now(): GoTime;
}

export type EagerFunc = { lazy?: false; call(args: unknown[], ctx: FuncContext): unknown };
/** `and`/`or` evaluate their operands only as far as needed (Go ≥ 1.18). */
export type LazyFunc = { lazy: true; call(args: Array<() => unknown>, ctx: FuncContext): unknown };
export type TemplateFunc = EagerFunc | LazyFunc;

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false; everything else is true. */
export function isTrue(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return v !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof GoMonth || v instanceof GoWeekday) return v.n !== 0;
  return true;
}

function argc(name: string, args: unknown[], n: number): void {
  if (args.length !== n) throw new Error(`wrong number of args for ${name}: want ${n} got ${args.length}`);
}

function str(name: string, v: unknown): string {
  if (typeof v !== 'string') throw new Error(`${name} wants a string, got ${goTypeName(v)}`);
  return v;
}

function int(name: string, v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${name} wants an integer, got ${goTypeName(v)}`);
  return v;
}

type Kind = 'int' | 'float' | 'string' | 'bool' | 'nil';

/** Basic kind and comparable value, as text/template's eq/lt compare them. */
function basic(v: unknown): { kind: Kind; value: number | string | boolean | null } {
  if (v === null || v === undefined) return { kind: 'nil', value: null };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'string') return { kind: 'string', value: v };
  if (typeof v === 'bigint') return { kind: 'int', value: Number(v) };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'int' : 'float', value: v };
  if (v instanceof GoMonth || v instanceof GoWeekday) return { kind: 'int', value: v.n };
  throw new Error(`invalid type for comparison: ${goTypeName(v)}`);
}

function numericKinds(a: Kind, b: Kind): boolean {
  return (a === 'int' || a === 'float') && (b === 'int' || b === 'float');
}

function equal(a: unknown, b: unknown): boolean {
  const x = basic(a);
  const y = basic(b);
  if (x.kind !== y.kind && !numericKinds(x.kind, y.kind)) {
    if (x.kind === 'nil' || y.kind === 'nil') return false;
    throw new Error('incompatible types for comparison');
  }
  return x.value === y.value;
}

function less(a: unknown, b: unknown): boolean {
  const x = basic(a);
  const y = basic(b);
  if (x.kind !== y.kind && !numericKinds(x.kind, y.kind)) throw new Error('incompatible types for comparison');
  if (x.kind === 'bool' || x.kind === 'nil') throw new Error(`invalid type for comparison: ${x.kind}`);
  return (x.value as number | string) < (y.value as number | string);
}

function indexOne(item: unknown, key: unknown): unknown {
  if (item === null || item === undefined) throw new Error('index of untyped nil');
  if (Array.isArray(item) || typeof item === 'string') {
    const i = int('index', key);
    const len = typeof item === 'string' ? Buffer.byteLength(item) : item.length;
    if (i < 0 || i >= len) throw new Error(`index out of range: ${i}`);
    return typeof item === 'string' ? Buffer.from(item)[i] : item[i];
  }
  if (item instanceof Map) return item.has(key) ? item.get(key) : null;
  throw new Error(`can't index item of type ${goTypeName(item)}`);
}

function sliceOf(item: unknown, idx: unknown[]): unknown {
  if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  if (idx.length > 3 || (typeof item === 'string' && idx.length > 2)) throw new Error('too many slice indexes');
  const len = item.length;
  const n = idx.map((v) => int('slice', v));
  const lo = n[0] ?? 0;
  const hi = n[1] ?? len;
  if (lo < 0 || hi < lo || hi > len) throw new Error(`invalid slice index: ${lo} > ${hi} or out of range ${len}`);
  return item.slice(lo, hi);
}

/** encoding/json with SetEscapeHTML(false), as regclient's json/jsonPretty: a trailing newline, map keys sorted. */
function goJson(v: unknown, indent: string): string {
  const prepare = (x: unknown): unknown => {
    if (x === undefined) return null;
    if (x instanceof GoTime) return x.Format('2006-01-02T15:04:05.999999999Z07:00');
    if (x instanceof GoMonth || x instanceof GoWeekday) return x.n;
    if (typeof x === 'bigint') return Number(x);
    // Go's json.Marshaler: data that knows its own JSON (a manifest's exact bytes) gives it.
    if (x !== null && typeof x === 'object' && typeof (x as { MarshalJSON?: unknown }).MarshalJSON === 'function')
      return JSON.parse((x as { MarshalJSON: () => string }).MarshalJSON());
    if (Array.isArray(x)) return x.map(prepare);
    if (x instanceof Map) {
      return Object.fromEntries([...x.entries()].map(([k, e]) => [String(k), prepare(e)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
    }
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, prepare(e)]));
    return x;
  };
  return `${JSON.stringify(prepare(v), null, indent)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}\n`;
}

function htmlEscape(s: string): string {
  return s.replace(/[&<>"'\0]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;', '\0': '\uFFFD' })[c]!);
}

function jsEscape(s: string): string {
  return s.replace(/[\\'"<>&=\u0000-\u001f]/g, (c) => {
    if (c === '\\' || c === "'" || c === '"') return `\\${c}`;
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** url.QueryEscape: like encodeURIComponent, but a space is `+` and `!'()*` are escaped too. */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The argument list as one string, as the escapers in text/template take it. */
function evalArgs(args: unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

/** The value `time` returns: regclient's TimeFuncs, with `Now` and `Parse`. */
function timeFuncs(ctx: FuncContext): object {
  return {
    Now: () => ctx.now(),
    Parse: (layout: unknown, value: unknown) => parseTime(str('Parse', layout), str('Parse', value)),
  };
}

const eager = (call: EagerFunc['call']): EagerFunc => ({ call });

export const TEMPLATE_FUNCS: Readonly<Record<string, TemplateFunc>> = {
  and: {
    lazy: true,
    call(args) {
      let v: unknown;
      for (const a of args) {
        v = a();
        if (!isTrue(v)) return v;
      }
      return v;
    },
  },
  or: {
    lazy: true,
    call(args) {
      let v: unknown;
      for (const a of args) {
        v = a();
        if (isTrue(v)) return v;
      }
      return v;
    },
  },
  not: eager((a) => (argc('not', a, 1), !isTrue(a[0]))),
  len: eager((a) => {
    argc('len', a, 1);
    const v = a[0];
    if (typeof v === 'string') return Buffer.byteLength(v);
    if (Array.isArray(v)) return v.length;
    if (v instanceof Map) return v.size;
    throw new Error(`len of type ${goTypeName(v)}`);
  }),
  index: eager((a) => {
    if (a.length < 1) throw new Error('wrong number of args for index: want at least 1 got 0');
    return a.slice(1).reduce((item, key) => indexOne(item, key), a[0]);
  }),
  slice: eager((a) => {
    if (a.length < 1) throw new Error('wrong number of args for slice: want at least 1 got 0');
    return sliceOf(a[0], a.slice(1));
  }),
  eq: eager((a) => {
    if (a.length < 2) throw new Error('missing argument for comparison');
    return a.slice(1).some((b) => equal(a[0], b));
  }),
  ne: eager((a) => (argc('ne', a, 2), !equal(a[0], a[1]))),
  lt: eager((a) => (argc('lt', a, 2), less(a[0], a[1]))),
  le: eager((a) => (argc('le', a, 2), less(a[0], a[1]) || equal(a[0], a[1]))),
  gt: eager((a) => (argc('gt', a, 2), !less(a[0], a[1]) && !equal(a[0], a[1]))),
  ge: eager((a) => (argc('ge', a, 2), !less(a[0], a[1]))),
  print: eager((a) => sprint(a)),
  println: eager((a) => sprintln(a)),
  printf: eager((a) => {
    if (a.length < 1) throw new Error('wrong number of args for printf: want at least 1 got 0');
    return sprintf(str('printf', a[0]), a.slice(1));
  }),
  html: eager((a) => htmlEscape(evalArgs(a))),
  js: eager((a) => jsEscape(evalArgs(a))),
  urlquery: eager((a) => queryEscape(evalArgs(a))),
  default: eager((a) => {
    argc('default', a, 2);
    const v = a[1];
    const zero = v === null || v === undefined || v === '' || v === 0 || v === 0n || v === false;
    return zero ? a[0] : v;
  }),
  env: eager((a, ctx) => (argc('env', a, 1), ctx.env(str('env', a[0])) ?? '')),
  file: eager((a, ctx) => {
    argc('file', a, 1);
    const path = str('file', a[0]);
    try {
      return ctx.readFile(path).trim();
    } catch (err) {
      if (err instanceof AccessRefused) throw err;
      // regclient expands an unreadable file to "", so a config that names one still loads; the warning says where.
      ctx.warn(`{{file ${JSON.stringify(path)}}} could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}) and expands to ""`);
      return '';
    }
  }),
  join: eager((a) => {
    argc('join', a, 2);
    if (!Array.isArray(a[0])) throw new Error(`join wants a list, got ${goTypeName(a[0])}`);
    return a[0].map((e) => str('join', e)).join(str('join', a[1]));
  }),
  split: eager((a) => {
    argc('split', a, 2);
    const s = str('split', a[0]);
    const sep = str('split', a[1]);
    return sep === '' ? [...s] : s.split(sep);
  }),
  lower: eager((a) => (argc('lower', a, 1), str('lower', a[0]).toLowerCase())),
  upper: eager((a) => (argc('upper', a, 1), str('upper', a[0]).toUpperCase())),
  trimSpace: eager((a) => (argc('trimSpace', a, 1), str('trimSpace', a[0]).trim())),
  json: eager((a) => (argc('json', a, 1), goJson(a[0], ''))),
  jsonPretty: eager((a) => (argc('jsonPretty', a, 1), goJson(a[0], '  '))),
  printPretty: eager((a) => {
    argc('printPretty', a, 1);
    const v = a[0] as { MarshalPretty?: () => string } | null;
    return v && typeof v === 'object' && typeof v.MarshalPretty === 'function' ? v.MarshalPretty() : goJson(v, '  ');
  }),
  time: eager((a, ctx) => (argc('time', a, 0), timeFuncs(ctx))),
};
