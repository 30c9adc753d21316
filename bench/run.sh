#!/usr/bin/env bash
# KnowledgeBase benchmark: one run on one machine (issue 6). See docs/benchmarks.md.
#
#   bench/run.sh                      full corpus (1M claims), 20 s per page, results to docs/benchmarks.md
#   bench/run.sh --scale 0.01         a quick run on a corpus 1/100 the size (results to bench/.work/)
#   bench/run.sh --provider postgres  the same run with the app on PostgreSQL (the corpus is copied into it once);
#                                     results to the "Performance on PostgreSQL" section of docs/deploying.md
#   options: --scale F  --duration SECONDS  --warmup SECONDS (unmeasured load of each app page first; default 8)  --articles N (import benchmark)  --force (regenerate the corpus)
#            --encoding gzip|identity (what the page load's requests accept; default gzip, as browsers do: nginx then
#            serves a gzip copy of each saved page made beforehand, gzip_static)
#            --doc PATH (where to write the results)  --no-build  --corpus-only (generate or check the cached corpus, and its PostgreSQL copy, then stop)
#            --provider sqlite|postgres  --pg "<connection string>" (a server to use, its password in the string or in
#            PGPASSWORD; by default a throw-away cluster with durable settings is started under bench/.work/pg,
#            see .ci/postgres-cluster)
#            --no-editors (skip the editors' pass: bench/editor-pages.sh on the same provider, run last, its table
#            written beside this run's at scale 1)
#
# Needs: the .NET 10 SDK, sqlite3, curl, wrk and nginx (installed with apt-get if missing); for --provider postgres
# the PostgreSQL server and psql (Debian's postgresql package).
set -euo pipefail

SCALE=1
DURATION=20
WARMUP=8
THREADS=2
CONNECTIONS=16
ARTICLES=5000
FORCE=0
BUILD=1
DOC=""
APP_PORT=${BENCH_APP_PORT:-5103}
NGINX_PORT=${BENCH_NGINX_PORT:-8103}
SEED=42
CORPUS_ONLY=0
EDITORS=1
PROVIDER=sqlite
PG=""
PG_PORT=${BENCH_PG_PORT:-55499}

ENCODING=gzip
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --encoding) ENCODING="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --articles) ARTICLES="$2"; shift 2 ;;
    --force) FORCE=1; shift ;;
    --doc) DOC="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --corpus-only) CORPUS_ONLY=1; shift ;;
    --no-editors) EDITORS=0; shift ;;
    --provider) PROVIDER="$2"; shift 2 ;;
    --pg) PG="$2"; shift 2 ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$PROVIDER" in sqlite|postgres) ;; *) echo "--provider is sqlite or postgres" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/.work}
mkdir -p "$WORK"
CUSTOM_DOC="$DOC"
if [[ -z "$DOC" ]]; then
  if [[ "$SCALE" != "1" ]]; then DOC="$WORK/benchmarks-scale-$SCALE-$PROVIDER.md"
  elif [[ "$PROVIDER" == "sqlite" ]]; then DOC="$ROOT/docs/benchmarks.md"
  else DOC="$ROOT/docs/deploying.md"; fi
fi

log() { printf '\n== %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1; }

# ------------------------------------------------------------------ tools
if ! need wrk || ! need nginx; then
  log "installing wrk and nginx"
  apt-get install -y wrk nginx-light >/dev/null 2>&1 || apt-get install -y wrk nginx >/dev/null
fi
for tool in dotnet sqlite3 curl wrk nginx; do need "$tool" || { echo "missing: $tool" >&2; exit 1; }; done
NGINX_BIN=$(command -v nginx)

# ------------------------------------------------------------------ build
APP_DIR="$WORK/app"
if [[ $BUILD == 1 || ! -f "$APP_DIR/KnowledgeBase.Web.dll" ]]; then
  log "building Release (ReadyToRun)"
  # ReadyToRun: the assemblies carry precompiled code, so a short command (the import below) and the app's start-up
  # JIT less; hot methods are still recompiled at tier 1 as usual (docs/benchmarks.md, "Import, 3 December").
  RID="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
  dotnet publish "$ROOT/src/KnowledgeBase.Web" -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$APP_DIR" -v q --nologo >/dev/null
fi
APP_DLL="$APP_DIR/KnowledgeBase.Web.dll"

# ------------------------------------------------------------------ PostgreSQL (--provider postgres)
# A server from --pg, or the throw-away cluster under the work folder (bench/postgres.sh).
source "$ROOT/bench/postgres.sh"
source "$ROOT/bench/rss-timeline.sh"
PG_PID_DIR=""
APP_PID=""
NGINX_PID=""
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null || true
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null || true
  [[ -n "$PG_PID_DIR" ]] && "$ROOT/.ci/postgres-cluster" stop "$PG_PID_DIR" || true
}
trap cleanup EXIT
USER_PG="$PG"
[[ "$PROVIDER" == "postgres" ]] && pg_server
# The connection string of a benchmark database: a SQLite file path, or a PostgreSQL database name.
connection() { if [[ "$PROVIDER" == "postgres" ]]; then echo "$PG;Database=$1"; else echo "Data Source=$1"; fi; }

