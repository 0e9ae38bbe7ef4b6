// Regsync's tag and repository filters are Go RE2 expressions, anchored `^…$`. Most RE2 is valid JavaScript; the
// RE2-only forms users write are translated here, and anything JavaScript still refuses is an error to show.

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Compiles an RE2 pattern anchored at both ends; throws an Error saying why it cannot be used. */
export function compileAnchoredRegex(pattern: string): RegExp {
  let p = pattern;
  let flags = '';
  // RE2 flags at the very start apply to the whole pattern; JavaScript takes them as RegExp flags.
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    if (lead[1]!.includes('U')) throw new Error(`regex ${JSON.stringify(pattern)}: the U (ungreedy) flag has no JavaScript equivalent`);
    flags = [...new Set(lead[1]!)].join('');
    p = p.slice(lead[0].length);
  }
  if (/\(\?[imsU-]+[):]/.test(p)) {
    throw new Error(`regex ${JSON.stringify(pattern)}: inline flags such as (?i) are supported only at the start of the pattern`);
  }
  p = p
    .replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, lit: string) => escapeLiteral(lit))
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\\([pP])([A-Za-z])/g, '\\$1{$2}')
    .replace(/\[:(\^?)([a-z]+):\]/g, (all, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name];
      if (!cls) return all;
      if (neg) throw new Error(`regex ${JSON.stringify(pattern)}: negated POSIX class [:^${name}:] is not supported; use [^${cls}]`);
      return cls;
    });
  if (/\\[pP]/.test(p)) flags += 'u';
  try {
    return new RegExp(`^(?:${p})$`, flags);
  } catch (err) {
    throw new Error(`invalid regex ${JSON.stringify(pattern)}: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`, {
      cause: err,
    });
  }
}
