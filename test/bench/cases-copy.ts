// Cases (a), (b) and (e): a cold registry → registry copy of the multi-platform image and the no-op copy right after
// it, regkit against skopeo, on loopback and through a delaying proxy. Each cold run gets a fresh target registry, so
// skopeo's blob-info cache cannot turn a cold copy into mounts, and the tools take turns going first.
import { formatMethods, summarizeAccess, type AccessSummary } from './access.js';
import { regkitCopy, skopeoCopyTimed } from './clients.js';
import { median } from './measure.js';
import { bar, ratio, seconds, type Bar, type CaseResult } from './report.js';
import { LinkCounter, type TcpDelayCounts } from '../harness/tcp-delay.js';
import { endpointFor, freshTarget, type BenchConfig, type BenchSource } from './setup.js';

type Tool = 'regkit' | 'skopeo';

interface ToolRuns {
  cold: number[];
  noop: number[];
  /** CPU user + sys per run, in the order of `cold` and `noop`. */
  coldCpu: number[];
  noopCpu: number[];
  /** What crossed the delayed links (source and target on one clock) during the last cold copy. */
  coldLink?: TcpDelayCounts;
  coldTarget?: AccessSummary;
  noopSource?: AccessSummary;
  noopTarget?: AccessSummary;
}

export type CopyRuns = Record<Tool, ToolRuns>;

export async function measureCopies(cfg: BenchConfig, source: BenchSource, delayMs: number): Promise<CopyRuns> {
  const runs: CopyRuns = { regkit: { cold: [], noop: [], coldCpu: [], noopCpu: [] }, skopeo: { cold: [], noop: [], coldCpu: [], noopCpu: [] } };
  const { app } = source;
  const counter = new LinkCounter(delayMs / 2);
  const src = await endpointFor(source.registry, delayMs, false, counter);
  try {
    for (let rep = 0; rep < cfg.reps; rep++) {
      const order: Tool[] = rep % 2 === 0 ? ['regkit', 'skopeo'] : ['skopeo', 'regkit'];
      for (const tool of order) {
        const target = await freshTarget(delayMs, counter);
        try {
          const srcRef = `${src.host}/${app.repository}:${app.tag}`;
          const dstRef = `${target.host}/bench/app-${tool}-${rep}:${app.tag}`;
          const copy = () => (tool === 'regkit' ? regkitCopy(srcRef, dstRef, [src.host, target.host]) : skopeoCopyTimed(srcRef, dstRef));
          target.registry.clearRequests();
          counter.clear();
          const cold = await copy();
          runs[tool].cold.push(cold.ms);
          runs[tool].coldCpu.push(cold.cpuMs);
          if (delayMs > 0) runs[tool].coldLink = counter.counts();
          runs[tool].coldTarget = summarizeAccess(target.registry.requests(), app.sizes);
          source.registry.clearRequests();
          target.registry.clearRequests();
          const noop = await copy();
          runs[tool].noop.push(noop.ms);
          runs[tool].noopCpu.push(noop.cpuMs);
          runs[tool].noopSource = summarizeAccess(source.registry.requests(), app.sizes);
          runs[tool].noopTarget = summarizeAccess(target.registry.requests(), app.sizes);
        } finally {
          await target.stop();
        }
      }
    }
  } finally {
    await src.stop();
  }
  return runs;
}

function times(values: readonly number[]): string {
  const m = seconds(median(values));
  return values.length > 1 ? `${m} (${values.map((v) => (v / 1000).toFixed(2)).join(' ')})` : m;
}

function wallFigures(runs: CopyRuns, kind: 'cold' | 'noop'): { figure: CaseResult['figures'][number]; ratio: number } {
  const r = median(runs.regkit[kind]) / median(runs.skopeo[kind]);
  return {
    figure: { what: `${kind === 'cold' ? 'cold' : 'no-op'} wall time (median)`, regkit: times(runs.regkit[kind]), other: times(runs.skopeo[kind]) },
    ratio: r,
  };
}

/** CPU user + sys per tool (median) and their ratio, as two figures. */
export function cpuFigures(what: string, regkitMs: readonly number[], skopeoMs: readonly number[]): CaseResult['figures'] {
  const r = median(regkitMs) / median(skopeoMs);
  return [
    { what: `${what} CPU user+sys (median)`, regkit: times(regkitMs), other: times(skopeoMs) },
    { what: `${what} CPU ratio regkit/skopeo`, regkit: ratio(r) },
  ];
}

function linkFigure(runs: CopyRuns): CaseResult['figures'][number] {
  const f = (c: TcpDelayCounts | undefined) => (c ? `${c.waves} (${c.connections} connects, ${c.requests} requests)` : 'n/a');
  return { what: 'cold round trips on the critical path', regkit: f(runs.regkit.coldLink), other: f(runs.skopeo.coldLink) };
}

function exactlyOneHead(what: string, s: AccessSummary | undefined): Bar {
  const total = s?.requests ?? Number.NaN;
  return { ...bar(what, total, '==', 1), met: total === 1 && s?.byMethod['HEAD'] === 1 };
}

