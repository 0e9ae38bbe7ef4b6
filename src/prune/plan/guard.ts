// The stores a prune run writes through: every delete, planned or made by a script run for real, is checked against
// `defaults.protect` (a protected tag is left in place and recorded) and counted against `defaults.maxDeletes` (a
// delete past it fails). Reads and other writes pass through untouched.
import type { Readable } from 'node:stream';
import type { StoreSource } from '../../copy/options.js';
import type { Descriptor } from '../../oci/manifest.js';
import { formatReference, repositoryOf, withTag, type Reference } from '../../oci/reference.js';
import type { DeleteReceipt, FetchedManifest, ListOptions, ManifestHead, ReferrerOptions, Store } from '../../store/store.js';
import type { ProtectPattern } from '../config/types.js';
import { Journal } from '../lua/journal.js';
import { tagsUsingDigest } from '../lua/safety.js';

/** The pattern protecting a tag, tried on the tag, `repository:tag` and the full reference. */
export function protectedBy(patterns: readonly ProtectPattern[], ref: Reference, tag: string): ProtectPattern | undefined {
  if (patterns.length === 0) return undefined;
  const full = formatReference(withTag(repositoryOf(ref), tag));
  const spellings = [tag, ref.scheme === 'registry' ? `${ref.repository}:${tag}` : full, full];
  return patterns.find((p) => spellings.some((s) => p.regex.test(s)));
}

export class DeleteGuard {
  /** Formatted references left in place, with the pattern that protected them. */
  readonly protectedRefs = new Map<string, ProtectPattern>();
  private made = 0;
  private readonly wrapped = new Map<Store, Store>();

  constructor(
    private readonly inner: StoreSource,
    readonly protect: readonly ProtectPattern[],
    readonly maxDeletes: number | undefined,
  ) {}

  /** The guarded StoreSource to hand to scripts and the plan applier. */
  readonly stores: StoreSource = {
    storeFor: (ref) => {
      const store = this.inner.storeFor(ref);
      let guarded = this.wrapped.get(store);
      if (!guarded) this.wrapped.set(store, (guarded = new GuardedStore(store, this)));
      return guarded;
    },
  };

  /** Takes one delete from the budget; throws when `maxDeletes` is used up. */
  spend(ref: Reference): void {
    if (this.maxDeletes !== undefined && this.made >= this.maxDeletes) {
      throw new Error(`not deleting ${formatReference(ref)}: this run already made ${this.made} deletes, the limit set by defaults.maxDeletes (${this.maxDeletes})`);
    }
    this.made++;
  }

  /** Records and returns true when the tag is protected. */
  holdsTag(ref: Reference, tag: string): boolean {
    const p = protectedBy(this.protect, ref, tag);
    if (p) this.protectedRefs.set(formatReference(withTag(repositoryOf(ref), tag)), p);
    return p !== undefined;
  }
}

class GuardedStore implements Store {
  constructor(
    private readonly store: Store,
    private readonly guard: DeleteGuard,
  ) {}

  get kind(): Store['kind'] {
    return this.store.kind;
  }

  async deleteTag(ref: Reference, current?: ManifestHead): Promise<DeleteReceipt | void> {
    if (ref.tag !== undefined && this.guard.holdsTag(ref, ref.tag)) return;
    this.guard.spend(ref);
    return this.store.deleteTag(ref, current);
  }

  /** A digest delete takes every tag on it: refused, and recorded, when any of them is protected. */
  async deleteManifest(ref: Reference): Promise<DeleteReceipt | void> {
    if (this.guard.protect.length > 0 && ref.digest !== undefined) {
      const users = await tagsUsingDigest(this.store, ref, ref.digest, new Set(), new Journal());
      // tagsUsingDigest names a tag reaching the digest through an index as "tag (through its index …)".
      const held = users.map((u) => u.split(' ')[0]!).filter((tag) => this.guard.holdsTag(ref, tag));
      if (held.length > 0) {
        this.guard.protectedRefs.set(formatReference(ref), protectedBy(this.guard.protect, ref, held[0]!)!);
        return;
      }
    }
    this.guard.spend(ref);
    return this.store.deleteManifest(ref);
  }

  headManifest(ref: Reference): Promise<ManifestHead | undefined> {
    return this.store.headManifest(ref);
  }
  getManifest(ref: Reference): Promise<FetchedManifest> {
    return this.store.getManifest(ref);
  }
  putManifest(ref: Reference, bytes: Uint8Array, mediaType: string): Promise<string> {
    return this.store.putManifest(ref, bytes, mediaType);
  }
  headBlob(repo: Reference, digest: string): Promise<number | undefined> {
    return this.store.headBlob(repo, digest);
  }
  getBlob(repo: Reference, desc: Descriptor): Promise<Readable> {
    return this.store.getBlob(repo, desc);
  }
  putBlob(repo: Reference, desc: Descriptor, content: Readable): Promise<void> {
    return this.store.putBlob(repo, desc, content);
  }
  mountBlob(repo: Reference, digest: string, from: Reference): Promise<boolean> {
    return this.store.mountBlob(repo, digest, from);
  }
  listTags(repo: Reference, opts?: ListOptions): Promise<string[]> {
    return this.store.listTags(repo, opts);
  }
  listRepositories(opts?: ListOptions): Promise<string[]> {
    return this.store.listRepositories(opts);
  }
  listReferrers(ref: Reference, opts?: ReferrerOptions): Promise<Descriptor[]> {
    return this.store.listReferrers(ref, opts);
  }
  close(): Promise<void> {
    return this.store.close();
  }
}
