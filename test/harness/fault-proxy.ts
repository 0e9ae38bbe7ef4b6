// A seeded, bounded fault schedule for the harness proxy: which request gets which fault is drawn from a seed in the
// order requests arrive, so a sequential client replays exactly (parallel ones only roughly); no request is faulted more than `maxInARow` times running and no more than
// `budget` faults are injected in all, so retries can get through. It also serves Docker Hub's pull accounting
// headers, counting down one pull per manifest GET as Hub does (HEAD is free there).
//
// Usage: `const proxy = await startFaultProxy(reg.host, { seed: 7, rate: 0.2 })`, point the code under test at
// `proxy.host`, then read `proxy.stats()` for what was injected.
import type { IncomingMessage } from 'node:http';
import { startProxy, type ProxyFault, type RunningProxy } from './proxy.js';

export const FAULT_KINDS = ['500', '502', '503', '429', 'drop-mid-request', 'drop-mid-response', 'stall-short', 'stall-long', 'truncate-manifest'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultProxyOptions {
  seed: number;
  /** Chance, 0 to 1, that a request a fault applies to gets one. */
  rate: number;
  kinds?: readonly FaultKind[];
  /** The same method and path is faulted at most this many times running. Default 2. */
  maxInARow?: number;
  /** Faults injected in all, at most. Default unbounded. */
  budget?: number;
  /** A pause the client should sit through. Default 100 ms. */
  shortStallMs?: number;
  /** A pause longer than the client's body timeout. Default 2000 ms. */
  longStallMs?: number;
  /** `Retry-After` on 429 answers, seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Pulls in the rate-limit window at the start. Default 10000. */
  rateLimit?: number;
}

export interface FaultStats {
  requests: number;
  injected: Record<FaultKind, number>;
  /** What the last `ratelimit-remaining` header said. */
  rateLimitRemaining: number;
}

export interface FaultProxy extends RunningProxy {
  stats(): FaultStats;
  /** Stops or resumes injecting; the rate-limit countdown goes on. */
  setEnabled(enabled: boolean): void;
}

/** mulberry32: a tiny PRNG whose whole state is one 32-bit number, enough for reproducible schedules. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RATE_WINDOW = 'w=21600';
const isManifest = (req: IncomingMessage): boolean => /\/manifests\/[^/]+$/.test(new URL(req.url ?? '/', 'http://x').pathname);
const hasBody = (req: IncomingMessage): boolean => Number(req.headers['content-length'] ?? 0) > 0;

/** Kinds that make sense for this request: body faults need a body on the side they cut. */
function applicable(kind: FaultKind, req: IncomingMessage): boolean {
  switch (kind) {
    case 'drop-mid-request':
      return hasBody(req);
    case 'drop-mid-response':
    case 'stall-short':
    case 'stall-long':
      return req.method === 'GET';
    case 'truncate-manifest':
      return req.method === 'GET' && isManifest(req);
    default:
      return true;
  }
}

export async function startFaultProxy(target: string, opts: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(opts.seed);
  const kinds = opts.kinds ?? FAULT_KINDS;
  const maxInARow = opts.maxInARow ?? 2;
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const running = new Map<string, number>();
  let total = 0;
  let requests = 0;
  let enabled = true;
  const limit = opts.rateLimit ?? 10_000;
  let remaining = limit;

  function toFault(kind: FaultKind): ProxyFault {
    switch (kind) {
      case '429':
        return { status: 429, headers: { 'retry-after': String(opts.retryAfterSeconds ?? 1) } };
      case '500':
      case '502':
      case '503':
        return { status: Number(kind) };
      case 'stall-short':
        return { stallMs: opts.shortStallMs ?? 100 };
      case 'stall-long':
        return { stallMs: opts.longStallMs ?? 2000 };
      case 'truncate-manifest':
        return 'truncate';
      default:
        return kind;
    }
  }

  function faults(req: IncomingMessage): ProxyFault | undefined {
    requests++;
    const key = `${req.method} ${req.url}`;
    const candidates = kinds.filter((k) => applicable(k, req));
    // Both draws happen for every request, so the schedule depends on the seed and the request order alone.
    const roll = random();
    const pick = candidates[Math.floor(random() * candidates.length)];
    const inARow = running.get(key) ?? 0;
    const allowed = enabled && pick !== undefined && inARow < maxInARow && (opts.budget === undefined || total < opts.budget);
    if (!allowed || roll >= opts.rate) {
      running.delete(key);
      return undefined;
    }
    running.set(key, inARow + 1);
    total++;
    injected[pick]++;
    return toFault(pick);
  }

  function headers(req: IncomingMessage): Record<string, string> {
    if (!isManifest(req)) return {};
    if (req.method === 'GET' && remaining > 0) remaining--;
    return { 'ratelimit-limit': `${limit};${RATE_WINDOW}`, 'ratelimit-remaining': `${remaining};${RATE_WINDOW}` };
  }

  const proxy = await startProxy(target, { faults, headers });
  return {
    ...proxy,
    stats: () => ({ requests, injected: { ...injected }, rateLimitRemaining: remaining }),
    setEnabled: (on) => {
      enabled = on;
    },
  };
}
