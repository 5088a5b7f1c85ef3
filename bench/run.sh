#!/usr/bin/env bash
# NewsSite benchmark: the site against a same-run reference server, with wrk, on a real-sized database.
# Usage: bench/run.sh [--smoke] [--db PATH] [--duration SECONDS] [--no-fanout] [--cluster | --cluster-only] [--analytics-only]
#                     [--workload-seconds SECONDS] [--workload-only]
#   --smoke         500 generated articles and 2-second runs: checks that the whole script still works (CI runs it)
#   --db PATH       the database to serve (default bench/data/news-100k.db, generated on first use: ~2 minutes)
#   --cluster       then also the cluster: PostgreSQL, Redis, three nodes behind nginx (deploy/nginx/newssite-proxy.conf)
#   --cluster-only  only the cluster part (no SQLite database, no fan-out)
#   --analytics-only  only the cached article with page-view counting on against off (Analytics:Enabled)
#   --workload-seconds  how long the newsroom workload runs on each topology (default 120; 8 with --smoke)
#   --workload-only   only the newsroom workload (with --cluster, on both topologies)
#   --cluster-paper FOLDER|ZIP  the cluster's database gets this NewsSite export (import-newssite) instead of the sample
#                   paper: the 100,000-story database exported with `NewsSite.Web export FOLDER` (see bench/README.md)
# Results: a table on stdout and bench/results/latest.json. See bench/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SMOKE=0; DURATION=20; FANOUT=1; DB="$ROOT/bench/data/news-100k.db"; THREADS=2; CONNECTIONS=64; SINGLE=1; CLUSTER=0; ANALYTICS_ONLY=0
WORKLOAD_SECONDS=""; WORKLOAD_ONLY=0; CLUSTER_PAPER=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; DURATION=2 ;;
    --db) DB=$(realpath -m "$2"); shift ;;
    --duration) DURATION=$2; shift ;;
    --no-fanout) FANOUT=0 ;;
    --cluster) CLUSTER=1 ;;
    --cluster-only) CLUSTER=1; SINGLE=0; FANOUT=0 ;;
    --analytics-only) ANALYTICS_ONLY=1; FANOUT=0 ;;
    --workload-seconds) WORKLOAD_SECONDS=$2; shift ;;
    --workload-only) WORKLOAD_ONLY=1; FANOUT=0 ;;
    --cluster-paper) CLUSTER_PAPER=$(realpath -m "$2"); [ -e "$CLUSTER_PAPER" ] || { echo "no export at $2" >&2; exit 2; }; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
# Only the cluster imports a paper; silently measuring the sample paper instead would mislabel a run.
[ -z "$CLUSTER_PAPER" ] || [ "$CLUSTER" = 1 ] || { echo "--cluster-paper needs --cluster or --cluster-only" >&2; exit 2; }
WORKLOAD_SECONDS=${WORKLOAD_SECONDS:-$([ "$SMOKE" = 1 ] && echo 8 || echo 120)}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
NGINX=/usr/sbin/nginx
if [ "$CLUSTER" = 1 ]; then
  [ -x "$NGINX" ] && command -v redis-server >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v psql >/dev/null \
    || { echo "the cluster part needs PostgreSQL, Redis and nginx: apt-get install -y --no-install-recommends postgresql redis-server nginx" >&2; exit 2; }
fi

WORK=$(mktemp -d)
PIDS=(); SERVER_PIDS=""
# Our own processes first (the nodes hold database connections), then PostgreSQL and Redis by the PIDs start.sh gave.
cleanup() {
  for pid in "${PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -z "$SERVER_PIDS" ] || bash "$ROOT/tests/servers/stop.sh" $SERVER_PIDS
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -n "${BENCH_KEEP:-}" ] && trap - EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The site runs with the collector's gen0 budget the Dockerfile gives it (only the environment can set it), read from
# there so that a deployment and its measurement cannot drift apart. The reference and the tools keep the runtime's own.
GC_GEN0=$(sed -n 's/^ENV DOTNET_GCgen0size=\(0x[0-9A-Fa-f]\{1,\}\)$/\1/p' "$ROOT/Dockerfile")
[ -n "$GC_GEN0" ] || { echo "the Dockerfile no longer sets DOTNET_GCgen0size: say here what the site runs with" >&2; exit 2; }

