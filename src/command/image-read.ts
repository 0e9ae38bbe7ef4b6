// `image digest|manifest|config|inspect|ratelimit`: read-only looks at one image.
import { Buffer } from 'node:buffer';
import { UsageError } from '../errors.js';
import { verifyBytes } from '../oci/digest.js';
import { parseManifest, type Platform } from '../oci/manifest.js';
import { formatPlatform, localPlatform } from '../oci/platform.js';
import { formatReference, repositoryOf, type Reference } from '../oci/reference.js';
import type { FetchedManifest, RateLimit, Store } from '../store/store.js';
import { fetchForPlatform, headOrFail } from './resolve.js';
import { goTime, goView, withRawJson } from './views.js';

/** A HEAD alone when no platform is asked for: Docker Hub does not count HEADs against the pull limit. */
export async function imageDigest(store: Store, ref: Reference, platform: Platform | undefined): Promise<string> {
  if (!platform) return (await headOrFail(store, ref)).digest;
  return (await fetchForPlatform(store, ref, platform)).digest;
}

export async function imageManifest(store: Store, ref: Reference, platform: Platform | undefined): Promise<FetchedManifest> {
  return fetchForPlatform(store, ref, platform);
}

export async function imageConfig(store: Store, ref: Reference, platform: Platform | undefined): Promise<Uint8Array> {
  return configOf(store, ref, await fetchForPlatform(store, ref, platform));
}

async function configOf(store: Store, ref: Reference, fetched: FetchedManifest): Promise<Uint8Array> {
  const parsed = parseManifest(fetched.bytes, fetched.mediaType);
  if (parsed.kind === 'index') {
    const offered = parsed.index.manifests.flatMap((d) => (d.platform ? [formatPlatform(d.platform)] : []));
    throw new UsageError(`${formatReference(ref)} is a multi-platform index (${offered.join(', ')}); pass --platform to pick one image`);
  }
  if (parsed.kind !== 'image') throw new UsageError(`${formatReference(ref)} is a ${parsed.mediaType}, which has no image config`);
  const desc = parsed.manifest.config;
  const chunks: Buffer[] = [];
  for await (const chunk of await store.getBlob(repositoryOf(ref), desc)) chunks.push(Buffer.from(chunk as Uint8Array));
  const bytes = Buffer.concat(chunks);
  verifyBytes(bytes, desc.digest, `config of ${formatReference(ref)}`);
  return bytes;
}

export async function imageRateLimit(store: Store, ref: Reference): Promise<RateLimit> {
  return (await headOrFail(store, ref)).rateLimit ?? { set: false, policies: [] };
}

export function describeRateLimit(rl: RateLimit): string {
  if (!rl.set) return 'no rate limit reported';
  const window = rl.policies.length > 0 ? ` (policy ${rl.policies.join(', ')})` : '';
  const reset = rl.reset !== undefined ? `, resets in ${rl.reset}s` : '';
  return `${rl.remaining} of ${rl.limit ?? '?'} pulls remaining${window}${reset}`;
}

/** What `image inspect` shows: the top manifest, the platforms an index offers, and the one image picked. */
export interface ImageInspection {
  reference: string;
  digest: string;
  mediaType: string;
  /** Platforms of an index; absent for a single image. */
  platforms?: string[];
  /** The image inspected when the reference is an index: its platform and manifest digest. */
  platform?: string;
  imageDigest: string;
  created?: string;
  labels: Record<string, string>;
  layers: { digest: string; mediaType: string; size: number }[];
  /** Manifest, config and layers, as a pull would move them. */
  size: number;
  /** The image config, parsed, for templates (`.Config.Config.Env`). */
  config: Record<string, unknown>;
}

