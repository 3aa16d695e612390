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

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# best_of LABEL CMD...: runs CMD $repeat times and prints the least wall time in ms; the files of the
# fastest run (and its output, as stdout) are kept in $work/LABEL/.
run=$work/run
best_of() {
  local label=$1; shift
  local best=
  for _ in $(seq 1 "$repeat"); do
    rm -rf "$run"; mkdir -p "$run"
    local t0; t0=$(now_ms)
    "$@" >"$run/stdout" 2>&1 || { echo "$label failed:" >&2; cat "$run/stdout" >&2; exit 1; }
    local t=$(( $(now_ms) - t0 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then
      best=$t; rm -rf "${work:?}/$label"; mv "$run" "$work/$label"
    fi
  done
  echo "$best"
}

# objective MODEL FLOWS: sum of flow x cost over "NAME VALUE" lines, NAME = x[i,j] as glpsol names arc
# i -> j; costs come from the DIMACS file (no parallel arcs in either file, so the name is unique).
objective() {
  awk 'FNR == NR { if ($1 == "a") cost["x[" $2 "," $3 "]"] = $6; next }
       { v = $2 + 0; r = (v >= 0) ? int(v + 0.5) : -int(-v + 0.5);
         if (v - r > 1e-6 || r - v > 1e-6) { print "non-integral flow " $1 " = " $2 > "/dev/stderr" }
         if (!($1 in cost)) { print "unknown column " $1 > "/dev/stderr"; exit 1 }
         total += r * cost[$1] }
       END { printf "%.0f\n", total }' "$1" "$2"
}

# glpsol's -o report: "No. name St Activity ..."; a name too long for its column pushes the rest to the next line.
glpk_flows() {
  awk '/^ *[0-9]+ x\[/ { if (NF >= 4) { print $2, $4 } else { name = $2; getline; print name, $2 } }' "$1"
}

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
