// What the sync integration tests share: a work directory with an empty docker config and the configs written into
// it, repositories seeded with many tags at the cost of one skopeo push, the CLI's `sync` run as a child process, and
// its output read back as results.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../harness/cleanup.js';
import type { ImageLayoutOptions, FixtureImage } from '../harness/fixtures.js';
import type { AccessRecord, RunningRegistry } from '../harness/registry.js';
import { hostFlags, openStores, refOf, runRegkit, seedImage, type CliRun, type Endpoint } from './copy-setup.js';

export interface SyncWorkspace {
  dir: string;
  /** An empty DOCKER_CONFIG directory, so the machine's logins never take part. */
  dockerConfig: string;
  /** Writes a regsync.yml under `name` and returns its path. */
  writeConfig(name: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

export async function makeSyncWorkspace(prefix: string): Promise<SyncWorkspace> {
  const dir = await makeTempDir(prefix);
  return {
    dir,
    dockerConfig: dir,
    writeConfig: async (name, text) => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    },
    remove: () => removeTempDir(dir),
  };
}

/** `regkit sync MODE -c CONFIG …` with `--host` flags for the endpoints; stdout, stderr and the exit code. */
export function syncCli(ws: SyncWorkspace, mode: 'once' | 'check' | 'config', config: string, endpoints: Endpoint[], extra: string[] = []): Promise<CliRun> {
  return runRegkit(['sync', mode, '-c', config, ...hostFlags(...endpoints), ...extra], ws.dockerConfig);
}

/**
 * Pushes one fixture image to `repo:tags[0]` with skopeo, then points every other tag at it with a manifest PUT:
 * many tags for the price of one push.
 */
export async function seedTags(reg: RunningRegistry, layout: string, repo: string, tags: readonly string[], opts: ImageLayoutOptions): Promise<FixtureImage> {
  const [first, ...rest] = tags;
  assert.ok(first !== undefined, 'seedTags needs at least one tag');
  const image = await seedImage(reg, layout, [`${repo}:${first}`], opts);
  const stores = openStores([reg]);
  try {
    const store = stores.storeForRegistry(reg.host);
    const fetched = await store.getManifest(refOf(reg.host, repo, { tag: first }));
    await Promise.all(rest.map((tag) => store.putManifest(refOf(reg.host, repo, { tag }), fetched.bytes, fetched.mediaType)));
  } finally {
    await stores.close();
  }
  return image;
}

/** One JSON object per line of `--format json` output. */
export interface ResultLine {
  op: string;
  source: string | null;
  target: string | null;
  status: string;
  digest: string | null;
  bytes: number;
  reason: string | null;
}

export function resultLines(stdout: string): ResultLine[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ResultLine);
}

/** `status target` for each sync (not backup) line, sorted: the verdicts of a run, in an order that does not race. */
export function verdicts(lines: readonly ResultLine[], op = 'sync'): string[] {
  return lines
    .filter((l) => l.op === op)
    .map((l) => `${l.status} ${l.target}`)
    .sort();
}

export const WRITE_METHODS: ReadonlySet<string> = new Set(['PUT', 'POST', 'PATCH', 'DELETE']);

/** Requests by method, e.g. `{ GET: 3, HEAD: 60 }`. */
export function countByMethod(log: readonly AccessRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of log) counts[r.method] = (counts[r.method] ?? 0) + 1;
  return counts;
}

export const writesIn = (log: readonly AccessRecord[]): AccessRecord[] => log.filter((r) => WRITE_METHODS.has(r.method));

/** Fails with the run's own output, which is what one needs to see when a CLI run went wrong. */
export function assertExit(run: CliRun, code: number): void {
  assert.equal(run.code, code, `exit ${run.code}, expected ${code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
}
