// Whose config this is. The operator's own regsync.yml / regbot.yml is trusted like the operator: its templates read
// files and environment variables, its `creds` carry passwords. A policy under review in a pull request is written
// by whoever opened it, so with `--untrusted-config` (the action's `untrusted-config` input) it may describe what to
// sync or prune, but not who regkit is nor where credentials go. docs/security.md, "Policies under review".
import type { TemplateRunOptions } from '../gotemplate/template.js';

export type ConfigTrust = 'trusted' | 'untrusted';

/** Why a config under review may not read outside itself: the message `{{file}}`, `{{env}}` and refused keys give. */
export const UNTRUSTED_CONFIG_REASON =
  'the config is under review (--untrusted-config), so credentials come only from the trusted side (--host, the hosts input, docker login on the runner)';

/**
 * `creds` keys a config under review may not set: credentials and what stands for them (a helper to run, another
 * host's docker login to borrow, a client key), and what moves a registry's traffic, with the credentials the
 * trusted side gives that registry, to another host or another trust anchor.
 */
export const CREDS_KEYS_REFUSED_UNDER_REVIEW = ['user', 'pass', 'token', 'credHelper', 'credHost', 'hostname', 'regcert', 'clientCert', 'clientKey', 'clientcert', 'clientkey'] as const;

/** The template options of a config: `file` and `env` refused when it is under review. */
export function templateRunOptions(trust: ConfigTrust, env: Readonly<Record<string, string | undefined>>): TemplateRunOptions {
  return trust === 'trusted' ? { env } : { env: {}, refuseOutsideAccess: UNTRUSTED_CONFIG_REASON };
}
