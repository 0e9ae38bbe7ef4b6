// `log(msg)` as regbot has it ("User script message" at info), and `print` routed to the same place: the core
// never writes to stdout.
import type { ApiContext } from '../context.js';
import { lauxlib, lua, setFunction, to_jsstring, to_luastring, type LuaState } from '../fengari.js';

export function installLog(L: LuaState, ctx: ApiContext): void {
  const emit = (L2: LuaState, message: string): number => {
    const where = ctx.lineFields(L2);
    ctx.addLog({ message, ...where });
    ctx.opts.logger.info('User script message', { ...ctx.logFields(where.line), message });
    return 0;
  };
  lua.lua_getglobal(L, to_luastring('_G'));
  setFunction(L, 'log', (L2) => emit(L2, to_jsstring(lauxlib.luaL_checkstring(L2, 1))));
  setFunction(L, 'print', (L2) => {
    const parts: string[] = [];
    for (let i = 1; i <= lua.lua_gettop(L2); i++) {
      parts.push(to_jsstring(lauxlib.luaL_tolstring(L2, i)));
      lua.lua_pop(L2, 1);
    }
    return emit(L2, parts.join('\t'));
  });
  lua.lua_pop(L, 1);
}
