// Moving blobs from one repository to another: skip what is there, mount what the registry can link, stream the rest.
import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryError } from '../errors.js';
import { BODY_READ_ATTEMPTS, backoffDelay, classifyFailure } from '../retry.js';
import type { Descriptor } from '../oci/manifest.js';
import { formatReference, sameRegistry, sameRepository, type Reference } from '../oci/reference.js';
import { emptyBlobCounts, type BlobCounts } from '../report/result.js';
import { blobReadFailed } from './failures.js';
import type { Limiter } from '../limit.js';
import type { CopyContext, CopyOptions } from './options.js';

/** How often a transfer with bytes on the wire tells its listener where it is; the renderers throttle further. */
export const PROGRESS_TICK_MS = 250;

export class BlobTransfer {
  readonly counts: BlobCounts = emptyBlobCounts();
  bytesMoved = 0;
  private bytesPlanned = 0;
  private blobsPlanned = 0;
  private blobsDone = 0;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Blobs streaming now; while there are any, a timer reports the byte count (the chunks only add to it). */
  private streaming = 0;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: CopyContext,
    private readonly src: Reference,
    private readonly dst: Reference,
    private readonly opts: CopyOptions,
    private readonly limit: Limiter,
  ) {}

  /** Copies one blob once, however many manifests name it. */
  copy(desc: Descriptor): Promise<void> {
    let pending = this.inFlight.get(desc.digest);
    if (!pending) {
      this.blobsPlanned++;
      this.bytesPlanned += desc.size;
      pending = this.transfer(desc).then(() => {
        this.blobsDone++;
        this.report();
      });
      this.inFlight.set(desc.digest, pending);
    }
    return pending;
  }

  private async transfer(desc: Descriptor): Promise<void> {
    const { src, dst, opts } = this;
    // Inside one repository every blob of the source is already the target's: a retag moves no bytes.
    // A blob that does not stream leaves the progress total: the total is what has to cross the wire.
    if (sameRepository(src, dst) && !opts.forceRecursive) {
      this.counts.skipped++;
      this.bytesPlanned -= desc.size;
      return;
    }
    const dstStore = this.ctx.stores.storeFor(dst);
    if (sameRegistry(src, dst) && !opts.dryRun && (await dstStore.mountBlob(dst, desc.digest, src))) {
      this.counts.mounted++;
      this.bytesPlanned -= desc.size;
      return;
    }
    if ((await dstStore.headBlob(dst, desc.digest)) !== undefined) {
      this.counts.skipped++;
      this.bytesPlanned -= desc.size;
      return;
    }
    if (opts.dryRun) {
      this.counts.copied++;
      this.bytesMoved += desc.size;
      this.bytesPlanned -= desc.size;
      return;
    }
    // Only the byte moving takes a slot: the cheap checks above for every blob go out at once.
    await this.limit(async () => {
      this.startTicking();
      try {
        await this.stream(desc);
      } finally {
        this.stopTicking();
      }
    });
    this.counts.copied++;
  }

  private async stream(desc: Descriptor): Promise<void> {
    const srcStore = this.ctx.stores.storeFor(this.src);
    const dstStore = this.ctx.stores.storeFor(this.dst);
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      let counted = 0;
      let sourceBroke: Error | undefined;
      try {
        // The target opens its upload session while the source answers: one round trip per blob instead of two. The
        // body goes to the store as it comes, with no stream between them: each one a chunk passes through costs CPU.
        const content = srcStore.getBlob(this.src, desc).then((body) => {
          body.once('error', (err) => (sourceBroke = err));
          if (this.ctx.onProgress) {
            // Progress listens beside the store's reader. Paused first, so the listener does not start the flow and
            // drop chunks while a store is still getting ready: the reader resumes it when it reads.
            body.pause();
            body.on('data', (chunk: Buffer) => {
              counted += chunk.length;
              this.streamed += chunk.length;
            });
          }
          return body;
        });
        const [got, put] = await Promise.allSettled([content, dstStore.putBlob(this.dst, desc, content)]);
        // A store that failed before reading leaves the body to its owner.
        if (put.status === 'rejected' && got.status === 'fulfilled') got.value.destroy();
        if (got.status === 'rejected') throw got.reason;
        if (put.status === 'rejected') throw put.reason;
        this.bytesMoved += desc.size;
        return;
      } catch (err) {
        // A streamed upload cannot be replayed by the transport: on a 401 it learns the new challenge and leaves the
        // fresh attempt, which then goes out authorized, to this loop.
        const failure = classifyFailure(err);
        const again = failure === 'transient' || (failure === 'reauth' && !reauthenticated);
        if (attempt >= BODY_READ_ATTEMPTS || !again) {
          // The store passes the source's own stream error through; it says "socket closed" but not what or where.
          throw sourceBroke !== undefined && err === sourceBroke && !(err instanceof RegistryError)
            ? blobReadFailed(this.src, desc, sourceBroke, attempt)
            : err;
        }
        reauthenticated ||= failure === 'reauth';
        const delay = backoffDelay(attempt - 1);
        this.ctx.logger.warn(
          `blob ${desc.digest} from ${formatReference(this.src)} broke off (${(err as Error).message}); retrying (${attempt}/${BODY_READ_ATTEMPTS - 1}) in ${delay} ms`,
        );
        this.streamed -= counted;
        await sleep(delay);
      }
    }
  }

  /** Bytes that have flowed through so far, for progress; a retried blob's partial bytes are taken back. */
  private streamed = 0;

  private startTicking(): void {
    if (this.streaming++ > 0 || !this.ctx.onProgress) return;
    this.ticker = setInterval(() => this.report(), PROGRESS_TICK_MS);
    // Progress must never keep the process alive on its own.
    this.ticker.unref();
  }

  private stopTicking(): void {
    if (--this.streaming > 0 || this.ticker === undefined) return;
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private report(): void {
    this.ctx.onProgress?.({
      image: formatReference(this.dst),
      bytesDone: this.streamed,
      bytesTotal: this.bytesPlanned,
      blobsDone: this.blobsDone,
      blobsTotal: this.blobsPlanned,
    });
  }
}
