// Runs one registry read in a process of its own, so the test can measure what that read costs in memory: prints
// one JSON line with the outcome, the error message, the time taken and the process's peak RSS.
// Usage: node bounds-child.js <host:port> (lists the tags of a/b, with Basic credentials for the token realm)
import { silentLogger, Secrets } from '../../src/log.js';
import { RegistryStore } from '../../src/store/registry/registry.js';
import { RegistrySession } from '../../src/store/registry/session.js';
import { RegistryClient } from '../../src/transport/client.js';

const host = process.argv[2]!;
const client = new RegistryClient({
  host: { registry: host, tls: 'disabled' },
  secrets: new Secrets(),
  credentials: { credential: async () => ({ kind: 'basic', username: 'u', password: 'p' }), describe: () => 'test credentials' },
  logger: silentLogger,
  userAgent: 'regkit/test',
  retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 10 },
});
const store = new RegistryStore(new RegistrySession({ client, logger: silentLogger }));
const started = Date.now();
let outcome: { ok: boolean; name?: string; message?: string; count?: number };
try {
  const ref = { scheme: 'registry' as const, registry: host, repository: 'a/b' };
  const tags = await store.listTags(ref);
  outcome = { ok: true, count: tags.length };
} catch (err) {
  outcome = { ok: false, name: (err as Error).name, message: (err as Error).message };
}
const ms = Date.now() - started;
await store.close();
process.stdout.write(`${JSON.stringify({ ...outcome, ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
