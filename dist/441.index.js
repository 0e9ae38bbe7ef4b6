export const id = 441;
export const ids = [441];
export const modules = {

/***/ 83441:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zo: () => (/* reexport */ time/* GoDuration */.zo),
  cz: () => (/* reexport */ TemplateExecError),
  Cb: () => (/* reexport */ TemplateSyntaxError),
  Gq: () => (/* binding */ compileTemplate),
  _1: () => (/* binding */ hasActions)
});

// UNUSED EXPORTS: AccessRefused, GoMonth, GoTime, GoWeekday

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
;// CONCATENATED MODULE: ./build/src/gotemplate/errors.js
// Errors of the template engine. Positions are relative to the template text; the config loader maps them into
// the file (see config-template.ts).

/** Line and column (1-based) of an offset in `text`. */
function lineColumnOf(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column };
}
/** A template that cannot be parsed, or that names a function that does not exist. */
class TemplateSyntaxError extends errors/* ConfigError */.xL {
    /** Offset of the fault in the template text. */
    offset;
    /** The message without its position. */
    detail;
    constructor(detail, offset, where) {
        super(`template ${where.line}:${where.column}: ${detail}`, where);
        this.name = 'TemplateSyntaxError';
        this.offset = offset;
        this.detail = detail;
    }
    static at(text, offset, detail) {
        return new TemplateSyntaxError(detail, offset, lineColumnOf(text, offset));
    }
}
/** A template failed while running (a missing field, `index` out of range, a function returning an error). */
class TemplateExecError extends Error {
    template;
    action;
    offset;
    detail;
    constructor(init) {
        super(`template ${init.template}:${init.line}:${init.column}: executing at <${init.action}>: ${init.detail}`);
        this.name = 'TemplateExecError';
        this.template = init.template;
        this.action = init.action;
        this.offset = init.offset;
        this.detail = init.detail;
    }
}

// EXTERNAL MODULE: ./build/src/gotemplate/time.js
var time = __webpack_require__(217);
;// CONCATENATED MODULE: ./build/src/gotemplate/fmt.js
// Go's fmt as templates use it: Sprint, Sprintln and Sprintf with the common verbs and flags
// (https://pkg.go.dev/fmt). JavaScript numbers stand for Go ints when integral and float64 otherwise.

