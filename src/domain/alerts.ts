/**
 * Pure rules of urgent alerts (PRODUCT.md "Alerts and escalation"): which analysed report
 * raises an alert, who is notified at each step of the escalation ladder and after how long,
 * who may act on an alert, and the escaped data of the alert card.
 */
import type { Settings } from './settings.js';
import { escapeHtml } from './text.js';
import type { Role, UrgencyLevel } from './vocabulary.js';

export type AlertTrigger = 'critical_report' | 'high_sensitive' | 'fast_spread';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved' | 'false_alarm';
export type AlertAction = 'ack' | 'resolve' | 'false_alarm' | 'details';

/** One reason of an urgency score, as the analysis stores it. */
export interface UrgencyReason {
  code: string;
  points: number;
  detail?: string;
}

/** What the trigger rules look at. */
export interface TriggerInput {
  urgencyLevel: UrgencyLevel | null;
  topicSensitive: boolean;
  /** Reports of the report's issue group within the fast-spread window (this one included). */
  groupReportsInWindow: number;
  groupUnitsInWindow: number;
}

/** The trigger a report fires, or null. Critical wins over the others. */
export function decideTrigger(input: TriggerInput, s: Pick<Settings, 'fastSpreadReports' | 'fastSpreadUnits'>): AlertTrigger | null {
  if (input.urgencyLevel === 'critical') return 'critical_report';
  if (input.urgencyLevel === 'high' && input.topicSensitive) return 'high_sensitive';
  if (input.groupReportsInWindow >= s.fastSpreadReports && input.groupUnitsInWindow >= s.fastSpreadUnits) return 'fast_spread';
  return null;
}

/** Alert level for a trigger: a fast-spreading group of calm reports is still `high`. */
export function levelFor(trigger: AlertTrigger, reportLevel: UrgencyLevel | null): 'high' | 'critical' {
  if (trigger === 'critical_report' || reportLevel === 'critical') return 'critical';
  return 'high';
}

/** The higher of two levels (an update by a critical report raises a high alert). */
export function maxLevel(a: 'high' | 'critical', b: UrgencyLevel | null): 'high' | 'critical' {
  return a === 'critical' || b === 'critical' ? 'critical' : 'high';
}

/** Milliseconds an alert waits at one level before climbing to the next. */
export function escalationDelayMs(level: 'high' | 'critical', s: Pick<Settings, 'escalationCriticalMinutes' | 'escalationHighMinutes'>): number {
  const minutes = level === 'critical' ? s.escalationCriticalMinutes : s.escalationHighMinutes;
  return Math.max(0, Math.round(minutes * 60_000));
}

/**
 * The unit notified at an escalation step: step 0 is the alert's unit, step k its k-th
 * ancestor. `ancestry` is self → root. Null past the root (nothing left to climb).
 */
export function unitAtStep<T>(ancestry: readonly T[], step: number): T | null {
  return step >= 0 && step < ancestry.length ? ancestry[step]! : null;
}

/** Where a tapping member stands with respect to an alert. */
export interface ActorScope {
  role: Role;
  active: boolean;
  /** The alert's unit is the member's unit or lies below it. */
  alertInSubtree: boolean;
  /** The member received the alert (a recipient row exists). */
  notified: boolean;
}

export type ActDecision = { allowed: true } | { allowed: false; reason: 'inactive' | 'not_leader' | 'out_of_scope' | 'not_notified' };

/** Only admins, or leaders of an ancestor-or-self unit who were notified, may act. */
export function mayAct(a: ActorScope): ActDecision {
  if (!a.active) return { allowed: false, reason: 'inactive' };
  if (a.role === 'admin') return { allowed: true };
  if (a.role !== 'leader') return { allowed: false, reason: 'not_leader' };
  if (!a.alertInSubtree) return { allowed: false, reason: 'out_of_scope' };
  if (!a.notified) return { allowed: false, reason: 'not_notified' };
  return { allowed: true };
}

