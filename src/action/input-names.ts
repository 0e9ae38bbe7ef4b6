// The action's inputs by command and the variables the runner passes them in; apart from their parsing so that
// telling an action step from a CLI call loads nothing else.

/** Commands the action runs, and the inputs each reads besides `command`. */
export const COMMAND_INPUTS = {
  copy: [
    'source',
    'target',
    'platforms',
    'referrers',
    'digest-tags',
    'include-external',
    'force-recursive',
    'fast',
    'dry-run',
    'concurrency',
    'hosts',
    'bounds',
    'format',
  ],
  sync: [
    'config',
    'strict',
    'untrusted-config',
    'allow-env',
    'mode',
    'shard',
    'shards',
    'missing',
    'abort-on-error',
    'max-wait',
    'cache',
    'hosts',
    'bounds',
    'format',
  ],
  prune: ['config', 'strict', 'untrusted-config', 'allow-env', 'dry-run', 'hosts', 'bounds', 'format'],
} as const;

export type ActionCommand = keyof typeof COMMAND_INPUTS;

export const ACTION_COMMANDS = Object.keys(COMMAND_INPUTS) as ActionCommand[];

export type InputName = 'command' | (typeof COMMAND_INPUTS)[ActionCommand][number];

export const INPUT_NAMES: readonly InputName[] = ['command', ...new Set(ACTION_COMMANDS.flatMap((c) => COMMAND_INPUTS[c]))];

/**
 * The variables an input may arrive in. The runner names them `INPUT_DIGEST-TAGS` for a JS action (as
 * `@actions/core` reads them); composite steps set them through `env:`, where `INPUT_DIGEST_TAGS` is the portable
 * spelling, so both are read.
 */
export function inputVariables(name: string): string[] {
  const upper = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const underscored = upper.replace(/-/g, '_');
  return upper === underscored ? [upper] : [upper, underscored];
}
