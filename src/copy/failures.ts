// The copy engine's own failures, as typed errors that name the store, the repository and what to do next.
import { RegistryError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { Reference } from '../oci/reference.js';
import { locationOf, referenceNotFound } from '../store/not-found.js';
import type { StoreSource } from './options.js';

/**
 * A source its HEAD did not find, in the registry's own words: a HEAD answer has no body, so the manifest GET is asked,
 * only on this failure, for the registry's code (NAME_UNKNOWN, MANIFEST_UNKNOWN; distribution answers the latter for
 * both). The hint's `tag ls` tells an unknown repository from an unknown tag.
 */
export async function sourceNotFound(stores: StoreSource, ref: Reference): Promise<RegistryError> {
  try {
    await stores.storeFor(ref).getManifest(ref);
  } catch (err) {
    if (err instanceof RegistryError && err.notFound) return referenceNotFound(ref, err.codes.length > 0 ? 'manifest-get' : 'manifest-head', err.codes);
  }
  return referenceNotFound(ref, 'manifest-head');
}

/** The source's blob body broke off on every attempt (a dropped connection, a truncated file). */
export function blobReadFailed(src: Reference, desc: Descriptor, cause: Error, attempts: number): RegistryError {
  return new RegistryError(`reading blob ${desc.digest} (${desc.size} bytes) broke off after ${attempts} attempts: ${cause.message}`, {
    status: undefined,
    ...locationOf(src),
    operation: 'blob-get',
    failure: 'transient',
    cause,
    hint: 'nothing was tagged; run the copy again once the source is reachable',
  });
}
