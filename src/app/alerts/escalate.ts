/**
 * The escalation ladder in motion. `dispatchStep` notifies the leaders of the unit at one step
 * (0 = the alert's unit, then each ancestor) and schedules the next step as a delayed job on
 * the `alerts` queue with a deterministic id. Every job re-reads the alert first, so an alert
 * acknowledged or closed in the meantime never escalates. A `high` alert reaching a unit inside
 * its quiet hours is held until they end (a `release` job), a `critical` one goes at once.
 */
import type { AlertRecord } from '../../db/repositories/alerts-repository.js';
import { escalationDelayMs, unitAtStep } from '../../domain/alerts.js';
import { quietHoursEnd } from '../../domain/quiet-hours.js';
import type { Settings } from '../../domain/settings.js';
import { cardsByLanguage, loadCardContext, type CardContext } from './card.js';
import { alertJobIds, alertKeys, type AlertsDeps } from './deps.js';
import { deliveryJobId } from '../../delivery/service.js';

export interface StepJob {
  kind: 'escalate' | 'release';
  alertId: number;
  step: number;
}

const JOB_OPTS = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };

async function schedule(deps: AlertsDeps, job: StepJob, at: Date): Promise<void> {
  const id = job.kind === 'escalate' ? alertJobIds.escalate(job.alertId, job.step) : alertJobIds.release(job.alertId, job.step);
  const delay = Math.max(0, at.getTime() - deps.clock().getTime());
  await deps.alertsQueue.add(job.kind, job, { ...JOB_OPTS, jobId: id, delay });
}

/** Sends the card to every reachable leader of `unitId` not yet notified; returns how many. */
async function notifyLeaders(deps: AlertsDeps, alert: AlertRecord, unitId: number, step: number, known: Partial<CardContext>): Promise<number> {
  const leaders = (await deps.repos.members.leadersOf(unitId)).filter((m) => m.chatId !== null && m.reachable);
  if (leaders.length === 0) return 0;
  const cardFor = cardsByLanguage(deps, alert, await loadCardContext(deps, alert, known));
  for (const leader of leaders) {
    await deps.repos.alerts.addRecipient({ alertId: alert.id, memberId: leader.id, unitId, step, chatId: leader.chatId! });
    const card = cardFor(leader.language ?? 'vi');
    await deps.port.enqueue({
      idempotencyKey: alertKeys.card(alert.id, leader.id),
      memberId: leader.id,
      chatId: leader.chatId!,
      kind: 'alert',
      lane: 'alert',
      method: 'sendMessage',
      payload: { text: card.text, parse_mode: 'HTML', reply_markup: card.reply_markup, link_preview_options: { is_disabled: true } },
    });
  }
  // An acknowledgement may have landed while we were enqueuing: it cancels what it saw, we
  // cancel what it could not see yet.
  const now = await deps.repos.alerts.get(alert.id);
  if (now && now.status !== 'open') await cancelUnsentCards(deps, alert.id, 'alert no longer open');
  return leaders.length;
}

/** Withdraws alert cards still waiting in the delivery queue (never sent, never will be). */
export async function cancelUnsentCards(deps: AlertsDeps, alertId: number, reason: string): Promise<number> {
  const pending = await deps.repos.deliveries.pendingWithPrefix(`${alertKeys.prefix(alertId)}m-`, ['alert']);
  for (const d of pending) {
    await deps.repos.deliveries.markFailed(d.id, null, `cancelled: ${reason}`);
    await deps.deliveryQueue?.remove(deliveryJobId(d.id)).catch(() => 0);
  }
  return pending.length;
}

/**
 * What the caller of `dispatchStep` already holds (the raise path: the alert it just created,
 * the settings of its unit, the card's report and references), so as not to read it again.
 * The alert is re-read after the cards are queued, so a concurrent acknowledgement still wins.
 */
export interface KnownAtDispatch {
  alert?: AlertRecord;
  settings?: { unitId: number; settings: Settings };
  card?: Partial<CardContext>;
}

/**
 * Notifies step `step` (climbing past units without reachable leaders) unless quiet hours hold
 * a high alert, then schedules the next step. `ignoreQuiet` is set by the release job.
 */
export async function dispatchStep(deps: AlertsDeps, alertId: number, step: number, ignoreQuiet = false, known: KnownAtDispatch = {}): Promise<void> {
  const first = known.alert ?? (await deps.repos.alerts.get(alertId));
  const ancestry = await deps.repos.units.ancestry(first?.unitId ?? -1);
  for (let s = step; ; s++) {
    const alert = s === step ? first : await deps.repos.alerts.get(alertId);
    if (!alert || alert.status !== 'open') return;
    const unit = unitAtStep(ancestry, s);
    if (!unit) {
      await deps.repos.alerts.setEscalation(alertId, { step: s - 1, currentUnitId: alert.currentUnitId, nextEscalationAt: null });
      return;
    }
    const settings = known.settings?.unitId === unit.id ? known.settings.settings : await deps.repos.settings.effective(unit.id);
    const now = deps.clock();
    const quietEnd = alert.level === 'critical' || ignoreQuiet ? null : quietHoursEnd(now, { start: settings.quietStart, end: settings.quietEnd, timeZone: unit.timezone });
    if (quietEnd) {
      await schedule(deps, { kind: 'release', alertId, step: s }, quietEnd);
      await deps.repos.alerts.setEscalation(alertId, { step: s, currentUnitId: unit.id, nextEscalationAt: null, heldUntil: quietEnd });
      await deps.repos.alerts.addEvent(alertId, 'held', null, { step: s, unitId: unit.id, until: quietEnd.toISOString() }, now);
      return;
    }
    const sent = await notifyLeaders(deps, alert, unit.id, s, { ...known.card, ancestry });
    if (s > 0) await deps.repos.alerts.addEvent(alertId, 'escalated', null, { step: s, unitId: unit.id, leaders: sent }, now);
    if (sent === 0) continue;
    const next = new Date(now.getTime() + escalationDelayMs(alert.level, settings));
    const hasNext = unitAtStep(ancestry, s + 1) !== null;
    if (hasNext) await schedule(deps, { kind: 'escalate', alertId, step: s + 1 }, next);
    await deps.repos.alerts.setEscalation(alertId, { step: s, currentUnitId: unit.id, nextEscalationAt: hasNext ? next : null, heldUntil: null });
    return;
  }
}

/** The delayed job's handler: climbs only if the alert is still open and not already there. */
export async function runStepJob(deps: AlertsDeps, job: StepJob): Promise<'done' | 'stale'> {
  const alert = await deps.repos.alerts.get(job.alertId);
  if (!alert || alert.status !== 'open') return 'stale';
  if (job.kind === 'escalate' && alert.escalationStep >= job.step) return 'stale';
  await dispatchStep(deps, job.alertId, job.step, job.kind === 'release');
  return 'done';
}

/** Removes every pending escalation and release job of an alert (acknowledged or closed). */
export async function cancelPendingJobs(deps: AlertsDeps, alert: AlertRecord): Promise<void> {
  const depth = (await deps.repos.units.ancestry(alert.unitId)).length;
  const ids: string[] = [];
  for (let s = 0; s <= depth; s++) ids.push(alertJobIds.escalate(alert.id, s), alertJobIds.release(alert.id, s));
  await Promise.all(ids.map((id) => deps.alertsQueue.remove(id).catch(() => 0)));
}
