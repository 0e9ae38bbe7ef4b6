// The GitHub Packages REST API for container packages, through octokit: paginated version lists, version delete and
// restore, paced by GitHub's primary and secondary limits (throttling) and retried on server errors (retry).
// Registry `ghcr.io/OWNER/NAME…` is package NAME… (one URL-encoded path parameter) of OWNER, an organization or a
// user as `GET /users/{owner}` says.
import type { Octokit } from '@octokit/core';
import type { paginateRest } from '@octokit/plugin-paginate-rest';
import { RegistryError, type Operation } from '../../../errors.js';
import { deletesThroughGithubPackages, type HostConfig } from '../../../config/hostconfig.js';
import type { Logger } from '../../../log.js';
import { isValidDigest, isValidTag } from '../../../oci/reference.js';

type GitHubClient = Octokit & ReturnType<typeof paginateRest>;

/** octokit is loaded on the first API call only, so the many runs that never delete on ghcr.io do not load it. */
async function createClient(registry: string, settings: GithubApiSettings, userAgent: string, logger: Logger): Promise<GitHubClient> {
  const [{ Octokit: Core }, { paginateRest: paginate }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/core'),
    import('@octokit/plugin-paginate-rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
    logger.warn(`GitHub API ${kind} rate limit; waiting`, {
      registry,
      seconds: retryAfter,
      request: `${options.method} ${options.url}`,
      attempt: retryCount + 1,
    });
    return retryCount < LIMIT_RETRIES;
  };
  const GitHub = Core.plugin(paginate, throttling, retry);
  const limits = { ...API_LIMITS, ...settings.limits };
  return new GitHub({
    baseUrl: settings.apiUrl.replace(/\/+$/, ''),
    userAgent,
    request: { fetch: boundedFetch(limits) },
    retry: { retries: limits.retries },
    ...(settings.token ? { auth: settings.token } : {}),
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => logger.debug(m), error: (m: string) => logger.debug(m) },
  });
}

/** Where the API is and who calls it: `GITHUB_API_URL` and the host's token or `GITHUB_TOKEN`. */
export interface GithubApiSettings {
  apiUrl: string;
  token?: string;
  /** Bounds on one API answer (tests shorten them); defaults API_LIMITS. */
  limits?: Partial<ApiLimits>;
}

export interface ApiLimits {
  /** Bytes of one answer's body: a page of 100 versions is some 60 KB. */
  maxBodyBytes: number;
  /** Wall-clock time for one answer, body included. */
  timeoutMs: number;
  /** Pages of 100 versions followed for one listing; past it the listing fails rather than plan on a part. */
  maxPages: number;
  /** Retries of a failed call (server errors, dropped connections, answers over the bounds), with octokit's backoff. */
  retries: number;
}

export const API_LIMITS: ApiLimits = { maxBodyBytes: 8 * 1024 * 1024, timeoutMs: 60_000, maxPages: 1000, retries: 3 };

