/**
 * The digest's one chart: mood by topic (stacked horizontal bars, top topics) beside the
 * 7-day report volume, drawn as SVG and rendered to PNG by @resvg/resvg-js with the DejaVu
 * fonts (full Vietnamese coverage). 1200×800 with large type, legible on a phone.
 * The adapter behind app/digests' DigestChart port.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { DigestModel } from '../domain/digest/model.js';
import type { DigestT } from '../domain/digest/render.js';
import { escapeHtml } from '../domain/digest/html.js';
import { MOODS, type Language, type Mood } from '../domain/vocabulary.js';

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 800;
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
/** Only the two faces the chart uses: loading a whole font folder per render costs ~70 ms. */
const FONT_FILES = [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`].filter((f) => existsSync(f));
const FONT = 'DejaVu Sans';

/** Colours from calm to angry, distinguishable in greyscale too. */
export const MOOD_COLOURS: Record<Mood, string> = {
  supportive: '#2e7d32',
  neutral: '#9e9e9e',
  skeptical: '#f9a825',
  worried: '#ef6c00',
  angry: '#c62828',
};

const text = (x: number, y: number, size: number, body: string, extra = '') =>
  `<text x="${x}" y="${y}" font-size="${size}" font-family="${FONT}" fill="#212121" ${extra}>${escapeHtml(body)}</text>`;

function moodByTopic(m: DigestModel, lang: Language, t: DigestT): string[] {
  const top = m.topics.slice(0, 7);
  const max = Math.max(1, ...top.map((x) => x.count));
  const out = [text(40, 125, 28, t('digest-chart-topics'), 'font-weight="bold"')];
  const barMax = 640;
  top.forEach((topic, i) => {
    const y = 170 + i * 78;
    out.push(text(40, y, 24, clipLabel(lang === 'en' ? topic.nameEn : topic.nameVi)));
    let x = 40;
    for (const mood of MOODS) {
      const n = m.topicMoods.find((c) => c.slug === topic.slug && c.mood === mood)?.count ?? 0;
      if (!n) continue;
      const w = (n / max) * barMax;
      out.push(`<rect x="${x.toFixed(1)}" y="${y + 10}" width="${w.toFixed(1)}" height="32" fill="${MOOD_COLOURS[mood]}"/>`);
      x += w;
    }
    out.push(text(x + 10, y + 36, 24, String(topic.count), 'font-weight="bold"'));
  });
  if (!top.length) out.push(text(40, 200, 26, t('digest-no-reports')));
  return out;
}

function clipLabel(s: string, max = 42): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

function volume(m: DigestModel, t: DigestT): string[] {
  const left = 780;
  const bottom = 660;
  const height = 440;
  const max = Math.max(1, ...m.volume7.map((v) => v.count));
  const out = [text(left, 125, 28, t('digest-chart-volume'), 'font-weight="bold"')];
  out.push(`<line x1="${left}" y1="${bottom}" x2="${left + 410}" y2="${bottom}" stroke="#616161" stroke-width="2"/>`);
  m.volume7.forEach((v, i) => {
    const x = left + 6 + i * 58;
    const h = (v.count / max) * height;
    out.push(`<rect x="${x}" y="${(bottom - h).toFixed(1)}" width="46" height="${h.toFixed(1)}" fill="#1565c0"/>`);
    out.push(text(x + 23, bottom - h - 10, 22, String(v.count), 'text-anchor="middle"'));
    out.push(text(x + 23, bottom + 30, 18, `${v.date.slice(8, 10)}/${v.date.slice(5, 7)}`, 'text-anchor="middle"'));
  });
  return out;
}

function legend(t: DigestT): string[] {
  const out: string[] = [];
  let x = 40;
  for (const mood of MOODS) {
    const label = t(`digest-mood-${mood}`);
    out.push(`<rect x="${x}" y="742" width="26" height="26" fill="${MOOD_COLOURS[mood]}"/>`);
    out.push(text(x + 34, 764, 22, label));
    x += 60 + Array.from(label).length * 13;
  }
  return out;
}

/** The chart as an SVG document. */
export function digestChartSvg(m: DigestModel, t: DigestT, lang: Language): string {
  const range = m.firstDate === m.lastDate ? m.firstDate : `${m.firstDate} – ${m.lastDate}`;
  const body = [
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    text(40, 62, 32, clipLabel(`${t(`digest-title-${m.period}`, { unit: m.unit.name })} · ${range}`, 62), 'font-weight="bold"'),
    ...moodByTopic(m, lang, t),
    ...volume(m, t),
    ...legend(t),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">${body.join('')}</svg>`;
}

/** Renders any SVG to PNG with the system fonts (DejaVu). */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: FONT_FILES.length === 0, fontFiles: FONT_FILES, defaultFontFamily: FONT, sansSerifFamily: FONT },
  });
  return resvg.render().asPng();
}

/** The digest chart as PNG bytes. */
export function renderDigestChart(m: DigestModel, t: DigestT, lang: Language): Buffer {
  return svgToPng(digestChartSvg(m, t, lang));
}

/** The DigestChart port (app/digests/ports.ts) over this renderer. */
export const digestChart = { png: renderDigestChart };
