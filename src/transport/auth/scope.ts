// Token scopes (distribution token spec, "Requesting a Token"): `repository:<name>:<actions>`. Scopes for the same
// resource are merged so one token covers pull, push and delete on every repository a host has seen.

export type Action = 'pull' | 'push' | 'delete' | '*';

export function repositoryScope(repository: string, actions: readonly Action[]): string {
  return `repository:${repository}:${[...actions].join(',')}`;
}

export const CATALOG_SCOPE = 'registry:catalog:*';

/** The actions a request needs on its repository (distribution: GET/HEAD pull, writes push+pull, DELETE delete). */
export function actionsForMethod(method: string): Action[] {
  if (method === 'GET' || method === 'HEAD') return ['pull'];
  if (method === 'DELETE') return ['delete'];
  return ['pull', 'push'];
}

/** Resource (`repository:foo`) → actions granted or asked for. */
export class ScopeSet {
  private readonly resources = new Map<string, Set<string>>();

  /** Adds scopes; true when something new was added. */
  add(scopes: readonly string[]): boolean {
    let changed = false;
    for (const scope of scopes) {
      const cut = scope.lastIndexOf(':');
      if (cut <= 0) continue;
      const resource = scope.slice(0, cut);
      let actions = this.resources.get(resource);
      if (!actions) this.resources.set(resource, (actions = new Set()));
      for (const a of scope.slice(cut + 1).split(',')) {
        if (a !== '' && !actions.has(a)) {
          actions.add(a);
          changed = true;
        }
      }
    }
    return changed;
  }

  /** Stable, sorted scope strings: also the key tokens are cached under. */
  list(): string[] {
    return [...this.resources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([r, acts]) => `${r}:${[...acts].sort().join(',')}`);
  }
}
