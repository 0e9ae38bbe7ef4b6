// What every API table shares for one script run: options, the async bridge, the journal and the log lines.
import type { StoreSource } from '../../copy/options.js';
import { formatReference, type Reference } from '../../oci/reference.js';
import { decorateStores } from '../../store/decorator.js';
import { isDeleteReceipt, type Store } from '../../store/store.js';
import type { AsyncBridge, AsyncCall } from './bridge.js';
import { lua, type LuaState } from './fengari.js';
import { JournalingStore, type Journal } from './journal.js';
import { configLine } from './messages.js';
import type { EngineOptions, ScriptLogLine } from '../types.js';
import type { JournalEntry } from '../types.js';

export class ApiContext {
  private readonly stores: StoreSource;

  constructor(
    readonly opts: EngineOptions,
    readonly bridge: AsyncBridge,
    readonly journal: Journal,
    readonly addLog: (line: ScriptLogLine) => void,
  ) {
    this.stores = decorateStores(
      (ref) => opts.stores.storeFor(ref),
      (store) => new JournalingStore(store, journal),
    );
  }

  get dryRun(): boolean {
    return this.opts.dryRun;
  }

  storeFor(ref: Reference): Store {
    return this.stores.storeFor(ref);
  }

  /**
   * Runs a write the journal recorded and marks its outcome: executed unless this is a dry run (whose stores and
   * host plan every write instead of making it), or the failure.
   */
  async perform<T>(entry: JournalEntry, work: () => Promise<T>): Promise<T> {
    try {
      const value = await work();
      entry.executed = !this.dryRun;
      if (isDeleteReceipt(value)) entry.githubVersionIds = value.githubVersionIds;
      return value;
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      this.journal.changed(entry);
    }
  }

  /** A Lua function running `start` asynchronously; a failure is raised at the script's line as "what: why". */
  asyncFunction<T>(start: (L: LuaState) => AsyncCall<T>): (L: LuaState) => number {
    return this.bridge.asyncFunction(start, (err) => (err instanceof Error ? err.message : String(err)));
  }

  /** The line of the script that called the running API function. */
  line(L: LuaState): number | undefined {
    const ar = new lua.lua_Debug();
    if (!lua.lua_getstack(L, 1, ar)) return undefined;
    lua.lua_getinfo(L, 'l', ar);
    return ar.currentline > 0 ? ar.currentline : undefined;
  }

  lineFields(L: LuaState): { line?: number } {
    const line = this.line(L);
    return line === undefined ? {} : { line };
  }

  /**
   * What every log line of a script's call says of where it comes from: the script, its Lua line, and that line in
   * the config file (`regbot.yml:14`), so a reader of the log goes straight to it.
   */
  logFields(line: number | undefined): Record<string, unknown> {
    const at = configLine(this.opts.site, line);
    return { script: this.opts.name, ...(line !== undefined ? { line } : {}), ...(at !== undefined ? { config: at } : {}) };
  }

  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.opts.logger.debug(message, { ...this.logFields(undefined), ...fields });
  }
}

/** Prefixes a failure with the call and reference, as regbot's messages do (`tag.delete "reg/repo:tag": …`). */
export function labelled<T>(what: string, ref: Reference | string, work: Promise<T>): Promise<T> {
  const name = typeof ref === 'string' ? ref : formatReference(ref);
  return work.catch((err: unknown) => {
    throw new Error(`${what} "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
  });
}
