// The copy engine's own failures, as typed errors that name the store, the repository and what to do next.
import { RegistryError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import { formatReference, repositoryOf, type Reference } from '../oci/reference.js';
import type { StoreSource } from './options.js';

function locationOf(ref: Reference): { registry: string; repository: string | undefined } {
  return ref.scheme === 'registry' ? { registry: ref.registry, repository: ref.repository } : { registry: `ocidir://${ref.path}`, repository: undefined };
}

/** `codes`: the registry's error codes, when a GET brought them (a HEAD answer has no body). */
export function notFound(ref: Reference, codes: readonly string[] = []): RegistryError {
  return new RegistryError(`${formatReference(ref)} not found`, {
    status: 404,
    ...locationOf(ref),
    operation: codes.length > 0 ? 'manifest-get' : 'manifest-head',
    codes: [...codes],
    hint: ref.tag ? `check the repository and the tag (regkit tag ls ${formatReference(repositoryOf(ref))})` : 'check the repository and the digest',
  });
}

/**
 * A source its HEAD did not find, in the registry's own words: a HEAD answer has no body, so the manifest GET is asked,
 * only on this failure, for the registry's code (NAME_UNKNOWN, MANIFEST_UNKNOWN; distribution answers the latter for
 * both). The hint's `tag ls` tells an unknown repository from an unknown tag.
 */
export async function sourceNotFound(stores: StoreSource, ref: Reference): Promise<RegistryError> {
  try {
    await stores.storeFor(ref).getManifest(ref);
  } catch (err) {
    if (err instanceof RegistryError && err.notFound) return notFound(ref, err.codes);
  }
  return notFound(ref);
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