# The app as the benchmark runs it: Release, Production, on a given database, seeds import off, logs under the work folder,
# the background embedding of the library off (70,000 records take hours of CPU and would run beside every measurement).
# It runs from its own folder (its appsettings.json is found there); paths given to it are absolute.
run_app() {
  local database="$1"; shift
  # The environment docs/deploying.md ("Memory") recommends: two malloc arenas.
  cd "$APP_DIR" && exec env MALLOC_ARENA_MAX=2 ASPNETCORE_ENVIRONMENT=Production \
  Database__Provider="$([[ "$PROVIDER" == "postgres" ]] && echo Postgres || echo Sqlite)" \
  ConnectionStrings__KnowledgeBase="$(connection "$database")" \
  KnowledgeBase__ImportSeedsOnFirstRun=false \
  KnowledgeBase__FillEmbeddingsOnStart=false \
  KnowledgeBase__DataFolder="$WORK/data" \
  Serilog__WriteTo__0__Args__configure__1__Args__path="$WORK/logs/app-.log" \
  dotnet "$APP_DLL" "$@"
}
app() { ( run_app "$@" ); }

# ------------------------------------------------------------------ corpus (cached by its parameters)
CORPUS="$WORK/corpus-scale-$SCALE-seed-$SEED.db"
PARAMS="generate --scale $SCALE --seed $SEED / generator $(sha256sum "$ROOT"/src/KnowledgeBase/Synthetic/*.cs "$ROOT"/src/KnowledgeBase/Data/Migrations/*.cs | sha256sum | cut -c1-16)"
if [[ $FORCE == 1 || ! -f "$CORPUS" || "$(cat "$CORPUS.params" 2>/dev/null)" != "$PARAMS" ]]; then
  log "generating the corpus (scale $SCALE)"
  rm -f "$CORPUS" "$CORPUS-wal" "$CORPUS-shm" "$CORPUS.params" "$CORPUS.tmp"*
  GEN_START=$(date +%s.%N)
  ( PROVIDER=sqlite; app "$CORPUS.tmp" generate --database "$CORPUS.tmp" --scale "$SCALE" --seed "$SEED" ) | grep -v '^\[' || true
  [[ -f "$CORPUS.tmp" ]] || { echo "the generator wrote no corpus" >&2; exit 1; }
  GEN_SECONDS=$(echo "$(date +%s.%N) - $GEN_START" | bc)
  mv "$CORPUS.tmp" "$CORPUS"
  echo "$PARAMS" > "$CORPUS.params"
  echo "$GEN_SECONDS" > "$CORPUS.seconds"
else
  log "reusing the corpus $CORPUS"
fi
GEN_SECONDS=$(cat "$CORPUS.seconds" 2>/dev/null || echo "?")

