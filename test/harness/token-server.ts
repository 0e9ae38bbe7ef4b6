// A bearer-token server in the shape of Docker Hub's and GHCR's (distribution's token auth spec): GET /token with
// scopes and optional Basic credentials, POST /token with OAuth2 password or refresh_token grants. Tokens are RS256
// JWTs that distribution 2.8 trusts through `kid`: it looks the key up by its libtrust key ID among the public keys of
// the certificates in `rootcertbundle` (registry/auth/token/token.go, VerifySigningKey).
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from './cleanup.js';
import { runCommand } from './run-command.js';

export interface TokenServerOptions {
  users?: Record<string, string>;
  /** Anonymous requests get pull access to repositories (as public images do); otherwise no access at all. */
  anonymousPull?: boolean;
  /** Token lifetime in seconds. */
  expiresIn?: number;
}

export interface TokenRequest {
  method: string;
  scopes: string[];
  account: string | undefined;
  /** `password` or `refresh_token` for POST; undefined for GET. */
  grantType: string | undefined;
  hadBasicAuth: boolean;
  status: number;
}

export interface RunningTokenServer {
  realm: string;
  service: string;
  issuer: string;
  /** PEM certificate whose key signs the tokens: distribution's `auth.token.rootcertbundle`. */
  rootCertPath: string;
  requests(): TokenRequest[];
  clearRequests(): void;
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

const SERVICE = 'regkit-test-registry';
const ISSUER = 'regkit-test-token-issuer';

/** libtrust's key ID: SHA-256 of the DER SubjectPublicKeyInfo, first 240 bits, base32, in groups of four. */
export function libtrustKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const hash = createHash('sha256').update(der).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of hash) bits += byte.toString(2).padStart(8, '0');
  let b32 = '';
  for (let i = 0; i < bits.length; i += 5) b32 += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return b32.match(/.{4}/g)!.join(':');
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** `repository:name:pull,push` → its parts; the name may hold colons only in theory, the actions never do. */
export function parseScope(scope: string): Access | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  const actions = scope
    .slice(last + 1)
    .split(',')
    .filter(Boolean);
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions };
}

function grant(scopes: string[], account: string | undefined, anonymousPull: boolean): Access[] {
  const granted: Access[] = [];
  for (const scope of scopes) {
    const access = parseScope(scope);
    if (!access) continue;
    let actions: string[] = [];
    if (access.type === 'repository') {
      actions = account
        ? access.actions.filter((a) => ['pull', 'push', 'delete', '*'].includes(a))
        : anonymousPull
          ? access.actions.filter((a) => a === 'pull')
          : [];
    } else if (access.type === 'registry' && access.name === 'catalog' && account) {
      actions = access.actions.filter((a) => a === '*');
    }
    if (actions.length > 0) granted.push({ ...access, actions });
  }
  return granted;
}

