// Case (j): a mirror at scale. A multi-step regsync.yml of 100 repositories × 30 tags (3,000 tags; 300 with
// BENCH_QUICK) synced cold and then again (no-op), with a curve over 10, 33 and 100 repositories (300, 990 and 3,000
// tags); the same cold sync split over 3 shards run at once (`--shard i/3`, as a job matrix runs them); and a prune of
// 10,000 tags (1,000 quick), dry run, and for real with BENCH_SCALE_PRUNE_REAL=1 (off by default: on distribution 2.8
// the real run is bound by the registry, 7–9 minutes of which 5.5 are its CPU; see BenchConfig.scalePruneReal). Every
// tag of a repository points at one small manifest, so seeding is a push, two blob mounts per repository and a
// manifest PUT per tag, and the figures are the tools' per-tag costs, not byte moving.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLimiter } from '../../src/limit.js';
import { silentLogger } from '../../src/log.js';
import { parseReference, withTag } from '../../src/oci/reference.js';
import { type resultRecord } from '../../src/report/jsonl.js';
import type { Location, OperationResult } from '../../src/report/result.js';
import { renderSummary } from '../../src/report/summary.js';
import { StoreSet } from '../../src/store/open.js';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { skopeoCopy } from '../harness/skopeo.js';
import { formatMethods, summarizeAccess } from './access.js';
import { NO_AUTH_ENV, REGKIT_BIN } from './clients.js';
import { pruneAtScale, writes, type PruneRun } from './cases-prune.js';
import { runTimed, type TimedRun } from './measure.js';
import { bar, mib, ratio, seconds, type Bar, type CaseResult } from './report.js';
import type { BenchConfig } from './setup.js';

const TAGS_PER_REPO = 30;
const SHARDS = 3;
const SEED_CONCURRENCY = 8;
const PLOT_PATH = fileURLToPath(new URL('../../bench-scale.svg', import.meta.url));

const repoName = (i: number): string => `scale/r${String(i).padStart(3, '0')}`;
const tagName = (i: number): string => `t${String(i).padStart(2, '0')}`;

/** One image pushed once, then in every repository its two blobs mounted and its manifest PUT under every tag. */
export async function seedScale(registry: RunningRegistry, repos: number): Promise<void> {
  const dir = await makeTempDir('regkit-bench-scale-');
  const stores = new StoreSet({
    hosts: [{ registry: registry.host, tls: 'disabled', reqConcurrent: SEED_CONCURRENCY }],
    logger: silentLogger,
    useDockerConfig: false,
  });
  try {
    await makeImageLayout(dir, { tag: 'v1', layers: 1, layerSize: 1024, seed: `bench-scale-${Date.now()}` });
    await skopeoCopy(`oci:${dir}:v1`, `docker://${registry.host}/${repoName(0)}:${tagName(0)}`);
    const first = parseReference(`${registry.host}/${repoName(0)}`);
    const store = stores.storeFor(first);
    const { bytes, mediaType } = await store.getManifest(withTag(first, tagName(0)));
    const manifest = JSON.parse(Buffer.from(bytes).toString('utf8')) as { config: { digest: string }; layers: { digest: string }[] };
    const blobs = [manifest.config.digest, ...manifest.layers.map((l) => l.digest)];
    const limit = createLimiter(SEED_CONCURRENCY);
    await Promise.all(
      Array.from({ length: repos }, async (_, r) => {
        const repo = parseReference(`${registry.host}/${repoName(r)}`);
        if (r > 0) await Promise.all(blobs.map((d) => limit(() => store.mountBlob(repo, d, first))));
        await Promise.all(Array.from({ length: TAGS_PER_REPO }, (_, t) => limit(() => store.putManifest(withTag(repo, tagName(t)), bytes, mediaType))));
      }),
    );
  } finally {
    await stores.close();
    await removeTempDir(dir);
  }
}

