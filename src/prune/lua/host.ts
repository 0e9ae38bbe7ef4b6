// Runs one regbot script in a worker thread of its own and serves its registry calls. Scripts are untrusted code:
// the in-Lua clock hook cannot fire inside one library call (`string.find` backtracking, `string.rep("", 2^31-1)`),
// and a runaway allocation would take the whole process down with "heap out of memory". A worker has its own heap,
// capped by `resourceLimits`, and `worker.terminate()` stops it whatever it is doing; the run goes on with the next
// script.
//
// Why the bridge is asynchronous messages, not Atomics.wait: the stores (connection pools, tokens, limiters) stay on
// the main thread, shared by every script and by the plan applier, and the worker reaches them by messages. The Lua
// engine already runs the script as a coroutine that yields at each registry call and is resumed by an event loop
// (bridge.ts), so the worker's own event loop awaits the reply like any Promise. Blocking the worker with Atomics.wait
// on a SharedArrayBuffer plus receiveMessageOnPort would only buy synchronous API calls — the coroutine design
// already gives scripts that — at the cost of a thread that cannot be interrupted between two replies. The one shared
// buffer used is a status word: the script line the clock hook last saw, read when the host has to stop the worker.
import { Worker } from 'node:worker_threads';
import { PassThrough, type Readable } from 'node:stream';
import { exportImage, importImage } from '../../copy/archive.js';
import type { StoreSource } from '../../copy/options.js';
import type { Descriptor } from '../../oci/manifest.js';
import type { Reference } from '../../oci/reference.js';
import { decorateStores } from '../../store/decorator.js';
import type { Store } from '../../store/store.js';
import { DryRunStore } from './dry-run.js';
import { stoppedMessage, timeoutMessage } from './messages.js';
import { ScriptFiles } from './files.js';
import { DEFAULT_SCRIPT_MEMORY_MIB } from './sandbox.js';
import { STORE_CALLS, type HostMessage, type Request, type WorkerInput, type WorkerMessage } from './protocol.js';
import type { JournalEntry, RunScriptOptions, ScriptLogLine, ScriptResult } from '../types.js';

/** How long past its timeout a script gets to stop by itself (with its line) before its worker is terminated. */
const KILL_GRACE_MS = 1000;

/** What the host does for one worker: its stores, files, open blob streams and writes. */
class ScriptService {
  /** What the script reaches: `served` with every ocidir:// path checked. */
  private readonly stores: StoreSource;
  /** The run's stores, dry-run where asked; the archive code's own staging layouts (in the temp dir) go through these. */
  private readonly served: StoreSource;
  private readonly files: ScriptFiles;
  private readonly reading = new Map<number, AsyncIterator<unknown>>();
  private readonly writing = new Map<number, { sink: PassThrough; done: Promise<void> }>();
  private nextStream = 1;

  constructor(private readonly opts: RunScriptOptions) {
    this.files = new ScriptFiles(opts.filesDir ?? process.cwd());
    const served = opts.dryRun
      ? decorateStores(
          (ref) => opts.stores.storeFor(ref),
          (s) => new DryRunStore(s),
        )
      : opts.stores;
    this.served = served;
    this.stores = { storeFor: (ref) => served.storeFor(this.files.reference(ref, 'ocidir reference')) };
  }

  private storeAt(at: Reference): Store {
    return this.stores.storeFor(at);
  }

  private refs<T>(value: T): T {
    const v = value as unknown;
    if (v && typeof v === 'object' && (v as { scheme?: unknown }).scheme === 'ocidir') return this.files.reference(v as Reference, 'ocidir reference') as T;
    return value;
  }

  async serve(r: Request): Promise<unknown> {
    switch (r.op) {
      case 'store': {
        if (!STORE_CALLS.includes(r.call)) throw new Error(`unknown store call ${String(r.call)}`);
        const store = this.storeAt(r.at) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        return store[r.call]!.apply(
          store,
          r.args.map((a) => this.refs(a)),
        );
      }
      case 'getBlob': {
        const stream = await this.storeAt(r.at).getBlob(this.refs(r.repo), r.desc as Descriptor);
        const id = this.nextStream++;
        this.reading.set(id, stream[Symbol.asyncIterator]());
        return id;
      }
      case 'read': {
        const it = this.reading.get(r.stream);
        if (!it) return null;
        const next = await it.next();
        if (next.done) this.reading.delete(r.stream);
        return next.done ? null : next.value;
      }
      case 'close': {
        await this.reading.get(r.stream)?.return?.();
        this.reading.delete(r.stream);
        this.writing.get(r.stream)?.sink.destroy(new Error('upload abandoned by the script'));
        this.writing.delete(r.stream);
        return null;
      }
      case 'putBlob': {
        const sink = new PassThrough({ highWaterMark: 1024 * 1024 });
        const done = this.storeAt(r.at).putBlob(this.refs(r.repo), r.desc as Descriptor, sink as Readable);
        done.catch(() => {});
        const id = this.nextStream++;
        this.writing.set(id, { sink, done });
        return id;
      }
      case 'write': {
        const w = this.writing.get(r.stream);
        if (!w) throw new Error('no such upload');
        // A store that stopped reading (a dry run's, or one that failed) needs no more bytes: say so, and the worker
        // stops sending.
        if (w.sink.destroyed || w.sink.writableEnded) return false;
        if (!w.sink.write(Buffer.from(r.chunk))) {
          await new Promise<void>((resolve) => {
            w.sink.once('drain', resolve);
            w.sink.once('close', resolve);
          });
        }
        return true;
      }
      case 'end': {
        const w = this.writing.get(r.stream);
        if (!w) throw new Error('no such upload');
        this.writing.delete(r.stream);
        if (!w.sink.destroyed) w.sink.end();
        await w.done;
        return null;
      }
      case 'copy': {
        // The copy engine has its own planning mode: in dry-run it reads, decides and writes nothing.
        const result = await this.opts.copy(this.refs(r.src), this.refs(r.dst), { ...r.opts, dryRun: this.opts.dryRun });
        return result.digest !== undefined ? { digest: result.digest } : {};
      }
      case 'importTar': {
        const file = this.files.resolve(r.file, 'image.importTar');
        const result = await importImage({ stores: this.served, logger: this.opts.logger }, file, this.refs(r.ref), { dryRun: this.opts.dryRun });
        return result.digest !== undefined ? { digest: result.digest } : {};
      }
      case 'exportTar': {
        const file = this.files.resolve(r.file, 'image.exportTar');
        // Planned only: a dry run (a pull request's policy check) writes no file.
        if (this.opts.dryRun) return null;
        await exportImage({ stores: this.served, logger: this.opts.logger }, this.refs(r.ref), file);
        return null;
      }
    }
  }

