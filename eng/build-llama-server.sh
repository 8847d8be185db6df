#!/usr/bin/env bash
# Builds llama.cpp's llama-server from the source bundle shipped in the npm package
# node-llama-cpp@3.22.1 and caches the binary outside the clone, keyed by the llama.cpp commit.
# Prints the path of the binary on the last line of stdout. Progress goes to stderr.
set -euo pipefail

NODE_LLAMA_CPP_VERSION="3.22.1"
LLAMA_COMMIT="de3ff81"
CACHE_ROOT="${OPENCODE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/opencode}"
DEST_DIR="$CACHE_ROOT/llama-server/$LLAMA_COMMIT"
BIN="$DEST_DIR/llama-server"
JOBS="${OPENCODE_BUILD_JOBS:-$(nproc)}"

log() { printf '[llama-server] %s\n' "$*" >&2; }

if [[ -x "$BIN" ]] && "$BIN" --version >/dev/null 2>&1; then
  log "cached: $BIN"
  echo "$BIN"
  exit 0
fi

for tool in npm git cmake g++ tar; do
  command -v "$tool" >/dev/null || { log "missing required tool: $tool"; exit 1; }
done

mkdir -p "$DEST_DIR"
WORK="$(mktemp -d "$CACHE_ROOT/llama-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

log "fetching node-llama-cpp@$NODE_LLAMA_CPP_VERSION source bundle"
(cd "$WORK" && npm pack --silent "node-llama-cpp@$NODE_LLAMA_CPP_VERSION" >/dev/null)
tar -xzf "$WORK/node-llama-cpp-$NODE_LLAMA_CPP_VERSION.tgz" -C "$WORK" package/llama/gitRelease.bundle
git clone -q "$WORK/package/llama/gitRelease.bundle" "$WORK/llama.cpp"

# Keep the vocabulary GGUFs and chat templates: tests build tiny models from real tokenizers.
mkdir -p "$CACHE_ROOT/vocab/$LLAMA_COMMIT" "$CACHE_ROOT/templates/$LLAMA_COMMIT"
cp "$WORK"/llama.cpp/models/ggml-vocab-*.gguf "$CACHE_ROOT/vocab/$LLAMA_COMMIT/"
cp "$WORK"/llama.cpp/models/templates/*.jinja "$CACHE_ROOT/templates/$LLAMA_COMMIT/" 2>/dev/null || true

log "configuring (cmake)"
cmake -S "$WORK/llama.cpp" -B "$WORK/llama.cpp/build" -DCMAKE_BUILD_TYPE=Release \
  -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DBUILD_SHARED_LIBS=OFF >&2

log "building with $JOBS jobs (about 6-7 minutes on 2 cores)"
cmake --build "$WORK/llama.cpp/build" --target llama-server -j"$JOBS" >&2

cp "$WORK/llama.cpp/build/bin/llama-server" "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
log "built: $BIN"
echo "$BIN"
