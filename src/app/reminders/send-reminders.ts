/**
 * Reminders: a collaborator silent for N days (setting `reminderDays`, inherited down the
 * tree) gets one friendly reminder per period of silence, through the DeliveryPort (lane
 * 'reminder'), never during the unit's quiet hours (it is held until they end). The
 * idempotency key `reminder-<memberId>-<lastActivity>-<period>` makes a rerun a no-op.
 */
import type { Translate } from '../../domain/translate.js';
import type { Clock } from '../../domain/clock.js';
import { nextAllowedInstant, reminderKey } from '../../domain/digest/reminders.js';
import type { Settings } from '../../domain/settings.js';
import type { Language } from '../../domain/vocabulary.js';
import type { Logger } from '../ports/logger.js';
import type { MessageSender } from '../ports/messages.js';

/** An active, reachable collaborator with nothing reported in the last day (the rules decide the rest). */
export interface ReminderCandidate {
  id: number;
  name: string;
  chat_id: string | null;
  telegram_user_id: string;
  language: string | null;
  unit_id: number;
  timezone: string;
  /** Last report (or joining), ms since the epoch. */
  last_ms: number;
}

export interface ReminderReads {
  /** Candidates of the whole organisation, or of one unit's subtree. */
  reminderCandidates(now: Date, unitId: number | null): Promise<ReminderCandidate[]>;
}

export interface ReminderDeps {
  reminders: ReminderReads;
  settings: { effective(unitId: number | null): Promise<Settings> };
  clock: Clock;
  delivery: MessageSender;
  t: Translate;
  logger?: Logger;
}

export interface ReminderSummary {
  candidates: number;
  enqueued: number;
  duplicates: number;
}

const DAY = 86_400_000;

/** Enqueues the reminders due now (optionally only within one unit's subtree). */
export async function sendReminders(deps: ReminderDeps, opts: { unitId?: number } = {}): Promise<ReminderSummary> {
  const now = deps.clock();
  const settingsOf = new Map<number, Promise<Settings>>();
  const summary: ReminderSummary = { candidates: 0, enqueued: 0, duplicates: 0 };
  for (const c of await deps.reminders.reminderCandidates(now, opts.unitId ?? null)) {
    if (!settingsOf.has(c.unit_id)) settingsOf.set(c.unit_id, deps.settings.effective(c.unit_id));
    const settings = await settingsOf.get(c.unit_id)!;
    const key = reminderKey(c.id, new Date(c.last_ms), now, settings.reminderDays, c.timezone);
    if (!key) continue;
    summary.candidates += 1;
    const lang: Language = c.language === 'en' ? 'en' : 'vi';
    const days = Math.floor((now.getTime() - c.last_ms) / DAY);
    const notBefore = nextAllowedInstant(now, c.timezone, settings.quietStart, settings.quietEnd);
    const r = await deps.delivery.enqueue({
      idempotencyKey: key,
      memberId: c.id,
      chatId: BigInt(c.chat_id ?? c.telegram_user_id),
      kind: 'reminder',
      lane: 'reminder',
      method: 'sendMessage',
      payload: { text: deps.t(lang, 'digest-reminder', { name: c.name, days }) },
      ...(notBefore.getTime() > now.getTime() ? { notBefore } : {}),
    });
    if (r.duplicate) summary.duplicates += 1;
    else summary.enqueued += 1;
  }
  deps.logger?.info({ ...summary }, 'reminders checked');
  return summary;
}
