// Which config values are secrets. Apart from the YAML view so that masking them costs the CLI no YAML library.
import type { CredsEntry } from './creds.js';

export const SECRET_FIELDS = ['pass', 'token', 'clientKey'] as const;

/** Values that must never be printed: passwords, tokens and keys from `creds`. */
export function configSecrets(config: { creds: readonly CredsEntry[] }): string[] {
  return config.creds.flatMap((c) => SECRET_FIELDS.map((f) => c[f]).filter((v): v is string => typeof v === 'string' && v !== ''));
}
