#!/usr/bin/env bash
# Runs the opencode CLI without paying `dotnet run`'s build check on every run: publishes it once (Release, ReadyToRun, into
# artifacts/opencode/), publishes again only when a source, project or props file is newer than the published tool, then runs
# the published tool with the arguments given.
#
#   eng/opencode.sh chat "Write a function that reverses a string"
#   eng/opencode.sh --help
#
# The first run takes as long as a publish (a minute or two on a small machine); later runs start the built tool directly.
# OPENCODE_REPUBLISH=1 forces a publish.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/opencode"
tool="$out/OpenCode.Cli"
# When the last publish started: a source saved while it ran is newer, so the next run publishes again.
stamp="$out/.published-from"

stale() {
  [[ ! -x "$tool" || ! -f "$stamp" || "${OPENCODE_REPUBLISH:-}" == "1" ]] && return 0
  # Anything the CLI is built from that changed since the last publish started.
  [[ -n "$(find "$root/src" "$root/docs/opencode.schema.json" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
    \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$stamp" -print -quit)" ]]
}

if stale; then
  mkdir -p "$out"
  touch "$stamp.next"
  rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
  echo "eng/opencode.sh: publishing the CLI (Release, ReadyToRun, ${rid:-this platform}) into artifacts/opencode/ ..." >&2
  dotnet publish "$root/src/OpenCode.Cli" -c Release ${rid:+-r "$rid"} --self-contained false -p:PublishReadyToRun=true \
    -o "$out" --nologo -v quiet >&2
  mv "$stamp.next" "$stamp"
fi

exec "$tool" "$@"