/** fetch with a deadline and a body bound: the body is read here, whole, and handed on only when within bounds. */
function boundedFetch(limits: ApiLimits): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(limits.timeoutMs);
    const res = await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
    if (!res.body || res.status === 204 || res.status === 205 || res.status === 304) return res;
    const declared = Number(res.headers.get('content-length'));
    const over = () => new Error(`the GitHub API answered more than ${limits.maxBodyBytes} bytes`);
    if (declared > limits.maxBodyBytes) {
      await res.body.cancel();
      throw over();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > limits.maxBodyBytes) throw over();
      chunks.push(chunk);
    }
    return new Response(Buffer.concat(chunks), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** Read once where the process starts: Actions sets GITHUB_API_URL (also on GitHub Enterprise) and GITHUB_TOKEN. */
export function githubApiFromEnv(env: NodeJS.ProcessEnv): GithubApiSettings {
  const apiUrl = env['GITHUB_API_URL']?.trim() || DEFAULT_GITHUB_API_URL;
  const token = env['GITHUB_TOKEN']?.trim();
  return token ? { apiUrl, token } : { apiUrl };
}

/** Retries after a primary or secondary limit before the delete fails: GitHub asks for minutes at most. */
const LIMIT_RETRIES = 4;

export const PERMISSION_HINT =
  'deleting container package versions needs a token with delete rights on the package: in a workflow, `permissions: packages: write` ' +
  'for GITHUB_TOKEN and this repository given the Admin role in the package\'s "Manage Actions access" settings; ' +
  'a personal access token (classic) needs the `delete:packages` scope and admin rights on the package';

export interface PackageRef {
  /** `orgs` or `users`: which endpoints hold the owner's packages. */
  scope: 'orgs' | 'users';
  owner: string;
  name: string;
  repository: string;
}

/** The route and parameters of a package's versions (`suffix` for one version), under `/orgs` or `/users` as its owner is. */
function versionsRoute(method: string, pkg: PackageRef, suffix: string, params: Record<string, string | number>): [string, Record<string, string | number>] {
  const owner = pkg.scope === 'orgs' ? { org: pkg.owner } : { username: pkg.owner };
  const route = `${method} /${pkg.scope}/{${pkg.scope === 'orgs' ? 'org' : 'username'}}/packages/{package_type}/{package_name}/versions${suffix}`;
  return [route, { ...owner, package_type: 'container', package_name: pkg.name, ...params }];
}

export interface PackageVersion {
  id: number;
  /** The manifest digest. */
  digest: string;
  tags: string[];
}

interface VersionJson {
  id: number;
  name: string;
  metadata?: { container?: { tags?: string[] } };
}

/** A version as the API describes it, checked once here: an id, a manifest digest, tags that are tags. */
function versionOf(v: VersionJson): PackageVersion {
  const tags = v?.metadata?.container?.tags ?? [];
  if (
    !Number.isSafeInteger(v?.id) ||
    v.id <= 0 ||
    typeof v.name !== 'string' ||
    !isValidDigest(v.name) ||
    !Array.isArray(tags) ||
    !tags.every((t) => typeof t === 'string' && isValidTag(t))
  ) {
    throw new Error(`the API described a container version that is not an id, a manifest digest and tags: ${JSON.stringify(v).slice(0, 200)}`);
  }
  return { id: v.id, digest: v.name, tags };
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export class GithubPackagesApi {
  private client: Promise<GitHubClient> | undefined;
  private readonly scopes = new Map<string, Promise<'orgs' | 'users'>>();
  /** Why deletes cannot work with this token, once GitHub has said so: later deletes stop before any write. */
  private refusal: string | undefined;

  constructor(
    private readonly registry: string,
    private readonly settings: GithubApiSettings,
    private readonly userAgent: string,
    private readonly logger: Logger,
  ) {}

  private api(): Promise<GitHubClient> {
    return (this.client ??= createClient(this.registry, this.settings, this.userAgent, this.logger));
  }

  /** The package behind a repository path; the owner's kind is asked once per owner. */
  async packageOf(repository: string): Promise<PackageRef> {
    const slash = repository.indexOf('/');
    if (slash <= 0)
      throw this.error(`${repository} is not OWNER/PACKAGE: a GitHub Packages repository starts with its owner`, undefined, repository, 'tag-delete');
    const owner = repository.slice(0, slash);
    let scope = this.scopes.get(owner.toLowerCase());
    if (!scope) {
      scope = this.api().then(
        (api) =>
          api.request('GET /users/{username}', { username: owner }).then((res) => {
            // A classic personal access token (or OAuth token) lists its scopes on every answer. Tokens without scopes
            // (GITHUB_TOKEN, fine-grained, app tokens) send none or an empty list: then nothing can be told in advance.
            const scopes = res.headers['x-oauth-scopes'];
            if (typeof scopes === 'string' && scopes.trim() !== '' && !scopes.split(',').some((s) => s.trim() === 'delete:packages'))
              this.refusal ??= `the token's scopes are "${scopes.slice(0, 200)}", without delete:packages`;
            return res.data.type === 'Organization' ? 'orgs' : 'users';
          }),
        (err: unknown) => {
          throw this.apiError(err, `looking up owner ${owner} (GET /users/${owner}) failed`, repository, 'tag-delete', false);
        },
      );
      this.scopes.set(owner.toLowerCase(), scope);
      scope.catch(() => this.scopes.delete(owner.toLowerCase()));
    }
    return { scope: await scope, owner, name: repository.slice(slash + 1), repository };
  }

  /** Throws, before anything is written, when GitHub has already shown that this token cannot delete. */
  assertMayDelete(pkg: PackageRef, operation: Operation): void {
    if (this.refusal !== undefined)
      throw this.error(`nothing deleted in package ${pkg.name} of ${pkg.owner}: ${this.refusal}`, undefined, pkg.repository, operation, PERMISSION_HINT);
  }

  /** Every active version of the package, newest first, following `Link` pages of 100. */
  async versions(pkg: PackageRef): Promise<PackageVersion[]> {
    try {
      const api = await this.api();
      const maxPages = this.settings.limits?.maxPages ?? API_LIMITS.maxPages;
      const pages = api.paginate.iterator<VersionJson>(...versionsRoute('GET', pkg, '', { per_page: 100 }));
      const versions: PackageVersion[] = [];
      let count = 0;
      for await (const page of pages) {
        if (++count > maxPages) throw new Error(`more than ${maxPages} pages of versions; nothing is planned on a part of the list`);
        if (!Array.isArray(page.data)) throw new Error('a page of versions that is not a JSON array');
        versions.push(...page.data.map(versionOf));
      }
      return versions;
    } catch (err) {
      throw this.apiError(err, `listing the versions of package ${pkg.name} of ${pkg.owner} failed`, pkg.repository, 'tag-delete', statusOf(err) === 404);
    }
  }

  /** One version as it is now; undefined when it is gone. */
  async version(pkg: PackageRef, id: number): Promise<PackageVersion | undefined> {
    try {
      const api = await this.api();
      const res = await api.request(...versionsRoute('GET', pkg, '/{package_version_id}', { package_version_id: id }));
      return versionOf(res.data as VersionJson);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw this.apiError(err, `reading version ${id} of package ${pkg.name} failed`, pkg.repository, 'tag-delete', false);
    }
  }

  /**
   * Deletes a version seen moments ago: a 403 or 404 now is the token's missing right, not a missing version (GitHub
   * answers "Package not found." to a token that may read but not administer the package).
   */
  async deleteVersion(pkg: PackageRef, id: number, operation: Operation): Promise<void> {
    try {
      const api = await this.api();
      await api.request(...versionsRoute('DELETE', pkg, '/{package_version_id}', { package_version_id: id }));
      this.logger.debug('deleted a package version', { registry: this.registry, repository: pkg.repository, version: id });
    } catch (err) {
      const status = statusOf(err);
      const error = this.apiError(
        err,
        `deleting version ${id} of package ${pkg.name} was refused`,
        pkg.repository,
        operation,
        status === 403 || status === 404,
      );
      if (status === 401 || status === 403 || status === 404) this.refusal ??= `GitHub refused the delete of version ${id} (HTTP ${status})`;
      throw error;
    }
  }

  /** GitHub's restore, within its 30 days. */
  async restoreVersion(pkg: PackageRef, id: number): Promise<void> {
    try {
      const api = await this.api();
      await api.request(...versionsRoute('POST', pkg, '/{package_version_id}/restore', { package_version_id: id }));
    } catch (err) {
      const status = statusOf(err);
      throw this.apiError(err, `restoring version ${id} of package ${pkg.name} was refused`, pkg.repository, 'manifest-put', status === 403 || status === 404);
    }
  }

  private error(message: string, status: number | undefined, repository: string, operation: Operation, hint?: string): RegistryError {
    return new RegistryError(message, { status, registry: this.registry, repository, operation, ...(hint ? { hint } : {}) });
  }

  /** GitHub's own message (never the request, which holds the token) and, where a right is missing, which one. */
  private apiError(err: unknown, what: string, repository: string, operation: Operation, missingRight: boolean): RegistryError {
    const status = statusOf(err);
    const said = (err as { response?: { data?: { message?: unknown } } } | null)?.response?.data?.message;
    // No answer to quote (a dropped connection, a bound hit here): the client's own message says what happened.
    const own = (err as { response?: unknown } | null)?.response === undefined ? String((err as Error)?.message ?? err).slice(0, 300) : `HTTP ${status}`;
    const because = typeof said === 'string' ? `${what}: GitHub said "${said.slice(0, 200)}"` : `${what}: ${own}`;
    if (status === 401)
      return this.error(because, status, repository, operation, "the GitHub API needs a token: the host's pass (or token) in creds/--host, or GITHUB_TOKEN");
    return this.error(because, status, repository, operation, missingRight ? PERMISSION_HINT : undefined);
  }
}

/** The API client for a registry that deletes through GitHub Packages; undefined for every other registry. */
export function githubPackagesFor(host: HostConfig, settings: GithubApiSettings, userAgent: string, logger: Logger): GithubPackagesApi | undefined {
  if (!deletesThroughGithubPackages(host)) return undefined;
  const token = host.pass ?? host.token ?? settings.token;
  return new GithubPackagesApi(host.registry, token ? { apiUrl: settings.apiUrl, token } : { apiUrl: settings.apiUrl }, userAgent, logger);
}
