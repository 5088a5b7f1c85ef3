#!/usr/bin/env bash
# NewsSite benchmark: the site against a same-run reference server, with wrk, on a real-sized database.
# Usage: bench/run.sh [--smoke] [--db PATH] [--duration SECONDS] [--no-fanout]
#   --smoke      500 generated articles and 2-second runs: checks that the whole script still works (CI runs it)
#   --db PATH    the database to serve (default bench/data/news-100k.db, generated on first use: ~2 minutes)
# Results: a table on stdout and bench/results/latest.json. See bench/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SMOKE=0; DURATION=20; FANOUT=1; DB="$ROOT/bench/data/news-100k.db"; THREADS=2; CONNECTIONS=64
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; DURATION=2 ;;
    --db) DB=$(realpath -m "$2"); shift ;;
    --duration) DURATION=$2; shift ;;
    --no-fanout) FANOUT=0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
[ -n "${BENCH_KEEP:-}" ] && trap - EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== Building (Release)"
# Published as a deployment would be (and as the Dockerfile does): Release, ReadyToRun, so start-up is not all JIT.
dotnet publish "$ROOT/src/NewsSite.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/site" -v quiet -nologo >/dev/null
dotnet publish "$ROOT/bench/Reference" -c Release -o "$WORK/ref" -v quiet -nologo >/dev/null
dotnet publish "$ROOT/src/NewsSite.Tools" -c Release -o "$WORK/tools" -v quiet -nologo >/dev/null

if [ "$SMOKE" = 1 ]; then
  DB="$WORK/news.db"
  dotnet "$WORK/tools/NewsSite.Tools.dll" generate --articles 500 --subscribers 1000 --db "$DB" | tail -1
elif [ ! -f "$DB" ]; then
  echo "== Generating $DB (100,000 articles, 200,000 subscribers)"
  dotnet "$WORK/tools/NewsSite.Tools.dll" generate --articles 100000 --subscribers 200000 --db "$DB" | tail -1
fi
ARTICLES=$(sqlite3 "$DB" "select count(*) from Articles" 2>/dev/null || echo "?")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ok() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.02; done; echo "no answer from $1" >&2; return 1; }

SITE_PID=""; SITE=""
start_site() { # $1: output cache on/off
  local port; port=$(free_port); SITE="http://127.0.0.1:$port"
  local started; started=$(date +%s.%N)
  env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__News="Data Source=$DB" Storage__DataDirectory="$WORK/data" \
    Database__SeedSampleContent=false Caching__OutputCacheEnabled="$1" Serilog__MinimumLevel__Default=Warning \
    "Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning" Site__BaseUrl="$SITE" Security__CookieSecurePolicy=SameAsRequest \
    dotnet "$WORK/site/NewsSite.Web.dll" --urls "$SITE" >"$WORK/site-$1.log" 2>&1 &
  SITE_PID=$!; PIDS+=("$SITE_PID")
  wait_ok "$SITE/healthz"
  STARTUP_MS=$(echo "($(date +%s.%N) - $started) * 1000" | bc | cut -d. -f1)
}
stop_site() { kill "$SITE_PID"; wait "$SITE_PID" 2>/dev/null || true; }

# Peak working set of the site under load: sampled in the background.
RSS_FILE="$WORK/rss"; : >"$RSS_FILE"
sample_rss() { while kill -0 "$1" 2>/dev/null; do ps -o rss= -p "$1" >>"$RSS_FILE" 2>/dev/null || true; sleep 0.5; done; }

# Each target is first requested for a few unmeasured seconds: the JIT and tiered compilation settle, as they would
# on a site that has been up for a while, and the first run after a restart does not measure start-up instead.
WARMUP=$(( SMOKE == 1 ? 1 : (DURATION / 5 > 2 ? DURATION / 5 : 2) ))
warm_up() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$1" >/dev/null 2>&1 || true; }

# wrk → "rps p50_ms p99_ms"
measure() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF } END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

echo "== Starting the site (output cache on) against $DB ($ARTICLES articles)"
start_site true
STARTUP_CACHED=$STARTUP_MS
sample_rss "$SITE_PID" & PIDS+=("$!")
ARTICLE=$(curl -s "$SITE/" | grep -o 'class="card-title"><a href="[^"]*"' | head -1 | sed 's/.*href="//; s/"$//')
SECTION_PAGE=$([ "$SMOKE" = 1 ] && echo "/city?page=2" || echo "/city?page=200")
curl -s "$SITE$ARTICLE" >"$WORK/article.html"
REF_PORT=$(free_port); REF="http://127.0.0.1:$REF_PORT"
dotnet "$WORK/ref/Reference.dll" "$WORK/article.html" --urls "$REF" >"$WORK/ref.log" 2>&1 & PIDS+=("$!")
wait_ok "$REF/"
warm_up "$REF/"

