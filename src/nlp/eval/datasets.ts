import type { TopicSlug } from '../../domain/vocabulary.js';

/**
 * Mapping of the third-party evaluation sets (../shared/data/README.md) to our taxonomy.
 * Only rows without ⚠ count for strict accuracy; the others are left out, never guessed.
 */
export const VNTC_STRICT: Readonly<Record<string, TopicSlug>> = {
  'Doi song': 'culture_society',
  'Kinh doanh': 'economy',
  'Phap luat': 'security_defense',
  'Suc khoe': 'health',
  'The gioi': 'world_affairs',
  'Van hoa': 'culture_society',
};

/** ViCTSD article topics with a clean mapping (ThoiSu, GiaiTri, KhoaHoc, TheThao, OtoXemay are ⚠). */
export const VICTSD_STRICT: Readonly<Record<string, TopicSlug>> = {
  KinhDoanh: 'economy',
  PhapLuat: 'security_defense',
  TheGioi: 'world_affairs',
  SucKhoe: 'health',
  GiaoDuc: 'education',
};

/** A line of either dataset, as read from JSONL. */
export interface ThirdPartyLine {
  readonly text: string;
  readonly label: string;
  readonly toxicity?: number;
}

/** The mapped, strictly scorable lines of a dataset as `{text, topic}`. */
export function mapStrict(lines: readonly ThirdPartyLine[], mapping: Readonly<Record<string, TopicSlug>>): { text: string; topic: TopicSlug }[] {
  return lines.flatMap((l) => (mapping[l.label] ? [{ text: l.text, topic: mapping[l.label] as TopicSlug }] : []));
}

/** ViCTSD toxicity as the weak proxy "angry vs not angry" (README: ⚠, a proxy only). */
export function toxicityAsAnger(lines: readonly ThirdPartyLine[]): { text: string; mood: 'angry' | 'not_angry' }[] {
  return lines.flatMap((l) => (l.toxicity === 0 || l.toxicity === 1 ? [{ text: l.text, mood: l.toxicity === 1 ? 'angry' as const : 'not_angry' as const }] : []));
}
