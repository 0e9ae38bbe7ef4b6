// fengari reads its build options from FENGARICONF once, when its modules load, and throws at load on an unreadable
// value: this module, imported before fengari, hands it a readable one for that moment (LUA_COMPAT_FLOATSTRING only
// matters to fengari's own number printing, which numbers.ts replaces with gopher-lua's). fengari.ts restores the
// variable once fengari has read it.
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
