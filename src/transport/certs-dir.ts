// Docker's per-registry certificate directories, which skopeo and regctl read too: `/etc/docker/certs.d/<host[:port]>/`
// (and `/etc/containers/certs.d/…`). Every `*.crt` there is a CA to trust for that registry; a `<name>.cert` with its
// `<name>.key` is a client certificate. A self-hosted runner set up for `docker pull` from a private registry then
// works with regkit as it is. What the config sets itself (`regcert`, `clientCert`/`clientKey`) wins.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import type { HostConfig } from '../config/hostconfig.js';

export const DEFAULT_CERTS_DIRS: readonly string[] = ['/etc/docker/certs.d', '/etc/containers/certs.d'];

interface DirCerts {
  cas: string[];
  client?: { cert: string; key: string };
}

function readDir(dir: string, logger: Logger): DirCerts {
  const found: DirCerts = { cas: [] };
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return found;
  }
  const read = (name: string): string | undefined => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch (err) {
      // A certificate that cannot be read is reported, not fatal: the registry may not need it.
      logger.warn(`cannot read ${join(dir, name)}: ${(err as Error).message}`);
      return undefined;
    }
  };
  for (const name of names) {
    if (name.endsWith('.crt')) {
      const ca = read(name);
      if (ca !== undefined) found.cas.push(ca);
    } else if (name.endsWith('.cert') && !found.client) {
      const keyName = `${name.slice(0, -'.cert'.length)}.key`;
      if (!names.includes(keyName)) {
        logger.warn(`${join(dir, name)} has no ${keyName} beside it; the client certificate is not used`);
        continue;
      }
      const cert = read(name);
      const key = read(keyName);
      if (cert !== undefined && key !== undefined) found.client = { cert, key };
    }
  }
  return found;
}

/** `host` with what the certificate directories hold for it filled in where its own config is silent. */
export function withCertsDirs(host: HostConfig, dirs: readonly string[], logger: Logger): HostConfig {
  if (host.tls === 'disabled') return host;
  const names = [...new Set([host.registry, ...(host.hostname ? [host.hostname] : [])])];
  const cas: string[] = [];
  let client: DirCerts['client'];
  for (const dir of dirs) {
    for (const name of names) {
      const got = readDir(join(dir, name), logger);
      cas.push(...got.cas);
      client ??= got.client;
    }
  }
  return {
    ...host,
    ...(host.regcert === undefined && cas.length > 0 ? { regcert: cas.join('\n') } : {}),
    ...(host.clientCert === undefined && host.clientKey === undefined && client ? { clientCert: client.cert, clientKey: client.key } : {}),
  };
}
