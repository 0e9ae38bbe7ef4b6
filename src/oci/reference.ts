// Image references: `HOST[:PORT]/REPO[:TAG][@DIGEST]` with Docker Hub normalization, and `ocidir://PATH[:TAG][@DIGEST]`.
// Parsed once at the edge; everything below works on the Reference type.
import { UsageError } from '../errors.js';
import { digestProblem, isValidDigest, isValidTag, repositoryProblem, tagProblem } from './names.js';

export { isValidDigest, isValidTag };

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
export const OCIDIR_SCHEME = 'ocidir://';

export interface RegistryReference {
  readonly scheme: 'registry';
  /** Registry name as users write it (`docker.io`, `localhost:5000`, `ghcr.io`). */
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export interface OcidirReference {
  readonly scheme: 'ocidir';
  /** Directory of the OCI image layout, as given (relative paths stay relative). */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type Reference = RegistryReference | OcidirReference;

const HOST_RE = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::[0-9]{1,5})?$/;

function fail(input: string, what: string): never {
  throw new UsageError(`invalid reference "${input}": ${what}`);
}

/** A first path component names a registry only when it could not be a Hub namespace (as docker and regclient decide). */
function looksLikeHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[') || component !== component.toLowerCase();
}

function splitTagDigest(input: string, rest: string): { name: string; tag?: string; digest?: string } {
  let name = rest;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
    const problem = digestProblem(digest);
    if (problem !== undefined) fail(input, `digest "${digest}" ${problem}`);
  }
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/') && !name.slice(colon).includes(']')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    const problem = tagProblem(tag);
    if (problem !== undefined) fail(input, `tag "${tag}" ${problem}`);
  }
  return { name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/**
 * Parses a reference. A registry reference without tag or digest gets `latest` unless `repositoryOnly`
 * is set (for commands that take a repository, such as `tag ls`).
 */
export function parseReference(input: string, opts: { repositoryOnly?: boolean } = {}): Reference {
  const trimmed = input.trim();
  if (trimmed === '') fail(input, 'empty');
  if (/\s/.test(trimmed)) fail(input, 'contains white space');
  if (trimmed.startsWith(OCIDIR_SCHEME)) return parseOcidir(input, trimmed.slice(OCIDIR_SCHEME.length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) fail(input, 'only ocidir:// is a supported scheme; write registry references without one');

  const { name, tag, digest } = splitTagDigest(input, trimmed);
  const parts = name.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && looksLikeHost(parts[0]!)) {
    registry = parts.shift()!;
    if (!HOST_RE.test(registry)) fail(input, `registry "${registry}" is not a valid host[:port]`);
    if (DOCKER_HUB_ALIASES.has(registry.toLowerCase())) registry = DOCKER_HUB;
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  const problem = repositoryProblem(repository);
  if (problem !== undefined) fail(input, problem);
  const withDefault = tag === undefined && digest === undefined && !opts.repositoryOnly ? 'latest' : tag;
  return {
    scheme: 'registry',
    registry,
    repository,
    ...(withDefault !== undefined ? { tag: withDefault } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

function parseOcidir(input: string, rest: string): OcidirReference {
  const { name, tag, digest } = splitTagDigest(input, rest);
  if (name === '') fail(input, 'ocidir:// needs a directory path');
  return { scheme: 'ocidir', path: name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Parses a registry host as given to `repo ls` or `--host reg=`: `HOST[:PORT]`, Hub aliases folded to docker.io. */
export function parseRegistryHost(input: string): string {
  const host = input.trim().replace(/\/+$/, '');
  if (!HOST_RE.test(host)) throw new UsageError(`invalid registry host "${input}": expected HOST[:PORT]`);
  return DOCKER_HUB_ALIASES.has(host.toLowerCase()) ? DOCKER_HUB : host;
}

/** The host that serves the registry API (`registry-1.docker.io` for Docker Hub). */
export function apiHostFor(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
}

export function formatReference(ref: Reference): string {
  const base = ref.scheme === 'ocidir' ? `${OCIDIR_SCHEME}${ref.path}` : `${ref.registry}/${ref.repository}`;
  return `${base}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** The repository part alone: what tag lists, blob mounts and locks are keyed by. */
export function repositoryOf(ref: Reference): Reference {
  return ref.scheme === 'ocidir' ? { scheme: 'ocidir', path: ref.path } : { scheme: 'registry', registry: ref.registry, repository: ref.repository };
}

export function repositoryKey(ref: Reference): string {
  return formatReference(repositoryOf(ref));
}

export function withTag(ref: Reference, tag: string): Reference {
  const { digest: _d, tag: _t, ...base } = ref;
  return { ...base, tag } as Reference;
}

export function withDigest(ref: Reference, digest: string): Reference {
  const { digest: _d, tag: _t, ...base } = ref;
  return { ...base, digest } as Reference;
}

/** Registry references to one repository of one registry: where a blob can be mounted instead of moved. */
export function sameRegistry(a: Reference, b: Reference): boolean {
  return a.scheme === 'registry' && b.scheme === 'registry' && a.registry === b.registry;
}

export function sameRepository(a: Reference, b: Reference): boolean {
  return repositoryKey(a) === repositoryKey(b);
}
