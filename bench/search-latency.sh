#!/usr/bin/env bash
# Search latency alone (issue 20): the 67 queries of bench/run.sh's search measurement (bench/search-queries.txt plus
# 4 PMIDs, 4 DOIs and 4 NCT ids of the corpus), each asked once to warm and then 3 times, one request at a time, on
# the app started on a corpus. Prints p50/p95 over all the timed requests and the slowest queries (median of 3), so a
# change to search can be measured in minutes instead of a full bench/run.sh.
#
#   bench/search-latency.sh                          bench/run.sh's cached full corpus (read only: search writes nothing)
#   bench/search-latency.sh --corpus FILE            another SQLite corpus (opened in place: the app migrates it first)
#   bench/search-latency.sh --provider postgres --pg "<connection string>"
#                                                    the corpus's PostgreSQL copy made by bench/run.sh --provider postgres
#                                                    (the database named after the corpus's parameters, as there)
#   options: --no-build  --port P (default 5119)  --top N (slowest queries listed, default 12)  --out FILE (the times)
#            --app DIR (a published app to measure instead of building this tree's, e.g. an older build to compare)
#
# Needs the .NET 10 SDK, sqlite3, curl and python3 (psql for PostgreSQL). Work files under bench/.work/.
set -euo pipefail

CORPUS=""
APP_DIR=""
PROVIDER=sqlite
PG=""
APP_PORT=5119
BUILD=1
TOP=12
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --corpus) CORPUS=$(realpath "$2"); shift 2 ;;
    --provider) PROVIDER="$2"; shift 2 ;;
    --pg) PG="$2"; shift 2 ;;
    --port) APP_PORT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --top) TOP="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --app) APP_DIR=$(realpath "$2"); BUILD=0; shift 2 ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$PROVIDER" in sqlite|postgres) ;; *) echo "--provider is sqlite or postgres" >&2; exit 2 ;; esac
[[ "$PROVIDER" == sqlite || -n "$PG" ]] || { echo "--provider postgres needs --pg \"<connection string>\"" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/.work}
mkdir -p "$WORK/logs"
log() { printf '\n== %s\n' "$*" >&2; }

APP_DIR=${APP_DIR:-$WORK/app}
if [[ $BUILD == 1 || ! -f "$APP_DIR/KnowledgeBase.Web.dll" ]]; then
  log "building Release"
  dotnet publish "$ROOT/src/KnowledgeBase.Web" -c Release -o "$APP_DIR" -v q --nologo >/dev/null
fi
if [[ -z "$CORPUS" ]]; then
  CORPUS="$WORK/corpus-scale-1-seed-42.db"
  [[ -f "$CORPUS" ]] || { echo "no corpus at $CORPUS: run bench/run.sh --corpus-only first, or pass --corpus" >&2; exit 1; }
fi
[[ -f "$CORPUS" ]] || { echo "no corpus at $CORPUS" >&2; exit 1; }
q() { sqlite3 -readonly "$CORPUS" "$1"; }

if [[ "$PROVIDER" == postgres ]]; then
  # The database bench/run.sh named after the corpus's parameters.
  PARAMS=$(cat "$CORPUS.params" 2>/dev/null) || { echo "no $CORPUS.params: the PostgreSQL copy is bench/run.sh's" >&2; exit 1; }
  CONNECTION="$PG;Database=kb_corpus_$(echo "$PARAMS" | sha256sum | cut -c1-12)"
  DB_PROVIDER=Postgres
else
  CONNECTION="Data Source=$CORPUS"
  DB_PROVIDER=Sqlite
fi

run_app() {
  # The environment docs/deploying.md ("Memory") recommends: two malloc arenas.
  cd "$APP_DIR" && exec env MALLOC_ARENA_MAX=2 ASPNETCORE_ENVIRONMENT=Production Database__Provider="$DB_PROVIDER" \
    ConnectionStrings__KnowledgeBase="$CONNECTION" \
    KnowledgeBase__ImportSeedsOnFirstRun=false KnowledgeBase__FillEmbeddingsOnStart=false \
    KnowledgeBase__DataFolder="$WORK/data" \
    Serilog__WriteTo__0__Args__configure__1__Args__path="$WORK/logs/search-latency-.log" \
    dotnet "$APP_DIR/KnowledgeBase.Web.dll" "$@"
}

BASE="http://127.0.0.1:$APP_PORT"
if curl -s -o /dev/null "$BASE/" 2>/dev/null; then echo "port $APP_PORT is taken; pass --port" >&2; exit 1; fi
log "starting the app on $BASE ($PROVIDER)"
run_app --urls "$BASE" > "$WORK/logs/search-latency-console.log" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT
# Wait for the evidence ranking's warm-up too, so it takes no CPU from the measurement.
until [[ "$(curl -fs "$BASE/health" 2>/dev/null)" == "Healthy" ]]; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $WORK/logs/search-latency-console.log" >&2; exit 1; }
  sleep 0.2
done

# The same list as bench/run.sh: the fixed queries, then identifiers that exist in this corpus.
QUERIES="$WORK/search-latency-queries.txt"
grep -v '^#' "$ROOT/bench/search-queries.txt" | sed '/^$/d' > "$QUERIES"
q "SELECT Pmid FROM Studies WHERE Pmid IS NOT NULL ORDER BY Id LIMIT 4" >> "$QUERIES"
q "SELECT Doi FROM Studies ORDER BY Id DESC LIMIT 4" >> "$QUERIES"
q "SELECT NctId FROM Trials ORDER BY Id LIMIT 4" >> "$QUERIES"

log "search latency: $(wc -l < "$QUERIES") queries, warm once, then 3 timed"
TIMES=${OUT:-$WORK/search-latency-times.tsv}
: > "$TIMES"; : > "$TIMES.first"
while IFS= read -r query; do
  encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$query")
  # The first request of a query (what bench/run.sh calls warming) is kept apart: nothing of it was computed before.
  printf '%s\t%s\n' "$(curl -s -o /dev/null -w '%{time_total}' "$BASE/search?q=$encoded")" "$query" >> "$TIMES.first"
  for _ in 1 2 3; do
    printf '%s\t%s\n' "$(curl -s -o /dev/null -w '%{time_total}' "$BASE/search?q=$encoded")" "$query" >> "$TIMES"
  done
done < "$QUERIES"

N=$(wc -l < "$QUERIES")
read -r P50 P95 MAX <<< "$(cut -f1 "$TIMES" | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f %.1f %.1f", v[int(NR * 0.5 + 0.5)], v[int(NR * 0.95 + 0.5)], v[NR] }')"
read -r F50 F95 FMAX <<< "$(cut -f1 "$TIMES.first" | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f %.1f %.1f", v[int(NR * 0.5 + 0.5)], v[int(NR * 0.95 + 0.5)], v[NR] }')"
echo "search ($PROVIDER): $N queries x3, p50 $P50 ms, p95 $P95 ms, max $MAX ms (first request of each: p50 $F50 ms, p95 $F95 ms, max $FMAX ms); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "slowest (median of 3, ms):"
sort -t$'\t' -k2,2 -s "$TIMES" | awk -F'\t' '
  { t[$2] = t[$2] " " $1 * 1000 }
  END { for (k in t) { n = split(substr(t[k], 2), v, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
        printf "%8.1f  %s\n", v[int((n + 1) / 2)], k } }' | sort -rn | head -n "$TOP"
echo "slowest first requests (ms):"
sort -t$'\t' -k1,1 -rn "$TIMES.first" | head -n "$TOP" | awk -F'\t' '{ printf "%8.1f  %s\n", $1 * 1000, $2 }'
