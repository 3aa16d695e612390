// Posts the chosen file to the import API and shows its row-by-row report.
(function () {
  const form = document.getElementById('import-form');
  const report = document.getElementById('import-report');
  const progress = document.getElementById('import-progress');
  const text = JSON.parse(document.getElementById('import-text').textContent);
  const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const data = new FormData(form);
    const mode = data.get('mode');
    const body = new FormData();
    body.append('file', data.get('file'));
    progress.style.display = 'block';
    report.style.display = 'none';
    try {
      const token = document.body.getAttribute('hx-headers');
      const headers = token ? JSON.parse(token) : {};
      const res = await fetch((form.dataset.endpoint || '/api/facilities/import') + '?mode=' + encodeURIComponent(mode), { method: 'POST', body, headers, credentials: 'same-origin' });
      const json = await res.json().catch(() => ({}));
      const r = json.report || json;
      let html = '';
      if (r.totalRows !== undefined) {
        html += `<div class="alert ${r.rejected ? (r.imported ? 'warn' : 'error') : 'ok'}">${esc(text.summary.replace('{0}', r.totalRows).replace('{1}', r.imported).replace('{2}', r.rejected))}${!res.ok && !r.imported ? ' ' + esc(text.none) : ''}</div>`;
      } else {
        html += `<div class="alert error">${esc(text.failed)} ${esc(json.title || res.status)}</div>`;
        if (json.errors) for (const [field, msgs] of Object.entries(json.errors)) html += `<div class="error">${esc(field)}: ${esc([].concat(msgs).join('；'))}</div>`;
      }
      if (r.errors && r.errors.length) {
        html += `<div class="table-wrap"><table class="data"><thead><tr><th class="num">${esc(text.row)}</th><th>${esc(text.column)}</th><th>${esc(text.message)}</th></tr></thead><tbody>`;
        for (const err of r.errors) html += `<tr><td class="num">${esc(err.row)}</td><td>${esc(err.column || err.field)}</td><td>${esc(err.message)}</td></tr>`;
        html += '</tbody></table></div>';
      }
      report.innerHTML = html;
      report.style.display = 'block';
    } finally {
      progress.style.display = 'none';
    }
  });
})();
