#!/usr/bin/env bash
# Start-up of the opencode CLI from its own timeline (OPENCODE_TIMELINE=1): runs a command N times and prints, per step,
# the median of "ms since process start" and of the JIT time spent so far, plus the machine load before and after.
#
#   bench/cli-startup.sh [-n RUNS] [-e KEY=VALUE]... [-S] CLI [ARGS...]
#   bench/cli-startup.sh -n 15 artifacts/opencode/opencode chat hi --max-tokens 1 --endpoint http://127.0.0.1:8080
#
# -e sets an environment variable for the measured runs only (e.g. -e DOTNET_TieredPGO=0). The first run is a warm-up
# (file cache, the discovery answers written to the SQLite file) and is not counted.
# With strace installed (and no -S), each run also goes through `strace -f --seccomp-bpf`, stopping the process only at
# execve and socket sends: the row "HTTP request sent" is when the first HTTP request's bytes left the process, from
# outside it, which no step of the timeline can see (the request is built, limited and connected after the last step).
set -euo pipefail

runs=11
env_args=()
use_strace=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -e) env_args+=("$2"); shift 2 ;;
    -S) use_strace=0; shift ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
command -v strace >/dev/null || use_strace=0

out="$(mktemp)"
trace="$(mktemp)"
trap 'rm -f "$out" "$trace"' EXIT
echo "load before: $(uptime)"
for ((i = 0; i <= runs; i++)); do
  if [[ $use_strace == 1 ]]; then
    line="$(strace -f --seccomp-bpf -ttt -s 48 -e trace=execve,sendto,sendmsg -o "$trace" \
      env OPENCODE_TIMELINE=1 "${env_args[@]}" "$@" 2>&1 >/dev/null | grep '^timeline:' || true)"
    # ms from the first execve to the first send that starts an HTTP request, in the timeline's own line format.
    sent="$(awk '
      $3 ~ /^execve\(/ && !start { start = $2 }
      $3 ~ /^(sendto|sendmsg)\(/ && match($0, /"(GET|POST|PUT|DELETE) [^ ]+/) && start {
        printf "timeline: %7.1f ms  HTTP request sent: %s (strace)  (JIT so far: 0 ms, 0 methods)\n", ($2 - start) * 1000, substr($0, RSTART + 1, RLENGTH - 1)
        exit
      }' "$trace")"
    [[ -z "$sent" ]] || line="$(printf '%s\n%s' "$line" "$sent" | sort -t: -k2 -n -s)"
  else
    line="$(env OPENCODE_TIMELINE=1 "${env_args[@]}" "$@" 2>&1 >/dev/null | grep '^timeline:' || true)"
  fi
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
      for (k = 1; k <= n; k++) {
        if (name[k] ~ /\(strace\)$/) printf "%-70s %10.1f %12s %8s\n", name[k], median(ms, k, c[k]), "-", "-"
        else printf "%-70s %10.1f %12.0f %8d\n", name[k], median(ms, k, c[k]), median(jit, k, c[k]), m[k]
      }
    }'