# On PostgreSQL the app reads a copy of the same corpus, made once with copy-database (which verifies every
# table's row count and checksum); the database is named after the corpus's parameters.
APP_DATABASE="$CORPUS"
if [[ "$PROVIDER" == "postgres" ]]; then
  APP_DATABASE="kb_corpus_$(echo "$PARAMS" | sha256sum | cut -c1-12)"
  if [[ "$(pgsql "SELECT 1 FROM pg_database WHERE datname = '$APP_DATABASE'")" != "1" || $FORCE == 1 ]]; then
    log "copying the corpus into PostgreSQL database $APP_DATABASE"
    pgsql "DROP DATABASE IF EXISTS $APP_DATABASE WITH (FORCE)"; pgsql "DROP DATABASE IF EXISTS ${APP_DATABASE}_tmp WITH (FORCE)"
    ( PROVIDER=sqlite; app "$CORPUS" copy-database --from-provider Sqlite --from "Data Source=$CORPUS" \
      --to-provider Postgres --to "$PG;Database=${APP_DATABASE}_tmp" ) > "$WORK/logs-copy.txt" 2>&1 \
      || { tail -20 "$WORK/logs-copy.txt" >&2; exit 1; }
    tail -1 "$WORK/logs-copy.txt" >&2
    pgsql "ALTER DATABASE ${APP_DATABASE}_tmp RENAME TO $APP_DATABASE"
    pgsql "VACUUM ANALYZE" "$APP_DATABASE"
  else
    log "reusing the PostgreSQL corpus $APP_DATABASE"
  fi
fi
if [[ $CORPUS_ONLY == 1 ]]; then echo "corpus ready: $APP_DATABASE" >&2; exit 0; fi
q() { sqlite3 -readonly "$CORPUS" "$1"; }
N_SOURCES=$(q "SELECT count(*) FROM Sources")
N_CLAIMS=$(q "SELECT count(*) FROM Claims")
N_STUDIES=$(q "SELECT count(*) FROM Studies")
N_TRIALS=$(q "SELECT count(*) FROM Trials")
N_LINKS=$(q "SELECT count(*) FROM EvidenceLinks")
CORPUS_MB=$(( $(stat -c %s "$CORPUS") / 1024 / 1024 ))

# ------------------------------------------------------------------ start the app, time to first response

log "starting the app on 127.0.0.1:$APP_PORT"
mkdir -p "$WORK/logs"
START_NS=$(date +%s%N)
run_app "$APP_DATABASE" --urls "http://127.0.0.1:$APP_PORT" > "$WORK/logs/app-console.log" 2>&1 &
APP_PID=$!
rss_timeline_start "$APP_PID" "$WORK/rss-timeline.txt"
until curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/"; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $WORK/logs/app-console.log" >&2; exit 1; }
  sleep 0.05
done
STARTUP_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
echo "start-up: $STARTUP_MS ms" >&2
phase "warm-up"
# Then the evidence ranking's warm-up (/health says "Healthy" once the library is built), so no page measured below
# pays for it and it takes no CPU from the measurements.
until [[ "$(curl -fs "http://127.0.0.1:$APP_PORT/health" 2>/dev/null)" == "Healthy" ]]; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $WORK/logs/app-console.log" >&2; exit 1; }
  sleep 0.1
done
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
phase "pages: saving"
echo "ready (evidence ranking prepared): $READY_MS ms" >&2

# ------------------------------------------------------------------ pages: save the HTML, serve it with nginx
HTML="$WORK/html"
rm -rf "$HTML"; mkdir -p "$HTML"
CLAIM_ID=$(q "SELECT ClaimId FROM EvidenceLinks WHERE StudyId IS NOT NULL GROUP BY ClaimId HAVING count(*) = 2 ORDER BY ClaimId LIMIT 1 OFFSET (SELECT count(*) / 4 FROM Claims) / 20")
# A study cited by a typical number of claims (the median of the cited ones), not the most cited.
STUDY_ID=$(q "WITH c AS (SELECT StudyId, count(*) n FROM EvidenceLinks WHERE StudyId IS NOT NULL GROUP BY StudyId) SELECT StudyId FROM c ORDER BY n, StudyId LIMIT 1 OFFSET (SELECT count(*) / 2 FROM c)")
TRIAL_ID=$(q "SELECT TrialId FROM EvidenceLinks WHERE TrialId IS NOT NULL ORDER BY TrialId LIMIT 1 OFFSET (SELECT count(*) / 2 FROM EvidenceLinks WHERE TrialId IS NOT NULL)")
SOURCE_ID=$(q "SELECT SourceId FROM Claims WHERE Id = $CLAIM_ID")

# Heavy list pages last: requests wrk abandons keep the app busy for a while after it stops. Each: name, path, and
# whether its p99 must also stay under 20 ms (the heavy pages); every page's rate must reach 50% of nginx's (issue 20).
PAGES=(
  "claim|/claims/$CLAIM_ID|"
  "study|/studies/$STUDY_ID|"
  "trial|/trials/$TRIAL_ID|"
  "source|/sources/$SOURCE_ID|"
  "home|/|"
  "evidence-map|/evidence-map|p99"
  "studies-by-therapy|/studies?therapy=umbilical-cord-msc|p99"
)
PAGE_TARGET=50
MEASURED=()
SKIPPED=()
for page in "${PAGES[@]}"; do
  IFS='|' read -r name path p99 <<< "$page"
  status=$(curl -s -o "$HTML/$name.html" -w '%{http_code}' "http://127.0.0.1:$APP_PORT$path")
  if [[ "$status" == "200" ]]; then
    MEASURED+=("$page")
    gzip -6 -k -f "$HTML/$name.html"
  else
    rm -f "$HTML/$name.html"
    SKIPPED+=("$name ($path answered $status)")
  fi
done

NGINX_DIR="$WORK/nginx"
rm -rf "$NGINX_DIR"; mkdir -p "$NGINX_DIR/logs"
cat > "$NGINX_DIR/nginx.conf" <<EOF
worker_processes $THREADS;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  types { text/html html; }
  default_type text/html;
  access_log $NGINX_DIR/logs/access.log;
  sendfile on;
  gzip_static on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $HTML;
  }
}
EOF
"$NGINX_BIN" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" &
NGINX_PID=$!
until curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/home.html" 2>/dev/null || curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/claim.html"; do sleep 0.05; done

