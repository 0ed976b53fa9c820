/**
 * The pure decisions of issue grouping: which open group a report joins (two thresholds,
 * short texts never auto-attach), and a group's title and top terms from its members'
 * redacted texts. No database here; the repository feeds candidates in.
 */
import { cosine, shingles, tfidfVector, wordCount, type IdfTable } from './fingerprint.js';

/** Similarity thresholds (TF-IDF cosine) and the "short text" limit. */
export interface GroupThresholds {
  /** At or above: attach automatically. */
  readonly high: number;
  /** Between `low` and `high`: attach, marked suggested (a leader should confirm). */
  readonly low: number;
  /** Texts with fewer words never auto-attach on their own (at best: suggested). */
  readonly minWords: number;
}

/** Defaults measured in bench/grouping-quality.ts on generated paraphrases. */
export const GROUP_THRESHOLDS: GroupThresholds = { high: 0.45, low: 0.3, minWords: 5 };

/** A report of an open group that shares LSH bands with the new report. */
export interface GroupCandidate {
  readonly reportId: number;
  readonly groupId: number;
  readonly text: string;
}

/** Where the report goes. */
export type GroupDecision =
  | { readonly kind: 'attach'; readonly groupId: number; readonly similarity: number; readonly suggested: boolean }
  | { readonly kind: 'new'; readonly bestSimilarity: number };

/** Picks the most similar candidate group, or decides to open a new one. */
export function decideGroup(
  text: string,
  candidates: readonly GroupCandidate[],
  idf: IdfTable,
  th: GroupThresholds = GROUP_THRESHOLDS,
): GroupDecision {
  const own = tfidfVector(shingles(text), idf);
  let best: { groupId: number; similarity: number } | null = null;
  for (const c of candidates) {
    const s = cosine(own, tfidfVector(shingles(c.text), idf));
    if (!best || s > best.similarity || (s === best.similarity && c.groupId < best.groupId)) {
      best = { groupId: c.groupId, similarity: s };
    }
  }
  if (!best || best.similarity < th.low) return { kind: 'new', bestSimilarity: round(best?.similarity ?? 0) };
  const short = wordCount(text) < th.minWords;
  if (short && best.similarity < th.high) return { kind: 'new', bestSimilarity: round(best.similarity) };
  return { kind: 'attach', groupId: best.groupId, similarity: round(best.similarity), suggested: short || best.similarity < th.high };
}

/** A group's display title and its top terms. */
export interface GroupLabel {
  readonly title: string;
  readonly topTerms: string[];
}

const TITLE_MAX = 90;

/**
 * Title = the first sentence of the most representative member (the one whose terms are most
 * shared by the others), plus the top terms when that sentence is very short. Only redacted
 * texts come in, so no personal data reaches a title.
 */
export function groupLabel(memberTexts: readonly string[], topN = 5): GroupLabel {
  const sets = memberTexts.map((t) => shingles(t));
  const df = new Map<string, number>();
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  const topTerms = [...df.entries()]
    .filter(([t]) => !t.includes('_') || (df.get(t) ?? 0) > 1)
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))
    .slice(0, topN)
    .map(([t]) => t.replace(/_/g, ' '));
  let bestIdx = 0;
  let bestScore = -1;
  sets.forEach((s, i) => {
    let sum = 0;
    for (const t of s) sum += df.get(t) ?? 0;
    const score = s.size ? sum / Math.sqrt(s.size) : 0;
    if (score > bestScore) [bestIdx, bestScore] = [i, score];
  });
  const sentence = firstSentence(memberTexts[bestIdx] ?? '');
  const short = wordCount(sentence) < 4;
  const title = short && topTerms.length ? `${sentence} (${topTerms.slice(0, 3).join(', ')})`.trim() : sentence;
  return { title: truncate(title || topTerms.join(', ') || '—', TITLE_MAX), topTerms };
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^(.{12,}?[.!?…])(\s|$)/u.exec(flat);
  return (m?.[1] ?? flat).trim();
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;
