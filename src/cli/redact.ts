// The CLI's counterpart of the runner's secret masking: every credential value the run has learned, in every form it
// travels in, is replaced before a line reaches stdout or stderr.
import type { Secrets } from '../log.js';
import { secretsInHostSpecs } from '../config/host-spec.js';

export type Redactor = (text: string) => string;

export function redactorOf(secrets: Secrets): Redactor {
  return (text) => secrets.redact(text);
}

/** `--host` values as typed, so credentials can be hidden even when the spec does not parse. */
export function learnArgvSecrets(secrets: Secrets, argv: readonly string[]): void {
  const specs = argv.flatMap((a, i) => (a === '--host' && i + 1 < argv.length ? [argv[i + 1]!] : a.startsWith('--host=') ? [a.slice('--host='.length)] : []));
  for (const secret of secretsInHostSpecs(specs)) secrets.add(secret);
}
