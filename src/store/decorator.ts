// A Store that forwards every call to an inner store. Decorators (a delete guard, a dry run, a journal) extend it and
// override only the calls they change, so a method added to Store is forwarded everywhere by writing it once here.
import type { Readable } from 'node:stream';
import type { Descriptor } from '../oci/manifest.js';
import type { Tag } from '../oci/names.js';
import type { Reference } from '../oci/reference.js';
import type { BlobContent, DeleteReceipt, FetchedManifest, ListOptions, ManifestHead, ReferrerOptions, Store } from './store.js';

export class StoreDecorator implements Store {
  constructor(protected readonly inner: Store) {}

  get kind(): Store['kind'] {
    return this.inner.kind;
  }
  headManifest(ref: Reference): Promise<ManifestHead | undefined> {
    return this.inner.headManifest(ref);
  }
  getManifest(ref: Reference): Promise<FetchedManifest> {
    return this.inner.getManifest(ref);
  }
  putManifest(ref: Reference, bytes: Uint8Array, mediaType: string): Promise<string> {
    return this.inner.putManifest(ref, bytes, mediaType);
  }
  deleteManifest(ref: Reference): Promise<DeleteReceipt | void> {
    return this.inner.deleteManifest(ref);
  }
  headBlob(repo: Reference, digest: string): Promise<number | undefined> {
    return this.inner.headBlob(repo, digest);
  }
  getBlob(repo: Reference, desc: Descriptor): Promise<Readable> {
    return this.inner.getBlob(repo, desc);
  }
  putBlob(repo: Reference, desc: Descriptor, content: BlobContent): Promise<void> {
    return this.inner.putBlob(repo, desc, content);
  }
  mountBlob(repo: Reference, digest: string, from: Reference): Promise<boolean> {
    return this.inner.mountBlob(repo, digest, from);
  }
  listTags(repo: Reference, opts?: ListOptions): Promise<Tag[]> {
    return this.inner.listTags(repo, opts);
  }
  listRepositories(opts?: ListOptions): Promise<string[]> {
    return this.inner.listRepositories(opts);
  }
  listReferrers(ref: Reference, opts?: ReferrerOptions): Promise<Descriptor[]> {
    return this.inner.listReferrers(ref, opts);
  }
  deleteTag(ref: Reference, current?: ManifestHead): Promise<DeleteReceipt | void> {
    return this.inner.deleteTag(ref, current);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A StoreSource view that wraps each store once, so a decorator's state is shared by every caller of one store. */
export function decorateStores(storeFor: (ref: Reference) => Store, wrap: (store: Store) => Store): { storeFor: (ref: Reference) => Store } {
  const wrapped = new Map<Store, Store>();
  return {
    storeFor: (ref) => {
      const store = storeFor(ref);
      let w = wrapped.get(store);
      if (!w) wrapped.set(store, (w = wrap(store)));
      return w;
    },
  };
}
