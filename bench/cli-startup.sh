#!/usr/bin/env bash
# Start-up of the opencode CLI from its own timeline (OPENCODE_TIMELINE=1): runs a command N times and prints, per step,
# the median of "ms since process start" and of the JIT time spent so far, plus the machine load before and after.
#
#   bench/cli-startup.sh [-n RUNS] [-e KEY=VALUE]... [-u HOST:PORT | -S] CLI [ARGS...]
#   bench/cli-startup.sh -n 11 -u 127.0.0.1:8080 artifacts/opencode/OpenCode.Cli chat hi --max-tokens 1 --endpoint {endpoint}
#
# -e sets an environment variable for the measured runs only (e.g. -e DOTNET_TieredPGO=0). The first run is a warm-up
# (file cache, the discovery answers written to the SQLite file) and is not counted.
# The timeline cannot see when the request is sent (the stages, the limiter and the connection run after its last step), so:
# -u HOST:PORT puts a forwarding proxy (python3) in front of the server there and replaces {endpoint} in ARGS with its URL;
#    the row "HTTP request received" is when the first request's first bytes reached it, in ms from just before the shell
#    started the command. Nothing runs inside the CLI for it.
# Without -u, and with strace installed (and no -S), each run goes through `strace -f --seccomp-bpf`, stopping the process at
#    execve, socket sends and thread creation: the row "HTTP request sent" is when the bytes left the process. The stops
#    make the whole run slower (~30 ms by the request here), so prefer -u.
set -euo pipefail
# Each run is timed with $EPOCHREALTIME, which bash has from version 5.0 on.
if (( BASH_VERSINFO[0] < 5 )); then
  echo "cli-startup.sh: needs bash 5.0 or later (it times runs with \$EPOCHREALTIME); this is bash $BASH_VERSION" >&2
  exit 2
fi

runs=11
env_args=()
use_strace=1
upstream=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -e) env_args+=("$2"); shift 2 ;;
    -S) use_strace=0; shift ;;
    -u) upstream="$2"; use_strace=0; shift 2 ;;
    *) break ;;
  esac
done
[[ $# -ge 1 ]] || { sed -n '2,16p' "$0" >&2; exit 2; }
# No strace, or one that may not trace here (no ptrace in some containers): the timeline alone.
[[ $use_strace == 0 ]] || { command -v strace >/dev/null && strace -f --seccomp-bpf -e trace=execve -o /dev/null true 2>/dev/null; } || use_strace=0

out="$(mktemp)"
trace="$(mktemp)"
requests="$(mktemp)"
proxy_pid=""
trap 'rm -f "$out" "$trace" "$requests"; [[ -z "$proxy_pid" ]] || kill "$proxy_pid" 2>/dev/null || true' EXIT

command=("$@")
if [[ -n "$upstream" ]]; then
  # Logs the arrival time of each connection's first bytes (and its request line), then forwards both ways.
  python3 -u -c '
import asyncio, sys, time
host, port, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()
async def handle(client_reader, client_writer):
    first = await client_reader.read(65536)
    arrived = time.time_ns()
    if not first:
        client_writer.close()
        return
    request_line = first.split(bytes([13, 10]), 1)[0].decode("latin-1")
    with open(log, "a") as f:
        f.write(f"{arrived} {request_line}\n")
    upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
    upstream_writer.write(first)
    await asyncio.gather(pipe(client_reader, upstream_writer), pipe(upstream_reader, client_writer))
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()
asyncio.run(main())
' "${upstream%:*}" "${upstream##*:}" "$requests" > "$trace" &
  proxy_pid=$!
  for _ in $(seq 50); do [[ -s "$trace" ]] && break; sleep 0.1; done
  [[ -s "$trace" ]] || { echo "the proxy did not start (python3 needed for -u)" >&2; exit 1; }
  command=("${command[@]//\{endpoint\}/http://127.0.0.1:$(head -n 1 "$trace")}")
fi

echo "load before: $(uptime)"
for ((i = 0; i <= runs; i++)); do
  if [[ $use_strace == 1 ]]; then
    line="$(strace -f --seccomp-bpf -ttt -s 48 -e trace=execve,sendto,sendmsg -o "$trace" \
      env OPENCODE_TIMELINE=1 "${env_args[@]}" "${command[@]}" 2>&1 >/dev/null | grep '^timeline:' || true)"
    # ms from the first execve to the first send that starts an HTTP request, in the timeline's own line format.
    sent="$(awk '
      $3 ~ /^execve\(/ && !start { start = $2 }
      $3 ~ /^(sendto|sendmsg)\(/ && match($0, /"(GET|POST|PUT|DELETE) [^ ]+/) && start {
        printf "timeline: %7.1f ms  HTTP request sent: %s (strace)  (JIT so far: 0 ms, 0 methods)\n", ($2 - start) * 1000, substr($0, RSTART + 1, RLENGTH - 1)
        exit
      }' "$trace")"
  else
    : > "$requests"
    start="$EPOCHREALTIME"
    line="$(env OPENCODE_TIMELINE=1 "${env_args[@]}" "${command[@]}" 2>&1 >/dev/null | grep '^timeline:' || true)"
    sent=""
    if [[ -n "$upstream" && -s "$requests" ]]; then
      sent="$(awk -v start="$start" 'NR == 1 {
        printf "timeline: %7.1f ms  HTTP request received: %s %s (proxy)  (JIT so far: 0 ms, 0 methods)\n", $1 / 1e6 - start * 1000, $2, $3
      }' "$requests")"
    fi
  fi
  [[ -z "$sent" ]] || line="$(printf '%s\n%s' "$line" "$sent" | sort -t: -k2 -n -s)"
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
        if (name[k] ~ /\((strace|proxy)\)$/) printf "%-70s %10.1f %12s %8s\n", name[k], median(ms, k, c[k]), "-", "-"
        else printf "%-70s %10.1f %12.0f %8d\n", name[k], median(ms, k, c[k]), median(jit, k, c[k]), m[k]
      }
    }'
