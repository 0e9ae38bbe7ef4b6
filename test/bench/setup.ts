// What the bench runs against: its sizes (full or BENCH_QUICK), generated images seeded into a source registry, and
// target endpoints (a fresh registry, optionally behind a TCP-level delay that makes every round trip cost `delayMs`).
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import { makeImageLayout, type FixtureImage } from '../harness/fixtures.js';
import { skopeoCopy } from '../harness/skopeo.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { startTcpDelay, type LinkCounter } from '../harness/tcp-delay.js';

export interface BenchConfig {
  quick: boolean;
  reps: number;
  platforms: string[];
  layers: number;
  layerSize: number;
  bigSize: number;
  delayMs: number;
  /** Blobs at a time in the `curl | curl` ceiling, regkit's and skopeo's default order of magnitude. */
  parallel: number;
  /** Case letters to run; all when BENCH_CASES is unset. */
  cases: ReadonlySet<string>;
  /**
   * BENCH_SCALE_PRUNE_REAL=1: the scale case also runs its 10,000-tag prune for real. Off by default: distribution 2.8
   * deletes a tag through a throwaway manifest whose DELETE reads every tag of the repository, so the run grows with
   * the square of the tags and is the registry's CPU: 446–546 s measured (330 s the registry's CPU, 9 s regkit's),
   * against 11–14 s for the dry run and 13 s for a real run of 1,000 tags; case (i) measures real deletes.
   */
  scalePruneReal: boolean;
}

const MiB = 1024 * 1024;

export function benchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env['BENCH_QUICK'] === '1';
  const reps = Number(env['BENCH_REPS'] ?? (quick ? 1 : 3));
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`BENCH_REPS must be a whole number ≥ 1, got ${env['BENCH_REPS']}`);
  const cases = new Set((env['BENCH_CASES'] ?? 'abcdefghij').split(/[\s,]*/).filter(Boolean));
  return {
    quick,
    reps,
    platforms: ['linux/amd64', 'linux/arm64'],
    layers: quick ? 2 : 4,
    layerSize: (quick ? 4 : 16) * MiB,
    bigSize: (quick ? 64 : 1024) * MiB,
    delayMs: 25,
    parallel: 4,
    cases,
    scalePruneReal: env['BENCH_SCALE_PRUNE_REAL'] === '1',
  };
}

/** Where a tool sends its requests (`host`), and the registry behind it whose access log tells what arrived. */
export interface Endpoint {
  host: string;
  registry: RunningRegistry;
  /** What crossed the delayed link since the last clear; undefined on loopback. */
  link: LinkCounter | undefined;
  stop(): Promise<void>;
}

/** A registry seen directly, or through a TCP-level delay where every round trip (connects included) costs `delayMs`. */
export async function endpointFor(registry: RunningRegistry, delayMs: number, ownsRegistry: boolean, counter?: LinkCounter): Promise<Endpoint> {
  const proxy = delayMs > 0 ? await startTcpDelay(registry.host, delayMs, counter) : undefined;
  return {
    host: proxy?.host ?? registry.host,
    registry,
    link: proxy?.counter,
    stop: async () => {
      await proxy?.stop();
      if (ownsRegistry) await registry.stop();
    },
  };
}

export async function freshTarget(delayMs: number, counter?: LinkCounter): Promise<Endpoint> {
  return endpointFor(await startRegistry(), delayMs, true, counter);
}

export interface SeededImage {
  /** `bench/app:v1` style, on the source registry. */
  repository: string;
  tag: string;
  fixture: FixtureImage;
  sizes: Map<string, number>;
}

export interface BenchSource {
  registry: RunningRegistry;
  app: SeededImage;
  big: SeededImage | undefined;
  stop(): Promise<void>;
}

async function seed(registry: RunningRegistry, dir: string, repository: string, fixture: FixtureImage): Promise<SeededImage> {
  await skopeoCopy(`oci:${dir}:${fixture.tag}`, `docker://${registry.host}/${repository}:${fixture.tag}`, { all: true });
  return { repository, tag: fixture.tag, fixture, sizes: new Map(fixture.blobs.map((b) => [b.digest, b.size])) };
}

export async function startSource(cfg: BenchConfig, withBig: boolean): Promise<BenchSource> {
  const dir = await makeTempDir('regkit-bench-');
  const registry = await startRegistry();
  try {
    const appDir = join(dir, 'app');
    const app = await makeImageLayout(appDir, {
      tag: 'v1',
      platforms: cfg.platforms,
      layers: cfg.layers,
      layerSize: cfg.layerSize,
      seed: `bench-${Date.now()}`,
    });
    const seededApp = await seed(registry, appDir, 'bench/app', app);
    let big: SeededImage | undefined;
    if (withBig) {
      const bigDir = join(dir, 'big');
      const fixture = await makeImageLayout(bigDir, { tag: 'v1', layers: 1, layerSize: cfg.bigSize, seed: `bench-big-${Date.now()}` });
      big = await seed(registry, bigDir, 'bench/big', fixture);
    }
    // The layouts are in the registry now; their disk space is better spent on the targets.
    await removeTempDir(dir);
    return { registry, app: seededApp, big, stop: () => registry.stop() };
  } catch (err) {
    await registry.stop();
    await removeTempDir(dir);
    throw err;
  }
}
