// `defaults` and `sync[]` entries of a regsync config, resolved the way regsync's syncSetDefaults does it, plus
// regkit's own keys (platformsIndex, prune, tags.latest/sort).
import { parsePlatform } from '../../oci/platform.js';
import { parseReference } from '../../oci/reference.js';
import { MediaType } from '../../oci/mediatypes.js';
import { validateCron } from '../../config/cron.js';
import { parseGoDuration } from '../../config/duration.js';
import { readNameFilter, readTagFilter } from '../../config/filters.js';
import { checkedEntries, presentEntry as present } from '../../config/keys.js';
import type { ConfigTrust } from '../../config/trust.js';
import type { VerifyPolicy } from '../../verify/policy.js';
import { readVerify } from './verify.js';
import { compileField, expandField } from '../../config/template-field.js';
import {
  SYNC_TYPES,
  type Hook,
  type Hooks,
  type PlatformsIndex,
  type ReferrerFilter,
  type StepSettings,
  type SyncDefaults,
  type SyncStep,
  type SyncType,
  type TagFilter,
} from './types.js';
import type { MapEntry, YamlFile, YamlValue } from '../../config/yaml.js';
import { GoDuration, type CompiledTemplate, type TemplateRunOptions } from '../../gotemplate/template.js';

/** regsync's floor for ratelimit.retry. */
export const RATE_LIMIT_RETRY_MIN_SECONDS = 300;
export const DEFAULT_BLOB_LIMIT = 1024 * 1024 * 1024;
export const DEFAULT_MEDIA_TYPES: readonly string[] = [MediaType.DockerManifest, MediaType.DockerManifestList, MediaType.OciManifest, MediaType.OciIndex];

/** Keys a step shares with `defaults`. `fastCopy` is how regclient.org spells `fastCheck`; regsync ignores it. */
const SHARED_KEYS = [
  'backup',
  'interval',
  'schedule',
  'ratelimit',
  'digestTags',
  'referrers',
  'referrerFilters',
  'referrerSource',
  'referrerTarget',
  'referrerSlow',
  'fastCheck',
  'fastCopy',
  'forceRecursive',
  'includeExternal',
  'mediaTypes',
  'hooks',
  'platformsIndex',
  'verify',
] as const;
export const DEFAULTS_KEYS = [...SHARED_KEYS, 'parallel', 'blobLimit', 'cacheCount', 'cacheTime', 'skipDockerConfig', 'userAgent'] as const;
export const STEP_KEYS = [...SHARED_KEYS, 'source', 'target', 'type', 'tags', 'tagSets', 'repos', 'platform', 'platforms', 'prune', 'targetTag'] as const;
const PLATFORMS_INDEX: readonly PlatformsIndex[] = ['sparse', 'rewrite'];
/** Step keys that narrow what a step writes: a misspelling of one is refused (see checkedEntries). */
const FILTER_KEYS = ['tags', 'tagSets', 'repos', 'platform', 'platforms'] as const;

type Fields = Map<string, MapEntry>;

/** Options as written in one mapping; undefined where the key is absent or empty (Go's nil pointer). */
interface WrittenOptions {
  backup?: { text: string; node: YamlValue } | undefined;
  intervalSeconds?: number;
  schedule?: string;
  rateMin?: number;
  rateRetrySeconds?: number;
  digestTags?: boolean | undefined;
  referrers?: boolean | undefined;
  referrerFilters?: ReferrerFilter[];
  referrerSource?: { text: string; node: YamlValue } | undefined;
  referrerTarget?: { text: string; node: YamlValue } | undefined;
  referrerSlow?: boolean | undefined;
  fastCheck?: boolean | undefined;
  forceRecursive?: boolean | undefined;
  includeExternal?: boolean | undefined;
  mediaTypes?: string[];
  hooks: Hooks;
  platformsIndex?: PlatformsIndex;
  verify?: VerifyPolicy;
}

function duration(yaml: YamlFile, node: YamlValue, what: string): number {
  try {
    return parseGoDuration(yaml.string(node, what));
  } catch (err) {
    throw yaml.error(node, `${what}: ${(err as Error).message}`);
  }
}

function readHook(yaml: YamlFile, node: YamlValue, what: string): Hook {
  const f = checkedEntries(yaml, yaml.entries(node, what), ['type', 'params'], what);
  return { type: yaml.string(f.get('type')?.value ?? null, `${what}.type`), params: yaml.strings(f.get('params')?.value ?? null, `${what}.params`) };
}

