// regkit's `verify:` extension of regsync steps and `defaults`: keys, keyless identities, the trusted root, the
// evidence thresholds and what of a multi-platform image must be signed, read into a VerifyPolicy
// (src/verify/policy.ts) with every file loaded and every pattern compiled.
import { isAbsolute, normalize, sep } from 'node:path';
import { checkedEntries, presentEntry as present } from '../../config/keys.js';
import { compileAnchoredRegex } from '../../config/regex.js';
import type { ConfigTrust } from '../../config/trust.js';
import type { MapEntry, YamlFile, YamlValue } from '../../config/yaml.js';
import {
  DEFAULT_THRESHOLDS,
  parseSignedScope,
  policyProblem,
  readPublicKeyFile,
  SIGNED_SCOPES,
  type KeylessIdentity,
  type SignedScope,
  type TextMatch,
  type VerifyPolicy,
} from '../../verify/policy.js';
import { readTrustedRootFile } from '../../verify/trusted-root.js';

const VERIFY_KEYS = ['keys', 'keyless', 'trustedRoot', 'tlogThreshold', 'ctlogThreshold', 'timestampThreshold', 'signed'] as const;
const KEYLESS_KEYS = ['issuer', 'issuerRegExp', 'subject', 'subjectRegExp'] as const;

/**
 * regkit's `verify:` extension. Every key of it is regkit's own, so an unknown one is an error, never a warning: a
 * misspelt policy would admit images unchecked. Key files and the trusted root are read now, so a missing or broken
 * one fails the load at its position.
 */
export function readVerify(yaml: YamlFile, node: YamlValue, what: string, trust: ConfigTrust): VerifyPolicy {
  const v = checkedEntries(yaml, yaml.entries(node, what), VERIFY_KEYS, what, 'every');
  const keysEntry = present(yaml, v, 'keys');
  const keylessEntry = present(yaml, v, 'keyless');
  if (!keysEntry && !keylessEntry) {
    throw yaml.error(node, `${what}.keys is required: the public key files (cosign.pub) whose signatures admit an image, or keyless identities`);
  }
  // A policy under review names files it brings along (in the checkout), never a file elsewhere on the runner.
  const policyFile = <T>(item: YamlValue, at: string, read: (path: string) => T): T => {
    const path = yaml.string(item, at);
    if (trust.kind === 'untrusted' && (isAbsolute(path) || normalize(path).split(sep)[0] === '..')) {
      throw yaml.error(item, `${at}: ${path} is outside the working directory, which a config under review may not read (--untrusted-config)`);
    }
    try {
      return read(path);
    } catch (err) {
      throw yaml.error(item, `${at}: ${(err as Error).message}`);
    }
  };
  const list = (entry: MapEntry | undefined, key: string) => {
    if (!entry) return [];
    const items = yaml.items(entry.value, `${what}.${key}`);
    if (items.length === 0) throw yaml.error(entry.value, `${what}.${key} is empty: no image could be admitted`);
    return items;
  };
  const threshold = (key: string, fallback: number): number => {
    const e = present(yaml, v, key);
    return e ? yaml.number(e.value, `${what}.${key}`, { integer: true, min: 0 }) : fallback;
  };
  const signed = (): SignedScope => {
    const e = present(yaml, v, 'signed');
    if (!e) return 'index';
    const value = yaml.string(e.value, `${what}.signed`);
    const scope = parseSignedScope(value);
    if (!scope) throw yaml.error(e.value, `${what}.signed: "${value}" is not one of ${SIGNED_SCOPES.join(', ')}`);
    return scope;
  };
  const rootEntry = present(yaml, v, 'trustedRoot');
  const policy: VerifyPolicy = {
    keys: list(keysEntry, 'keys').map((item, i) => policyFile(item, `${what}.keys[${i}]`, readPublicKeyFile)),
    keyless: list(keylessEntry, 'keyless').map((item, i) => readKeyless(yaml, item, `${what}.keyless[${i}]`)),
    ...(rootEntry ? { trustedRoot: policyFile(rootEntry.value, `${what}.trustedRoot`, readTrustedRootFile) } : {}),
    thresholds: {
      tlog: threshold('tlogThreshold', DEFAULT_THRESHOLDS.tlog),
      ctlog: threshold('ctlogThreshold', DEFAULT_THRESHOLDS.ctlog),
      timestamp: threshold('timestampThreshold', DEFAULT_THRESHOLDS.timestamp),
    },
    signed: signed(),
  };
  const problem = policyProblem(policy, { keys: 'keys', keyless: 'keyless', trustedRoot: 'trustedRoot', timestampThreshold: 'timestampThreshold' });
  if (problem) throw yaml.error(node, `${what}: ${problem}`);
  return policy;
}

/** One keyless identity: the issuer and the subject, each given exactly or as a regular expression matching it whole. */
function readKeyless(yaml: YamlFile, node: YamlValue, what: string): KeylessIdentity {
  const f = checkedEntries(yaml, yaml.entries(node, what), KEYLESS_KEYS, what, 'every');
  const match = (key: 'issuer' | 'subject'): TextMatch => {
    const exact = present(yaml, f, key);
    const regExp = present(yaml, f, `${key}RegExp`);
    if (exact && regExp) throw yaml.error(regExp.keyNode, `${what}: give ${key} or ${key}RegExp, not both`);
    if (exact) return { exact: yaml.string(exact.value, `${what}.${key}`) };
    if (!regExp) throw yaml.error(node, `${what}.${key} (or ${key}RegExp) is required: an identity that names no ${key} would admit any`);
    const pattern = yaml.string(regExp.value, `${what}.${key}RegExp`);
    try {
      return { regExp: compileAnchoredRegex(pattern), pattern };
    } catch (err) {
      throw yaml.error(regExp.value, `${what}.${key}RegExp: ${(err as Error).message}`);
    }
  };
  return { issuer: match('issuer'), subject: match('subject') };
}
