// Renders the warnings panel(s) of a page ([data-warnings-src]) and refreshes them when the server
// pushes a new warning over SignalR.
(function () {
  const panels = [...document.querySelectorAll('[data-warnings-src]')];
  if (!panels.length) return;
  const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const load = () => panels.forEach(panel => {
    const box = panel.querySelector('.warnings-list');
    fetch(panel.dataset.warningsSrc, { credentials: 'same-origin' })
      .then(r => r.ok ? r.json() : Promise.reject(r.status))
      .then(list => {
        box.classList.toggle('empty', list.length === 0);
        box.innerHTML = list.length === 0 ? esc(box.dataset.none) : list.map(w => `
          <div class="alert ${w.severity === 'critical' ? 'error' : 'warn'}" data-testid="warning" data-resource="${esc(w.resource)}" data-division="${esc(w.divisionCode)}">
            <b>${esc(w.title)}</b> <span class="badge ${w.severity === 'critical' ? 'bad' : ''}">${esc(w.firstShortfall)}</span><br/>
            <span class="spark">${esc(w.evidence)}</span>
            <div><a href="${esc(w.link || '/Surveillance/' + w.divisionCode)}">${esc(box.dataset.evidenceLink || '→')}</a></div>
          </div>`).join('');
        panel.dataset.loaded = 'true';
      })
      .catch(() => { box.textContent = box.dataset.failed || '—'; });
  });
  load();
  window.fangkongLive.on('warning', load);
})();
