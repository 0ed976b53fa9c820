/**
 * Renders an alert card for one reader in their language: Telegram HTML (every free text
 * escaped in domain/alerts) with the buttons that fit the alert's status.
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { AlertRecord } from '../../db/repositories/alerts-repository.js';
import { alertCardVars, encodeAlertCallback, formatReasons, parseReasons, type AlertAction } from '../../domain/alerts.js';
import type { Language } from '../../domain/vocabulary.js';
import type { AlertsDeps } from './deps.js';

export interface RenderedCard {
  text: string;
  reply_markup: InlineKeyboardMarkup;
}

/** A translation, or `fallback` when the key is missing (Fluent returns the key itself). */
function tOr(deps: AlertsDeps, lang: Language, key: string, fallback: string): string {
  const s = deps.t(lang, key);
  return s === key || s === '' ? fallback : s;
}

/** The buttons a card shows: all four while open, fewer once acknowledged or closed. */
export function alertKeyboard(deps: Pick<AlertsDeps, 't'>, alertId: number, status: AlertRecord['status'], lang: Language): InlineKeyboardMarkup {
  const actions: AlertAction[] =
    status === 'open' ? ['ack', 'resolve', 'false_alarm', 'details'] : status === 'acknowledged' ? ['resolve', 'false_alarm', 'details'] : ['details'];
  const button = (a: AlertAction) => ({ text: deps.t(lang, `alerts-button-${a.replace('_', '-')}`), callback_data: encodeAlertCallback(alertId, a) });
  const rows = actions.length === 4 ? [actions.slice(0, 2), actions.slice(2)] : [actions];
  return { inline_keyboard: rows.map((r) => r.map(button)) };
}

/** Loads what the card shows and renders it. */
export async function renderAlertCard(deps: AlertsDeps, alert: AlertRecord, lang: Language): Promise<RenderedCard> {
  const [report, ancestry, covered] = await Promise.all([
    deps.repos.alerts.reportForAlert(alert.reportId),
    deps.repos.units.ancestry(alert.unitId),
    deps.repos.alerts.coveredReports(alert),
  ]);
  const actorId = alert.closedById ?? alert.acknowledgedById;
  const actor = actorId ? await deps.repos.members.get(actorId) : null;
  const reasons = parseReasons(alert.reasons);
  const reasonsLine = formatReasons(reasons, (r) => tOr(deps, lang, `alerts-reason-${r.code.replace(/_/g, '-')}`, r.detail ?? r.code));
  const topicName = (lang === 'en' ? report?.topicNameEn : report?.topicNameVi) ?? report?.topicSlug ?? '—';
  const mood = report?.finalMood ? deps.t(lang, `alerts-mood-${report.finalMood}`) : '—';
  const spread = report?.spread ? deps.t(lang, `alerts-spread-${report.spread}`) : '—';
  const vars = alertCardVars(
    {
      alertId: alert.id,
      level: alert.level,
      status: alert.status,
      trigger: alert.trigger,
      reasons,
      unitPath: [...ancestry].reverse().map((u) => u.name),
      topicName,
      mood,
      spread,
      quote: alert.latestQuote ?? report?.redactedContent ?? '',
      references: covered.map((r) => r.reference),
      reportCount: alert.reportCount,
      unitCount: alert.unitCount,
      actorName: actor?.displayName ?? null,
    },
    reasonsLine || '—',
  );
  const head = deps.t(lang, `alerts-card-${alert.level}`, vars);
  const body = deps.t(lang, 'alerts-card', vars);
  const status = alert.status === 'open' ? '' : `\n\n${deps.t(lang, `alerts-card-status-${alert.status.replace('_', '-')}`, vars)}`;
  return { text: `${head}\n${body}${status}`, reply_markup: alertKeyboard(deps, alert.id, alert.status, lang) };
}
