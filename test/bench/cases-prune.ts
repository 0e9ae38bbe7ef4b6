// Case (i): `regkit prune -c FILE once` with a declarative keepLast over a repository of 1000 tags (100 with
// BENCH_QUICK) that all point at one small image, keeping the 10 newest: the dry run, then the run with
// defaults.parallel 1 and 8. Each run gets a fresh registry (deletes enabled) seeded the same way; the registry's
// access log says what arrived. design.md sets no speed bar for prune, so the figures are reported as they are and
// the only bar is the dry run's: no write of any kind.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLimiter } from '../../src/limit.js';
import { silentLogger } from '../../src/log.js';
import { parseReference, withTag, type Reference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy } from '../harness/skopeo.js';
import { formatMethods, summarizeAccess, type AccessSummary } from './access.js';
import { NO_AUTH_ENV, REGKIT_BIN } from './clients.js';
import { median, processCpuMs, runTimed, timeIt } from './measure.js';
import { bar, ratio, seconds, type CaseResult } from './report.js';
import type { BenchConfig } from './setup.js';

const REPOSITORY = 'bench/prune';
const KEEP = 10;
const PARALLELS = [1, 8] as const;
/** Manifest PUTs at once while seeding: the registry's own speed, not the prune's, decides this part. */
const SEED_CONCURRENCY = 8;
const WRITES = ['PUT', 'POST', 'PATCH', 'DELETE'];

export interface PruneRun {
  ms: number;
  /** Peak RSS and CPU time (user + sys) of the CLI, when it exited 0. */
  peakRss?: number;
  cpuMs?: number;
  access: AccessSummary;
  /** CPU time the registry spent meanwhile: what a slow run is bound by, when it is not the CLI's. */
  registryCpuMs: number;
  /** Results by status, from the JSON lines on stdout. */
  statuses: Record<string, number>;
  /** Tags of the repository after the run, as its tag list names them. */
  remaining: number;
  /** How the CLI exited when not 0, with the last error it printed. */
  failure?: string;
}

export interface PruneRuns {
  tags: number;
  keep: number;
  dry: PruneRun[];
  byParallel: Record<number, PruneRun[]>;
}

const tagName = (n: number): string => `v1.0.${n}`;

/** One small image pushed as `v1.0.0`, then its manifest PUT under every other tag: a manifest PUT per tag, no blobs. */
async function seedRepository(registry: RunningRegistry, layoutDir: string, tags: number): Promise<void> {
  await skopeoCopy(`oci:${layoutDir}:v1`, `docker://${registry.host}/${REPOSITORY}:${tagName(0)}`);
  const stores = new StoreSet({
    hosts: [{ registry: registry.host, tls: 'disabled', reqConcurrent: SEED_CONCURRENCY }],
    logger: silentLogger,
    useDockerConfig: false,
  });
  try {
    const repo = parseReference(`${registry.host}/${REPOSITORY}`);
    const store = stores.storeFor(repo);
    const { bytes, mediaType } = await store.getManifest(withTag(repo, tagName(0)));
    const limit = createLimiter(SEED_CONCURRENCY);
    await Promise.all(Array.from({ length: tags - 1 }, (_, i) => limit(() => store.putManifest(withTag(repo, tagName(i + 1)), bytes, mediaType))));
  } finally {
    await stores.close();
  }
}

async function countTags(registry: RunningRegistry): Promise<number> {
  const stores = new StoreSet({ hosts: [{ registry: registry.host, tls: 'disabled' }], logger: silentLogger, useDockerConfig: false });
  try {
    const repo: Reference = parseReference(`${registry.host}/${REPOSITORY}`);
    return (await stores.storeFor(repo).listTags(repo)).length;
  } finally {
    await stores.close();
  }
}

async function writeConfig(dir: string, host: string, parallel: number): Promise<string> {
  const file = join(dir, `regbot-${host.replace(/[^0-9a-z]/gi, '-')}-${parallel}.yml`);
  await writeFile(
    file,
    [
      'version: 1',
      'creds:',
      `  - registry: ${host}`,
      '    tls: disabled',
      'defaults:',
      `  parallel: ${parallel}`,
      'policies:',
      `  - keepLast: {repo: ${host}/${REPOSITORY}, match: 'v1\\.0\\.\\d+', keep: ${KEEP}}`,
      '',
    ].join('\n'),
  );
  return file;
}

function countStatuses(stdout: string): Record<string, number> {
  const statuses: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const status = String((JSON.parse(line) as { status?: unknown }).status);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

async function prune(dir: string, registry: RunningRegistry, parallel: number, dryRun: boolean): Promise<PruneRun> {
  const config = await writeConfig(dir, registry.host, parallel);
  registry.clearRequests();
  const registryCpu = processCpuMs(registry.pid);
  let stdout = '';
  let peakRss: number | undefined;
  let cpuMs: number | undefined;
  let failure: string | undefined;
  // A run with failed deletes exits 1 and is still measured: what it left behind is the figure that matters then.
  const ms = await timeIt(async () => {
    try {
      const run = await runTimed(process.execPath, [REGKIT_BIN, 'prune', '-c', config, 'once', '--format', 'json', ...(dryRun ? ['--dry-run'] : [])], {
        env: NO_AUTH_ENV,
      });
      stdout = run.stdout;
      peakRss = run.peakRss;
      cpuMs = run.cpuMs;
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      const cause = /(\S+ failed): (\S+) on .*?(\(HTTP [^)]*\))/.exec(text);
      failure = `${/\((exit \d+|SIG\w+)\)/.exec(text)?.[1] ?? 'failed'}${cause ? `, e.g. ${cause[1]}: ${cause[2]} ${cause[3]}` : ''}`;
    }
  });
  const registryCpuMs = processCpuMs(registry.pid) - registryCpu;
  const access = summarizeAccess(registry.requests(), new Map());
  return {
    ms,
    registryCpuMs,
    access,
    statuses: countStatuses(stdout),
    remaining: await countTags(registry),
    ...(peakRss !== undefined ? { peakRss } : {}),
    ...(cpuMs !== undefined ? { cpuMs } : {}),
    ...(failure !== undefined ? { failure } : {}),
  };
}

