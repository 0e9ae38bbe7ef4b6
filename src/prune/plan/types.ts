// The prune plan: what every script (run in dry-run) and every declarative policy would delete, and how each unit
// is applied afterwards.
//
// The rule for applying: a unit whose dry run asked only for tag deletes is applied from the plan (each delete
// checked first: the tag must still point at the planned digest). A script whose dry run asked for any other write
// (image.copy, manifest.put, blob.put, image.importTar, or a delete by digest) runs again for real instead of being
// replayed, because what it deletes can depend on what it wrote (a mirror script lists the tags it just copied).
// Both paths delete through the same guard: `protect` and `maxDeletes` hold for either.
import type { Reference } from '../../oci/reference.js';
import type { BotPolicy, BotScript } from '../config/types.js';
import type { JournalEntry } from '../types.js';

export interface PlannedDelete {
  /** Formatted reference of the tag, as the journal and the report name it. */
  reference: string;
  ref: Reference;
  /** Absent for an untagged manifest (the `untagged` policy): deleted by digest. */
  tag?: string;
  /** What the tag pointed at when planned; applying refuses a tag that has moved since. */
  digest: string;
  /** Why, for the report: the script and its line, or the policy's rule. */
  reason: string;
  line?: number;
}

export interface ProtectedDelete {
  reference: string;
  ref: Reference;
  digest?: string;
  /** The protect pattern that matched, as written. */
  pattern: string;
}

export type PlanUnitSource = { kind: 'script'; script: BotScript } | { kind: 'policy'; policy: BotPolicy };

export interface PlanUnit {
  name: string;
  source: PlanUnitSource;
  /** `plan`: apply `deletes`; `rerun`: run the script again without dry-run. */
  apply: 'plan' | 'rerun';
  deletes: PlannedDelete[];
  /** Every write the dry run asked for (scripts only; a policy's are its `deletes`). */
  journal: JournalEntry[];
  /** Planned tag deletes `defaults.protect` holds back: reported, never made. */
  protected: ProtectedDelete[];
  /**
   * Planning failed. A `plan` unit then applies nothing; a `rerun` unit still runs for real (its dry run may fail
   * only because the copies it reads back were not made), under the same guard.
   */
  error?: string;
}

export interface PrunePlan {
  units: PlanUnit[];
  /** Deletes the plan holds after `protect`, every kind counted: what `maxDeletes` is checked against. */
  deleteCount: number;
  /** Set when the plan is over `maxDeletes`: nothing may be deleted. */
  overLimit?: string;
}
