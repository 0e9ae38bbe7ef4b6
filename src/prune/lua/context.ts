// What every API table shares for one script run: options, the async bridge, the journal and the log lines.
import { formatReference, type Reference } from '../../oci/reference.js';
import type { Store } from '../../store/store.js';
import type { AsyncBridge, AsyncCall } from './bridge.js';
import { lua, type LuaState } from './fengari.js';
import type { Journal } from './journal.js';
import type { RunScriptOptions, ScriptLogLine } from '../types.js';

export class ApiContext {
  constructor(
    readonly opts: RunScriptOptions,
    readonly bridge: AsyncBridge,
    readonly journal: Journal,
    readonly logs: ScriptLogLine[],
  ) {}

  get dryRun(): boolean {
    return this.opts.dryRun;
  }

  storeFor(ref: Reference): Store {
    return this.opts.stores.storeFor(ref);
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

  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.opts.logger.debug(message, { script: this.opts.name, ...fields });
  }
}

/** Prefixes a failure with the call and reference, as regbot's messages do (`tag.delete "reg/repo:tag": …`). */
export function labelled<T>(what: string, ref: Reference | string, work: Promise<T>): Promise<T> {
  const name = typeof ref === 'string' ? ref : formatReference(ref);
  return work.catch((err: unknown) => {
    throw new Error(`${what} "${name}" failed: ${err instanceof Error ? err.message : String(err)}`);
  });
}