/** An index resolves to `platform`, or to this machine's platform as regctl's `image inspect` does. */
export async function imageInspect(store: Store, ref: Reference, platform: Platform | undefined): Promise<ImageInspection> {
  const top = await store.getManifest(ref);
  const parsedTop = parseManifest(top.bytes, top.mediaType);
  const platforms = parsedTop.kind === 'index' ? parsedTop.index.manifests.flatMap((d) => (d.platform ? [formatPlatform(d.platform)] : [])) : undefined;
  const image = parsedTop.kind === 'index' ? await fetchForPlatform(store, ref, platform ?? localPlatform()) : top;
  const parsed = parseManifest(image.bytes, image.mediaType);
  if (parsed.kind !== 'image')
    throw new UsageError(`${formatReference(ref)} is a ${parsed.mediaType}, which is no image to inspect; see regkit image manifest`);
  const config = JSON.parse(Buffer.from(await configOf(store, ref, image)).toString('utf8')) as Record<string, unknown>;
  const labels = ((config['config'] as { Labels?: Record<string, string> } | undefined)?.Labels ?? {}) as Record<string, string>;
  const layers = parsed.manifest.layers.map((l) => ({ digest: l.digest, mediaType: l.mediaType, size: l.size }));
  const imagePlatform = [config['os'], config['architecture'], config['variant']].filter((p): p is string => typeof p === 'string' && p !== '').join('/');
  return {
    reference: formatReference(ref),
    digest: top.digest,
    mediaType: top.mediaType,
    ...(platforms ? { platforms, platform: imagePlatform } : {}),
    imageDigest: image.digest,
    ...(typeof config['created'] === 'string' ? { created: config['created'] } : {}),
    labels,
    layers,
    size: image.size + parsed.manifest.config.size + layers.reduce((sum, l) => sum + l.size, 0),
    config,
  };
}

/** The inspection with regctl's names (`.Created`, `.Architecture`, `.OS`, `.Config.Labels`, from the image config) and ours. */
export function inspectView(i: ImageInspection): Record<string, unknown> {
  const fromConfig = goView(i.config) as Record<string, unknown>;
  return {
    ...fromConfig,
    Name: i.reference,
    Digest: i.digest,
    MediaType: i.mediaType,
    Platforms: i.platforms ?? [],
    Platform: i.platform ?? '',
    ImageDigest: i.imageDigest,
    Created: i.created !== undefined ? goTime(i.created) : '',
    Labels: new Map(Object.entries(i.labels)),
    Layers: i.layers.map((l) => ({ MediaType: l.mediaType, Digest: l.digest, Size: l.size })),
    Size: i.size,
  };
}

export function describeInspection(i: ImageInspection): string {
  const rows: [string, string][] = [
    ['Name', i.reference],
    ['Digest', i.digest],
    ['MediaType', i.mediaType],
    ...(i.platforms
      ? ([
          ['Platforms', i.platforms.join(', ')],
          ['Platform', `${i.platform} (${i.imageDigest})`],
        ] as [string, string][])
      : []),
    ['Created', i.created ?? '(not set)'],
    ['Size', `${i.size} bytes (manifest, config and ${i.layers.length} layer${i.layers.length === 1 ? '' : 's'})`],
  ];
  const labels = Object.entries(i.labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return [
    ...rows.map(([k, v]) => `${`${k}:`.padEnd(11)}${v}`),
    `Labels:${labels.length === 0 ? '    (none)' : ''}`,
    ...labels.map(([k, v]) => `  ${k}=${v}`),
    'Layers:',
    ...i.layers.map((l) => `  ${l.digest}  ${String(l.size).padStart(12)}  ${l.mediaType}`),
    '',
  ].join('\n');
}

/** A manifest for templates: regctl's fields (`.Layers`, `.Manifests`, `.Annotations` …) plus its digest; `json .` is its bytes. */
export function manifestView(m: FetchedManifest): Record<string, unknown> {
  const text = Buffer.from(m.bytes).toString('utf8');
  const view = { ...(goView(JSON.parse(text)) as Record<string, unknown>), Digest: m.digest, MediaType: m.mediaType, Size: m.size };
  return withRawJson(view, text);
}

export function configView(bytes: Uint8Array): Record<string, unknown> {
  const text = Buffer.from(bytes).toString('utf8');
  return withRawJson(goView(JSON.parse(text)) as Record<string, unknown>, text);
}
