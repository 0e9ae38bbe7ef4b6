// fengari reads its build options from FENGARICONF once, when its modules load. LUA_COMPAT_FLOATSTRING prints
// integral floats as Lua 5.1 does (`3000000000`, `5`), not as 5.3 does (`3000000000.0`, `5.0`): regbot scripts are
// Lua 5.1 and sizes and times reach them as floats. This module is imported before fengari; lua-fengari.ts restores
// the variable once fengari has read it.
const previous = process.env['FENGARICONF'];

function withFloatString(current: string | undefined): string {
  let conf: Record<string, unknown> = {};
  try {
    const parsed: unknown = current ? JSON.parse(current) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) conf = parsed as Record<string, unknown>;
  } catch {
    // An unreadable FENGARICONF would make fengari throw at load; ours replaces it for that moment only.
  }
  return JSON.stringify({ ...conf, LUA_COMPAT_FLOATSTRING: true });
}

process.env['FENGARICONF'] = withFloatString(previous);

export function restoreFengariConf(): void {
  if (previous === undefined) delete process.env['FENGARICONF'];
  else process.env['FENGARICONF'] = previous;
}
