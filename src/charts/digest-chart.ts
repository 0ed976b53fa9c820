/**
 * The digest's one chart: mood by topic (stacked horizontal bars, top topics) beside the
 * 7-day report volume, drawn with Apache ECharts (its server-side SVG renderer, the library the
 * dashboard's charts use) and rendered to PNG by @resvg/resvg-js with the DejaVu
 * fonts (full Vietnamese coverage). 1200×800 with large type, legible on a phone.
 * The adapter behind app/digests' DigestChart port.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { ChartOption } from './echarts-svg.js';
import type { DigestModel } from '../domain/digest/model.js';
import type { DigestT } from '../domain/digest/render.js';
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

function clipLabel(s: string, max = 42): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/**
 * The chart's ECharts option: two grids side by side — the top topics as horizontal bars stacked
 * by mood (the topic's count in its label), the last seven days' volume as columns — the title on
 * top and the moods' legend at the bottom.
 */
export function digestChartOption(m: DigestModel, t: DigestT, lang: Language): ChartOption {
  const range = m.firstDate === m.lastDate ? m.firstDate : `${m.firstDate} – ${m.lastDate}`;
  const top = m.topics.slice(0, 7);
  const topicLabels = top.map((topic) => `${clipLabel(lang === 'en' ? topic.nameEn : topic.nameVi, 24)} (${topic.count})`);
  const moodSeries = MOODS.map((mood) => ({
    name: t(`digest-mood-${mood}`),
    type: 'bar',
    stack: 'moods',
    xAxisIndex: 0,
    yAxisIndex: 0,
    barWidth: 34,
    itemStyle: { color: MOOD_COLOURS[mood] },
    data: top.map((topic) => m.topicMoods.find((c) => c.slug === topic.slug && c.mood === mood)?.count ?? 0),
  }));
  const volume = {
    name: t('digest-chart-volume'),
    type: 'bar',
    xAxisIndex: 1,
    yAxisIndex: 1,
    barWidth: 40,
    itemStyle: { color: '#1565c0' },
    label: { show: true, position: 'top', fontSize: 20, color: '#212121' },
    data: m.volume7.map((v) => v.count),
  };
  const axisText = { fontSize: 20, color: '#212121' };
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT },
    title: [
      { text: clipLabel(`${t(`digest-title-${m.period}`, { unit: m.unit.name })} · ${range}`, 62), left: 40, top: 24, textStyle: { fontSize: 32, color: '#212121' } },
      { text: t('digest-chart-topics'), left: 40, top: 100, textStyle: { fontSize: 26, color: '#212121' } },
      { text: t('digest-chart-volume'), left: 780, top: 100, textStyle: { fontSize: 26, color: '#212121' } },
      ...(top.length ? [] : [{ text: t('digest-no-reports'), left: 40, top: 220, textStyle: { fontSize: 26, color: '#616161', fontWeight: 'normal' } }]),
    ],
    legend: { bottom: 24, left: 40, itemGap: 24, itemWidth: 26, itemHeight: 26, textStyle: { fontSize: 22, color: '#212121' }, data: moodSeries.map((x) => x.name) },
    grid: [
      { left: 330, width: 380, top: 160, bottom: 110 },
      { left: 800, width: 360, top: 160, bottom: 110 },
    ],
    xAxis: [
      { gridIndex: 0, type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } },
      { gridIndex: 1, type: 'category', data: m.volume7.map((v) => `${v.date.slice(8, 10)}/${v.date.slice(5, 7)}`), axisLabel: { ...axisText, fontSize: 16, interval: 0 } },
    ],
    yAxis: [
      { gridIndex: 0, type: 'category', inverse: true, data: topicLabels, axisLabel: { ...axisText, width: 280, overflow: 'truncate' }, axisTick: { show: false } },
      { gridIndex: 1, type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } },
    ],
    series: [...moodSeries, volume],
  };
}

/**
 * The chart as an SVG document (ECharts' server-side SVG renderer; it escapes every label).
 * ECharts is loaded on the first chart, not with the module: a bot or workers process that
 * never draws one does not carry it (~40 MB resident).
 */
export async function digestChartSvg(m: DigestModel, t: DigestT, lang: Language): Promise<string> {
  const { renderSvg } = await import('./echarts-svg.js');
  return renderSvg(digestChartOption(m, t, lang), CHART_WIDTH, CHART_HEIGHT);
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
export async function renderDigestChart(m: DigestModel, t: DigestT, lang: Language): Promise<Buffer> {
  return svgToPng(await digestChartSvg(m, t, lang));
}

/** The DigestChart port (app/digests/ports.ts) over this renderer. */
export const digestChart = { png: renderDigestChart };
