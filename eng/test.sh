#!/usr/bin/env bash
# Runs the whole test suite: unit, wire-level and integration tests (against a real llama-server and a real PostgreSQL).
# Builds llama-server from the npm source bundle on first use (cached under ~/.cache/opencode).
# Starts a throwaway PostgreSQL (eng/start-postgres.sh) unless OPENCODE_TEST_POSTGRES already names one.
# Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${OPENCODE_LLAMA_SERVER:-}" ]]; then
  OPENCODE_LLAMA_SERVER="$(eng/build-llama-server.sh | tail -n 1)"
  export OPENCODE_LLAMA_SERVER
fi

# shellcheck source=start-postgres.sh
source eng/start-postgres.sh
log="$(mktemp)"
trap 'rm -f "$log"; stop_postgres' EXIT
if [[ -z "${OPENCODE_TEST_POSTGRES:-}" ]]; then
  start_postgres || echo "PostgreSQL could not be started; its tests will be skipped (or fail under CI=true)" >&2
fi
status=0
dotnet test OpenCode.slnx --configuration Release "$@" 2>&1 | tee "$log" || status=$?

# One "Passed!/Failed! - Failed: N, Passed: N, Skipped: N, Total: N" line per test assembly.
read -r passed failed skipped assemblies < <(
  grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$log" |
    sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\1 \2 \3/' |
    awk '{f+=$1; p+=$2; s+=$3; n++} END {printf "%d %d %d %d\n", p, f, s, n}')

if [[ "$assemblies" -eq 0 ]]; then
  echo "no test results were reported" >&2
  status=1
elif [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
  failed=1 # the run failed without a failing test (build error, crashed test host)
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
