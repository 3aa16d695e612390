#!/usr/bin/env bash
# Investigation at scale on SQLite: a fresh demo database, N cases and M contacts loaded beside the
# demo data, then the investigators' reads timed through a Release server next to SQLite's own time
# for each read's core query, and 230 contacts added through the API.
# Usage: bench/investigation.sh [cases] [contacts]   (needs python3, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-50000}
contacts=${2:-300000}
port=${BENCH_PORT:-5193}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build -c Release src/Fangkong.Web -v q -nologo >/dev/null
start_server() {
  (cd src/Fangkong.Web && exec env ConnectionStrings__Fangkong="Data Source=$work/fangkong.db" RiskAreas__DailyComputation=false \
     Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Fangkong.Web.dll --urls "http://127.0.0.1:$port" >>"$work/server.log" 2>&1) &
  server=$!
  for _ in $(seq 1 3000); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not start" >&2; cat "$work/server.log" >&2; exit 1
}
start_server   # seeds the demo city
python3 bench/investigation.py "$work/fangkong.db" "http://127.0.0.1:$port" "$cases" "$contacts"