export async function writeSyncConfig(dir: string, src: string, dst: string, repos: number): Promise<string> {
  const file = join(dir, `regsync-${repos}-${dst.replace(/[^0-9a-z]/gi, '-')}.yml`);
  const steps = Array.from({ length: repos }, (_, r) => [
    `  - source: ${src}/${repoName(r)}`,
    `    target: ${dst}/mirror/${repoName(r)}`,
    '    type: repository',
  ]);
  const creds = [src, dst].flatMap((h) => [`  - registry: ${h}`, '    tls: disabled']);
  await writeFile(file, ['version: 1', 'creds:', ...creds, 'defaults:', '  parallel: 4', 'sync:', ...steps.flat(), ''].join('\n'));
  return file;
}

const syncOnce = (config: string, extra: string[] = []): Promise<TimedRun> =>
  runTimed(process.execPath, [REGKIT_BIN, 'sync', '-c', config, 'once', '--format', 'json', ...extra], { env: NO_AUTH_ENV });

/** The JSON lines back into results, so the job summary is rendered by the renderer the action uses. */
function parseResults(stdout: string): OperationResult[] {
  const location = (text: unknown): Location | undefined => (typeof text === 'string' ? { kind: 'image', ref: parseReference(text) } : undefined);
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const rec = JSON.parse(line) as ReturnType<typeof resultRecord>;
      const source = location(rec['source']);
      const target = location(rec['target']);
      return {
        op: rec['op'] as OperationResult['op'],
        status: rec['status'] as OperationResult['status'],
        bytes: Number(rec['bytes']),
        ...(source ? { source } : {}),
        ...(target ? { target } : {}),
        ...(typeof rec['digest'] === 'string' ? { digest: rec['digest'] } : {}),
        ...(typeof rec['reason'] === 'string' ? { reason: rec['reason'] } : {}),
        ...(typeof rec['durationMs'] === 'number' ? { durationMs: rec['durationMs'] } : {}),
      };
    });
}

interface SyncPoint {
  repos: number;
  tags: number;
  cold: TimedRun & { requests: number; results: number; summaryBytes: number };
  noop: TimedRun & { requests: number; writes: number; byMethod: Record<string, number> };
}

export interface ScaleRuns {
  points: SyncPoint[];
  shards: { ms: number; perShardMs: number[]; perShardItems: number[]; peakRss: number; cpuMs: number; requests: number; tags: number };
  prune: { tags: number; dry: PruneRun; real?: PruneRun };
}

async function onTarget<T>(work: (target: RunningRegistry) => Promise<T>): Promise<T> {
  const target = await startRegistry();
  try {
    return await work(target);
  } finally {
    await target.stop();
  }
}

export async function measureScale(cfg: BenchConfig, progress: (text: string) => void): Promise<ScaleRuns> {
  const sizes = cfg.quick ? [1, 3, 10] : [10, 33, 100];
  const largest = sizes[sizes.length - 1]!;
  const dir = await makeTempDir('regkit-bench-scale-cfg-');
  const source = await startRegistry();
  try {
    progress(`(j) seeding ${largest} repositories × ${TAGS_PER_REPO} tags`);
    await seedScale(source, largest);
    const points: SyncPoint[] = [];
    for (const repos of sizes) {
      const tags = repos * TAGS_PER_REPO;
      progress(`(j) sync of ${repos} repositories, ${tags} tags: cold, then no-op`);
      points.push(
        await onTarget(async (target) => {
          const config = await writeSyncConfig(dir, source.host, target.host, repos);
          source.clearRequests();
          target.clearRequests();
          const cold = await syncOnce(config);
          const coldRequests = source.requests().length + target.requests().length;
          const results = parseResults(cold.stdout);
          const summaryBytes = Buffer.byteLength(renderSummary(results, { title: 'regkit sync', durationMs: cold.ms }));
          source.clearRequests();
          target.clearRequests();
          const noop = await syncOnce(config);
          const noopAccess = summarizeAccess([...source.requests(), ...target.requests()], new Map());
          return {
            repos,
            tags,
            cold: { ...cold, requests: coldRequests, results: results.length, summaryBytes },
            noop: { ...noop, requests: noopAccess.requests, writes: writes(summarizeAccess(target.requests(), new Map())), byMethod: noopAccess.byMethod },
          };
        }),
      );
    }
    progress(`(j) cold sync of ${largest * TAGS_PER_REPO} tags split over ${SHARDS} shards run at once`);
    const shards = await onTarget(async (target) => {
      const config = await writeSyncConfig(dir, source.host, target.host, largest);
      source.clearRequests();
      target.clearRequests();
      const started = performance.now();
      const runs = await Promise.all(Array.from({ length: SHARDS }, (_, i) => syncOnce(config, ['--shard', `${i + 1}/${SHARDS}`])));
      const ms = performance.now() - started;
      return {
        ms,
        perShardMs: runs.map((r) => r.ms),
        perShardItems: runs.map((r) => parseResults(r.stdout).length),
        peakRss: Math.max(...runs.map((r) => r.peakRss)),
        cpuMs: runs.reduce((n, r) => n + r.cpuMs, 0),
        requests: source.requests().length + target.requests().length,
        tags: largest * TAGS_PER_REPO,
      };
    });
    const pruneTags = cfg.quick ? 1000 : 10_000;
    progress(`(j) prune of ${pruneTags} tags at parallel 8: dry run${cfg.scalePruneReal ? ', then for real' : ''}`);
    const prune = { tags: pruneTags, ...(await pruneAtScale(pruneTags, cfg.scalePruneReal)) };
    await writePlot(points);
    return { points, shards, prune };
  } finally {
    await source.stop();
    await removeTempDir(dir);
  }
}

