// What the copy integration tests share: stores pointed at harness registries, seeding, reading a target back with
// skopeo into a layout whose every blob is hashed, access-log summaries, and the CLI run as a child process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../src/log.js';
import type { CopyContext } from '../../src/copy/copy.js';
import { digestOf } from '../../src/oci/digest.js';
import type { Descriptor, ImageManifest } from '../../src/oci/manifest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import type { RegistryReference } from '../../src/oci/reference.js';
import { StoreSet } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import type { HostConfig } from '../../src/config/hostconfig.js';
import { makeImageLayout, type FixtureImage, type ImageLayoutOptions } from '../harness/fixtures.js';
import type { AccessRecord, RunningRegistry } from '../harness/registry.js';
import { skopeoCopy } from '../harness/skopeo.js';

/** A registry as the code under test reaches it: directly, or through a proxy at another address. */
export interface Endpoint {
  host: string;
  credentials?: { username: string; password: string } | undefined;
}

function hostConfig(endpoint: Endpoint, extra: Partial<HostConfig> = {}): HostConfig {
  const creds = endpoint.credentials;
  return { registry: endpoint.host, tls: 'disabled', ...(creds ? { user: creds.username, pass: creds.password } : {}), ...extra };
}

/** Stores for these endpoints only: no docker config of the machine's user, short retry backoff. */
export function openStores(endpoints: Array<Endpoint | HostConfig>): StoreSet {
  const hosts = endpoints.map((e) => ('registry' in e ? e : hostConfig(e)));
  return new StoreSet({ hosts, logger: silentLogger, useDockerConfig: false, retry: { baseDelayMs: 10 } });
}

export function copyContext(stores: StoreSet): CopyContext {
  return { stores, logger: silentLogger };
}

export function refOf(host: string, repository: string, at: { tag?: string; digest?: string } = {}): RegistryReference {
  return { scheme: 'registry', registry: host, repository, ...at };
}

/** Writes a fixture layout and pushes its tag to each `repo:tag` of the registry with skopeo. */
export async function seedImage(reg: RunningRegistry, layout: string, targets: string[], opts: ImageLayoutOptions): Promise<FixtureImage> {
  const image = await makeImageLayout(layout, opts);
  for (const target of targets) await pushLayout(reg, layout, image.tag, target);
  return image;
}

async function pushLayout(reg: RunningRegistry, layout: string, tag: string, target: string): Promise<void> {
  await skopeoCopy(`oci:${layout}:${tag}`, `docker://${reg.host}/${target}`, { all: true, destCreds: reg.credentials });
}

/** `METHOD /path STATUS`, without the query, for comparing request sequences. */
export const summary = (log: AccessRecord[]): string[] => log.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);

export const isBlobRead = (r: AccessRecord): boolean => r.method === 'GET' && /\/blobs\/sha256:/.test(r.path);
export const isBlobUpload = (r: AccessRecord): boolean => (r.method === 'PUT' || r.method === 'PATCH') && /\/blobs\/uploads\//.test(r.path);
export const isMount = (r: AccessRecord): boolean => r.method === 'POST' && /[?&]mount=/.test(r.path);

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Pulls `docker://host/repo:tag` with every platform into a fresh OCI layout with skopeo, checks every blob file
 * hashes to its name and that every descriptor reachable from the tag is in the layout; returns the digests found.
 */
export async function pullAndVerify(endpoint: Endpoint, reference: string, layout: string): Promise<Set<string>> {
  await skopeoCopy(`docker://${endpoint.host}/${reference}`, `oci:${layout}:pulled`, { all: true, srcCreds: endpoint.credentials });
  const dir = join(layout, 'blobs', 'sha256');
  const names = await readdir(dir);
  for (const name of names) assert.equal(await sha256File(join(dir, name)), name, `blob file ${name} does not hash to its name`);
  const present = new Set(names.map((n) => `sha256:${n}`));
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
  const pending = [...index.manifests];
  while (pending.length > 0) {
    const desc = pending.pop()!;
    assert.ok(present.has(desc.digest), `${desc.digest} (${desc.mediaType}) is missing from the pulled layout`);
    if (!/manifest|index|list/.test(desc.mediaType)) continue;
    const body = JSON.parse(await readFile(join(dir, desc.digest.slice('sha256:'.length)), 'utf8')) as {
      manifests?: Descriptor[];
      config?: Descriptor;
      layers?: Descriptor[];
    };
    pending.push(...(body.manifests ?? []), ...(body.config ? [body.config] : []), ...(body.layers ?? []));
  }
  return present;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAIN = join(process.cwd(), 'build/src/main.js');

/** `node build/src/main.js …` as a user's shell runs it: not in action mode, and no docker config of the machine. */
export function runRegkit(args: string[], dockerConfig: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && k !== 'GITHUB_ACTIONS'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...env, ...extraEnv, DOCKER_CONFIG: dockerConfig }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** `--host` flags for registries reached without TLS, with their credentials when they have any. */
export function hostFlags(...endpoints: Endpoint[]): string[] {
  return endpoints.flatMap((e) => [
    '--host',
    `reg=${e.host},tls=disabled${e.credentials ? `,user=${e.credentials.username},pass=${e.credentials.password}` : ''}`,
  ]);
}

export interface Pushed {
  digest: string;
  blobs: Descriptor[];
}

async function pushBlob(store: Store, repo: RegistryReference, bytes: Buffer, mediaType: string): Promise<Descriptor> {
  const desc = { mediaType, digest: digestOf(bytes), size: bytes.length };
  await store.putBlob(repo, desc, Readable.from([bytes]));
  return desc;
}

/**
 * An OCI manifest of one small layer and the empty config, optionally with a subject and annotations (which a
 * referrers list carries on the descriptor); under `tag` or by digest.
 */
export async function pushArtifact(
  store: Store,
  repo: RegistryReference,
  artifactType: string,
  payload: string,
  at: { subject?: Descriptor; tag?: string; annotations?: Record<string, string> },
): Promise<Pushed> {
  const config = await pushBlob(store, repo, Buffer.from('{}'), MediaType.OciEmpty);
  const layer = await pushBlob(store, repo, Buffer.from(payload), artifactType);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType,
    config,
    layers: [layer],
    ...(at.subject ? { subject: at.subject } : {}),
    ...(at.annotations ? { annotations: at.annotations } : {}),
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const target = at.tag !== undefined ? { ...repo, tag: at.tag } : { ...repo, digest: digestOf(bytes) };
  const digest = await store.putManifest(target, bytes, MediaType.OciManifest);
  return { digest, blobs: [config, layer] };
}
