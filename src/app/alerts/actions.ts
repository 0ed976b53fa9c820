/**
 * What leaders do with an alert: acknowledge, resolve, mark as a false alarm, read details.
 * Only admins and leaders who were shown the alert and whose subtree holds its scope may act;
 * any other attempt is refused, recorded as an AlertEvent and audited.
 *
 * An action covers what the actor can see: every live alert of the same issue group whose scope
 * lies in the actor's subtree (an admin: all of them). So a committee leader's acknowledgement
 * covers the branches below, and a sibling committee's alert goes on escalating and its
 * collaborators are not told. A status change cancels the escalation jobs and unsent cards at
 * once, edits every card showing the alerts to say who took it, and (acknowledge, resolve)
 * tells the reporting collaborators, without names, that leadership took it up.
 */
import { mayAct, transition, type AlertAction, type AlertStatus } from '../../domain/alerts.js';
import { scopeContains, scopeOf } from '../../domain/scope.js';
import { escapeHtml } from '../../domain/text.js';
import type { Member } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import { cardStatus, loadCardView } from './card.js';
import { editAllCards } from './card-edits.js';
import { alertKeys, subjectOf, type AlertsDeps } from './deps.js';
import { cancelPendingJobs, withdrawUnsentCards } from './escalate.js';
import type { AlertRecord } from './ports.js';

export type ActOutcome =
  | { type: 'done'; alert: AlertRecord; alerts: AlertRecord[] }
  | { type: 'details'; text: string }
  | { type: 'refused'; reason: string }
  | { type: 'conflict'; reason: 'already_closed' | 'already_acknowledged'; alert: AlertRecord };

type StatusAction = Exclude<AlertAction, 'details'>;
const EVENT: Record<StatusAction, string> = { ack: 'acknowledged', resolve: 'resolved', false_alarm: 'false_alarm' };

/** Checks that `member` may act on `alertId`; records and audits every refusal. */
export async function authorise(deps: AlertsDeps, member: Member | null, alertId: number, action: AlertAction): Promise<{ ok: true; alert: AlertRecord } | { ok: false; reason: string }> {
  const alert = await deps.alerts.get(alertId);
  const decision = !member
    ? ({ allowed: false, reason: 'stranger' } as const)
    : !alert
      ? ({ allowed: false, reason: 'unknown_alert' } as const)
      : mayAct({
          role: member.role,
          active: member.active,
          alertInSubtree: scopeContains(scopeOf(member), (await deps.units.ancestry(alert.unitId)).map((u) => u.id)),
          notified: await deps.alerts.hasSeen(alert.id, member.id),
        });
  if (decision.allowed && alert) return { ok: true, alert };
  const reason = decision.allowed ? 'unknown_alert' : decision.reason;
  deps.logger.warn({ alertId, memberId: member?.id ?? null, action, reason }, 'alert action refused');
  await deps.audit.record({ actorKind: 'member', actorId: member?.id ?? null, action: `alert.${action}.refused`, entity: 'alert', entityId: alertId, data: { reason }, at: deps.clock() });
  if (alert) await deps.alerts.addEvent(alert.id, 'refused', member?.id ?? null, { action, reason }, deps.clock());
  return { ok: false, reason };
}

/** The one entry point of the buttons and the CLI: authorise, then apply. */
export async function act(deps: AlertsDeps, member: Member | null, alertId: number, action: AlertAction, lang: Language): Promise<ActOutcome> {
  const auth = await authorise(deps, member, alertId, action);
  if (!auth.ok) return { type: 'refused', reason: auth.reason };
  if (action === 'details') return { type: 'details', text: await details(deps, member!, auth.alert, lang) };
  return changeStatus(deps, member!, auth.alert, action);
}

