/**
 * What each dashboard page shows, for one viewer. Every read goes through the viewer's scope
 * (`scopeOf`: admins everything, leaders their unit's subtree): the scope is computed here,
 * once, and handed to the read model, so no page can forget it.
 */
import { scopeContains, scopeOf } from '../../domain/scope.js';
import type { Member, Unit } from '../../domain/types.js';
import { addDays, addMonths, localDateOf, startOfLocalDay } from '../../domain/zoned-time.js';
import { loadCardView, type CardView } from '../alerts/card.js';
import { subjectOf } from '../alerts/deps.js';
import type { AlertEventRecord, AlertRecord } from '../alerts/ports.js';
import { scopedTitle } from '../issue-groups/scoped-title.js';
import type { DashboardDeps } from './deps.js';
import type { GroupRow, OverviewData, Period, ReportDetail, ReportPage } from './ports.js';
import { PAGE_SIZE, toFilters, type SearchParams } from './search-query.js';

const DAY = 86_400_000;
export const SILENT_DAYS = 7;
export const PERIODS = [7, 30, 90, 365] as const;
export type PeriodDays = (typeof PERIODS)[number];

/** The viewer's unit (its time zone reads every date); admins without a unit read Vietnam time. */
export async function viewerUnit(deps: DashboardDeps, viewer: Member): Promise<Unit | null> {
  return deps.units.get(viewer.unitId);
}

const tzOf = (u: Unit | null) => u?.timezone ?? 'Asia/Ho_Chi_Minh';

/** The last `days` local days up to today (included) and the same length before. */
export function periodOf(now: Date, days: number, timezone: string): Period {
  const today = localDateOf(now, timezone);
  const to = startOfLocalDay(addDays(today, 1), timezone);
  const from = startOfLocalDay(addDays(today, 1 - days), timezone);
  const prevFrom = startOfLocalDay(addDays(today, 1 - 2 * days), timezone);
  return { from, to, prevFrom, prevTo: from, timezone, bucket: days <= 31 ? 'day' : days <= 120 ? 'week' : 'month' };
}

/** The overview of the viewer's subtree over a period. */
export async function overviewFor(deps: DashboardDeps, viewer: Member, days: PeriodDays): Promise<{ data: OverviewData; period: Period }> {
  const period = periodOf(deps.clock(), days, tzOf(await viewerUnit(deps, viewer)));
  const data = await deps.overview.overview(scopeOf(viewer), period, new Date(deps.clock().getTime() - SILENT_DAYS * DAY));
  return { data, period };
}

/** One page of a search; `params.page` is 1-based. */
export async function searchFor(deps: DashboardDeps, viewer: Member, params: SearchParams): Promise<ReportPage> {
  const filters = toFilters(params, tzOf(await viewerUnit(deps, viewer)));
  return deps.search.search(scopeOf(viewer), filters, { offset: (params.page - 1) * PAGE_SIZE, size: PAGE_SIZE });
}

/** A report of the viewer's scope; the original text only for admins. */
export async function reportFor(deps: DashboardDeps, viewer: Member, id: number): Promise<ReportDetail | null> {
  return deps.search.detail(scopeOf(viewer), id, viewer.role === 'admin');
}

/** The title a viewer may see (app/issue-groups/scoped-title.ts): no words from outside their scope. */
function titleFor(deps: DashboardDeps, viewer: Member, g: GroupRow): Promise<string> {
  return scopedTitle({ title: g.title, outside: g.coversAll ? 0 : 1 }, async () => (await deps.groups.texts(scopeOf(viewer), g.id, 40)).reverse());
}

export async function groupsFor(deps: DashboardDeps, viewer: Member, q: { days: number; page: number }) {
  const now = deps.clock();
  const since = new Date(now.getTime() - q.days * DAY);
  const { rows, hasNext } = await deps.groups.list(scopeOf(viewer), { since, now, offset: (q.page - 1) * PAGE_SIZE, size: PAGE_SIZE });
  const titled = await Promise.all(rows.map(async (g) => ({ ...g, title: await titleFor(deps, viewer, g) })));
  return { rows: titled, hasNext };
}

