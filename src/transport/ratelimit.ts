// Docker Hub pull accounting headers (`ratelimit-limit: 100;w=21600`, `ratelimit-remaining: 76;w=21600`,
// `ratelimit-reset: <seconds>`), as regclient reports them.

/** Docker Hub style pull accounting (`ratelimit-limit: 100;w=21600`, `ratelimit-remaining: 76;w=21600`). */
export interface RateLimit {
  /** True only when a remaining count was given. */
  set: boolean;
  limit?: number;
  remaining?: number;
  /** Seconds until the window resets, when the registry says. */
  reset?: number;
  policies: string[];
}

type HeaderValue = string | string[] | undefined;

function first(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function leadingInt(value: string): number | undefined {
  const m = /^\s*(\d+)/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** `undefined` when the response carries no rate-limit header at all. */
export function parseRateLimit(headers: Record<string, HeaderValue>): RateLimit | undefined {
  const limitHeader = first(headers['ratelimit-limit']);
  const remainingHeader = first(headers['ratelimit-remaining']);
  const resetHeader = first(headers['ratelimit-reset']);
  if (limitHeader === undefined && remainingHeader === undefined && resetHeader === undefined) return undefined;
  const rl: RateLimit = { set: false, policies: [] };
  if (limitHeader !== undefined) {
    const limit = leadingInt(limitHeader);
    if (limit !== undefined) rl.limit = limit;
    rl.policies.push(
      ...limitHeader
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    );
  }
  if (remainingHeader !== undefined) {
    const remaining = leadingInt(remainingHeader);
    if (remaining !== undefined) {
      rl.remaining = remaining;
      rl.set = true;
    }
  }
  if (resetHeader !== undefined) {
    const reset = leadingInt(resetHeader);
    if (reset !== undefined) rl.reset = reset;
  }
  return rl;
}
