/**
 * Issue-group steps that run inside the analysis transaction (and inside merge/move):
 * choosing a report's group from band-key candidates, and refreshing a group's counters and
 * label from its members. Callers hold the band locks; these functions take the group locks.
 */
import { decideGroup, groupLabel, GROUP_THRESHOLDS, type GroupThresholds } from './decide.js';
import { lookupBandKeys, type IdfTable } from './fingerprint.js';
import type { FirstMember, GroupingTx } from './ports.js';

/** The group a report ended in. */
export interface GroupAssignment {
  groupId: number;
  similarity: number | null;
  suggested: boolean;
  created: boolean;
  /** The group row is already locked by this transaction. */
  locked: boolean;
}

/**
 * Attaches the report to the most similar open group of the window, or opens a new group.
 * Only band-key candidates are compared (no scan of the store).
 */
export async function assignGroup(
  tx: GroupingTx,
  q: {
    reportId: number;
    text: string;
    /** The report's band keys (unbucketed); candidates are looked up in every week of the window. */
    bandKeys: readonly string[];
    since: Date;
    first: Omit<FirstMember, 'title' | 'topTerms'>;
    idf: IdfTable;
    thresholds?: GroupThresholds;
  },
): Promise<GroupAssignment> {
  const lookup = lookupBandKeys(q.bandKeys, q.since, q.first.at);
  const candidates = await tx.findCandidates({ bandKeys: lookup, since: q.since, excludeReportId: q.reportId });
  const decision = decideGroup(q.text, candidates, q.idf, q.thresholds ?? GROUP_THRESHOLDS);
  if (decision.kind === 'attach') {
    const [locked] = await tx.lockGroups([decision.groupId]);
    if (locked?.status === 'open') {
      return { groupId: decision.groupId, similarity: decision.similarity, suggested: decision.suggested, created: false, locked: true };
    }
  }
  const groupId = await tx.createGroup({ ...q.first, ...groupLabel([q.text]) });
  return { groupId, similarity: null, suggested: false, created: true, locked: true };
}

/** When a growing group's title is recomputed: while tiny, then at 4, 8, 16… and every 25th report. */
function shouldRelabel(count: number): boolean {
  return count <= 3 || (count & (count - 1)) === 0 || count % 25 === 0;
}

/**
 * Recomputes a group's counters, units, mood mix, first/last seen and main topic from its
 * members (and its title unless a person edited it). A group left without members is closed
 * (or marked merged by the caller).
 */
export async function refreshGroup(tx: GroupingTx, groupId: number, opts: { forceLabel?: boolean; locked?: boolean } = {}): Promise<void> {
  if (!opts.locked) await tx.lockGroups([groupId]);
  const state = await tx.refreshCounters(groupId);
  if (!state) return;
  if (!state.titleEdited && state.n > 0 && (opts.forceLabel || shouldRelabel(state.n))) {
    await tx.writeLabel(groupId, groupLabel(await tx.memberTexts(groupId)));
  }
  if (state.n === 0 && state.status === 'open') await tx.setGroupStatus(groupId, 'closed');
}
