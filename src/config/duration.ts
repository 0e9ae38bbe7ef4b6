// Go's time.ParseDuration (https://pkg.go.dev/time#ParseDuration): "300ms", "-1.5h", "2h45m", units ns us µs ms s m h.

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds in a Go duration string; throws with Go's wording on bad input. */
export function parseGoDuration(text: string): number {
  const fail = (why: string): never => {
    throw new Error(`invalid duration ${JSON.stringify(text)}: ${why} (Go syntax such as 90s, 15m, 1h30m, 500ms)`);
  };
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') fail('empty');
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)([^0-9.]*)/.exec(s)!;
    const [all, num, unit] = m as unknown as [string, string, string];
    if (num === '' || num === '.') fail('expected a number');
    if (unit === '') fail('missing unit');
    const factor = UNIT_SECONDS[unit];
    if (factor === undefined) fail(`unknown unit ${JSON.stringify(unit)}`);
    total += Number(num) * factor!;
    s = s.slice(all.length);
  }
  return sign * total;
}