# wrk's latency lines ("50%  1.23ms") in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
load() {
  local url="$1" out
  local accept=()
  [[ "$ENCODING" == identity ]] || accept=(-H "Accept-Encoding: $ENCODING")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${accept[@]}" "$url")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<< "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<< "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<< "$out")")
  errors=$(awk '/Non-2xx|Socket errors/ { print }' <<< "$out" | tr '\n' ' ')
  echo "$rps $p50 $p99 ${errors:-}"
}

# Waits (at most 60 s) until the app uses less than 10% of a core: the previous load's requests are done.
settle() {
  local before after
  for _ in $(seq 60); do
    before=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat")
    sleep 1
    after=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat")
    (( after - before < 10 )) && return 0
  done
  echo "the app is still busy after 60 s" >&2
}

case "$ENCODING" in gzip|identity) ;; *) echo "--encoding: gzip or identity" >&2; exit 2 ;; esac
if [[ "$ENCODING" == gzip ]]; then
  # Both must answer with the compressed body, or the comparison is not of the same bytes.
  for who in "http://127.0.0.1:$APP_PORT${PAGES[0]#*|}" "http://127.0.0.1:$NGINX_PORT/${PAGES[0]%%|*}.html"; do
    who=${who%|*}
    enc=$(curl -s -o /dev/null -D - -H "Accept-Encoding: gzip" "$who" | awk -F': ' 'tolower($1) == "content-encoding" { print $2 }' | tr -d '\r')
    [[ "$enc" == gzip ]] || { echo "$who did not answer gzip" >&2; exit 1; }
  done
fi
# The runtime compiles its hot paths optimised while the first thousands of requests run (a page's first 8 s ran at
# about half its later rate): each app page is loaded once, unmeasured, first. nginx needs no warming.
if (( WARMUP > 0 )); then
  log "warming the app's pages: wrk ${WARMUP}s each, not measured"
  accept=()
  [[ "$ENCODING" == identity ]] || accept=(-H "Accept-Encoding: $ENCODING")
  for page in "${MEASURED[@]}"; do
    IFS='|' read -r _ path _ <<< "$page"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${accept[@]}" "http://127.0.0.1:$APP_PORT$path" > /dev/null
  done
