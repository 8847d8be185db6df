#!/usr/bin/env bash
# Start-up of the opencode CLI from its own timeline (OPENCODE_TIMELINE=1): runs a command N times and prints, per step,
# the median of "ms since process start" and of the JIT time spent so far, plus the machine load before and after.
#
#   bench/cli-startup.sh [-n RUNS] [-e KEY=VALUE]... CLI [ARGS...]
#   bench/cli-startup.sh -n 15 artifacts/opencode/opencode chat hi --max-tokens 1 --endpoint http://127.0.0.1:8080
#
# -e sets an environment variable for the measured runs only (e.g. -e DOTNET_TieredPGO=0). The first run is a warm-up
# (file cache, the discovery answers written to the SQLite file) and is not counted.
set -euo pipefail

runs=11
env_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -e) env_args+=("$2"); shift 2 ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
echo "load before: $(uptime)"
for ((i = 0; i <= runs; i++)); do
  line="$(env OPENCODE_TIMELINE=1 "${env_args[@]}" "$@" 2>&1 >/dev/null | grep '^timeline:' || true)"
  [[ -n "$line" ]] || { echo "run $i printed no timeline; is the command right?" >&2; exit 1; }
  if [[ $i -gt 0 ]]; then
    printf '%s\n' "$line" >> "$out"
  fi
done
echo "load after:  $(uptime)"

# "timeline:   123.4 ms  step text  (JIT so far: 56 ms, 789 methods)" -> step, ms, jit ms
sed -E 's/^timeline: +([0-9.]+) ms  (.*)  \(JIT so far: ([0-9]+) ms, ([0-9]+) methods\)$/\2\t\1\t\3\t\4/' "$out" |
  awk -F'\t' -v runs="$runs" '
    { if (!($1 in seen)) { seen[$1] = ++n; name[n] = $1 } k = seen[$1]; c[k]++; ms[k, c[k]] = $2; jit[k, c[k]] = $3; m[k] = $4 }
    function median(arr, k, count,    i, j, t, v) {
      for (i = 1; i <= count; i++) v[i] = arr[k, i]
      for (i = 2; i <= count; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
    }
    END {
      printf "%-70s %10s %12s %8s\n", "step (" runs " runs, medians)", "ms", "JIT ms", "methods"
      for (k = 1; k <= n; k++) printf "%-70s %10.1f %12.0f %8d\n", name[k], median(ms, k, c[k]), median(jit, k, c[k]), m[k]
    }'
