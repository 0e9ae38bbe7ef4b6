// Go's time.Time as templates see it: the methods regsync configs call (`.Year`, `.Month`, `.Format "20060102"`…)
// and Go reference layouts (https://pkg.go.dev/time#pkg-constants). Times are kept in UTC: a CI runner's local zone
// is UTC, and a mirror's backup tags should not depend on where the job ran.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** time.Month: prints its name with %s and %v, its number with %d. */
export class GoMonth {
  constructor(readonly n: number) {}
  String(): string {
    return MONTHS[this.n - 1] ?? `%!Month(${this.n})`;
  }
}

/** time.Weekday (Sunday = 0). */
export class GoWeekday {
  constructor(readonly n: number) {}
  String(): string {
    return DAYS[this.n] ?? `%!Weekday(${this.n})`;
  }
}

const NS_PER_MS = 1_000_000n;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds since the epoch for a UTC calendar date; Date.UTC would map years 0–99 to 1900–1999. */
function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

export class GoTime {
  /** Nanoseconds since the Unix epoch. */
  private readonly ns: bigint;

  constructor(ns: bigint) {
    this.ns = ns;
  }

  static now(): GoTime {
    return new GoTime(BigInt(Date.now()) * NS_PER_MS);
  }

  static fromMillis(ms: number, nanosInSecond = 0): GoTime {
    return new GoTime(BigInt(ms) * NS_PER_MS + BigInt(nanosInSecond));
  }

  private date(): Date {
    let ms = this.ns / NS_PER_MS;
    if (this.ns < 0n && this.ns % NS_PER_MS !== 0n) ms -= 1n;
    return new Date(Number(ms));
  }

  Year(): number {
    return this.date().getUTCFullYear();
  }
  Month(): GoMonth {
    return new GoMonth(this.date().getUTCMonth() + 1);
  }
  Day(): number {
    return this.date().getUTCDate();
  }
  Hour(): number {
    return this.date().getUTCHours();
  }
  Minute(): number {
    return this.date().getUTCMinutes();
  }
  Second(): number {
    return this.date().getUTCSeconds();
  }
  Nanosecond(): number {
    const r = Number(this.ns % 1_000_000_000n);
    return r < 0 ? r + 1_000_000_000 : r;
  }
  Weekday(): GoWeekday {
    return new GoWeekday(this.date().getUTCDay());
  }
  YearDay(): number {
    const d = this.date();
    return Math.round((utcMillis(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) - utcMillis(d.getUTCFullYear(), 1, 1)) / 86_400_000) + 1;
  }
  Unix(): number {
    const s = this.ns / 1_000_000_000n;
    return Number(this.ns < 0n && this.ns % 1_000_000_000n !== 0n ? s - 1n : s);
  }
  UnixMilli(): number {
    return this.date().getTime();
  }
  UnixNano(): bigint {
    return this.ns;
  }
  UTC(): GoTime {
    return this;
  }
  Local(): GoTime {
    return this;
  }
  /** Adds a time.Duration, which templates pass as an integer count of nanoseconds. */
  Add(d: unknown): GoTime {
    if (typeof d !== 'number' && typeof d !== 'bigint') throw new Error(`Add wants a duration in nanoseconds, got ${typeof d}`);
    return new GoTime(this.ns + BigInt(d));
  }
  AddDate(years: unknown, months: unknown, days: unknown): GoTime {
    for (const v of [years, months, days]) if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error('AddDate wants three integers');
    const d = this.date();
    const ms = utcMillis(
      d.getUTCFullYear() + (years as number),
      d.getUTCMonth() + 1 + (months as number),
      d.getUTCDate() + (days as number),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    );
    return GoTime.fromMillis(ms, this.Nanosecond());
  }
  Before(t: unknown): boolean {
    return t instanceof GoTime && this.ns < t.ns;
  }
  After(t: unknown): boolean {
    return t instanceof GoTime && this.ns > t.ns;
  }
  Equal(t: unknown): boolean {
    return t instanceof GoTime && this.ns === t.ns;
  }
  Format(layout: unknown): string {
    if (typeof layout !== 'string') throw new Error('Format wants a layout string');
    return formatTime(this, layout);
  }
  String(): string {
    return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
  }
}