if [ "$SMOKE" = 1 ] && [ "$ANALYTICS_ONLY" = 0 ]; then
  # The smoke run (CI) only checks that the whole script still works, and its numbers mean nothing: it publishes the
  # Debug build the tests just used (framework-dependent, nothing compiled again), not a Release build of its own,
  # about two minutes of CI's run. (--analytics-only measures, so it keeps the Release build.) A framework-dependent
  # executable finds the runtime through DOTNET_ROOT when dotnet is not installed where it looks by default.
  echo "== Building (Debug, for the smoke run)"
  export DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
  dotnet publish "$ROOT/src/NewsSite.Web" -c Debug -o "$WORK/site" -v quiet -nologo >/dev/null
  dotnet publish "$ROOT/bench/Reference" -c Debug -o "$WORK/ref" -v quiet -nologo >/dev/null
  dotnet publish "$ROOT/src/NewsSite.Tools" -c Debug -o "$WORK/tools" -v quiet -nologo >/dev/null
else
  echo "== Building (Release)"
  # Published as a deployment would be (and as the Dockerfile does): Release, self-contained, the runtime and the site
  # precompiled together in one composite ReadyToRun image, so start-up runs little through the JIT (bench/README.md,
  # "Start-up on the 100,000-story database").
  # The ReadyToRun step reuses the images it made before, whichever way it made them: after a composite publish, a
  # framework-dependent one copied stubs of a composite image it never wrote, and the site aborted at start. A clean
  # slate each time.
  rm -rf "$ROOT/src/NewsSite.Web/obj/Release/net10.0/linux-x64/R2R"
  dotnet publish "$ROOT/src/NewsSite.Web" -c Release -r linux-x64 --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$WORK/site" -v quiet -nologo >/dev/null
  dotnet publish "$ROOT/bench/Reference" -c Release -o "$WORK/ref" -v quiet -nologo >/dev/null
  dotnet publish "$ROOT/src/NewsSite.Tools" -c Release -o "$WORK/tools" -v quiet -nologo >/dev/null
fi

if [ "$SINGLE" = 0 ]; then
  :
elif [ "$SMOKE" = 1 ]; then
  DB="$WORK/news.db"
  dotnet "$WORK/tools/NewsSite.Tools.dll" generate --articles 500 --subscribers 1000 --db "$DB" | tail -1
elif [ ! -f "$DB" ]; then
  echo "== Generating $DB (100,000 articles, 200,000 subscribers)"
  dotnet "$WORK/tools/NewsSite.Tools.dll" generate --articles 100000 --subscribers 200000 --db "$DB" | tail -1
fi
ARTICLES=$([ "$SINGLE" = 1 ] && sqlite3 "$DB" "select count(*) from Articles" 2>/dev/null || echo "?")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ok() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.02; done; echo "no answer from $1" >&2; return 1; }

SITE_PID=""; SITE=""
start_site() { # $1: output cache on/off; then any extra settings (NAME=value)
  local cache=$1; shift
  local port; port=$(free_port); SITE="http://127.0.0.1:$port"
  local started; started=$(date +%s.%N)
  env DOTNET_GCgen0size="$GC_GEN0" ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__News="Data Source=$DB" Storage__DataDirectory="$WORK/data" \
    Database__SeedSampleContent=false Caching__OutputCacheEnabled="$cache" Serilog__MinimumLevel__Default=Warning \
    "Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning" Site__BaseUrl="$SITE" Security__CookieSecurePolicy=SameAsRequest \
    "$@" "$WORK/site/NewsSite.Web" --urls "$SITE" >"$WORK/site-$cache-$port.log" 2>&1 &
  SITE_PID=$!; PIDS+=("$SITE_PID")
  wait_ok "$SITE/healthz"
  STARTUP_MS=$(echo "($(date +%s.%N) - $started) * 1000" | bc | cut -d. -f1)
}
stop_site() { kill "$SITE_PID"; wait "$SITE_PID" 2>/dev/null || true; }

# Peak working set of the site under load: sampled in the background.
RSS_FILE="$WORK/rss"; : >"$RSS_FILE"
sample_rss() { while kill -0 "$1" 2>/dev/null; do ps -o rss= -p "$1" >>"$RSS_FILE" 2>/dev/null || true; sleep 0.5; done; }

