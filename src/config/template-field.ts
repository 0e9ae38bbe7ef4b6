// Template fields of a config: compiled and run with their errors placed in the YAML file (the scalar's own
// position plus the offset inside it, when the scalar is written so that offsets line up).
import { compileTemplate, hasActions, TemplateExecError, TemplateSyntaxError, type CompiledTemplate, type TemplateRunOptions } from '../gotemplate/template.js';
import type { YamlFile, YamlValue } from './yaml.js';

/**
 * Compiles a template field; a syntax error or unknown function is a ConfigError at its place in the file. What it
 * may read when run later (a backup name) is bound now: the config's `run` options win over the caller's.
 */
export function compileField(yaml: YamlFile, node: YamlValue, text: string, field: string, run: TemplateRunOptions): CompiledTemplate {
  let template: CompiledTemplate;
  try {
    template = compileTemplate(text, field);
  } catch (err) {
    if (err instanceof TemplateSyntaxError) throw yaml.errorAt(yaml.scalarValueOffset(node, err.offset), `template in ${field}: ${err.detail}`);
    throw err;
  }
  return { name: template.name, source: template.source, execute: (data, options) => template.execute(data, { ...options, ...run }) };
}

/**
 * Expands a template field now. What the run tolerates (an unreadable `{{file}}` expands to "", as in regclient) is
 * tolerated on the file at the field (an error under --strict); an execution error is a ConfigError there.
 */
export function expandField(yaml: YamlFile, node: YamlValue, text: string, field: string, data: unknown, options: TemplateRunOptions): string {
  if (!hasActions(text)) return text;
  const template = compileField(yaml, node, text, field, options);
  const warnings: string[] = [];
  try {
    const out = template.execute(data, { ...options, onWarning: (message) => warnings.push(message) });
    for (const message of warnings) yaml.tolerate(node, `${field}: ${message}`);
    return out;
  } catch (err) {
    if (err instanceof TemplateExecError) {
      throw yaml.errorAt(yaml.scalarValueOffset(node, err.offset), `template in ${field} failed at ${err.action}: ${err.detail}`);
    }
    throw err;
  }
}
