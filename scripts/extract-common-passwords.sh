#!/usr/bin/env bash
# Rebuilds src/Fangkong.Web/Platform/Access/CommonPasswords/common-passwords.txt.gz from the npm package
# @zxcvbn-ts/language-common (MIT; its "passwords" dictionary, ranked by frequency in leaked-password
# corpora, derived from the zxcvbn list by Dan Wheeler / Dropbox), plus the project's own additions
# (extra.txt beside it: passwords Chinese users favour). Run at development time; the result is committed.
set -euo pipefail
version="${1:-4.1.3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/src/Fangkong.Web/Platform/Access/CommonPasswords"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@zxcvbn-ts/language-common@$version" >/dev/null
npm pack --silent "@zxcvbn-ts/dictionary-compression@3.0.1" >/dev/null
mkdir -p lc node_modules/@zxcvbn-ts/dictionary-compression
tar xzf zxcvbn-ts-language-common-*.tgz -C lc
tar xzf zxcvbn-ts-dictionary-compression-*.tgz --strip-components=1 -C node_modules/@zxcvbn-ts/dictionary-compression
node -e '
const list = require("./lc/package/dist/passwords.json.cjs");
const words = (list.default || list).map(String);
const extra = require("fs").readFileSync(process.argv[1], "utf8").split("\n").map(s => s.trim()).filter(Boolean);
const seen = new Set(); const out = [];
for (const w of [...words, ...extra]) { const k = w.toLowerCase(); if (!seen.has(k)) { seen.add(k); out.push(w); } }
process.stdout.write(out.join("\n") + "\n");
' "$out/extra.txt" | gzip -9n > "$out/common-passwords.txt.gz"
cp lc/package/LICENSE.txt "$out/LICENSE.zxcvbn-ts.txt"
echo "wrote $(zcat "$out/common-passwords.txt.gz" | wc -l) passwords to $out/common-passwords.txt.gz"
