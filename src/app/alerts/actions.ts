/**
 * What leaders do with an alert: acknowledge, resolve, mark as a false alarm, read details.
 * Only admins and notified leaders whose unit is an ancestor-or-self of the alert's unit may
 * act; any other attempt is refused, recorded as an AlertEvent and audited. A status change
 * cancels pending escalation/release jobs and unsent cards at once, edits every recipient's
 * card to say who took it, and (on acknowledge/resolve) tells the reporting collaborators,
 * without names, that leadership has taken it up.
 */
import type { AlertRecord } from '../../db/repositories/alerts-repository.js';
import { mayAct, transition, type AlertAction, type AlertStatus } from '../../domain/alerts.js';
import type { Member } from '../../domain/types.js';
import { escapeHtml } from '../../domain/text.js';
import type { Language } from '../../domain/vocabulary.js';
import { alertKeys, type AlertsDeps } from './deps.js';
import { editAllCards } from './card-edits.js';
import { cancelPendingJobs, cancelUnsentCards } from './escalate.js';

export type ActOutcome =
  | { type: 'done'; alert: AlertRecord }
  | { type: 'details'; text: string }
  | { type: 'refused'; reason: string }
  | { type: 'conflict'; reason: 'already_closed' | 'already_acknowledged'; alert: AlertRecord };

type StatusAction = Exclude<AlertAction, 'details'>;
const EVENT: Record<StatusAction, string> = { ack: 'acknowledged', resolve: 'resolved', false_alarm: 'false_alarm' };

/** Checks that `member` may act on `alertId`; records and audits every refusal. */
export async function authorise(deps: AlertsDeps, member: Member | null, alertId: number, action: AlertAction): Promise<{ ok: true; alert: AlertRecord } | { ok: false; reason: string }> {
  const alert = await deps.repos.alerts.get(alertId);
  const decision = !member
    ? ({ allowed: false, reason: 'stranger' } as const)
    : !alert
      ? ({ allowed: false, reason: 'unknown_alert' } as const)
      : mayAct({
          role: member.role,
          active: member.active,
          alertInSubtree: await deps.repos.units.isInSubtree(member.unitId, alert.unitId),
          notified: await deps.repos.alerts.isRecipient(alert.id, member.id),
        });
  if (decision.allowed && alert) return { ok: true, alert };
  const reason = decision.allowed ? 'unknown_alert' : decision.reason;
  deps.logger.warn({ alertId, memberId: member?.id ?? null, action, reason }, 'alert action refused');
  await deps.repos.audit.record({ actorKind: 'member', actorId: member?.id ?? null, action: `alert.${action}.refused`, entity: 'alert', entityId: alertId, data: { reason }, at: deps.clock() });
  if (alert) await deps.repos.alerts.addEvent(alert.id, 'refused', member?.id ?? null, { action, reason }, deps.clock());
  return { ok: false, reason };
}

/** The one entry point of the buttons and the CLI: authorise, then apply. */
export async function act(deps: AlertsDeps, member: Member | null, alertId: number, action: AlertAction, lang: Language): Promise<ActOutcome> {
  const auth = await authorise(deps, member, alertId, action);
  if (!auth.ok) return { type: 'refused', reason: auth.reason };
  if (action === 'details') return { type: 'details', text: await details(deps, auth.alert, lang) };
  return changeStatus(deps, member!, auth.alert, action);
}

async function changeStatus(deps: AlertsDeps, member: Member, alert: AlertRecord, action: StatusAction): Promise<ActOutcome> {
  const t = transition(alert.status, action);
  if (!t.ok) return { type: 'conflict', reason: t.reason, alert };
  const now = deps.clock();
  const from: AlertStatus[] = action === 'ack' ? ['open'] : ['open', 'acknowledged'];
  const updated = await deps.repos.alerts.changeStatus(alert.id, from, t.to, member.id, now);
  if (!updated) {
    const current = (await deps.repos.alerts.get(alert.id))!;
    return { type: 'conflict', reason: current.status === 'acknowledged' ? 'already_acknowledged' : 'already_closed', alert: current };
  }
  await cancelPendingJobs(deps, updated);
  await cancelUnsentCards(deps, updated.id, `alert ${t.to}`);
  await deps.repos.alerts.addEvent(updated.id, EVENT[action], member.id, undefined, now);
  await deps.repos.audit.record({ actorKind: 'member', actorId: member.id, action: `alert.${action}`, entity: 'alert', entityId: updated.id, at: now });
  deps.logger.info({ alertId: updated.id, memberId: member.id, status: t.to }, 'alert status changed');
  await editAllCards(deps, updated, `s-${t.to}`);
  if (action !== 'false_alarm') await tellReporters(deps, updated);
  return { type: 'done', alert: updated };
}

/** Tells each collaborator whose report the alert covers that leadership took it up (no names). */
async function tellReporters(deps: AlertsDeps, alert: AlertRecord): Promise<void> {
  const covered = await deps.repos.alerts.coveredReports(alert);
  const byMember = new Map<number, string[]>();
  for (const r of covered) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r.reference]);
  for (const [memberId, refs] of byMember) {
    const m = await deps.repos.members.get(memberId);
    if (!m || !m.chatId || !m.active || !m.reachable) continue;
    const lang = m.language ?? 'vi';
    await deps.port.enqueue({
      idempotencyKey: alertKeys.reporter(alert.id, memberId),
      memberId,
      chatId: m.chatId,
      kind: 'notice',
      lane: 'alert',
      method: 'sendMessage',
      payload: { text: deps.t(lang, 'alerts-reporter-taken-up', { references: escapeHtml(refs.slice(-5).join(', ')) }), parse_mode: 'HTML' },
    });
  }
}

/** The details view: figures, references and the history of the alert. */
export async function details(deps: AlertsDeps, alert: AlertRecord, lang: Language): Promise<string> {
  const [covered, events, ancestry] = await Promise.all([
    deps.repos.alerts.coveredReports(alert),
    deps.repos.alerts.events(alert.id),
    deps.repos.units.ancestry(alert.currentUnitId),
  ]);
  const lines = events.slice(-12).map((e) =>
    deps.t(lang, 'alerts-details-event', { at: e.createdAt.toISOString().slice(0, 16).replace('T', ' '), kind: deps.t(lang, `alerts-event-${e.kind.replace('_', '-')}`) }),
  );
  return deps.t(lang, 'alerts-details', {
    alertId: alert.id,
    status: deps.t(lang, `alerts-status-${alert.status.replace('_', '-')}`),
    level: deps.t(lang, `alerts-level-${alert.level}`),
    reportCount: alert.reportCount,
    unitCount: alert.unitCount,
    references: escapeHtml(covered.map((r) => r.reference).join(', ')),
    reached: escapeHtml(ancestry[0]?.name ?? '—'),
    step: alert.escalationStep,
    next: alert.nextEscalationAt ? alert.nextEscalationAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—',
    history: lines.join('\n'),
  });
}

/** Acknowledge: stops escalation at once and tells the others who took it. */
export const acknowledge = (deps: AlertsDeps, member: Member | null, alertId: number, lang: Language = 'vi') => act(deps, member, alertId, 'ack', lang);
/** Resolve: closes the alert (frees its issue group for a future alert). */
export const resolve = (deps: AlertsDeps, member: Member | null, alertId: number, lang: Language = 'vi') => act(deps, member, alertId, 'resolve', lang);
/** False alarm: closes the alert without telling the reporters. */
export const markFalseAlarm = (deps: AlertsDeps, member: Member | null, alertId: number, lang: Language = 'vi') => act(deps, member, alertId, 'false_alarm', lang);