declare -a ROWS=()
run_pair() { # name, path
  local ref site
  warm_up "$SITE$2"
  ref=$(measure "$REF/")
  site=$(measure "$SITE$2")
  ROWS+=("$1|$2|$site|$ref")
  printf '%-28s %s\n' "$1" "$site"
}
echo "== wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, alternating with the reference"
run_pair "article (cached)" "$ARTICLE"
run_pair "front page (cached)" "/"
run_pair "section page ${SECTION_PAGE#*=} (cached)" "$SECTION_PAGE"
run_pair "search (cached)" "/search?q=harbour+council"
run_pair "RSS feed (cached)" "/feed.xml"
stop_site

echo "== Restarting with the output cache off"
start_site false
STARTUP_UNCACHED=$STARTUP_MS
sample_rss "$SITE_PID" & PIDS+=("$!")
run_pair "article (no cache)" "$ARTICLE"
run_pair "front page (no cache)" "/"
run_pair "section page ${SECTION_PAGE#*=} (no cache)" "$SECTION_PAGE"
run_pair "search (no cache)" "/search?q=harbour+council"
stop_site
PEAK_MB=$(( $(sort -n "$RSS_FILE" | tail -1) / 1024 ))

# Page weight, as a phone on a slow network would fetch it.
ARTICLE_GZ=$(gzip -9c "$WORK/article.html" | wc -c)
ASSETS_GZ=$(cat "$ROOT/wwwroot/css/site.css" "$ROOT/wwwroot/js/site.js" | gzip -9c | wc -c)

FANOUT_JSON="null"
if [ "$FANOUT" = 1 ]; then
  echo "== Newsletter fan-out (on a copy of the database)"
  cp "$DB" "$WORK/fanout.db"
  FANOUT_JSON=$(dotnet "$WORK/tools/NewsSite.Tools.dll" fanout --db "$WORK/fanout.db" | tee -a /dev/stderr | tail -1)
fi

mkdir -p "$ROOT/bench/results"
{
  echo "{"
  echo "  \"commit\": \"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)\", \"date\": \"$(date -u +%FT%TZ)\", \"articles\": \"$ARTICLES\", \"smoke\": $SMOKE,"
  echo "  \"wrk\": {\"threads\": $THREADS, \"connections\": $CONNECTIONS, \"seconds\": $DURATION},"
  echo "  \"startupMs\": {\"cached\": $STARTUP_CACHED, \"uncached\": $STARTUP_UNCACHED}, \"peakWorkingSetMb\": $PEAK_MB,"
  echo "  \"articleHtmlGzipBytes\": $ARTICLE_GZ, \"cssJsGzipBytes\": $ASSETS_GZ,"
  echo "  \"targets\": ["
  for i in "${!ROWS[@]}"; do
    IFS='|' read -r name path site ref <<<"${ROWS[$i]}"
    read -r rps p50 p99 bad <<<"$site"; read -r rrps rp50 rp99 _ <<<"$ref"
    sep=$([ "$i" -lt $((${#ROWS[@]} - 1)) ] && echo "," || echo "")
    echo "    {\"name\": \"$name\", \"path\": \"$path\", \"rps\": $rps, \"p50Ms\": $p50, \"p99Ms\": $p99, \"non2xx\": $bad, \"refRps\": $rrps, \"refP99Ms\": $rp99, \"rpsRatio\": $(echo "scale=3; $rps / $rrps" | bc), \"p99Ratio\": $(echo "scale=2; $p99 / $rp99" | bc)}$sep"
  done
  echo "  ],"
  echo "  \"newsletter\": $FANOUT_JSON"
  echo "}"
} >"$ROOT/bench/results/latest.json"

echo
printf '| %-30s | %9s | %8s | %8s | %9s | %9s | %9s |\n' target "req/s" "p50 ms" "p99 ms" "ref req/s" "× ref" "p99 × ref"
printf '|%s|\n' "--------------------------------|-----------|----------|----------|-----------|-----------|----------"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name path site ref <<<"$row"
  read -r rps p50 p99 bad <<<"$site"; read -r rrps rp50 rp99 _ <<<"$ref"
  printf '| %-30s | %9s | %8s | %8s | %9s | %9s | %9s |\n' "$name" "$rps" "$p50" "$p99" "$rrps" "$(echo "scale=3; $rps / $rrps" | bc)" "$(echo "scale=2; $p99 / $rp99" | bc)"
done
echo
echo "Start-up to first answer: ${STARTUP_CACHED} ms (cache on), ${STARTUP_UNCACHED} ms (cache off). Peak working set under load: ${PEAK_MB} MB."
echo "Article page: $ARTICLE_GZ bytes gzipped. CSS + JS: $ASSETS_GZ bytes gzipped."
echo "JSON: bench/results/latest.json"
if grep -q '"non2xx": [1-9]' "$ROOT/bench/results/latest.json"; then echo "Some requests did not answer 2xx." >&2; exit 1; fi
