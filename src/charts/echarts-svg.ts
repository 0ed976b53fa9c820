/**
 * Apache ECharts on the server: an option rendered to an SVG document with the SVG renderer in
 * SSR mode (no DOM, no browser script). Used by the dashboard's charts and the digest's chart.
 */
import * as echarts from 'echarts';

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