# The newsroom workload (issue 18; NewsSite.Tools workload): readers on a Zipf curve, a crawler, an editor signed in
# as WORKLOAD_EMAIL saving a story every 30 s and publishing one every 2 minutes. $1 the site's address, $2 the PID
# whose peak working set is reported (0: none); prints the tool's JSON with "peakWorkingSetMb" added.
WORKLOAD_EMAIL=editor@bench.test; WORKLOAD_PASSWORD="bench editor password $RANDOM$RANDOM"
run_workload() {
  local rss="$WORK/rss-workload-$RANDOM" sampler="" line peak=null
  : >"$rss"
  if [ "$2" != 0 ]; then
    ( while kill -0 "$2" 2>/dev/null; do ps -o rss= -p "$2" >>"$rss" 2>/dev/null || true; sleep 0.5; done ) & sampler=$!
  fi
  line=$(WORKLOAD_EMAIL=$WORKLOAD_EMAIL WORKLOAD_PASSWORD=$WORKLOAD_PASSWORD \
    dotnet "$WORK/tools/NewsSite.Tools.dll" workload "$1" --seconds "$WORKLOAD_SECONDS" --connections 32 | tee -a "$WORK/workload.log" | sed -n 's/^WORKLOAD //p')
  [ -z "$sampler" ] || { kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; }
  [ -s "$rss" ] && peak=$(( $(sort -n "$rss" | tail -1) / 1024 ))
  [ -n "$line" ] || { echo "the workload reported nothing:" >&2; tail -5 "$WORK/workload.log" >&2; exit 1; }
  echo "${line%\}}, \"peakWorkingSetMb\": $peak}"
}

