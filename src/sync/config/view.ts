// `regkit sync config`: the resolved config as YAML, every default filled in and every secret replaced, so a user
// sees what a run will do without seeing what it authenticates with.
import { stringify } from 'yaml';
import type { SyncConfig, SyncStep, TagFilter } from './load.js';
import { SECRET_FIELDS } from '../../config/secrets.js';

const REDACTED = '<redacted>';

function tagSetView(t: TagFilter): Record<string, unknown> {
  return {
    ...(t.allow.length ? { allow: t.allow.map((p) => p.source) } : {}),
    ...(t.deny.length ? { deny: t.deny.map((p) => p.source) } : {}),
    ...(t.semverRange.length ? { semverRange: t.semverRange.map((r) => r.source) } : {}),
    ...(t.latest !== undefined ? { latest: t.latest, sort: t.sort } : {}),
  };
}

function stepView(s: SyncStep): Record<string, unknown> {
  const { index: _i, file: _f, line: _l, column: _c, tagSets, repos, backup, hooks: _h, ...rest } = s;
  return {
    ...rest,
    ...(tagSets.length ? { tagSets: tagSets.map(tagSetView) } : {}),
    ...(repos.allow.length || repos.deny.length ? { repos: { allow: repos.allow.map((p) => p.source), deny: repos.deny.map((p) => p.source) } } : {}),
    ...(backup ? { backup: backup.source } : {}),
  };
}

export function renderSyncConfig(config: SyncConfig): string {
  const creds = config.creds.map((c) => {
    const copy: Record<string, unknown> = { ...c };
    for (const f of SECRET_FIELDS) if (copy[f] !== undefined) copy[f] = REDACTED;
    return copy;
  });
  return stringify({ version: config.version, creds, defaults: config.defaults, sync: config.sync.map(stepView) }, { aliasDuplicateObjects: false });
}