function readOptions(yaml: YamlFile, f: Fields, where: string, trust: ConfigTrust): WrittenOptions {
  const o: WrittenOptions = { hooks: {} };
  const bool = (key: string): boolean | undefined => {
    const e = present(yaml, f, key);
    return e ? yaml.bool(e.value, `${where}.${key}`) : undefined;
  };
  const text = (key: string) => {
    const e = present(yaml, f, key);
    if (!e) return undefined;
    const t = yaml.string(e.value, `${where}.${key}`);
    return t === '' ? undefined : { text: t, node: e.value };
  };
  o.backup = text('backup');
  o.referrerSource = text('referrerSource');
  o.referrerTarget = text('referrerTarget');
  const interval = present(yaml, f, 'interval');
  if (interval) o.intervalSeconds = duration(yaml, interval.value, `${where}.interval`);
  const schedule = present(yaml, f, 'schedule');
  if (schedule) {
    const s = yaml.string(schedule.value, `${where}.schedule`);
    try {
      validateCron(s);
    } catch (err) {
      throw yaml.error(schedule.value, `${where}.schedule: ${(err as Error).message}`);
    }
    o.schedule = s;
  }
  const rate = present(yaml, f, 'ratelimit');
  if (rate) {
    const r = checkedEntries(yaml, yaml.entries(rate.value, `${where}.ratelimit`), ['min', 'retry'], `${where}.ratelimit`);
    const min = present(yaml, r, 'min');
    if (min) o.rateMin = yaml.number(min.value, `${where}.ratelimit.min`, { integer: true, min: 0 });
    const retry = present(yaml, r, 'retry');
    if (retry) o.rateRetrySeconds = duration(yaml, retry.value, `${where}.ratelimit.retry`);
  }
  o.digestTags = bool('digestTags');
  o.referrers = bool('referrers');
  o.referrerSlow = bool('referrerSlow');
  o.forceRecursive = bool('forceRecursive');
  o.includeExternal = bool('includeExternal');
  o.fastCheck = bool('fastCheck');
  const fastCopy = present(yaml, f, 'fastCopy');
  if (fastCopy) {
    // regclient.org's docs spell it fastCopy, but regsync reads only fastCheck: honouring it would skip the referrers
    // and digest tags regsync still copies.
    yaml.warn(
      fastCopy.keyNode,
      `${where}.fastCopy is ignored, as regsync ignores it: the key regsync reads is fastCheck (rename it to skip the referrer and digest-tag check on an unchanged image)`,
    );
  }
  const filters = f.get('referrerFilters');
  if (filters) {
    // An explicit empty list is kept: it overrides the defaults' filters, as a non-nil slice does in regsync.
    o.referrerFilters = yaml.items(filters.value, `${where}.referrerFilters`).map((item, i) => {
      const w = `${where}.referrerFilters[${i}]`;
      const rf = checkedEntries(yaml, yaml.entries(item, w), ['artifactType', 'annotations'], w);
      const artifactType = yaml.string(rf.get('artifactType')?.value ?? null, `${w}.artifactType`);
      return { ...(artifactType ? { artifactType } : {}), annotations: yaml.stringMap(rf.get('annotations')?.value ?? null, `${w}.annotations`) };
    });
  }
  const media = present(yaml, f, 'mediaTypes');
  if (media) {
    const list = yaml.strings(media.value, `${where}.mediaTypes`);
    if (list.length > 0) o.mediaTypes = list;
  }
  const hooks = present(yaml, f, 'hooks');
  if (hooks) {
    const h = checkedEntries(yaml, yaml.entries(hooks.value, `${where}.hooks`), ['pre', 'post', 'unchanged'], `${where}.hooks`);
    for (const k of ['pre', 'post', 'unchanged'] as const) {
      const e = present(yaml, h, k);
      if (e) o.hooks[k] = readHook(yaml, e.value, `${where}.hooks.${k}`);
    }
  }
  const verify = present(yaml, f, 'verify');
  if (verify) o.verify = readVerify(yaml, verify.value, `${where}.verify`, trust);
  const pi = present(yaml, f, 'platformsIndex');
  if (pi) {
    const v = yaml.string(pi.value, `${where}.platformsIndex`);
    if (!PLATFORMS_INDEX.includes(v as PlatformsIndex))
      throw yaml.error(pi.value, `${where}.platformsIndex must be sparse or rewrite, not ${JSON.stringify(v)}`);
    o.platformsIndex = v as PlatformsIndex;
  }
  return o;
}