# Each target is first requested for a few unmeasured seconds: the JIT and tiered compilation settle, as they would
# on a site that has been up for a while, and the first run after a restart does not measure start-up instead.
WARMUP=$(( SMOKE == 1 ? 1 : (DURATION / 5 > 2 ? DURATION / 5 : 2) ))
# One request first, however long it takes: a cold node's first render (JIT, Razor) can outlast the whole warm-up on
# a busy machine, and every concurrent request waits for it (the output cache lets one render per page at a time).
# Every request says it is a browser: the site counts readers' page views (Analytics) and leaves robots out, and a
# request without a User-Agent is a robot.
BROWSER_UA="User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
warm_up() { curl -s -o /dev/null --max-time 120 -H "$BROWSER_UA" "$1" || true; wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$BROWSER_UA" "$1" >/dev/null 2>&1 || true; }

# wrk → "rps p50_ms p99_ms"
measure() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$BROWSER_UA" "$1" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF } END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

# a ÷ b to $3 decimals, with the leading zero bc leaves out (".311" is not JSON)
# (null when b is 0: a target that answered nothing, which the non-2xx check below does not see).
ratio() { if [ "$2" = 0 ] || [ "$2" = 0.00 ]; then echo null; else echo "scale=$3; $1 / $2" | bc | sed 's/^\./0./'; fi; }

declare -a ROWS=()
# name, path, reference URL, target URL[, hook]: the reference is measured first, the target seconds after it. The
# hook, if given, is called with "before" and "after" right around the target's measured run.
measure_pair() {
  local ref site hook=${5:-true}
  warm_up "$4"
  ref=$(measure "$3")
  "$hook" before
  site=$(measure "$4")
  "$hook" after
  ROWS+=("$1|$2|$site|$ref")
  printf '%-34s %s   (reference %s)\n' "$1" "$site" "$ref"
}
run_pair() { measure_pair "$1" "$2" "$REF/" "$SITE$2"; } # name, path: the single site against its reference

STARTUP_CACHED=null; STARTUP_UNCACHED=null; STARTUP_REF=null; PEAK_MB=null; ARTICLE_GZ=null; ASSETS_GZ=null; ANALYTICS_RATIO=null
if [ "$SINGLE" = 1 ] && [ "$WORKLOAD_ONLY" = 0 ]; then
echo "== Starting the site (output cache on) against $DB ($ARTICLES articles)"
start_site true
STARTUP_CACHED=$STARTUP_MS
sample_rss "$SITE_PID" & PIDS+=("$!")
ARTICLE=$(curl -s "$SITE/" | grep -o 'class="card-title"><a href="[^"]*"' | sed -n 1p | sed 's/.*href="//; s/"$//')
SECTION_PAGE=$([ "$SMOKE" = 1 ] && echo "/city?page=2" || echo "/city?page=200")
curl -s "$SITE$ARTICLE" >"$WORK/article.html"
REF_PORT=$(free_port); REF="http://127.0.0.1:$REF_PORT"
# The reference's own start, timed as the site's is: how long this machine takes to start the barest ASP.NET Core server,
# the yardstick for the site's start-up (machines here differ by 2-3x; bench/README.md, "Start-up against a reference").
ref_started=$(date +%s.%N)
dotnet "$WORK/ref/Reference.dll" "$WORK/article.html" --urls "$REF" >"$WORK/ref.log" 2>&1 & REF_PID=$!; PIDS+=("$REF_PID")
wait_ok "$REF/"
STARTUP_REF=$(echo "($(date +%s.%N) - $ref_started) * 1000" | bc | cut -d. -f1)
warm_up "$REF/"

if [ "$ANALYTICS_ONLY" = 0 ]; then
echo "== wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, alternating with the reference"
run_pair "article (cached)" "$ARTICLE"
run_pair "front page (cached)" "/"
run_pair "section page ${SECTION_PAGE#*=} (cached)" "$SECTION_PAGE"
run_pair "search (cached)" "/search?q=harbour+council"
run_pair "RSS feed (cached)" "/feed.xml"
fi

# What counting page views costs (issue 17): the cached article on this site (counting on, the default) against a
# second process on the same database with Analytics:Enabled=false, measured one right after the other, in both
# orders; each row's "reference" is the other process, so its "× ref" is counting on ÷ counting off.
echo "== Page-view counting: the cached article with Analytics on and off, alternating"
COUNTING_SITE=$SITE; COUNTING_PID=$SITE_PID
start_site true Analytics__Enabled=false Storage__DataDirectory="$WORK/data-counting-off"
QUIET_SITE=$SITE; QUIET_PID=$SITE_PID
warm_up "$COUNTING_SITE$ARTICLE"; warm_up "$QUIET_SITE$ARTICLE"
on1=$(measure "$COUNTING_SITE$ARTICLE"); off1=$(measure "$QUIET_SITE$ARTICLE")
off2=$(measure "$QUIET_SITE$ARTICLE"); on2=$(measure "$COUNTING_SITE$ARTICLE")
ROWS+=("article (cached), counting on÷off|$ARTICLE|$on1|$off1" "article (cached), counting on÷off|$ARTICLE|$on2|$off2")
ANALYTICS_RATIO=$(ratio "$(( ${on1%% *} + ${on2%% *} ))" "$(( ${off1%% *} + ${off2%% *} ))" 3)
printf 'counting on %s / %s, off %s / %s: on ÷ off = %s\n' "$on1" "$on2" "$off1" "$off2" "$ANALYTICS_RATIO"
kill "$QUIET_PID"; wait "$QUIET_PID" 2>/dev/null || true
SITE=$COUNTING_SITE; SITE_PID=$COUNTING_PID
stop_site

if [ "$ANALYTICS_ONLY" = 0 ]; then
echo "== Restarting with the output cache off"
start_site false
STARTUP_UNCACHED=$STARTUP_MS
sample_rss "$SITE_PID" & PIDS+=("$!")
run_pair "article (no cache)" "$ARTICLE"
run_pair "front page (no cache)" "/"
run_pair "section page ${SECTION_PAGE#*=} (no cache)" "$SECTION_PAGE"
run_pair "search (no cache)" "/search?q=harbour+council"
stop_site
fi
kill "$REF_PID"; wait "$REF_PID" 2>/dev/null || true
PEAK_MB=$(( $(sort -n "$RSS_FILE" | tail -1) / 1024 ))

# Page weight, as a phone on a slow network would fetch it.
ARTICLE_GZ=$(gzip -9c "$WORK/article.html" | wc -c)
ASSETS_GZ=$(cat "$ROOT/wwwroot/css/site.css" "$ROOT/wwwroot/js/site.js" | gzip -9c | wc -c)
fi

WORKLOAD_JSON=null
if [ "$SINGLE" = 1 ] && [ "$ANALYTICS_ONLY" = 0 ]; then
  echo "== Newsroom workload: SQLite, one node, ${WORKLOAD_SECONDS} s (on a copy of the database: the editor writes)"
  BENCH_DB=$DB; DB="$WORK/workload.db"; cp "$BENCH_DB" "$DB"
  start_site true Admin__Email="$WORKLOAD_EMAIL" Admin__Password="$WORKLOAD_PASSWORD" Storage__DataDirectory="$WORK/data-workload"
  WORKLOAD_JSON=$(run_workload "$SITE" "$SITE_PID")
  echo "$WORKLOAD_JSON"
  stop_site
  rm -f "$DB" "$DB-wal" "$DB-shm"; DB=$BENCH_DB
fi

FANOUT_JSON="null"
if [ "$FANOUT" = 1 ]; then
  echo "== Newsletter fan-out (on a copy of the database)"
  cp "$DB" "$WORK/fanout.db"
  FANOUT_JSON=$(dotnet "$WORK/tools/NewsSite.Tools.dll" fanout --db "$WORK/fanout.db" | tee -a /dev/stderr | tail -1)
fi

# The cluster: one PostgreSQL database (migrated once by the deploy-time command, with the site's sample content: the
# cached article needs one real article, not an archive), one Redis, three nodes on loopback ports sharing a media
# folder, and nginx in front with the deploy configuration. Then the same nginx in front of the reference, and one node
# on its own with the Redis store against the same build with the in-process store.
CLUSTER_JSON="null"; CLUSTER_FIRST_ROW=-1
if [ "$CLUSTER" = 1 ]; then
  echo "== Cluster: PostgreSQL and Redis (tests/servers/start.sh), migrate, three nodes behind nginx"
  CLUSTER_STARTED=$SECONDS
  SERVERS=$(bash "$ROOT/tests/servers/start.sh" 2>"$WORK/servers.log") || { cat "$WORK/servers.log" >&2; exit 1; }
  eval "$SERVERS"
  SERVER_PIDS=$NEWSSITE_SERVER_PIDS
  [ -n "${NEWSSITE_TEST_POSTGRES:-}" ] && [ -n "${NEWSSITE_TEST_REDIS:-}" ] || { cat "$WORK/servers.log" >&2; exit 1; }
  PG_PORT=$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$NEWSSITE_TEST_POSTGRES")
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE newssite_bench" >/dev/null
  PG_NEWS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=newssite_bench"
  FRONT_PORT=$(free_port); FRONT="http://127.0.0.1:$FRONT_PORT"
  mkdir -p "$WORK/media"
  # Every node's configuration; $1 is its folder, $2 the Redis connection string ("" = the in-process store).
  node_env() {
    echo DOTNET_GCgen0size="$GC_GEN0" ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres "ConnectionStrings__News=$PG_NEWS" \
      Database__MigrateOnStartup=false Storage__DataDirectory="$WORK/$1" Storage__MediaDirectory="$WORK/media" \
      "ConnectionStrings__Redis=$2" Redis__InstanceName=bench: Serilog__MinimumLevel__Default=Warning \
      "Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Warning" Site__BaseUrl="$FRONT" \
      Security__CookieSecurePolicy=SameAsRequest ForwardedHeaders__KnownProxies__0=127.0.0.1
  }
  # The migration also makes the workload's editor, the first administrator. With --cluster-paper the database starts
  # empty and the export is imported into it, as a paper moving from SQLite to PostgreSQL would be.
  env $(node_env migrate "$NEWSSITE_TEST_REDIS") Admin__Email="$WORKLOAD_EMAIL" Admin__Password="$WORKLOAD_PASSWORD" \
    Database__SeedSampleContent=$([ -n "$CLUSTER_PAPER" ] && echo false || echo true) \
    "$WORK/site/NewsSite.Web" migrate >"$WORK/migrate.log" 2>&1 \
    || { cat "$WORK/migrate.log" >&2; exit 1; }
  if [ -n "$CLUSTER_PAPER" ]; then
    echo "== Cluster: importing $CLUSTER_PAPER"
    IMPORT_STARTED=$SECONDS
    env $(node_env migrate "$NEWSSITE_TEST_REDIS") Database__SeedSampleContent=false "$WORK/site/NewsSite.Web" import-newssite "$CLUSTER_PAPER" \
      >>"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
    echo "imported in $((SECONDS - IMPORT_STARTED)) s: $(grep '^Imported' "$WORK/migrate.log" | cut -c1-200)"
  fi
  CLUSTER_ARTICLES=$(psql -tA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d newssite_bench -c 'select count(*) from "Articles"')

  NODE_PIDS=(); NODE_PORTS=()
  start_node() { # folder, Redis connection string; sets NODE_PID and NODE
    local port; port=$(free_port); NODE="http://127.0.0.1:$port"; NODE_PORTS+=("$port")
    env $(node_env "$1" "$2") "$WORK/site/NewsSite.Web" --urls "$NODE" >"$WORK/$1.log" 2>&1 &
    NODE_PID=$!; PIDS+=("$NODE_PID"); NODE_PIDS+=("$NODE_PID")
  }
  for n in 1 2 3; do start_node "node$n" "$NEWSSITE_TEST_REDIS"; done
  NODE1="http://127.0.0.1:${NODE_PORTS[0]}"
  for port in "${NODE_PORTS[@]}"; do wait_ok "http://127.0.0.1:$port/healthz"; done

  # The reference: the cluster's own article page, from memory.
  CLUSTER_ARTICLE=$(curl -s "$NODE1/" | grep -o 'class="card-title"><a href="[^"]*"' | sed -n 1p | sed 's/.*href="//; s/"$//')
  [ -n "$CLUSTER_ARTICLE" ] || { echo "no article on the cluster's front page" >&2; exit 1; }
  curl -sf "$NODE1$CLUSTER_ARTICLE" >"$WORK/cluster-article.html"
  CREF="http://127.0.0.1:$(free_port)"
  dotnet "$WORK/ref/Reference.dll" "$WORK/cluster-article.html" --urls "$CREF" >"$WORK/cluster-ref.log" 2>&1 & PIDS+=("$!")
  wait_ok "$CREF/"

  # One nginx, two server blocks: the site's upstream and the reference's, each including the deploy file (the
  # reference's copy differs only in the upstream's name), so both measurements pay the same proxy.
  mkdir -p "$WORK/nginx"
  sed 's#http://newssite;#http://reference;#' "$ROOT/deploy/nginx/newssite-proxy.conf" >"$WORK/nginx/reference-proxy.conf"
  FRONT_REF="http://127.0.0.1:$(free_port)"
  cat >"$WORK/nginx/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    upstream newssite {
        server 127.0.0.1:${NODE_PORTS[0]};
        server 127.0.0.1:${NODE_PORTS[1]};
        server 127.0.0.1:${NODE_PORTS[2]};
        keepalive 64;
    }
    upstream reference {
        server ${CREF#http://};
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$FRONT_PORT;
        include $ROOT/deploy/nginx/newssite-proxy.conf;
    }
    server {
        listen 127.0.0.1:${FRONT_REF##*:};
        include $WORK/nginx/reference-proxy.conf;
    }
}
NGINX
  "$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx/stdout.log" 2>&1 & NGINX_PID=$!; PIDS+=("$NGINX_PID")
  wait_ok "$FRONT/healthz"; wait_ok "$FRONT_REF/"
  warm_up "$FRONT_REF/"

  echo "== Cluster ($CLUSTER_ARTICLES articles on PostgreSQL): wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, each right after its reference"
  echo "== Newsroom workload: the cluster through nginx, ${WORKLOAD_SECONDS} s"
  CLUSTER_WORKLOAD_JSON=$(run_workload "$FRONT" "${NODE_PIDS[0]}")
  echo "$CLUSTER_WORKLOAD_JSON"
  CLUSTER_FIRST_ROW=${#ROWS[@]}
  if [ "$WORKLOAD_ONLY" = 1 ]; then
    CLUSTER_JSON="{\"articles\": $CLUSTER_ARTICLES, \"nodes\": 3, \"workload\": $CLUSTER_WORKLOAD_JSON}"
  else
  measure_pair "cluster article via nginx" "$CLUSTER_ARTICLE" "$FRONT_REF/" "$FRONT$CLUSTER_ARTICLE"
  # One node on its own: nginx and the other two nodes stop, so only the node under test and the reference run.
  kill "$NGINX_PID" "${NODE_PIDS[1]}" "${NODE_PIDS[2]}"; wait "$NGINX_PID" "${NODE_PIDS[1]}" "${NODE_PIDS[2]}" 2>/dev/null || true
  start_node node4 ""
  NODE4=$NODE; wait_ok "$NODE4/healthz"
  warm_up "$CREF/"
  # What Redis adds per cached request: its command count across the node's measured run (the other nodes are stopped).
  count_redis_commands() {
    local n; n=$(redis-cli -h 127.0.0.1 -p "${NEWSSITE_TEST_REDIS##*:}" INFO stats | tr -d '\r' | sed -n 's/^total_commands_processed://p')
    if [ "$1" = before ]; then REDIS_BEFORE=$n; else REDIS_AFTER=$n; fi
  }
  measure_pair "node article, Redis store" "$CLUSTER_ARTICLE" "$CREF/" "$NODE1$CLUSTER_ARTICLE" count_redis_commands
  measure_pair "node article, in-process store" "$CLUSTER_ARTICLE" "$CREF/" "$NODE4$CLUSTER_ARTICLE"
  # The output cache shares one store lookup among the concurrent requests for a page, so under 64 connections most
  # requests never reach Redis; one connection shows what a lookup costs when nothing is shared.
  THREADS=1 CONNECTIONS=1 measure_pair "node article, Redis store, -c1" "$CLUSTER_ARTICLE" "$CREF/" "$NODE1$CLUSTER_ARTICLE"
  THREADS=1 CONNECTIONS=1 measure_pair "node article, in-process, -c1" "$CLUSTER_ARTICLE" "$CREF/" "$NODE4$CLUSTER_ARTICLE"
  kill "${NODE_PIDS[0]}" "$NODE_PID"; wait "${NODE_PIDS[0]}" "$NODE_PID" 2>/dev/null || true

  read -r CRPS _ CP99 _ <<<"$(cut -d'|' -f3 <<<"${ROWS[$((CLUSTER_FIRST_ROW + 1))]}")"
  read -r IRPS _ IP99 _ <<<"$(cut -d'|' -f3 <<<"${ROWS[$((CLUSTER_FIRST_ROW + 2))]}")"
  read -r C1RPS C1P50 _ <<<"$(cut -d'|' -f3 <<<"${ROWS[$((CLUSTER_FIRST_ROW + 3))]}")"
  read -r I1RPS I1P50 _ <<<"$(cut -d'|' -f3 <<<"${ROWS[$((CLUSTER_FIRST_ROW + 4))]}")"
  REDIS_C1_RPS_RATIO=$(ratio "$C1RPS" "$I1RPS" 3)
  REDIS_C1_ADDS_MS=$(echo "scale=2; $C1P50 - $I1P50" | bc | sed 's/^\./0./; s/^-\./-0./')
  CLUSTER_SECONDS=$((SECONDS - CLUSTER_STARTED))
  REDIS_RPS_RATIO=$(ratio "$CRPS" "$IRPS" 3); REDIS_P99_RATIO=$(ratio "$CP99" "$IP99" 2)
  # Redis commands against requests in that run (wrk's req/s × seconds); the node's background work (a ping now and
  # then) is in the count too, but is noise beside the requests.
  REDIS_PER_REQUEST=$(ratio "$((REDIS_AFTER - REDIS_BEFORE))" "$((CRPS * DURATION))" 2)
  CLUSTER_JSON="{\"articles\": $CLUSTER_ARTICLES, \"nodes\": 3, \"redisOverInProcessRps\": $REDIS_RPS_RATIO, \"redisOverInProcessP99\": $REDIS_P99_RATIO, \"redisCommandsPerRequest\": $REDIS_PER_REQUEST, \"oneAtATimeRedisOverInProcessRps\": $REDIS_C1_RPS_RATIO, \"oneAtATimeRedisAddsP50Ms\": $REDIS_C1_ADDS_MS, \"workload\": $CLUSTER_WORKLOAD_JSON}"
  fi
fi

target_json() { # row index → one JSON object
  local name path site ref rps p50 p99 bad rrps rp50 rp99
  IFS='|' read -r name path site ref <<<"${ROWS[$1]}"
  read -r rps p50 p99 bad <<<"$site"; read -r rrps rp50 rp99 _ <<<"$ref"
  echo "{\"name\": \"$name\", \"path\": \"$path\", \"rps\": $rps, \"p50Ms\": $p50, \"p99Ms\": $p99, \"non2xx\": $bad, \"refRps\": $rrps, \"refP99Ms\": $rp99, \"rpsRatio\": $(ratio "$rps" "$rrps" 3), \"p99Ratio\": $(ratio "$p99" "$rp99" 2)}"
}
targets_json() { # first row, row after the last
  local i sep
  for ((i = $1; i < $2; i++)); do
    sep=$([ "$i" -lt $(($2 - 1)) ] && echo "," || echo "")
    echo "    $(target_json "$i")$sep"
  done
}
SINGLE_END=$([ "$CLUSTER_FIRST_ROW" -ge 0 ] && echo "$CLUSTER_FIRST_ROW" || echo "${#ROWS[@]}")
if [ "$CLUSTER_JSON" != null ]; then
  CLUSTER_JSON="${CLUSTER_JSON%\}}, \"targets\": [
$(targets_json "$CLUSTER_FIRST_ROW" "${#ROWS[@]}")
  ]}"
