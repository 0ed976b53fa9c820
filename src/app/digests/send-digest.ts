/**
 * sendDigest and the scheduled runs: one digest per leader per period, built once per unit,
 * rendered in each leader's language, handed to the DeliveryPort (lane 'digest') as HTML
 * messages plus the chart, and recorded in the `Digest` table under
 * `digest-<memberId>-<period>-<periodKey>`. Delivery keys are derived from the same key, so a
 * retried or doubled run enqueues nothing new; a recorded digest is never sent again.
 */
import type { Translate } from '../../domain/translate.js';
import type { DigestModel } from '../../domain/digest/model.js';
import { periodCoveredAt, type PeriodWindow, type ScheduledPeriod } from '../../domain/digest/periods.js';
import { digestHeader, renderDigestMessages, type DigestT } from '../../domain/digest/render.js';
import { lastFireInstant } from '../../domain/digest/schedule.js';
import type { Member, Unit } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import type { Logger } from '../ports/logger.js';
import type { MessageSender } from '../ports/messages.js';
import { buildDigestForWindow, type DigestDeps } from './build-digest.js';
import type { DigestChart, DigestLedger } from './ports.js';

/** buildDigest's deps plus the ledger, the way out and the translator. */
export interface SendDigestDeps extends DigestDeps {
  ledger: DigestLedger;
  delivery: MessageSender;
  chart: DigestChart;
  t: Translate;
  logger?: Logger;
  /** The surveys' section (app/surveys/digest-section.ts), sent after the digest's messages. */
  surveySection?: (leader: Member, window: { from: Date; to: Date }, lang: Language) => Promise<string | null>;
}

export type SendDigestResult =
  | { type: 'sent'; key: string; messages: number; chart: boolean }
  | { type: 'already_sent'; key: string }
  | { type: 'skipped'; key: string; reason: 'inactive' | 'unreachable' };

/** The idempotency key of one leader's digest for one period. */
export function digestKey(memberId: number, period: string, periodKey: string): string {
  return `digest-${memberId}-${period}-${periodKey}`;
}

/** The leader's language bound into a digest translator. */
export function digestTranslator(t: Translate, lang: Language): DigestT {
  return (key, vars) => t(lang, key, vars);
}

/**
 * Sends one built digest to one leader, at most once per period. `charts` caches the PNG per
 * language so that a unit with several leaders renders its chart once per language.
 */
export async function sendDigest(deps: SendDigestDeps, leader: Member, model: DigestModel, charts = new Map<Language, Buffer>()): Promise<SendDigestResult> {
  const key = digestKey(leader.id, model.period, model.key);
  if (!leader.active) return { type: 'skipped', key, reason: 'inactive' };
  if (!leader.reachable) return { type: 'skipped', key, reason: 'unreachable' };
  const claim = await deps.ledger.claim({
    key, memberId: leader.id, unitId: model.unit.id, period: model.period, periodKey: model.key, fromAt: model.from, toAt: model.to,
  });
  if (claim.alreadySent) return { type: 'already_sent', key };
  const lang: Language = leader.language ?? 'vi';
  const t = digestTranslator(deps.t, lang);
  const texts = renderDigestMessages(model, t, lang);
  const chatId = leader.chatId ?? leader.telegramUserId;
  const base = { memberId: leader.id, chatId, kind: 'digest' as const, lane: 'digest' as const };
  for (const [i, text] of texts.entries()) {
    await deps.delivery.enqueue({
      ...base,
      idempotencyKey: `${key}-m${i + 1}`,
      method: 'sendMessage',
      payload: { text, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    });
  }
  const surveys = deps.surveySection ? await deps.surveySection(leader, { from: model.from, to: model.to }, lang) : null;
  if (surveys) {
    await deps.delivery.enqueue({ ...base, idempotencyKey: `${key}-surveys`, method: 'sendMessage', payload: { text: surveys, parse_mode: 'HTML', link_preview_options: { is_disabled: true } } });
  }
  const withChart = model.headline.reports.current > 0;
  if (withChart) {
    const png = charts.get(lang) ?? (await deps.chart.png(model, t, lang));
    charts.set(lang, png);
    await deps.delivery.enqueue({ ...base, idempotencyKey: `${key}-chart`, method: 'sendPhoto', payload: { photoBase64: png.toString('base64'), caption: digestHeader(model, t), parse_mode: 'HTML' } });
  }
  await deps.ledger.markSent(key, { ...model.headline, messages: texts.length }, deps.clock());
  deps.logger?.info({ memberId: leader.id, unitId: model.unit.id, key, messages: texts.length }, 'digest handed to delivery');
  return { type: 'sent', key, messages: texts.length, chart: withChart };
}

/** Builds a unit's digest for a window once and sends it to each of the unit's leaders. */
export async function sendUnitDigests(deps: SendDigestDeps, unit: Unit, window: PeriodWindow): Promise<{ model: DigestModel | null; results: SendDigestResult[] }> {
  const leaders = await deps.members.leadersOf(unit.id);
  if (!leaders.length) return { model: null, results: [] };
  const model = await buildDigestForWindow(deps, unit, window);
  const results: SendDigestResult[] = [];
  const charts = new Map<Language, Buffer>();
  for (const leader of leaders) results.push(await sendDigest(deps, leader, model, charts));
  return { model, results };
}

/**
 * The scheduled run of one unit: the period covered by the latest fire at or before `now`
 * (the previous day / week / month). Used by the scheduler's jobs and by the start-up
 * catch-up alike, so a missed run is sent once when the system is back. With
 * `maxLatenessMs`, a fire older than that is left alone (a stale monthly digest is not news);
 * nor is a period that ended before the unit was created.
 */
export async function runScheduledDigest(deps: SendDigestDeps, unitId: number, period: ScheduledPeriod, opts: { maxLatenessMs?: number } = {}) {
  const none = { model: null, results: [] as SendDigestResult[] };
  const unit = await deps.units.get(unitId);
  if (!unit || !unit.active) return none;
  const now = deps.clock();
  const fireAt = lastFireInstant(period, now, unit.digestTime, unit.timezone);
  if (opts.maxLatenessMs !== undefined && now.getTime() - fireAt.getTime() > opts.maxLatenessMs) return none;
  const window = periodCoveredAt(period, fireAt, unit.timezone);
  // A period that ended before the unit existed has nothing to tell (a fresh deployment's catch-up).
  if (window.to.getTime() <= unit.createdAt.getTime()) return none;
  return sendUnitDigests(deps, unit, window);
}
