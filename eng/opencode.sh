#!/usr/bin/env bash
# Runs the opencode CLI without paying `dotnet run`'s build check on every run: publishes it once (Release, ReadyToRun, into
# artifacts/opencode/), publishes again only when a source, project or props file is newer than the published tool, then runs
# the published tool with the arguments given.
#
#   eng/opencode.sh chat "Write a function that reverses a string"
#   eng/opencode.sh --help
#   OPENCODE_PUBLISH=composite eng/opencode.sh chat "…"
#
# The first run takes as long as a publish (a minute or two on a small machine); later runs start the built tool directly.
# OPENCODE_REPUBLISH=1 forces a publish. OPENCODE_PUBLISH=composite publishes instead a self-contained tool whose code and the
# .NET framework's are compiled together into one ReadyToRun image (artifacts/opencode-composite/, ~260 MB, a publish of 3-7
# minutes): generic framework code the start-up runs (HTTP, async state machines, Polly's pipeline) is then precompiled rather
# than JIT-compiled, and the first request leaves ~20-30% sooner (docs/benchmarks.md, "CLI start-up").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${OPENCODE_PUBLISH:-readytorun}" in
  readytorun)
    out="$root/artifacts/opencode"
    publish_args=(--self-contained false -p:PublishReadyToRun=true) ;;
  composite)
    out="$root/artifacts/opencode-composite"
    publish_args=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
  *)
    echo "eng/opencode.sh: OPENCODE_PUBLISH is '${OPENCODE_PUBLISH}'; use readytorun (the default) or composite." >&2
    exit 2 ;;
esac
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
  echo "eng/opencode.sh: publishing the CLI (Release, ${OPENCODE_PUBLISH:-readytorun}, ${rid:-this platform}) into ${out#"$root/"}/ ..." >&2
  # Both kinds compile into the same intermediate R2R folder, and a composite's per-assembly stubs would look up to date to a
  # plain ReadyToRun publish (which then ships stubs that need the composite image): start each publish from an empty one.
  rm -rf "$root"/src/OpenCode.Cli/obj/Release/*/"${rid:-none}"/R2R
  dotnet publish "$root/src/OpenCode.Cli" -c Release ${rid:+-r "$rid"} "${publish_args[@]}" -o "$out" --nologo -v quiet >&2
  mv "$stamp.next" "$stamp"
fi

exec "$tool" "$@"