export function readDefaults(yaml: YamlFile, node: YamlValue, trust: ConfigTrust): SyncDefaults {
  const f = checkedEntries(yaml, yaml.entries(node, 'defaults'), DEFAULTS_KEYS, 'defaults');
  const o = readOptions(yaml, f, 'defaults', trust);
  const num = (key: string, opts: { integer?: boolean; min?: number }) => {
    const e = present(yaml, f, key);
    return e ? yaml.number(e.value, `defaults.${key}`, opts) : undefined;
  };
  const cacheTime = present(yaml, f, 'cacheTime');
  const userAgent = present(yaml, f, 'userAgent');
  const skip = present(yaml, f, 'skipDockerConfig');
  return {
    parallel: Math.max(1, num('parallel', { integer: true }) ?? 0),
    ...(o.schedule !== undefined ? { schedule: o.schedule } : {}),
    ...(o.intervalSeconds !== undefined ? { intervalSeconds: o.intervalSeconds } : {}),
    rateLimit: { min: o.rateMin ?? 0, retrySeconds: Math.max(RATE_LIMIT_RETRY_MIN_SECONDS, o.rateRetrySeconds ?? 0) },
    ...(o.backup ? { backup: o.backup.text } : {}),
    digestTags: o.digestTags ?? false,
    referrers: o.referrers ?? false,
    ...(o.referrerFilters ? { referrerFilters: o.referrerFilters } : {}),
    ...(o.referrerSource ? { referrerSource: o.referrerSource.text } : {}),
    ...(o.referrerTarget ? { referrerTarget: o.referrerTarget.text } : {}),
    referrerSlow: o.referrerSlow ?? false,
    fastCheck: o.fastCheck ?? false,
    forceRecursive: o.forceRecursive ?? false,
    includeExternal: o.includeExternal ?? false,
    mediaTypes: o.mediaTypes ?? [...DEFAULT_MEDIA_TYPES],
    hooks: o.hooks,
    platformsIndex: o.platformsIndex ?? 'sparse',
    ...(o.verify ? { verify: o.verify } : {}),
    blobLimit: num('blobLimit', { integer: true, min: 0 }) || DEFAULT_BLOB_LIMIT,
    cacheCount: num('cacheCount', { integer: true, min: 0 }) ?? 0,
    cacheTimeSeconds: cacheTime ? duration(yaml, cacheTime.value, 'defaults.cacheTime') : 0,
    skipDockerConfig: skip ? yaml.bool(skip.value, 'defaults.skipDockerConfig') : false,
    ...(userAgent ? { userAgent: yaml.string(userAgent.value, 'defaults.userAgent') } : {}),
  };
}

/** `.Sync` (and `.Step`) as templates see it: regsync's ConfigSync with Go field names. */
export function syncTemplateData(
  step: Omit<StepSettings, 'platformsIndex'> &
    Pick<SyncStep, 'source' | 'target' | 'type' | 'tagSets' | 'platform' | 'platforms' | 'referrerFilters'> & {
      tags?: TagFilter;
      repos: { allow: Array<{ source: string }>; deny: Array<{ source: string }> };
      backupText?: string;
    },
): Record<string, unknown> {
  const tags = (t: TagFilter | undefined) => ({
    Allow: (t?.allow ?? []).map((p) => p.source),
    Deny: (t?.deny ?? []).map((p) => p.source),
    SemverRange: (t?.semverRange ?? []).map((r) => r.source),
  });
  const hook = (h: Hook | undefined) => (h ? { Type: h.type, Params: h.params } : null);
  return {
    Source: step.source,
    Target: step.target,
    Type: step.type,
    Tags: tags(step.tags),
    TagSets: step.tagSets.map(tags),
    Repos: { Allow: step.repos.allow.map((p) => p.source), Deny: step.repos.deny.map((p) => p.source) },
    DigestTags: step.digestTags,
    Referrers: step.referrers,
    ReferrerFilters: step.referrerFilters.map((r) => ({ ArtifactType: r.artifactType ?? '', Annotations: new Map(Object.entries(r.annotations)) })),
    ReferrerSrc: step.referrerSource ?? '',
    ReferrerTgt: step.referrerTarget ?? '',
    ReferrerSlow: step.referrerSlow,
    Platform: step.platform ?? '',
    Platforms: step.platforms,
    FastCheck: step.fastCheck,
    ForceRecursive: step.forceRecursive,
    IncludeExternal: step.includeExternal,
    Backup: step.backupText ?? '',
    Interval: new GoDuration(step.intervalSeconds ?? 0),
    Schedule: step.schedule ?? '',
    RateLimit: { Min: step.rateLimit.min, Retry: new GoDuration(step.rateLimit.retrySeconds) },
    MediaTypes: step.mediaTypes,
    Hooks: { Pre: hook(step.hooks.pre), Post: hook(step.hooks.post), Unchanged: hook(step.hooks.unchanged) },
  };
}

