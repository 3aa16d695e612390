// Hotline analysis: tickets per district stacked by category, with the overdue share on a second axis.
(function () {
  const el = document.getElementById('tickets-chart');
  const source = document.getElementById('tickets-data');
  if (!el || !source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const axis = { axisLabel: { color: '#8ea6c9' }, splitLine: { lineStyle: { color: '#1f3a63' } }, axisLine: { lineStyle: { color: '#1f3a63' } } };
  const colours = ['#e11d48', '#f97316', '#36c2ff', '#a78bfa', '#22c55e', '#94a3b8'];
  const chart = echarts.init(el);
  chart.setOption({
    animation: false, backgroundColor: 'transparent', color: colours,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: '#e6eefb' } },
    grid: { left: 50, right: 50, top: 40, bottom: 70 },
    xAxis: Object.assign({ type: 'category', data: data.districts, axisLabel: { color: '#8ea6c9', rotate: 40 } }, { axisLine: axis.axisLine }),
    yAxis: [
      Object.assign({ type: 'value' }, axis),
      Object.assign({ type: 'value', name: data.overdueLabel, min: 0, max: 100, axisLabel: { color: '#8ea6c9', formatter: '{value}%' }, splitLine: { show: false } }),
    ],
    series: data.series.map(s => ({ name: s.name, type: 'bar', stack: 'tickets', data: s.data }))
      .concat([{ name: data.overdueLabel, type: 'line', yAxisIndex: 1, data: data.overdueShare, itemStyle: { color: '#fbbf24' }, lineStyle: { color: '#fbbf24' } }]),
  });
  el.dataset.rendered = 'true';
  window.addEventListener('resize', () => chart.resize());
})();
