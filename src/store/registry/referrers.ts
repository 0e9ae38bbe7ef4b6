// Referrers (OCI distribution spec 1.1): the `/v2/<repo>/referrers/<digest>` API where the registry has it, else
// the fallback tag `<alg>-<hex>` holding an OCI index of the referrers, which the client keeps up to date itself
// when it pushes a manifest with a `subject` and the registry does not answer with `OCI-Subject`.
import { RegistryError } from '../../errors.js';
import type { Descriptor, ImageIndex } from '../../oci/manifest.js';
import { MediaType } from '../../oci/mediatypes.js';
import { parseDigest, parseTag, type Tag } from '../../oci/names.js';
import type { RegistryReference } from '../../oci/reference.js';
import { header, readBounded } from '../../transport/response.js';
import { apiPath, expectStatus, operationDeadline } from './http.js';
import type { RegistrySession } from './session.js';
import { listingLimit, nextLink } from './list.js';
import { getManifest, putManifest } from './manifest.js';
import { keepValidNames } from '../names.js';
import type { ReferrerOptions } from '../store.js';

/**
 * The fallback tag for a subject digest (spec "Referrers Tag Schema"): `sha256:abc…` → `sha256-abc…`, the algorithm
 * cut to 32 characters and the hex to 64, so a sha512 subject still gets a tag of the grammar.
 */
export function referrersTag(digest: string): Tag {
  const colon = digest.indexOf(':');
  return parseTag(`${digest.slice(0, Math.min(colon, 32))}-${digest.slice(colon + 1, colon + 65)}`, `the referrers tag of ${digest}`);
}

function filtered(descs: Descriptor[], opts: ReferrerOptions): Descriptor[] {
  return opts.artifactType === undefined ? descs : descs.filter((d) => d.artifactType === opts.artifactType);
}

export async function listReferrers(ctx: RegistrySession, ref: RegistryReference & { digest: string }, opts: ReferrerOptions = {}): Promise<Descriptor[]> {
  if (ctx.referrers.get(ref.repository) !== false) {
    const viaApi = await listFromApi(ctx, ref.repository, ref.digest, opts);
    ctx.referrers.set(ref.repository, viaApi !== undefined);
    if (viaApi !== undefined) return viaApi;
  }
  const index = await readFallbackIndex(ctx, ref);
  return filtered(index?.manifests ?? [], opts);
}

async function listFromApi(ctx: RegistrySession, repository: string, digest: string, opts: ReferrerOptions): Promise<Descriptor[] | undefined> {
  const q = opts.artifactType !== undefined ? `?artifactType=${encodeURIComponent(opts.artifactType)}` : '';
  let target: string | undefined = `${apiPath(ctx, repository, `referrers/${digest}`)}${q}`;
  const out: Descriptor[] = [];
  const seen = new Set<string>();
  const notAfter = operationDeadline(ctx);
  const bounds = ctx.client.bounds;
  const where = { repository, operation: 'referrers' as const };
  for (let pages = 1; target !== undefined; pages++) {
    if (pages > bounds.listPages)
      throw listingLimit(ctx, where, `the referrers of ${digest} go on past ${bounds.listPages} pages`, 'listPages', String(bounds.listPages));
    const res = await ctx.client.request({ method: 'GET', target, repository, operation: 'referrers', headers: { accept: MediaType.OciIndex }, notAfter });
    if (res.status === 404 && out.length === 0) {
      await res.body.dump();
      return undefined;
    }
    await expectStatus(res, [200], ctx, repository, 'referrers', `referrers of ${digest}`);
    seen.add(res.url.href);
    const body = await readBounded(res, {
      registry: ctx.client.registry,
      secrets: ctx.client.secrets,
      ...where,
      what: `page ${pages} of the referrers of ${digest}`,
      limit: bounds.manifestBytes,
      bound: 'manifestBytes',
    });
    const index = JSON.parse(body.toString('utf8')) as Partial<ImageIndex>;
    const page = validReferrers(ctx, index.manifests, `the referrers of ${ctx.client.registry}/${repository}@${digest}`);
    // A registry that ignored the filter says so by leaving it out of OCI-Filters-Applied.
    const applied = (header(res.headers, 'oci-filters-applied') ?? '').split(',').map((s) => s.trim());
    out.push(...(applied.includes('artifactType') ? page : filtered(page, opts)));
    if (out.length > bounds.listEntries)
      throw listingLimit(ctx, where, `the referrers of ${digest} go on past ${bounds.listEntries} entries`, 'listEntries', String(bounds.listEntries));
    const next = nextLink(res.headers['link']);
    if (next === undefined) break;
    const url = new URL(next, res.url);
    if (seen.has(url.href))
      throw new RegistryError('the referrers Link header loops back to a page already read', {
        status: 200,
        registry: ctx.client.registry,
        repository,
        operation: 'referrers',
      });
    target = url.href;
  }
  return out;
}

