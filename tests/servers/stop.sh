#!/usr/bin/env bash
# Stops the servers tests/servers/start.sh started, by the PIDs it printed (NEWSSITE_SERVER_PIDS), never by name.
set -uo pipefail
for pid in ${NEWSSITE_SERVER_PIDS:-}; do
  # SIGINT is the clean stop for both PostgreSQL (fast shutdown) and Redis.
  kill -INT "$pid" 2>/dev/null || continue
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL "$pid" 2>/dev/null || true
done
