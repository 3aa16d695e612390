// The transmission chain: cases laid out by generation (left to right), infection links solid,
// contact links dashed; nodes outside the viewer's jurisdiction are grey and carry a number only.
(function () {
  const el = document.getElementById('chain-graph');
  if (!el || !window.echarts) return;
  const data = JSON.parse(document.getElementById('chain-data').textContent);
  const labels = JSON.parse(document.getElementById('chain-labels').textContent);
  const colours = { Confirmed: '#e11d48', Suspected: '#f97316', Fever: '#fbbf24', contact: '#38bdf8', secondary: '#818cf8', hidden: '#64748b' };
  // Position: x by generation, y spread within a generation.
  const perGeneration = {};
  data.nodes.forEach(n => { (perGeneration[n.generation] = perGeneration[n.generation] || []).push(n); });
  const nodes = data.nodes.map(n => {
    const column = perGeneration[n.generation];
    const i = column.indexOf(n);
    const isCase = n.kind === 'case';
    return {
      id: n.id, name: n.label, x: n.generation * 260, y: (i - (column.length - 1) / 2) * (isCase ? 90 : 46),
      symbolSize: isCase ? 34 : 16, symbol: isCase ? 'circle' : 'rect',
      itemStyle: { color: !n.visible ? colours.hidden : isCase ? colours[n.category] : colours[n.kind] },
      label: { show: isCase, position: 'bottom', color: '#e6eefb', fontSize: 11 },
      value: n.generation, caseId: n.caseId,
    };
  });
  const links = data.edges.map(e => ({
    source: e.source, target: e.target,
    lineStyle: e.kind === 'infection' ? { width: 2.5, color: '#f43f5e', curveness: 0.1 } : { width: 1, type: 'dashed', color: '#38bdf8', opacity: 0.6 },
  }));
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    tooltip: { formatter: p => p.dataType === 'node' ? `${p.data.name.replace('\n', '<br/>')}<br/>${labels.generation} ${p.data.value}` : '' },
    series: [{
      type: 'graph', layout: 'none', roam: true, data: nodes, links: links, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      emphasis: { focus: 'adjacency' },
    }],
  });
  chart.on('click', p => { if (p.dataType === 'node' && p.data.caseId) location.href = '/Investigation/Case/' + p.data.caseId; });
  window.addEventListener('resize', () => chart.resize());

  const growthEl = document.getElementById('chain-growth');
  if (growthEl) {
    const growth = echarts.init(growthEl);
    growth.setOption({
      grid: { left: 40, right: 16, top: 20, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.growth.map(g => g.day), axisLabel: { color: '#8ea6c9' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#8ea6c9' } },
      series: [{ type: 'bar', name: labels.cases, data: data.growth.map(g => g.cases), itemStyle: { color: '#e11d48' } }],
    });
    window.addEventListener('resize', () => growth.resize());
  }
  el.dataset.ready = 'true';
})();
