/**
 * A survey's life: opening plans every recipient and delivery row in bulk and queues the
 * invitations in cohorts on the broadcast lane (alerts, a higher lane, always go first), paced
 * at `surveyPerSecond` (or the paid-broadcast pace); closing stops answers; one reminder goes to
 * the reached recipients who have not answered, outside their quiet hours. `tickSurveys` does
 * whatever is due and can run any number of times (each step is claimed in the database).
 */
import type { Clock } from '../../domain/clock.js';
import { nextAllowedInstant } from '../../domain/digest/reminders.js';
import type { Translate } from '../../domain/translate.js';
import { planCohorts } from '../../domain/survey-results.js';
import { surveyText, type Survey } from '../../domain/survey.js';
import { escapeHtml } from '../../domain/text.js';
import { zonedParts } from '../../domain/zoned-time.js';
import type { Logger } from '../ports/logger.js';
import type { MessageSender } from '../ports/messages.js';
import type { InvitePayloads, PlanOutcome, RecordedMessageQueue, SurveyContext, SurveyStore } from './ports.js';

export interface LifecycleDeps extends SurveyContext {
  surveys: SurveyStore;
  queue: RecordedMessageQueue;
  delivery: MessageSender;
  t: Translate;
  clock: Clock;
  logger?: Logger;
}

/** The button that starts answering: `sv:<surveyId>:go`. */
export const startButtonData = (surveyId: number) => `sv:${surveyId}:go`;

