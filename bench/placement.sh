#!/usr/bin/env bash
# Placement benchmark (numbers to read, not a test): BENCH_PATIENTS (30,000) generated waiting patients
# placed by the placement engine into every ward with a free bed of the city (`fangkong mcf
# placement-instance`), then the two min-cost flows that check it against GLPK — the one-tranche LP of
# the placement (its optimum fixes the class totals) and the routing of the engine's placed counts (its
# optimum is the least total distance for them) — solved by our network simplex (`fangkong mcf solve`,
# Release build) and by `glpsol --mincost` on the same DIMACS files. Every objective is recomputed in
# integers from the solver's own flows, and ours must equal glpsol's on each file; the routing optimum
# must also equal the engine's own total distance.
# Usage: bench/placement.sh [CITY]    (default 3101, Shanghai)
#   BENCH_PATIENTS=30000 BENCH_SEED=1 BENCH_REPEAT=1 (best of)
#   BENCH_DB=path/to.db to reuse a seeded SQLite database instead of a throwaway one (its wards are
#   opened from the demo hospitals if it holds none).
# Needs: glpsol (apt-get install -y glpk-utils), bc.
set -euo pipefail
cd "$(dirname "$0")/.."
city=${1:-3101}
patients=${BENCH_PATIENTS:-30000}
seed=${BENCH_SEED:-1}
repeat=${BENCH_REPEAT:-1}
command -v glpsol >/dev/null || { echo "glpsol missing: apt-get install -y glpk-utils" >&2; exit 1; }

dotnet build -c Release src/Fangkong.Cli -v q -nologo >/dev/null
fangkong=(dotnet src/Fangkong.Cli/bin/Release/net10.0/fangkong.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${BENCH_DB:-$work/bench.db}
connection="Data Source=$db"

# Seeding is idempotent: a database that already holds the city is left alone. `fangkong seed` loads
# facilities only; --open-demo-wards opens the demo wards (as the web's demo start does) if there are none.
"${fangkong[@]}" seed --city "$city" --connection "$connection" >"$work/seed.log"
"${fangkong[@]}" mcf placement-instance --city "$city" --patients "$patients" --seed "$seed" --open-demo-wards \
  --out-lp "$work/lp.min" --out-routing "$work/routing.min" --connection "$connection" >"$work/instance.log" 2>&1 \
  || { cat "$work/instance.log" >&2; exit 1; }

# shellcheck source=bench/mcf-lib.sh
source bench/mcf-lib.sh

declare -A wall_ours obj_ours solve_ours read_ours wall_glpk obj_glpk solve_glpk size
files=(lp routing)
for f in "${files[@]}"; do
  wall_ours[$f]=$(best_of "ours-$f" "${fangkong[@]}" mcf solve "$work/$f.min" --out "$run/solution")
  obj_ours[$f]=$(awk '$1 == "s" { print $2 }' "$work/ours-$f/solution")
  solve_ours[$f]=$(awk '$1 == "c" && $2 == "solve" { printf "%.0f", $4 }' "$work/ours-$f/solution")
  read_ours[$f]=$(awk '$1 == "c" && $2 == "read" { printf "%.0f", $4 }' "$work/ours-$f/solution")
  wall_glpk[$f]=$(best_of "glpk-$f" glpsol --mincost "$work/$f.min" -o "$run/report")
  obj_glpk[$f]=$(objective "$work/$f.min" <(glpk_flows "$work/glpk-$f/report"))
  solve_glpk[$f]=$(awk '/^Time used:/ { printf "%.0f", $3 * 1000 }' "$work/glpk-$f/stdout")
  size[$f]=$(awk '$1 == "p" { printf "%d nodes, %d arcs", $3, $4 }' "$work/$f.min")
done

engine_ms=$(sed -n 's/^engine: \([0-9.]*\) ms.*/\1/p' "$work/instance.log")
engine_distance=$(sed -n 's/^engine: .*total distance \([0-9,]*\) .*/\1/p' "$work/instance.log" | tr -d ,)
echo "Placement benchmark — city $city, $patients patients, seed $seed; $(nproc) cores, best of $repeat, $(date -u +%F)"
grep -v '^opened' "$work/instance.log" | grep -v '^wrote' | sed 's/^/  /'
printf '%-14s %-34s %16s %16s %10s %10s %10s %10s %10s %10s\n' file size "ours objective" "glpsol objective" \
  "ours wall" "glpk wall" "wall o/g" "ours solve" "glpk solve" "solve o/g"
for f in "${files[@]}"; do
  printf '%-14s %-34s %16s %16s %10d %10d %10.3f %10d %10d %10.3f\n' "$f" "${size[$f]}" "${obj_ours[$f]}" "${obj_glpk[$f]}" \
    "${wall_ours[$f]}" "${wall_glpk[$f]}" "$(echo "${wall_ours[$f]} / ${wall_glpk[$f]}" | bc -l)" \
    "${solve_ours[$f]}" "${solve_glpk[$f]}" "$(echo "${solve_ours[$f]} / ${solve_glpk[$f]}" | bc -l)"
done
echo "times in ms; wall is the whole process (ours: .NET start-up, reading ${read_ours[lp]}/${read_ours[routing]} ms, solving, writing);"
echo "solve is ours inside the process, glpsol its 'Time used'; o/g = ours / glpsol, below 1 means ours is faster"
echo "placement engine (grouping, tranche search and routing, inside the process): $engine_ms ms; its total distance $engine_distance"

status=0
for f in "${files[@]}"; do
  [ "${obj_ours[$f]}" = "${obj_glpk[$f]}" ] || status=1
done
[ "${obj_ours[routing]}" = "$engine_distance" ] || status=1
if [ "$status" = 0 ]; then echo "objectives equal: yes (and the routing optimum is the engine's distance)"; else echo "objectives equal: NO" >&2; fi
exit "$status"
