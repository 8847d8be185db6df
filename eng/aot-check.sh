#!/usr/bin/env bash
# Publishes the CLI as native AOT (eng/opencode.sh, OPENCODE_PUBLISH=aot) and runs, on the published executable, the paths that only
# a native build can break: reflection over the options (a check that sees no properties passes everything), the config file's
# schema check, the encrypted credential store (DataProtection), the SQLite file, LLamaSharp's native libraries (the in-process
# demo model), and requests to a real llama-server. A unit test cannot see these: it runs under the JIT.
#
#   eng/aot-check.sh          # with OPENCODE_LLAMA_SERVER set (.ci/run sets it), also against a llama-server it starts
#
# The publish takes ~2-4 minutes on 2 cores (once per source change; eng/opencode.sh skips it when nothing changed); the checks ~10 s.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v clang >/dev/null || command -v gcc >/dev/null || { echo "aot-check: skipped (no clang or gcc to link with)"; exit 0; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [[ -z "$server_pid" ]] || kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# Its own ledger, credential store and config: nothing of the user's is read or written.
export OPENCODE_USAGE_DB="$work/usage.db" OPENCODE_CREDENTIAL_STORE="$work/credentials"

publish_log="$work/publish.log"
OPENCODE_PUBLISH=aot "$root/eng/opencode.sh" --version >/dev/null 2>"$publish_log" || { cat "$publish_log"; exit 1; }
tool="$root/artifacts/opencode-aot/OpenCode.Cli"
failures=0

# The publish lets through only the third-party warnings OpenCode.Cli.csproj names (it says why each is safe); another fails here.
unexpected="$(grep -E 'warning IL[0-9]+' "$publish_log" \
  | grep -Ev "IL3000: LLama\.Native\.NativeLibraryUtils\.TryFindPath" || true)"
if [[ -n "$unexpected" ]]; then
  echo "aot-check: FAIL  the publish warned beyond what OpenCode.Cli.csproj allows:"
  sed 's/^/    /' <<<"$unexpected"
  failures=1
elif grep -q "publishing the CLI" "$publish_log"; then
  echo "aot-check: ok    publish (only the allowed third-party warnings)"
fi

# check NAME EXPECTED-EXIT PATTERN COMMAND...: runs COMMAND (stdin from $input), wants the exit code and PATTERN in its output.
input=/dev/null
check() {
  local name="$1" want="$2" pattern="$3"
  shift 3
  local output code=0
  output="$("$@" <"$input" 2>&1)" || code=$?
  if [[ "$code" == "$want" ]] && grep -Eq -- "$pattern" <<<"$output"; then
    echo "aot-check: ok    $name"
  else
    echo "aot-check: FAIL  $name (exit $code, wanted $want and /$pattern/):"
    sed 's/^/    /' <<<"$output" | head -n 20
    failures=$((failures + 1))
  fi
}

check "--help" 0 "Usage:" "$tool" --help
check "in-process demo model (LLamaSharp)" 0 "." "$tool" chat hi --max-tokens 8
check "embed in process" 0 "[0-9]+ dims" "$tool" embed "hello world"
echo '{ "timeout": 60000, "rateLimits": { "requestsPerMinute": 100 } }' >"$work/good.json"
check "config file accepted" 0 "." "$tool" chat hi --max-tokens 4 --config "$work/good.json"
echo '{ "timeout": 10, "rateLimits": { "requestsPerMinit": 3 }, "features": { "streaming": "yes" } }' >"$work/bad.json"
check "config file checked against the schema" 2 "timeout: 10 is out of range.*requestsPerMinit: unknown setting.*'yes' is not true or false" \
  "$tool" chat hi --config "$work/bad.json"
check "environment value checked by type" 2 "timeout: 'abc' is not an integer" env OPENCODE_TIMEOUT=abc "$tool" chat hi
check "options checked by their annotations" 2 "timeout: 10 is out of range" env OPENCODE_TIMEOUT=10 "$tool" chat hi
check "usage read from the SQLite ledger" 0 "opencode-demo" "$tool" usage

key="aot-check-$RANDOM$RANDOM"
printf '%s\n' "$key" >"$work/key"
input="$work/key"
check "auth set (encrypted store)" 0 "." "$tool" auth set local
input=/dev/null
check "auth list decrypts it" 0 "local +ApiKey +\*+[0-9]{4}" "$tool" auth list

if [[ -n "${OPENCODE_LLAMA_SERVER:-}" && -x "${OPENCODE_LLAMA_SERVER}" ]]; then
  model="$(ls "${XDG_CACHE_HOME:-$HOME/.cache}"/opencode/models/opencode-demo-*.gguf | head -n 1)"
  port=$((20000 + RANDOM % 20000))
  "$OPENCODE_LLAMA_SERVER" -m "$model" --host 127.0.0.1 --port "$port" --parallel 2 --api-key "$key" >"$work/server.log" 2>&1 &
  server_pid=$!
  endpoint="http://127.0.0.1:$port"
  # The CLI's own health command waits for it (GET /health needs no key); the server exits at once if the port is taken.
  for _ in $(seq 100); do "$tool" health --endpoint "$endpoint" >/dev/null 2>&1 && break; kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
  check "health" 0 "healthy" "$tool" health --endpoint "$endpoint"
  check "chat with the stored credential" 0 "." "$tool" chat hi --max-tokens 8 --endpoint "$endpoint" --credential local
  check "chat refused without it" 3 "." "$tool" chat hi --max-tokens 8 --endpoint "$endpoint"
  check "models" 0 "starcoder" "$tool" models --endpoint "$endpoint" --credential local
  check "complete" 0 "." "$tool" complete "int main(" --max-tokens 4 --endpoint "$endpoint" --credential local
  check "chat --json" 0 '"finishReason"' "$tool" chat hi --max-tokens 4 --json --endpoint "$endpoint" --credential local
else
  echo "aot-check: the llama-server checks are skipped (set OPENCODE_LLAMA_SERVER to a llama-server binary)"
fi

[[ $failures == 0 ]] || { echo "aot-check: $failures check(s) failed"; exit 1; }
echo "aot-check: all passed"