/** Go's type name for a value, as fmt prints it in `%!d(string=x)`. */
function goTypeName(v) {
    if (v === null || v === undefined)
        return '<nil>';
    if (typeof v === 'string')
        return 'string';
    if (typeof v === 'boolean')
        return 'bool';
    if (typeof v === 'bigint')
        return 'int64';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'int' : 'float64';
    if (Array.isArray(v))
        return '[]interface {}';
    if (v instanceof Map)
        return 'map[string]interface {}';
    if (v instanceof time/* GoTime */.yT)
        return 'time.Time';
    if (v instanceof time/* GoMonth */.T4)
        return 'time.Month';
    if (v instanceof time/* GoWeekday */.hL)
        return 'time.Weekday';
    if (typeof v === 'function')
        return 'func';
    return 'struct';
}
/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 and from 1e21. */
function formatFloatShortest(f) {
    if (Number.isNaN(f))
        return 'NaN';
    if (!Number.isFinite(f))
        return f > 0 ? '+Inf' : '-Inf';
    const exp = f === 0 ? 0 : Math.floor(Math.log10(Math.abs(f)));
    if (exp < -4 || exp >= 21)
        return goExponent(f.toExponential());
    return String(f);
}
/** JavaScript writes `1e-7`; Go writes `1e-07`. */
function goExponent(s) {
    return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
function hasStringMethod(v) {
    return typeof v.String === 'function';
}
/** The `%v` form of a value (`plus` for `%+v`, which names struct fields). */
function formatValue(v, plus = false) {
    if (v === null || v === undefined)
        return '<nil>';
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number')
        return Number.isInteger(v) ? String(v) : formatFloatShortest(v);
    if (typeof v === 'bigint' || typeof v === 'boolean')
        return String(v);
    if (Array.isArray(v))
        return `[${v.map((e) => formatValue(e, plus)).join(' ')}]`;
    if (v instanceof Map) {
        const keys = [...v.keys()].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
        return `map[${keys.map((k) => `${formatValue(k, plus)}:${formatValue(v.get(k), plus)}`).join(' ')}]`;
    }
    if (typeof v === 'function')
        return '0x0';
    if (typeof v === 'object' && hasStringMethod(v))
        return v.String();
    if (typeof v === 'object') {
        const entries = Object.entries(v);
        return `{${entries.map(([k, e]) => (plus ? `${k}:${formatValue(e, plus)}` : formatValue(e, plus))).join(' ')}}`;
    }
    return String(v);
}
/** fmt.Sprint: operands formatted with %v, a space between two operands when neither is a string. */
function sprint(args) {
    let out = '';
    args.forEach((a, i) => {
        if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string')
            out += ' ';
        out += formatValue(a);
    });
    return out;
}
function sprintln(args) {
    return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}
/** strconv.Quote, close enough: JSON escapes plus Go's \a \v and \x for other control bytes. */
function goQuote(s) {
    return JSON.stringify(s)
        .replace(/\\u0007/g, '\\a')
        .replace(/\\u000b/g, '\\v')
        .replace(/\\u00([0-1][0-9a-f])/g, '\\x$1')
        .replace(/\\u007f/g, '\\x7f');
}
function intOf(v) {
    if (typeof v === 'bigint')
        return v;
    if (typeof v === 'number' && Number.isInteger(v))
        return BigInt(v);
    if (v instanceof time/* GoMonth */.T4 || v instanceof time/* GoWeekday */.hL)
        return BigInt(v.n);
    return undefined;
}
function bad(spec, v) {
    if (v === null || v === undefined)
        return `%!${spec.verb}(<nil>)`;
    return `%!${spec.verb}(${goTypeName(v)}=${formatValue(v)})`;
}
function signed(body, negative, spec) {
    const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
    if (spec.zero && !spec.minus && spec.width !== undefined && spec.prec === undefined) {
        return sign + body.padStart(spec.width - sign.length, '0');
    }
    return sign + body;
}
function formatInt(n, spec) {
    const negative = n < 0n;
    const abs = negative ? -n : n;
    let body;
    switch (spec.verb) {
        case 'x':
            body = abs.toString(16);
            if (spec.sharp)
                body = `0x${body}`;
            break;
        case 'X':
            body = abs.toString(16).toUpperCase();
            if (spec.sharp)
                body = `0X${body}`;
            break;
        case 'o':
            body = abs.toString(8);
            if (spec.sharp)
                body = `0${body}`;
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
    if (spec.prec !== undefined)
        body = body.padStart(spec.prec, '0');
    return signed(body, negative, spec);
}
/** toFixed, but an exact tie rounds to even as Go's strconv does (-0.25 → -0.2), where JavaScript rounds away. */
function toFixedHalfEven(f, prec) {
    const scaled = f * 10 ** prec;
    if (prec <= 15 && Number.isFinite(scaled) && !Number.isInteger(scaled) && Number.isInteger(scaled * 2) && scaled / 10 ** prec === f) {
        const down = Math.floor(scaled);
        return ((down % 2 === 0 ? down : down + 1) / 10 ** prec).toFixed(prec);
    }
    return f.toFixed(prec);
}
function formatFloat(f, spec) {
    const negative = f < 0 || Object.is(f, -0);
    const abs = Math.abs(f);
    let body;
    if (!Number.isFinite(abs))
        body = Number.isNaN(abs) ? 'NaN' : 'Inf';
    else {
        switch (spec.verb) {
            case 'e':
            case 'E':
                body = goExponent(abs.toExponential(spec.prec ?? 6));
                if (spec.verb === 'E')
                    body = body.toUpperCase();
                break;
            case 'g':
            case 'G':
                body = spec.prec === undefined ? formatFloatShortest(abs) : goExponent(Number(abs.toPrecision(spec.prec || 1)).toString());
                if (spec.verb === 'G')
                    body = body.toUpperCase();
                break;
            default:
                body = toFixedHalfEven(abs, spec.prec ?? 6);
        }
    }
    return signed(body, negative, { ...spec, prec: undefined });
}
function formatString(s, spec) {
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
function formatOne(v, spec) {
    const verb = spec.verb;
    if (v instanceof time/* GoMonth */.T4 || v instanceof time/* GoWeekday */.hL) {
        return 'dxXobc'.includes(verb) ? formatInt(BigInt(v.n), spec) : formatString(v.String(), spec);
    }
    if (Array.isArray(v) && verb !== 'T' && verb !== 'v')
        return `[${v.map((e) => formatOne(e, spec)).join(' ')}]`;
    switch (verb) {
        case 'v':
            if (typeof v === 'number' || typeof v === 'bigint') {
                return typeof v === 'number' && !Number.isInteger(v) ? formatFloat(v, { ...spec, verb: 'g' }) : formatInt(BigInt(v), { ...spec, verb: 'd' });
            }
            if (spec.sharp && typeof v === 'string')
                return goQuote(v);
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
            if (typeof v === 'string')
                return formatString(v, spec);
            const n = intOf(v);
            if (n !== undefined)
                return formatInt(n, spec);
            return bad(spec, v);
        }
        case 'q': {
            if (typeof v === 'string')
                return formatString(v, spec);
            const n = intOf(v);
            return n === undefined ? bad(spec, v) : `'${String.fromCodePoint(Number(n))}'`;
        }
        case 's':
            if (typeof v === 'string')
                return formatString(v, spec);
            if (v !== null && typeof v === 'object' && hasStringMethod(v))
                return formatString(v.String(), spec);
            if (v instanceof Map || (v !== null && typeof v === 'object'))
                return formatValue(v);
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
function padTo(s, spec) {
    if (spec.width === undefined)
        return s;
    const len = [...s].length;
    if (len >= spec.width)
        return s;
    const fill = ' '.repeat(spec.width - len);
    return spec.minus ? s + fill : fill + s;
}
/** fmt.Sprintf. Wrong or missing operands render as Go does (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA …)`). */
function sprintf(format, args) {
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
        const spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: undefined, prec: undefined, verb: '' };
        for (; i < format.length; i++) {
            const c = format[i];
            if (c === '-')
                spec.minus = true;
            else if (c === '+')
                spec.plus = true;
            else if (c === '0')
                spec.zero = true;
            else if (c === ' ')
                spec.space = true;
            else if (c === '#')
                spec.sharp = true;
            else
                break;
        }
        const readNum = () => {
            if (format[i] === '*') {
                i++;
                const a = args[argi++];
                return typeof a === 'number' ? a : undefined;
            }
            const m = /^[0-9]+/.exec(format.slice(i));
            if (!m)
                return undefined;
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

;// CONCATENATED MODULE: ./build/src/gotemplate/funcs.js
// Template functions: Go's text/template builtins (https://pkg.go.dev/text/template#hdr-Functions) and the ones
// regclient adds in pkg/template (default, env, file, join, split, lower, upper, trimSpace, json, jsonPretty,
// printPretty, time). No sprig, as in regclient.


/** Thrown by a FuncContext that may not reach outside the template (a config under review): shown as it is. */
class AccessRefused extends Error {
    name = 'AccessRefused';
}
/** Go's truth: false, 0, nil, and empty strings, slices and maps are false; everything else is true. */
function isTrue(v) {
    if (v === null || v === undefined)
        return false;
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'number')
        return v !== 0;
    if (typeof v === 'bigint')
        return v !== 0n;
    if (typeof v === 'string')
        return v !== '';
    if (Array.isArray(v))
        return v.length > 0;
    if (v instanceof Map)
        return v.size > 0;
    if (v instanceof time/* GoMonth */.T4 || v instanceof time/* GoWeekday */.hL)
        return v.n !== 0;
    return true;
}
function argc(name, args, n) {
    if (args.length !== n)
        throw new Error(`wrong number of args for ${name}: want ${n} got ${args.length}`);
}
function str(name, v) {
    if (typeof v !== 'string')
        throw new Error(`${name} wants a string, got ${goTypeName(v)}`);
    return v;
}
function funcs_int(name, v) {
    if (typeof v === 'bigint')
        return Number(v);
    if (typeof v !== 'number' || !Number.isInteger(v))
        throw new Error(`${name} wants an integer, got ${goTypeName(v)}`);
    return v;
}
/** Basic kind and comparable value, as text/template's eq/lt compare them. */
function basic(v) {
    if (v === null || v === undefined)
        return { kind: 'nil', value: null };
    if (typeof v === 'boolean')
        return { kind: 'bool', value: v };
    if (typeof v === 'string')
        return { kind: 'string', value: v };
    if (typeof v === 'bigint')
        return { kind: 'int', value: Number(v) };
    if (typeof v === 'number')
        return { kind: Number.isInteger(v) ? 'int' : 'float', value: v };
    if (v instanceof time/* GoMonth */.T4 || v instanceof time/* GoWeekday */.hL)
        return { kind: 'int', value: v.n };
    throw new Error(`invalid type for comparison: ${goTypeName(v)}`);
}
function numericKinds(a, b) {
    return (a === 'int' || a === 'float') && (b === 'int' || b === 'float');
}
function equal(a, b) {
    const x = basic(a);
    const y = basic(b);
    if (x.kind !== y.kind && !numericKinds(x.kind, y.kind)) {
        if (x.kind === 'nil' || y.kind === 'nil')
            return false;
        throw new Error('incompatible types for comparison');
    }
    return x.value === y.value;
}
function less(a, b) {
    const x = basic(a);
    const y = basic(b);
    if (x.kind !== y.kind && !numericKinds(x.kind, y.kind))
        throw new Error('incompatible types for comparison');
    if (x.kind === 'bool' || x.kind === 'nil')
        throw new Error(`invalid type for comparison: ${x.kind}`);
    return x.value < y.value;
}
function indexOne(item, key) {
    if (item === null || item === undefined)
        throw new Error('index of untyped nil');
    if (Array.isArray(item) || typeof item === 'string') {
        const i = funcs_int('index', key);
        const len = typeof item === 'string' ? Buffer.byteLength(item) : item.length;
        if (i < 0 || i >= len)
            throw new Error(`index out of range: ${i}`);
        return typeof item === 'string' ? Buffer.from(item)[i] : item[i];
    }
    if (item instanceof Map)
        return item.has(key) ? item.get(key) : null;
    throw new Error(`can't index item of type ${goTypeName(item)}`);
}
function sliceOf(item, idx) {
    if (typeof item !== 'string' && !Array.isArray(item))
        throw new Error(`can't slice item of type ${goTypeName(item)}`);
    if (idx.length > 3 || (typeof item === 'string' && idx.length > 2))
        throw new Error('too many slice indexes');
    const len = item.length;
    const n = idx.map((v) => funcs_int('slice', v));
    const lo = n[0] ?? 0;
    const hi = n[1] ?? len;
    if (lo < 0 || hi < lo || hi > len)
        throw new Error(`invalid slice index: ${lo} > ${hi} or out of range ${len}`);
    return item.slice(lo, hi);
}
/** encoding/json with SetEscapeHTML(false), as regclient's json/jsonPretty: a trailing newline, map keys sorted. */
function goJson(v, indent) {
    const prepare = (x) => {
        if (x === undefined)
            return null;
        if (x instanceof time/* GoTime */.yT)
            return x.Format('2006-01-02T15:04:05.999999999Z07:00');
        if (x instanceof time/* GoMonth */.T4 || x instanceof time/* GoWeekday */.hL)
            return x.n;
        if (typeof x === 'bigint')
            return Number(x);
        // Go's json.Marshaler: data that knows its own JSON (a manifest's exact bytes) gives it.
        if (x !== null && typeof x === 'object' && typeof x.MarshalJSON === 'function')
            return JSON.parse(x.MarshalJSON());
        if (Array.isArray(x))
            return x.map(prepare);
        if (x instanceof Map) {
            return Object.fromEntries([...x.entries()].map(([k, e]) => [String(k), prepare(e)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)));
        }
        if (x !== null && typeof x === 'object')
            return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, prepare(e)]));
        return x;
    };
    return `${JSON.stringify(prepare(v), null, indent)
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029')}\n`;
}
function htmlEscape(s) {
    return s.replace(/[&<>"'\0]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;', '\0': '\uFFFD' })[c]);
}
function jsEscape(s) {
    return s.replace(/[\\'"<>&=\u0000-\u001f]/g, (c) => {
        if (c === '\\' || c === "'" || c === '"')
            return `\\${c}`;
        return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    });
}
/** url.QueryEscape: like encodeURIComponent, but a space is `+` and `!'()*` are escaped too. */
function queryEscape(s) {
    return encodeURIComponent(s)
        .replace(/%20/g, '+')
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
/** The argument list as one string, as the escapers in text/template take it. */
function evalArgs(args) {
    return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}
/** The value `time` returns: regclient's TimeFuncs, with `Now` and `Parse`. */
function timeFuncs(ctx) {
    return {
        Now: () => ctx.now(),
        Parse: (layout, value) => (0,time/* parseTime */.pe)(str('Parse', layout), str('Parse', value)),
    };
}
const eager = (call) => ({ call });
const TEMPLATE_FUNCS = {
    and: {
        lazy: true,
        call(args) {
            let v;
            for (const a of args) {
                v = a();
                if (!isTrue(v))
                    return v;
            }
            return v;
        },
    },
    or: {
        lazy: true,
        call(args) {
            let v;
            for (const a of args) {
                v = a();
                if (isTrue(v))
                    return v;
            }
            return v;
        },
    },
    not: eager((a) => (argc('not', a, 1), !isTrue(a[0]))),
    len: eager((a) => {
        argc('len', a, 1);
        const v = a[0];
        if (typeof v === 'string')
            return Buffer.byteLength(v);
        if (Array.isArray(v))
            return v.length;
        if (v instanceof Map)
            return v.size;
        throw new Error(`len of type ${goTypeName(v)}`);
    }),
    index: eager((a) => {
        if (a.length < 1)
            throw new Error('wrong number of args for index: want at least 1 got 0');
        return a.slice(1).reduce((item, key) => indexOne(item, key), a[0]);
    }),
    slice: eager((a) => {
        if (a.length < 1)
            throw new Error('wrong number of args for slice: want at least 1 got 0');
        return sliceOf(a[0], a.slice(1));
    }),
    eq: eager((a) => {
        if (a.length < 2)
            throw new Error('missing argument for comparison');
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
        if (a.length < 1)
            throw new Error('wrong number of args for printf: want at least 1 got 0');
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
        }
        catch (err) {
            if (err instanceof AccessRefused)
                throw err;
            // regclient expands an unreadable file to "", so a config that names one still loads; the warning says where.
            ctx.warn(`{{file ${JSON.stringify(path)}}} could not be read (${err.code ?? err.message}) and expands to ""`);
            return '';
        }
    }),
    join: eager((a) => {
        argc('join', a, 2);
        if (!Array.isArray(a[0]))
            throw new Error(`join wants a list, got ${goTypeName(a[0])}`);
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
        const v = a[0];
        return v && typeof v === 'object' && typeof v.MarshalPretty === 'function' ? v.MarshalPretty() : goJson(v, '  ');
    }),
    time: eager((a, ctx) => (argc('time', a, 0), timeFuncs(ctx))),
};

;// CONCATENATED MODULE: ./build/src/gotemplate/exec.js
// Walks a parsed template over data, with Go's rules: fields of structs (plain objects) must exist, map (Map) keys may
// be missing, methods are called with the remaining operands, a pipeline's value is the last operand of the next
// command, variables are scoped to their control structure.



const NO_VALUE = '<no value>';
/**
 * How deep `{{template}}` calls may nest. Go stops at 100000; a JavaScript stack ends far sooner once each level
 * nests a few {{if}}/{{range}}/{{with}}, so the bound is lower and leaves room for them.
 */
const MAX_TEMPLATE_DEPTH = 100;
/**
 * How many `{{template}}` calls one run may make. Go has no such bound; it is here so that a few definitions that
 * each call the next twice cannot take a run to 2^n steps. Real templates make a handful.
 */
const MAX_TEMPLATE_CALLS = 100_000;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
/** Thrown inside evaluation; caught at the action and turned into a TemplateExecError naming it. */
class Fault extends Error {
}
function lookupMethod(receiver, name) {
    if (name in Object.prototype)
        return undefined;
    const m = receiver[name];
    return typeof m === 'function' ? m : undefined;
}
class TemplateRun {
    name;
    src;
    funcs;
    ctx;
    defined;
    out = '';
    vars;
    depth = 0;
    calls = 0;
    constructor(name, src, funcs, ctx, data, defined = new Map()) {
        this.name = name;
        this.src = src;
        this.funcs = funcs;
        this.ctx = ctx;
        this.defined = defined;
        this.vars = [{ name: '$', value: data }];
    }
    run(nodes, data) {
        this.walkList(nodes, data);
        return this.out;
    }
    fail(at, err) {
        if (err instanceof TemplateExecError)
            throw err;
        const { line, column } = lineColumnOf(this.src, at.pos);
        throw new TemplateExecError({ template: this.name, action: at.text, offset: at.pos, line, column, detail: err.message });
    }
    /** Runs a defined template with `$` and dot set to the call's value (nil without a pipeline), as Go does. */
    walkTemplate(node, dot) {
        const body = this.defined.get(node.name);
        if (!body)
            this.fail(node, new Error(`template ${JSON.stringify(node.name)} not defined`));
        if (this.depth >= MAX_TEMPLATE_DEPTH)
            this.fail(node, new Error(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`));
        if (++this.calls > MAX_TEMPLATE_CALLS)
            this.fail(node, new Error(`more than ${MAX_TEMPLATE_CALLS} template calls in one run`));
        const value = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
        const outer = this.vars;
        this.vars = [{ name: '$', value }];
        this.depth++;
        try {
            this.walkList(body, value);
        }
        finally {
            this.depth--;
            this.vars = outer;
        }
    }
    walkList(nodes, dot) {
        for (const node of nodes)
            this.walk(node, dot);
    }
    walk(node, dot) {
        switch (node.kind) {
            case 'text':
                this.out += node.text;
                return;
            case 'action': {
                const v = this.evalPipeline(dot, node.pipe);
                if (node.pipe.decl.length === 0)
                    this.out += v === undefined ? NO_VALUE : formatValue(v);
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
                if (isTrue(v))
                    this.walkList(node.list, node.kind === 'with' ? v : dot);
                else if (node.elseList)
                    this.walkList(node.elseList, dot);
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
    walkRange(node, dot) {
        const mark = this.vars.length;
        const pipe = node.pipe;
        const value = this.evalPipeline(dot, { ...pipe, decl: [] });
        let entries;
        if (Array.isArray(value))
            entries = value.map((v, i) => [i, v]);
        else if (value instanceof Map)
            entries = [...value.keys()].sort().map((k) => [k, value.get(k)]);
        else if (typeof value === 'number' && Number.isInteger(value))
            entries = Array.from({ length: Math.max(0, value) }, (_, i) => [i, i]);
        else if (value === null || value === undefined)
            entries = [];
        else
            this.fail(pipe, new Error(`range can't iterate over ${formatValue(value)}`));
        if (entries.length === 0) {
            if (node.elseList)
                this.walkList(node.elseList, dot);
            this.vars.length = mark;
            return;
        }
        for (const [key, elem] of entries) {
            const inner = this.vars.length;
            if (pipe.decl.length === 1)
                this.setVar(pipe.decl[0], elem, pipe.isAssign);
            if (pipe.decl.length === 2) {
                this.setVar(pipe.decl[0], key, pipe.isAssign);
                this.setVar(pipe.decl[1], elem, pipe.isAssign);
            }
            try {
                this.walkList(node.list, elem);
            }
            catch (signal) {
                if (signal === BREAK)
                    break;
                if (signal !== CONTINUE)
                    throw signal;
            }
            finally {
                this.vars.length = inner;
            }
        }
        this.vars.length = mark;
    }
    setVar(name, value, assign) {
        if (!assign) {
            this.vars.push({ name, value });
            return;
        }
        for (let i = this.vars.length - 1; i >= 0; i--) {
            if (this.vars[i].name === name) {
                this.vars[i].value = value;
                return;
            }
        }
    }
    getVar(name) {
        for (let i = this.vars.length - 1; i >= 0; i--)
            if (this.vars[i].name === name)
                return this.vars[i].value;
        throw new Fault(`undefined variable: ${name}`);
    }
    evalPipeline(dot, pipe) {
        let value;
        try {
            let final;
            for (const cmd of pipe.cmds) {
                value = this.evalCommand(dot, cmd, final);
                final = { value };
            }
        }
        catch (err) {
            if (err === BREAK || err === CONTINUE)
                throw err;
            this.fail(pipe, err);
        }
        for (const name of pipe.decl)
            this.setVar(name, value, pipe.isAssign);
        return value;
    }
    evalCommand(dot, cmd, final) {
        const [first, ...rest] = cmd.args;
        switch (first.kind) {
            case 'field':
                return this.fieldChain(dot, dot, first.names, rest, final);
            case 'var':
                if (first.names.length > 0)
                    return this.fieldChain(dot, this.getVar(first.name), first.names, rest, final);
                break;
            case 'chain':
                return this.fieldChain(dot, this.evalArg(dot, first.node), first.names, rest, final);
            case 'ident':
                return this.call(dot, first.name, rest, final);
            case 'nil':
                throw new Fault('nil is not a command');
            default:
                break;
        }
        if (rest.length > 0 || final)
            throw new Fault(`can't give argument to non-function ${this.describe(first)}`);
        return this.evalArg(dot, first);
    }
    describe(op) {
        return this.src.slice(op.pos).split(/[\s|)}]/)[0] || op.kind;
    }
    evalArg(dot, op) {
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
    evalPipelineValue(dot, pipe) {
        let value;
        let final;
        for (const cmd of pipe.cmds) {
            value = this.evalCommand(dot, cmd, final);
            final = { value };
        }
        for (const name of pipe.decl)
            this.setVar(name, value, pipe.isAssign);
        return value;
    }
    call(dot, name, argOps, final) {
        const fn = this.funcs[name];
        if (!fn)
            throw new Fault(`function "${name}" not defined`);
        try {
            if (fn.lazy) {
                const thunks = argOps.map((op) => () => this.evalArg(dot, op));
                if (final)
                    thunks.push(() => final.value);
                if (thunks.length === 0)
                    throw new Error(`wrong number of args for ${name}: want at least 1 got 0`);
                return fn.call(thunks, this.ctx);
            }
            const args = argOps.map((op) => this.evalArg(dot, op));
            if (final)
                args.push(final.value);
            return fn.call(args, this.ctx);
        }
        catch (err) {
            if (err instanceof Fault || err instanceof TemplateExecError)
                throw err;
            throw new Fault(`error calling ${name}: ${err.message}`);
        }
    }
    fieldChain(dot, receiver, names, argOps, final) {
        let v = receiver;
        names.forEach((name, i) => {
            const last = i === names.length - 1;
            v = this.field(dot, v, name, last ? argOps : [], last ? final : undefined);
        });
        return v;
    }
    field(dot, receiver, name, argOps, final) {
        const hasArgs = argOps.length > 0 || final !== undefined;
        if (receiver === null || receiver === undefined)
            throw new Fault(`nil data; no entry for key "${name}"`);
        if (receiver instanceof Map) {
            if (hasArgs)
                throw new Fault(`${name} is not a method but has arguments`);
            return receiver.has(name) ? receiver.get(name) : undefined;
        }
        if (typeof receiver === 'object') {
            const method = lookupMethod(receiver, name);
            if (method) {
                const args = argOps.map((op) => this.evalArg(dot, op));
                if (final)
                    args.push(final.value);
                if (args.length !== method.length)
                    throw new Fault(`wrong number of args for ${name}: want ${method.length} got ${args.length}`);
                try {
                    return method.apply(receiver, args);
                }
                catch (err) {
                    throw new Fault(`error calling ${name}: ${err.message}`);
                }
            }
            if (Object.prototype.hasOwnProperty.call(receiver, name)) {
                if (hasArgs)
                    throw new Fault(`${name} has arguments but cannot be invoked as function`);
                return receiver[name];
            }
        }
        throw new Fault(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
    }
}

;// CONCATENATED MODULE: ./build/src/gotemplate/lex.js
// Lexer for the text/template subset: splits template text into text and action tokens, applies `{{-`/`-}}`
// trimming and drops `{{/* comments */}}`, as text/template/parse's lexer does.

function isSpace(c) {
    return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}
function isAlnum(c) {
    return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}
const ESCAPES = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };
/** Splits the template into text and action tokens, applying `{{-`/`-}}` trimming and dropping comments. */
class Lexer {
    src;
    tokens = [];
    i = 0;
    constructor(src) {
        this.src = src;
    }
    fail(pos, message) {
        throw TemplateSyntaxError.at(this.src, pos, message);
    }
    run() {
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
            while (isSpace(src[p]))
                p++;
            if (src.startsWith('/*', p)) {
                const end = src.indexOf('*/', p + 2);
                if (end < 0)
                    this.fail(p, 'unclosed comment');
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
    pushText(text, pos) {
        if (text !== '')
            this.tokens.push({ kind: 'text', text, pos });
    }
    /** Consumes an optional ` -` and the `}}` at `p`; returns the offset after it, trimming the following text. */
    closeAction(p, comment) {
        const src = this.src;
        let q = p;
        while (isSpace(src[q]))
            q++;
        let trim = false;
        if (src[q] === '-' && src.startsWith('}}', q + 1) && q > p) {
            trim = true;
            q++;
        }
        if (!src.startsWith('}}', q))
            this.fail(p, comment ? 'comment ends before closing delimiter' : 'unclosed action');
        q += 2;
        if (trim)
            while (isSpace(src[q]))
                q++;
        return q;
    }
    lexInside() {
        const src = this.src;
        for (;;) {
            const c = src[this.i];
            const pos = this.i;
            if (c === undefined)
                this.fail(pos, 'unclosed action');
            if (isSpace(c)) {
                let q = this.i;
                while (isSpace(src[q]))
                    q++;
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
                if (end < 0)
                    this.fail(pos, 'unterminated raw quoted string');
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
                while (isAlnum(src[q]))
                    q++;
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
                while (isAlnum(src[q]))
                    q++;
                if (q === this.i + 1)
                    this.tokens.push({ kind: 'dot', text: '.', pos });
                else
                    this.tokens.push({ kind: 'field', text: src.slice(this.i, q), pos, value: src.slice(this.i + 1, q) });
                this.i = q;
                continue;
            }
            if (/[0-9]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(src[this.i + 1] ?? ''))) {
                this.lexNumber();
                continue;
            }
            if (isAlnum(c)) {
                let q = this.i;
                while (isAlnum(src[q]))
                    q++;
                const word = src.slice(this.i, q);
                const kind = word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'ident';
                this.tokens.push({ kind, text: word, pos });
                this.i = q;
                continue;
            }
            this.fail(pos, `unrecognized character in action: ${JSON.stringify(c)}`);
        }
    }
    lexQuoted() {
        const src = this.src;
        const pos = this.i;
        let q = this.i + 1;
        let out = '';
        for (;;) {
            const c = src[q];
            if (c === undefined || c === '\n')
                this.fail(pos, 'unterminated quoted string');
            if (c === '"')
                break;
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
    lexChar() {
        const src = this.src;
        const pos = this.i;
        let value;
        let q = this.i + 1;
        if (src[q] === '\\') {
            const [s, len] = this.escape(q);
            value = s;
            q += len;
        }
        else {
            const cp = src.codePointAt(q);
            if (cp === undefined)
                this.fail(pos, 'unterminated character constant');
            value = String.fromCodePoint(cp);
            q += value.length;
        }
        if (src[q] !== "'")
            this.fail(pos, 'unterminated character constant');
        this.tokens.push({ kind: 'number', text: src.slice(pos, q + 1), pos, value: value.codePointAt(0) });
        this.i = q + 1;
    }
    /** Decodes the Go escape sequence at `q` (which holds the backslash); returns the text and the length consumed. */
    escape(q) {
        const src = this.src;
        const e = src[q + 1];
        if (e !== undefined && ESCAPES[e] !== undefined)
            return [ESCAPES[e], 2];
        const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (hexLen > 0) {
            const hex = src.slice(q + 2, q + 2 + hexLen);
            if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex))
                this.fail(q, 'invalid escape in quoted string');
            return [String.fromCodePoint(parseInt(hex, 16)), 2 + hexLen];
        }
        if (e !== undefined && /[0-7]/.test(e)) {
            const oct = src.slice(q + 1, q + 4);
            if (!/^[0-7]{3}$/.test(oct))
                this.fail(q, 'invalid escape in quoted string');
            return [String.fromCharCode(parseInt(oct, 8)), 4];
        }
        this.fail(q, `unknown escape sequence \\${e ?? ''}`);
    }
    lexNumber() {
        const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9]+)?)/.exec(this.src.slice(this.i));
        const text = m?.[0] ?? '';
        const clean = text.replace(/_/g, '');
        const sign = clean.startsWith('-') ? -1 : 1;
        const body = clean.replace(/^[+-]/, '');
        let value;
        if (/^0[xX]/.test(body))
            value = parseInt(body.slice(2), 16);
        else if (/^0[bB]/.test(body))
            value = parseInt(body.slice(2), 2);
        else if (/^0[oO]/.test(body))
            value = parseInt(body.slice(2), 8);
        else if (/^0[0-7]+$/.test(body))
            value = parseInt(body, 8);
        else
            value = Number(body);
        if (text === '' || Number.isNaN(value) || isAlnum(this.src[this.i + text.length])) {
            this.fail(this.i, `bad number syntax: ${JSON.stringify(this.src.slice(this.i, this.i + text.length + 1))}`);
        }
        this.tokens.push({ kind: 'number', text, pos: this.i, value: sign * value });
        this.i += text.length;
    }
}

;// CONCATENATED MODULE: ./build/src/gotemplate/parse.js
// Parser for the subset of Go's text/template that regsync and regbot configs use. It produces a small tree that
// template-exec.ts walks. Syntax follows https://pkg.go.dev/text/template (actions, trim markers, comments,
// pipelines, variables, if/else if/range/with/break/continue, define/template/block).


const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block']);
/** Recursive descent over the tokens, mirroring text/template/parse. */
class Parser {
    src;
    toks;
    hasFunction;
    p = 0;
    vars = [['$']];
    defined = new Map();
    constructor(src, toks, hasFunction) {
        this.src = src;
        this.toks = toks;
        this.hasFunction = hasFunction;
    }
    fail(pos, message) {
        throw TemplateSyntaxError.at(this.src, pos, message);
    }
    peek() {
        return this.toks[this.p];
    }
    next() {
        return this.toks[this.p++];
    }
    peekNonSpace() {
        while (this.peek().kind === 'space')
            this.p++;
        return this.peek();
    }
    nextNonSpace() {
        this.peekNonSpace();
        return this.next();
    }
    parse() {
        const { list, stop } = this.list(true);
        if (stop)
            this.fail(stop.pos, `unexpected {{${stop.word}}}`);
        return list;
    }
    /** Parses until `{{end}}`, `{{else…}}` or the end of input; returns which one stopped it. */
    list(topLevel = false) {
        const list = [];
        for (;;) {
            const t = this.next();
            if (t.kind === 'eof')
                return { list, stop: undefined };
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
                    if (kw.text === 'end')
                        this.expectRight('end');
                    return { list, stop: { word: kw.text, pos: kw.pos } };
                }
                list.push(this.control(kw));
                continue;
            }
            const pipe = this.pipeline('command', t.pos);
            list.push({ kind: 'action', pipe, pos: t.pos });
        }
    }
    expectRight(context) {
        const t = this.nextNonSpace();
        if (t.kind !== 'right')
            this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
    }
    control(kw) {
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
    actionText(pos) {
        const end = this.toks[this.p - 1];
        const open = this.src.lastIndexOf('{{', pos);
        return this.src.slice(open, end.pos + end.text.length);
    }
    /** The quoted name after `define`, `template` or `block`. */
    templateName(context) {
        const t = this.nextNonSpace();
        if (t.kind !== 'string')
            this.fail(t.pos, `unexpected ${describe(t)} in ${context}: the template name must be a quoted string`);
        return t.value;
    }
    /** Reads a definition's body (after its opening action) up to its `{{end}}`, with its own variables (only `$`), and records it. */
    definition(name, pos) {
        const outer = this.vars;
        this.vars = [['$']];
        const body = this.list();
        this.vars = outer;
        if (!body.stop)
            this.fail(this.src.length, `unexpected EOF: missing {{end}} for the definition of ${JSON.stringify(name)}`);
        if (body.stop.word !== 'end')
            this.fail(body.stop.pos, `unexpected {{else}} in the definition of ${JSON.stringify(name)}`);
        const earlier = this.defined.get(name);
        // Go keeps the first body when a later definition is empty, and refuses two bodies for one name.
        if (earlier && !isEmpty(earlier) && !isEmpty(body.list))
            this.fail(pos, `multiple definition of template ${JSON.stringify(name)}`);
        if (!earlier || isEmpty(earlier))
            this.defined.set(name, body.list);
    }
    branch(kind, pos) {
        this.vars.push([]);
        const pipe = this.pipeline(kind, pos);
        const body = this.list();
        let elseList;
        if (!body.stop)
            this.fail(this.src.length, `unexpected EOF: missing {{end}} for {{${kind}}}`);
        if (body.stop.word === 'else') {
            const chained = this.peekNonSpace();
            if ((kind === 'if' && chained.kind === 'ident' && chained.text === 'if') || (kind === 'with' && chained.kind === 'ident' && chained.text === 'with')) {
                this.next();
                // `{{else if x}}…{{end}}` is `{{else}}{{if x}}…{{end}}{{end}}` with one shared end, as in Go.
                elseList = [this.branch(kind, chained.pos)];
            }
            else {
                this.expectRight('else');
                const rest = this.list();
                if (!rest.stop)
                    this.fail(this.src.length, `unexpected EOF: missing {{end}} for {{${kind}}}`);
                if (rest.stop.word !== 'end')
                    this.fail(rest.stop.pos, 'expected {{end}} after {{else}}');
                elseList = rest.list;
            }
        }
        this.vars.pop();
        return { kind, pipe, list: body.list, elseList, pos };
    }
    pipeline(context, pos) {
        const startTok = this.peek();
        const decl = [];
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
                    if (v2.kind !== 'var')
                        this.fail(v2.pos, 'range can only initialize variables');
                    const op = this.nextNonSpace();
                    if (op.kind !== 'declare' && op.kind !== 'assign')
                        this.fail(op.pos, `unexpected ${describe(op)} in range`);
                    decl.push(v2.text);
                    isAssign = op.kind === 'assign';
                }
                else {
                    isAssign = after.kind === 'assign';
                }
                for (const name of decl) {
                    if (isAssign) {
                        if (!this.lookupVar(name))
                            this.fail(v.pos, `undefined variable "${name}"`);
                    }
                    else {
                        this.vars[this.vars.length - 1].push(name);
                    }
                }
            }
            else {
                this.p = save;
            }
        }
        else {
            this.p = save;
        }
        const cmds = [];
        for (;;) {
            const t = this.peekNonSpace();
            if (t.kind === 'right') {
                this.next();
                break;
            }
            if (t.kind === 'rparen' && context === 'parenthesized pipeline')
                break;
            cmds.push(this.command(context));
            const after = this.peekNonSpace();
            if (after.kind === 'pipe') {
                this.next();
                const n = this.peekNonSpace();
                if (n.kind === 'right' || n.kind === 'rparen')
                    this.fail(n.pos, 'missing command after |');
                continue;
            }
            if (after.kind === 'right' || (after.kind === 'rparen' && context === 'parenthesized pipeline'))
                continue;
            this.fail(after.pos, `unexpected ${describe(after)} in ${context}`);
        }
        if (cmds.length === 0)
            this.fail(startTok.pos, `missing value for ${context}`);
        const end = this.toks[this.p - 1];
        return { decl, isAssign, cmds, pos, text: this.src.slice(pos, end.pos + end.text.length) };
    }
    lookupVar(name) {
        return this.vars.some((scope) => scope.includes(name));
    }
    command(context) {
        const first = this.peekNonSpace();
        const args = [];
        for (;;) {
            const t = this.peek();
            if (t.kind === 'space') {
                this.next();
                continue;
            }
            if (t.kind === 'right' || t.kind === 'pipe' || t.kind === 'rparen' || t.kind === 'eof')
                break;
            if (args.length > 0 && this.toks[this.p - 1].kind !== 'space')
                this.fail(t.pos, `missing space before ${describe(t)}`);
            args.push(this.operand(context));
        }
        if (args.length === 0)
            this.fail(first.pos, `empty command in ${context}`);
        return { args, pos: first.pos };
    }
    operand(context) {
        const term = this.term(context);
        if (this.peek().kind !== 'field')
            return term;
        const names = [];
        while (this.peek().kind === 'field')
            names.push(this.next().value);
        if (term.kind === 'field')
            return { kind: 'field', names: [...term.names, ...names], pos: term.pos };
        if (term.kind === 'var')
            return { kind: 'var', name: term.name, names: [...term.names, ...names], pos: term.pos };
        if (term.kind === 'string' || term.kind === 'number' || term.kind === 'bool' || term.kind === 'nil' || term.kind === 'dot') {
            this.fail(term.pos, `unexpected . after term ${JSON.stringify(this.src.slice(term.pos, this.peek().pos).trim() || '.')}`);
        }
        return { kind: 'chain', node: term, names, pos: term.pos };
    }
    term(context) {
        const t = this.next();
        switch (t.kind) {
            case 'dot':
                return { kind: 'dot', pos: t.pos };
            case 'field':
                return { kind: 'field', names: [t.value], pos: t.pos };
            case 'var':
                if (!this.lookupVar(t.text))
                    this.fail(t.pos, `undefined variable "${t.text}"`);
                return { kind: 'var', name: t.text, names: [], pos: t.pos };
            case 'string':
                return { kind: 'string', value: t.value, pos: t.pos };
            case 'number':
                return { kind: 'number', value: t.value, pos: t.pos };
            case 'bool':
                return { kind: 'bool', value: t.text === 'true', pos: t.pos };
            case 'nil':
                return { kind: 'nil', pos: t.pos };
            case 'ident':
                if (KEYWORDS.has(t.text))
                    this.fail(t.pos, `unexpected keyword "${t.text}" in ${context}`);
                if (!this.hasFunction(t.text))
                    this.fail(t.pos, `function "${t.text}" not defined`);
                return { kind: 'ident', name: t.text, pos: t.pos };
            case 'lparen': {
                const pipe = this.pipeline('parenthesized pipeline', t.pos);
                const close = this.next();
                if (close.kind !== 'rparen')
                    this.fail(close.pos, 'unclosed left paren');
                return { kind: 'pipe', pipe, pos: t.pos };
            }
            default:
                this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
        }
    }
}
function isEmpty(list) {
    return list.every((n) => n.kind === 'text' && n.text.trim() === '');
}
function describe(t) {
    if (t.kind === 'eof')
        return 'EOF';
    if (t.kind === 'right')
        return '"}}"';
    return JSON.stringify(t.text);
}
/** Parses template text; `hasFunction` says which identifiers name functions (others are a syntax error, as in Go). */
function parseTemplate(src, hasFunction) {
    const parser = new Parser(src, new Lexer(src).run(), hasFunction);
    const root = parser.parse();
    return { root, defined: parser.defined };
}

