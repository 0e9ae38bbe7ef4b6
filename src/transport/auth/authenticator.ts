// The auth handshake for one registry host: the first request goes out bare; its 401 challenge says how to
// authenticate (Bearer via a token realm, or Basic). Bearer tokens are cached by scope set until shortly before
// they expire; scopes accumulate per host so one token serves every repository (per repository with `repoAuth`,
// for registries that reject large scope lists).
import { RegistryError } from '../../errors.js';
import type { Logger, Secrets } from '../../log.js';
import { parseWwwAuthenticate, type Challenge } from './challenge.js';
import { basicAuthorization, type CredentialSource } from './credential.js';
import { ScopeSet } from './scope.js';
import { fetchBearerToken, type BearerToken, type TokenHttp } from './token.js';

export interface AuthenticatorOptions {
  registry: string;
  origin: URL;
  repoAuth: boolean;
  credentials: CredentialSource;
  http: TokenHttp;
  logger: Logger;
  /** Where tokens received are registered. */
  secrets: Secrets;
  now?: () => number;
}

/** How long requests wait for the first request's answer to a host before going out without it. */
const PROBE_WAIT_MS = 3000;

export class Authenticator {
  private challenge: Challenge | undefined;
  private readonly scopeGroups = new Map<string, ScopeSet>();
  private readonly tokens = new Map<string, BearerToken>();
  private readonly pending = new Map<string, Promise<BearerToken>>();
  private readonly now: () => number;
  /** Set while the first request to the host is out: the others wait for the challenge it brings back. */
  private probe: { done: Promise<void>; end: () => void } | undefined;
  private probed = false;

  constructor(private readonly opts: AuthenticatorOptions) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * The `Authorization` value for a request needing `scopes`, or `undefined` before any challenge was seen. The first
   * caller goes out bare; callers meanwhile wait for its answer instead of each drawing a 401 of their own (thirty
   * checks started at once would otherwise cost thirty challenges). The client calls `answered` when it has one.
   */
  async authorization(scopes: readonly string[], repository: string | undefined): Promise<string | undefined> {
    if (!this.challenge && !this.probed) {
      if (!this.probe) {
        let end!: () => void;
        const done = new Promise<void>((resolve) => (end = resolve));
        this.probe = { done, end };
        return undefined;
      }
      // A first request that stalls must not hold the others for its whole timeout: past a few seconds they go bare.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.probe.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, PROBE_WAIT_MS)))]);
      clearTimeout(timer);
    }
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      const cred = await this.opts.credentials.credential();
      return cred.kind === 'basic' ? basicAuthorization(cred.username, cred.password) : undefined;
    }
    const group = this.groupFor(repository);
    group.add(scopes);
    const key = group.list();
    const cacheKey = `${challenge.params['realm']}|${challenge.params['service'] ?? ''}|${key.join(' ')}`;
    const cached = this.tokens.get(cacheKey);
    if (cached && cached.renewAt > this.now()) return `Bearer ${cached.token}`;
    let inflight = this.pending.get(cacheKey);
    if (!inflight) {
      inflight = this.fetch(challenge, key, repository).finally(() => this.pending.delete(cacheKey));
      this.pending.set(cacheKey, inflight);
    }
    const token = await inflight;
    this.tokens.set(cacheKey, token);
    return `Bearer ${token.token}`;
  }

  /**
   * Takes in a 401's challenge. True when a second attempt may succeed: the first challenge, a changed one, new
   * scopes asked for, or a bearer token the registry no longer accepts (dropped so a fresh one is fetched).
   */
  async acceptChallenge(header: string | string[] | undefined, sent: string | undefined, repository: string | undefined): Promise<boolean> {
    const challenges = parseWwwAuthenticate(header);
    const next = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (!next) return false;
    const previous = this.challenge;
    this.challenge = next;
    const asked = next.params['scope'];
    const newScopes = asked ? this.groupFor(repository).add(asked.split(' ')) : false;
    if (!previous || previous.scheme !== next.scheme || previous.params['realm'] !== next.params['realm']) return true;
    if (sent === undefined) return true;
    if (next.scheme === 'bearer') {
      const stale = sent.slice('Bearer '.length);
      for (const [k, t] of this.tokens) if (t.token === stale) this.tokens.delete(k);
      return true;
    }
    return newScopes;
  }

  /** A response (or a failure) from the host came back: whatever it taught about auth is known now. */
  answered(): void {
    if (this.probed) return;
    this.probed = true;
    this.probe?.end();
  }

  get scheme(): string | undefined {
    return this.challenge?.scheme;
  }

  private groupFor(repository: string | undefined): ScopeSet {
    const key = this.opts.repoAuth ? (repository ?? '') : '';
    let group = this.scopeGroups.get(key);
    if (!group) this.scopeGroups.set(key, (group = new ScopeSet()));
    return group;
  }

  private async fetch(challenge: Challenge, scopes: string[], repository: string | undefined): Promise<BearerToken> {
    const realm = challenge.params['realm'];
    if (!realm)
      throw new RegistryError('the registry asked for a bearer token without saying where to get one (no realm)', {
        status: 401,
        registry: this.opts.registry,
        repository,
        operation: 'auth',
      });
    const credential = await this.opts.credentials.credential();
    this.opts.logger.debug('fetching registry token', { registry: this.opts.registry, scopes, credentials: this.opts.credentials.describe() });
    return fetchBearerToken(
      {
        realm,
        service: challenge.params['service'],
        scopes,
        credential,
        credentialsFrom: this.opts.credentials.describe(),
        registry: this.opts.registry,
        registryOrigin: this.opts.origin,
        repository,
      },
      this.opts.http,
      this.opts.logger,
      this.opts.secrets,
      this.now,
    );
  }
}