/** Time (cold and no-op) and peak RSS against tags, two panels of one small SVG. */
async function writePlot(points: readonly SyncPoint[]): Promise<void> {
  const W = 320;
  const H = 180;
  const maxTags = Math.max(...points.map((p) => p.tags));
  const panel = (x0: number, title: string, unit: string, series: { name: string; color: string; ys: number[] }[]): string => {
    const maxY = Math.max(...series.flatMap((s) => s.ys)) * 1.1 || 1;
    const px = (t: number) => x0 + 40 + (t / maxTags) * (W - 60);
    const py = (y: number) => H - 30 - (y / maxY) * (H - 60);
    const lines = series.map(
      (s, k) =>
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points.map((p, i) => `${px(p.tags).toFixed(1)},${py(s.ys[i]!).toFixed(1)}`).join(' ')}"/>` +
        `<text x="${x0 + 50}" y="${34 + 14 * k}" fill="${s.color}" font-size="11">${s.name}</text>`,
    );
    const ticks = points.map((p) => `<text x="${px(p.tags).toFixed(1)}" y="${H - 14}" font-size="10" text-anchor="middle">${p.tags}</text>`);
    return [
      `<text x="${x0 + W / 2}" y="16" font-size="12" text-anchor="middle">${title}</text>`,
      `<line x1="${x0 + 40}" y1="${H - 30}" x2="${x0 + W - 20}" y2="${H - 30}" stroke="#888"/>`,
      `<line x1="${x0 + 40}" y1="30" x2="${x0 + 40}" y2="${H - 30}" stroke="#888"/>`,
      `<text x="${x0 + 36}" y="34" font-size="10" text-anchor="end">${maxY.toFixed(1)}</text>`,
      `<text x="${x0 + 36}" y="${H - 30}" font-size="10" text-anchor="end">0 ${unit}</text>`,
      ...ticks,
      ...lines,
    ].join('\n');
  };
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H}" font-family="sans-serif">`,
    panel(0, 'sync wall time vs tags', 's', [
      { name: 'cold', color: '#c33', ys: points.map((p) => p.cold.ms / 1000) },
      { name: 'no-op', color: '#36c', ys: points.map((p) => p.noop.ms / 1000) },
    ]),
    panel(W, 'peak RSS vs tags', 'MiB', [
      { name: 'cold', color: '#c33', ys: points.map((p) => p.cold.peakRss / 1024 / 1024) },
      { name: 'no-op', color: '#36c', ys: points.map((p) => p.noop.peakRss / 1024 / 1024) },
    ]),
    '</svg>',
    '',
  ].join('\n');
  await mkdir(dirname(PLOT_PATH), { recursive: true });
  await writeFile(PLOT_PATH, svg);
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

