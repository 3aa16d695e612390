#!/usr/bin/env bash
# Stock ledger throughput: N concurrent clients (wrk) posting movements to POST /api/supplies/movements
# on a Release build, alternating receipts and issues of one unit of antigen tests over 63 pharmacies
# (an issue takes the node's lot lock, then a guarded update; each movement is its own transaction).
# Beside it, the database's own raw INSERT rate of rows of the same shape into a table like
# StockMovements, one row per transaction: pgbench with the same number of clients on PostgreSQL,
# sqlite3 autocommit INSERTs on one connection (SQLite serialises writers anyway) in WAL/FULL.
# Usage: bench/ledger.sh [sqlite|postgres|all]   (needs wrk, sqlite3, pgbench, curl, python3, bc)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-16}
port=${BENCH_PORT:-5192}
sqlite_rows=${BENCH_SQLITE_ROWS:-20000}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release src/Fangkong.Web -v q -nologo >/dev/null

start_server() {
  (cd src/Fangkong.Web && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=$1 ConnectionStrings__Fangkong="$2" \
     Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Fangkong.Web.dll --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1) &
  server=$!
  for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server did not start" >&2; cat "$work/server.log" >&2; exit 1
}
stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }

# Signs in as the city supplies task force and writes the wrk script: the token, 63 pharmacies, AG-1.
prepare() {
  local api="http://127.0.0.1:$port"
  token=$(curl -fs -X POST "$api/api/auth/token" -H 'Content-Type: application/json' \
    -d '{"userName":"supplies","password":"Fangkong-Demo-2026"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])')
  local product facilities
  product=$(curl -fs -H "Authorization: Bearer $token" "$api/api/supplies/products" \
    | python3 -c 'import sys,json;print(next(p["id"] for p in json.load(sys.stdin) if p["code"]=="AG-1"))')
  facilities=$(curl -fs -H "Authorization: Bearer $token" "$api/api/facilities?kind=Pharmacy&pageSize=63" \
    | python3 -c 'import sys,json;print(",".join("\""+f["id"]+"\"" for f in json.load(sys.stdin)["items"]))')
  cat >"$work/ledger.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
local ids = { $facilities }
local counter = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("offset", id * 7919) end
request = function()
  counter = counter + 1
  local n = counter + (offset or 0)
  local facility = ids[(n % #ids) + 1]
  local reason = (math.floor(n / #ids) % 2 == 0) and "receipt" or "issue"
  return wrk.format(nil, "/api/supplies/movements",
    nil, '{"facilityId":"' .. facility .. '","productId":"$product","reason":"' .. reason .. '","quantity":1,"lot":"' .. (reason == "receipt" and "BENCH" or "") .. '","expiry":"2030-12-31"}')
end
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f requests=%d non2xx=%d p50=%.2f p99=%.2f\n", summary.requests / seconds, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
EOF
}

ledger_rate() { # prints "rps non2xx p50 p99"
  local line; line=$(wrk -t2 -c"$connections" -d"$duration" -s "$work/ledger.lua" "http://127.0.0.1:$port/" | grep RESULT)
  echo "$line" | sed -E 's/.*rps=([0-9.]+) requests=([0-9]+) non2xx=([0-9]+) p50=([0-9.]+) p99=([0-9.]+).*/\1 \3 \4 \5/'
}

report() { # label platform_rps non2xx p50 p99 reference_label reference_rps
  printf '%-11s ledger %8.0f movements/s (%d clients, %s non-2xx, p50 %s ms, p99 %s ms)   %-28s %8.0f rows/s   ratio %.2fx\n' \
    "$1" "$2" "$connections" "$3" "$4" "$5" "$6" "$7" "$(echo "$7 / $2" | bc -l)"
}

shape='"DistrictCode" varchar(6), "Id" uuid, "FacilityId" uuid, "DivisionCode" varchar(12), "ProductId" uuid, "Lot" varchar(40), "Expiry" date, "Change" bigint, "Reason" varchar(20), "DeliveryOrderId" uuid, "CounterpartyId" uuid, "Note" varchar(500), "RecordedBy" varchar(256), "At" timestamp, "BalanceAfter" bigint, PRIMARY KEY ("DistrictCode", "Id")'

echo "Fangkong stock ledger benchmark — $(nproc) cores, wrk ${duration} ${connections} connections, $(date -u +%F)"
if [ "$which" = all ] || [ "$which" = sqlite ]; then
  db="$work/bench.db"
  start_server Sqlite "Data Source=$db"
  prepare
  read -r rps errors p50 p99 <<<"$(ledger_rate)"
  stop_server
  sqlite3 "$db" "PRAGMA journal_mode=WAL; CREATE TABLE \"BenchMovements\" (${shape//uuid/TEXT});" >/dev/null
  python3 - "$sqlite_rows" >"$work/inserts.sql" <<'EOF'
import sys, uuid
print("PRAGMA synchronous=FULL;")
for i in range(int(sys.argv[1])):
    print(f"INSERT INTO \"BenchMovements\" VALUES ('310104','{uuid.uuid4()}','{uuid.uuid4()}','310104001001','{uuid.uuid4()}','BENCH','2030-12-31',1,'Receipt',NULL,NULL,NULL,'supplies','2026-11-22 02:00:00',{i});")
EOF
  t0=$(date +%s%N)
  sqlite3 "$db" <"$work/inserts.sql"
  ref=$(echo "$sqlite_rows * 1000000000 / ($(date +%s%N) - $t0)" | bc -l)
  report SQLite "$rps" "$errors" "$p50" "$p99" "sqlite3 INSERT (autocommit)" "$ref"
fi

if [ "$which" = all ] || [ "$which" = postgres ]; then
  eval "$(FK_PG_PORT=55435 scripts/postgres-throwaway.sh start)"
  pg="host=127.0.0.1 port=55435 user=postgres"
  psql "$pg dbname=postgres" -qc "DROP DATABASE IF EXISTS fk_ledger_bench" -c "CREATE DATABASE fk_ledger_bench" >/dev/null
  start_server PostgreSQL "Host=127.0.0.1;Port=55435;Username=postgres;Database=fk_ledger_bench"
  prepare
  read -r rps errors p50 p99 <<<"$(ledger_rate)"
  stop_server
  psql "$pg dbname=fk_ledger_bench" -qc "CREATE TABLE \"BenchMovements\" ($shape)"
  cat >"$work/insert.pgbench" <<'EOF'
INSERT INTO "BenchMovements" VALUES ('310104', gen_random_uuid(), gen_random_uuid(), '310104001001', gen_random_uuid(), 'BENCH', '2030-12-31', 1, 'Receipt', NULL, NULL, NULL, 'supplies', now(), :client_id);
EOF
  ref=$(pgbench -h 127.0.0.1 -p 55435 -U postgres -n -c "$connections" -j 2 -T "${duration%s}" -f "$work/insert.pgbench" fk_ledger_bench 2>/dev/null \
    | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -1)
  report PostgreSQL "$rps" "$errors" "$p50" "$p99" "pgbench INSERT ($connections clients)" "$ref"
  FK_PG_PORT=55435 scripts/postgres-throwaway.sh stop
fi