export async function groupFor(deps: DashboardDeps, viewer: Member, id: number, page: number) {
  const g = await deps.groups.get(scopeOf(viewer), id, deps.clock());
  if (!g) return null;
  const reports = await deps.groups.reports(scopeOf(viewer), id, { offset: (page - 1) * PAGE_SIZE, size: PAGE_SIZE });
  return { group: { ...g, title: await titleFor(deps, viewer, g) }, reports };
}

export async function alertsFor(deps: DashboardDeps, viewer: Member, q: { live: boolean; page: number }) {
  return deps.alertList.list(scopeOf(viewer), { live: q.live, offset: (q.page - 1) * PAGE_SIZE, size: PAGE_SIZE });
}

/** An alert in the viewer's scope: what their card shows and the history of the alerts on it. */
export async function alertFor(deps: DashboardDeps, viewer: Member, id: number): Promise<{ alert: AlertRecord; view: CardView | null; events: AlertEventRecord[]; groupTitle: string | null } | null> {
  const alert = await deps.alerts.alerts.get(id);
  if (!alert) return null;
  const ancestry = await deps.alerts.units.ancestry(alert.unitId);
  if (!scopeContains(scopeOf(viewer), ancestry.map((u) => u.id))) return null;
  const card = await loadCardView(deps.alerts, viewer, subjectOf(alert), [alert.id]);
  // The path from the viewer's own unit down (the chat card names the units from the root).
  const view = card && viewer.role !== 'admin' ? { ...card, unitPath: card.unitPath.slice(ancestry.length - 1 - ancestry.findIndex((u) => u.id === viewer.unitId)) } : card;
  const events = await deps.alerts.alerts.events((view?.alerts ?? [alert]).map((a) => a.id));
  const group = alert.issueGroupId !== null ? await deps.groups.get(scopeOf(viewer), alert.issueGroupId, deps.clock()) : null;
  return { alert, view, events, groupTitle: group ? await titleFor(deps, viewer, group) : null };
}

/** Month bounds of the last 12 local months (oldest first) and the start of the first. */
export function lastTwelveMonths(now: Date, timezone: string): { from: Date; bounds: Date[]; labels: string[] } {
  const today = localDateOf(now, timezone);
  const first = addMonths({ y: today.y, m: today.m, d: 1 }, -11);
  const months = Array.from({ length: 13 }, (_, i) => addMonths(first, i));
  return {
    from: startOfLocalDay(first, timezone),
    bounds: months.map((m) => startOfLocalDay(m, timezone)),
    labels: months.slice(0, 12).map((m) => `${String(m.m).padStart(2, '0')}/${m.y}`),
  };
}

/** Units: the chosen unit (default the viewer's) and its children, with their subtrees' activity. */
export async function unitsFor(deps: DashboardDeps, viewer: Member, unitId: number | null) {
  const tz = tzOf(await viewerUnit(deps, viewer));
  const months = lastTwelveMonths(deps.clock(), tz);
  const silentSince = new Date(deps.clock().getTime() - SILENT_DAYS * DAY);
  const data = await deps.activity.units(scopeOf(viewer), unitId ?? viewer.unitId, months, silentSince);
  if (!data) return null;
  const ancestry = await deps.units.ancestry(data.unit.id); // self → root
  const scope = scopeOf(viewer);
  const cut = scope.kind === 'all' ? ancestry.length : ancestry.findIndex((u) => u.id === scope.unitId) + 1;
  return { ...data, labels: months.labels, crumbs: ancestry.slice(0, cut).reverse() };
}

/** The collaborators and leaders of one unit with their activity. */
export async function membersFor(deps: DashboardDeps, viewer: Member, unitId: number) {
  const tz = tzOf(await viewerUnit(deps, viewer));
  const months = lastTwelveMonths(deps.clock(), tz);
  const rows = await deps.activity.members(scopeOf(viewer), unitId, months);
  if (!rows) return null;
  return { rows, labels: months.labels, unit: await deps.units.get(unitId) };
}

export async function invitesFor(deps: DashboardDeps, viewer: Member, page: number) {
  return deps.invites.list(scopeOf(viewer), { offset: (page - 1) * PAGE_SIZE, size: PAGE_SIZE });
}

/** The units a viewer may pick (filters, invites). */
export async function unitsInScope(deps: DashboardDeps, viewer: Member): Promise<Unit[]> {
  return deps.units.inScope(scopeOf(viewer));
}
