// The CLI face: argv → typed command → stores → output on stdout, logs and the final error on stderr, exit code back.
import { exitCodeFor } from '../errors.js';
import { createProgressReporter } from '../report/progress.js';
import { exitCodeOf } from '../report/result.js';
import { executeCommand } from '../command/execute.js';
import { createCliLogger, formatFatal, logFormatOf } from './logger.js';
import { renderOutput } from './output.js';
import { parseCommandLine } from './parse.js';
import { learnArgvSecrets, redactorOf } from './redact.js';
import { Secrets } from '../log.js';
import { openStores, type StoreTuning } from '../command/store-options.js';
import { VERSION } from './version.js';
import { loadStoredHosts } from '../config/user-settings.js';
import type { HostConfig } from '../config/hostconfig.js';

export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string): unknown };
}

/** `tuning`: what main.ts's runtime tuning hands down (runtime.ts); none when the CLI runs in a test. */
export async function runCli(argv: readonly string[], io: CliIo, tuning: StoreTuning = {}): Promise<number> {
  // One set for the run: the stores add what they learn (config creds, docker config, helpers, tokens) as they learn
  // it, and everything printed below is masked with whatever it holds by then.
  const secrets = new Secrets();
  learnArgvSecrets(secrets, argv);
  const redact = redactorOf(secrets);
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
  // The stored registry settings (`registry set|login`): commands that reach a registry use them, and their secrets
  // join the run's set when the stores open.
  let stored: HostConfig[];
  try {
    stored = command.name.startsWith('registry ') || command.name === 'version' ? [] : loadStoredHosts(process.env);
  } catch (err) {
    io.stderr.write(formatFatal(err, global.logFormat, redact));
    return exitCodeFor(err);
  }
  const logger = createCliLogger({ format: global.logFormat, verbose: global.verbose, ...(global.logLevel ? { minLevel: global.logLevel } : {}), write: (line) => io.stderr.write(line), redact });
  const stores = openStores(command, global, logger, secrets, tuning, stored);
  try {
    const onProgress = createProgressReporter((image, line) => logger.info(`${image}: ${line}`));
    const out = await executeCommand(command, { stores, logger, onProgress });
    const rendered = renderOutput(out, global.format, secrets, global.template);
    if (out.kind === 'raw' && rendered !== out.bytes && global.template === undefined) logger.warn('the output held a credential and was masked, so these bytes no longer match their digest');
    io.stdout.write(rendered);
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
