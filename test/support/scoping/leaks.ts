/**
 * What a member received, and whether any of it lies outside their scope. Collects every text
 * the fake Bot API sent to the member's chat (messages, edits, photo captions), then checks
 * that every report reference, report token, unit name and count it holds belongs to the
 * member's scope: an admin sees everything; a leader their unit's subtree (and the names of
 * the units above them, their own path); a collaborator their own reports.
 */
import type { FakeBotApi } from '../../../src/fake-telegram/index.js';
import type { Unit } from '../../../src/domain/types.js';
import type { WorldMember } from './world.js';

export interface TracedReport {
  id: number;
  reference: string;
  /** The unique token written into the report's text. */
  token: string;
  unitId: number;
  memberId: number;
}

/** Everything the fake Bot API sent to one chat, as text. */
export function receivedBy(api: FakeBotApi, chatId: bigint): string[] {
  return api.calls
    .filter((c) => c.ok && String(c.payload.chat_id) === String(chatId))
    .flatMap((c) => [c.payload.text, c.payload.caption].filter((x): x is string => typeof x === 'string'));
}

/** The ids of a unit's subtree. */
export function subtreeIds(units: readonly Unit[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) {
      if (u.parentId === null || !ids.has(u.parentId) || ids.has(u.id)) continue;
      ids.add(u.id);
      grew = true;
    }
  }
  return ids;
}

/** The problems found in what `m` received; empty when everything belongs to their scope. */
export function findLeaks(m: WorldMember, texts: readonly string[], units: readonly Unit[], reports: readonly TracedReport[]): string[] {
  const all = texts.join('\n');
  const problems: string[] = [];
  const inSubtree = m.role === 'admin' ? new Set(units.map((u) => u.id)) : subtreeIds(units, m.unitId);
  const mayNameUnit = new Set([...inSubtree, ...(m.role === 'admin' ? [] : m.unit.path)]);
  const mayRead = (r: TracedReport) => (m.role === 'collaborator' ? r.memberId === m.id : inSubtree.has(r.unitId));
  for (const r of reports) {
    if (mayRead(r)) continue;
    if (all.includes(r.reference)) problems.push(`reference ${r.reference} (unit ${r.unitId}) reached member ${m.id} (${m.role} of unit ${m.unitId})`);
    if (all.includes(r.token)) problems.push(`text of ${r.reference} (token ${r.token}, unit ${r.unitId}) reached member ${m.id} (${m.role} of unit ${m.unitId})`);
  }
  for (const u of units) if (!mayNameUnit.has(u.id) && all.includes(u.name)) problems.push(`unit name "${u.name}" reached member ${m.id} (${m.role} of unit ${m.unitId})`);
  const readable = reports.filter(mayRead);
  const readableUnits = new Set(readable.map((r) => r.unitId)).size;
  for (const [pattern, what] of [
    [/Reports:<\/b> (\d+) from (\d+) unit/g, 'alert card'],
    [/(\d+) reports, (\d+) units/g, 'digest line'],
  ] as const) {
    for (const match of all.matchAll(pattern)) {
      const [n, u] = [Number(match[1]), Number(match[2])];
      if (n > Math.max(1, readable.length)) problems.push(`${what} counts ${n} reports; member ${m.id} may see ${readable.length}`);
      if (u > Math.max(1, readableUnits)) problems.push(`${what} counts ${u} units; member ${m.id}'s readable reports come from ${readableUnits}`);
    }
  }
  for (const match of all.matchAll(/Reports: (\d+)\b/g)) {
    if (Number(match[1]) > readable.length) problems.push(`digest headline counts ${match[1]} reports; member ${m.id} may see ${readable.length}`);
  }
  return problems;
}
