/**
 * Renders a DigestModel as Telegram HTML sections in the leader's language. Every piece of
 * text that came from people (unit names, titles, quotes, proposals, names) is escaped here;
 * Fluent strings are trusted markup. `renderDigestMessages` splits the result at 4,096.
 */
import { MOODS, type Language } from '../vocabulary.js';
import { escapeHtml, splitMessages } from './html.js';
import type { Compared, DigestModel } from './model.js';

/** A translate function bound to the leader's language. */
export type DigestT = (key: string, vars?: Record<string, string | number>) => string;

const QUOTE_MAX = 220;

/** Shortens raw text before escaping, so that an entity is never cut. */
export function clip(text: string, max = QUOTE_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** "▲ +3 (+25%)", "▼ −2 (−10%)", "= 0", or "new" when there was nothing before. */
export function formatChange(c: Compared, t: DigestT): string {
  const diff = c.current - c.previous;
  if (c.previous === 0) return c.current === 0 ? '= 0' : t('digest-change-new');
  const pct = Math.round((diff / c.previous) * 100);
  if (diff > 0) return `▲ +${diff} (+${pct}%)`;
  if (diff < 0) return `▼ −${-diff} (−${-pct}%)`;
  return '= 0';
}

/** The digest's first line and date range (also the chart photo's caption). */
export function digestHeader(m: DigestModel, t: DigestT): string {
  const range = m.firstDate === m.lastDate ? m.firstDate : `${m.firstDate} – ${m.lastDate}`;
  return `<b>${t(`digest-title-${m.period}`, { unit: escapeHtml(m.unit.name) })}</b>\n${escapeHtml(range)}`;
}

/** One decimal in the reader's convention (6,0 in Vietnamese, 6.0 in English). */
function decimal(n: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

function headline(m: DigestModel, t: DigestT, lang: Language): string {
  const h = m.headline;
  return [
    `<b>${t('digest-section-headline')}</b>`,
    `• ${t('digest-headline-reports', { count: h.reports.current })} ${formatChange(h.reports, t)}`,
    `• ${t('digest-headline-collaborators', { count: h.collaborators.current })} ${formatChange(h.collaborators, t)}`,
    `• ${t('digest-headline-units', { count: h.units.current })} ${formatChange(h.units, t)}`,
    `• ${t('digest-headline-average', { perDay: decimal(h.perDay, lang), avg: decimal(h.avgPerDay7, lang) })}`,
  ].join('\n');
}

function moods(m: DigestModel, t: DigestT): string {
  const total = MOODS.reduce((s, k) => s + m.moods[k], 0) || 1;
  const lines = MOODS.filter((k) => m.moods[k] > 0).map(
    (k) => `• ${t(`digest-mood-${k}`)}: ${m.moods[k]} (${Math.round((m.moods[k] / total) * 100)}%)`,
  );
  return [`<b>${t('digest-section-moods')}</b>`, ...lines].join('\n');
}

function topics(m: DigestModel, t: DigestT, lang: Language): string {
  const lines = m.topics.map(
    (x, i) => `${i + 1}. ${escapeHtml(lang === 'en' ? x.nameEn : x.nameVi)}: ${x.count} ${formatChange({ current: x.count, previous: x.previous }, t)}`,
  );
  return [`<b>${t('digest-section-topics')}</b>`, ...lines].join('\n');
}

function groups(m: DigestModel, t: DigestT): string | null {
  if (!m.groups.length) return null;
  const blocks = m.groups.map((g, i) => {
    const head = `${i + 1}. <b>${escapeHtml(clip(g.title, 120))}</b>\n   ${t('digest-group-stats', { count: g.count, units: g.units })} ${formatChange({ current: g.count, previous: g.previous }, t)}`;
    const quotes = g.quotes.map((q) => `   <i>«${escapeHtml(clip(q.text))}»</i> <code>${escapeHtml(q.reference)}</code>`);
    return [head, ...quotes].join('\n');
  });
  return [`<b>${t('digest-section-groups')}</b>`, ...blocks].join('\n');
}

function alerts(m: DigestModel, t: DigestT): string | null {
  if (!m.alerts.length) return null;
  const lines = m.alerts.map(
    (a) =>
      `• ${t(`digest-alert-level-${a.level}`)} · ${escapeHtml(clip(a.title ?? a.reference, 120))} · ${escapeHtml(a.unitName)} · ${t('digest-alert-stats', { count: a.reportCount, units: a.unitCount })} · ${t(`digest-alert-status-${a.status}`)}`,
  );
  return [`<b>${t('digest-section-alerts', { count: m.alerts.length })}</b>`, ...lines].join('\n');
}

function proposals(m: DigestModel, t: DigestT): string | null {
  if (!m.proposals.length) return null;
  const lines = m.proposals.map((p) => `• «${escapeHtml(clip(p.text))}» — ${escapeHtml(p.unitName)} <code>${escapeHtml(p.reference)}</code>`);
  return [`<b>${t('digest-section-proposals')}</b>`, ...lines].join('\n');
}

function silent(m: DigestModel, t: DigestT): string | null {
  if (!m.silentUnits.total) return null;
  const names = m.silentUnits.items.map((u) => escapeHtml(u.name)).join(', ');
  const more = m.silentUnits.total - m.silentUnits.items.length;
  return `<b>${t('digest-section-silent', { count: m.silentUnits.total })}</b>\n${names}${more > 0 ? ` ${t('digest-and-more', { count: more })}` : ''}`;
}

function inactive(m: DigestModel, t: DigestT): string | null {
  const x = m.inactiveMembers;
  if (!x.total) return null;
  const names = x.items.map((p) => `${escapeHtml(p.name)} (${escapeHtml(p.unitName)})`).join(', ');
  const more = x.total - x.items.length;
  return `<b>${t('digest-section-inactive', { count: x.total, days: x.days })}</b>\n${names}${more > 0 ? ` ${t('digest-and-more', { count: more })}` : ''}`;
}

/** The digest as HTML sections (header first). An empty period gives a short "no reports" digest. */
export function renderDigestSections(m: DigestModel, t: DigestT, lang: Language): string[] {
  if (m.headline.reports.current === 0) {
    const extra = m.alerts.length ? [t('digest-empty-alerts', { count: m.alerts.length })] : [];
    return [`${digestHeader(m, t)}\n\n${t('digest-no-reports')}`, ...extra];
  }
  const sections = [digestHeader(m, t), headline(m, t, lang), moods(m, t), topics(m, t, lang), groups(m, t), alerts(m, t), proposals(m, t), silent(m, t), inactive(m, t)];
  return sections.filter((s): s is string => s !== null);
}

/** The digest as Telegram messages of at most 4,096 characters each. */
export function renderDigestMessages(m: DigestModel, t: DigestT, lang: Language): string[] {
  return splitMessages(renderDigestSections(m, t, lang));
}

/** A plain-text rendering (tags stripped, entities decoded) for the operators' CLI. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
