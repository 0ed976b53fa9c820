/**
 * The seam between the analysis use case and the NLP engineer's mood, trigger and urgency
 * functions (src/nlp, src/domain/urgency.ts). Everything the worker needs of them goes
 * through these three functions, so that their final API is adapted here in one place.
 *
 * INTERIM: src/nlp/mood.ts, triggers and src/domain/urgency.ts were not committed when this
 * was written; the bodies below are a plain stand-in (reported mood first, a few trigger
 * phrases, an additive urgency score) to be replaced by calls into src/nlp.
 */
import { foldDiacritics } from '../../nlp/fold.js';
import type { Language, Mood, Spread, UrgencyLevel } from '../../domain/vocabulary.js';

/** Mood read from the text, and the final mood after weighing the collaborator's choice. */
export interface MoodReading {
  textMood: Mood;
  score: number;
  finalMood: Mood;
}

/** A trigger phrase for collective action or danger. */
export interface TriggerHit {
  kind: string;
  phrase: string;
}

/** One reason of an urgency score. */
export interface UrgencyReason {
  code: string;
  points: number;
  detail?: string;
}

/** Urgency inputs known after grouping. */
export interface UrgencyInput {
  mood: MoodReading;
  spread: Spread | null;
  sensitive: boolean;
  triggers: TriggerHit[];
  group: { reports: number; units: number; hours: number };
  empty: boolean;
  thresholds: { high: number; critical: number; fastSpreadReports: number; fastSpreadUnits: number };
}

const MOOD_WORDS: [Mood, string[]][] = [
  ['angry', ['buc xuc', 'phan no', 'tuc gian', 'angry', 'furious', 'outraged']],
  ['worried', ['lo lang', 'lo ngai', 'bat an', 'worried', 'afraid', 'anxious']],
  ['skeptical', ['hoai nghi', 'ban khoan', 'nghi ngo', 'doubt', 'skeptical', 'sceptical']],
  ['supportive', ['dong tinh', 'ung ho', 'hoan nghenh', 'phan khoi', 'support', 'welcome', 'praise']],
];

/** Mood of a text, combined with the reported mood (which wins when given). */
export function readMood(text: string, _language: Language, reported: Mood | null): MoodReading {
  const folded = foldDiacritics(text);
  const hit = MOOD_WORDS.find(([, ws]) => ws.some((w) => folded.includes(w)));
  const textMood = hit?.[0] ?? 'neutral';
  return { textMood, score: hit ? 0.6 : 0, finalMood: reported ?? textMood };
}

const TRIGGERS: [string, string[]][] = [
  ['gathering', ['tu tap', 'tap trung dong nguoi', 'bieu tinh', 'gathering', 'protest', 'rally']],
  ['strike', ['dinh cong', 'ngung viec', 'lan cong', 'strike', 'walkout']],
  ['petition', ['ky don', 'don tap the', 'khieu kien dong nguoi', 'petition']],
  ['danger', ['de doa tinh mang', 'chet nguoi', 'tu vong', 'threat to life', 'killed', 'deaths']],
  ['disaster', ['lu quet', 'sat lo', 'vo de', 'ngap sau', 'flash flood', 'landslide', 'dike breach']],
];

/** Trigger phrases found in a text. */
export function readTriggers(text: string): TriggerHit[] {
  const folded = foldDiacritics(text);
  const out: TriggerHit[] = [];
  for (const [kind, phrases] of TRIGGERS) {
    const phrase = phrases.find((p) => folded.includes(p));
    if (phrase) out.push({ kind, phrase });
  }
  return out;
}

const MOOD_POINTS: Record<Mood, number> = { angry: 30, worried: 20, skeptical: 10, neutral: 0, supportive: 0 };
const SPREAD_POINTS: Record<Spread, number> = { few: 0, unit: 8, local: 15, online: 25 };

/** Urgency 0–100, its level from the unit's thresholds, and the reasons that produced it. */
export function scoreReportUrgency(i: UrgencyInput): { score: number; level: UrgencyLevel; reasons: UrgencyReason[] } {
  const reasons: UrgencyReason[] = [];
  if (i.empty) reasons.push({ code: 'empty_text', points: 0 });
  const add = (code: string, points: number, detail?: string) => {
    if (points > 0) reasons.push({ code, points, ...(detail ? { detail } : {}) });
  };
  add('mood', MOOD_POINTS[i.mood.finalMood], i.mood.finalMood);
  if (i.spread) add('spread', SPREAD_POINTS[i.spread], i.spread);
  if (i.sensitive) add('sensitive_topic', 15);
  for (const t of i.triggers.slice(0, 2)) add('trigger', 25, t.kind);
  if (i.group.reports >= i.thresholds.fastSpreadReports && i.group.units >= i.thresholds.fastSpreadUnits) {
    add('group_growth', 20, `${i.group.reports} reports / ${i.group.units} units in ${i.group.hours} h`);
  }
  const score = Math.min(100, reasons.reduce((s, r) => s + r.points, 0));
  const level: UrgencyLevel = score >= i.thresholds.critical ? 'critical' : score >= i.thresholds.high ? 'high' : 'normal';
  return { score, level, reasons };
}
