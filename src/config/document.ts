// What every config file starts with, regsync's and regbot's alike: the YAML read with positions, the top-level keys
// checked, `version` at most 1, and the environment `{{env}}` reads.
import { checkedEntries } from './keys.js';
import { readConfigSource, YamlFile, type ConfigSource, type MapEntry } from './yaml.js';
import type { TemplateRunOptions } from '../gotemplate/template.js';

export interface ConfigDocument {
  yaml: YamlFile;
  top: Map<string, MapEntry>;
  run: TemplateRunOptions;
}

/** How a config is loaded: `env` feeds `{{env}}` (process.env when absent); `strict` is `--strict` (see YamlFile.tolerate). */
export interface LoadOptions {
  env?: Readonly<Record<string, string | undefined>>;
  strict?: boolean;
}

export function openConfigDocument(file: string | ConfigSource, topKeys: readonly string[], opts: LoadOptions = {}): ConfigDocument {
  const yaml = YamlFile.parse(readConfigSource(file), { strict: opts.strict ?? false });
  const top = checkedEntries(yaml, yaml.entries(yaml.root(), 'the config'), topKeys, 'the top level');
  const versionEntry = top.get('version');
  const version = versionEntry ? yaml.number(versionEntry.value, 'version', { integer: true, min: 0 }) : 0;
  if (version > 1) throw yaml.error(versionEntry!.value, `unsupported config version ${version}: this release reads version 1`);
  return { yaml, top, run: { env: opts.env ?? process.env } };
}
