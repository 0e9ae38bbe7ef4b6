// Loads a regsync.yml: regclient's format, every default applied, templates expanded in regsync's order. What regsync
// loads silently (unknown keys, a tag on a repository step) is a warning with its position, an error under
// `strict`. `loadSyncConfig` is the entry.
import { ConfigError } from '../../errors.js';
import { readCreds, REGSYNC_CREDS_TEMPLATES } from '../../config/creds.js';
import { readDefaults, readStep, syncTemplateData } from './step.js';
import { compileField } from '../../config/template-field.js';
import type { BackupRef, SyncConfig, SyncStep } from './types.js';
import { openConfigDocument, type LoadOptions } from '../../config/document.js';
import type { ConfigSource } from '../../config/yaml.js';
import type { TemplateRunOptions } from '../../gotemplate/template.js';

export type * from './types.js';
export { selectTags, nameAllowed } from '../../config/filters.js';
export type { CredsEntry } from '../../config/creds.js';
export type { ConfigSource, ConfigWarning } from '../../config/yaml.js';

const TOP_KEYS = ['version', 'creds', 'defaults', 'sync'] as const;

/**
 * Reads and resolves a regsync config. `file` is a path, `-` for standard input, or `{ text, name }`. `env` feeds
 * `{{env}}` (process.env when absent); `trust` is `untrusted` for a policy under review (see config/trust.ts). Throws ConfigError with file:line:column on anything unusable.
 */
export function loadSyncConfig(
  file: string | ConfigSource,
  env?: Readonly<Record<string, string | undefined>>,
  opts: Omit<LoadOptions, 'env'> = {},
): SyncConfig {
  const { yaml, top, run, trust } = openConfigDocument(file, TOP_KEYS, { ...opts, ...(env ? { env } : {}) });

  const creds = readCreds(yaml, top.get('creds')?.value ?? null, { templates: REGSYNC_CREDS_TEMPLATES, run, trust });
  const defaultsNode = top.get('defaults')?.value ?? null;
  const defaults = readDefaults(yaml, defaultsNode, trust);
  const backupNode = yaml.entries(defaultsNode, 'defaults').find((e) => e.key === 'backup')?.value ?? null;
  const defaultBackup = defaults.backup !== undefined ? compileField(yaml, backupNode, defaults.backup, 'defaults.backup', run) : undefined;
  const sync = yaml.items(top.get('sync')?.value ?? null, 'sync').map((node, i) => readStep(yaml, node, i, defaults, defaultBackup, run, trust));
  return { file: yaml.name, version: 1, creds, defaults, sync, warnings: yaml.warnings };
}

/**
 * Runs a step's backup template for the target about to be overwritten. The result names a tag in the target
 * repository, or a full reference when it holds `/` or `:` (regsync's rule). Undefined when the step has no backup.
 */
export function expandBackup(step: SyncStep, ref: BackupRef, options: TemplateRunOptions = {}): string | undefined {
  if (!step.backup) return undefined;
  const data = syncTemplateData({ ...step, backupText: step.backup.source });
  const out = step.backup.execute({ Ref: ref, Step: data, Sync: data }, options).trim();
  if (out === '')
    throw new ConfigError(`backup template of sync[${step.index}] expanded to an empty name`, { file: step.file, line: step.line, column: step.column });
  return out;
}
