# Shared by bench/allocation.sh and bench/placement.sh (sourced, not run): timing and reading the
# optimum of DIMACS min-cost-flow instances from our solver, glpsol and clp. Needs $work and $repeat.

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# best_of LABEL CMD...: runs CMD $repeat times and prints the least wall time in ms. CMD writes its files
# under $run; those of the fastest run (and its output, as $run/stdout) are kept in $work/LABEL/, so
# the solver's own reported time is read from the same run as the wall time.
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
# i -> j; costs come from the DIMACS file (no parallel arcs, so the name is unique). Exact while the
# instance's |objective| bound is below 2^53, which the instance commands check and report.
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

# clp's -solution file: "index name value reduced-cost", nonzero columns only.
clp_flows() {
  awk '$2 ~ /^x\[/ { print $2, $3 }' "$1"
}
