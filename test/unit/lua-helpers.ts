// Shared setup for the Lua runtime tests: OCI layout stores from the fixture generator and a runScript wrapper.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyImage } from '../../src/copy/copy.js';
import { silentLogger } from '../../src/log.js';
import { runScript } from '../../src/prune/lua/run.js';
import type { RunScriptOptions, ScriptResult } from '../../src/prune/types.js';
import type { Reference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';

export interface LuaTestEnv {
  stores: StoreSet;
  run(source: string, extra?: Partial<RunScriptOptions>): Promise<ScriptResult>;
  close(): Promise<void>;
}

export function luaTestEnv(): LuaTestEnv {
  const stores = new StoreSet({ hosts: [], logger: silentLogger, useDockerConfig: false });
  const copy: RunScriptOptions['copy'] = (src: Reference, dst: Reference, opts) => copyImage({ stores, logger: silentLogger }, src, dst, opts);
  return {
    stores,
    run: (source, extra = {}) =>
      runScript({
        name: 'test-script',
        source,
        stores,
        logger: silentLogger,
        dryRun: false,
        timeoutMs: 5000,
        copy,
        filesDir: tmpdir(),
        platform: { os: 'linux', architecture: 'amd64' },
        ...extra,
      }),
    close: () => stores.close(),
  };
}

/** Fails with the script's own error when it did not succeed. */
export function assertOk(result: ScriptResult): ScriptResult {
  if (!result.ok) throw new Error(`script failed: ${result.error}`);
  return result;
}

export function messages(result: ScriptResult): string[] {
  return result.logs.map((l) => l.message);
}

export function layoutIn(tmp: string, name: string): string {
  return join(tmp, name);
}
