#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (free port, trust auth, data under /tmp) for the tests.
# Source it, then call start_postgres; it exports OPENCODE_TEST_POSTGRES (an Npgsql connection string).
# Call stop_postgres (for example from an EXIT trap) to stop the server by its PID and delete its data.
# As root (CI), the server runs as the 'postgres' user, since initdb and postgres refuse to run as root.

_pg_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

_pg_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

start_postgres() {
  local bin port run=()
  bin="$(_pg_bin_dir)" || { echo "PostgreSQL is not installed (no initdb found); apt-get install postgresql" >&2; return 1; }
  port="$(_pg_free_port)" || { echo "no free port for PostgreSQL" >&2; return 1; }
  OPENCODE_POSTGRES_DIR="$(mktemp -d /tmp/opencode-pg-XXXXXX)"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$OPENCODE_POSTGRES_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$OPENCODE_POSTGRES_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-sync >"$OPENCODE_POSTGRES_DIR/initdb.log" 2>&1 ||
    { cat "$OPENCODE_POSTGRES_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$OPENCODE_POSTGRES_DIR/data" -l "$OPENCODE_POSTGRES_DIR/server.log" -w -t 60 \
    -o "-p $port -k $OPENCODE_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null ||
    { cat "$OPENCODE_POSTGRES_DIR/server.log" >&2; return 1; }
  OPENCODE_POSTGRES_PID="$(head -n 1 "$OPENCODE_POSTGRES_DIR/data/postmaster.pid")"
  export OPENCODE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$port (pid $OPENCODE_POSTGRES_PID)" >&2
}

stop_postgres() {
  if [[ -n "${OPENCODE_POSTGRES_PID:-}" ]]; then
    # SIGINT is PostgreSQL's fast shutdown; wait for the postmaster (and so its children) to exit.
    kill -INT "$OPENCODE_POSTGRES_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$OPENCODE_POSTGRES_PID" 2>/dev/null || break
      sleep 0.1
    done
    unset OPENCODE_POSTGRES_PID
  fi
  if [[ -n "${OPENCODE_POSTGRES_DIR:-}" && "$OPENCODE_POSTGRES_DIR" == /tmp/opencode-pg-* ]]; then
    rm -rf "$OPENCODE_POSTGRES_DIR"
    unset OPENCODE_POSTGRES_DIR
  fi
}
