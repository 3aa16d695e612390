// Offline health-code verification at a checkpoint. The same rules as Fangkong.HealthCodes'
// HealthCodeVerifier, in the same order (signature before anything in the payload is believed), with
// WebCrypto's ECDSA P-256/SHA-256. Only public keys and revoked serials are stored (localStorage);
// the token, the presented ID number and the result are never stored.
(function () {
    'use strict';
    const root = document.getElementById('hc-verify');
    if (!root) return;
    const STORE = 'fk.healthcode.bundle.v1';
    // A full re-sync at least daily drops serials of tokens that have since expired.
    const FULL_SYNC_MS = 24 * 3600 * 1000;
    const skew = Number(root.dataset.skew || 120);
    const $ = (id) => document.getElementById(id);
    const text = (o) => (root.querySelector(`[data-outcome="${o}"]`) || {}).textContent || o;

    if (!window.isSecureContext || !window.crypto || !crypto.subtle) $('hc-insecure').hidden = false;

    function load() {
        try { return JSON.parse(localStorage.getItem(STORE) || 'null'); } catch { return null; }
    }
    function save(b) { localStorage.setItem(STORE, JSON.stringify(b)); }

    function showState() {
        const b = load();
        const el = $('hc-sync-state');
        if (!b) { el.textContent = root.dataset.never; return; }
        const serials = Object.values(b.revoked).reduce((n, l) => n + l.length, 0);
        el.textContent = `${root.dataset.synced} ${new Date(b.revokedAsOf * 1000).toLocaleString()} · ${root.dataset.issuers}: `
            + `${b.keySets.map(s => s.issuerName || s.issuer).join('、')} · ${root.dataset.revocations}: ${serials}`;
    }

    async function getJson(url) {
        const r = await fetch(url, { cache: 'no-store', credentials: 'omit' });
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.json();
    }

    async function sync() {
        const old = load();
        let next;
        if (!old || Date.now() - (old.fullAt || 0) > FULL_SYNC_MS) {
            const bundle = await getJson('/api/health-status/trust-bundle');
            next = { fullAt: Date.now(), revokedAsOf: bundle.revocations.asOf, keySets: bundle.keySets,
                revoked: { [bundle.revocations.issuer]: bundle.revocations.serials } };
        } else {
            // Incremental: fresh keys (a rotation may have happened) and only the revocations since last time.
            const [bundle, delta] = await Promise.all([
                getJson('/api/health-status/trust-bundle?revocations=false'),
                getJson(`/api/health-status/revocations?since=${old.revokedAsOf}`)]);
            const known = new Set(old.revoked[delta.issuer] || []);
            delta.serials.forEach(s => known.add(s));
            next = { ...old, keySets: bundle.keySets, revokedAsOf: delta.asOf, revoked: { ...old.revoked, [delta.issuer]: [...known] } };
        }
        save(next);
        showState();
    }

    function b64u(s) {
        if (!/^[A-Za-z0-9_-]+$/.test(s) || s.length % 4 === 1) throw new Error('base64url');
        const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
        return Uint8Array.from(b, c => c.charCodeAt(0));
    }

    function parse(token) {
        const parts = (token || '').trim().split('.');
        if (parts.length !== 3 || parts[0] !== 'FK1' || token.length > 1024) return null;
        try {
            const p = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b64u(parts[1])));
            const sig = b64u(parts[2]);
            const str = (k) => typeof p[k] === 'string';
            const num = (k) => Number.isInteger(p[k]) && p[k] >= 0;
            if (!['iss', 'kid', 'sn', 'nm', 'id4', 'sh'].every(str) || !num('iat') || !num('exp') || !['G', 'Y', 'R'].includes(p.c) || sig.length !== 64)
                return null;
            return { p, sig, signed: new TextEncoder().encode(parts[0] + '.' + parts[1]) };
        } catch { return null; }
    }

    async function verify(token, bundle, now) {
        const t = parse(token);
        if (!t) return { outcome: 'Malformed' };
        const p = t.p;
        const set = bundle && bundle.keySets.find(s => s.issuer === p.iss);
        if (!set) return { outcome: 'UnknownIssuer' };
        const k = set.keys.find(x => x.kid === p.kid);
        if (!k || k.kty !== 'EC' || k.crv !== 'P-256') return { outcome: 'UnknownKey' };
        let key;
        try {
            key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: k.x, y: k.y, ext: true },
                { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
        } catch { return { outcome: 'UnknownKey' }; }
        const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, t.sig, t.signed);
        if (!ok) return { outcome: 'BadSignature' };
        if (k.retires != null && now >= k.retires) return { outcome: 'KeyRetired', p, set };
        if (p.exp <= p.iat) return { outcome: 'Malformed', p, set };
        if (p.iat - skew > now) return { outcome: 'NotYetValid', p, set };
        if (now >= p.exp) return { outcome: 'Expired', p, set };
        if ((bundle.revoked[p.iss] || []).includes(p.sn)) return { outcome: 'Revoked', p, set };
        return { outcome: 'Valid', p, set };
    }

    // SubjectBinding: PBKDF2-SHA256 over the ID number, salted with "FK1|" + serial, 20,000 rounds, 16 bytes.
    async function idMatches(p, id) {
        const norm = id.trim().toUpperCase();
        if (norm.length < 4 || !norm.endsWith(p.id4)) return false;
        const enc = new TextEncoder();
        const base = await crypto.subtle.importKey('raw', enc.encode(norm), 'PBKDF2', false, ['deriveBits']);
        const bits = new Uint8Array(await crypto.subtle.deriveBits(
            { name: 'PBKDF2', hash: 'SHA-256', salt: enc.encode('FK1|' + p.sn), iterations: 20000 }, base, 128));
        const b64 = btoa(String.fromCharCode(...bits)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        return b64 === p.sh;
    }

    function render(result, idCheck) {
        const box = $('hc-result');
        box.textContent = '';
        const valid = result.outcome === 'Valid';
        const colour = { G: 'green', Y: 'yellow', R: 'red' }[result.p && result.p.c];
        const swatch = document.createElement('div');
        swatch.className = 'hc-swatch ' + (valid ? 'hc-' + colour : 'hc-grey');
        swatch.dataset.outcome = result.outcome;
        swatch.textContent = valid ? root.dataset['colour' + colour[0].toUpperCase() + colour.slice(1)] : text(result.outcome);
        box.appendChild(swatch);
        const facts = document.createElement('dl');
        facts.className = 'hc-facts';
        const add = (k, v) => { const dt = document.createElement('dt'); dt.textContent = k; const dd = document.createElement('dd'); dd.textContent = v; facts.append(dt, dd); };
        if (valid) add('', text(result.outcome));
        if (result.p && result.outcome !== 'BadSignature') {
            add('签发方 / Issuer', `${result.set.issuerName || ''} ${result.p.iss}`);
            add('姓名 / Name', `${result.p.nm} · ****${result.p.id4}`);
            add('有效期 / Valid', `${new Date(result.p.iat * 1000).toLocaleString()} – ${new Date(result.p.exp * 1000).toLocaleString()}`);
        }
        if (idCheck !== undefined) add('', idCheck ? root.dataset.idMatch : root.dataset.idMismatch);
        box.appendChild(facts);
    }

    async function check() {
        const token = $('hc-token').value;
        const id = $('hc-id').value;
        const result = await verify(token, load(), Math.floor(Date.now() / 1000));
        const idCheck = id.trim() && result.p ? await idMatches(result.p, id) : undefined;
        render(result, idCheck);
        // The presented ID number is not kept once checked.
        $('hc-id').value = '';
    }

    $('hc-sync').addEventListener('click', () => sync().catch(e => { $('hc-sync-state').textContent = String(e.message || e); }));
    $('hc-check').addEventListener('click', () => check());
    // Handheld scanners type the code and press Enter.
    $('hc-token').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); check(); } });
    showState();
    if (!load() && navigator.onLine) sync().catch(() => showState());
    // Keeps this page and its scripts for reopening offline (needs HTTPS or localhost, like WebCrypto).
    if ('serviceWorker' in navigator && window.isSecureContext)
        navigator.serviceWorker.register('/HealthStatus/verify-sw.js', { scope: '/HealthStatus/' }).catch(() => { });
})();
