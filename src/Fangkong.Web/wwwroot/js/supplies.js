// Supplies pages. Forms that run the engine or create many orders take seconds on a whole city:
// the button says so and cannot be pressed twice.
document.querySelectorAll('form[data-busy]').forEach(form => form.addEventListener('submit', () => {
  form.querySelectorAll('button[type=submit]').forEach(b => { b.disabled = true; b.textContent = form.dataset.busy; });
}));

// Another planner, storekeeper or site changed stock or a delivery in this jurisdiction: offer a
// refresh rather than reloading under someone typing a received quantity.
const liveBanner = document.querySelector('[data-live-banner]');
if (liveBanner && window.fangkongLive) window.fangkongLive.on('suppliesChanged', () => { liveBanner.hidden = false; });

// Supplies board: days of supply per division as bars, coloured by the warning thresholds; a click
// drills into the division.
(function () {
  const el = document.getElementById('supply-chart');
  const source = document.getElementById('supplies-data');
  if (!el || !source) return;
  const data = JSON.parse(source.textContent);
  const [critical, high, warning] = data.thresholds;
  const colour = d => d === null ? '#475569' : d < critical ? '#e11d48' : d < high ? '#f97316' : d < warning ? '#fbbf24' : '#36c2ff';
  const axis = { axisLabel: { color: '#8ea6c9' }, splitLine: { lineStyle: { color: '#1f3a63' } }, axisLine: { lineStyle: { color: '#1f3a63' } } };
  const chart = echarts.init(el);
  chart.setOption({
    animation: false, backgroundColor: 'transparent', tooltip: { trigger: 'axis' },
    grid: { left: 90, right: 30, top: 10, bottom: 30 },
    xAxis: Object.assign({ type: 'value', name: data.label, nameLocation: 'middle', nameGap: 22, nameTextStyle: { color: '#8ea6c9' } }, axis),
    yAxis: Object.assign({ type: 'category', data: data.names, inverse: true }, axis),
    series: [{
      name: data.label, type: 'bar',
      data: data.days.map(d => ({ value: d, itemStyle: { color: colour(d) } })),
      markLine: { symbol: 'none', silent: true, lineStyle: { color: '#fbbf24', type: 'dashed' }, data: [{ xAxis: warning }] },
      label: { show: true, position: 'right', color: '#e6eefb', formatter: p => p.value === null || p.value === undefined ? '—' : p.value.toFixed(1) },
    }],
  });
  chart.on('click', p => { window.location.href = `?productId=${data.productId}&division=${data.codes[p.dataIndex]}`; });
  el.dataset.rendered = 'true';
  window.addEventListener('resize', () => chart.resize());
})();
