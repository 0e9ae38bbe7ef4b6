// The plan and its outcome in the one result model: would-delete / deleted / failed / excluded (protected), each
// with its digest and a reason naming the script (and line) or policy it came from.
import { imageAt, locationText, type OperationResult, type OperationStatus, type ResultDetails } from '../../report/result.js';
import type { DeleteReceipt } from '../../store/store.js';
import { journalToResults } from '../lua/journal.js';
import type { PlanUnit, PlannedDelete, ProtectedDelete } from './types.js';
import type { JournalEntry } from '../types.js';
import { scriptReason } from './build.js';

/** What names a result's script or policy. */
type UnitName = Pick<PlanUnit, 'name' | 'source'>;

function unitDetails(unit: UnitName, line?: number): ResultDetails {
  const at = line !== undefined ? { line } : {};
  return unit.source.kind === 'script' ? { kind: 'script', script: unit.name, ...at } : { kind: 'policy', policy: unit.name, ...at };
}

/** `receipt`: the store's account of the delete; GitHub Packages version ids go in the details, for restore. */
export function deleteResult(unit: PlanUnit, d: PlannedDelete, status: OperationStatus, why?: string, receipt?: DeleteReceipt | void): OperationResult {
  return {
    op: d.tag === undefined ? 'image-delete' : 'tag-delete',
    status,
    target: imageAt(d.ref),
    digest: d.digest,
    bytes: 0,
    reason: why === undefined ? d.reason : `${why} (${d.reason})`,
    details: { ...unitDetails(unit, d.line), ...(receipt ? { githubVersionIds: receipt.githubVersionIds } : {}) },
  };
}

export function protectedResult(unit: PlanUnit, p: ProtectedDelete): OperationResult {
  return {
    op: 'tag-delete',
    status: 'excluded',
    target: imageAt(p.ref),
    ...(p.digest !== undefined ? { digest: p.digest } : {}),
    bytes: 0,
    reason: `protected by defaults.protect "${p.pattern}" (${unit.source.kind} "${unit.name}")`,
    details: unitDetails(unit),
  };
}

export function unitFailure(unit: UnitName, error: string): OperationResult {
  return { op: 'prune', status: 'failed', target: { kind: 'rule', name: unit.name }, bytes: 0, reason: error, details: unitDetails(unit) };
}

/** A script's journal as results; writes the guard held back become `excluded`. */
export function scriptResults(unit: UnitName, journal: readonly JournalEntry[], held: ReadonlyMap<string, string>): OperationResult[] {
  return journalToResults(unit.name, journal).map((r, i) => {
    const pattern = held.get(locationText(journal[i]!.target));
    if (pattern !== undefined)
      return { ...r, status: 'excluded' as const, reason: `protected by defaults.protect "${pattern}" (${scriptReason(unit.name, journal[i]!.line)})` };
    return r.reason === undefined ? { ...r, reason: scriptReason(unit.name, journal[i]!.line) } : r;
  });
}

/** What the plan would do: the whole report of a dry run, and what an aborted run shows. */
export function planResults(units: readonly PlanUnit[]): OperationResult[] {
  const out: OperationResult[] = [];
  for (const unit of units) {
    if (unit.apply === 'rerun') {
      const held = new Map(unit.protected.map((p) => [p.reference, p.pattern]));
      out.push(...scriptResults(unit, unit.journal, held));
    } else {
      out.push(...unit.deletes.map((d) => deleteResult(unit, d, 'would-delete')), ...unit.protected.map((p) => protectedResult(unit, p)));
    }
    if (unit.error !== undefined) out.push(unitFailure(unit, unit.error));
  }
  return out;
}