export function coldCase(cfg: BenchConfig, runs: CopyRuns): CaseResult {
  const wall = wallFigures(runs, 'cold');
  return {
    id: 'a',
    title: `cold copy, ${cfg.platforms.length} platforms × ${cfg.layers} × ${cfg.layerSize / 1024 / 1024} MiB layers, loopback`,
    figures: [
      wall.figure,
      { what: 'ratio regkit/skopeo', regkit: ratio(wall.ratio) },
      ...cpuFigures('cold', runs.regkit.coldCpu, runs.skopeo.coldCpu),
      { what: 'target requests', regkit: formatMethods(runs.regkit.coldTarget?.byMethod ?? {}), other: formatMethods(runs.skopeo.coldTarget?.byMethod ?? {}) },
    ],
    bars: [bar('wall time ratio regkit/skopeo', wall.ratio, '<=', 0.9)],
    data: {
      regkitMs: runs.regkit.cold,
      skopeoMs: runs.skopeo.cold,
      ratio: wall.ratio,
      regkitCpuMs: runs.regkit.coldCpu,
      skopeoCpuMs: runs.skopeo.coldCpu,
      regkitTarget: runs.regkit.coldTarget,
      skopeoTarget: runs.skopeo.coldTarget,
    },
  };
}

export function noopCase(runs: CopyRuns): CaseResult {
  const wall = wallFigures(runs, 'noop');
  return {
    id: 'b',
    title: 'no-op copy (target already has the image), loopback',
    figures: [
      wall.figure,
      { what: 'ratio regkit/skopeo', regkit: ratio(wall.ratio) },
      ...cpuFigures('no-op', runs.regkit.noopCpu, runs.skopeo.noopCpu),
      { what: 'source requests', regkit: formatMethods(runs.regkit.noopSource?.byMethod ?? {}), other: formatMethods(runs.skopeo.noopSource?.byMethod ?? {}) },
      { what: 'target requests', regkit: formatMethods(runs.regkit.noopTarget?.byMethod ?? {}), other: formatMethods(runs.skopeo.noopTarget?.byMethod ?? {}) },
    ],
    bars: [exactlyOneHead('source requests (1 HEAD)', runs.regkit.noopSource), exactlyOneHead('target requests (1 HEAD)', runs.regkit.noopTarget)],
    data: {
      regkitMs: runs.regkit.noop,
      skopeoMs: runs.skopeo.noop,
      ratio: wall.ratio,
      regkitCpuMs: runs.regkit.noopCpu,
      skopeoCpuMs: runs.skopeo.noopCpu,
      regkit: { source: runs.regkit.noopSource, target: runs.regkit.noopTarget },
      skopeo: { source: runs.skopeo.noopSource, target: runs.skopeo.noopTarget },
    },
  };
}

export function wanCase(cfg: BenchConfig, runs: CopyRuns): CaseResult {
  const cold = wallFigures(runs, 'cold');
  const noop = wallFigures(runs, 'noop');
  return {
    id: 'e',
    title: `(a) and (b) through a TCP-level delay: ${cfg.delayMs} ms per round trip, connects included`,
    figures: [
      cold.figure,
      { what: 'cold ratio regkit/skopeo', regkit: ratio(cold.ratio) },
      linkFigure(runs),
      ...cpuFigures('cold', runs.regkit.coldCpu, runs.skopeo.coldCpu),
      noop.figure,
      { what: 'no-op ratio regkit/skopeo', regkit: ratio(noop.ratio) },
      ...cpuFigures('no-op', runs.regkit.noopCpu, runs.skopeo.noopCpu),
      {
        what: 'cold target requests',
        regkit: formatMethods(runs.regkit.coldTarget?.byMethod ?? {}),
        other: formatMethods(runs.skopeo.coldTarget?.byMethod ?? {}),
      },
      {
        what: 'no-op requests (source, target)',
        regkit: `${runs.regkit.noopSource?.requests}, ${runs.regkit.noopTarget?.requests}`,
        other: `${runs.skopeo.noopSource?.requests}, ${runs.skopeo.noopTarget?.requests}`,
      },
    ],
    bars: [bar('cold ratio regkit/skopeo', cold.ratio, '<=', 0.5), bar('no-op ratio regkit/skopeo', noop.ratio, '<=', 0.3)],
    data: {
      cold: {
        regkitMs: runs.regkit.cold,
        skopeoMs: runs.skopeo.cold,
        ratio: cold.ratio,
        regkitCpuMs: runs.regkit.coldCpu,
        skopeoCpuMs: runs.skopeo.coldCpu,
        regkitLink: runs.regkit.coldLink,
        skopeoLink: runs.skopeo.coldLink,
      },
      noop: { regkitMs: runs.regkit.noop, skopeoMs: runs.skopeo.noop, ratio: noop.ratio, regkitCpuMs: runs.regkit.noopCpu, skopeoCpuMs: runs.skopeo.noopCpu },
    },
  };
}
