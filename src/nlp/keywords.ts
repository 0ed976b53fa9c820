import type { TopicDefinition } from '../domain/taxonomy.js';
import { PhraseIndex, toMatchable, type MatchableText } from './phrase-index.js';

/** Keyword evidence for one topic: a score and the keywords that produced it. */
export interface KeywordEvidence {
  readonly slug: string;
  readonly score: number;
  readonly keywords: string[];
}

interface KeywordEntry {
  readonly slug: string;
  readonly keyword: string;
  readonly weight: number;
}

/** Matches the taxonomy's keyword lists against a text; built once per taxonomy. */
export interface KeywordMatcher {
  match(text: string, prepared?: MatchableText): KeywordEvidence[];
}

/**
 * Builds the keyword/phrase side of topic tagging from the (editable) taxonomy. Multi-word
 * phrases weigh more than single words: `giá điện` says more than `giá`.
 */
export function createKeywordMatcher(topics: readonly TopicDefinition[]): KeywordMatcher {
  const byPhrase = new Map<string, KeywordEntry[]>();
  for (const topic of topics) {
    for (const keyword of topic.keywords) {
      const key = keyword.normalize('NFC').toLowerCase().trim();
      const n = key.split(/\s+/).length;
      const list = byPhrase.get(key) ?? [];
      if (!list.some((e) => e.slug === topic.slug)) list.push({ slug: topic.slug, keyword, weight: n === 1 ? 0.6 : n === 2 ? 1.2 : 1.6 });
      byPhrase.set(key, list);
    }
  }
  const index = new PhraseIndex<KeywordEntry[]>(byPhrase.entries());
  return {
    match(text: string, prepared?: MatchableText): KeywordEvidence[] {
      const bySlug = new Map<string, { score: number; keywords: string[] }>();
      for (const hit of index.match(prepared ?? toMatchable(text))) {
        for (const e of hit.entry) {
          const cur = bySlug.get(e.slug) ?? { score: 0, keywords: [] };
          cur.score += e.weight;
          if (!cur.keywords.includes(e.keyword)) cur.keywords.push(e.keyword);
          bySlug.set(e.slug, cur);
        }
      }
      return [...bySlug.entries()]
        .map(([slug, v]) => ({ slug, score: v.score, keywords: v.keywords }))
        .sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
    },
  };
}
