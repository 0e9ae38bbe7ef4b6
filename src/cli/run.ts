// The CLI face: argv → typed command → stores → output on stdout, logs and the final error on stderr, exit code back.
import { exitCodeFor } from '../errors.js';
import { createProgressReporter } from '../report/progress.js';
import { exitCodeOf } from '../report/result.js';
import { configSecrets } from '../config/secrets.js';
import { executeCommand } from '../command/execute.js';
import { secretsInHostSpecs } from '../config/host-spec.js';
import { createCliLogger, formatFatal, logFormatOf } from './logger.js';
import { isSyncCommand } from '../command/options.js';
import { renderOutput } from './output.js';
import { parseCommandLine } from './parse.js';
import { createRedactor } from './redact.js';
import { openStores, type StoreTuning } from '../command/store-options.js';
import { VERSION } from './version.js';
import { loadStoredHosts } from '../config/user-settings.js';
import type { HostConfig } from '../config/hostconfig.js';

export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string): unknown };
}

/** `--host` values as typed, so credentials can be hidden even when the spec does not parse. */
function rawHostSpecs(argv: readonly string[]): string[] {
  return argv.flatMap((a, i) => (a === '--host' && i + 1 < argv.length ? [argv[i + 1]!] : a.startsWith('--host=') ? [a.slice('--host='.length)] : []));
}

/** `tuning`: what main.ts's runtime tuning hands down (runtime.ts); none when the CLI runs in a test. */
export async function runCli(argv: readonly string[], io: CliIo, tuning: StoreTuning = {}): Promise<number> {
  let redact = createRedactor(secretsInHostSpecs(rawHostSpecs(argv)));
  let invocation;
  try {
    invocation = await parseCommandLine(argv);
  } catch (err) {
    io.stderr.write(formatFatal(err, logFormatOf(argv), redact));
    return exitCodeFor(err);
  }
  if (invocation.kind === 'help') {
    io.stdout.write(invocation.text);
    return 0;
  }
  if (invocation.kind === 'version') {
    io.stdout.write(`regkit ${VERSION}\n`);
    return 0;
  }
  const { global, command } = invocation;
  // The stored registry settings (`registry set|login`): commands that reach a registry use them, and their secrets.
  let stored: HostConfig[];
  try {
    stored = command.name.startsWith('registry ') || command.name === 'version' ? [] : loadStoredHosts(process.env);
  } catch (err) {
    io.stderr.write(formatFatal(err, global.logFormat, redact));
    return exitCodeFor(err);
  }
  const storedSecrets = stored.flatMap((h) => [h.pass, h.token].filter((v): v is string => v !== undefined));
  const configured = isSyncCommand(command) || command.name === 'prune once' ? configSecrets(command.config) : [];
  if (configured.length + storedSecrets.length > 0) redact = createRedactor([...secretsInHostSpecs(rawHostSpecs(argv)), ...configured, ...storedSecrets]);
  const logger = createCliLogger({ format: global.logFormat, verbose: global.verbose, ...(global.logLevel ? { minLevel: global.logLevel } : {}), write: (line) => io.stderr.write(line), redact });
  const stores = openStores(command, global.hosts, logger, tuning, stored);
  try {
    const onProgress = createProgressReporter((image, line) => logger.info(`${image}: ${line}`));
    const out = await executeCommand(command, { stores, logger, onProgress });
    const rendered = renderOutput(out, global.format, global.template);
    io.stdout.write(typeof rendered === 'string' ? redact(rendered) : rendered);
    if (out.kind !== 'results') return 0;
    for (const r of out.results) if (r.status === 'failed') logger.error(`${r.op} failed: ${r.reason ?? 'no reason given'}`);
    return exitCodeOf(out.results);
  } catch (err) {
    io.stderr.write(formatFatal(err, global.logFormat, redact));
    return exitCodeFor(err);
  } finally {
    await stores.close();
  }
}
