import type { TopicDefinition } from '../domain/taxonomy.js';
import type { TextContribution, TextUrgency } from '../domain/urgency.js';
import { MOODS, type Mood } from '../domain/vocabulary.js';
import { createKeywordMatcher, type KeywordEvidence } from './keywords.js';
import { linearScores, softmax } from './linear.js';
import { isStopword } from './similarity.js';
import type { MoodEvidence, MoodScore } from './mood.js';
import { plainWords } from './phrase-index.js';
import { urgencyGroup, vectorOf, type PulseModel, type UrgencyBaselines } from './pulse-model.js';
import { readText, type ReadText } from './read.js';
import { foldVietnamese } from '../domain/text.js';
import type { SparseVector } from './vectorize.js';

/** One topic in a ranking; scores of a ranking sum to 1 (a probability distribution). */
export interface TopicScore {
  readonly slug: string;
  readonly score: number;
}

/** The tagger's answer for one text. */
export interface TopicTagging {
  /** All topics, best first; scores sum to 1 and include the collaborator's prior. */
  readonly ranked: TopicScore[];
  /** The topic the report is filed under (ranked[0]). */
  readonly top: string;
  /** What the text alone says, before the collaborator's choice is weighed in. */
  readonly textTop: string;
  readonly chosen?: string;
  /** The collaborator chose one topic but the text clearly says another: both are kept. */
  readonly disagreement: boolean;
  /** Taxonomy keywords that matched, per topic (features of the model, shown as evidence). */
  readonly evidence: KeywordEvidence[];
}

/** Tunables of the collaborator's prior. */
export interface TaggerOptions {
  /**
   * Probability mass added to the collaborator's chosen topic before renormalising: the
   * text overrides the choice only when it is clear (its top topic ahead by more than this).
   */
  readonly chosenPrior: number;
  /** The text's own top topic must reach this, and the chosen one stay below `disagreeBelow`. */
  readonly disagreeAbove: number;
  readonly disagreeBelow: number;
}

/** Defaults of `createTextModel`. */
export const TAGGER_DEFAULTS: TaggerOptions = { chosenPrior: 0.7, disagreeAbove: 0.5, disagreeBelow: 0.15 };

/** A text read and put into the model's vector space, ready for every task. */
export interface ModelInput {
  readonly read: ReadText;
  readonly x: SparseVector;
}

/** The learned models of one artifact, bound to the live taxonomy. */
export interface TextModel {
  readonly version: string;
  input(text: string): ModelInput;
  topics(input: ModelInput, chosen?: string | null): TopicTagging;
  mood(input: ModelInput): MoodScore;
  urgency(input: ModelInput): TextUrgency;
}

const FALLBACK = 'other';
/** A word is named as a reason only when it adds at least this much to the log-odds. */
const MIN_SHOWN_LOGIT = 0.2;
const round = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Builds the analysis side of a model artifact for a taxonomy (keyword features come from it). */
export function createTextModel(model: PulseModel, topics: readonly TopicDefinition[], options: Partial<TaggerOptions> = {}): TextModel {
  const opt = { ...TAGGER_DEFAULTS, ...options };
  const matcher = createKeywordMatcher(topics);
  const slugs = topics.map((t) => t.slug as string);
  const topicIndex = new Map(model.topic.classes.map((c, i) => [c, i] as const));
  const names = [...model.text.terms, ...[...model.signals.keys()]];

  function textTopics(x: SparseVector): Map<string, number> {
    const scores = new Map<string, number>(slugs.map((s) => [s, 0]));
    if (x.idx.length === 0) return scores.set(FALLBACK, 1);
    const p = softmax(linearScores(model.topic, x));
    let sum = 0;
    for (const slug of slugs) {
      const i = topicIndex.get(slug);
      const v = i === undefined ? 0 : (p[i] as number);
      scores.set(slug, v);
      sum += v;
    }
    if (sum <= 0) return scores.set(FALLBACK, 1);
    for (const [k, v] of scores) scores.set(k, v / sum);
    return scores;
  }

  return {
    version: model.version,
    input(text) {
      const read = readText(text, matcher, model.options.features);
      return { read, x: vectorOf(model, read, model.options.features) };
    },
    topics({ read, x }, chosenTopic) {
      const own = textTopics(x);
      const textTop = best(own);
      const chosen = chosenTopic && slugs.includes(chosenTopic) ? chosenTopic : undefined;
      const mixed = new Map(own);
      if (chosen) mixed.set(chosen, (mixed.get(chosen) ?? 0) + opt.chosenPrior);
      const sum = [...mixed.values()].reduce((a, b) => a + b, 0) || 1;
      const ranked = [...mixed.entries()]
        .map(([slug, score]) => ({ slug, score: round(score / sum) }))
        .sort((a, b) => b.score - a.score || slugs.indexOf(a.slug) - slugs.indexOf(b.slug));
      // "other" is the absence of a topic, never a disagreement with the collaborator's choice.
      const disagreement =
        chosen !== undefined &&
        textTop !== chosen &&
        textTop !== FALLBACK &&
        (own.get(textTop) ?? 0) >= opt.disagreeAbove &&
        (own.get(chosen) ?? 0) < opt.disagreeBelow;
      return { ranked, top: ranked[0]?.slug ?? FALLBACK, textTop, ...(chosen ? { chosen } : {}), disagreement, evidence: read.keywords };
    },
    mood({ read, x }) {
      const p = x.idx.length === 0 ? MOODS.map((m) => (m === 'neutral' ? 1 : 0)) : softmax(linearScores(model.mood, x));
      const byMood = new Map(model.mood.classes.map((c, i) => [c, p[i] as number] as const));
      const scores = Object.fromEntries(MOODS.map((m) => [m, round(byMood.get(m) ?? 0)])) as Record<Mood, number>;
      let mood: Mood = 'neutral';
      for (const m of MOODS) if (scores[m] > scores[mood]) mood = m;
      return { mood, score: scores[mood], confidence: scores[mood], scores, evidence: read.lexicon.evidence };
    },
    urgency({ read, x }) {
      const w = model.urgency;
      const [no, yes] = w.rows as [Float32Array, Float32Array];
      const parts: { name: string; logit: number }[] = [];
      let raw = (yes[w.dim] as number) - (no[w.dim] as number);
      for (let k = 0; k < x.idx.length; k += 1) {
        const f = x.idx[k] as number;
        const logit = ((yes[f] as number) - (no[f] as number)) * (x.val[k] as number);
        raw += logit;
        parts.push({ name: names[f] as string, logit: logit * w.scale });
      }
      const baselines = { mood: w.baselines.mood * w.scale, trigger: w.baselines.trigger * w.scale };
      return { margin: round((raw - w.threshold) * w.scale), contributions: explain(parts, read, baselines) };
    },
  };
}

