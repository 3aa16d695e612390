// Filters that apply as soon as they change: <select data-autosubmit>, <input type="checkbox" data-autosubmit>.
// The Content-Security-Policy (script-src 'self') blocks inline onchange handlers, so this one listener on the
// document does it for every page (also for controls htmx swaps in later).
document.addEventListener('change', event => {
  const control = event.target;
  if (!(control instanceof HTMLElement) || !control.hasAttribute('data-autosubmit')) return;
  const form = control.form || control.closest('form');
  if (!form) return;
  if (typeof form.requestSubmit === 'function') form.requestSubmit(); else form.submit();
});
