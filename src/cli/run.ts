// The CLI face: argv → typed command → stores → output on stdout, logs and the final error on stderr, exit code back.
import { exitCodeFor } from '../errors.js';
import { createProgressReporter, TerminalProgress } from '../report/progress.js';
import { exitCodeOf, locationText, type CopyProgress } from '../report/result.js';
import { renderTotals } from '../report/text.js';
import { configSecrets } from '../config/secrets.js';
import { executeCommand } from '../command/execute.js';
import { secretsInHostSpecs } from '../config/host-spec.js';
import { createCliLogger, formatFatal, logFormatOf } from './logger.js';
import { isSyncCommand } from '../command/options.js';
import { renderOutput, renderResult } from './output.js';
import { parseCommandLine } from './parse.js';
import { createRedactor } from './redact.js';
import { openStores, type StoreTuning } from '../command/store-options.js';
import { VERSION } from './version.js';

export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  /** `isTTY` and `columns` as on process.stderr: a terminal gets progress lines redrawn in place. */
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number };
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
  if (isSyncCommand(command) || command.name === 'prune once') redact = createRedactor([...secretsInHostSpecs(rawHostSpecs(argv)), ...configSecrets(command.config)]);
  // On a terminal the progress lines stand below everything else and are lifted off for each line written.
  const terminal = io.stderr.isTTY === true && global.logFormat === 'text' ? new TerminalProgress(io.stderr) : undefined;
  const above = (write: () => void): void => (terminal ? terminal.around(write) : write());
  const logger = createCliLogger({ format: global.logFormat, verbose: global.verbose, write: (line) => above(() => io.stderr.write(line)), redact });
  const stores = openStores(command, global.hosts, logger, tuning);
  const started = Date.now();
  try {
    const onProgress: (p: CopyProgress) => void = terminal ? terminal.update : createProgressReporter((image, line) => logger.info(`${image}: ${line}`));
    const out = await executeCommand(command, {
      stores,
      logger,
      onProgress,
      onResult: (r) => {
        if (r.target !== undefined) terminal?.done(locationText(r.target));
        above(() => io.stdout.write(redact(renderResult(r, global.format))));
      },
    });
    terminal?.close();
    if (out.kind !== 'results') {
      const rendered = renderOutput(out, global.format);
      io.stdout.write(typeof rendered === 'string' ? redact(rendered) : rendered);
      return 0;
    }
    if (out.results.length !== 1) logger.info(renderTotals(out.results, Date.now() - started));
    for (const r of out.results) if (r.status === 'failed') logger.error(`${r.op} failed: ${r.reason ?? 'no reason given'}`);
    return exitCodeOf(out.results);
  } catch (err) {
    terminal?.close();
    io.stderr.write(formatFatal(err, global.logFormat, redact));
    return exitCodeFor(err);
  } finally {
    await stores.close();
  }
}