  /** Ends open streams of a worker that is gone. */
  async release(): Promise<void> {
    for (const it of this.reading.values()) await it.return?.().catch(() => undefined);
    for (const w of this.writing.values()) w.sink.destroy(new Error('the script stopped during this upload'));
    this.reading.clear();
    this.writing.clear();
  }
}

export async function runScript(opts: RunScriptOptions): Promise<ScriptResult> {
  const started = Date.now();
  const memoryMiB = opts.memoryLimitMiB ?? DEFAULT_SCRIPT_MEMORY_MIB;
  const status = new SharedArrayBuffer(4);
  const journal: JournalEntry[] = [];
  const settled: boolean[] = [];
  const logs: ScriptLogLine[] = [];
  const service = new ScriptService(opts);
  const inFlight = new Set<Promise<unknown>>();
  const input: WorkerInput = {
    name: opts.name,
    source: opts.source,
    dryRun: opts.dryRun,
    timeoutMs: opts.timeoutMs,
    stringLimitBytes: memoryMiB * 1024 * 1024,
    ...(opts.platform ? { platform: opts.platform } : {}),
    ...(opts.site ? { site: opts.site } : {}),
    status,
  };
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: input,
    resourceLimits: { maxOldGenerationSizeMb: memoryMiB },
  });
  const lastLine = (): number | undefined => {
    const line = Atomics.load(new Int32Array(status), 0);
    return line > 0 ? line : undefined;
  };
  const stopped = (what: string): string => stoppedMessage(opts.name, opts.site, lastLine(), what);
  /** A Lua error the engine ended with (`name:LINE: …`), given the config file's line as well, as a stop is. */
  const located = (e: string): string => {
    const line = e.startsWith(`${opts.name}:`) ? /^(\d+): /.exec(e.slice(opts.name.length + 1)) : null;
    if (!line || !opts.site || e.includes(`script "${opts.name}" (`)) return e;
    return stoppedMessage(opts.name, opts.site, Number(line[1]), `failed: ${e.slice(opts.name.length + 1 + line[0].length)}`);
  };

  /** The engine ended the script itself (and logged its failure); otherwise the host stopped the worker. */
  let ended = false;
  const error = await new Promise<string | undefined>((resolve) => {
    let killedForTime = false;
    const timer = setTimeout(() => {
      killedForTime = true;
      void worker.terminate();
    }, opts.timeoutMs + KILL_GRACE_MS);
    const finish = (e: string | undefined): void => {
      clearTimeout(timer);
      resolve(e);
    };
    worker.on('message', (m: WorkerMessage) => {
      switch (m.kind) {
        case 'call': {
          const work = service.serve(m.request).then(
            (value): HostMessage => ({ kind: 'reply', id: m.id, ok: true, value }),
            (err: unknown): HostMessage => ({ kind: 'reply', id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
          );
          inFlight.add(work);
          void work.then((reply) => {
            inFlight.delete(work);
            worker.postMessage(reply);
          });
          return;
        }
        case 'log':
          opts.logger[m.level](m.message, m.fields);
          return;
        case 'scriptLog':
          logs.push(m.line);
          return;
        case 'journal':
          journal[m.index] = m.entry;
          settled[m.index] = m.settled;
          return;
        case 'done':
          ended = true;
          finish(m.error === undefined ? undefined : located(m.error));
          return;
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(stopped(`stopped: it used more than its memory limit of ${memoryMiB} MiB (defaults.scriptMemory in the regbot config)`));
      } else {
        finish(stopped(`stopped: ${err.message}`));
      }
    });
    worker.on('exit', (code) => {
      if (killedForTime) finish(timeoutMessage(opts.name, opts.site, opts.timeoutMs, lastLine(), true));
      else finish(stopped(`stopped unexpectedly (worker exit code ${code})`));
    });
  });
  await worker.terminate();
  // Writes the host was making when the worker stopped finish (each has its own deadline) before the result is final.
  await Promise.allSettled([...inFlight]);
  await service.release();
  if (error !== undefined) {
    for (let i = 0; i < journal.length; i++) {
      const e = journal[i];
      if (e && !settled[i] && e.error === undefined) e.error = `not confirmed: the script stopped during this call (${error})`;
    }
    if (!ended) opts.logger.error('Script failed', { script: opts.name, error });
  }
  return {
    name: opts.name,
    ok: error === undefined,
    ...(error !== undefined ? { error } : {}),
    journal: journal.filter((e): e is JournalEntry => e !== undefined),
    logs,
    durationMs: Date.now() - started,
  };
}
