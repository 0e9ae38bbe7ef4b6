// Moving blobs from one repository to another: skip what is there, mount what the registry can link, stream the rest.
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryError } from '../errors.js';
import { BODY_READ_ATTEMPTS, backoffDelay, classifyFailure } from '../retry.js';
import type { Descriptor } from '../oci/manifest.js';
import { formatReference, sameRegistry, sameRepository, type Reference } from '../oci/reference.js';
import { emptyBlobCounts, type BlobCounts } from '../report/result.js';
import { blobReadFailed } from './failures.js';
import type { Limiter } from './limit.js';
import type { CopyContext, CopyOptions } from './options.js';

export class BlobTransfer {
  readonly counts: BlobCounts = emptyBlobCounts();
  bytesMoved = 0;
  private bytesPlanned = 0;
  private blobsPlanned = 0;
  private blobsDone = 0;
  private readonly inFlight = new Map<string, Promise<void>>();

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
    if (sameRepository(src, dst) && !opts.forceRecursive) {
      this.counts.skipped++;
      return;
    }
    const dstStore = this.ctx.stores.storeFor(dst);
    if (sameRegistry(src, dst) && !opts.dryRun && (await dstStore.mountBlob(dst, desc.digest, src))) {
      this.counts.mounted++;
      return;
    }
    if ((await dstStore.headBlob(dst, desc.digest)) !== undefined) {
      this.counts.skipped++;
      return;
    }
    if (opts.dryRun) {
      this.counts.copied++;
      this.bytesMoved += desc.size;
      return;
    }
    // Only the byte moving takes a slot: the cheap checks above for every blob go out at once.
    await this.limit(() => this.stream(desc));
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
        // The target opens its upload session while the source answers: one round trip per blob instead of two.
        const content = this.counting((n) => (counted += n));
        const fetched = srcStore.getBlob(this.src, desc).then(
          (body) => {
            body.once('error', (err) => (sourceBroke = err));
            pipeline(body, content).catch(() => undefined);
          },
          (err: unknown) => {
            content.destroy(err as Error);
            throw err;
          },
        );
        const [got, put] = await Promise.allSettled([fetched, dstStore.putBlob(this.dst, desc, content)]);
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
          throw sourceBroke !== undefined && err === sourceBroke && !(err instanceof RegistryError) ? blobReadFailed(this.src, desc, sourceBroke, attempt) : err;
        }
        reauthenticated ||= failure === 'reauth';
        const delay = backoffDelay(attempt - 1);
        this.ctx.logger.warn(`blob ${desc.digest} from ${formatReference(this.src)} broke off (${(err as Error).message}); retrying (${attempt}/${BODY_READ_ATTEMPTS - 1}) in ${delay} ms`);
        this.streamed -= counted;
        await sleep(delay);
      }
    }
  }

  /** Bytes that have flowed through so far, for progress; a retried blob's partial bytes are taken back. */
  private streamed = 0;

  /** Where the source body flows into the upload; counts bytes for progress when someone listens. */
  private counting(onBytes: (n: number) => void): Transform {
    if (!this.ctx.onProgress) return new PassThrough();
    return new Transform({
      transform: (chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) => {
        onBytes(chunk.length);
        this.streamed += chunk.length;
        done(null, chunk);
      },
    });
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
