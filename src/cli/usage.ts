// Usage text, generated from the command table.
import { COMMANDS, GLOBAL_FLAGS, commandName, type CommandSpec, type FlagSpec } from './spec.js';

function flagLines(flags: readonly FlagSpec[]): string[] {
  const heads = flags.map((f) => `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ` ${f.value}` : ''}`);
  const width = Math.min(Math.max(...heads.map((h) => h.length)), 40);
  return flags.map((f, i) => {
    const head = heads[i]!;
    const repeat = f.kind === 'repeat' ? ' (repeatable)' : '';
    return head.length > width ? `  ${head}\n  ${' '.repeat(width)}  ${f.help}${repeat}` : `  ${head.padEnd(width)}  ${f.help}${repeat}`;
  });
}

function commandLines(specs: readonly CommandSpec[]): string[] {
  const heads = specs.map((c) => `${commandName(c)} ${c.args.join(' ')}`);
  const width = Math.max(...heads.map((h) => h.length));
  return specs.map((c, i) => `  ${heads[i]!.padEnd(width)}  ${c.summary}`);
}

const GLOBAL_SECTION = ['Global flags (before or after the command):', ...flagLines(GLOBAL_FLAGS)];

export function mainUsage(): string {
  return [
    'Usage: regkit COMMAND [ARGS] [FLAGS]',
    '',
    'Commands:',
    ...commandLines(COMMANDS),
    '',
    ...GLOBAL_SECTION,
    '',
    'References: HOST[:PORT]/REPO[:TAG][@DIGEST] (Docker Hub names may be short) or ocidir://PATH[:TAG].',
    'Exit codes: 0 done, 1 an operation failed, 2 usage or configuration error.',
    '',
  ].join('\n');
}

export function groupUsage(group: string): string {
  const specs = COMMANDS.filter((c) => c.words[0] === group);
  return [`Usage: regkit ${group} COMMAND [ARGS] [FLAGS]`, '', 'Commands:', ...commandLines(specs), '', ...GLOBAL_SECTION, ''].join('\n');
}

export function commandUsage(spec: CommandSpec): string {
  const lines = [`Usage: regkit ${commandName(spec)} ${spec.args.join(' ')}${spec.flags.length > 0 ? ' [FLAGS]' : ''}`, '', spec.summary, ''];
  if (spec.aliases) lines.push(`Aliases: ${spec.aliases.map((a) => a.join(' ')).join(', ')}`, '');
  if (spec.flags.length > 0) lines.push('Flags:', ...flagLines(spec.flags), '');
  lines.push(...GLOBAL_SECTION, '');
  return lines.join('\n');
}
