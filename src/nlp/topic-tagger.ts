import type { TopicDefinition } from '../domain/taxonomy.js';
import { createKeywordMatcher, type KeywordEvidence } from './keywords.js';
import { predictProba, vectorize } from './tfidf-softmax.js';
import type { TopicModel } from './topic-model.js';
import { tokenize } from './tokenize.js';

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
  /** Keywords that matched, per topic (the model's evidence is its score). */
  readonly evidence: KeywordEvidence[];
}

/** Tunables of the combination; defaults chosen by cross-validation on the training corpus. */
export interface TaggerOptions {
  /** Upper bound of the keyword share in the mix (approached when many keywords match). */
  readonly keywordWeight: number;
  /** Keyword evidence at which keywords get half of `keywordWeight` (long texts lean on keywords). */
  readonly keywordHalf: number;
  /** Probability mass added to the collaborator's chosen topic before renormalising. */
  readonly chosenPrior: number;
  /** The text's own top topic must reach this, and the chosen one stay below `disagreeBelow`. */
  readonly disagreeAbove: number;
  readonly disagreeBelow: number;
}

/** Defaults of `createTopicTagger`. */
export const TAGGER_DEFAULTS: TaggerOptions = { keywordWeight: 0.9, keywordHalf: 2, chosenPrior: 0.5, disagreeAbove: 0.5, disagreeBelow: 0.15 };

/** Tags texts with topics; built once per taxonomy and model, then pure and fast. */
export interface TopicTagger {
  tag(text: string, options?: { chosen?: string | null }): TopicTagging;
  readonly modelVersion: string;
}

const FALLBACK = 'other';

/**
 * Combines keyword/phrase evidence from the taxonomy with the trained model; the
 * collaborator's chosen topic is a strong prior, not the answer (PRODUCT.md step 3).
 */
export function createTopicTagger(deps: {
  topics: readonly TopicDefinition[];
  model: TopicModel;
  options?: Partial<TaggerOptions>;
}): TopicTagger {
  const opt = { ...TAGGER_DEFAULTS, ...deps.options };
  const slugs = deps.topics.map((t) => t.slug as string);
  const matcher = createKeywordMatcher(deps.topics);
  const lookup = new Map(deps.model.vocab.map((t, i) => [t, i] as const));
  const classIndex = new Map(deps.model.classes.map((c, i) => [c, i] as const));

  function textScores(text: string, evidence: KeywordEvidence[]): Map<string, number> {
    const x = vectorize(tokenize(text), lookup, deps.model.idf);
    const scores = new Map<string, number>(slugs.map((s) => [s, 0]));
    if (x.idx.length === 0 && evidence.length === 0) return scores.set(FALLBACK, 1);
    const p = predictProba(deps.model, x);
    const kwTotal = evidence.reduce((s, e) => s + e.score, 0);
    const share = x.idx.length === 0 ? 1 : (opt.keywordWeight * kwTotal) / (kwTotal + opt.keywordHalf);
    for (const slug of slugs) {
      const i = classIndex.get(slug);
      const model = i === undefined || x.idx.length === 0 ? 0 : (p[i] as number);
      const kw = evidence.find((e) => e.slug === slug)?.score ?? 0;
      scores.set(slug, (1 - share) * model + (kwTotal > 0 ? (share * kw) / kwTotal : 0));
    }
    return normalise(scores);
  }

  return {
    modelVersion: deps.model.version,
    tag(text, options = {}) {
      const evidence = matcher.match(text);
      const own = textScores(text, evidence);
      const textTop = best(own);
      const chosen = options.chosen && slugs.includes(options.chosen) ? options.chosen : undefined;
      const mixed = new Map(own);
      if (chosen) mixed.set(chosen, (mixed.get(chosen) ?? 0) + opt.chosenPrior);
      const ranked = [...normalise(mixed).entries()]
        .map(([slug, score]) => ({ slug, score: round(score) }))
        .sort((a, b) => b.score - a.score || slugs.indexOf(a.slug) - slugs.indexOf(b.slug));
      const disagreement =
        chosen !== undefined &&
        textTop !== chosen &&
        (own.get(textTop) ?? 0) >= opt.disagreeAbove &&
        (own.get(chosen) ?? 0) < opt.disagreeBelow;
      return { ranked, top: ranked[0]?.slug ?? FALLBACK, textTop, ...(chosen ? { chosen } : {}), disagreement, evidence };
    },
  };
}

function normalise(scores: Map<string, number>): Map<string, number> {
  const sum = [...scores.values()].reduce((a, b) => a + b, 0);
  if (sum <= 0) return scores;
  return new Map([...scores.entries()].map(([k, v]) => [k, v / sum]));
}

function best(scores: Map<string, number>): string {
  let top = FALLBACK;
  let max = -1;
  for (const [slug, s] of scores) if (s > max) [top, max] = [slug, s];
  return top;
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;