async function onFreshRegistry<T>(layoutDir: string, tags: number, work: (registry: RunningRegistry) => Promise<T>): Promise<T> {
  const registry = await startRegistry({ deleteEnabled: true });
  try {
    await seedRepository(registry, layoutDir, tags);
    return await work(registry);
  } finally {
    await registry.stop();
  }
}

export async function measurePrunes(cfg: BenchConfig, progress: (text: string) => void): Promise<PruneRuns> {
  const tags = cfg.quick ? 100 : 1000;
  const runs: PruneRuns = { tags, keep: KEEP, dry: [], byParallel: Object.fromEntries(PARALLELS.map((p) => [p, []])) };
  const dir = await makeTempDir('regkit-bench-prune-');
  try {
    const layoutDir = join(dir, 'image');
    await makeImageLayout(layoutDir, { tag: 'v1', layers: 1, layerSize: 4096, seed: `bench-prune-${Date.now()}` });
    for (let rep = 0; rep < cfg.reps; rep++) {
      // The dry run shares a registry with the run after it: it writes nothing, which its bar checks.
      for (const parallel of rep % 2 === 0 ? PARALLELS : [...PARALLELS].reverse()) {
        progress(`(i) prune of ${tags} tags, parallel ${parallel}${parallel === 1 ? ' (after the dry run)' : ''}, repetition ${rep + 1}`);
        await onFreshRegistry(layoutDir, tags, async (registry) => {
          if (parallel === 1) runs.dry.push(await prune(dir, registry, parallel, true));
          runs.byParallel[parallel]!.push(await prune(dir, registry, parallel, false));
        });
      }
    }
  } finally {
    await removeTempDir(dir);
  }
  return runs;
}

/**
 * The scale case's prune at parallel 8 on one registry of `tags` tags: the dry run, then with `real` the run that
 * deletes all but the newest KEEP (the dry run writes nothing, which its bar checks).
 */
export async function pruneAtScale(tags: number, real: boolean): Promise<{ dry: PruneRun; real?: PruneRun }> {
  const dir = await makeTempDir('regkit-bench-prune-scale-');
  try {
    const layoutDir = join(dir, 'image');
    await makeImageLayout(layoutDir, { tag: 'v1', layers: 1, layerSize: 4096, seed: `bench-prune-scale-${Date.now()}` });
    return await onFreshRegistry(layoutDir, tags, async (registry) => {
      const dry = await prune(dir, registry, 8, true);
      return real ? { dry, real: await prune(dir, registry, 8, false) } : { dry };
    });
  } finally {
    await removeTempDir(dir);
  }
}

export function writes(s: AccessSummary): number {
  return WRITES.reduce((n, m) => n + (s.byMethod[m] ?? 0), 0);
}

const last = <T>(xs: readonly T[]): T => xs[xs.length - 1]!;

function runFigures(what: string, tags: number, rs: readonly PruneRun[]): CaseResult['figures'] {
  const r = last(rs);
  const gone = tags - r.remaining;
  const failures = rs.filter((x) => x.failure !== undefined);
  return [
    { what: `${what}: wall time (median)`, regkit: seconds(median(rs.map((x) => x.ms))) },
    { what: `${what}: requests`, regkit: `${r.access.requests}: ${formatMethods(r.access.byMethod)}` },
    {
      what: `${what}: reported deleted / tags left (want ${KEEP})`,
      regkit: `${r.failure === undefined ? (r.statuses['deleted'] ?? 0) : '?'} / ${r.remaining}`,
    },
    { what: `${what}: requests per tag gone`, regkit: ratio(r.access.requests / gone) },
    { what: `${what}: runs that exited non-zero`, regkit: `${failures.length} of ${rs.length}${failures.length ? ` (${failures[0]!.failure})` : ''}` },
  ];
}

export function pruneCase(runs: PruneRuns): CaseResult {
  const dry = last(runs.dry);
  const [one, eight] = PARALLELS.map((p) => runs.byParallel[p]!);
  return {
    id: 'i',
    title: `prune (declarative keepLast, keep ${runs.keep}) of a ${runs.tags}-tag repository on loopback, the real CLI; each run on a fresh registry`,
    figures: [
      { what: 'dry run: wall time (median)', regkit: seconds(median(runs.dry.map((x) => x.ms))) },
      { what: 'dry run: requests', regkit: `${dry.access.requests}: ${formatMethods(dry.access.byMethod)}` },
      { what: 'dry run: would-delete / tags left', regkit: `${dry.statuses['would-delete'] ?? 0} / ${dry.remaining}` },
      ...runFigures('parallel 1', runs.tags, one!),
      ...runFigures('parallel 8', runs.tags, eight!),
      { what: 'speed-up parallel 8 over 1', regkit: ratio(median(one!.map((x) => x.ms)) / median(eight!.map((x) => x.ms))) },
    ],
    bars: [bar('dry-run writes', writes(dry.access), '==', 0)],
    data: { runs },
  };
}