;// CONCATENATED MODULE: ./build/src/gotemplate/template.js
// The template engine's entry point: compile once (syntax and unknown functions fail here, with a position), run
// many times with data. Used for regsync's and regbot's Go-template fields.








/** Template text needs no engine when it has no action: the common case of a plain reference or tag. */
function hasActions(source) {
    return source.includes('{{');
}
/** Parses `source`; throws TemplateSyntaxError (a ConfigError) with a position relative to `source`. */
function compileTemplate(source, name) {
    const parsed = parseTemplate(source, (fn) => Object.prototype.hasOwnProperty.call(TEMPLATE_FUNCS, fn));
    return {
        name,
        source,
        execute(data, options = {}) {
            const env = options.env ?? process.env;
            const refused = options.refuseOutsideAccess;
            const ctx = {
                env: (key) => (refused === undefined || refused.allowEnv.includes(key) ? env[key] : refuse(`env ${JSON.stringify(key)} is refused: ${refused.reason}`)),
                readFile: refused === undefined
                    ? (options.readFile ?? ((path) => (0,external_node_fs_.readFileSync)(path, 'utf8')))
                    : (path) => refuse(`file ${JSON.stringify(path)} is refused: ${refused.reason}`),
                warn: options.onWarning ?? (() => { }),
                now: options.now ?? (() => time/* GoTime */.yT.now()),
            };
            return new TemplateRun(name, source, TEMPLATE_FUNCS, ctx, data, parsed.defined).run(parsed.root, data);
        },
    };
}
function refuse(message) {
    throw new AccessRefused(message);
}


/***/ })

};
