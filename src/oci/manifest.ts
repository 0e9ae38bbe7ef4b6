// The shapes of manifests, indexes and image configs (OCI image spec 1.1 and Docker schema 2), and parsing bytes into them.
import { InvalidContentError, quoteName } from '../errors.js';
import { isImageMediaType, isIndexMediaType } from './mediatypes.js';
import { digestProblem } from './names.js';

export interface Platform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
  features?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform;
  artifactType?: string;
  data?: string;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageConfig {
  architecture?: string;
  os?: string;
  'os.version'?: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: {
    Labels?: Record<string, string>;
    Env?: string[];
    Entrypoint?: string[];
    Cmd?: string[];
    WorkingDir?: string;
    User?: string;
    [key: string]: unknown;
  };
  rootfs?: { type: string; diff_ids: string[] };
  history?: Array<{ created?: string; created_by?: string; comment?: string; empty_layer?: boolean; author?: string }>;
  [key: string]: unknown;
}

/** A manifest as fetched: the exact bytes (digests are over bytes, never over re-serialized JSON) and what they say. */
export type ParsedManifest =
  | { kind: 'index'; mediaType: string; bytes: Uint8Array; index: ImageIndex }
  | { kind: 'image'; mediaType: string; bytes: Uint8Array; manifest: ImageManifest }
  | { kind: 'other'; mediaType: string; bytes: Uint8Array; json: unknown };

export function parseManifest(bytes: Uint8Array, contentType?: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new InvalidContentError(`manifest is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InvalidContentError('manifest is not a JSON object');
  const obj = json as Record<string, unknown>;
  // The body's own mediaType wins over the header: some registries answer application/json.
  const declared = typeof obj['mediaType'] === 'string' ? (obj['mediaType'] as string) : undefined;
  const headerType = contentType?.split(';')[0]?.trim();
  let mediaType = declared ?? headerType ?? '';
  if (!isIndexMediaType(mediaType) && !isImageMediaType(mediaType) && declared === undefined) {
    // OCI allows mediaType to be absent; the structure decides.
    if (Array.isArray(obj['manifests'])) mediaType = 'application/vnd.oci.image.index.v1+json';
    else if (typeof obj['config'] === 'object' && Array.isArray(obj['layers'])) mediaType = 'application/vnd.oci.image.manifest.v1+json';
  }
  if (isIndexMediaType(mediaType)) {
    if (!Array.isArray(obj['manifests'])) throw new InvalidContentError(`index (${mediaType}) has no manifests array`);
    const index = json as ImageIndex;
    checkDigests(mediaType, [...index.manifests, index.subject]);
    return { kind: 'index', mediaType, bytes, index };
  }
  if (isImageMediaType(mediaType)) {
    if (typeof obj['config'] !== 'object' || !Array.isArray(obj['layers']))
      throw new InvalidContentError(`image manifest (${mediaType}) needs config and layers`);
    const manifest = json as ImageManifest;
    checkDigests(mediaType, [manifest.config, ...manifest.layers, manifest.subject]);
    return { kind: 'image', mediaType, bytes, manifest };
  }
  return { kind: 'other', mediaType, bytes, json };
}

/**
 * Every digest a manifest points at becomes a blob or manifest URL, or a file name in a layout: one that is not
 * `sha256:<64 hex>`/`sha512:<128 hex>` fails the manifest before anything is fetched or written for it.
 */
function checkDigests(mediaType: string, descriptors: ReadonlyArray<Descriptor | undefined>): void {
  for (const d of descriptors) {
    if (d === undefined) continue;
    const digest = (d as unknown as { digest?: unknown } | null)?.digest;
    const problem = typeof digest === 'string' ? digestProblem(digest) : 'is not a string';
    if (problem !== undefined)
      throw new InvalidContentError(`${mediaType} lists the digest ${quoteName(digest)}, which ${problem}; nothing was read or written for it`);
  }
}

/** Every descriptor a manifest points at directly: children of an index, or config and layers of an image. */
export function referencedDescriptors(m: ParsedManifest): Descriptor[] {
  if (m.kind === 'index') return m.index.manifests;
  if (m.kind === 'image') return [m.manifest.config, ...m.manifest.layers];
  return [];
}
