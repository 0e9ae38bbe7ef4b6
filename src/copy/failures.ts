// The copy engine's own failures, as typed errors that name the store, the repository and what to do next.
import { RegistryError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import { formatReference, repositoryOf, type Reference } from '../oci/reference.js';

function locationOf(ref: Reference): { registry: string; repository: string | undefined } {
  return ref.scheme === 'registry' ? { registry: ref.registry, repository: ref.repository } : { registry: `ocidir://${ref.path}`, repository: undefined };
}

export function notFound(ref: Reference): RegistryError {
  return new RegistryError(`${formatReference(ref)} not found`, {
    status: 404,
    ...locationOf(ref),
    operation: 'manifest-head',
    hint: ref.tag ? `check the repository and the tag (regkit tag ls ${formatReference(repositoryOf(ref))})` : 'check the repository and the digest',
  });
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
