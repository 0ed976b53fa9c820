import { describe, expect, it } from 'vitest';
import { digestChartSvg, renderDigestChart } from '../../../src/charts/digest-chart.js';
import type { DigestModel } from '../../../src/domain/digest/model.js';

const t = (key: string, vars?: Record<string, string | number>) => (vars?.unit ? `${key}:${vars.unit}` : key);

function model(over: Partial<DigestModel> = {}): DigestModel {
  return {
    unit: { id: 1, name: 'Chi bộ <script>alert(1)</script> & Co' },
    period: 'day',
    firstDate: '2026-11-30',
    lastDate: '2026-11-30',
    topics: [
      { slug: 'economy', nameVi: 'Kinh tế, đời sống', nameEn: 'Economy', count: 5 },
      { slug: 'health', nameVi: 'Y tế', nameEn: 'Health', count: 2 },
    ],
    topicMoods: [
      { slug: 'economy', mood: 'angry', count: 3 },
      { slug: 'economy', mood: 'worried', count: 2 },
      { slug: 'health', mood: 'supportive', count: 2 },
    ],
    volume7: Array.from({ length: 7 }, (_, i) => ({ date: `2026-11-${24 + i}`, count: i * 2 + 1 })),
    ...over,
  } as DigestModel;
}

describe('the digest chart (ECharts SVG → PNG)', () => {
  it('draws each top topic with its count in the reader language, and every day of the week', async () => {
    const vi = await digestChartSvg(model(), t, 'vi');
    expect(vi).toContain('Kinh tế, đời sống (5)');
    expect(vi).toContain('Y tế (2)');
    for (let d = 24; d <= 30; d++) expect(vi).toContain(`${d}/11`);
    const en = await digestChartSvg(model(), t, 'en');
    expect(en).toContain('Economy (5)');
    expect(en).not.toContain('Kinh tế');
  });

  it('writes a hostile unit name as text, never as markup', async () => {
    const svg = await digestChartSvg(model(), t, 'vi');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('says so when the period has no reports', async () => {
    expect(await digestChartSvg(model({ topics: [], topicMoods: [] }), t, 'vi')).toContain('digest-no-reports');
  });

  it('renders a 1200×800 PNG', async () => {
    const png = await renderDigestChart(model(), t, 'vi');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(800);
  });
});
