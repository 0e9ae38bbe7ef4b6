// WWW-Authenticate parsing (RFC 9110 §11.6.1): one header may carry several challenges, and quoted strings may hold
// commas and backslash escapes, so a split on "," is not enough.

export interface Challenge {
  /** Lower-cased scheme: `bearer`, `basic`, ... */
  scheme: string;
  /** Lower-cased parameter names → unquoted values (`realm`, `service`, `scope`, `error`). */
  params: Record<string, string>;
}

const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

export function parseWwwAuthenticate(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  if (Array.isArray(header)) return header.flatMap((h) => parseWwwAuthenticate(h));
  const s = header;
  const out: Challenge[] = [];
  let current: Challenge | undefined;
  let i = 0;
  const skip = (chars: string): void => {
    while (i < s.length && chars.includes(s[i]!)) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < s.length && TOKEN_CHAR.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const readQuoted = (): string => {
    let value = '';
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      value += s[i];
      i++;
    }
    i++;
    return value;
  };
  while (i < s.length) {
    skip(' \t,');
    if (i >= s.length) break;
    const word = readToken();
    if (word === '') {
      i++;
      continue;
    }
    skip(' \t');
    if (current && s[i] === '=' && s[i + 1] !== '=') {
      i++;
      skip(' \t');
      const value = s[i] === '"' ? readQuoted() : readToken();
      current.params[word.toLowerCase()] = value;
      continue;
    }
    current = { scheme: word.toLowerCase(), params: {} };
    out.push(current);
    // A token68 credential (`Negotiate abc==`) carries no parameters: step over it.
    if (/^[A-Za-z0-9._~+/-]+=*\s*(,|$)/.test(s.slice(i))) {
      while (i < s.length && s[i] !== ',') i++;
    }
  }
  return out;
}
