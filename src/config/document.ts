// What every config file starts with, regsync's and regbot's alike: the YAML read with positions, the top-level keys
// checked, `version` at most 1, and what its templates may read (all of the environment, or nothing under review).
import { checkedEntries } from './keys.js';
import { readConfigSource, YamlFile, type ConfigSource, type MapEntry } from './yaml.js';
import type { TemplateRunOptions } from '../gotemplate/template.js';
import { templateRunOptions, TRUSTED_CONFIG, type ConfigTrust } from './trust.js';

export interface ConfigDocument {
  yaml: YamlFile;
  top: Map<string, MapEntry>;
  run: TemplateRunOptions;
  trust: ConfigTrust;
}

/**
 * How a config is loaded: `env` feeds `{{env}}` (process.env when absent); `strict` is `--strict` (see
 * YamlFile.tolerate); `trust` says whether the file is a policy under review (`--untrusted-config`, trust.ts).
 */
export interface LoadOptions {
  env?: Readonly<Record<string, string | undefined>>;
  strict?: boolean;
  trust?: ConfigTrust;
}

export function openConfigDocument(file: string | ConfigSource, topKeys: readonly string[], opts: LoadOptions = {}): ConfigDocument {
  const yaml = YamlFile.parse(readConfigSource(file), { strict: opts.strict ?? false });
  const top = checkedEntries(yaml, yaml.entries(yaml.root(), 'the config'), topKeys, 'the top level');
  const versionEntry = top.get('version');
  const version = versionEntry ? yaml.number(versionEntry.value, 'version', { integer: true, min: 0 }) : 0;
  if (version > 1) throw yaml.error(versionEntry!.value, `unsupported config version ${version}: this release reads version 1`);
  const trust = opts.trust ?? TRUSTED_CONFIG;
  return { yaml, top, run: templateRunOptions(trust, opts.env ?? process.env), trust };
}