fi
log "loading pages (Accept-Encoding: $ENCODING): wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, the app then nginx"
declare -a ROWS=()
for page in "${MEASURED[@]}"; do
  IFS='|' read -r name path p99 <<< "$page"
  phase "page: $name"
  settle
  read -r app_rps app_p50 app_p99 app_err <<< "$(load "http://127.0.0.1:$APP_PORT$path")"
  read -r ngx_rps ngx_p50 ngx_p99 _ <<< "$(load "http://127.0.0.1:$NGINX_PORT/$name.html")"
  ratio=$(awk -v a="$app_rps" -v n="$ngx_rps" 'BEGIN { printf "%.1f", (n > 0 ? 100 * a / n : 0) }')
  verdict=$(awk -v r="$ratio" -v t="$PAGE_TARGET" -v p="$app_p99" -v strict="$([[ -n "$p99" ]] && echo 1 || echo 0)" \
    'BEGIN { ok = (r >= t) && (!strict || p < 20); print ok ? "met" : "MISSED" }')
  size=$(stat -c %s "$HTML/$name.html")
  [[ "$ENCODING" == gzip ]] && size="$size (gzip $(stat -c %s "$HTML/$name.html.gz"))"
  goal="≥ $PAGE_TARGET%"; if [[ -n "$p99" ]]; then goal="$goal, p99 < 20 ms"; fi
  ROWS+=("| $name | \`$path\` | $size | $app_rps | $app_p50 | $app_p99 | $ngx_rps | $ngx_p50 | $ngx_p99 | $ratio% | $goal | $verdict${app_err:+ ($app_err)} |")
  printf '%-20s app %7s req/s p50 %7s ms p99 %7s ms | nginx %7s req/s p50 %6s ms p99 %6s ms | %6s%% %s\n' \
    "$name" "$app_rps" "$app_p50" "$app_p99" "$ngx_rps" "$ngx_p50" "$ngx_p99" "$ratio" "$verdict" >&2
done
kill "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""

# ------------------------------------------------------------------ search latency
SEARCH_NOTE=""
SEARCH_P50="-"; SEARCH_P95="-"; SEARCH_N=0
# Issue 20's targets: p95 under 50 ms on SQLite, under 100 ms on PostgreSQL (a round trip to another process a query).
SEARCH_TARGET=50; [[ "$PROVIDER" == "postgres" ]] && SEARCH_TARGET=100
search_status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/search?q=stem")
if [[ "$search_status" == "404" ]]; then
  SEARCH_NOTE="skipped: /search answered 404 (full-text search not in this build)"
  echo "search: $SEARCH_NOTE" >&2
else
  log "search latency"
  phase "search"
  QUERIES="$WORK/search-queries.txt"
  grep -v '^#' "$ROOT/bench/search-queries.txt" | sed '/^$/d' > "$QUERIES"
  # Identifiers that exist in this corpus: found exactly or not at all.
  q "SELECT Pmid FROM Studies WHERE Pmid IS NOT NULL ORDER BY Id LIMIT 4" >> "$QUERIES"
  q "SELECT Doi FROM Studies ORDER BY Id DESC LIMIT 4" >> "$QUERIES"
  q "SELECT NctId FROM Trials ORDER BY Id LIMIT 4" >> "$QUERIES"
  : > "$WORK/search-times.txt"
  while IFS= read -r query; do
    encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$query" 2>/dev/null || printf '%s' "$query" | sed 's/ /+/g')
    curl -s -o /dev/null "http://127.0.0.1:$APP_PORT/search?q=$encoded" # warm
    for _ in 1 2 3; do
      curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$APP_PORT/search?q=$encoded" >> "$WORK/search-times.txt"
    done
  done < "$QUERIES"
  SEARCH_N=$(wc -l < "$QUERIES")
  read -r SEARCH_P50 SEARCH_P95 <<< "$(sort -n "$WORK/search-times.txt" | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f %.1f", v[int(NR * 0.5 + 0.5)], v[int(NR * 0.95 + 0.5)] }')"
  echo "search: $SEARCH_N queries x3, p50 $SEARCH_P50 ms, p95 $SEARCH_P95 ms" >&2
fi

