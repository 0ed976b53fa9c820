/**
 * Charts of the dashboard drawn on the server with Apache ECharts (SVG renderer, no browser
 * script) and shown as `data:` images, so the page's CSP stays free of inline scripts and
 * styles; each chart also has its figures as a table next to it (screen readers, phones).
 * ECharts escapes every label it writes into the SVG.
 */
import type { ChartOption } from '../../charts/echarts-svg.js';

export interface Series {
  name: string;
  values: number[];
  color?: string;
}

const PALETTE = ['#2f6db5', '#d9822b', '#3c9d5d', '#b8433d', '#7a5cb8', '#6b7280', '#c2a30a', '#1f9aa6'];

type Render = typeof import('../../charts/echarts-svg.js').renderSvg;

function render(renderSvg: Render, option: ChartOption, width: number, height: number): string {
  return renderSvg({ color: PALETTE, textStyle: { fontFamily: 'Noto Sans, DejaVu Sans, sans-serif' }, ...option }, width, height);
}

/** A stacked bar chart per day (volume by mood, topics over time), as a data: URI. */
function stackedBars(renderSvg: Render, categories: string[], series: Series[], opts: { width?: number; height?: number } = {}): string {
  const svg = render(
    renderSvg,
    {
      grid: { left: 40, right: 12, top: 40, bottom: 30 },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'all', data: s.values, ...(s.color ? { itemStyle: { color: s.color } } : {}) })),
    },
    opts.width ?? 720,
    opts.height ?? 280,
  );
  return svgDataUri(svg);
}

/** A horizontal bar chart of one figure per label (topics now vs before). */
function horizontalBars(renderSvg: Render, labels: string[], series: Series[], opts: { width?: number; height?: number } = {}): string {
  const svg = render(
    renderSvg,
    {
      grid: { left: 150, right: 16, top: 30, bottom: 20 },
      legend: { top: 0 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values })),
    },
    opts.width ?? 720,
    opts.height ?? Math.max(160, 40 + labels.length * 26),
  );
  return svgDataUri(svg);
}

export interface ChartKit {
  stackedBars(categories: string[], series: Series[], opts?: { width?: number; height?: number }): string;
  horizontalBars(labels: string[], series: Series[], opts?: { width?: number; height?: number }): string;
}

let kit: Promise<ChartKit> | null = null;

/**
 * The chart functions. ECharts (~25 MB resident with its bar chart) is loaded by the first page
 * that draws a chart, not by every web process at start.
 */
export function chartKit(): Promise<ChartKit> {
  kit ??= import('../../charts/echarts-svg.js').then(({ renderSvg }) => ({
    stackedBars: (c, s, o) => stackedBars(renderSvg, c, s, o),
    horizontalBars: (l, s, o) => horizontalBars(renderSvg, l, s, o),
  }));
  return kit;
}

export const svgDataUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
