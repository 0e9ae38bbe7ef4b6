// The declarative `policies:` list of regbot.yml (regkit's own section):
//   policies:
//     - keepLast: {repo: registry.example.com/app, match: '(.+)-\d{8}', group: '$1', keep: 3, sort: name}
//     - name: old CI builds
//       olderThan: {repo: registry.example.com/app, match: 'ci-\d+', days: 30}
// Each argument goes through parsePolicyCall, the same check `policy.keepLast{...}` in Lua gets.
import { isScalar } from 'yaml';
import { checkedEntries } from '../../config/keys.js';
import type { YamlFile, YamlValue } from '../../config/yaml.js';
import type { BotPolicy } from './types.js';
import { parsePolicyCall, POLICY_KEYS, POLICY_KINDS, PolicyArgError } from '../policy/args.js';
import type { PolicyKind } from '../policy/types.js';

const ITEM_KEYS = ['name', ...POLICY_KINDS] as const;

/** A policy argument as the Lua side would hand it over: a string, number or boolean. */
function plainValue(yaml: YamlFile, node: YamlValue, what: string): unknown {
  const n = yaml.resolve(node);
  if (n === null) return undefined;
  if (!isScalar(n)) throw yaml.error(n, `${what} must be a single value, not a list or mapping`);
  return n.value ?? undefined;
}

function readPolicy(yaml: YamlFile, node: YamlValue, index: number): BotPolicy {
  const where = `policies[${index}]`;
  const item = checkedEntries(yaml, yaml.entries(node, where), ITEM_KEYS, where, 'every');
  const kinds = POLICY_KINDS.filter((k) => item.has(k));
  if (kinds.length !== 1) {
    throw yaml.error(node, `${where} needs exactly one of ${POLICY_KINDS.join(', ')}${kinds.length > 1 ? `, not both` : ''}`);
  }
  const kind: PolicyKind = kinds[0]!;
  const body = item.get(kind)!;
  const argEntries = checkedEntries(yaml, yaml.entries(body.value, `${where}.${kind}`), POLICY_KEYS[kind], `${where}.${kind}`, 'every');
  const args: Record<string, unknown> = {};
  for (const [key, e] of argEntries) args[key] = plainValue(yaml, e.value, `${where}.${kind}.${key}`);
  let call;
  try {
    call = parsePolicyCall(kind, args);
  } catch (err) {
    if (!(err instanceof PolicyArgError)) throw err;
    const at = err.key !== undefined ? argEntries.get(err.key) : undefined;
    throw yaml.error(at ? at.value : body.keyNode, `${where}.${err.message}`);
  }
  const nameEntry = item.get('name');
  const given = nameEntry ? yaml.string(nameEntry.value, `${where}.name`).trim() : '';
  const pos = yaml.position(body.keyNode);
  return { index, name: given !== '' ? given : `${where} ${kind}`, call, file: yaml.name, ...pos };
}

export function readPolicies(yaml: YamlFile, node: YamlValue): BotPolicy[] {
  return yaml.items(node, 'policies').map((item, i) => readPolicy(yaml, item, i));
}
