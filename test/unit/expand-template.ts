// Compile and run in one step, as the template tests state their cases.
import { compileTemplate, type TemplateRunOptions } from '../../src/gotemplate/template.js';

export function expandTemplate(source: string, data: unknown, name: string, options?: TemplateRunOptions): string {
  return compileTemplate(source, name).execute(data, options);
}