function basicCredentials(req: IncomingMessage): { user: string; pass: string } | undefined {
  const header = req.headers.authorization;
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { user: decoded, pass: '' } : { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

export async function startTokenServer(opts: TokenServerOptions = {}): Promise<RunningTokenServer> {
  const users = opts.users ?? { regkit: 'regkit-secret' };
  const expiresIn = opts.expiresIn ?? 300;
  const dir = await makeTempDir('regkit-token-');
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  try {
    await runCommand('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=regkit-test-token-issuer',
    ]);
  } catch (err) {
    await removeTempDir(dir);
    throw err;
  }
  const privateKey = createPrivateKey(await readFile(keyPath));
  const kid = libtrustKeyId(createPublicKey(privateKey));
  const refreshTokens = new Map<string, string>();
  let log: TokenRequest[] = [];

  function issue(account: string | undefined, scopes: string[]): { token: string; issuedAt: string } {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', kid };
    const claims = {
      iss: ISSUER,
      sub: account ?? '',
      aud: SERVICE,
      exp: now + expiresIn,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(12).toString('hex'),
      access: grant(scopes, account, opts.anonymousPull ?? false),
    };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(signingInput), privateKey);
    return { token: `${signingInput}.${base64url(signature)}`, issuedAt: new Date(now * 1000).toISOString() };
  }

  function newRefreshToken(user: string): string {
    const token = randomBytes(24).toString('base64url');
    refreshTokens.set(token, user);
    return token;
  }

  const validUser = (user: string | null | undefined, pass: string | null | undefined): user is string =>
    !!user && Object.hasOwn(users, user) && users[user] === pass;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    const record: TokenRequest = { method: req.method ?? '', scopes: [], account: undefined, grantType: undefined, hadBasicAuth: false, status: 0 };
    log.push(record);
    const answer = (status: number, body: unknown, extra?: Record<string, string>): void => {
      record.status = status;
      send(res, status, body, extra);
    };
    if (url.pathname !== '/token') return answer(404, { errors: [{ code: 'NOT_FOUND', message: 'no such endpoint' }] });
    const service = req.method === 'POST' ? undefined : url.searchParams.get('service');
    if (service && service !== SERVICE) return answer(400, { errors: [{ code: 'INVALID_REQUEST', message: `unknown service ${service}` }] });

    if (req.method === 'GET') {
      record.scopes = url.searchParams
        .getAll('scope')
        .flatMap((s) => s.split(' '))
        .filter(Boolean);
      const creds = basicCredentials(req);
      record.account = url.searchParams.get('account') ?? creds?.user;
      record.hadBasicAuth = creds !== undefined;
      if (creds && !validUser(creds.user, creds.pass)) {
        return answer(
          401,
          { errors: [{ code: 'UNAUTHORIZED', message: 'incorrect username or password' }] },
          { 'www-authenticate': 'Basic realm="regkit-test-token"' },
        );
      }
      const { token, issuedAt } = issue(creds?.user, record.scopes);
      const body: Record<string, unknown> = { token, access_token: token, expires_in: expiresIn, issued_at: issuedAt };
      if (creds && url.searchParams.get('offline_token') === 'true') body['refresh_token'] = newRefreshToken(creds.user);
      return answer(200, body);
    }
    if (req.method === 'POST') {
      const form = await readForm(req);
      record.grantType = form.get('grant_type') ?? undefined;
      record.scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      const formService = form.get('service');
      if (formService && formService !== SERVICE) return answer(400, { errors: [{ code: 'INVALID_REQUEST', message: `unknown service ${formService}` }] });
      let user: string | undefined;
      let refresh: string | undefined;
      if (record.grantType === 'refresh_token') {
        user = refreshTokens.get(form.get('refresh_token') ?? '');
        refresh = form.get('refresh_token') ?? undefined;
      } else if (record.grantType === 'password') {
        const name = form.get('username');
        if (validUser(name, form.get('password'))) user = name;
        if (user && form.get('access_type') === 'offline') refresh = newRefreshToken(user);
      } else {
        return answer(400, { errors: [{ code: 'UNSUPPORTED_GRANT_TYPE', message: 'grant_type must be password or refresh_token' }] });
      }
      record.account = user ?? form.get('username') ?? undefined;
      if (!user) return answer(401, { errors: [{ code: 'UNAUTHORIZED', message: `invalid ${record.grantType} grant` }] });
      const { token, issuedAt } = issue(user, record.scopes);
      const body: Record<string, unknown> = { access_token: token, scope: record.scopes.join(' '), expires_in: expiresIn, issued_at: issuedAt };
      if (refresh) body['refresh_token'] = refresh;
      return answer(200, body);
    }
    return answer(405, { errors: [{ code: 'UNSUPPORTED', message: 'use GET or POST' }] }, { allow: 'GET, POST' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { errors: [{ code: 'INTERNAL', message: 'token server failed' }] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service: SERVICE,
    issuer: ISSUER,
    rootCertPath: certPath,
    requests: () => log.map((r) => ({ ...r, scopes: [...r.scopes] })),
    clearRequests: () => {
      log = [];
    },
    stop: () => {
      stopped ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await removeTempDir(dir);
      })();
      return stopped;
    },
  };
}
