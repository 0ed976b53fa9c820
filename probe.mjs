import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
chart.setOption({ animation: false, xAxis: { type: 'category', data: ['a','b'] }, yAxis: {}, legend: {}, series: [{ name: 'Lo lắng <x>', type: 'bar', stack: 's', data: [1,2] }] });
const svg = chart.renderToSVGString();
console.log(svg.match(/style="[^"]*"/g), svg.match(/<style[\s\S]*?<\/style>/g), svg.match(/Lo l[^<]*/g));
