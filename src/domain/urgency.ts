import type { Mood, Spread, UrgencyLevel } from './vocabulary.js';

/** Kinds of trigger phrases for collective action or danger (PRODUCT.md step 5). */
export const TRIGGER_KINDS = ['collective_action', 'gathering', 'strike', 'petition', 'threat_to_life', 'disaster'] as const;
/** One kind of trigger phrase. */
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** A trigger phrase found in a report's text. */
export interface Trigger {
  readonly kind: TriggerKind;
  readonly phrase: string;
}

/** Growth of the report's issue group, counted by the caller over a recent window. */
export interface GroupGrowth {
  readonly reports: number;
  readonly units: number;
  readonly windowHours: number;
}

/** Everything urgency is scored from; every field is optional so quick reports still score. */
export interface UrgencyInput {
  readonly textMood?: Mood;
  /** 0..1; a weak reading of the text counts less. */
  readonly textMoodConfidence?: number;
  readonly reportedMood?: Mood | null;
  readonly spread?: Spread | null;
  /** The spread was read from the text ("lan khắp mạng"), not chosen by the collaborator. */
  readonly spreadInferred?: boolean;
  readonly sensitiveTopic?: boolean;
  readonly triggers?: readonly Trigger[];
  /** The text relays events far away (world news): its trigger phrases weigh half. */
  readonly distant?: boolean;
  readonly groupGrowth?: GroupGrowth | null;
}

/** Level thresholds (settings): high ≥ `high`, critical ≥ `critical`. */
export interface UrgencyThresholds {
  readonly high: number;
  readonly critical: number;
}

/** Defaults of PRODUCT.md; deployments override them in settings. */
export const DEFAULT_URGENCY_THRESHOLDS: UrgencyThresholds = { high: 60, critical: 85 };

/** Stable codes of urgency reasons (UI text is chosen per language from these). */
export type UrgencyReasonCode =
  | 'mood'
  | 'mood_agreement'
  | 'spread'
  | 'sensitive_topic'
  | 'sensitive_spread'
  | 'trigger'
  | 'group_growth';

/** One reason that added points, shown to leaders next to the score. */
export interface UrgencyReason {
  readonly code: UrgencyReasonCode;
  readonly points: number;
  readonly detail?: string;
}

/** An urgency score 0..100, its level and the reasons that produced it. */
export interface Urgency {
  readonly score: number;
  readonly level: UrgencyLevel;
  readonly reasons: UrgencyReason[];
}

/** Points per element; exported so that tests and the dashboard can explain them. */
export const URGENCY_POINTS = {
  mood: { angry: 25, worried: 20, skeptical: 8, supportive: 0, neutral: 0 } satisfies Record<Mood, number>,
  moodAgreement: 5,
  spread: { few: 0, unit: 5, local: 12, online: 20 } satisfies Record<Spread, number>,
  sensitiveTopic: 12,
  sensitiveSpread: 12,
  trigger: {
    threat_to_life: 55,
    disaster: 50,
    strike: 45,
    gathering: 45,
    collective_action: 40,
    petition: 35,
  } satisfies Record<TriggerKind, number>,
  triggerExtraKind: 20,
  triggerExtraPhrase: 5,
  triggerCap: 75,
  growthCap: 35,
} as const;

const ALARMING: ReadonlySet<Mood> = new Set(['angry', 'worried']);

function moodReasons(input: UrgencyInput): UrgencyReason[] {
  const reasons: UrgencyReason[] = [];
  const weak = (input.textMoodConfidence ?? 1) < 0.3;
  const fromText = input.textMood ? Math.round(URGENCY_POINTS.mood[input.textMood] * (weak ? 0.6 : 1)) : 0;
  const fromReport = input.reportedMood ? URGENCY_POINTS.mood[input.reportedMood] : 0;
  if (fromText >= fromReport && fromText > 0) reasons.push({ code: 'mood', points: fromText, detail: `text: ${input.textMood}` });
  else if (fromReport > 0) reasons.push({ code: 'mood', points: fromReport, detail: `reported: ${input.reportedMood}` });
  if (input.textMood && input.reportedMood && input.textMood === input.reportedMood && ALARMING.has(input.textMood)) {
    reasons.push({ code: 'mood_agreement', points: URGENCY_POINTS.moodAgreement, detail: input.textMood });
  }
  return reasons;
}

function spreadReasons(input: UrgencyInput, alarmed: boolean): UrgencyReason[] {
  const reasons: UrgencyReason[] = [];
  const spread = input.spread ?? undefined;
  if (spread && URGENCY_POINTS.spread[spread] > 0) {
    reasons.push({ code: 'spread', points: URGENCY_POINTS.spread[spread], detail: input.spreadInferred ? `${spread} (read from text)` : spread });
  }
  if (input.sensitiveTopic) reasons.push({ code: 'sensitive_topic', points: URGENCY_POINTS.sensitiveTopic });
  if (input.sensitiveTopic && alarmed && (spread === 'local' || spread === 'online')) {
    reasons.push({ code: 'sensitive_spread', points: URGENCY_POINTS.sensitiveSpread, detail: spread });
  }
  return reasons;
}

function triggerReason(input: UrgencyInput): UrgencyReason[] {
  const triggers = input.triggers ?? [];
  if (triggers.length === 0) return [];
  const kinds = [...new Set(triggers.map((t) => t.kind))].sort((a, b) => URGENCY_POINTS.trigger[b] - URGENCY_POINTS.trigger[a]);
  const top = URGENCY_POINTS.trigger[kinds[0] as TriggerKind];
  const phrases = new Set(triggers.map((t) => t.phrase)).size;
  const extraPhrases = Math.max(0, phrases - kinds.length);
  let points = Math.min(
    URGENCY_POINTS.triggerCap,
    top + URGENCY_POINTS.triggerExtraKind * (kinds.length - 1) + URGENCY_POINTS.triggerExtraPhrase * extraPhrases,
  );
  if (input.distant) points = Math.round(points / 2);
  const detail = `${kinds.join(', ')}: ${[...new Set(triggers.map((t) => t.phrase))].slice(0, 5).join('; ')}${input.distant ? ' (distant events)' : ''}`;
  return [{ code: 'trigger', points, detail }];
}

function growthReason(growth: GroupGrowth | null | undefined): UrgencyReason[] {
  if (!growth || growth.reports < 2) return [];
  const points = Math.min(URGENCY_POINTS.growthCap, 4 * (growth.reports - 1) + 6 * Math.max(0, growth.units - 1));
  return [{ code: 'group_growth', points, detail: `${growth.reports} reports from ${growth.units} units in ${growth.windowHours} h` }];
}

/**
 * Scores how urgently leaders must look at a report (0..100) and says why: mood, spread,
 * sensitive topic, trigger phrases and the growth of its issue group. Works from the text
 * alone (quick reports) and does better with the collaborator's mood and spread. Pure.
 */
export function scoreUrgency(input: UrgencyInput, thresholds: UrgencyThresholds = DEFAULT_URGENCY_THRESHOLDS): Urgency {
  const alarmed = [input.textMood, input.reportedMood].some((m) => m !== undefined && m !== null && ALARMING.has(m));
  const reasons = [...moodReasons(input), ...spreadReasons(input, alarmed), ...triggerReason(input), ...growthReason(input.groupGrowth)];
  const score = Math.max(0, Math.min(100, reasons.reduce((s, r) => s + r.points, 0)));
  return { score, level: levelOf(score, thresholds), reasons };
}

/** The level of a score under the deployment's thresholds. */
export function levelOf(score: number, thresholds: UrgencyThresholds): UrgencyLevel {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  return 'normal';
}
