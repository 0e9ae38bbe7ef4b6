// How a script that was stopped is named in its error, by the engine inside the worker and by the host outside it:
// the script's own name and line (Lua's `name:LINE:` form), and where it is written in the config file.
import type { ScriptSite } from '../types.js';

/** `regbot.yml:14`: the file line of Lua line `luaLine` for a block-scalar script, else of the script's entry. */
export function configLine(site: ScriptSite | undefined, luaLine: number | undefined): string | undefined {
  if (!site) return undefined;
  const line = luaLine !== undefined && luaLine > 0 && site.luaLineOffset !== undefined ? site.luaLineOffset + luaLine : site.line;
  return `${site.file}:${line}`;
}

/** ` (regbot.yml:14)`, for a message. */
export function siteOf(site: ScriptSite | undefined, luaLine: number | undefined): string {
  const at = configLine(site, luaLine);
  return at === undefined ? '' : ` (${at})`;
}

/** `name:LINE: script "name" (regbot.yml:14) <what>`. */
export function stoppedMessage(name: string, site: ScriptSite | undefined, line: number | undefined, what: string): string {
  const at = line !== undefined && line > 0 ? `${name}:${line}: ` : '';
  return `${at}script "${name}"${siteOf(site, line)} ${what}`;
}

export function timeoutMessage(name: string, site: ScriptSite | undefined, timeoutMs: number, line: number | undefined, insideCall = false): string {
  return stoppedMessage(
    name,
    site,
    line,
    `timed out after ${timeoutMs / 1000}s${insideCall ? ' inside one library call' : ''}; raise its timeout or make it do less per run`,
  );
}
