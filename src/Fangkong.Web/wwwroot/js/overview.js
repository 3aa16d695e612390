// City overview: a district map (municipalities) or a bar chart of the children, coloured by the
// chosen measure; clicking an area drills down. Live: reloads when a facility in scope changes.
(function () {
  const data = JSON.parse(document.getElementById('overview-data').textContent);
  const el = document.getElementById('overview-chart');
  const select = document.getElementById('measure');
  if (!el) return;
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  window.addEventListener('resize', () => chart.resize());
  const byName = new Map(data.children.map(c => [c.name, c]));
  const label = key => (data.measures.find(m => m.key === key) || { label: key }).label;
  const value = (c, key) => {
    const v = c[key];
    return v === null || v === undefined ? null : key === 'age65Share' ? Math.round(v * 1000) / 10 : v;
  };
  const fmt = v => v === null || v === undefined ? data.labels.noData : Number(v).toLocaleString();

  function render(key) {
    const values = data.children.map(c => value(c, key)).filter(v => v !== null);
    const max = values.length ? Math.max(...values) : 1;
    const min = values.length ? Math.min(...values) : 0;
    const common = {
      // No animation: the page is read at a glance on a big screen, and screenshots must show the final state.
      animation: false,
      backgroundColor: 'transparent',
      textStyle: { color: '#e6eefb' },
      tooltip: {
        trigger: 'item',
        formatter: p => {
          const c = byName.get(p.name);
          return c ? `<b>${c.name}</b> ${c.code}<br/>${label(key)}: ${fmt(value(c, key))}${key === 'age65Share' ? '%' : ''}<br/><i>${data.labels.drill}</i>` : p.name;
        },
      },
    };
    if (data.mapName) {
      chart.setOption(Object.assign(common, {
        visualMap: {
          min, max: Math.max(max, min + 1), calculable: true, left: 10, bottom: 10,
          text: [label(key), ''], textStyle: { color: '#8ea6c9' },
          inRange: { color: ['#0c3b66', '#1e6fb0', '#36c2ff', '#fbbf24', '#f97316', '#e11d48'] },
        },
        series: [{
          type: 'map', map: data.mapName, roam: true, selectedMode: false,
          layoutCenter: ['50%', '50%'], layoutSize: '98%',
          label: { show: true, color: '#e6eefb', fontSize: 11 },
          labelLayout: { hideOverlap: true },
          itemStyle: { borderColor: '#0a1424', borderWidth: 1, areaColor: '#13284a' },
          emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#4ade80' } },
          data: data.children.map(c => ({ name: c.name, value: value(c, key) })),
        }],
      }), true);
    } else {
      const sorted = [...data.children].sort((a, b) => (value(b, key) ?? -1) - (value(a, key) ?? -1)).slice(0, 40).reverse();
      chart.setOption(Object.assign(common, {
        grid: { left: 150, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', axisLabel: { color: '#8ea6c9' }, splitLine: { lineStyle: { color: '#1f3a63' } } },
        yAxis: { type: 'category', data: sorted.map(c => c.name), axisLabel: { color: '#e6eefb', width: 140, overflow: 'truncate' } },
        series: [{ type: 'bar', data: sorted.map(c => ({ name: c.name, value: value(c, key) })), itemStyle: { color: '#36c2ff', borderRadius: [0, 4, 4, 0] } }],
      }), true);
    }
    el.dataset.rendered = key;
  }

  chart.on('click', p => {
    const c = byName.get(p.name);
    if (c) window.location.href = '/Overview/' + c.code;
  });
  select.addEventListener('change', () => render(select.value));

  const start = () => render(select.value);
  if (data.mapName) {
    fetch('/lib/maps/' + data.mapName + '.json')
      .then(r => r.json())
      .then(geo => { echarts.registerMap(data.mapName, geo); start(); })
      .catch(() => { data.mapName = null; start(); });
  } else {
    start();
  }

  let pending = null;
  window.fangkongLive.on('facilityChanged', () => {
    clearTimeout(pending);
    pending = setTimeout(() => window.location.reload(), 3000);
  });
})();
