#!/usr/bin/env bash
# Overhead of `plexus-cli sweep` against plain `plexus-cli run` calls on the same points, and
# the sweep's own memory as the number of points grows (docs/benchmarks.md, "Parameter sweeps").
# Not part of the test suite. Usage: scripts/bench-sweep.sh [BUILD_DIR] [RUNS]
#   BUILD_DIR  a build folder holding app/cli/plexus-cli (default: build)
#   RUNS       timed repetitions of each command (default: 5)
# The 50 points are the CUBA example (N = 4000) for 1 s with seeds 1..50, in one worker, so that
# both sides run one simulation at a time. scripts/time-pairs.py runs the two commands in turn
# and takes their ratio pair by pair.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build}"
runs="${2:-5}"
cli="$build/app/cli/plexus-cli"
project="$here/resources/examples/cuba.json"
points=50
if [[ ! -x "$cli" ]]; then
    echo "bench-sweep: $cli not found (build the plexus-cli target first)" >&2
    exit 1
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/plexus-bench-sweep.XXXXXX")"
trap 'rm -rf "$work"' EXIT

sweep_cmd="rm -rf '$work'/sweep.h5*; exec '$cli' sweep '$project' --param simulation.seed=1:$points:$points --workers 1 --duration 1 --out '$work/sweep.h5' 2>/dev/null"
runs_cmd="for i in \$(seq 1 $points); do '$cli' run '$project' --seed \$i --duration 1 >/dev/null; done"

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "A = plexus-cli sweep ($points points, --workers 1), B = $points x plexus-cli run"
/usr/bin/python3 "$here/scripts/time-pairs.py" -n "$runs" "$sweep_cmd" "$runs_cmd"

# Memory of the sweep process itself (summaries only): 100 and 1000 points of a small network.
small="$work/small.json"
/usr/bin/python3 - "$project" "$small" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["populations"][0]["size"] = 80
p["populations"][1]["size"] = 20
p["simulation"]["duration_s"] = 0.05
json.dump(p, open(sys.argv[2], "w"))
PY
for n in 100 1000; do
    rm -rf "$work"/mem.h5*
    peak=$("$cli" sweep "$small" --param "simulation.seed=1:$n:$n" --workers 2 \
        --out "$work/mem.h5" --json 2>/dev/null |
        /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["peak_rss_mb"])')
    echo "sweep of $n points: peak RSS of the sweep process $peak MB"
done
