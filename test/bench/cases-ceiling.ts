// Case (f): the ceiling for (a). `curl | curl` moves the same blobs, a few at a time, with no manifests, no checks and
// no start-up: on one machine both registries share the CPU with the client, so this is as fast as a copy can be.
import { curlPipeAll, type BlobMove } from './clients.js';
import { median, timeIt } from './measure.js';
import { ratio, seconds, type CaseResult } from './report.js';
import { freshTarget, type BenchConfig, type BenchSource } from './setup.js';

export async function ceilingCase(
  cfg: BenchConfig,
  source: BenchSource,
  regkitColdMs: readonly number[],
  skopeoColdMs: readonly number[],
): Promise<CaseResult> {
  const { app } = source;
  const blobs = [...new Map(app.fixture.manifests.flatMap((m) => [m.config, ...m.layers]).map((b) => [b.digest, b])).values()];
  const ms: number[] = [];
  const target = await freshTarget(0);
  try {
    for (let rep = 0; rep < cfg.reps; rep++) {
      const moves: BlobMove[] = blobs.map((b) => ({
        digest: b.digest,
        srcHost: source.registry.host,
        srcRepository: app.repository,
        dstHost: target.host,
        dstRepository: `bench/ceiling-${rep}`,
      }));
      ms.push(await timeIt(() => curlPipeAll(moves, cfg.parallel)));
    }
  } finally {
    await target.stop();
  }
  const ceiling = median(ms);
  const bytes = blobs.reduce((n, b) => n + b.size, 0);
  const figures: CaseResult['figures'] = [{ what: `curl | curl, ${blobs.length} blobs, ${cfg.parallel} at a time`, regkit: '', other: seconds(ceiling) }];
  if (regkitColdMs.length)
    figures.push({
      what: '(a) against the ceiling',
      regkit: ratio(median(regkitColdMs) / ceiling),
      other: skopeoColdMs.length ? `skopeo ${ratio(median(skopeoColdMs) / ceiling)}` : '',
    });
  return { id: 'f', title: 'ceiling: the blobs of (a) through curl | curl', figures, bars: [], data: { curlMs: ms, bytes, blobs: blobs.length } };
}
