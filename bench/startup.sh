#!/usr/bin/env bash
# Start-up against a reference (issue 18, item 6): in each round, the reference server's start to its first answer,
# then each given build's start to its first answered /healthz (with its CPU time then), then its first and second
# article page, uncached. Builds take turns, so each is compared with the others and with the reference seconds apart
# on the same machine; machines here differ by 2-3x in how fast anything starts. See bench/README.md, "Start-up
# against a reference".
# The builds run with the default settings but the output cache off (so the first article is rendered), among them
# Database:SeedSampleContent on, as a deployment runs: on this database it only checks that the paper is not empty.
# Usage: bash bench/startup.sh [--rounds N] [--db PATH] PUBLISHED-FOLDER...
#   a published folder holds NewsSite.Web (as bench/run.sh publishes it) or, for a framework-dependent build, NewsSite.Web.dll
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=6; DB="$ROOT/bench/data/news-100k.db"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "give one or more published folders" >&2; exit 2; }
[ -f "$DB" ] || { echo "no database at $DB (bench/README.md says how to generate it)" >&2; exit 2; }
export DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"

WORK=$(mktemp -d); PID=""
trap '[ -z "$PID" ] || kill -9 "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
dotnet publish "$ROOT/bench/Reference" -c Release -o "$WORK/ref" -v quiet -nologo >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
ms_since() { echo "($(date +%s.%N) - $1) * 1000" | bc | cut -d. -f1; }
wait_ok() { for _ in $(seq 1 1500); do curl -sf -o /dev/null "$1" && return 0; sleep 0.02; done; echo "no answer from $1" >&2; exit 1; }
stop() { kill "$PID" 2>/dev/null || true; for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done; kill -9 "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
site() { # folder: starts the build on the database, uncached, in the background; sets PID
  local run=("$1/NewsSite.Web"); [ -x "$1/NewsSite.Web" ] || run=(dotnet "$1/NewsSite.Web.dll")
  env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__News="Data Source=$DB" Storage__DataDirectory="$WORK/data" \
    Caching__OutputCacheEnabled=false Serilog__MinimumLevel__Default=Warning \
    Site__BaseUrl="$BASE" Security__CookieSecurePolicy=SameAsRequest "${run[@]}" --urls "$BASE" >"$WORK/site.log" 2>&1 &
  PID=$!
}

# The newest story's page, found on the front page of the first build, and its bytes for the reference to answer with.
site "$1"; wait_ok "$BASE/healthz"
ARTICLE=$(curl -s "$BASE/" | grep -o 'class="card-title"><a href="[^"]*"' | sed -n 1p | sed 's/.*href="//; s/"$//')
curl -s "$BASE$ARTICLE" >"$WORK/article.html"; stop
echo "article: $ARTICLE"

for round in $(seq 1 "$ROUNDS"); do
  started=$(date +%s.%N); dotnet "$WORK/ref/Reference.dll" "$WORK/article.html" --urls "$BASE" >/dev/null 2>&1 & PID=$!
  wait_ok "$BASE/"; echo "round $round  reference: $(ms_since "$started") ms"; stop
  for build in "$@"; do
    started=$(date +%s.%N); site "$build"; wait_ok "$BASE/healthz"; ready=$(ms_since "$started")
    stat=($(sed 's/.*) //' "/proc/$PID/stat")); cpu=$(( (stat[11] + stat[12]) * 1000 / $(getconf CLK_TCK) ))
    first=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$BASE$ARTICLE")
    second=$(curl -s -o /dev/null -w '%{time_total}' "$BASE$ARTICLE")
    awk -v b="$build" -v r="$ready" -v c="$cpu" -v f="$first" -v s="$second" 'BEGIN { split(f, p, " ");
      printf "round %s  %-24s /healthz %5d ms (CPU %d ms)   first article %s %4.0f ms, second %4.0f ms\n", "'"$round"'", b, r, c, p[1], p[2] * 1000, s * 1000 }'
    stop
  done
done
