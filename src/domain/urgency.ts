import type { Mood, Source, Spread, UrgencyLevel } from './vocabulary.js';

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

/**
 * What the text says about urgency, read by the learned model in src/nlp: its log-odds of
 * "leaders should act now" relative to the decision threshold chosen on training data (0 on
 * the threshold, positive above it), and the parts of the text that pushed it up or down.
 */
export interface TextUrgency {
  readonly margin: number;
  readonly contributions: readonly TextContribution[];
}

/** A part of the text's log-odds, under the reason code a leader reads it as. */
export interface TextContribution {
  readonly code: 'trigger' | 'mood';
  readonly logit: number;
  /** The words or phrases behind it, as written in the report. */
  readonly detail?: string;
}

/** Everything urgency is scored from; every field is optional so quick reports still score. */
export interface UrgencyInput {
  /** The learned reading of the text; absent (empty text) counts as clearly not urgent. */
  readonly text?: TextUrgency | null;
  /** The mood read from the text (only for the agreement with the collaborator's mood). */
  readonly textMood?: Mood;
  readonly reportedMood?: Mood | null;
  readonly spread?: Spread | null;
  /** The spread was read from the text ("lan khắp mạng"), not chosen by the collaborator. */
  readonly spreadInferred?: boolean;
  readonly source?: Source | null;
  readonly sensitiveTopic?: boolean;
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

/**
 * Log-odds added to the text's reading by what the collaborator told and by the issue
 * group. The training reports carry none of these, so they are set by hand, kept small
 * (the text decides) and exported so that tests and the dashboard can explain them.
 */
export const URGENCY_LOGITS = {
  reportedMood: { angry: 0.6, worried: 0.5, skeptical: 0.1, supportive: 0, neutral: 0 } satisfies Record<Mood, number>,
  moodAgreement: 0.3,
  spread: { few: 0, unit: 0.2, local: 0.6, online: 1 } satisfies Record<Spread, number>,
  /** A spread read from the text counts this much of a chosen one (the text model saw those words). */
  inferredSpreadFactor: 0.5,
  source: { social_media: 0.2, press: 0.1, conversation: 0, meeting: 0, other: 0 } satisfies Record<Source, number>,
  sensitiveTopic: 0.3,
  sensitiveSpread: 0.4,
  growthPerReport: 0.3,
  growthPerUnit: 0.45,
  growthCap: 2.5,
  /** The margin of a report with no text to read. */
  noText: -4,
} as const;

/** Score 60 (the default `high`) sits on the text model's threshold: σ(0 + OFFSET) = 0.6. */
const SCORE_OFFSET = Math.log(0.6 / 0.4);

const ALARMING: ReadonlySet<Mood> = new Set(['angry', 'worried']);

interface Part {
  readonly code: UrgencyReasonCode;
  readonly logit: number;
  readonly detail?: string;
}

function moodParts(input: UrgencyInput): Part[] {
  const parts: Part[] = [];
  const reported = input.reportedMood ? URGENCY_LOGITS.reportedMood[input.reportedMood] : 0;
  if (reported > 0) parts.push({ code: 'mood', logit: reported, detail: `reported: ${input.reportedMood}` });
  if (input.textMood && input.textMood === input.reportedMood && ALARMING.has(input.textMood)) {
    parts.push({ code: 'mood_agreement', logit: URGENCY_LOGITS.moodAgreement, detail: input.textMood });
  }
  return parts;
}

function spreadParts(input: UrgencyInput, alarmed: boolean): Part[] {
  const parts: Part[] = [];
  const spread = input.spread ?? undefined;
  if (spread && URGENCY_LOGITS.spread[spread] > 0) {
    const factor = input.spreadInferred ? URGENCY_LOGITS.inferredSpreadFactor : 1;
    parts.push({ code: 'spread', logit: URGENCY_LOGITS.spread[spread] * factor, detail: input.spreadInferred ? `${spread} (read from text)` : spread });
  }
  const source = input.source ? URGENCY_LOGITS.source[input.source] : 0;
  if (source > 0) parts.push({ code: 'spread', logit: source, detail: `source: ${input.source}` });
  if (input.sensitiveTopic) parts.push({ code: 'sensitive_topic', logit: URGENCY_LOGITS.sensitiveTopic });
  if (input.sensitiveTopic && alarmed && (spread === 'local' || spread === 'online')) {
    parts.push({ code: 'sensitive_spread', logit: URGENCY_LOGITS.sensitiveSpread, detail: spread });
  }
  return parts;
}

function growthParts(growth: GroupGrowth | null | undefined): Part[] {
  if (!growth || growth.reports < 2) return [];
  const raw = URGENCY_LOGITS.growthPerReport * (growth.reports - 1) + URGENCY_LOGITS.growthPerUnit * Math.max(0, growth.units - 1);
  const detail = `${growth.reports} reports from ${growth.units} units in ${growth.windowHours} h`;
  return [{ code: 'group_growth', logit: Math.min(URGENCY_LOGITS.growthCap, raw), detail }];
}

/** Merges parts of one code (the text's trigger words and its crowd, say) into one reason. */
function merge(parts: readonly Part[]): Part[] {
  const byCode = new Map<UrgencyReasonCode, { logit: number; details: string[] }>();
  for (const p of parts) {
    const cur = byCode.get(p.code) ?? { logit: 0, details: [] };
    cur.logit += p.logit;
    if (p.detail) cur.details.push(p.detail);
    byCode.set(p.code, cur);
  }
  return [...byCode.entries()].map(([code, v]) => ({ code, logit: v.logit, ...(v.details.length ? { detail: v.details.join('; ') } : {}) }));
}

/**
 * Scores how urgently leaders must look at a report (0..100) and says why. The learned
 * reading of the text gives log-odds; the collaborator's mood, spread and source, a
 * sensitive topic and the growth of the report's issue group add theirs; the score is
 * 100·σ(total + offset), 60 exactly on the threshold chosen on training data. The score is
 * shared out among the parts that pushed it up, strongest first, so that the reasons add up
 * to it. Pure.
 */
export function scoreUrgency(input: UrgencyInput, thresholds: UrgencyThresholds = DEFAULT_URGENCY_THRESHOLDS): Urgency {
  const alarmed = [input.textMood, input.reportedMood].some((m) => m !== undefined && m !== null && ALARMING.has(m));
  const text = input.text ?? null;
  const textParts: Part[] = (text?.contributions ?? []).map((c) => ({ code: c.code, logit: c.logit, ...(c.detail ? { detail: c.detail } : {}) }));
  const others = [...moodParts(input), ...spreadParts(input, alarmed), ...growthParts(input.groupGrowth)];
  const total = (text ? text.margin : URGENCY_LOGITS.noText) + others.reduce((s, p) => s + p.logit, 0);
  const score = Math.round(100 / (1 + Math.exp(-(total + SCORE_OFFSET))));
  const positive = merge([...textParts, ...others]).filter((p) => p.logit > 0);
  const sum = positive.reduce((s, p) => s + p.logit, 0);
  const reasons = positive
    .map((p): UrgencyReason => ({ code: p.code, points: sum > 0 ? Math.round((score * p.logit) / sum) : 0, ...(p.detail ? { detail: p.detail } : {}) }))
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points);
  return { score, level: levelOf(score, thresholds), reasons };
}
/** The level of a score under the deployment's thresholds. */
export function levelOf(score: number, thresholds: UrgencyThresholds): UrgencyLevel {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  return 'normal';
}
