#!/usr/bin/env bash
# Allocation benchmark (numbers to read, not a test): the tranche min-cost flow of a full-city
# instance — every pharmacy, community health centre, fever clinic and hospital of the city as a site,
# every drug warehouse and manufacturer as a source, 10 tranches of need — solved by our network
# simplex (`fangkong mcf solve`, Release build), by GLPK (`glpsol --mincost`) and by COIN-OR CLP on the
# same LP (the MPS file glpsol writes from the same DIMACS file). Every objective is recomputed in
# integers from the solver's own flows, and they must be equal.
# Usage: bench/allocation.sh [CITY]    (default 3101, Shanghai)
#   BENCH_TRANCHES=10 BENCH_SHORTAGE=0.7 BENCH_ROUTES_PER_SITE= (all) BENCH_REPEAT=3 (best of)
#   BENCH_DB=path/to.db to reuse a seeded SQLite database instead of a throwaway one.
# Needs: glpsol (apt-get install -y glpk-utils), clp (apt-get install -y coinor-clp).
set -euo pipefail
cd "$(dirname "$0")/.."
city=${1:-3101}
tranches=${BENCH_TRANCHES:-10}
shortage=${BENCH_SHORTAGE:-0.7}
routes=${BENCH_ROUTES_PER_SITE:-}
repeat=${BENCH_REPEAT:-3}
command -v glpsol >/dev/null || { echo "glpsol missing: apt-get install -y glpk-utils" >&2; exit 1; }
command -v clp >/dev/null || { echo "clp missing: apt-get install -y coinor-clp" >&2; exit 1; }

dotnet build -c Release src/Fangkong.Cli -v q -nologo >/dev/null
fangkong=(dotnet src/Fangkong.Cli/bin/Release/net10.0/fangkong.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${BENCH_DB:-$work/bench.db}
connection="Data Source=$db"

# Seeding is idempotent: a database that already holds the city is left alone.
"${fangkong[@]}" seed --city "$city" --connection "$connection" >"$work/seed.log"
"${fangkong[@]}" mcf city-instance --city "$city" --tranches "$tranches" --shortage "$shortage" \
  ${routes:+--routes-per-site "$routes"} --engine --out "$work/city.min" --connection "$connection" >"$work/instance.log"
glpsol --mincost "$work/city.min" --check --wfreemps "$work/city.mps" >"$work/mps.log"

# shellcheck source=bench/mcf-lib.sh
source bench/mcf-lib.sh

wall_ours=$(best_of ours "${fangkong[@]}" mcf solve "$work/city.min" --out "$run/solution")
obj_ours=$(awk '$1 == "s" { print $2 }' "$work/ours/solution")
solve_ours=$(awk '$1 == "c" && $2 == "solve" { printf "%.0f", $4 }' "$work/ours/solution")
read_ours=$(awk '$1 == "c" && $2 == "read" { printf "%.0f", $4 }' "$work/ours/solution")

wall_glpk=$(best_of glpk glpsol --mincost "$work/city.min" -o "$run/report")
obj_glpk=$(objective "$work/city.min" <(glpk_flows "$work/glpk/report"))
solve_glpk=$(awk '/^Time used:/ { printf "%.0f", $3 * 1000 }' "$work/glpk/stdout")

declare -A wall_clp obj_clp solve_clp
methods=(-dualsimplex -primalsimplex -solve)
for method in "${methods[@]}"; do
  wall_clp[$method]=$(best_of "clp$method" clp "$work/city.mps" "$method" -solution "$run/solution")
  obj_clp[$method]=$(objective "$work/city.min" <(clp_flows "$work/clp$method/solution"))
  solve_clp[$method]=$(awk '/^Optimal objective/ { for (i = 1; i < NF; i++) if ($i == "time") printf "%.0f", $(i + 1) * 1000 }' "$work/clp$method/stdout")
done

nodes_arcs=$(awk '$1 == "p" { printf "%d nodes, %d arcs", $3, $4 }' "$work/city.min")
echo "Allocation benchmark — city $city, $tranches tranches, shortage $shortage, routes per site ${routes:-all}; $(nproc) cores, best of $repeat, $(date -u +%F)"
echo "instance: $nodes_arcs; $(head -1 "$work/instance.log")"
grep -E '^(need|tranche network)' "$work/instance.log" | sed 's/^/  /'
printf '%-28s %16s %10s %10s %14s %15s\n' solver objective "wall ms" "solve ms" "ours/it wall" "ours/it solve"
row() { # label objective wall solve
  printf '%-28s %16s %10d %10d %14.3f %15.3f\n' "$1" "$2" "$3" "$4" "$(echo "$wall_ours / $3" | bc -l)" "$(echo "$solve_ours / $4" | bc -l)"
}
row "fangkong mcf solve (ours)" "$obj_ours" "$wall_ours" "$solve_ours"
row "glpsol --mincost" "$obj_glpk" "$wall_glpk" "$solve_glpk"
for method in "${methods[@]}"; do
  row "clp $method" "${obj_clp[$method]}" "${wall_clp[$method]}" "${solve_clp[$method]}"
done
echo "solve ms: ours inside the process, without start-up and reading the file (${read_ours} ms); glpsol its 'Time used'; clp its reported time"
# Only lanes cost something positive and only tranche hubs something negative, so the split of the
# LP's objective can be read from its flows without knowing the node layout.
awk 'FNR == NR { if ($1 == "a") cost[$2 " " $3] = $6; next }
     $1 == "f" { c = cost[$2 " " $3]; if (c > 0) transport += $4 * c; else reward -= $4 * c }
     END { printf "tranche LP: transport %.0f (units x 100 m), tranche reward %.0f\n", transport, reward }' "$work/city.min" "$work/ours/solution"
grep -A3 '^engine:' "$work/instance.log" | sed 's/^/exact /'

status=0
for other in "$obj_glpk" "${obj_clp[@]}"; do
  [ "$other" = "$obj_ours" ] || status=1
done
if [ "$status" = 0 ]; then echo "objectives equal: yes"; else echo "objectives equal: NO" >&2; fi
exit "$status"
