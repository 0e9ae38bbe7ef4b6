// Which host settings are secrets, and how they are taught to a run's `Secrets`. Apart from the YAML view so that
// masking them costs the CLI no YAML library.
import type { Secrets } from '../log.js';
import type { HostConfig } from './hostconfig.js';

export const SECRET_FIELDS = ['pass', 'token', 'clientKey'] as const;

/** Registers a host's password (with its `user:pass` Basic form), token and client key. */
export function learnHostSecrets(secrets: Secrets, host: HostConfig): void {
  if (host.pass !== undefined) secrets.addBasic(host.user ?? '', host.pass);
  secrets.add(host.token);
  secrets.add(host.clientKey);
}