# ------------------------------------------------------------------ streaming export, RSS sampled while it runs
log "export (whole library)"
settle
N_REFS=$((N_STUDIES + N_TRIALS))
declare -A EXPORT_RATE EXPORT_RSS EXPORT_SECONDS EXPORT_MB
for format in ris csl-json; do
  phase "export $format"
  read -r seconds bytes <<< "$(curl -s -o /dev/null -w '%{time_total} %{size_download}' "http://127.0.0.1:$APP_PORT/export/references?format=$format")"
  phase "after export $format"
  EXPORT_SECONDS[$format]=$seconds
  EXPORT_MB[$format]=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
  EXPORT_RATE[$format]=$(awk -v n="$N_REFS" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
  EXPORT_RSS[$format]=$(rss_of "^export $format\$" range)
  echo "export $format: $N_REFS references, ${EXPORT_MB[$format]} MB in $seconds s = ${EXPORT_RATE[$format]} references/s; RSS during it ${EXPORT_RSS[$format]}" >&2
done

PEAK_RSS_MB=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status")
PEAK_SAMPLE=$(rss_of ".")
# VmHWM and the samples read the kernel's memory counters at different moments (they can differ by a megabyte either
# way): the target is judged on the higher of the two.
PEAK_JUDGED=$(awk -v h="$PEAK_RSS_MB" -v s="${PEAK_SAMPLE%% *}" 'BEGIN { print (s + 0 > h ? s + 0 : h) }')
echo "peak RSS (VmHWM): $PEAK_RSS_MB MB; highest sample $PEAK_SAMPLE (the whole timeline: $RSS_TIMELINE)" >&2
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

# ------------------------------------------------------------------ import throughput (a fresh database, generated articles)
log "import of $ARTICLES generated articles"
ARTICLE_DIR="$WORK/articles-$ARTICLES"
if [[ ! -f "$ARTICLE_DIR/.complete" ]]; then
  rm -rf "$ARTICLE_DIR"
  ( PROVIDER=sqlite; app "$WORK/unused.db" generate --articles "$ARTICLES" --out "$ARTICLE_DIR" --seed "$SEED" ) >&2
  touch "$ARTICLE_DIR/.complete"
fi
if [[ "$PROVIDER" == "postgres" ]]; then
  IMPORT_DB=kb_bench_import
  pgsql "DROP DATABASE IF EXISTS $IMPORT_DB WITH (FORCE)"
  count_rows() { pgsql "SELECT count(*) FROM \"$1\"" "$IMPORT_DB" 2>/dev/null || echo "?"; }
else
  IMPORT_DB="$WORK/import.db"
  rm -f "$IMPORT_DB" "$IMPORT_DB-wal" "$IMPORT_DB-shm"
  count_rows() { sqlite3 -readonly "$IMPORT_DB" "SELECT count(*) FROM $1" 2>/dev/null || echo "?"; }
fi
app "$IMPORT_DB" import "$ARTICLE_DIR" > "$WORK/import.log" 2>&1 || true
IMPORT_LINE=$(grep -E 'articles/s' "$WORK/import.log" | tail -1 || true)
IMPORT_RATE=$(grep -oE '[0-9]+ articles/s' <<< "$IMPORT_LINE" | grep -oE '^[0-9]+' || echo "?")
IMPORT_CLAIMS=$(count_rows Claims)
IMPORT_SOURCES=$(count_rows Sources)
echo "import: $IMPORT_LINE ($IMPORT_SOURCES sources, $IMPORT_CLAIMS claims detected)" >&2

# ------------------------------------------------------------------ results
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if (v == "?" || v == "-") { print "not measured"; exit } ok = dir == "min" ? v + 0 >= t : v + 0 < t; print ok ? "met" : "MISSED" }'; }
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
CORES=$(nproc)
RAM=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
OS=$(. /etc/os-release && echo "$PRETTY_NAME")
DOTNET=$(dotnet --version)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC') (scale $SCALE, $PROVIDER)"
  echo
  echo "Machine: $CPU, $CORES cores, $RAM RAM, $OS, .NET SDK $DOTNET; load average at the end $LOAD."
  if [[ "$PROVIDER" == "postgres" ]]; then
    echo "Database: PostgreSQL $(pgsql "SHOW server_version" | cut -d' ' -f1) on the same machine (shared_buffers $(pgsql "SHOW shared_buffers"), fsync $(pgsql "SHOW fsync"), synchronous_commit $(pgsql "SHOW synchronous_commit")); peak RSS is the app's alone."
  fi
  echo "Corpus: $N_SOURCES sources, $N_CLAIMS claims, $N_STUDIES studies, $N_TRIALS trials, $N_LINKS evidence links ($CORPUS_MB MB, generated in ${GEN_SECONDS%.*} s)."
  echo "Load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, Accept-Encoding: $ENCODING, against the app (Release, Production) and against nginx serving the saved HTML$([[ "$ENCODING" == gzip ]] && echo " (a gzip copy of each made beforehand, gzip_static)")."
  echo
  echo "| page | path | bytes | app req/s | app p50 ms | app p99 ms | nginx req/s | nginx p50 ms | nginx p99 ms | app/nginx | target | |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  for row in "${ROWS[@]}"; do echo "$row"; done
  for s in "${SKIPPED[@]}"; do echo "| ${s%% *} | skipped: ${s#* } | | | | | | | | | | |"; done
  echo
  echo "| measure | result | target | |"
  echo "|---|---|---|---|"
  echo "| start-up (process start to first 200) | $STARTUP_MS ms | | |"
  echo "| ready (evidence ranking prepared in the background, /health \"Healthy\") | $READY_MS ms | | |"
  if [[ -n "$SEARCH_NOTE" ]]; then
    echo "| search latency | $SEARCH_NOTE | p95 < $SEARCH_TARGET ms | not measured |"
  else
    echo "| search latency, $SEARCH_N queries x3 | p50 $SEARCH_P50 ms, p95 $SEARCH_P95 ms | p95 < $SEARCH_TARGET ms | $(verdict "$SEARCH_P95" "$SEARCH_TARGET" max) |"
  fi
  echo "| import, $ARTICLES generated articles, detection included | $IMPORT_RATE articles/s ($IMPORT_CLAIMS claims) | ≥ 1,000 articles/s | $(verdict "$IMPORT_RATE" 1000 min) |"
  for format in ris csl-json; do
    echo "| export $format, whole library ($N_REFS references, ${EXPORT_MB[$format]} MB, ${EXPORT_SECONDS[$format]} s) | ${EXPORT_RATE[$format]} references/s, RSS during it ${EXPORT_RSS[$format]} | ≥ 50,000 references/s, flat memory | $(verdict "${EXPORT_RATE[$format]}" 50000 min) |"
  done
  echo "| peak RSS under load (VmHWM; and the highest sample) | $PEAK_RSS_MB MB; highest sample $PEAK_SAMPLE | < 300 MB | $(verdict "$PEAK_JUDGED" 300 max) |"
} > "$WORK/results.md"

