// Case (d): one large layer. regkit must stream it (peak RSS of the CLI process stays small whatever the size) and
// keep up with `curl | curl` moving the same blob between the same registries.
import { curlPipe, regkitCopy } from './clients.js';
import { median, timeIt } from './measure.js';
import { bar, mib, ratio, seconds, type CaseResult } from './report.js';
import { freshTarget, type BenchConfig, type BenchSource } from './setup.js';

const RSS_LIMIT_BYTES = 150 * 1000 * 1000;

export async function bigLayerCase(cfg: BenchConfig, source: BenchSource): Promise<CaseResult> {
  const big = source.big;
  if (!big) throw new Error('case (d) needs the big image seeded');
  const layer = big.fixture.manifests[0]!.layers[0]!;
  const regkitMs: number[] = [];
  const curlMs: number[] = [];
  const rss: number[] = [];
  const target = await freshTarget(0);
  try {
    const src = source.registry.host;
    for (let rep = 0; rep < cfg.reps; rep++) {
      const regkit = async () => {
        const run = await regkitCopy(`${src}/${big.repository}:${big.tag}`, `${target.host}/bench/big-regkit-${rep}:${big.tag}`, [src, target.host]);
        regkitMs.push(run.ms);
        rss.push(run.peakRss);
      };
      const curl = async () => {
        curlMs.push(
          await timeIt(() =>
            curlPipe({ digest: layer.digest, srcHost: src, srcRepository: big.repository, dstHost: target.host, dstRepository: `bench/big-curl-${rep}` }),
          ),
        );
      };
      for (const step of rep % 2 === 0 ? [regkit, curl] : [curl, regkit]) await step();
    }
  } finally {
    await target.stop();
  }
  const throughput = (ms: number) => layer.size / (ms / 1000);
  const regkitRate = throughput(median(regkitMs));
  const curlRate = throughput(median(curlMs));
  const peak = Math.max(...rss);
  return {
    id: 'd',
    title: `one ${mib(layer.size)} layer`,
    figures: [
      { what: 'wall time (median)', regkit: seconds(median(regkitMs)), other: seconds(median(curlMs)) },
      { what: 'throughput', regkit: `${mib(regkitRate)}/s`, other: `${mib(curlRate)}/s` },
      { what: 'throughput ratio regkit/curl', regkit: ratio(regkitRate / curlRate) },
      { what: 'peak RSS (rusage maxrss)', regkit: mib(peak) },
    ],
    bars: [bar('peak RSS, MB', Math.round(peak / 1e6), '<', RSS_LIMIT_BYTES / 1e6), bar('throughput ratio regkit/curl', regkitRate / curlRate, '>=', 0.7)],
    data: { layerBytes: layer.size, regkitMs, curlMs, peakRssBytes: rss, throughputRatio: regkitRate / curlRate },
  };
}
