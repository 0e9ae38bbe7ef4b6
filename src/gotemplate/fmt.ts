// Go's fmt as templates use it: Sprint, Sprintln and Sprintf with the common verbs and flags
// (https://pkg.go.dev/fmt). JavaScript numbers stand for Go ints when integral and float64 otherwise.
import { GoMonth, GoTime, GoWeekday } from './time.js';

/** Go's type name for a value, as fmt prints it in `%!d(string=x)`. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoMonth) return 'time.Month';
  if (v instanceof GoWeekday) return 'time.Weekday';
  if (typeof v === 'function') return 'func';
  return 'struct';
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 and from 1e21. */
function formatFloatShortest(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21) return goExponent(f.toExponential());
  return String(f);
}

/** JavaScript writes `1e-7`; Go writes `1e-07`. */
function goExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function hasStringMethod(v: object): v is { String(): string } {
  return typeof (v as { String?: unknown }).String === 'function';
}

/** The `%v` form of a value (`plus` for `%+v`, which names struct fields). */
export function formatValue(v: unknown, plus = false): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloatShortest(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((e) => formatValue(e, plus)).join(' ')}]`;
  if (v instanceof Map) {
    const keys = [...v.keys()].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
    return `map[${keys.map((k) => `${formatValue(k, plus)}:${formatValue(v.get(k), plus)}`).join(' ')}]`;
  }
  if (typeof v === 'function') return '0x0';
  if (typeof v === 'object' && hasStringMethod(v)) return v.String();
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return `{${entries.map(([k, e]) => (plus ? `${k}:${formatValue(e, plus)}` : formatValue(e, plus))).join(' ')}}`;
  }
  return String(v);
}

/** fmt.Sprint: operands formatted with %v, a space between two operands when neither is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

export function sprintln(args: unknown[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}

/** strconv.Quote, close enough: JSON escapes plus Go's \a \v and \x for other control bytes. */
export function goQuote(s: string): string {
  return JSON.stringify(s)
    .replace(/\\u0007/g, '\\a')
    .replace(/\\u000b/g, '\\v')
    .replace(/\\u00([0-1][0-9a-f])/g, '\\x$1')
    .replace(/\\u007f/g, '\\x7f');
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width: number | undefined;
  prec: number | undefined;
  verb: string;
}

function intOf(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (v instanceof GoMonth || v instanceof GoWeekday) return BigInt(v.n);
  return undefined;
}

function bad(spec: Spec, v: unknown): string {
  if (v === null || v === undefined) return `%!${spec.verb}(<nil>)`;
  return `%!${spec.verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function signed(body: string, negative: boolean, spec: Spec): string {
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  if (spec.zero && !spec.minus && spec.width !== undefined && spec.prec === undefined) {
    return sign + body.padStart(spec.width - sign.length, '0');
  }
  return sign + body;
}

function formatInt(n: bigint, spec: Spec): string {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let body: string;
  switch (spec.verb) {
    case 'x':
      body = abs.toString(16);
      if (spec.sharp) body = `0x${body}`;
      break;
    case 'X':
      body = abs.toString(16).toUpperCase();
      if (spec.sharp) body = `0X${body}`;
      break;
    case 'o':
      body = abs.toString(8);
      if (spec.sharp) body = `0${body}`;
      break;
    case 'O':
      body = `0o${abs.toString(8)}`;
      break;
    case 'b':
      body = abs.toString(2);
      break;
    default:
      body = abs.toString(10);
  }
  if (spec.prec !== undefined) body = body.padStart(spec.prec, '0');
  return signed(body, negative, spec);
}

/** toFixed, but an exact tie rounds to even as Go's strconv does (-0.25 → -0.2), where JavaScript rounds away. */
function toFixedHalfEven(f: number, prec: number): string {
  const scaled = f * 10 ** prec;
  if (prec <= 15 && Number.isFinite(scaled) && !Number.isInteger(scaled) && Number.isInteger(scaled * 2) && scaled / 10 ** prec === f) {
    const down = Math.floor(scaled);
    return ((down % 2 === 0 ? down : down + 1) / 10 ** prec).toFixed(prec);
  }
  return f.toFixed(prec);
}

function formatFloat(f: number, spec: Spec): string {
  const negative = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  let body: string;
  if (!Number.isFinite(abs)) body = Number.isNaN(abs) ? 'NaN' : 'Inf';
  else {
    switch (spec.verb) {
      case 'e':
      case 'E':
        body = goExponent(abs.toExponential(spec.prec ?? 6));
        if (spec.verb === 'E') body = body.toUpperCase();
        break;
      case 'g':
      case 'G':
        body = spec.prec === undefined ? formatFloatShortest(abs) : goExponent(Number(abs.toPrecision(spec.prec || 1)).toString());
        if (spec.verb === 'G') body = body.toUpperCase();
        break;
      default:
        body = toFixedHalfEven(abs, spec.prec ?? 6);
    }
  }
  return signed(body, negative, { ...spec, prec: undefined });
}

function formatString(s: string, spec: Spec): string {
  const cut = spec.prec !== undefined ? [...s].slice(0, spec.prec).join('') : s;
  switch (spec.verb) {
    case 'q':
      return goQuote(cut);
    case 'x':
    case 'X': {
      const hex = Buffer.from(cut, 'utf8').toString('hex');
      return spec.verb === 'X' ? hex.toUpperCase() : hex;
    }
    default:
      return cut;
  }
}

function formatOne(v: unknown, spec: Spec): string {
  const verb = spec.verb;
  if (v instanceof GoMonth || v instanceof GoWeekday) {
    return 'dxXobc'.includes(verb) ? formatInt(BigInt(v.n), spec) : formatString(v.String(), spec);
  }
  if (Array.isArray(v) && verb !== 'T' && verb !== 'v') return `[${v.map((e) => formatOne(e, spec)).join(' ')}]`;
  switch (verb) {
    case 'v':
      if (typeof v === 'number' || typeof v === 'bigint') {
        return typeof v === 'number' && !Number.isInteger(v) ? formatFloat(v, { ...spec, verb: 'g' }) : formatInt(BigInt(v), { ...spec, verb: 'd' });
      }
      if (spec.sharp && typeof v === 'string') return goQuote(v);
      return formatValue(v, spec.plus);
    case 'T':
      return goTypeName(v);
    case 't':
      return typeof v === 'boolean' ? String(v) : bad(spec, v);
    case 'd':
    case 'b':
    case 'o':
    case 'O': {
      const n = intOf(v);
      return n === undefined ? bad(spec, v) : formatInt(n, spec);
    }
    case 'c': {
      const n = intOf(v);
      return n === undefined ? bad(spec, v) : String.fromCodePoint(Number(n));
    }
    case 'x':
    case 'X': {
      if (typeof v === 'string') return formatString(v, spec);
      const n = intOf(v);
      if (n !== undefined) return formatInt(n, spec);
      return bad(spec, v);
    }
    case 'q': {
      if (typeof v === 'string') return formatString(v, spec);
      const n = intOf(v);
      return n === undefined ? bad(spec, v) : `'${String.fromCodePoint(Number(n))}'`;
    }
    case 's':
      if (typeof v === 'string') return formatString(v, spec);
      if (v !== null && typeof v === 'object' && hasStringMethod(v)) return formatString(v.String(), spec);
      if (v instanceof Map || (v !== null && typeof v === 'object')) return formatValue(v);
      return bad(spec, v);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      return typeof v === 'number' ? formatFloat(v, spec) : bad(spec, v);
    default:
      return bad(spec, v);
  }
}

function padTo(s: string, spec: Spec): string {
  if (spec.width === undefined) return s;
  const len = [...s].length;
  if (len >= spec.width) return s;
  const fill = ' '.repeat(spec.width - len);
  return spec.minus ? s + fill : fill + s;
}

/** fmt.Sprintf. Wrong or missing operands render as Go does (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA …)`). */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: undefined, prec: undefined, verb: '' };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '0') spec.zero = true;
      else if (c === ' ') spec.space = true;
      else if (c === '#') spec.sharp = true;
      else break;
    }
    const readNum = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'number' ? a : undefined;
      }
      const m = /^[0-9]+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNum();
    if (format[i] === '.') {
      i++;
      spec.prec = readNum() ?? 0;
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += padTo(formatOne(args[argi++], spec), spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`))
      .join(', ')})`;
  }
  return out;
}