type Chunk =
  | 'January'
  | 'Jan'
  | '1'
  | '01'
  | 'Monday'
  | 'Mon'
  | '2'
  | '_2'
  | '02'
  | '__2'
  | '002'
  | '15'
  | '3'
  | '03'
  | '4'
  | '04'
  | '5'
  | '05'
  | '2006'
  | '06'
  | 'PM'
  | 'pm'
  | 'MST'
  | '-0700'
  | '-07:00'
  | '-07'
  | '-070000'
  | '-07:00:00'
  | 'Z0700'
  | 'Z07:00'
  | 'Z07'
  | 'Z070000'
  | 'Z07:00:00'
  | { frac: number; trim: boolean };

/** Finds the next layout element at or after `i`, as Go's nextStdChunk does. */
function nextChunk(layout: string, i: number): { at: number; chunk: Chunk; len: number } | undefined {
  const starts = (s: string, at: number): boolean => layout.startsWith(s, at);
  for (let j = i; j < layout.length; j++) {
    const c = layout[j];
    const hit = (chunk: Chunk, len: number) => ({ at: j, chunk, len });
    switch (c) {
      case 'J':
        if (starts('January', j)) return hit('January', 7);
        if (starts('Jan', j)) return hit('Jan', 3);
        break;
      case 'M':
        if (starts('Monday', j)) return hit('Monday', 6);
        if (starts('Mon', j)) return hit('Mon', 3);
        if (starts('MST', j)) return hit('MST', 3);
        break;
      case '0':
        if (starts('002', j)) return hit('002', 3);
        if (/[1-6]/.test(layout[j + 1] ?? '')) return hit(`0${layout[j + 1]}` as Chunk, 2);
        break;
      case '1':
        if (starts('15', j)) return hit('15', 2);
        return hit('1', 1);
      case '2':
        if (starts('2006', j)) return hit('2006', 4);
        return hit('2', 1);
      case '_':
        if (starts('__2', j)) return hit('__2', 3);
        if (starts('_2', j)) return hit('_2', 2);
        break;
      case '3':
      case '4':
      case '5':
        return hit(c, 1);
      case 'P':
        if (starts('PM', j)) return hit('PM', 2);
        break;
      case 'p':
        if (starts('pm', j)) return hit('pm', 2);
        break;
      case '-':
      case 'Z':
        for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) {
          if (starts(c + z, j)) return hit((c + z) as Chunk, 1 + z.length);
        }
        break;
      case '.':
      case ',': {
        const d = layout[j + 1];
        if ((d === '0' || d === '9') && j > 0) {
          let k = j + 1;
          while (layout[k] === d) k++;
          if (!/[0-9]/.test(layout[k] ?? '')) return { at: j, chunk: { frac: k - j - 1, trim: d === '9' }, len: k - j };
        }
        break;
      }
    }
  }
  return undefined;
}

function formatZone(chunk: string): string {
  if (chunk.startsWith('Z')) return 'Z';
  return `+${chunk.slice(1).replace(/7/g, '0')}`;
}

