// Bed turnover: admissions and discharges per day (bars) and their difference (line); days on
// which discharges exceed admissions are marked green on the axis.
(function () {
  const el = document.getElementById('turnover-chart');
  const source = document.getElementById('turnover-data');
  if (!el || !source) return;
  const data = JSON.parse(source.textContent);
  const axis = { axisLabel: { color: '#8ea6c9' }, splitLine: { lineStyle: { color: '#1f3a63' } }, axisLine: { lineStyle: { color: '#1f3a63' } } };
  const chart = echarts.init(el);
  window.addEventListener('resize', () => chart.resize());
  chart.setOption({
    animation: false, backgroundColor: 'transparent', tooltip: { trigger: 'axis' },
    legend: { textStyle: { color: '#e6eefb' }, top: 0 },
    grid: { left: 50, right: 30, top: 36, bottom: 30 },
    xAxis: Object.assign({ type: 'category', data: data.days }, axis, {
      axisLabel: { color: '#8ea6c9', formatter: (v, i) => data.exceed[i] ? '{up|' + v + '}' : v, rich: { up: { color: '#4ade80', fontWeight: 'bold' } } },
    }),
    yAxis: Object.assign({ type: 'value', minInterval: 1 }, axis),
    series: [
      { name: data.labels.admissions, type: 'bar', data: data.admissions, itemStyle: { color: '#f97316' } },
      { name: data.labels.discharges, type: 'bar', data: data.discharges, itemStyle: { color: '#4ade80' } },
      { name: data.labels.net, type: 'line', data: data.discharges.map((d, i) => d - data.admissions[i]), itemStyle: { color: '#36c2ff' }, symbolSize: 6 },
    ],
  });
  el.dataset.rendered = 'true';
})();
