/**
 * The escalation ladder in motion. `dispatchStep` reaches the leaders of the unit at one step
 * (0 = the alert's scope unit, then each ancestor) and schedules the next step as a delayed job
 * with a derived id. Every job re-reads the alert first, so an alert acknowledged or closed in
 * the meantime never escalates. A `high` alert reaching a unit inside its quiet hours is held
 * until they end (a `release` job); a `critical` one goes at once.
 *
 * A leader holds ONE card per issue group (card.ts): an alert reaching a leader who already has
 * a live card for its group joins that card (edited, no second message); a leader whose card
 * shows only alerts already taken up gets a new card, so that a new alert is never announced by
 * a silent edit.
 *
 * Every part of a step is idempotent (a card per leader and subject, a delivery per card, a
 * recipient row per alert and leader, derived job ids), and the step is marked dispatched only
 * at its end (`dispatchedStep`): a step interrupted anywhere is simply dispatched again, by the
 * job's retry, the next evaluation of the raising report, or the reconciler (reconcile.ts).
 */
import { escalationDelayMs, unitAtStep } from '../../domain/alerts.js';
import { quietHoursEnd } from '../../domain/quiet-hours.js';
import type { Member, Unit } from '../../domain/types.js';
import { cardStatus, cardVersion, renderReaderCard } from './card.js';
import { scheduleCardEdits } from './card-edits.js';
import { subjectOf, type AlertsDeps } from './deps.js';
import type { AlertJob, AlertRecord, CardRecord } from './ports.js';

/**
 * True when the leader was already alerted, on this card, by another alert still open: the new
 * alert joins that card. Otherwise (every alert that reached them was taken up, or the card
 * only showed alerts of their subtree that had not reached them) the new alert is news and
 * gets a message of its own.
 */
async function alreadyAlerted(deps: AlertsDeps, card: CardRecord, alertId: number): Promise<boolean> {
  const reached = (await deps.alerts.alertsReachedOn(card.id)).filter((id) => id !== alertId);
  return (await deps.alerts.getMany(reached)).some((a) => a.status === 'open');
}

/** Queues the message that sends a card (idempotent by the card's key: a crash before it is healed on retry). */
async function sendCard(deps: AlertsDeps, card: CardRecord, payload: Record<string, unknown>): Promise<void> {
  if (!card.deliveryKey) return;
  await deps.messages.enqueue({ idempotencyKey: card.deliveryKey, memberId: card.memberId, chatId: card.chatId, kind: 'alert', lane: 'alert', method: 'sendMessage', payload });
}

/** Reaches one leader: a new card, or the alert joins the card they hold. Returns whether their card needs an edit. */
async function reachLeader(deps: AlertsDeps, alert: AlertRecord, leader: Member, unitId: number, step: number): Promise<boolean> {
  const subject = subjectOf(alert);
  const held = await deps.alerts.liveCard(subject, leader.id);
  const reachedBefore = held ? (await deps.alerts.alertsReachedOn(held.id)).includes(alert.id) : false;
  if (held && !reachedBefore && !(await alreadyAlerted(deps, held, alert.id))) await deps.alerts.retireCard(held.id, deps.clock());
  const shown = await renderReaderCard(deps, leader, { subject, alertIds: [alert.id] });
  if (!shown) return false;
  const { card, created } = await deps.alerts.openCard({ subject, memberId: leader.id, unitId: leader.unitId, chatId: leader.chatId!, alertIds: [alert.id], sentVersion: cardVersion(shown.rendered) });
  await deps.alerts.addRecipient({ alertId: alert.id, memberId: leader.id, unitId, step, chatId: leader.chatId!, cardId: card.id });
  const { text, reply_markup } = shown.rendered;
  await sendCard(deps, card, { text, parse_mode: 'HTML', reply_markup, link_preview_options: { is_disabled: true } });
  if (created) return false;
  if (!card.alertIds.includes(alert.id)) await deps.alerts.setCardAlerts(card.id, [...card.alertIds, alert.id]);
  return true;
}

/** Reaches every reachable leader of a unit; returns how many. */
async function reachLeaders(deps: AlertsDeps, alert: AlertRecord, unit: Unit, step: number): Promise<number> {
  const leaders = (await deps.members.leadersOf(unit.id)).filter((m) => m.chatId !== null && m.reachable && m.active);
  let edits = false;
  for (const leader of leaders) edits = (await reachLeader(deps, alert, leader, unit.id, step)) || edits;
  if (edits) await scheduleCardEdits(deps, alert, [alert.unitId]);
  // An acknowledgement may have landed while the cards were queued: it withdrew what it saw,
  // this withdraws what it could not see yet.
  const now = await deps.alerts.get(alert.id);
  if (now && now.status !== 'open') await withdrawUnsentCards(deps, subjectOf(alert), `alert ${now.status}`);
  return leaders.length;
}

/**
 * Withdraws cards of a subject still waiting in the delivery queue whose alerts are no longer
 * open (taken up or closed): never sent, never will be.
 */
export async function withdrawUnsentCards(deps: AlertsDeps, subject: string, reason: string): Promise<number> {
  const stale: string[] = [];
  for (const card of await deps.alerts.liveCards(subject)) {
    if (!card.deliveryKey || card.messageId !== null) continue;
    if (cardStatus(await deps.alerts.getMany(card.alertIds)) !== 'open') stale.push(card.deliveryKey);
  }
  return stale.length ? deps.messages.withdraw(stale, reason) : 0;
}

