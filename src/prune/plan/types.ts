// The prune plan: what every script (run in dry-run) and every declarative policy would delete. A dry run renders
// it; a real run plans and applies only its policies this way (its scripts act as they run, see run.ts).
//
// How a dry run shows a script: one that asked only for tag deletes as its planned deletes (with `protect` applied);
// one that asked for any other write (image.copy, manifest.put, blob.put, image.importTar, a delete by digest) as
// its journal, because what such a script deletes can depend on what it wrote (a mirror script lists the tags it just
// copied), which a dry run cannot know.
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
  /** `plan`: shown (and, for a policy, applied) as `deletes`; `rerun`: a writing script, shown as its journal. */
  apply: 'plan' | 'rerun';
  deletes: PlannedDelete[];
  /** Every write the dry run asked for (scripts only; a policy's are its `deletes`). */
  journal: JournalEntry[];
  /** Planned tag deletes `defaults.protect` holds back: reported, never made. */
  protected: ProtectedDelete[];
  /** Planning failed: the unit applies nothing (a writing script's dry run may fail only for the copies it skipped). */
  error?: string;
}

export interface PrunePlan {
  units: PlanUnit[];
  /** Deletes the plan holds after `protect`, every kind counted: what `maxDeletes` is checked against. */
  deleteCount: number;
  /** Set when the plan is over `maxDeletes`: nothing may be deleted. */
  overLimit?: string;
}
