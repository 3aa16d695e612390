#!/usr/bin/env bash
# Benchmarks for the foundation (not tests: numbers to read, on a quiet machine).
#  1. First start with seeding (empty database → healthy) against a warm restart of the same build.
#  2. Latency of the city overview and a facility list page under wrk on loopback, side by side with
#     a static file and /health on the same server (the framework's floor), on SQLite and PostgreSQL.
# Usage: bench/run.sh [sqlite|postgres|all]   (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-16}
port=${BENCH_PORT:-5190}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

dotnet build -c Release src/Fangkong.Web -v q -nologo >/dev/null
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

wait_healthy() {
  local start=$1
  for _ in $(seq 1 1200); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      echo $(( $(date +%s%N) / 1000000 - start )); return 0
    fi
    sleep 0.05
  done
  echo "server did not become healthy" >&2; return 1
}

start_server() { # provider connection
  (cd src/Fangkong.Web && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=$1 ConnectionStrings__Fangkong="$2" \
     Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Fangkong.Web.dll --urls "http://127.0.0.1:$port" >"$work/server-$1.log" 2>&1) &
  server=$!
}

stop_server() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }

bench_provider() { # provider connection label
  local provider=$1 connection=$2
  local t0; t0=$(( $(date +%s%N) / 1000000 ))
  start_server "$provider" "$connection"; local first; first=$(wait_healthy "$t0"); stop_server
  t0=$(( $(date +%s%N) / 1000000 ))
  start_server "$provider" "$connection"; local warm; warm=$(wait_healthy "$t0")
  printf '%-11s first start with seeding: %6d ms   warm restart: %6d ms   ratio %.1fx\n' "$provider" "$first" "$warm" "$(echo "$first / $warm" | bc -l)"

  local cookie; cookie=$(mktemp)
  curl -fs -c "$cookie" -b "$cookie" "http://127.0.0.1:$port/Account/Login" -o "$work/login.html"
  local token; token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$work/login.html" | head -1 | sed 's/.*value="//;s/"$//')
  curl -fs -c "$cookie" -b "$cookie" -o /dev/null -X POST "http://127.0.0.1:$port/Account/Login" \
    --data-urlencode "userName=commander" --data-urlencode "password=Fangkong-Demo-2026" --data-urlencode "__RequestVerificationToken=$token"
  local header; header="Cookie: $(sed 's/^#HttpOnly_//' "$cookie" | awk '!/^#/ && NF>=7 {printf "%s=%s; ", $6, $7}')"
  for target in "/css/site.css" "/health" "/" "/Facilities?kind=Pharmacy&page=3" "/api/facilities?pageSize=50&page=7"; do
    local line; line=$(wrk -t2 -c"$connections" -d"$duration" -s bench/percentiles.lua -H "$header" "http://127.0.0.1:$port$target" | grep RESULT)
    printf '%-11s %-40s %s\n' "$provider" "$target" "$line"
    case "$line" in *"errors=0"*) ;; *) echo "  ^ non-2xx answers: the session cookie was refused?" >&2 ;; esac
  done
  stop_server
}

echo "Fangkong foundation benchmarks — $(nproc) cores, wrk ${duration} ${connections} connections, $(date -u +%F)"
if [ "$which" = all ] || [ "$which" = sqlite ]; then
  bench_provider Sqlite "Data Source=$work/bench.db"
fi
if [ "$which" = all ] || [ "$which" = postgres ]; then
  eval "$(FK_PG_PORT=55433 scripts/postgres-throwaway.sh start)"
  psql "host=127.0.0.1 port=55433 user=postgres dbname=postgres" -qc "DROP DATABASE IF EXISTS fangkong_bench" -c "CREATE DATABASE fangkong_bench" >/dev/null
  bench_provider PostgreSQL "Host=127.0.0.1;Port=55433;Username=postgres;Database=fangkong_bench"
  FK_PG_PORT=55433 scripts/postgres-throwaway.sh stop
fi