export function formatTime(t: GoTime, layout: string): string {
  let out = '';
  let i = 0;
  const hour = t.Hour();
  for (;;) {
    const next = nextChunk(layout, i);
    if (!next) return out + layout.slice(i);
    out += layout.slice(i, next.at);
    i = next.at + next.len;
    const ch = next.chunk;
    if (typeof ch === 'object') {
      const digits = pad(t.Nanosecond(), 9).slice(0, ch.frac);
      const sep = layout[next.at]!;
      if (!ch.trim) out += sep + digits;
      else {
        const trimmed = digits.replace(/0+$/, '');
        if (trimmed !== '') out += sep + trimmed;
      }
      continue;
    }
    switch (ch) {
      case 'January':
        out += t.Month().String();
        break;
      case 'Jan':
        out += t.Month().String().slice(0, 3);
        break;
      case '1':
        out += String(t.Month().n);
        break;
      case '01':
        out += pad(t.Month().n, 2);
        break;
      case 'Monday':
        out += t.Weekday().String();
        break;
      case 'Mon':
        out += t.Weekday().String().slice(0, 3);
        break;
      case '2':
        out += String(t.Day());
        break;
      case '_2':
        out += String(t.Day()).padStart(2, ' ');
        break;
      case '02':
        out += pad(t.Day(), 2);
        break;
      case '__2':
        out += String(t.YearDay()).padStart(3, ' ');
        break;
      case '002':
        out += pad(t.YearDay(), 3);
        break;
      case '15':
        out += pad(hour, 2);
        break;
      case '3':
        out += String(hour % 12 === 0 ? 12 : hour % 12);
        break;
      case '03':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, 2);
        break;
      case '4':
        out += String(t.Minute());
        break;
      case '04':
        out += pad(t.Minute(), 2);
        break;
      case '5':
        out += String(t.Second());
        break;
      case '05':
        out += pad(t.Second(), 2);
        break;
      case '2006':
        out += pad(t.Year(), 4);
        break;
      case '06':
        out += pad(t.Year() % 100, 2);
        break;
      case 'PM':
        out += hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += 'UTC';
        break;
      default:
        out += formatZone(ch);
    }
  }
}

