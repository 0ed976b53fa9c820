import { describe, expect, it } from 'vitest';
import { escapeHtml, splitMessages, splitSection, TELEGRAM_MESSAGE_LIMIT } from '../../../../src/domain/digest/html.js';
import { renderDigestMessages, renderDigestSections } from '../../../../src/domain/digest/render.js';
import type { DigestModel } from '../../../../src/domain/digest/model.js';

/** Telegram-HTML validity as the Bot API checks it: tags balanced and properly nested, entities whole. */
function assertValidTelegramHtml(msg: string): void {
  const stack: string[] = [];
  for (const m of msg.matchAll(/<(\/?)([a-z-]+)(?:\s[^<>]*)?>|<|>|&(#?[a-z0-9]+;)?/gi)) {
    if (m[0] === '<' || m[0] === '>') throw new Error(`stray ${m[0]} in ${msg.slice(Math.max(0, m.index! - 20), m.index! + 20)}`);
    if (m[0].startsWith('&')) {
      if (!m[3]) throw new Error('broken entity');
      continue;
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) throw new Error(`mis-nested </${m[2]}>`);
    } else stack.push(m[2]!);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('><')}>`);
}

const tIdentity = (key: string, vars?: Record<string, string | number>) => (vars ? `${key}(${Object.values(vars).join(',')})` : key);

function model(overrides: Partial<DigestModel> = {}): DigestModel {
  return {
    unit: { id: 1, name: 'Chi bộ <A> & "B"' },
    period: 'day',
    key: '2026-11-25',
    tz: 'Asia/Ho_Chi_Minh',
    from: new Date('2026-11-24T17:00:00Z'),
    to: new Date('2026-11-25T17:00:00Z'),
    firstDate: '25/11/2026',
    lastDate: '25/11/2026',
    headline: { reports: { current: 3, previous: 2 }, collaborators: { current: 2, previous: 2 }, units: { current: 1, previous: 1 }, avgPerDay7: 1, perDay: 3 },
    moods: { supportive: 1, neutral: 0, skeptical: 0, worried: 1, angry: 1 },
    topics: [{ slug: 'economy', nameVi: 'Kinh tế', nameEn: 'Economy', count: 3, previous: 2 }],
    topicMoods: [],
    groups: [
      {
        id: 7,
        title: 'Giá <b>xăng</b>',
        count: 3,
        units: 1,
        previous: 0,
        quotes: [{ reference: 'R-2026-000001', text: 'see <a href="http://evil.example">here</a> & <b>now</b>' }],
      },
    ],
    alerts: [],
    proposals: [{ reference: 'R-2026-000002', unitName: 'Tổ <i>1</i>', text: '<script>alert(1)</script>' }],
    silentUnits: { items: [], total: 0 },
    inactiveMembers: { items: [], total: 0, days: 7 },
    volume7: [],
    ...overrides,
  };
}

describe('escaping of user text in digests', () => {
  it('escapes <, >, & and quotes', () => {
    expect(escapeHtml('<a href="x">y</a> & z')).toBe('&lt;a href=&quot;x&quot;&gt;y&lt;/a&gt; &amp; z');
  });
  it('renders report text with <b> and <a href> escaped, never as markup', () => {
    const html = renderDigestMessages(model(), tIdentity, 'vi').join('\n');
    expect(html).toContain('see &lt;a href=&quot;http://evil.example&quot;&gt;here&lt;/a&gt; &amp; &lt;b&gt;now&lt;/b&gt;');
    expect(html).toContain('Giá &lt;b&gt;xăng&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('Chi bộ &lt;A&gt; &amp; &quot;B&quot;');
    expect(html).not.toMatch(/<a\s/);
    expect(html).not.toContain('<script>');
    assertValidTelegramHtml(html);
  });
  it('an empty period is a short "no reports" digest', () => {
    const empty = model({ headline: { ...model().headline, reports: { current: 0, previous: 4 } } });
    const sections = renderDigestSections(empty, tIdentity, 'en');
    expect(sections.join('\n')).toContain('digest-no-reports');
    expect(sections.join('\n')).not.toContain('digest-section-topics');
  });
});

describe('splitting a digest at 4,096 characters', () => {
  it('splits a 30,000-character digest into valid messages on section boundaries', () => {
    const sections = Array.from({ length: 60 }, (_, i) =>
      [`<b>Section ${i} &amp; co</b>`, ...Array.from({ length: 8 }, (_, j) => `• <i>line ${j} ${'ờ'.repeat(40)}</i> <code>R-${i}-${j}</code> &lt;x&gt;`)].join('\n'),
    );
    expect(sections.join('\n\n').length).toBeGreaterThan(30_000);
    const messages = splitMessages(sections);
    expect(messages.length).toBeGreaterThanOrEqual(8);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      assertValidTelegramHtml(m);
      expect(m.startsWith('<b>Section')).toBe(true);
    }
    expect(messages.join('\n\n')).toBe(sections.join('\n\n'));
  });

  it('splits one oversized section on line boundaries, closing and reopening open tags', () => {
    const lines = Array.from({ length: 700 }, (_, i) => `item ${i} &amp; <b>bold ${i}</b> ờ`);
    const section = `<blockquote><b>Head</b>\n${lines.join('\n')}</blockquote>`;
    expect(section.length).toBeGreaterThan(20_000);
    const parts = splitSection(section);
    expect(parts.length).toBeGreaterThan(4);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      assertValidTelegramHtml(p);
      expect(p.startsWith('<blockquote>')).toBe(true);
      expect(p.endsWith('</blockquote>')).toBe(true);
    }
    const text = parts.map((p) => p.replace(/<\/?blockquote>/g, '')).join('\n');
    expect(text).toBe(section.replace(/<\/?blockquote>/g, ''));
  });

  it('cuts a single line longer than the limit between tokens, never inside an entity or tag', () => {
    const line = `<b>${'a&amp;b '.repeat(1500)}</b>`;
    const parts = splitSection(line, 1000);
    expect(parts.length).toBeGreaterThan(10);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      assertValidTelegramHtml(p);
    }
  });
});
