// The worker's side of the bridge to the host: Store calls, blob streams and the host's writes become messages, each
// answered by a reply with the same id. See host.ts for why the bridge is asynchronous.
import { Readable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import type { StoreSource } from '../../copy/options.js';
import type { Logger, LogLevel } from '../../log.js';
import type { Descriptor } from '../../oci/manifest.js';
import { parseTag, type Tag } from '../../oci/names.js';
import { formatReference, type Reference } from '../../oci/reference.js';
import type { BlobContent, DeleteReceipt, FetchedManifest, ListOptions, ManifestHead, ReferrerOptions, Store } from '../../store/store.js';
import type { HostMessage, Request, StoreCall, WorkerMessage } from './protocol.js';
import type { ScriptHost } from '../types.js';

export class HostPort {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (m: HostMessage) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(m.message));
    });
  }

  send(message: WorkerMessage): void {
    this.port.postMessage(message);
  }

  call<T>(request: Request): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ kind: 'call', id, request });
    });
  }
}

class RemoteStore implements Store {
  readonly kind: Store['kind'];

  constructor(
    private readonly host: HostPort,
    private readonly at: Reference,
  ) {
    this.kind = at.scheme === 'registry' ? 'registry' : 'ocidir';
  }

  private call<T>(call: StoreCall, ...args: unknown[]): Promise<T> {
    return this.host.call<T>({ op: 'store', at: this.at, call, args });
  }

  headManifest(ref: Reference): Promise<ManifestHead | undefined> {
    return this.call('headManifest', ref);
  }
  getManifest(ref: Reference): Promise<FetchedManifest> {
    return this.call('getManifest', ref);
  }
  putManifest(ref: Reference, bytes: Uint8Array, mediaType: string): Promise<string> {
    return this.call('putManifest', ref, bytes, mediaType);
  }
  deleteManifest(ref: Reference): Promise<DeleteReceipt | void> {
    return this.call('deleteManifest', ref);
  }
  headBlob(repo: Reference, digest: string): Promise<number | undefined> {
    return this.call('headBlob', repo, digest);
  }
  mountBlob(repo: Reference, digest: string, from: Reference): Promise<boolean> {
    return this.call('mountBlob', repo, digest, from);
  }
  // A callback cannot cross to the main thread: there the store warns about each invalid name itself. What comes back
  // crossed a thread boundary, so it is parsed again rather than trusted as typed.
  async listTags(repo: Reference, opts?: ListOptions): Promise<Tag[]> {
    const listed: unknown[] = await this.call('listTags', repo, withoutCallback(opts));
    return listed.map((t) => parseTag(t, `the tag list of ${formatReference(repo)}`));
  }
  listRepositories(opts?: ListOptions): Promise<string[]> {
    return this.call('listRepositories', withoutCallback(opts));
  }
  listReferrers(ref: Reference, opts?: ReferrerOptions): Promise<Descriptor[]> {
    return this.call('listReferrers', ref, opts);
  }
  deleteTag(ref: Reference, current?: ManifestHead): Promise<DeleteReceipt | void> {
    return this.call('deleteTag', ref, current);
  }

  /** Pulled chunk by chunk, so a blob never sits whole in the worker. */
  async getBlob(repo: Reference, desc: Descriptor): Promise<Readable> {
    const host = this.host;
    const stream = await host.call<number>({ op: 'getBlob', at: this.at, repo, desc });
    return Readable.from(
      (async function* () {
        let done = false;
        try {
          for (;;) {
            const chunk = await host.call<Uint8Array | null>({ op: 'read', stream });
            if (chunk === null) break;
            yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          }
          done = true;
        } finally {
          if (!done) await host.call({ op: 'close', stream });
        }
      })(),
    );
  }

  async putBlob(repo: Reference, desc: Descriptor, given: BlobContent): Promise<void> {
    const content = await given;
    const stream = await this.host.call<number>({ op: 'putBlob', at: this.at, repo, desc });
    try {
      for await (const chunk of content) {
        if (!(await this.host.call<boolean>({ op: 'write', stream, chunk: chunk as Uint8Array }))) {
          content.destroy();
          break;
        }
      }
    } catch (err) {
      await this.host.call({ op: 'close', stream });
      throw err;
    }
    await this.host.call({ op: 'end', stream });
  }

  /** The host owns the stores and closes them. */
  async close(): Promise<void> {}
}

export function remoteStores(host: HostPort): StoreSource {
  return { storeFor: (ref) => new RemoteStore(host, ref) };
}

export function remoteHost(host: HostPort): ScriptHost {
  return {
    copy: (src, dst, opts) => host.call({ op: 'copy', src, dst, opts }),
    importTar: (file, ref) => host.call({ op: 'importTar', file, ref }),
    exportTar: (ref, file) => host.call({ op: 'exportTar', ref, file }),
  };
}

/** Log lines go to the host's logger, which the face renders; the worker never prints. */
export function remoteLogger(host: HostPort): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      host.send({ kind: 'log', level, message, fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function withoutCallback(opts: ListOptions | undefined): ListOptions | undefined {
  if (opts?.onInvalid === undefined) return opts;
  const { onInvalid: _dropped, ...rest } = opts;
  return rest;
}