async function changeStatus(deps: AlertsDeps, member: Member, alert: AlertRecord, action: StatusAction): Promise<ActOutcome> {
  const subject = subjectOf(alert);
  const visible = await deps.alerts.liveInScope(subject, scopeOf(member));
  const candidates = visible.filter((a) => transition(a.status, action).ok);
  if (candidates.length === 0) {
    const current = (await deps.alerts.get(alert.id)) ?? alert;
    const t = transition(current.status, action);
    return { type: 'conflict', reason: t.ok ? 'already_acknowledged' : t.reason, alert: current };
  }
  const now = deps.clock();
  const from: AlertStatus[] = action === 'ack' ? ['open'] : ['open', 'acknowledged'];
  const to = (transition(candidates[0]!.status, action) as { ok: true; to: AlertStatus }).to;
  const changed: AlertRecord[] = [];
  for (const target of candidates) {
    const updated = await deps.alerts.changeStatus(target.id, from, to, member.id, now);
    if (!updated) continue; // a racing tap moved it first
    changed.push(updated);
    await cancelPendingJobs(deps, updated);
    await deps.alerts.addEvent(updated.id, EVENT[action], member.id, undefined, now);
    await deps.audit.record({ actorKind: 'member', actorId: member.id, action: `alert.${action}`, entity: 'alert', entityId: updated.id, at: now });
    deps.logger.info({ alertId: updated.id, memberId: member.id, status: to }, 'alert status changed');
  }
  if (changed.length === 0) {
    const current = (await deps.alerts.get(alert.id)) ?? alert;
    return { type: 'conflict', reason: current.status === 'acknowledged' ? 'already_acknowledged' : 'already_closed', alert: current };
  }
  await withdrawUnsentCards(deps, subject, `alert ${to}`);
  await editAllCards(deps, subject, [...new Set(changed.map((a) => a.unitId))]);
  if (action !== 'false_alarm') await tellReporters(deps, changed);
  return { type: 'done', alert: changed.find((a) => a.id === alert.id) ?? changed[0]!, alerts: changed };
}

/** Tells each collaborator whose report the alerts cover that leadership took it up (no names), once per action. */
async function tellReporters(deps: AlertsDeps, alerts: readonly AlertRecord[]): Promise<void> {
  const byMember = new Map<number, { alertId: number; refs: Set<string> }>();
  for (const alert of alerts) {
    for (const r of await deps.alerts.coveredReports([alert.id])) {
      const entry = byMember.get(r.memberId) ?? { alertId: alert.id, refs: new Set<string>() };
      entry.refs.add(r.reference);
      byMember.set(r.memberId, entry);
    }
  }
  for (const [memberId, { alertId, refs }] of byMember) {
    const m = await deps.members.get(memberId);
    if (!m || !m.chatId || !m.active || !m.reachable) continue;
    const lang = m.language ?? 'vi';
    await deps.messages.enqueue({
      idempotencyKey: alertKeys.reporter(alertId, memberId),
      memberId,
      chatId: m.chatId,
      kind: 'notice',
      lane: 'alert',
      method: 'sendMessage',
      payload: { text: deps.t(lang, 'alerts-reporter-taken-up', { references: escapeHtml([...refs].slice(-5).join(', ')) }), parse_mode: 'HTML' },
    });
  }
}

const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** The details view for one reader: the figures, references and history of what their card shows. */
export async function details(deps: AlertsDeps, reader: Member, alert: AlertRecord, lang: Language): Promise<string> {
  const view = await loadCardView(deps, reader, subjectOf(alert), [alert.id]);
  const alerts = view?.alerts ?? [alert];
  const [events, ancestry] = await Promise.all([deps.alerts.events(alerts.map((a) => a.id)), deps.units.ancestry(alert.currentUnitId)]);
  const lines = events.slice(-12).map((e) => deps.t(lang, 'alerts-details-event', { at: minute(e.createdAt), kind: deps.t(lang, `alerts-event-${e.kind.replace('_', '-')}`) }));
  const next = alerts.flatMap((a) => (a.status === 'open' && a.nextEscalationAt ? [a.nextEscalationAt] : [])).sort((a, b) => a.getTime() - b.getTime())[0];
  return deps.t(lang, 'alerts-details', {
    alertId: alert.id,
    status: deps.t(lang, `alerts-status-${cardStatus(alerts).replace('_', '-')}`),
    level: deps.t(lang, `alerts-level-${view?.level ?? alert.level}`),
    reportCount: view?.reportCount ?? alert.reportCount,
    unitCount: view?.unitCount ?? alert.unitCount,
    references: escapeHtml((view?.references ?? []).join(', ')),
    reached: escapeHtml(ancestry[0]?.name ?? '—'),
    step: alert.escalationStep,
    next: next ? `${minute(next)} UTC` : '—',
    history: lines.join('\n'),
  });
}

/** Acknowledge: stops escalation at once and tells the others who took it. */
export const acknowledge = (deps: AlertsDeps, member: Member | null, alertId: number, lang: Language = 'vi') => act(deps, member, alertId, 'ack', lang);
/** Resolve: closes the alert (frees its issue group and scope for a future alert). */
export const resolve = (deps: AlertsDeps, member: Member | null, alertId: number, lang: Language = 'vi') => act(deps, member, alertId, 'resolve', lang);
/** False alarm: closes the alert without telling the reporters. */
export const markFalseAlarm = (deps: AlertsDeps, member: Member | null, alertId: number, lang: Language = 'vi') => act(deps, member, alertId, 'false_alarm', lang);