if [[ "$DOC" == "$ROOT/docs/benchmarks.md" && -f "$DOC" ]]; then
  # Keep the hand-written part of docs/benchmarks.md (above the marker) and replace the latest run.
  awk '/^<!-- latest run -->/ { exit } { print }' "$DOC" > "$DOC.tmp"
  { cat "$DOC.tmp"; echo "<!-- latest run -->"; echo; cat "$WORK/results.md"; } > "$DOC"
  rm -f "$DOC.tmp"
elif [[ "$DOC" == "$ROOT/docs/deploying.md" ]]; then
  # Replace what lies between the two markers of the PostgreSQL section, keep the rest of the guide.
  awk -v results="$WORK/results.md" '
    /^<!-- postgres run -->/ { print; print ""; while ((getline line < results) > 0) print line; print ""; skip = 1; next }
    /^<!-- \/postgres run -->/ { skip = 0 }
    !skip { print }' "$DOC" > "$DOC.tmp"
  grep -q '^<!-- postgres run -->' "$DOC" || { echo "no <!-- postgres run --> marker in $DOC" >&2; exit 1; }
  mv "$DOC.tmp" "$DOC"
else
  cp "$WORK/results.md" "$DOC"
fi
echo >&2
cat "$WORK/results.md"
echo >&2
echo "results written to $DOC" >&2

# ------------------------------------------------------------------ the editors' pass (issue 20)
# Signed in, so nothing comes from the page cache: bench/editor-pages.sh on a copy of the same corpus (the app of this
# run is stopped by now; on PostgreSQL the copy is made from the corpus database, which must have no connections, on
# the same server: this run's cluster, still running, or the --pg server).
if [[ $EDITORS == 1 ]]; then
  log "the editors' pass (bench/editor-pages.sh)"
  BENCH_WORK="$WORK" "$ROOT/bench/editor-pages.sh" --scale "$SCALE" --provider "$PROVIDER" --no-build \
    ${USER_PG:+--pg "$USER_PG"} $([[ "$SCALE" == "1" && -z "$CUSTOM_DOC" ]] && echo --doc)
fi