/** "DD/MM/YYYY HH:MM" in a zone. */
export function displayDateTime(at: Date, tz: string): string {
  const p = zonedParts(at, tz);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.d)}/${two(p.m)}/${p.y} ${two(p.hh)}:${two(p.mm)}`;
}

/** The invitation in both languages (`paid`: sent as a paid broadcast). */
export function invitePayloads(t: Translate, s: Survey, tz: string, paid: boolean): InvitePayloads {
  const one = (lang: 'vi' | 'en') => {
    const { title, intro } = surveyText(s, lang);
    return {
      text: t(lang, 'survey-invite', { title: escapeHtml(title), intro: escapeHtml(intro), closes: displayDateTime(s.closesAt, tz), questions: s.questions.length }),
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: t(lang, 'survey-btn-start'), callback_data: startButtonData(s.id) }]] },
      ...(paid ? { allow_paid_broadcast: true } : {}),
    };
  };
  return { vi: one('vi'), en: one('en') };
}

/** Opens a survey now: plans it (once) and queues its cohorts. */
export async function openSurvey(deps: LifecycleDeps, id: number): Promise<PlanOutcome | null> {
  const now = deps.clock();
  const survey = await deps.surveys.get(id);
  if (!survey || survey.status === 'closed' || survey.closesAt.getTime() <= now.getTime()) return null;
  const unit = await deps.units.get(survey.unitId);
  const settings = await deps.settings.effective(survey.unitId);
  const paid = survey.paidBroadcast && settings.surveyPaidBroadcast === 1;
  const perSecond = paid ? settings.surveyPaidPerSecond : settings.surveyPerSecond;
  const cohorts = planCohorts(1, perSecond);
  if (survey.status !== 'open') await deps.surveys.setStatus(id, 'open', now);
  const opened = { ...survey, status: 'open' as const, opensAt: survey.opensAt.getTime() > now.getTime() ? now : survey.opensAt };
  const plan = await deps.surveys.plan(
    {
      survey: opened,
      cohortSize: cohorts.size,
      cohortMs: cohorts.intervalMs,
      minGroupSize: settings.surveyMinGroupSize,
      payloads: invitePayloads(deps.t, opened, unit?.timezone ?? 'Asia/Ho_Chi_Minh', paid),
    },
    now,
  );
  await releaseCohorts(deps, id);
  deps.logger?.info({ surveyId: id, recipients: plan.recipients, unreachable: plan.unreachable, cohorts: plan.cohorts, paid }, 'survey opened');
  return plan;
}

/** How far ahead of its time a cohort is handed to the queue (delayed to its time): a little more than a tick. */
export const RELEASE_AHEAD_MS = 45_000;

/**
 * Hands the cohorts due by now + RELEASE_AHEAD_MS to the delivery queue, each delayed to its
 * time: the queue never holds much more than a cohort of survey messages, so planning 50,000
 * queues only the first cohorts and the ticker releases the rest as their time comes.
 */
export async function releaseCohorts(deps: Pick<LifecycleDeps, 'surveys' | 'queue' | 'clock'>, id: number): Promise<number> {
  const st = await deps.surveys.cohortState(id);
  if (!st || st.released >= st.cohorts) return 0;
  const due = Math.min(st.cohorts, Math.floor((deps.clock().getTime() + RELEASE_AHEAD_MS - st.plannedAt.getTime()) / st.cohortMs) + 1);
  if (due <= st.released) return 0;
  const rows = await deps.surveys.cohortDeliveries(id, st.released, due - 1);
  await deps.queue.queueRecorded(
    rows.map((d) => ({ deliveryId: d.deliveryId, notBefore: new Date(st.plannedAt.getTime() + d.cohort * st.cohortMs) })),
    'broadcast',
  );
  await deps.surveys.markReleased(id, st.released, due);
  return rows.length;
}

/** Closes a survey now (answers stop; results stay). */
export async function closeSurvey(deps: Pick<LifecycleDeps, 'surveys' | 'clock' | 'logger'>, id: number): Promise<boolean> {
  const s = await deps.surveys.get(id);
  if (!s || s.status === 'closed') return false;
  await deps.surveys.setStatus(id, 'closed', deps.clock());
  deps.logger?.info({ surveyId: id }, 'survey closed');
  return true;
}

/** The one reminder of a survey: to each reached recipient who has not answered, held outside quiet hours. */
export async function remindSurvey(deps: LifecycleDeps, id: number): Promise<number> {
  const now = deps.clock();
  const survey = await deps.surveys.get(id);
  if (!survey || survey.status !== 'open' || !(await deps.surveys.claimReminders(id, now))) return 0;
  const settings = new Map<number, Awaited<ReturnType<LifecycleDeps['settings']['effective']>>>();
  let sent = 0;
  for (const r of await deps.surveys.reminderTargets(id)) {
    if (!settings.has(r.unitId)) settings.set(r.unitId, await deps.settings.effective(r.unitId));
    const st = settings.get(r.unitId)!;
    const notBefore = nextAllowedInstant(now, r.timezone, st.quietStart, st.quietEnd);
    if (notBefore.getTime() >= survey.closesAt.getTime()) continue;
    const { title } = surveyText(survey, r.language);
    await deps.delivery.enqueue({
      idempotencyKey: `survey-${id}-reminder-m${r.memberId}`,
      memberId: r.memberId,
      chatId: r.chatId,
      kind: 'reminder',
      lane: 'reminder',
      method: 'sendMessage',
      payload: {
        text: deps.t(r.language, 'survey-reminder', { title: escapeHtml(title), closes: displayDateTime(survey.closesAt, r.timezone) }),
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: deps.t(r.language, 'survey-btn-start'), callback_data: startButtonData(id) }]] },
      },
      ...(notBefore.getTime() > now.getTime() ? { notBefore } : {}),
    });
    sent += 1;
  }
  deps.logger?.info({ surveyId: id, reminders: sent }, 'survey reminders queued');
  return sent;
}

/** Does what is due: opens scheduled surveys, sends due reminders, closes what has ended. */
export async function tickSurveys(deps: LifecycleDeps): Promise<{ opened: number; reminded: number; closed: number; released: number }> {
  const now = deps.clock();
  const out = { opened: 0, reminded: 0, closed: 0, released: 0 };
  for (const id of await deps.surveys.dueToClose(now)) if (await closeSurvey(deps, id)) out.closed += 1;
  for (const id of await deps.surveys.dueToOpen(now)) if (await openSurvey(deps, id)) out.opened += 1;
  for (const id of await deps.surveys.dueReminders(now)) out.reminded += await remindSurvey(deps, id);
  for (const id of await deps.surveys.releasing()) out.released += await releaseCohorts(deps, id);
  return out;
}
