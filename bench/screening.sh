#!/usr/bin/env bash
# Mass-screening ingest: N synthetic sampling records (valid GB 11643 numbers, 10-in-1 pools over every
# committee of Shanghai) written as one CSV, then ingested through the platform's own path
# (`fangkong screening ingest`: the SampleIngest the upload API uses — streamed CSV, per-row validation,
# tube bookkeeping, binary COPY on PostgreSQL / one prepared INSERT in one transaction on SQLite) and,
# beside it, loaded by the database's own bulk loader into an equivalent table with the same two
# B-trees (PRIMARY KEY (tube, ID number) and an index on the ID number): `psql \copy` and
# `sqlite3 .import`. Prints both times, rows/s and the ratio; then times the round's completion table
# (distinct residents per committee against population, ~6,500 committees).
# Usage: bench/screening.sh [sqlite|postgres|all] [N]   (needs sqlite3, psql, PostgreSQL server binaries, bc)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
rows=${2:-${BENCH_ROWS:-1000000}}
export FK_PG_PORT=${FK_PG_PORT:-55442}
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release src/Fangkong.Cli -v q -nologo >/dev/null
cli() { dotnet src/Fangkong.Cli/bin/Release/net10.0/fangkong.dll "$@"; }
[ -f src/Fangkong.Cli/bin/Release/net10.0/fangkong.dll ] || cli() { dotnet src/Fangkong.Cli/bin/Release/net10.0/Fangkong.Cli.dll "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
field() { sed -E "s/.*$1=([0-9.]+).*/\1/"; }

report() { # label ours_seconds reference_label reference_seconds
  printf '%-10s ours %8.2f s (%9.0f rows/s)   %-14s %8.2f s (%9.0f rows/s)   ours/reference %.2fx\n' \
    "$1" "$2" "$(echo "$rows / $2" | bc -l)" "$3" "$4" "$(echo "$rows / $4" | bc -l)" "$(echo "$2 / $4" | bc -l)"
}

echo "Fangkong screening ingest benchmark — $rows rows, $(nproc) cores, $(date -u +%F)"
csv=$work/samples.csv

if [ "$which" = all ] || [ "$which" = sqlite ]; then
  db="$work/bench.db"
  conn=(--provider Sqlite --connection "Data Source=$db")
  cli seed --city 3101 "${conn[@]}" >/dev/null
  round=$(cli screening open-round --area 3101 "${conn[@]}" | tail -n 1)
  [ -f "$csv" ] || cli screening generate --area 3101 --rows "$rows" --out "$csv" "${conn[@]}" >/dev/null
  ls -l "$csv" | awk '{ printf "file: %.0f MB\n", $5 / 1048576 }'
  line=$(cli screening ingest --round "$round" --file "$csv" --mode all "${conn[@]}")
  echo "$line"
  ours=$(echo "$line" | field seconds)
  sqlite3 "$work/ref.db" 'PRAGMA journal_mode=WAL;' 'PRAGMA synchronous=FULL;' \
    'CREATE TABLE SamplingRef (TubeCode TEXT NOT NULL, PoolSize INTEGER, PointCode TEXT, CollectedAt TEXT, IdNumber TEXT NOT NULL, Name TEXT NOT NULL, Phone TEXT, CommitteeCode TEXT NOT NULL, PRIMARY KEY (TubeCode, IdNumber)) WITHOUT ROWID;' \
    'CREATE INDEX IX_Ref_IdNumber ON SamplingRef (IdNumber);' >/dev/null
  t0=$(now_ms)
  sqlite3 "$work/ref.db" 'PRAGMA synchronous=FULL;' ".import --csv --skip 1 $csv SamplingRef"
  reference=$(echo "($(now_ms) - $t0) / 1000" | bc -l)
  report sqlite "$ours" "sqlite3 .import" "$reference"
  cli screening completion --round "$round" "${conn[@]}" | sed 's/^/sqlite     completion: /'
  cli screening completion --round "$round" "${conn[@]}" | sed 's/^/sqlite     completion (warm): /'
fi

if [ "$which" = all ] || [ "$which" = postgres ]; then
  eval "$(scripts/postgres-throwaway.sh start)"
  server=${FANGKONG_TEST_POSTGRES}
  name=fk_bench_screening_$$
  psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$FK_PG_PORT" -U postgres -d "$1" "${@:2}"; }
  psql_db postgres -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
  trap 'psql_db postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  conn=(--provider PostgreSQL --connection "${server/Database=postgres/Database=$name}")
  cli seed --city 3101 "${conn[@]}" >/dev/null
  round=$(cli screening open-round --area 3101 "${conn[@]}" | tail -n 1)
  [ -f "$csv" ] || cli screening generate --area 3101 --rows "$rows" --out "$csv" "${conn[@]}" >/dev/null
  line=$(cli screening ingest --round "$round" --file "$csv" --mode all "${conn[@]}")
  echo "$line"
  ours=$(echo "$line" | field seconds)
  psql_db "$name" -c 'CREATE TABLE "SamplingRef" ("TubeCode" varchar(32) NOT NULL, "PoolSize" integer, "PointCode" varchar(20), "CollectedAt" timestamp, "IdNumber" varchar(18) NOT NULL, "Name" varchar(50) NOT NULL, "Phone" varchar(20), "CommitteeCode" varchar(12) NOT NULL, PRIMARY KEY ("TubeCode", "IdNumber"))' \
    -c 'CREATE INDEX "IX_Ref_IdNumber" ON "SamplingRef" ("IdNumber")'
  t0=$(now_ms)
  psql_db "$name" -c "\\copy \"SamplingRef\" FROM '$csv' WITH (FORMAT csv, HEADER true)"
  reference=$(echo "($(now_ms) - $t0) / 1000" | bc -l)
  report postgres "$ours" "psql \\copy" "$reference"
  cli screening completion --round "$round" "${conn[@]}" | sed 's/^/postgres   completion: /'
  cli screening completion --round "$round" "${conn[@]}" | sed 's/^/postgres   completion (warm): /'
fi
