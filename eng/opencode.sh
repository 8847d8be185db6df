#!/usr/bin/env bash
# Runs the opencode CLI without paying `dotnet run`'s build check on every run: publishes it once, publishes again only when a
# source, project or props file is newer than the published tool, then runs the published tool with the arguments given.
#
#   eng/opencode.sh chat "Write a function that reverses a string"
#   eng/opencode.sh --help
#   OPENCODE_PUBLISH=readytorun eng/opencode.sh chat "…"
#
# OPENCODE_PUBLISH picks how (docs/benchmarks.md, "CLI start-up", has the figures):
#   aot         the default where a C compiler and linker are installed (clang, else gcc): one native executable
#               (artifacts/opencode-aot/), no JIT at start; the first request leaves ~40 ms after the process starts, ~10x sooner
#               than ReadyToRun. A publish takes ~2-3.5 minutes on 2 cores.
#   readytorun  the default without one: framework-dependent, precompiled where it can be (artifacts/opencode/), ~1-2 minutes.
#   composite   self-contained, the app and the framework compiled together into one ReadyToRun image (artifacts/opencode-composite/,
#               ~260 MB, 3-7 minutes): between the two.
# The first run takes as long as a publish; later runs start the built tool directly. OPENCODE_REPUBLISH=1 forces a publish.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# Native AOT links with the platform's C toolchain: clang by default; gcc does the same job where clang is missing.
cc=""
command -v clang >/dev/null && cc=clang
[[ -n "$cc" ]] || { command -v gcc >/dev/null && cc=gcc; }
mode="${OPENCODE_PUBLISH:-$([[ -n "$cc" ]] && echo aot || echo readytorun)}"
case "$mode" in
  aot)
    [[ -n "$cc" ]] || { echo "eng/opencode.sh: OPENCODE_PUBLISH=aot needs clang or gcc (apt-get install clang); or use readytorun." >&2; exit 2; }
    out="$root/artifacts/opencode-aot"
    publish_args=(-p:OpenCodeNativeAot=true)
    [[ "$cc" == clang ]] || publish_args+=(-p:CppCompilerAndLinker=gcc) ;;
  readytorun)
    out="$root/artifacts/opencode"
    publish_args=(--self-contained false -p:PublishReadyToRun=true) ;;
  composite)
    out="$root/artifacts/opencode-composite"
    publish_args=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
  *)
    echo "eng/opencode.sh: OPENCODE_PUBLISH is '${OPENCODE_PUBLISH}'; use aot, readytorun or composite." >&2
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
  echo "eng/opencode.sh: publishing the CLI (Release, $mode, ${rid:-this platform}) into ${out#"$root/"}/ ..." >&2
  # Both kinds compile into the same intermediate R2R folder, and a composite's per-assembly stubs would look up to date to a
  # plain ReadyToRun publish (which then ships stubs that need the composite image): start each publish from an empty one.
  rm -rf "$root"/src/OpenCode.Cli/obj/Release/*/"${rid:-none}"/R2R
  dotnet publish "$root/src/OpenCode.Cli" -c Release ${rid:+-r "$rid"} "${publish_args[@]}" -o "$out" --nologo -v quiet >&2
  mv "$stamp.next" "$stamp"
fi

exec "$tool" "$@"
