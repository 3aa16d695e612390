// Treatment capacity: occupancy of each district on the city map (or, below a city, occupied /
// reserved / free beds of each child as stacked bars); a click drills into the division.
(function () {
  const el = document.getElementById('capacity-chart');
  const source = document.getElementById('capacity-data');
  if (!el || !source) return;
  const data = JSON.parse(source.textContent);
  const chart = echarts.init(el);
  window.addEventListener('resize', () => chart.resize());
  const axis = { axisLabel: { color: '#8ea6c9' }, splitLine: { lineStyle: { color: '#1f3a63' } }, axisLine: { lineStyle: { color: '#1f3a63' } } };
  const drill = i => { if (i >= 0) window.location.href = '/Treatment?division=' + data.codes[i]; };
  const done = () => { el.dataset.rendered = 'true'; };

  function bars() {
    chart.setOption({
      animation: false, backgroundColor: 'transparent', tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { textStyle: { color: '#e6eefb' }, top: 0 },
      grid: { left: 110, right: 30, top: 30, bottom: 30 },
      xAxis: Object.assign({ type: 'value', name: data.labels.beds, nameTextStyle: { color: '#8ea6c9' } }, axis),
      yAxis: Object.assign({ type: 'category', data: data.names, inverse: true }, axis, { axisLabel: { color: '#e6eefb', width: 100, overflow: 'truncate' } }),
      series: [
        { name: data.labels.occupied, type: 'bar', stack: 'beds', data: data.occupied, itemStyle: { color: '#f97316' } },
        { name: data.labels.reserved, type: 'bar', stack: 'beds', data: data.reserved, itemStyle: { color: '#fbbf24' } },
        { name: data.labels.free, type: 'bar', stack: 'beds', data: data.free, itemStyle: { color: '#36c2ff' } },
      ],
    }, true);
    chart.off('click');
    chart.on('click', p => drill(p.dataIndex));
    done();
  }

  function map() {
    chart.setOption({
      animation: false, backgroundColor: 'transparent',
      tooltip: {
        trigger: 'item',
        formatter: p => {
          const i = data.names.indexOf(p.name);
          if (i < 0) return p.name;
          const occ = data.occupancy[i];
          return `<b>${p.name}</b><br/>${data.labels.occupancy}: ${occ === null ? '—' : occ.toFixed(1) + '%'}<br/>` +
            `${data.labels.occupied} ${data.occupied[i]} · ${data.labels.reserved} ${data.reserved[i]} · ${data.labels.free} ${data.free[i]}`;
        },
      },
      visualMap: {
        min: 0, max: 100, calculable: true, left: 10, bottom: 10, text: [data.labels.occupancy + ' %', ''], textStyle: { color: '#8ea6c9' },
        inRange: { color: ['#0c3b66', '#1e6fb0', '#36c2ff', '#fbbf24', '#f97316', '#e11d48'] },
      },
      series: [{
        type: 'map', map: data.mapName, roam: true, selectedMode: false, layoutCenter: ['50%', '50%'], layoutSize: '98%',
        label: { show: true, color: '#e6eefb', fontSize: 11 }, labelLayout: { hideOverlap: true },
        itemStyle: { borderColor: '#0a1424', borderWidth: 1, areaColor: '#13284a' },
        emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#4ade80' } },
        data: data.names.map((n, i) => ({ name: n, value: data.occupancy[i] })),
      }],
    }, true);
    chart.off('click');
    chart.on('click', p => drill(data.names.indexOf(p.name)));
    done();
  }

  if (data.mapName) {
    fetch('/lib/maps/' + data.mapName + '.json')
      .then(r => r.json())
      .then(geo => { echarts.registerMap(data.mapName, geo); map(); })
      .catch(bars);
  } else {
    bars();
  }
})();
