// regbot's numbers in fengari. regbot runs gopher-lua, where every number is a float64: integers are exact to 2^53
// and never wrap. fengari is Lua 5.3 with a 32-bit integer subtype (`2147483647 + 1` is negative, `os.time() * 1000`
// wraps). Every numeral is read as a float here, in the lexer, by `tonumber` and by string coercion alike, so script
// arithmetic is float arithmetic; the integers the libraries still make (`#t`, `string.len`) are small, and meeting a
// float they become floats. Numbers become text as gopher-lua writes them (its `LNumber.String`): a float with an
// exact int64 value as that integer (`2^53` is `9007199254740992`), any other as Go's `fmt.Sprint` does (shortest
// digits, an exponent below 1e-4 or from 1e6 with at least two digits: `1.5e+06`, `1e-05`, `+Inf`, `NaN`).
import lobject from 'fengari/src/lobject.js';
import lstring from 'fengari/src/lstring.js';
import fengari from 'fengari';

const TWO_63 = 2 ** 63;

/** A number as gopher-lua prints it. */
export function formatLuaNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  // gopher-lua's integer test converts to int64: -2^63 converts, +2^63 does not.
  if (Number.isInteger(n) && n >= -TWO_63 && n < TWO_63) return BigInt(n).toString();
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

const HEX = /^\s*([-+]?)0[xX]([0-9a-fA-F]+)\s*$/;

let installed = false;

/** Replaces fengari's numeral reading and number printing; once per process, before any state runs code. */
export function installRegbotNumbers(): void {
  if (installed) return;
  installed = true;
  const str2num = lobject.luaO_str2num;
  lobject.luaO_str2num = (s, o) => {
    const used = str2num(s, o);
    if (used === 0 || !o.ttisinteger()) return used;
    // A hexadecimal integer numeral wraps at 32 bits in fengari; gopher-lua reads its full value.
    const hex = HEX.exec(fengari.to_jsstring(s.subarray(0, used - 1)));
    if (hex) {
      const v = parseInt(hex[2]!, 16);
      o.setfltvalue(hex[1] === '-' ? -v : v);
    } else {
      o.setfltvalue(o.value as number);
    }
    return used;
  };
  lobject.luaO_tostring = (L, o) => {
    o.setsvalue(lstring.luaS_bless(L, fengari.to_luastring(formatLuaNumber(o.value as number))));
  };
  // tostring and print format a float through the `%f` of luaL_tolstring's pushfstring, which calls fengari's own
  // luaO_tostring directly: each `%f` becomes a `%s` of the number as gopher-lua writes it.
  const pushvfstring = lobject.luaO_pushvfstring;
  lobject.luaO_pushvfstring = (L, fmt, argp) => {
    if (!fmt.includes(PERCENT)) return pushvfstring(L, fmt, argp);
    const format = Uint8Array.from(fmt);
    const args = [...argp];
    let arg = 0;
    for (let i = 0; i + 1 < format.length; i++) {
      if (format[i] !== PERCENT) continue;
      const conv = format[++i];
      if (conv === PERCENT) continue;
      if (conv === LETTER_F) {
        format[i] = LETTER_S;
        args[arg] = formatLuaNumber(args[arg] as number);
      }
      arg++;
    }
    return pushvfstring(L, format, args);
  };
}

const PERCENT = 0x25;
const LETTER_F = 0x66;
const LETTER_S = 0x73;
