// `tag ls` and `repo ls`.
import type { Store } from '../store/store.js';
import type { RepoListCommand, TagListCommand } from './options.js';

export async function listTags(store: Store, cmd: TagListCommand): Promise<string[]> {
  const tags = await store.listTags(cmd.repository, {
    ...(cmd.limit !== undefined ? { limit: cmd.limit } : {}),
    ...(cmd.last !== undefined ? { last: cmd.last } : {}),
  });
  const kept = tags.filter((t) => (!cmd.include || cmd.include.test(t)) && !cmd.exclude?.test(t));
  return cmd.limit !== undefined ? kept.slice(0, cmd.limit) : kept;
}

export async function listRepositories(store: Store, cmd: RepoListCommand): Promise<string[]> {
  const repos = await store.listRepositories({
    ...(cmd.limit !== undefined ? { limit: cmd.limit } : {}),
    ...(cmd.last !== undefined ? { last: cmd.last } : {}),
  });
  return cmd.limit !== undefined ? repos.slice(0, cmd.limit) : repos;
}
