#!/usr/bin/env bash
# Stops what start.sh started, by PID (NEWSSITE_SERVER_PIDS, or the PIDs given), never by name, and removes their
# temp folders.
set -uo pipefail
pids=${*:-${NEWSSITE_SERVER_PIDS:-}}
for pid in $pids; do
  # SIGINT is PostgreSQL's fast shutdown; Redis stops on it too.
  kill -INT "$pid" 2>/dev/null || true
done
for pid in $pids; do
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL "$pid" 2>/dev/null || true
done
for dir in ${NEWSSITE_TEST_POSTGRES_DIR:-} ${NEWSSITE_TEST_REDIS_DIR:-}; do
  case "$dir" in */newssite-postgres.*|*/newssite-redis.*) rm -rf "$dir" ;; esac
done