/** Go's time.Parse for the same layout elements; zone abbreviations and offsets are folded into UTC. */
export function parseTime(layout: string, value: string): GoTime {
  const fail = (rest: string, elem: string): never => {
    throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  };
  let year = 0,
    month = 1,
    day = 1,
    hour = 0,
    minute = 0,
    second = 0,
    nanos = 0,
    offsetSec = 0;
  let pm: boolean | undefined;
  let i = 0;
  let v = value;
  const num = (elem: string, min: number, max: number, fixed: boolean): number => {
    const m = (fixed ? new RegExp(`^[0-9]{${max}}`) : new RegExp(`^[0-9]{${min},${max}}`)).exec(v);
    if (!m) fail(v, elem);
    v = v.slice(m![0].length);
    return Number(m![0]);
  };
  const word = (elem: string, names: string[]): number => {
    const idx = names.findIndex((n) => v.toLowerCase().startsWith(n.toLowerCase()));
    if (idx < 0) fail(v, elem);
    v = v.slice(names[idx]!.length);
    return idx;
  };
  for (;;) {
    const next = nextChunk(layout, i);
    const literal = layout.slice(i, next ? next.at : layout.length);
    if (!v.startsWith(literal)) fail(v, literal);
    v = v.slice(literal.length);
    if (!next) break;
    i = next.at + next.len;
    const ch = next.chunk;
    const elem = layout.slice(next.at, i);
    if (typeof ch === 'object') {
      const m = /^[.,]([0-9]+)/.exec(v);
      if (!m) {
        if (ch.trim) continue;
        fail(v, elem);
      }
      nanos = Number(m![1]!.slice(0, 9).padEnd(9, '0'));
      v = v.slice(m![0].length);
      continue;
    }
    switch (ch) {
      case 'January':
        month = word(elem, MONTHS) + 1;
        break;
      case 'Jan':
        month =
          word(
            elem,
            MONTHS.map((m) => m.slice(0, 3)),
          ) + 1;
        break;
      case '1':
        month = num(elem, 1, 2, false);
        break;
      case '01':
        month = num(elem, 2, 2, true);
        break;
      case 'Monday':
        word(elem, DAYS);
        break;
      case 'Mon':
        word(
          elem,
          DAYS.map((d) => d.slice(0, 3)),
        );
        break;
      case '2':
        day = num(elem, 1, 2, false);
        break;
      case '_2':
        v = v.replace(/^ /, '');
        day = num(elem, 1, 2, false);
        break;
      case '02':
        day = num(elem, 2, 2, true);
        break;
      case '__2':
      case '002':
        num(elem, 1, 3, ch === '002');
        break;
      case '15':
        hour = num(elem, 1, 2, false);
        break;
      case '3':
        hour = num(elem, 1, 2, false);
        break;
      case '03':
        hour = num(elem, 2, 2, true);
        break;
      case '4':
        minute = num(elem, 1, 2, false);
        break;
      case '04':
        minute = num(elem, 2, 2, true);
        break;
      case '5':
      case '05': {
        second = ch === '5' ? num(elem, 1, 2, false) : num(elem, 2, 2, true);
        // Go accepts a fractional second after the seconds element even when the layout has none.
        const m = /^\.([0-9]+)/.exec(v);
        if (m && !(nextChunk(layout, i)?.at === i && typeof nextChunk(layout, i)?.chunk === 'object')) {
          nanos = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
          v = v.slice(m[0].length);
        }
        break;
      }
      case '2006':
        year = num(elem, 4, 4, true);
        break;
      case '06': {
        const y = num(elem, 2, 2, true);
        year = y >= 69 ? 1900 + y : 2000 + y;
        break;
      }
      case 'PM':
      case 'pm': {
        const m = /^(AM|PM)/i.exec(v);
        if (!m) fail(v, elem);
        pm = m![1]!.toUpperCase() === 'PM';
        v = v.slice(2);
        break;
      }
      case 'MST': {
        const m = /^(?:UTC|GMT|[A-Z]{3,5}|[+-][0-9]{2,4})/.exec(v);
        if (!m) fail(v, elem);
        v = v.slice(m![0].length);
        break;
      }
      default: {
        if (ch.startsWith('Z') && v.startsWith('Z')) {
          v = v.slice(1);
          break;
        }
        const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?/.exec(v);
        if (!m) fail(v, elem);
        offsetSec = (m![1] === '-' ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0));
        v = v.slice(m![0].length);
      }
    }
  }
  if (v !== '') throw new Error(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(v)}`);
  if (pm !== undefined) {
    if (hour < 1 || hour > 12) throw new Error(`parsing time ${JSON.stringify(value)}: hour out of range`);
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  const ranges: Array<[number, number, number, string]> = [
    [month, 1, 12, 'month'],
    [hour, 0, 23, 'hour'],
    [minute, 0, 59, 'minute'],
    [second, 0, 59, 'second'],
  ];
  for (const [n, lo, hi, what] of ranges) if (n < lo || n > hi) throw new Error(`parsing time ${JSON.stringify(value)}: ${what} out of range`);
  const daysInMonth = new Date(utcMillis(year, month + 1, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) throw new Error(`parsing time ${JSON.stringify(value)}: day out of range`);
  return GoTime.fromMillis(utcMillis(year, month, day, hour, minute, second) - offsetSec * 1000, nanos);
}

/** time.Duration, for `.Sync.Interval` and `.Sync.RateLimit.Retry`: prints as Go does (`1h30m0s`, `500ms`). */
export class GoDuration {
  constructor(readonly seconds: number) {}
  String(): string {
    const ns = Math.round(this.seconds * 1e9);
    if (ns === 0) return '0s';
    const sign = ns < 0 ? '-' : '';
    let rest = Math.abs(ns);
    if (rest < 1e9) {
      const [unit, div] = rest < 1e3 ? ['ns', 1] : rest < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
      return `${sign}${rest / (div as number)}${unit}`;
    }
    const h = Math.floor(rest / 3.6e12);
    rest -= h * 3.6e12;
    const m = Math.floor(rest / 6e10);
    rest -= m * 6e10;
    const s = `${rest / 1e9}s`;
    if (h > 0) return `${sign}${h}h${m}m${s}`;
    if (m > 0) return `${sign}${m}m${s}`;
    return sign + s;
  }
}
