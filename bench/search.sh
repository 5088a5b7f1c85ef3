#!/usr/bin/env bash
# An uncached search for a common word (issue 18, item 3: under 20 ms): each given build in turn, output cache off,
# searches 27 words each found in 90-99 % of the 100,000 stories, each word for the first time since the start and
# then again, after three searches for "council" that do the first search's one-time work. Builds take turns, so each
# is compared with the others minutes apart on the same machine. See bench/README.md, "Search hits checked from an index".
# Usage: bash bench/search.sh [--rounds N] [--db PATH] PUBLISHED-FOLDER...
#   a published folder holds NewsSite.Web (as bench/run.sh publishes it) or, for a framework-dependent build, NewsSite.Web.dll;
#   a folder may be followed by :DB to run that build on its own database (a copy without a later migration, say).
#   A build migrates the database it is given, in place: copy the database for an older schema before a newer build
#   first starts on it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=2; DB="$ROOT/bench/data/news-100k.db"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "give one or more published folders" >&2; exit 2; }
for spec in "$@"; do
  db=$DB; [ "$spec" = "${spec%%:*}" ] || db=${spec#*:}
  [ -f "$db" ] || { echo "no database at $db (bench/README.md says how to generate it)" >&2; exit 2; }
done
export DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
WORDS="residents people year week said new local plan road street park station festival school bridge report market
library hospital housing police club city river harbour budget water"

WORK=$(mktemp -d); PID=""
trap '[ -z "$PID" ] || kill -9 "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
ms() { curl -sf -o /dev/null -w '%{time_total}' "$1" | awk '{ printf "%.1f\n", $1 * 1000 }'; }
stop() { kill "$PID" 2>/dev/null || true; for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done; kill -9 "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
wait_ok() { # the build answers its probe, or the script stops with the end of its log
  for _ in $(seq 1 1500); do
    curl -sf -o /dev/null "$BASE/healthz" && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.02
  done
  echo "$1 did not answer $BASE/healthz; the end of its log:" >&2; tail -20 "$WORK/site.log" >&2; exit 1
}
summary() { # file of milliseconds, one a line; p90 by nearest rank
  sort -n "$1" | awk '{ v[NR] = $1; if ($1 > 20) over++ } END { p = int(NR * 0.9); if (p < NR * 0.9) p++
    printf "n %d, median %.1f ms, p90 %.1f ms, max %.1f ms, over 20 ms: %d", NR, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[p], v[NR], over + 0 }'
}

for round in $(seq 1 "$ROUNDS"); do
  n=0
  for spec in "$@"; do
    n=$((n + 1)); build=${spec%%:*}; db=$DB; [ "$spec" = "$build" ] || db=${spec#*:}
    run=("$build/NewsSite.Web"); [ -x "$build/NewsSite.Web" ] || run=(dotnet "$build/NewsSite.Web.dll")
    rm -rf "$WORK/data"
    env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__News="Data Source=$db" Storage__DataDirectory="$WORK/data" \
      Caching__OutputCacheEnabled=false Database__SeedSampleContent=false Serilog__MinimumLevel__Default=Warning \
      Site__BaseUrl="$BASE" Security__CookieSecurePolicy=SameAsRequest "${run[@]}" --urls "$BASE" >"$WORK/site.log" 2>&1 &
    PID=$!
    wait_ok "$spec"
    sleep 2 # the jobs' first rounds
    for _ in 1 2 3; do ms "$BASE/search?q=council" >/dev/null; done
    for word in $WORDS; do
      ms "$BASE/search?q=$word" >>"$WORK/$n.first"; ms "$BASE/search?q=$word" >>"$WORK/$n.again"
    done
    stop
    echo "round $round  $spec done"
  done
done
n=0
for spec in "$@"; do
  n=$((n + 1))
  echo "$spec"
  echo "  first search of a word: $(summary "$WORK/$n.first")"
  echo "  the same word again:    $(summary "$WORK/$n.again")"
done
