/**
 * Renders a draft for people: the review card (every field, user text escaped for Telegram
 * HTML) and the plain echo of what was typed when a draft is dropped.
 */
import type { ReportDraft } from '../../domain/report-draft.js';
import { escapeHtml, sanitizeText, truncateText } from '../../domain/text.js';
import type { Language } from '../../domain/vocabulary.js';
import type { Translate } from '../i18n.js';
import type { TopicOption } from '../keyboards/report.js';

/** The topic's name in the person's language ("let the system decide" for auto). */
export function topicLabel(slug: string | null, topics: readonly TopicOption[], lang: Language, t: Translate): string {
  if (!slug) return t(lang, 'intake-review-none');
  if (slug === 'auto') return t(lang, 'intake-topic-auto');
  const topic = topics.find((x) => x.slug === slug);
  return topic ? (lang === 'en' ? topic.nameEn : topic.nameVi) : slug;
}

/** The review card's HTML text. */
export function renderReviewCard(d: ReportDraft, topics: readonly TopicOption[], lang: Language, t: Translate): string {
  const none = t(lang, 'intake-review-none');
  const label = (prefix: string, v: string | null) => (v ? t(lang, `intake-${prefix}-${v}`) : none);
  return t(lang, 'intake-review', {
    topic: escapeHtml(topicLabel(d.topic, topics, lang, t)),
    content: escapeHtml(d.content),
    attachment: d.attachment ? t(lang, 'intake-review-attachment') : '',
    mood: escapeHtml(label('mood', d.mood)),
    spread: escapeHtml(label('spread', d.spread)),
    source: escapeHtml(label('source', d.source)),
    proposal: d.proposal ? escapeHtml(d.proposal) : none,
  });
}

/** What the person typed, escaped, for the "draft dropped" message. */
export function draftEcho(d: ReportDraft): string {
  return [d.content, d.proposal].filter((x): x is string => !!x).map(escapeHtml).join('\n\n');
}

/**
 * A short preview of what the person sent, safe to echo back: sanitised first (no bidi
 * overrides, control characters or lone surrogates go back out), cut, then escaped.
 */
export function preview(text: string, max = 400): string {
  return escapeHtml(truncateText(sanitizeText(text), max));
}
