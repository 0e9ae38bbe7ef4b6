// The stores a prune run writes through: every delete, planned or made by a script run for real, is checked against
// `defaults.protect` (a protected tag is left in place and recorded) and counted against `defaults.maxDeletes` (a
// delete past it fails). Reads and other writes pass through untouched.
import type { StoreSource } from '../../copy/options.js';
import { formatReference, repositoryOf, withTag, type Reference } from '../../oci/reference.js';
import { decorateStores, StoreDecorator } from '../../store/decorator.js';
import type { DeleteReceipt, ManifestHead, Store } from '../../store/store.js';
import { tagsUsingDigest } from '../../store/tag-uses.js';
import type { ProtectPattern } from '../config/types.js';

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

  constructor(
    private readonly inner: StoreSource,
    readonly protect: readonly ProtectPattern[],
    readonly maxDeletes: number | undefined,
  ) {}

  /** The guarded StoreSource to hand to scripts and the plan applier. */
  readonly stores: StoreSource = decorateStores(
    (ref) => this.inner.storeFor(ref),
    (store) => new GuardedStore(store, this),
  );

  get deletesMade(): number {
    return this.made;
  }

  /** Takes one delete from the budget; throws when `maxDeletes` is used up. */
  spend(ref: Reference): void {
    if (this.maxDeletes !== undefined && this.made >= this.maxDeletes) {
      throw new Error(
        `not deleting ${formatReference(ref)}: this run already made ${this.made} deletes, the limit set by defaults.maxDeletes (${this.maxDeletes})`,
      );
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

class GuardedStore extends StoreDecorator {
  constructor(
    store: Store,
    private readonly guard: DeleteGuard,
  ) {
    super(store);
  }

  override async deleteTag(ref: Reference, current?: ManifestHead): Promise<DeleteReceipt | void> {
    if (ref.tag !== undefined && this.guard.holdsTag(ref, ref.tag)) return;
    this.guard.spend(ref);
    return this.inner.deleteTag(ref, current);
  }

  /** A digest delete takes every tag on it: refused, and recorded, when any of them is protected. */
  override async deleteManifest(ref: Reference): Promise<DeleteReceipt | void> {
    if (this.guard.protect.length > 0 && ref.digest !== undefined) {
      const uses = await tagsUsingDigest(this.inner, ref, ref.digest);
      const held = uses.map((u) => u.tag).filter((tag) => this.guard.holdsTag(ref, tag));
      if (held.length > 0) {
        this.guard.protectedRefs.set(formatReference(ref), protectedBy(this.guard.protect, ref, held[0]!)!);
        return;
      }
    }
    this.guard.spend(ref);
    return this.inner.deleteManifest(ref);
  }
}