/**
 * How long a dispatch holds its alert's lease. Two dispatches of one alert at once (an
 * escalation job running late while the reconciler takes the step over, a retry next to the
 * first attempt) could otherwise each find the other's fresh card before its recipient row and
 * send a second card. A dispatch that throws drops the lease at once; one whose process died
 * leaves it to lapse, shorter than BullMQ's stalled-job check (30 s) and the reconciler's grace
 * (REDRIVE_GRACE_MS), so neither waits on it.
 */
export const DISPATCH_LEASE_MS = 15_000;

/**
 * Another dispatch of the alert holds its lease (or it is no longer open). Thrown, not
 * swallowed: a job retries with its backoff (by then the other dispatch recorded the step and
 * the retry finds nothing to do, or its dead owner's lease lapsed and the retry dispatches).
 */
export class DispatchBusy extends Error {
  constructor(readonly alertId: number) {
    super(`alert ${alertId}: another dispatch holds the lease, or the alert is no longer open`);
  }
}

/**
 * Reaches step `step` (climbing past units without reachable leaders) unless quiet hours hold
 * a high alert, then schedules the next step. `ignoreQuiet` is set by the release job. Throws
 * DispatchBusy while another dispatch of the same alert holds its lease.
 */
export async function dispatchStep(deps: AlertsDeps, alertId: number, step: number, ignoreQuiet = false): Promise<void> {
  if (!(await deps.alerts.claimDispatch(alertId, deps.clock(), DISPATCH_LEASE_MS))) {
    const alert = await deps.alerts.get(alertId);
    if (!alert || alert.status !== 'open') return;
    throw new DispatchBusy(alertId);
  }
  let recorded = false;
  try {
    recorded = await dispatchClaimed(deps, alertId, step, ignoreQuiet);
  } finally {
    if (!recorded) await deps.alerts.releaseDispatch(alertId).catch(() => undefined);
  }
}

/** The dispatch under the lease; true when it recorded the step (which dropped the lease). */
async function dispatchClaimed(deps: AlertsDeps, alertId: number, step: number, ignoreQuiet: boolean): Promise<boolean> {
  const first = await deps.alerts.get(alertId);
  const ancestry = await deps.units.ancestry(first?.unitId ?? -1);
  for (let s = step; ; s++) {
    const alert = s === step ? first : await deps.alerts.get(alertId);
    if (!alert || alert.status !== 'open') return false;
    const unit = unitAtStep(ancestry, s);
    if (!unit) {
      await deps.alerts.setEscalation(alertId, { step: s - 1, currentUnitId: alert.currentUnitId, nextEscalationAt: null, heldUntil: null, dispatched: true });
      return true;
    }
    const settings = await deps.settings.effective(unit.id);
    const now = deps.clock();
    const quietEnd = alert.level === 'critical' || ignoreQuiet ? null : quietHoursEnd(now, { start: settings.quietStart, end: settings.quietEnd, timeZone: unit.timezone });
    if (quietEnd) {
      await deps.jobs.add({ kind: 'release', alertId, step: s }, { delayMs: Math.max(0, quietEnd.getTime() - now.getTime()) });
      await deps.alerts.setEscalation(alertId, { step: s, currentUnitId: unit.id, nextEscalationAt: null, heldUntil: quietEnd, dispatched: false });
      await deps.alerts.addEvent(alertId, 'held', null, { step: s, unitId: unit.id, until: quietEnd.toISOString() }, now);
      return true;
    }
    const reached = await reachLeaders(deps, alert, unit, s);
    if (s > 0) await deps.alerts.addEvent(alertId, 'escalated', null, { step: s, unitId: unit.id, leaders: reached }, now);
    if (reached === 0) continue;
    const delayMs = escalationDelayMs(alert.level, settings);
    const hasNext = unitAtStep(ancestry, s + 1) !== null;
    if (hasNext) await deps.jobs.add({ kind: 'escalate', alertId, step: s + 1 }, { delayMs });
    await deps.alerts.setEscalation(alertId, { step: s, currentUnitId: unit.id, nextEscalationAt: hasNext ? new Date(now.getTime() + delayMs) : null, heldUntil: null, dispatched: true });
    return true;
  }
}

/** The delayed job's handler: climbs only if the alert is still open and not already there. */
export async function runStepJob(deps: AlertsDeps, job: Extract<AlertJob, { kind: 'escalate' | 'release' }>): Promise<'done' | 'stale'> {
  const alert = await deps.alerts.get(job.alertId);
  if (!alert || alert.status !== 'open') return 'stale';
  if (job.kind === 'escalate' && alert.escalationStep >= job.step) return 'stale';
  await dispatchStep(deps, job.alertId, job.step, job.kind === 'release');
  return 'done';
}

/** Removes every pending escalation and release job of an alert (acknowledged or closed). */
export async function cancelPendingJobs(deps: AlertsDeps, alert: AlertRecord): Promise<void> {
  const depth = (await deps.units.ancestry(alert.unitId)).length;
  const jobs: AlertJob[] = [];
  for (let s = 0; s <= depth; s++) jobs.push({ kind: 'escalate', alertId: alert.id, step: s }, { kind: 'release', alertId: alert.id, step: s });
  await deps.jobs.remove(jobs);
}