export function scaleCase(runs: ScaleRuns): CaseResult {
  const { points, shards, prune } = runs;
  const figures: CaseResult['figures'] = [];
  const bars: Bar[] = [];
  for (const p of points) {
    const perTag = (p.noop.requests - p.repos) / p.tags;
    figures.push(
      {
        what: `${p.tags} tags cold: wall, CPU, peak RSS`,
        regkit: `${seconds(p.cold.ms)}, ${seconds(p.cold.cpuMs)}, ${mib(p.cold.peakRss)}`,
      },
      {
        what: `${p.tags} tags cold: requests per tag, results, summary`,
        regkit: `${ratio(p.cold.requests / p.tags)}, ${p.cold.results}, ${kib(p.cold.summaryBytes)}`,
      },
      {
        what: `${p.tags} tags no-op: wall, CPU, peak RSS`,
        regkit: `${seconds(p.noop.ms)}, ${seconds(p.noop.cpuMs)}, ${mib(p.noop.peakRss)}`,
      },
      { what: `${p.tags} tags no-op: requests per tag beyond tag lists`, regkit: `${ratio(perTag)} (${formatMethods(p.noop.byMethod)})` },
    );
    bars.push(bar(`${p.tags} tags no-op requests per tag, beyond one tag list per repository`, perTag, '<=', 2));
    bars.push(bar(`${p.tags} tags no-op writes`, p.noop.writes, '==', 0));
    bars.push(bar(`${p.tags} tags peak RSS (MiB), cold and no-op`, Math.max(p.cold.peakRss, p.noop.peakRss) / 1024 / 1024, '<', 200));
  }
  figures.push(
    {
      what: `${shards.tags} tags cold over ${shards.perShardMs.length} shards at once: wall (each shard)`,
      regkit: `${seconds(shards.ms)} (${shards.perShardMs.map((m) => (m / 1000).toFixed(2)).join(' ')})`,
    },
    {
      what: `shards: items each, CPU total, max peak RSS, requests per tag`,
      regkit: `${shards.perShardItems.join(' / ')}, ${seconds(shards.cpuMs)}, ${mib(shards.peakRss)}, ${ratio(shards.requests / shards.tags)}`,
    },
  );
  const pruneFigure = (what: string, r: PruneRun): CaseResult['figures'][number] => ({
    what: `prune ${prune.tags} tags (keep 10, parallel 8) ${what}: wall, CPU (registry's CPU), peak RSS, requests per tag`,
    regkit:
      `${seconds(r.ms)}, ${r.cpuMs !== undefined ? seconds(r.cpuMs) : 'n/a'} (${seconds(r.registryCpuMs)}), ` +
      `${r.peakRss !== undefined ? mib(r.peakRss) : 'n/a'}, ${ratio(r.access.requests / prune.tags)}${r.failure ? ` (${r.failure})` : ''}`,
  });
  figures.push(pruneFigure('dry run', prune.dry));
  bars.push(bar(`prune ${prune.tags} tags dry-run peak RSS (MiB)`, (prune.dry.peakRss ?? Number.NaN) / 1024 / 1024, '<', 200));
  bars.push(bar('prune dry-run writes', writes(prune.dry.access), '==', 0));
  if (prune.real) {
    figures.push(pruneFigure('real run', prune.real), {
      what: `prune ${prune.tags} tags real run: deleted / tags left`,
      regkit: `${prune.real.statuses['deleted'] ?? 0} / ${prune.real.remaining}`,
    });
    bars.push(bar(`prune ${prune.tags} tags real-run peak RSS (MiB)`, (prune.real.peakRss ?? Number.NaN) / 1024 / 1024, '<', 200));
  }
  return {
    id: 'j',
    title: `scale: multi-step sync of repositories × ${TAGS_PER_REPO} tags on loopback, sharded sync, prune of ${prune.tags} tags (plot: build/bench-scale.svg)`,
    figures,
    bars,
    data: {
      points: points.map((p) => ({ ...p, cold: { ...p.cold, stdout: undefined }, noop: { ...p.noop, stdout: undefined } })),
      shards,
      prune,
    },
  };
}