fi

mkdir -p "$ROOT/bench/results"
{
  echo "{"
  echo "  \"commit\": \"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)\", \"date\": \"$(date -u +%FT%TZ)\", \"articles\": \"$ARTICLES\", \"smoke\": $SMOKE,"
  echo "  \"wrk\": {\"threads\": $THREADS, \"connections\": $CONNECTIONS, \"seconds\": $DURATION},"
  echo "  \"startupMs\": {\"cached\": $STARTUP_CACHED, \"uncached\": $STARTUP_UNCACHED, \"reference\": $STARTUP_REF}, \"peakWorkingSetMb\": $PEAK_MB,"
  echo "  \"pageViewCountingRpsRatio\": $ANALYTICS_RATIO,"
  echo "  \"articleHtmlGzipBytes\": $ARTICLE_GZ, \"cssJsGzipBytes\": $ASSETS_GZ,"
  echo "  \"targets\": ["
  targets_json 0 "$SINGLE_END"
  echo "  ],"
  echo "  \"workload\": $WORKLOAD_JSON,"
  echo "  \"newsletter\": $FANOUT_JSON,"
  echo "  \"cluster\": $CLUSTER_JSON"
  echo "}"
} >"$ROOT/bench/results/latest.json"

echo
printf '| %-34s | %9s | %8s | %8s | %9s | %9s | %9s |\n' target "req/s" "p50 ms" "p99 ms" "ref req/s" "× ref" "p99 × ref"
printf '|%s|\n' "------------------------------------|-----------|----------|----------|-----------|-----------|----------"
for row in "${ROWS[@]}"; do
  IFS='|' read -r name path site ref <<<"$row"
  read -r rps p50 p99 bad <<<"$site"; read -r rrps rp50 rp99 _ <<<"$ref"
  printf '| %-34s | %9s | %8s | %8s | %9s | %9s | %9s |\n' "$name" "$rps" "$p50" "$p99" "$rrps" "$(ratio "$rps" "$rrps" 3)" "$(ratio "$p99" "$rp99" 2)"