function checkPlatform(yaml: YamlFile, node: YamlValue, text: string, what: string): void {
  try {
    parsePlatform(text);
  } catch (err) {
    throw yaml.error(node, `${what}: ${(err as Error).message}`);
  }
}

/**
 * A repository step's source or target without the tag or digest it may name. regsync lists the repository's tags
 * whatever the text names, then appends each tag to the text as written, so its copies of `busybox:latest` fail on
 * `busybox:latest:1.36`; regkit takes the evident intent, the repository `busybox`, and says so.
 */
function repositoryPart(yaml: YamlFile, node: YamlValue, text: string, what: string): string {
  let ref;
  try {
    ref = parseReference(text, { repositoryOnly: true });
  } catch {
    return text; // Not a reference at all: the run refuses it with its own message, before any request.
  }
  if (ref.tag === undefined && ref.digest === undefined) return text;
  let repo = text.trim();
  if (ref.digest !== undefined) repo = repo.slice(0, repo.lastIndexOf('@'));
  if (ref.tag !== undefined && repo.endsWith(`:${ref.tag}`)) repo = repo.slice(0, -(ref.tag.length + 1));
  const named = [ref.tag !== undefined ? `tag "${ref.tag}"` : '', ref.digest !== undefined ? `digest ${ref.digest}` : ''].filter(Boolean).join(' and ');
  yaml.tolerate(
    node,
    `${what} "${text}" names ${named}, which a repository step ignores: it syncs the tags of ${repo} that its filters select ` +
      `(regsync lists them too, then fails each copy on "${text}:<tag>"); write "${repo}"`,
  );
  return repo;
}

