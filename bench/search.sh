#!/usr/bin/env bash
# An uncached search for a common word (issue 18, item 3: under 20 ms): each given build in turn, output cache off,
# searches 27 words each found in 90-99 % of the 100,000 stories, each word for the first time since the start and
# then again, after three searches for "council" that do the first search's one-time work. Builds take turns, so each
# is compared with the others minutes apart on the same machine. See bench/README.md, "Search hits checked from an index".
# Usage: bash bench/search.sh [--rounds N] [--db PATH] PUBLISHED-FOLDER...
#   a published folder holds NewsSite.Web (as bench/run.sh publishes it) or, for a framework-dependent build, NewsSite.Web.dll;
#   a folder may be followed by :DB to run that build on its own database (a copy without a later migration, say)
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
export DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
WORDS="residents people year week said new local plan road street park station festival school bridge report market
library hospital housing police club city river harbour budget water"

WORK=$(mktemp -d); PID=""
trap '[ -z "$PID" ] || kill -9 "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
ms() { curl -s -o /dev/null -w '%{time_total}' "$1" | awk '{ printf "%.1f\n", $1 * 1000 }'; }
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
summary() { # file of milliseconds, one a line
  sort -n "$1" | awk '{ v[NR] = $1; if ($1 > 20) over++ } END {
    printf "n %d, median %.1f ms, p90 %.1f ms, max %.1f ms, over 20 ms: %d", NR, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[int(NR * 0.9)], v[NR], over }'
}

for round in $(seq 1 "$ROUNDS"); do
  n=0
  for spec in "$@"; do
    n=$((n + 1)); build=${spec%%:*}; db=$DB; [ "$spec" = "$build" ] || db=${spec#*:}
    [ -f "$db" ] || { echo "no database at $db (bench/README.md says how to generate it)" >&2; exit 2; }
    run=("$build/NewsSite.Web"); [ -x "$build/NewsSite.Web" ] || run=(dotnet "$build/NewsSite.Web.dll")
    rm -rf "$WORK/data"
    env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__News="Data Source=$db" Storage__DataDirectory="$WORK/data" \
      Caching__OutputCacheEnabled=false Database__SeedSampleContent=false Serilog__MinimumLevel__Default=Warning \
      Site__BaseUrl="$BASE" Security__CookieSecurePolicy=SameAsRequest "${run[@]}" --urls "$BASE" >"$WORK/site.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 1500); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.02; done
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
