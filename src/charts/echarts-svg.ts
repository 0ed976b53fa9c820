/**
 * Apache ECharts on the server: an option rendered to an SVG document with the SVG renderer in
 * SSR mode (no DOM, no browser script). Used by the dashboard's charts and the digest's chart.
 * Only what they draw is registered (ECharts' documented minimal import through `echarts/core`):
 * the full `echarts` entry loads ~500 modules and tens of MB into every process that charts.
 * A chart needing another series type or component registers it here.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** Renders one option to SVG; the chart instance is disposed whatever happens. */
export function renderSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
