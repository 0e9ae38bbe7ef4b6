// Tag deletes on Docker Hub, which refuses the registry's DELETE of a tag and deletes tags through its own API
// (hub.docker.com): `POST /v2/auth/token` exchanges the account's user and password or personal access token for a
// bearer JWT (valid 10 minutes), and `DELETE /v2/repositories/{namespace}/{repository}/tags/{tag}/` removes the tag
// (Docker's published API description lists the tag reads only). The manifest stays, with its other tags or untagged:
// the registry's DELETE by digest is left to the ordinary manifest delete, which Hub refuses. Calls are paced by Hub's
// answers: 429 waits `Retry-After` seconds or until the `X-Retry-After` unix time, as Docker documents both, a bounded
// number of times.
import { RegistryError, type Operation } from '../../../errors.js';
import { deletesThroughDockerHub, type HostConfig } from '../../../config/hostconfig.js';
import type { Logger, Secrets } from '../../../log.js';
import type { CredentialSource } from '../../../transport/auth/credential.js';
import { isValidTag } from '../../../oci/reference.js';

export const DEFAULT_DOCKER_HUB_API_URL = 'https://hub.docker.com';

/** Where the Hub API is: `DOCKER_HUB_API_URL` (tests point it at a stand-in), default hub.docker.com. */
export interface DockerHubSettings {
  apiUrl: string;
  limits?: Partial<HubLimits>;
}

export interface HubLimits {
  /** Wall-clock time for one answer, body included. */
  timeoutMs: number;
  /** Bytes of one answer's body: Hub's answers here are a token or a short error. */
  maxBodyBytes: number;
  /** Waits after a 429 before the delete fails. */
  limitRetries: number;
  /** The longest wait one 429 may ask for; past it the delete fails rather than hang a run. */
  maxWaitMs: number;
}

export const HUB_LIMITS: HubLimits = { timeoutMs: 30_000, maxBodyBytes: 256 * 1024, limitRetries: 4, maxWaitMs: 5 * 60_000 };

/** Read once where the process starts. */
export function dockerHubFromEnv(env: NodeJS.ProcessEnv): DockerHubSettings {
  return { apiUrl: env['DOCKER_HUB_API_URL']?.trim() || DEFAULT_DOCKER_HUB_API_URL };
}

export const HUB_PERMISSION_HINT =
  "deleting tags on Docker Hub needs the account's user name with its password or a personal access token with the " +
  '"Read, Write, Delete" access scope, and admin (or owner) rights on the repository: put them in the host\'s user and pass (creds or --host) or docker login';

/** The key of `refusals` for credentials Hub refused, whatever the namespace. */
const LOGIN = '';

/** A bearer token is renewed this long before Hub's 10 minutes run out. */
const TOKEN_LIFETIME_MS = 9 * 60_000;

interface HubAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export class DockerHubApi {
  private bearer: { token: Promise<string>; until: number } | undefined;
  /**
   * Why deletes cannot work, once Hub has said so, per namespace (rights are given per namespace), and for every
   * namespace under LOGIN when the credentials themselves were refused: later deletes there stop before any write.
   */
  private readonly refusals = new Map<string, string>();
  private readonly limits: HubLimits;

  constructor(
    private readonly registry: string,
    private readonly settings: DockerHubSettings,
    private readonly credentials: CredentialSource,
    private readonly userAgent: string,
    private readonly logger: Logger,
    /** The run's secrets: the bearer token joins them before it is used. */
    private readonly secrets: Secrets,
  ) {
    this.limits = { ...HUB_LIMITS, ...settings.limits };
  }

  /** Deletes one tag; its manifest and the manifest's other tags stay. */
  async deleteTag(repository: string, tag: string): Promise<void> {
    const [namespace, name, ...rest] = repository.split('/');
    if (namespace === undefined || name === undefined || rest.length > 0 || !isValidTag(tag))
      throw this.error(`${repository} is not NAMESPACE/REPOSITORY: Docker Hub repositories have exactly two path components`, undefined, repository);
    const refusal = this.refusals.get(LOGIN) ?? this.refusals.get(namespace);
    if (refusal !== undefined) throw this.error(`nothing deleted: ${refusal}`, undefined, repository, 'tag-delete', HUB_PERMISSION_HINT);
    const path = `/v2/repositories/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/tags/${encodeURIComponent(tag)}/`;
    let answer = await this.call('DELETE', path, repository, await this.token(repository));
    // A token Hub no longer takes (expired early, revoked) is renewed once.
    if (answer.status === 401) {
      this.bearer = undefined;
      answer = await this.call('DELETE', path, repository, await this.token(repository));
    }
    if (answer.status === 204 || answer.status === 200 || answer.status === 202) {
      this.logger.debug('deleted a tag through the Docker Hub API', { registry: this.registry, repository, tag });
      return;
    }
    const said = hubMessage(answer.body);
    if (answer.status === 401 || answer.status === 403) {
      if (!this.refusals.has(namespace))
        this.refusals.set(namespace, `Docker Hub refused the delete of ${repository}:${tag} (HTTP ${answer.status}${said ? `: "${said}"` : ''})`);
      throw this.error(
        `Docker Hub refused to delete tag ${tag}${said ? `: Hub said "${said}"` : ''}`,
        answer.status,
        repository,
        'tag-delete',
        HUB_PERMISSION_HINT,
      );
    }
    if (answer.status === 404)
      throw this.error(`Docker Hub has no tag ${tag} in ${repository}${said ? `: Hub said "${said}"` : ''}`, 404, repository, 'tag-delete');
    throw this.error(`Docker Hub answered HTTP ${answer.status} to the delete of tag ${tag}${said ? `: "${said}"` : ''}`, answer.status, repository);
  }

