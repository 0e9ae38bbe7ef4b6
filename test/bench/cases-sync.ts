// Cases (g) and (h): a repository of 30 tags synced cold and then again (no-op), `regkit sync once` from a regsync.yml
// against `skopeo sync`, on loopback and through a delaying proxy. Each tool gets a fresh target registry per run.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout } from '../harness/fixtures.js';
import { skopeoCopy } from '../harness/skopeo.js';
import { formatMethods, summarizeAccess, type AccessSummary } from './access.js';
import { NO_AUTH_ENV, REGKIT_BIN } from './clients.js';
import { median, runTimed, type TimedRun } from './measure.js';
import { cpuFigures } from './cases-copy.js';
import { bar, ratio, seconds, type CaseResult } from './report.js';
import { endpointFor, freshTarget, type BenchConfig, type BenchSource, type Endpoint } from './setup.js';

const REPOSITORY = 'bench/tags';

export interface SyncRuns {
  tags: number;
  delayMs: number;
  regkit: ToolSyncRuns;
  skopeo: ToolSyncRuns;
}

interface ToolSyncRuns {
  cold: number[];
  noop: number[];
  coldCpu: number[];
  noopCpu: number[];
  noopSource?: AccessSummary;
  noopTarget?: AccessSummary;
}

/** Seeds `bench/tags` with one small image per tag, so a cold sync moves a manifest, a config and a layer per tag. */
export async function seedTags(source: BenchSource, count: number): Promise<number> {
  const dir = await makeTempDir('regkit-bench-tags-');
  try {
    for (let i = 0; i < count; i++) {
      const tag = `v1.${i}`;
      await makeImageLayout(dir, { tag, layers: 1, layerSize: 32 * 1024, seed: `bench-tags-${i}-${Date.now()}` });
      await skopeoCopy(`oci:${dir}:${tag}`, `docker://${source.registry.host}/${REPOSITORY}:${tag}`);
    }
  } finally {
    await removeTempDir(dir);
  }
  return count;
}

async function regkitSync(dir: string, src: Endpoint, dst: Endpoint): Promise<TimedRun> {
  const config = join(dir, `regsync-${dst.host.replace(/[^0-9a-z]/gi, '-')}.yml`);
  await writeFile(
    config,
    [
      'version: 1',
      'creds:',
      `  - registry: ${src.host}`,
      '    tls: disabled',
      `  - registry: ${dst.host}`,
      '    tls: disabled',
      'defaults:',
      '  parallel: 4',
      'sync:',
      `  - source: ${src.host}/${REPOSITORY}`,
      `    target: ${dst.host}/mirror/tags`,
      '    type: repository',
      '',
    ].join('\n'),
  );
  return runTimed(process.execPath, [REGKIT_BIN, 'sync', '-c', config, 'once'], { env: NO_AUTH_ENV });
}

async function skopeoSync(src: Endpoint, dst: Endpoint): Promise<TimedRun> {
  const args = [
    '--insecure-policy',
    'sync',
    '--src',
    'docker',
    '--dest',
    'docker',
    '--src-tls-verify=false',
    '--dest-tls-verify=false',
    `${src.host}/${REPOSITORY}`,
    `${dst.host}/mirror`,
  ];
  return runTimed('skopeo', args, { env: NO_AUTH_ENV });
}

export async function measureSyncs(cfg: BenchConfig, source: BenchSource, tags: number, delayMs: number): Promise<SyncRuns> {
  const runs: SyncRuns = { tags, delayMs, regkit: { cold: [], noop: [], coldCpu: [], noopCpu: [] }, skopeo: { cold: [], noop: [], coldCpu: [], noopCpu: [] } };
  const dir = await makeTempDir('regkit-bench-sync-');
  const src = await endpointFor(source.registry, delayMs, false);
  try {
    for (let rep = 0; rep < cfg.reps; rep++) {
      for (const tool of rep % 2 === 0 ? (['regkit', 'skopeo'] as const) : (['skopeo', 'regkit'] as const)) {
        const target = await freshTarget(delayMs);
        try {
          const sync = () => (tool === 'regkit' ? regkitSync(dir, src, target) : skopeoSync(src, target));
          const cold = await sync();
          runs[tool].cold.push(cold.ms);
          runs[tool].coldCpu.push(cold.cpuMs);
          source.registry.clearRequests();
          target.registry.clearRequests();
          const noop = await sync();
          runs[tool].noop.push(noop.ms);
          runs[tool].noopCpu.push(noop.cpuMs);
          runs[tool].noopSource = summarizeAccess(source.registry.requests(), new Map());
          runs[tool].noopTarget = summarizeAccess(target.registry.requests(), new Map());
        } finally {
          await target.stop();
        }
      }
    }
  } finally {
    await src.stop();
    await removeTempDir(dir);
  }
  return runs;
}

const WRITES = ['PUT', 'POST', 'PATCH', 'DELETE'];

function writes(s: AccessSummary | undefined): number {
  return WRITES.reduce((n, m) => n + (s?.byMethod[m] ?? 0), 0);
}

export function syncCase(id: string, runs: SyncRuns, speedup: number): CaseResult {
  const cold = median(runs.regkit.cold) / median(runs.skopeo.cold);
  const noop = median(runs.skopeo.noop) / median(runs.regkit.noop);
  const r = runs.regkit;
  const perTag = ((r.noopSource?.requests ?? Number.NaN) + (r.noopTarget?.requests ?? Number.NaN) - 1) / runs.tags;
  const where = runs.delayMs > 0 ? `TCP-level delay of ${runs.delayMs} ms per round trip` : 'loopback';
  return {
    id,
    title: `sync of a ${runs.tags}-tag repository, ${where} (regkit parallel: 4; skopeo sync copies one image at a time)`,
    figures: [
      { what: 'cold wall time (median)', regkit: seconds(median(r.cold)), other: seconds(median(runs.skopeo.cold)) },
      { what: 'cold ratio regkit/skopeo', regkit: ratio(cold) },
      ...cpuFigures('cold', r.coldCpu, runs.skopeo.coldCpu),
      { what: 'no-op wall time (median)', regkit: seconds(median(r.noop)), other: seconds(median(runs.skopeo.noop)) },
      { what: 'no-op speed-up skopeo/regkit', regkit: ratio(noop) },
      ...cpuFigures('no-op', r.noopCpu, runs.skopeo.noopCpu),
      { what: 'no-op source requests', regkit: formatMethods(r.noopSource?.byMethod ?? {}), other: formatMethods(runs.skopeo.noopSource?.byMethod ?? {}) },
      { what: 'no-op target requests', regkit: formatMethods(r.noopTarget?.byMethod ?? {}), other: formatMethods(runs.skopeo.noopTarget?.byMethod ?? {}) },
    ],
    bars: [
      bar('no-op requests per tag, beyond the one tag list', perTag, '<=', 2),
      bar('no-op writes on the target', writes(r.noopTarget), '==', 0),
      bar(`no-op speed-up over skopeo sync`, noop, '>=', speedup),
    ],
    data: { runs },
  };
}