async function readFallbackIndex(ctx: RegistrySession, subject: RegistryReference & { digest: string }): Promise<ImageIndex | undefined> {
  try {
    const m = await getManifest(ctx, { scheme: 'registry', registry: subject.registry, repository: subject.repository, tag: referrersTag(subject.digest) });
    const index = JSON.parse(Buffer.from(m.bytes).toString('utf8')) as ImageIndex;
    if (!Array.isArray(index.manifests)) return undefined;
    return {
      ...index,
      manifests: validReferrers(ctx, index.manifests, `the referrers tag ${subject.registry}/${subject.repository}:${referrersTag(subject.digest)}`),
    };
  } catch (err) {
    if (err instanceof RegistryError && err.status === 404) return undefined;
    throw err;
  }
}

/** A referrer's digest becomes a manifest URL: one whose digest is not valid is left out (and logged). */
function validReferrers(ctx: RegistrySession, listed: unknown, source: string): Descriptor[] {
  if (!Array.isArray(listed)) return [];
  return keepValidNames(listed, parseReferrer, source, {}, ctx.logger);
}

function parseReferrer(entry: unknown, source: string): Descriptor {
  parseDigest((entry as { digest?: unknown } | null)?.digest, source);
  return entry as Descriptor;
}

/** The descriptor a referrers index lists for a manifest (spec: artifactType, else the config's media type). */
export function referrerDescriptor(bytes: Uint8Array, mediaType: string, digest: string): Descriptor {
  const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as { artifactType?: string; config?: { mediaType?: string }; annotations?: Record<string, string> };
  const artifactType = m.artifactType ?? m.config?.mediaType;
  return {
    mediaType,
    digest,
    size: bytes.length,
    ...(artifactType !== undefined ? { artifactType } : {}),
    ...(m.annotations !== undefined ? { annotations: m.annotations } : {}),
  };
}

const FALLBACK_ATTEMPTS = 3;

/**
 * Adds a referrer to the subject's fallback index: read, add, write, then read again to see the entry stayed. Within
 * this process the updates of one subject take turns; another client updating the same index at the same moment can
 * still overwrite ours, which the read-back catches and the next attempt repairs.
 */
export async function addToFallbackIndex(ctx: RegistrySession, subject: RegistryReference & { digest: string }, referrer: Descriptor): Promise<void> {
  const tagRef = { scheme: 'registry' as const, registry: subject.registry, repository: subject.repository, tag: referrersTag(subject.digest) };
  await ctx.turns.run(`referrers ${subject.repository}@${subject.digest}`, async () => {
    for (let attempt = 1; ; attempt++) {
      const manifests = (await readFallbackIndex(ctx, subject))?.manifests ?? [];
      if (manifests.some((d) => d.digest === referrer.digest)) return;
      if (attempt > FALLBACK_ATTEMPTS) {
        throw new RegistryError(`the referrers index ${tagRef.tag} kept losing ${referrer.digest} to other writers; run the copy again`, {
          status: undefined,
          registry: ctx.client.registry,
          repository: subject.repository,
          operation: 'manifest-put',
        });
      }
      const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [...manifests, referrer] };
      await putManifest(ctx, tagRef, Buffer.from(JSON.stringify(index)), MediaType.OciIndex);
      ctx.logger.debug('updated the referrers fallback tag', {
        registry: ctx.client.registry,
        repository: subject.repository,
        subject: subject.digest,
        referrer: referrer.digest,
        attempt,
      });
    }
  });
}
