// Shell completion scripts generated from the command table (spec.ts): a command or flag added there completes
// without anyone editing a script. Completion is by words: the first word, then the second of a group, then flags.
import { UsageError } from '../errors.js';
import { COMMANDS, GLOBAL_FLAGS, type CommandSpec, type FlagSpec } from './spec.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** Every word list that names a command: its own and its aliases. */
function namings(): { words: readonly string[]; spec: CommandSpec }[] {
  return COMMANDS.flatMap((spec) => [spec.words, ...(spec.aliases ?? [])].map((words) => ({ words, spec })));
}

function firstWords(): string[] {
  return [...new Set(namings().map((n) => n.words[0]!))];
}

function secondWords(first: string): string[] {
  return [...new Set(namings().flatMap((n) => (n.words[0] === first && n.words.length > 1 ? [n.words[1]!] : [])))];
}

function flagWords(flags: readonly FlagSpec[]): string[] {
  return [...GLOBAL_FLAGS, ...flags].flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

/** Shell-safe: every word comes from the table, which holds only [a-z0-9-] words; checked so a bad entry cannot inject. */
function safe(words: readonly string[]): string {
  for (const w of words) if (!/^-{0,2}[a-z0-9][a-z0-9-]*$/.test(w)) throw new Error(`completion: "${w}" is not a plain word`);
  return words.join(' ');
}

function bash(): string {
  const groups = firstWords().filter((w) => secondWords(w).length > 0);
  const lines = [
    '# bash completion for regkit: source <(regkit completion bash)',
    '_regkit() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" w1="${COMP_WORDS[1]}" w2="${COMP_WORDS[2]}"',
    '  if [[ "$cur" == -* ]]; then',
    '    case "$w1 $w2" in',
    ...namings().map(
      (n) =>
        `      "${n.words.join(' ')}"${n.words.length === 1 ? '|"' + n.words[0] + ' "*' : ''}) COMPREPLY=($(compgen -W "${safe(flagWords(n.spec.flags))}" -- "$cur")); return;;`,
    ),
    `      *) COMPREPLY=($(compgen -W "${safe(flagWords([]))}" -- "$cur")); return;;`,
    '    esac',
    '  fi',
    '  if [[ $COMP_CWORD -eq 1 ]]; then',
    `    COMPREPLY=($(compgen -W "${safe(firstWords())}" -- "$cur")); return`,
    '  fi',
    '  if [[ $COMP_CWORD -eq 2 ]]; then',
    '    case "$w1" in',
    ...groups.map((g) => `      ${g}) COMPREPLY=($(compgen -W "${safe(secondWords(g))}" -- "$cur")); return;;`),
    `      completion) COMPREPLY=($(compgen -W "${SHELLS.join(' ')}" -- "$cur")); return;;`,
    '    esac',
    '  fi',
    '  COMPREPLY=($(compgen -f -- "$cur"))',
    '}',
    'complete -o default -F _regkit regkit',
    '',
  ];
  return lines.join('\n');
}

function zsh(): string {
  // zsh runs the bash function through bashcompinit: one generated script, one behaviour.
  return ['#compdef regkit', '# zsh completion for regkit: source <(regkit completion zsh)', 'autoload -U +X bashcompinit && bashcompinit', bash()].join('\n');
}

function fish(): string {
  const lines = ['# fish completion for regkit: regkit completion fish | source', 'complete -c regkit -f'];
  const top = firstWords();
  lines.push(`complete -c regkit -n "not __fish_seen_subcommand_from ${safe(top)}" -a "${safe(top)}"`);
  for (const g of top) {
    const second = secondWords(g);
    if (second.length > 0)
      lines.push(`complete -c regkit -n "__fish_seen_subcommand_from ${g}; and not __fish_seen_subcommand_from ${safe(second)}" -a "${safe(second)}"`);
  }
  lines.push(`complete -c regkit -n "__fish_seen_subcommand_from completion" -a "${SHELLS.join(' ')}"`);
  const seen = new Set<string>();
  for (const f of [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => c.flags)]) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    safe([f.name]);
    const help = f.help.replace(/[^A-Za-z0-9 ,.:()/_<>=+-]/g, '');
    lines.push(`complete -c regkit -l ${f.name}${f.short ? ` -s ${f.short}` : ''}${f.kind !== 'boolean' ? ' -r' : ''} -d '${help}'`);
  }
  lines.push('');
  return lines.join('\n');
}

export function completionScript(shell: string): string {
  switch (shell) {
    case 'bash':
      return bash();
    case 'zsh':
      return zsh();
    case 'fish':
      return fish();
    default:
      throw new UsageError(`completion: unknown shell "${shell}"; choose one of ${SHELLS.join(', ')}`);
  }
}
