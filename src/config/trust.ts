// Whose config this is. The operator's own regsync.yml / regbot.yml is trusted like the operator: its templates read
// files and environment variables, its `creds` carry passwords. A policy under review in a pull request is written
// by whoever opened it, so with `--untrusted-config` (the action's `untrusted-config` input) it may describe what to
// sync or prune, but not who regkit is nor where credentials go. docs/security.md, "Policies under review".
import { UsageError } from '../errors.js';
import type { TemplateRunOptions } from '../gotemplate/template.js';

/**
 * `trusted`: the operator's own file. `untrusted`: a policy under review; `allowEnv` names the environment variables
 * the trusted side lets its templates read (a mirror's host name, say: values that are not secrets).
 */
export type ConfigTrust = { kind: 'trusted' } | { kind: 'untrusted'; allowEnv: readonly string[] };

export const TRUSTED_CONFIG: ConfigTrust = { kind: 'trusted' };

/** Why a config under review may not read outside itself: the message `{{file}}`, `{{env}}` and refused keys give. */
export const UNTRUSTED_CONFIG_REASON =
  'the config is under review (--untrusted-config), so credentials come only from the trusted side (--host, the hosts input, docker login on the runner)';

/**
 * `creds` keys a config under review may not set: credentials and what stands for them (a helper to run, another
 * host's docker login to borrow, a client key), and what moves a registry's traffic, with the credentials the
 * trusted side gives that registry, to another host or another trust anchor.
 */
export const CREDS_KEYS_REFUSED_UNDER_REVIEW = [
  'user',
  'pass',
  'token',
  'credHelper',
  'credHost',
  'hostname',
  'regcert',
  'clientCert',
  'clientKey',
  'clientcert',
  'clientkey',
] as const;

/**
 * The trust both faces read from a flag or input pair: `untrusted` set or not, and the `allow-env` values (names,
 * comma- or line-separated), which mean something only with it. `names` spells the two as the face calls them.
 */
export function configTrustOf(untrusted: boolean, allowEnvValues: readonly string[], names: { untrusted: string; allowEnv: string }): ConfigTrust {
  const allowEnv = allowEnvValues
    .flatMap((v) => v.split(','))
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (untrusted) return { kind: 'untrusted', allowEnv };
  if (allowEnv.length > 0) throw new UsageError(`${names.allowEnv} limits what a config under review may read: give it with ${names.untrusted}`);
  return TRUSTED_CONFIG;
}

/** The template options of a config: under review, `file` refused and `env` limited to the allowed names. */
export function templateRunOptions(trust: ConfigTrust, env: Readonly<Record<string, string | undefined>>): TemplateRunOptions {
  if (trust.kind === 'trusted') return { env };
  return {
    env: Object.fromEntries(trust.allowEnv.map((name) => [name, env[name]])),
    refuseOutsideAccess: { reason: UNTRUSTED_CONFIG_REASON, allowEnv: trust.allowEnv },
  };
}
