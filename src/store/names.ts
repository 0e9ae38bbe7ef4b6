// The one place a backend turns what it listed (names, or entries carrying one) into validated values: an entry whose
// name is not valid in the OCI grammar is never returned, so nothing can be built from it; it goes to the caller, which
// reports it against its own item, or else is logged as a warning naming the source.
import { InvalidNameError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ListOptions } from './store.js';

export function keepValidNames<T>(
  values: readonly unknown[],
  parse: (value: unknown, source: string) => T,
  source: string,
  opts: ListOptions,
  logger: Logger,
): T[] {
  const kept: T[] = [];
  for (const value of values) {
    try {
      kept.push(parse(value, source));
    } catch (err) {
      if (!(err instanceof InvalidNameError)) throw err;
      if (opts.onInvalid) opts.onInvalid(err);
      else logger.warn(`${err.message}; skipped`);
    }
  }
  return kept;
}
