// Surveillance page: epidemic curve, R(t) with its credible band, warnings, and two SEIR scenarios
// compared on one chart. Data come from the page (curve) and the surveillance API (the rest).
(function () {
  const data = JSON.parse(document.getElementById('surveillance-data').textContent);
  const L = data.labels;
  const axis = { axisLabel: { color: '#8ea6c9' }, splitLine: { lineStyle: { color: '#1f3a63' } }, axisLine: { lineStyle: { color: '#1f3a63' } } };
  const legend = { textStyle: { color: '#e6eefb' }, top: 0 };
  const charts = [];
  const make = id => { const el = document.getElementById(id); if (!el) return null; const c = echarts.init(el); charts.push(c); return c; };
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
  const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

  const curve = make('curve-chart');
  if (curve && data.days.length) {
    const dates = data.days.map(d => d.date);
    const bar = (key, color) => ({ name: L[key], type: 'bar', stack: 'new', data: data.days.map(d => d[key]), itemStyle: { color }, barCategoryGap: '10%' });
    curve.setOption({
      animation: false, backgroundColor: 'transparent', legend, tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 70, top: 40, bottom: 40 },
      xAxis: Object.assign({ type: 'category', data: dates }, axis),
      yAxis: [Object.assign({ type: 'value' }, axis), Object.assign({ type: 'value', name: L.cumulative, nameTextStyle: { color: '#8ea6c9' }, splitLine: { show: false } }, { axisLabel: axis.axisLabel })],
      series: [
        bar('asymptomatic', '#1e6fb0'), bar('mild', '#36c2ff'), bar('moderate', '#fbbf24'), bar('severe', '#f97316'), bar('critical', '#e11d48'),
        { name: L.average7, type: 'line', data: data.days.map(d => d.average7), showSymbol: false, lineStyle: { width: 2, color: '#4ade80' }, itemStyle: { color: '#4ade80' } },
        { name: L.cumulative, type: 'line', yAxisIndex: 1, data: data.days.map(d => d.cumulative), showSymbol: false, lineStyle: { width: 1, type: 'dashed', color: '#c084fc' }, itemStyle: { color: '#c084fc' } },
      ],
    });
    document.getElementById('curve-chart').dataset.rendered = 'true';
  }

  const rtEl = document.getElementById('rt-chart');
  const rt = make('rt-chart');
  if (rt) {
    fetch(rtEl.dataset.src, { credentials: 'same-origin' }).then(r => r.ok ? r.json() : Promise.reject(r.status)).then(result => {
      const w = result.windows || [];
      if (!w.length) { rtEl.outerHTML = `<div class="empty">${esc(L.noData)}</div>`; return; }
      const dates = w.map(x => x.endDate);
      rt.setOption({
        animation: false, backgroundColor: 'transparent', legend: Object.assign({ data: [L.band, L.rt] }, legend), tooltip: { trigger: 'axis', valueFormatter: v => v == null ? '' : Number(v).toFixed(2) },
        grid: { left: 50, right: 20, top: 40, bottom: 40 },
        xAxis: Object.assign({ type: 'category', data: dates, boundaryGap: false }, axis),
        yAxis: Object.assign({ type: 'value', min: 0 }, axis),
        series: [
          { name: 'q2.5', type: 'line', data: w.map(x => x.q025), lineStyle: { opacity: 0 }, stack: 'band', symbol: 'none', tooltip: { show: false } },
          { name: L.band, type: 'line', data: w.map(x => x.q975 - x.q025), lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(54,194,255,.25)' }, stack: 'band', symbol: 'none' },
          { name: L.rt, type: 'line', data: w.map(x => x.mean), showSymbol: false, lineStyle: { color: '#36c2ff', width: 2 }, itemStyle: { color: '#36c2ff' },
            markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1, name: L.threshold }], lineStyle: { color: '#f87171', type: 'dashed' }, label: { color: '#f87171', formatter: 'R = 1' } } },
        ],
      });
      rtEl.dataset.rendered = 'true';
    }).catch(() => { rtEl.outerHTML = `<div class="empty">${esc(L.noData)}</div>`; });
  }

  const demandPanel = document.getElementById('demand-panel');
  if (demandPanel) {
    fetch(demandPanel.dataset.src, { credentials: 'same-origin' }).then(r => r.ok ? r.json() : Promise.reject(r.status)).then(f => {
      const n = v => v == null ? '—' : Math.round(v).toLocaleString();
      const sum = (a, k) => a.slice(0, k).reduce((x, y) => x + y, 0);
      const row = (label, s, capacity, census) => `<tr><td>${esc(label)}</td>
          <td class="num">${census ? '' : n(sum(s.daily, 7))}</td><td class="num">${census ? '' : n(sum(s.daily, 28))}</td>
          <td class="num">${n(s.peak)} <span class="spark">${esc(L.day)} ${s.peakDay + 1}</span></td>
          <td class="num ${capacity != null && s.peak > capacity ? 'error' : ''}">${capacity == null ? '' : n(capacity)}</td></tr>`;
      const rows = f.series.map(s => row(L.demand[s.key] || s.key, s, f.capacity[s.key], s.key.endsWith('Census')))
        .concat(f.drugCourses.map(s => row(s.key, s, null, false)));
      demandPanel.querySelector('tbody').innerHTML = rows.join('');
      demandPanel.dataset.loaded = 'true';
    }).catch(() => { demandPanel.querySelector('tbody').innerHTML = `<tr><td colspan="5" class="empty">${esc(L.noData)}</td></tr>`; });
  }

  const form = document.getElementById('scenario-form');
  const scenario = make('scenario-chart');
  if (form && scenario) {
    const run = async () => {
      const f = new FormData(form);
      const body = {
        days: Number(f.get('days')),
        scenario: { contactChanges: [{ day: Number(f.get('day')), multiplier: Number(f.get('contact')) }], vaccination65: Number(f.get('vaccination65')) },
      };
      const res = await fetch(form.dataset.src, { method: 'POST', credentials: 'same-origin', headers: Object.assign({ 'Content-Type': 'application/json' }, JSON.parse(document.body.getAttribute('hx-headers') || '{}')), body: JSON.stringify(body) });
      const summary = document.getElementById('scenario-summary');
      if (!res.ok) { const p = await res.json().catch(() => ({})); summary.innerHTML = `<div class="alert error">${esc(p.title || res.status)} ${esc(JSON.stringify(p.errors || ''))}</div>`; return; }
      const r = await res.json();
      summary.innerHTML = `<div class="alert ok" data-testid="scenario-summary">${esc(r.summaryText)}</div>`;
      const dates = r.baseline.days.map(x => x.date);
      scenario.setOption({
        animation: false, backgroundColor: 'transparent', legend: Object.assign({ data: [r.fanLabel, r.baselineLabel, r.scenarioLabel] }, legend), tooltip: { trigger: 'axis', valueFormatter: v => v == null ? '' : Math.round(v).toLocaleString() },
        grid: { left: 70, right: 20, top: 40, bottom: 40 },
        xAxis: Object.assign({ type: 'category', data: dates, boundaryGap: false }, axis),
        yAxis: Object.assign({ type: 'value' }, axis),
        series: [
          { name: 'p5', type: 'line', data: r.baselineFan.p5, stack: 'fan', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
          { name: r.fanLabel, type: 'line', data: r.baselineFan.p95.map((v, i) => v - r.baselineFan.p5[i]), stack: 'fan', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(248,113,113,.18)' } },
          { name: r.baselineLabel, type: 'line', data: r.baseline.days.map(x => x.newInfections), showSymbol: false, lineStyle: { color: '#f87171', width: 2 }, itemStyle: { color: '#f87171' } },
          { name: r.scenarioLabel, type: 'line', data: r.scenario.days.map(x => x.newInfections), showSymbol: false, lineStyle: { color: '#4ade80', width: 2 }, itemStyle: { color: '#4ade80' } },
        ],
      }, true);
      document.getElementById('scenario-chart').dataset.rendered = 'true';
    };
    form.addEventListener('submit', e => { e.preventDefault(); run(); });
    run();
  }
})();