export function readStep(
  yaml: YamlFile,
  node: YamlValue,
  index: number,
  d: SyncDefaults,
  defaultBackup: CompiledTemplate | undefined,
  run: TemplateRunOptions,
  trust: ConfigTrust,
): SyncStep {
  const where = `sync[${index}]`;
  const resolved = yaml.resolve(node);
  const f = checkedEntries(yaml, yaml.entries(resolved, where), STEP_KEYS, where, FILTER_KEYS);
  const o = readOptions(yaml, f, where, trust);
  const required = (key: 'source' | 'target' | 'type'): { text: string; node: YamlValue } => {
    const e = present(yaml, f, key);
    const text = e ? yaml.string(e.value, `${where}.${key}`).trim() : '';
    if (!e || text === '') throw yaml.error(e?.value ?? resolved, `${where}.${key} is required`);
    return { text, node: e.value };
  };
  const source = required('source');
  const target = required('target');
  const typeField = required('type');
  if (!SYNC_TYPES.includes(typeField.text as SyncType)) {
    throw yaml.error(typeField.node, `${where}.type must be image, repository or registry, not ${JSON.stringify(typeField.text)}`);
  }
  const type = typeField.text as SyncType;

  const tagsEntry = present(yaml, f, 'tags');
  const tags = tagsEntry ? readTagFilter(yaml, tagsEntry.value, `${where}.tags`) : undefined;
  const sets = yaml.items(f.get('tagSets')?.value ?? null, `${where}.tagSets`).map((item, i) => readTagFilter(yaml, item, `${where}.tagSets[${i}]`));
  const repos = readNameFilter(yaml, f.get('repos')?.value ?? null, `${where}.repos`);
  if (type !== 'registry' && (repos.allow.length > 0 || repos.deny.length > 0)) {
    throw yaml.error(f.get('repos')!.keyNode, `${where}.repos applies only to type: registry`);
  }
  if (type === 'image' && (tags || sets.length > 0)) {
    yaml.tolerate((f.get('tags') ?? f.get('tagSets'))!.keyNode, `${where}: tag filters are ignored for type: image`);
  }

  const platformEntry = present(yaml, f, 'platform');
  const platform = platformEntry ? yaml.string(platformEntry.value, `${where}.platform`) : '';
  if (platform) checkPlatform(yaml, platformEntry!.value, platform, `${where}.platform`);
  const platformsNode = f.get('platforms')?.value ?? null;
  const platforms = yaml.strings(platformsNode, `${where}.platforms`);
  yaml.items(platformsNode, `${where}.platforms`).forEach((item, i) => checkPlatform(yaml, item, platforms[i]!, `${where}.platforms[${i}]`));

  const pruneEntry = present(yaml, f, 'prune');
  const prune = pruneEntry ? yaml.bool(pruneEntry.value, `${where}.prune`) : false;
  if (prune && type !== 'repository') throw yaml.error(pruneEntry!.value, `${where}.prune applies only to type: repository`);
  const targetTag = f.get('targetTag');
  if (targetTag) yaml.tolerate(targetTag.keyNode, `${where}.targetTag is ignored (regsync's code has no such key; use an image step with the target tag)`);

  let intervalSeconds = o.intervalSeconds;
  let schedule = o.schedule;
  if (intervalSeconds === undefined && schedule === undefined) {
    if (d.schedule !== undefined) schedule = d.schedule;
    else if (d.intervalSeconds !== undefined) intervalSeconds = d.intervalSeconds;
  }
  const backup = o.backup ? compileField(yaml, o.backup.node, o.backup.text, `${where}.backup`, run) : defaultBackup;
  const step = {
    source: source.text,
    target: target.text,
    type,
    ...(tags ? { tags } : {}),
    tagSets: sets,
    repos,
    ...(platform ? { platform } : {}),
    platforms,
    digestTags: o.digestTags ?? d.digestTags,
    referrers: o.referrers ?? d.referrers,
    referrerFilters: o.referrerFilters ?? d.referrerFilters ?? [],
    referrerSlow: o.referrerSlow ?? d.referrerSlow,
    fastCheck: o.fastCheck ?? d.fastCheck,
    forceRecursive: o.forceRecursive ?? d.forceRecursive,
    includeExternal: o.includeExternal ?? d.includeExternal,
    ...(backup ? { backupText: backup.source } : {}),
    ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
    ...(schedule !== undefined ? { schedule } : {}),
    rateLimit: {
      min: o.rateMin || d.rateLimit.min,
      retrySeconds: o.rateRetrySeconds ? Math.max(RATE_LIMIT_RETRY_MIN_SECONDS, o.rateRetrySeconds) : d.rateLimit.retrySeconds,
    },
    mediaTypes: o.mediaTypes ?? d.mediaTypes,
    hooks: { ...d.hooks, ...o.hooks },
    referrerSource: o.referrerSource?.text ?? d.referrerSource,
    referrerTarget: o.referrerTarget?.text ?? d.referrerTarget,
  };

  // regsync expands source, referrerSource, target, referrerTarget in that order, each seeing the ones before.
  const expand = (key: 'source' | 'referrerSource' | 'target' | 'referrerTarget', node: YamlValue) => {
    const text = step[key];
    if (text === undefined) return;
    step[key] = expandField(yaml, node, text, `${where}.${key}`, { Sync: syncTemplateData(step) }, run).trim();
  };
  expand('source', source.node);
  expand('referrerSource', o.referrerSource?.node ?? null);
  expand('target', target.node);
  expand('referrerTarget', o.referrerTarget?.node ?? null);
  for (const key of ['source', 'target'] as const) {
    const node = key === 'source' ? source.node : target.node;
    if (step[key] === '') throw yaml.error(node, `${where}.${key} expands to an empty string`);
    if (type === 'repository') step[key] = repositoryPart(yaml, node, step[key], `${where}.${key}`);
  }

  const pos = yaml.position(resolved);
  const { tags: _tags, backupText: _backupText, referrerSource, referrerTarget, ...rest } = step;
  return {
    ...rest,
    index,
    file: yaml.name,
    line: pos.line,
    column: pos.column,
    tagSets: tags ? [tags, ...sets] : sets,
    platformsIndex: o.platformsIndex ?? d.platformsIndex,
    ...((o.verify ?? d.verify) ? { verify: (o.verify ?? d.verify)! } : {}),
    prune,
    ...(referrerSource ? { referrerSource } : {}),
    ...(referrerTarget ? { referrerTarget } : {}),
    ...(backup ? { backup } : {}),
  };
}
