// The CLI face: argv → typed command → stores → output on stdout, logs and the final error on stderr, exit code back.
import { exitCodeFor } from '../errors.js';
import { createProgressReporter, TerminalProgress } from '../report/progress.js';
import { exitCodeOf, failsRun, locationText, type CopyProgress } from '../report/result.js';
import { renderTotals } from '../report/text.js';
import { executeCommand } from '../command/execute.js';
import { createCliLogger, formatFatal, logFormatOf } from './logger.js';
import { renderOutput, renderResult } from './output.js';
import { parseCommandLine } from './parse.js';
import { learnArgvSecrets, redactorOf } from './redact.js';
import { Secrets } from '../log.js';
import { openStores, type StoreTuning } from '../command/store-options.js';
import { VERSION } from './version.js';
import { loadStoredHosts } from '../config/user-settings.js';
import type { HostConfig } from '../config/hostconfig.js';

export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  /** `isTTY` and `columns` as on process.stderr: a terminal gets progress lines redrawn in place. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
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
  // On a terminal the progress lines stand below everything else and are lifted off for each line written.
  const terminal = io.stderr.isTTY === true && global.logFormat === 'text' ? new TerminalProgress(io.stderr) : undefined;
  const above = (write: () => void): void => (terminal ? terminal.around(write) : write());
  const logger = createCliLogger({
    format: global.logFormat,
    verbose: global.verbose,
    ...(global.logLevel ? { minLevel: global.logLevel } : {}),
    write: (line) => above(() => io.stderr.write(line)),
    redact,
  });
  const stores = openStores(command, global, logger, secrets, tuning, stored);
  const started = Date.now();
  try {
    const onProgress: (p: CopyProgress) => void = terminal ? terminal.update : createProgressReporter((image, line) => logger.info(`${image}: ${line}`));
    const out = await executeCommand(command, {
      stores,
      logger,
      onProgress,
      onResult: (r) => {
        if (r.target !== undefined) terminal?.done(locationText(r.target));
        above(() => io.stdout.write(renderResult(r, global.format, secrets)));
      },
    });
    terminal?.close();
    if (out.kind !== 'results') {
      const rendered = renderOutput(out, global.format, secrets, global.template);
      if (out.kind === 'raw' && rendered !== out.bytes && global.template === undefined)
        logger.warn('the output held a credential and was masked, so these bytes no longer match their digest');
      io.stdout.write(rendered);
      return 0;
    }
    if (out.results.length !== 1) logger.info(renderTotals(out.results, Date.now() - started));
    for (const r of out.results) if (failsRun(r)) logger.error(`${r.op} ${r.status}: ${r.reason ?? 'no reason given'}`);
    return exitCodeOf(out.results);
  } catch (err) {
    terminal?.close();
    io.stderr.write(formatFatal(err, global.logFormat, redact));
    return exitCodeFor(err);
  } finally {
    await stores.close();
  }
}