  /** A bearer JWT for these credentials, asked once (parallel deletes share the login) and kept until shortly before it expires. */
  private token(repository: string): Promise<string> {
    if (!this.bearer || this.bearer.until <= Date.now()) {
      const token = this.login(repository);
      const bearer = { token, until: Date.now() + TOKEN_LIFETIME_MS };
      this.bearer = bearer;
      // A failed login is not kept: the next delete logs in again (unless Hub refused, which `refusals` remembers).
      token.catch(() => {
        if (this.bearer === bearer) this.bearer = undefined;
      });
    }
    return this.bearer.token;
  }

  private async login(repository: string): Promise<string> {
    const cred = await this.credentials.credential();
    if (cred.kind !== 'basic') {
      this.refusals.set(LOGIN, 'no user name and password or personal access token for Docker Hub');
      throw this.error(
        'the Docker Hub API needs a user name with a password or personal access token, and none is configured',
        undefined,
        repository,
        'auth',
        HUB_PERMISSION_HINT,
      );
    }
    const answer = await this.call('POST', '/v2/auth/token', repository, undefined, { identifier: cred.username, secret: cred.password });
    const token = (answer.body as { access_token?: unknown } | undefined)?.access_token;
    if (answer.status === 200 && typeof token === 'string' && token !== '') {
      this.secrets.add(token);
      return token;
    }
    const said = hubMessage(answer.body);
    if (answer.status === 401 || answer.status === 403) {
      this.refusals.set(LOGIN, `Docker Hub refused the login of ${cred.username} (HTTP ${answer.status})`);
      throw this.error(
        `Docker Hub refused the login of ${cred.username}${said ? `: Hub said "${said}"` : ''}`,
        answer.status,
        repository,
        'auth',
        HUB_PERMISSION_HINT,
      );
    }
    throw this.error(`Docker Hub's login answered HTTP ${answer.status} without a token`, answer.status, repository, 'auth');
  }

  /** One API call, waiting out 429s; the body is read whole, within the bounds, and parsed when it is JSON. */
  private async call(method: string, path: string, repository: string, bearer?: string, json?: unknown): Promise<HubAnswer> {
    const url = this.settings.apiUrl.replace(/\/+$/, '') + path;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          signal: AbortSignal.timeout(this.limits.timeoutMs),
          headers: {
            'user-agent': this.userAgent,
            accept: 'application/json',
            ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
            ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        });
      } catch (err) {
        throw this.error(`the Docker Hub API at ${this.settings.apiUrl} did not answer ${method} ${path}: ${(err as Error).message}`, undefined, repository);
      }
      let text: string;
      try {
        text = await this.readBody(res, repository);
      } catch (err) {
        if (err instanceof RegistryError) throw err;
        throw this.error(`the Docker Hub API's answer to ${method} ${path} did not arrive whole: ${(err as Error).message}`, res.status, repository);
      }
      if (res.status === 429 && attempt < this.limits.limitRetries) {
        const waitMs = retryAfterMs(res.headers);
        if (waitMs <= this.limits.maxWaitMs) {
          this.logger.warn('Docker Hub API rate limit; waiting', { registry: this.registry, seconds: Math.ceil(waitMs / 1000), attempt: attempt + 1 });
          await new Promise((resolve) => setTimeout(resolve, waitMs));
          continue;
        }
      }
      if (res.status === 429)
        throw this.error(
          `Docker Hub's API rate limit held past ${attempt + 1} tries`,
          429,
          repository,
          'tag-delete',
          'run again later: Docker Hub limits API requests per minute',
        );
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: res.status, body, headers: res.headers };
    }
  }

  private async readBody(res: Response, repository: string): Promise<string> {
    if (!res.body) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > this.limits.maxBodyBytes) throw this.error(`the Docker Hub API answered more than ${this.limits.maxBodyBytes} bytes`, res.status, repository);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private error(message: string, status: number | undefined, repository: string, operation: Operation = 'tag-delete', hint?: string): RegistryError {
    return new RegistryError(message, { status, registry: this.registry, repository, operation, ...(hint ? { hint } : {}) });
  }
}

/** How long a 429 asks to wait: `Retry-After` seconds, else the `X-Retry-After` unix time; a second when neither. */
function retryAfterMs(headers: Headers): number {
  const seconds = Number(headers.get('retry-after'));
  if (Number.isFinite(seconds) && seconds >= 0 && headers.get('retry-after') !== null) return seconds * 1000;
  const at = Number(headers.get('x-retry-after'));
  if (Number.isFinite(at) && at > 0) return Math.max(0, at * 1000 - Date.now());
  return 1000;
}

/** Hub's own words from an error body (`detail` or `message`), shortened; never the request. */
function hubMessage(body: unknown): string | undefined {
  const b = body as { detail?: unknown; message?: unknown } | undefined;
  const said = typeof b?.detail === 'string' ? b.detail : typeof b?.message === 'string' ? b.message : undefined;
  return said?.slice(0, 200);
}

/** The Hub API for a registry whose tags are deleted through it; undefined for every other registry. */
export function dockerHubFor(
  host: HostConfig,
  settings: DockerHubSettings,
  credentials: CredentialSource,
  userAgent: string,
  logger: Logger,
  secrets: Secrets,
): DockerHubApi | undefined {
  if (!deletesThroughDockerHub(host)) return undefined;
  return new DockerHubApi(host.registry, settings, credentials, userAgent, logger, secrets);
}
