/**
 * Renders an alert card for one reader in their language: Telegram HTML (every free text
 * escaped in domain/alerts) with the buttons that fit the alert's status.
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { AlertRecord, AlertReport } from '../../db/repositories/alerts-repository.js';
import { alertCardVars, encodeAlertCallback, formatReasons, parseReasons, type AlertAction } from '../../domain/alerts.js';
import type { Unit } from '../../domain/types.js';
import type { Language } from '../../domain/vocabulary.js';
import type { AlertsDeps } from './deps.js';

export interface RenderedCard {
  text: string;
  reply_markup: InlineKeyboardMarkup;
}

/** The buttons a card shows: all four while open, fewer once acknowledged or closed. */
export function alertKeyboard(deps: Pick<AlertsDeps, 't'>, alertId: number, status: AlertRecord['status'], lang: Language): InlineKeyboardMarkup {
  const actions: AlertAction[] =
    status === 'open' ? ['ack', 'resolve', 'false_alarm', 'details'] : status === 'acknowledged' ? ['resolve', 'false_alarm', 'details'] : ['details'];
  const button = (a: AlertAction) => ({ text: deps.t(lang, `alerts-button-${a.replace('_', '-')}`), callback_data: encodeAlertCallback(alertId, a) });
  const rows = actions.length === 4 ? [actions.slice(0, 2), actions.slice(2)] : [actions];
  return { inline_keyboard: rows.map((r) => r.map(button)) };
}

/**
 * What a card shows besides the alert row. Loaded once per alert (not per reader or language);
 * a caller that already holds parts of it (the raise path has the report and the references)
 * passes them in `known`.
 */
export interface CardContext {
  report: AlertReport | null;
  /** The alert unit's ancestry, the unit itself first. */
  ancestry: Unit[];
  references: string[];
  actorName: string | null;
}

/** Loads what `known` does not already hold. */
export async function loadCardContext(deps: AlertsDeps, alert: AlertRecord, known: Partial<CardContext> = {}): Promise<CardContext> {
  const actorId = alert.closedById ?? alert.acknowledgedById;
  const [report, ancestry, references, actorName] = await Promise.all([
    known.report !== undefined ? known.report : deps.repos.alerts.reportForAlert(alert.reportId),
    known.ancestry ?? deps.repos.units.ancestry(alert.unitId),
    known.references ?? deps.repos.alerts.coveredReports(alert).then((c) => c.map((r) => r.reference)),
    known.actorName !== undefined ? known.actorName : actorId ? deps.repos.members.get(actorId).then((m) => m?.displayName ?? null) : null,
  ]);
  return { report, ancestry, references, actorName };
}

/** Renders a card for one reader from a loaded context (no I/O). */
export function renderCard(deps: Pick<AlertsDeps, 't'>, alert: AlertRecord, lang: Language, ctx: CardContext): RenderedCard {
  const { report } = ctx;
  const reasons = parseReasons(alert.reasons);
  const tOr = (key: string, fallback: string) => {
    const s = deps.t(lang, key);
    return s === key || s === '' ? fallback : s;
  };
  const reasonsLine = formatReasons(reasons, (r) => tOr(`alerts-reason-${r.code.replace(/_/g, '-')}`, r.detail ?? r.code));
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
      unitPath: [...ctx.ancestry].reverse().map((u) => u.name),
      topicName,
      mood,
      spread,
      quote: alert.latestQuote ?? report?.redactedContent ?? '',
      references: ctx.references,
      reportCount: alert.reportCount,
      unitCount: alert.unitCount,
      actorName: ctx.actorName,
    },
    reasonsLine || '—',
  );
  const head = deps.t(lang, `alerts-card-${alert.level}`, vars);
  const body = deps.t(lang, 'alerts-card', vars);
  const status = alert.status === 'open' ? '' : `\n\n${deps.t(lang, `alerts-card-status-${alert.status.replace('_', '-')}`, vars)}`;
  return { text: `${head}\n${body}${status}`, reply_markup: alertKeyboard(deps, alert.id, alert.status, lang) };
}

/** Loads what the card shows and renders it (one reader). */
export async function renderAlertCard(deps: AlertsDeps, alert: AlertRecord, lang: Language): Promise<RenderedCard> {
  return renderCard(deps, alert, lang, await loadCardContext(deps, alert));
}

/** Renders each language once for a list of readers: `cardFor(lang)`. */
export function cardsByLanguage(deps: Pick<AlertsDeps, 't'>, alert: AlertRecord, ctx: CardContext): (lang: Language) => RenderedCard {
  const cache = new Map<Language, RenderedCard>();
  return (lang) => {
    if (!cache.has(lang)) cache.set(lang, renderCard(deps, alert, lang, ctx));
    return cache.get(lang)!;
  };
}
