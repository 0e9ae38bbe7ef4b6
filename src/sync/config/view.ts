// `regkit sync config`: the resolved config as a regsync.yml, every default filled in and every secret replaced, so a
// user sees what a run will do without seeing what it authenticates with. It is written in the file's own keys and
// value forms (durations as Go durations), so what it prints loads again, under --strict, to the same config.
import type { TextMatch, VerifyPolicy } from '../../verify/policy.js';
import { stringify } from 'yaml';
import type { Hooks, StepSettings, SyncConfig, SyncStep, TagFilter } from './load.js';
import type { CredsEntry } from '../../config/creds.js';
import { SECRET_FIELDS } from '../../config/secrets.js';
import { GoDuration } from '../../gotemplate/time.js';

const REDACTED = '<redacted>';

const duration = (seconds: number): string => new GoDuration(seconds).String();

function credsView(c: CredsEntry): Record<string, unknown> {
  // credsFrom is where the loader read the entry, not a key of the file.
  const { credExpire, credsFrom: _from, ...rest } = c;
  const copy: Record<string, unknown> = { ...rest, ...(credExpire !== undefined ? { credExpire: duration(credExpire) } : {}) };
  for (const f of SECRET_FIELDS) if (copy[f] !== undefined) copy[f] = REDACTED;
  return copy;
}

function tagSetView(t: TagFilter): Record<string, unknown> {
  return {
    ...(t.allow.length ? { allow: t.allow.map((p) => p.source) } : {}),
    ...(t.deny.length ? { deny: t.deny.map((p) => p.source) } : {}),
    ...(t.semverRange.length ? { semverRange: t.semverRange.map((r) => r.source) } : {}),
    ...(t.latest !== undefined ? { latest: t.latest, sort: t.sort } : {}),
  };
}

function hooksView(h: Hooks): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['pre', 'post', 'unchanged'] as const) if (h[k]) out[k] = { type: h[k].type, params: h[k].params };
  return out;
}

/** The keys a step shares with `defaults`. */
function settingsView(s: StepSettings): Record<string, unknown> {
  const hooks = hooksView(s.hooks);
  return {
    ...(s.intervalSeconds !== undefined ? { interval: duration(s.intervalSeconds) } : {}),
    ...(s.schedule !== undefined ? { schedule: s.schedule } : {}),
    ratelimit: { min: s.rateLimit.min, retry: duration(s.rateLimit.retrySeconds) },
    digestTags: s.digestTags,
    referrers: s.referrers,
    ...(s.referrerSource !== undefined ? { referrerSource: s.referrerSource } : {}),
    ...(s.referrerTarget !== undefined ? { referrerTarget: s.referrerTarget } : {}),
    referrerSlow: s.referrerSlow,
    fastCheck: s.fastCheck,
    forceRecursive: s.forceRecursive,
    includeExternal: s.includeExternal,
    mediaTypes: s.mediaTypes,
    ...(Object.keys(hooks).length ? { hooks } : {}),
    platformsIndex: s.platformsIndex,
    // The resolved policy, as a reviewer needs it: which keys and identities admit the step's images, checked how.
    ...(s.verify ? { verify: verifyView(s.verify) } : {}),
  };
}

function verifyView(v: VerifyPolicy): Record<string, unknown> {
  const match = (key: string, m: TextMatch) => ('exact' in m ? { [key]: m.exact } : { [`${key}RegExp`]: m.pattern });
  return {
    ...(v.keys.length > 0 ? { keys: v.keys.map((k) => k.name) } : {}),
    ...(v.keyless.length > 0 ? { keyless: v.keyless.map((id) => ({ ...match('issuer', id.issuer), ...match('subject', id.subject) })) } : {}),
    ...(v.trustedRoot ? { trustedRoot: v.trustedRoot.name } : {}),
    ...(v.trustedRoot ? { tlogThreshold: v.thresholds.tlog, ctlogThreshold: v.thresholds.ctlog, timestampThreshold: v.thresholds.timestamp } : {}),
    signed: v.signed,
  };
}

function stepView(s: SyncStep): Record<string, unknown> {
  return {
    source: s.source,
    target: s.target,
    type: s.type,
    ...(s.tagSets.length ? { tagSets: s.tagSets.map(tagSetView) } : {}),
    ...(s.repos.allow.length || s.repos.deny.length ? { repos: { allow: s.repos.allow.map((p) => p.source), deny: s.repos.deny.map((p) => p.source) } } : {}),
    ...(s.platform !== undefined ? { platform: s.platform } : {}),
    ...(s.platforms.length ? { platforms: s.platforms } : {}),
    ...(s.backup ? { backup: s.backup.source } : {}),
    referrerFilters: s.referrerFilters,
    ...settingsView(s),
    ...(s.prune ? { prune: true } : {}),
  };
}

export function renderSyncConfig(config: SyncConfig): string {
  const d = config.defaults;
  const defaults = {
    parallel: d.parallel,
    ...(d.backup !== undefined ? { backup: d.backup } : {}),
    ...(d.referrerFilters ? { referrerFilters: d.referrerFilters } : {}),
    ...settingsView(d),
    blobLimit: d.blobLimit,
    cacheCount: d.cacheCount,
    cacheTime: duration(d.cacheTimeSeconds),
    skipDockerConfig: d.skipDockerConfig,
    ...(d.userAgent !== undefined ? { userAgent: d.userAgent } : {}),
  };
  return stringify(
    { version: config.version, creds: config.creds.map(credsView), defaults, sync: config.sync.map(stepView) },
    { aliasDuplicateObjects: false },
  );
}
