// "Not there" for any store, in one form: the copy engine, the commands and the layout store all say it this way, so
// `err.notFound` and the message agree whether the store is a registry (a real HTTP 404) or a directory (no status).
import { RegistryError, type Operation } from '../errors.js';
import { formatReference, repositoryOf, type Reference } from '../oci/reference.js';

/** Where a reference lives, as a RegistryError names it. */
export function locationOf(ref: Reference): { registry: string; repository: string | undefined } {
  return ref.scheme === 'registry' ? { registry: ref.registry, repository: ref.repository } : { registry: `ocidir://${ref.path}`, repository: undefined };
}

/**
 * `ref` is not in its store. `codes`: the registry's error codes when a GET brought them (a HEAD answer has no body);
 * the hint's `tag ls` tells an unknown repository from an unknown tag.
 */
export function referenceNotFound(ref: Reference, operation: Operation, codes: readonly string[] = []): RegistryError {
  return new RegistryError(`${formatReference(ref)} not found`, {
    ...(ref.scheme === 'registry' ? { status: 404 } : { status: undefined, absent: true }),
    ...locationOf(ref),
    operation,
    codes: [...codes],
    hint: ref.tag ? `check the repository and the tag (regkit tag ls ${formatReference(repositoryOf(ref))})` : 'check the repository and the digest',
  });
}