done
echo
if [ "$SINGLE" = 1 ]; then
  echo "Start-up to first answer: ${STARTUP_CACHED} ms (cache on), ${STARTUP_UNCACHED} ms (cache off); the reference server ${STARTUP_REF} ms. Peak working set under load: ${PEAK_MB} MB."
  echo "Article page: $ARTICLE_GZ bytes gzipped. CSS + JS: $ASSETS_GZ bytes gzipped."
  echo "Cached article with page-view counting on ÷ off (Analytics:Enabled), both orders summed: ${ANALYTICS_RATIO} × the req/s."
fi
[ "$WORKLOAD_JSON" = null ] || echo "Newsroom workload, SQLite, one node: $WORKLOAD_JSON"
[ "$CLUSTER" = 0 ] || echo "Newsroom workload, the cluster: $CLUSTER_WORKLOAD_JSON"
if [ "$CLUSTER" = 1 ] && [ "$WORKLOAD_ONLY" = 0 ]; then
  echo "Cluster rows: nginx and the cluster against the reference through the same nginx; one node directly against the reference directly."
  echo "One node's cached article, Redis store ÷ in-process store: ${REDIS_RPS_RATIO} × the req/s, ${REDIS_P99_RATIO} × the p99."
  echo "Redis commands per cached request in the Redis store's run: ${REDIS_PER_REQUEST}."
  echo "One request at a time, Redis store ÷ in-process store: ${REDIS_C1_RPS_RATIO} × the req/s; Redis adds ${REDIS_C1_ADDS_MS} ms at p50."
  echo "The cluster part took $CLUSTER_SECONDS s, servers and start-ups included."
fi
echo "JSON: bench/results/latest.json"
if grep -q '"non2xx": [1-9]' "$ROOT/bench/results/latest.json"; then echo "Some requests did not answer 2xx." >&2; exit 1; fi
if grep -q '"rps": 0,' "$ROOT/bench/results/latest.json"; then echo "A target answered nothing in its run." >&2; exit 1; fi
