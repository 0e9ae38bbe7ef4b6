// `--format '{{ … }}'`: a Go template over a read command's view (views.ts), run by the project's own engine.
import { UsageError } from '../errors.js';
import { compileTemplate, type CompiledTemplate } from '../gotemplate/template.js';

/** The commands whose answer is data a template can read; writes report results, which have --format json. */
export const TEMPLATE_COMMANDS: ReadonlySet<string> = new Set([
  'tag ls',
  'repo ls',
  'image digest',
  'image manifest',
  'image config',
  'image inspect',
  'image ratelimit',
  'version',
  'registry ls',
]);

export interface OutputTemplate {
  readonly source: string;
  render(view: unknown): string;
}

/** Compiles once at the edge, so a syntax error is a usage error (exit 2) before any request. */
export function compileOutputTemplate(source: string, command: string): OutputTemplate {
  if (!TEMPLATE_COMMANDS.has(command)) {
    throw new UsageError(
      `${command} does not take a Go template in --format (it reports results: use --format json); templates apply to ${[...TEMPLATE_COMMANDS].join(', ')}`,
    );
  }
  const compiled: CompiledTemplate = compileTemplate(source, '--format');
  // Environment and files stay out of reach: the template formats an answer, it reads nothing else.
  return { source, render: (view) => compiled.execute(view, { env: {}, readFile: () => '' }) };
}
