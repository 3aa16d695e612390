// Draws the issued token as a QR code, in the browser, from the locally served qrcode-generator
// (no CDN). Level M: the payload is ~300 characters, which fits a version that still scans on screens.
(function () {
    const box = document.getElementById('hc-qr');
    if (!box || typeof qrcode !== 'function') return;
    const qr = qrcode(0, 'M');
    qr.addData(box.dataset.token, 'Byte');
    qr.make();
    box.innerHTML = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
})();
