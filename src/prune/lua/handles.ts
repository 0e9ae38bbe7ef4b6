// The host objects behind the script's userdata: references, manifests, image configs and blobs.
import type { ImageConfig, ParsedManifest } from '../../oci/manifest.js';
import type { Reference } from '../../oci/reference.js';
import type { RateLimit } from '../../store/store.js';

export class ReferenceHandle {
  constructor(public ref: Reference) {}
}

/** A manifest as fetched (`parsed` set) or as seen by a HEAD request (descriptor only). */
export class ManifestHandle {
  constructor(
    readonly ref: Reference,
    readonly digest: string,
    readonly mediaType: string,
    readonly size: number,
    readonly parsed: ParsedManifest | undefined,
    readonly rateLimit: RateLimit | undefined,
  ) {}
}

export class ConfigHandle {
  constructor(
    readonly ref: Reference,
    readonly manifest: ManifestHandle | undefined,
    readonly config: ImageConfig,
    /** The exact bytes fetched; absent once the script has exported an edited copy. */
    readonly bytes: Uint8Array | undefined,
  ) {}
}

/** Where a blob lives; its bytes are read only when it is put somewhere else. */
export class BlobHandle {
  constructor(
    readonly ref: Reference,
    readonly digest: string,
    readonly size: number,
  ) {}
}
