// Compiles a script without running it, so a syntax error fails the config load (exit 2, a PR check) instead of a
// scheduled run, and maps the Lua line to the line of the YAML file it was written on.
import { isScalar, type Scalar } from 'yaml';
import type { YamlFile, YamlValue } from '../../config/yaml.js';
import { lauxlib, lua, to_luastring } from '../lua/fengari.js';

export interface LuaSyntaxError {
  /** Line inside the script, 1-based. */
  line: number;
  /** Lua's message without its `name:line:` prefix. */
  message: string;
}

/** Undefined when the script compiles. Only the parser runs: no library is opened and no code executes. */
export function checkLuaSyntax(source: string): LuaSyntaxError | undefined {
  const L = lauxlib.luaL_newstate();
  const chunk = to_luastring(source);
  if (lauxlib.luaL_loadbufferx(L, chunk, chunk.length, to_luastring('=script'), to_luastring('t')) === lua.LUA_OK) return undefined;
  const text = lua.lua_tojsstring(L, -1);
  const m = /^script:(\d+): ([\s\S]*)$/.exec(text);
  return m ? { line: Number(m[1]), message: m[2]! } : { line: 1, message: text };
}

/**
 * The file line holding line `luaLine` of a script value. Exact for block scalars (`script: |`), whose content
 * starts on the line after the indicator; for a flow scalar, the line where it starts.
 */
export function fileLineOf(yaml: YamlFile, node: YamlValue, luaLine: number): number {
  const n = yaml.resolve(node);
  const start = yaml.position(n).line;
  if (n && isScalar(n) && ((n as Scalar).type === 'BLOCK_LITERAL' || (n as Scalar).type === 'BLOCK_FOLDED')) return start + luaLine;
  return start;
}
