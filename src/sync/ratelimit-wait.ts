// Waiting out a source's pull limit (regsync `ratelimit.min/retry`): while the remaining pulls are below `min`, sleep
// `retry` and ask again. In a CI job the wait has a budget (`--max-wait`): an item that would exceed it fails with a
// clear message and the run carries on with the others, instead of sleeping until the job is killed.
import { formatReference } from '../oci/reference.js';
import type { ManifestHead } from '../store/store.js';
import type { SyncItem, StoreLookup } from './items.js';
import type { Logger } from '../log.js';

export interface RateLimitClock {
  sleep(seconds: number): Promise<void>;
}

const realClock: RateLimitClock = { sleep: (s) => new Promise((r) => setTimeout(r, s * 1000)) };

export interface WaitBudget {
  waitedSeconds: number;
  maxSeconds: number | undefined;
}

export type WaitOutcome = { gaveUp: false; seconds: number } | { gaveUp: true; reason: string };

export async function waitForRateLimit(
  ctx: { stores: StoreLookup; logger: Logger; clock?: RateLimitClock },
  item: SyncItem,
  head: ManifestHead,
  budget: WaitBudget,
): Promise<WaitOutcome> {
  const { min, retrySeconds } = item.step.rateLimit;
  const clock = ctx.clock ?? realClock;
  let current = head.rateLimit;
  let seconds = 0;
  while (current?.set && current.remaining !== undefined && current.remaining < min) {
    if (budget.maxSeconds !== undefined && budget.waitedSeconds + retrySeconds > budget.maxSeconds) {
      return {
        gaveUp: true,
        reason: `rate limit: ${formatReference(item.source)} has ${current.remaining} pulls left, below ratelimit.min ${min}; waiting ${retrySeconds}s more would pass --max-wait ${budget.maxSeconds}s (waited ${budget.waitedSeconds}s), so this tag was left for the next run`,
      };
    }
    ctx.logger.info(`rate limit: ${current.remaining} pulls left on ${formatReference(item.source)} (min ${min}); waiting ${retrySeconds}s`);
    await clock.sleep(retrySeconds);
    budget.waitedSeconds += retrySeconds;
    seconds += retrySeconds;
    current = (await ctx.stores.storeFor(item.source).headManifest(item.source))?.rateLimit;
  }
  return { gaveUp: false, seconds };
}
