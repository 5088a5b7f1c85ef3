#!/usr/bin/env bash
# Starts throwaway test servers on free loopback ports, each in a temp folder, as children of this script's caller
# (not daemons), and prints what the tests read:   eval "$(tests/servers/start.sh)"   ...   tests/servers/stop.sh
# Printed: export NEWSSITE_TEST_...=... lines and NEWSSITE_SERVER_PIDS (what stop.sh kills). Progress goes to stderr.
set -euo pipefail

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PIDS=()

# --- Redis (NEWSSITE_TEST_REDIS=host:port) -------------------------------------------------------------------------
if command -v redis-server >/dev/null; then
  REDIS_DIR=$(mktemp -d -t newssite-redis-XXXXXX)
  for attempt in 1 2 3; do
    REDIS_PORT=$(free_port)
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$REDIS_DIR" \
      --logfile "$REDIS_DIR/redis.log" </dev/null >/dev/null 2>&1 &
    REDIS_PID=$!
    # Ours must be the one answering: a second redis on a taken port exits while PING still answers the first.
    for _ in $(seq 1 100); do
      if ! kill -0 "$REDIS_PID" 2>/dev/null; then break; fi
      if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" INFO server 2>/dev/null | grep -q "^process_id:$REDIS_PID"; then
        PIDS+=("$REDIS_PID"); echo "export NEWSSITE_TEST_REDIS=127.0.0.1:$REDIS_PORT"; break 2
      fi
      sleep 0.05
    done
    kill "$REDIS_PID" 2>/dev/null || true
  done
  [ -n "${PIDS[*]:-}" ] || { echo "redis-server did not start (see $REDIS_DIR/redis.log)" >&2; exit 1; }
  echo "redis-server $REDIS_PID on 127.0.0.1:$REDIS_PORT, data in $REDIS_DIR" >&2
else
  echo "no redis-server: apt-get install -y --no-install-recommends redis-server" >&2
fi

echo "export NEWSSITE_SERVER_PIDS=\"${PIDS[*]:-}\""
