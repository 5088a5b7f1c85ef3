#!/usr/bin/env bash
# Starts throwaway test servers (PostgreSQL, Redis) on free loopback ports, each in a temp folder, and prints the lines
# that point the tests at them:   eval "$(tests/servers/start.sh)"   …   tests/servers/stop.sh
# Nothing here is daemonised: each server is a background child whose PID is printed (NEWSSITE_SERVER_PIDS), and
# stop.sh stops it by PID. A server that is not installed is skipped with a hint on stderr; the tests then skip too.
set -euo pipefail

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pids=()

# --- PostgreSQL (NEWSSITE_TEST_POSTGRES=<Npgsql connection string for a superuser>) ---------------------------------
# PostgreSQL refuses to run as root: as root (CI) it runs as the postgres user the Debian package creates.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -n "$PGBIN" ] && [ -x "$PGBIN/postgres" ]; then
  pg_dir=$(mktemp -d -t newssite-postgres.XXXXXX)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$pg_dir"
    as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups)
  fi
  "${as_pg[@]}" "$PGBIN/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; exit 1; }
  pg_port=$(free_port)
  # fsync off: the data is thrown away. max_connections: each test class's site keeps a small pool, and three cluster
  # nodes with theirs come on top.
  "${as_pg[@]}" "$PGBIN/postgres" -D "$pg_dir/data" -c listen_addresses=127.0.0.1 -p "$pg_port" -k "$pg_dir" \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 \
    </dev/null >"$pg_dir/postgres.log" 2>&1 &
  pg_pid=$!
  pids+=("$pg_pid")
  for _ in $(seq 1 200); do
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break
    kill -0 "$pg_pid" 2>/dev/null || { cat "$pg_dir/postgres.log" >&2; exit 1; }
    sleep 0.05
  done
  "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || { echo "PostgreSQL did not start" >&2; cat "$pg_dir/postgres.log" >&2; exit 1; }
  echo "export NEWSSITE_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
  echo "export NEWSSITE_TEST_POSTGRES_DIR='$pg_dir'"
  echo "postgres $pg_pid on 127.0.0.1:$pg_port, data in $pg_dir" >&2
else
  echo "no PostgreSQL: apt-get install -y --no-install-recommends postgresql" >&2
fi

# --- Redis (NEWSSITE_TEST_REDIS=host:port) -------------------------------------------------------------------------
if command -v redis-server >/dev/null; then
  redis_dir=$(mktemp -d -t newssite-redis.XXXXXX)
  redis_pid=
  for _ in 1 2 3; do
    redis_port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$redis_dir" \
      --logfile "$redis_dir/redis.log" </dev/null >/dev/null 2>&1 &
    candidate=$!
    # Ours must be the one answering: a second redis on a taken port exits while PING still answers the first.
    for _ in $(seq 1 100); do
      kill -0 "$candidate" 2>/dev/null || break
      if redis-cli -h 127.0.0.1 -p "$redis_port" INFO server 2>/dev/null | grep -q "^process_id:$candidate"; then
        redis_pid=$candidate; break 2
      fi
      sleep 0.05
    done
    kill "$candidate" 2>/dev/null || true
  done
  [ -n "$redis_pid" ] || { echo "redis-server did not start (see $redis_dir/redis.log)" >&2; exit 1; }
  pids+=("$redis_pid")
  echo "export NEWSSITE_TEST_REDIS=127.0.0.1:$redis_port"
  echo "export NEWSSITE_TEST_REDIS_DIR='$redis_dir'"
  echo "redis-server $redis_pid on 127.0.0.1:$redis_port, data in $redis_dir" >&2
else
  echo "no redis-server: apt-get install -y --no-install-recommends redis-server" >&2
fi

echo "export NEWSSITE_SERVER_PIDS='${pids[*]:-}'"