export type TransitionResult = { ok: true; to: AlertStatus } | { ok: false; reason: 'already_closed' | 'already_acknowledged' };

/** Allowed status changes: ack only from open; resolve/false alarm from open or acknowledged. */
export function transition(from: AlertStatus, action: Exclude<AlertAction, 'details'>): TransitionResult {
  if (from === 'resolved' || from === 'false_alarm') return { ok: false, reason: 'already_closed' };
  if (action === 'ack') return from === 'open' ? { ok: true, to: 'acknowledged' } : { ok: false, reason: 'already_acknowledged' };
  return { ok: true, to: action === 'resolve' ? 'resolved' : 'false_alarm' };
}

/** Compact, validated callback data for the alert buttons: `al:<alertId>:<a|r|f|d>`. */
const ACTION_CODES: Record<AlertAction, string> = { ack: 'a', resolve: 'r', false_alarm: 'f', details: 'd' };
const CODE_ACTIONS = Object.fromEntries(Object.entries(ACTION_CODES).map(([k, v]) => [v, k])) as Record<string, AlertAction>;

export function encodeAlertCallback(alertId: number, action: AlertAction): string {
  return `al:${alertId}:${ACTION_CODES[action]}`;
}

/** Parses callback data; anything malformed is null (and refused by the caller). */
export function parseAlertCallback(data: string): { alertId: number; action: AlertAction } | null {
  const m = /^al:([1-9]\d{0,9}):([arfd])$/.exec(data);
  if (!m) return null;
  const alertId = Number(m[1]);
  if (!Number.isSafeInteger(alertId) || alertId > 2_147_483_647) return null;
  return { alertId, action: CODE_ACTIONS[m[2]!]! };
}

/** What the alert card shows; raw values, escaped by `alertCardVars`. */
export interface AlertCardData {
  alertId: number;
  level: 'high' | 'critical';
  status: AlertStatus;
  trigger: AlertTrigger;
  reasons: UrgencyReason[];
  unitPath: string[];
  topicName: string;
  mood: string;
  spread: string;
  quote: string;
  references: string[];
  reportCount: number;
  unitCount: number;
  /** Display name of who acknowledged/closed it (shown to recipients, never to reporters). */
  actorName: string | null;
}

const QUOTE_MAX = 600;

/** Shortens a quote at a word boundary so that a card stays readable. */
export function shortenQuote(text: string, max = QUOTE_MAX): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

/** Reasons as one escaped line: `label (+points)`, strongest first; labels come from `label`. */
export function formatReasons(reasons: UrgencyReason[], label: (r: UrgencyReason) => string): string {
  return [...reasons]
    .sort((a, b) => b.points - a.points)
    .slice(0, 5)
    .map((r) => `${escapeHtml(label(r))} (+${Math.round(r.points)})`)
    .join('; ');
}

/** Fluent variables of the card, every free text HTML-escaped. */
export function alertCardVars(c: AlertCardData, reasonsLine: string): Record<string, string | number> {
  return {
    alertId: c.alertId,
    level: c.level,
    status: c.status,
    trigger: c.trigger,
    reasons: reasonsLine,
    unitPath: escapeHtml(c.unitPath.join(' › ')),
    topic: escapeHtml(c.topicName),
    mood: escapeHtml(c.mood),
    spread: escapeHtml(c.spread),
    quote: escapeHtml(shortenQuote(c.quote)),
    references: escapeHtml(c.references.slice(-5).join(', ')),
    reportCount: c.reportCount,
    unitCount: c.unitCount,
    actor: escapeHtml(c.actorName ?? ''),
  };
}

/** Parses the stored urgencyReasons JSON defensively (unknown shapes are dropped). */
export function parseReasons(raw: unknown): UrgencyReason[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    if (typeof o.code !== 'string' || typeof o.points !== 'number') return [];
    return [{ code: o.code, points: o.points, ...(typeof o.detail === 'string' ? { detail: o.detail } : {}) }];
  });
}