/**
 * Groups the text's contributions into what a leader reads: the mood lexicon's reading
 * (`mood`) and everything else the model read as danger or collective action (`trigger`),
 * each with the strongest words of the report behind it, as the report wrote them.
 */
function explain(parts: readonly { name: string; logit: number }[], read: ReadText, baselines: UrgencyBaselines): TextContribution[] {
  const sums = { mood: -baselines.mood, trigger: -baselines.trigger };
  const words: { name: string; logit: number }[] = [];
  for (const p of parts) {
    sums[urgencyGroup(p.name)] += p.logit;
    if (p.logit >= MIN_SHOWN_LOGIT && /^[wb]:/.test(p.name) && !p.name.slice(2).split('_').every(isStopword)) words.push(p);
  }
  // Word pairs first ("nước lên", "chặn xe" say more than "nước" or "xe"), strongest first.
  const pairFirst = (name: string): number => (name.startsWith('b:') ? 0 : 1);
  words.sort((a, b) => pairFirst(a.name) - pairFirst(b.name) || b.logit - a.logit || a.name.localeCompare(b.name));
  const original = plainWords(read.expanded);
  const folded = original.map((w) => foldVietnamese(w));
  // Trigger phrases as the report wrote them (a crowd is found on folded text: "200 ho dan").
  const phrases = [...new Set(read.triggers.map((t) => originalWords(original, folded, plainWords(foldVietnamese(t.phrase))) ?? t.phrase))];
  const shown = phrases.slice(0, 3);
  for (const w of words) {
    if (shown.length >= 4) break;
    const found = originalWords(original, folded, w.name.slice(2).split('_'));
    if (found && !shown.some((s) => foldVietnamese(s).includes(foldVietnamese(found)))) shown.push(found);
  }
  const out: TextContribution[] = [{ code: 'trigger', logit: round(sums.trigger), ...(shown.length ? { detail: shown.join(', ') } : {}) }];
  const lexicon = moodWords(read.lexicon.evidence);
  out.push({ code: 'mood', logit: round(sums.mood), ...(lexicon ? { detail: `text: ${lexicon}` } : {}) });
  return out;
}

function moodWords(evidence: readonly MoodEvidence[]): string {
  return [...new Set(evidence.filter((e) => e.mood === 'angry' || e.mood === 'worried').map((e) => e.phrase))].slice(0, 3).join(', ');
}

/** The words (as written) whose folded forms are `wanted`, if they occur in the text. */
function originalWords(original: readonly string[], folded: readonly string[], wanted: readonly string[]): string | undefined {
  for (let i = 0; i + wanted.length <= folded.length; i += 1) {
    if (wanted.every((f, k) => folded[i + k] === f)) return original.slice(i, i + wanted.length).join(' ');
  }
  return undefined;
}

function best(scores: Map<string, number>): string {
  let top = FALLBACK;
  let max = -1;
  for (const [slug, s] of scores) if (s > max) [top, max] = [slug, s];
  return top;
}
