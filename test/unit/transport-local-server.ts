// A throwaway node:http server for transport unit tests: it shows faults a real registry cannot be made to show
// (429 with Retry-After, 503 then 200, a reset connection) and records exactly what the client sent.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialSource, Credential } from '../../src/transport/auth/credential.js';
import { RegistryClient } from '../../src/transport/client.js';
import type { HostConfig } from '../../src/config/hostconfig.js';
import { Secrets, silentLogger } from '../../src/log.js';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  host: string;
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string, seen: SeenRequest[]) => void;

export async function startLocalServer(handler: Handler, hostname = '127.0.0.1'): Promise<LocalServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, hostname, resolve));
  const { port } = server.address() as AddressInfo;
  const host = `${hostname}:${port}`;
  return {
    host,
    url: `http://${host}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function staticCredentials(credential: Credential): CredentialSource {
  return { credential: async () => credential, describe: () => 'test credentials' };
}

export function testClient(host: string, opts: { credential?: Credential; config?: Partial<HostConfig>; retries?: number } = {}): RegistryClient {
  return new RegistryClient({
    host: { registry: host, tls: 'disabled', ...opts.config },
    credentials: staticCredentials(opts.credential ?? { kind: 'anonymous' }),
    logger: silentLogger,
    secrets: new Secrets(),
    userAgent: 'regkit/test',
    retry: { baseDelayMs: 1, maxDelayMs: 20, maxRetryAfterMs: 3000, ...(opts.retries !== undefined ? { retries: opts.retries } : {}) },
  });
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
