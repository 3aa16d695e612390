// Draws every element's data-qr text as a QR code, in the browser, from the locally served
// qrcode-generator (no CDN): health codes (~300 characters) and compounds' request links. Level M
// keeps the symbol small enough to scan from a screen or a printed notice.
(function () {
    if (typeof qrcode !== 'function') return;
    document.querySelectorAll('[data-qr]').forEach(box => {
        const qr = qrcode(0, 'M');
        qr.addData(box.dataset.qr, 'Byte');
        qr.make();
        box.innerHTML = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
    });
})();
