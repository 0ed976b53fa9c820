/**
 * Issue-group steps that run inside the analysis transaction (and inside merge/move):
 * choosing a report's group from band-key candidates, and refreshing a group's counters and
 * label from its members. Callers hold the band locks; these functions take the group locks.
 */
import {
  aggregateGroup,
  createGroup,
  findCandidates,
  lockGroups,
  memberTexts,
  writeGroupState,
  type Tx,
} from '../../db/repositories/issue-groups-repository.js';
import { decideGroup, groupLabel, GROUP_THRESHOLDS, type GroupThresholds } from './decide.js';
import type { IdfTable } from './fingerprint.js';

/** The group a report ended in. */
export interface GroupAssignment {
  groupId: number;
  similarity: number | null;
  suggested: boolean;
  created: boolean;
}

/**
 * Attaches the report to the most similar open group of the window, or opens a new group.
 * Only band-key candidates are compared (no scan of the store).
 */
export async function assignGroup(
  tx: Tx,
  q: {
    reportId: number;
    text: string;
    bandKeys: readonly string[];
    since: Date;
    at: Date;
    mainTopic: string | null;
    idf: IdfTable;
    thresholds?: GroupThresholds;
  },
): Promise<GroupAssignment> {
  const candidates = await findCandidates(tx, { bandKeys: q.bandKeys, since: q.since, excludeReportId: q.reportId });
  const decision = decideGroup(q.text, candidates, q.idf, q.thresholds ?? GROUP_THRESHOLDS);
  if (decision.kind === 'attach') {
    const [locked] = await lockGroups(tx, [decision.groupId]);
    if (locked?.status === 'open') {
      return { groupId: decision.groupId, similarity: decision.similarity, suggested: decision.suggested, created: false };
    }
  }
  const groupId = await createGroup(tx, { title: q.text.slice(0, 90) || '—', mainTopic: q.mainTopic, at: q.at });
  return { groupId, similarity: null, suggested: false, created: true };
}

/** How often a growing group's title is recomputed (always while small). */
function shouldRelabel(count: number): boolean {
  return count <= 20 || count % 10 === 0;
}

/**
 * Recomputes a group's counters, units, mood mix, first/last seen and main topic from its
 * members (and its title unless a person edited it). A group left without members is closed
 * (or marked merged by the caller).
 */
export async function refreshGroup(tx: Tx, groupId: number, opts: { forceLabel?: boolean } = {}): Promise<void> {
  const [locked] = await lockGroups(tx, [groupId]);
  if (!locked) return;
  const agg = await aggregateGroup(tx, groupId);
  const relabel = !locked.titleEdited && agg.n > 0 && (opts.forceLabel || shouldRelabel(agg.n));
  const label = relabel ? groupLabel(await memberTexts(tx, groupId)) : null;
  await writeGroupState(tx, groupId, agg, label);
  if (agg.n === 0 && locked.status === 'open') {
    await tx.issueGroup.update({ where: { id: groupId }, data: { status: 'closed' } });
  }
}
