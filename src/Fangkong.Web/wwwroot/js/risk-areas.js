// Risk map: each district coloured by how many of its committees are at the top level today; where
// no district outline ships (below city level), a stacked bar per child division instead.
(function () {
  const el = document.getElementById('risk-map');
  const source = document.getElementById('risk-data');
  if (!el || !source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const chart = echarts.init(el);
  const max = Math.max(1, ...data.top);
  function bars() {
    chart.setOption({
      tooltip: { trigger: 'axis' }, legend: { textStyle: { color: '#8ea6c9' } },
      grid: { left: 40, right: 16, top: 30, bottom: 70 },
      xAxis: { type: 'category', data: data.names, axisLabel: { color: '#8ea6c9', rotate: 40 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#8ea6c9' } },
      series: data.levels.map(l => ({ type: 'bar', stack: 'areas', name: l.name, data: l.counts, itemStyle: { color: l.colour } })),
    });
    el.dataset.ready = 'true';
  }
  function map() {
    chart.setOption({
      tooltip: { trigger: 'item', formatter: p => {
        const i = data.names.indexOf(p.name);
        return i < 0 ? p.name : `<b>${p.name}</b><br/>` + data.levels.map(l => `${l.name}: ${l.counts[i]}`).join('<br/>');
      } },
      visualMap: { min: 0, max: max, calculable: true, left: 10, bottom: 10, text: [data.topLevel, ''], textStyle: { color: '#8ea6c9' },
        inRange: { color: ['#13284a', '#fbbf24', '#f97316', data.colour] } },
      series: [{ type: 'map', map: data.mapName, roam: true, layoutCenter: ['50%', '50%'], layoutSize: '98%',
        label: { show: true, color: '#e6eefb', fontSize: 11 }, itemStyle: { borderColor: '#0a1424', areaColor: '#13284a' },
        data: data.names.map((n, i) => ({ name: n, value: data.top[i] })) }],
    });
    chart.on('click', p => { const i = data.names.indexOf(p.name); if (i >= 0) location.href = '?division=' + data.codes[i]; });
    el.dataset.ready = 'true';
  }
  if (data.mapName) {
    fetch('/lib/maps/' + data.mapName + '.json').then(r => r.json()).then(geo => { echarts.registerMap(data.mapName, geo); map(); }).catch(bars);
  } else {
    bars();
  }
  window.addEventListener('resize', () => chart.resize());
})();
