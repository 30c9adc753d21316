#!/usr/bin/env bash
# The pages an editor uses, at the benchmark's full corpus (issue 20): signed in, so the page cache never answers.
# Each page is asked for twice in a row (the first request of a filter computes its counts unless the start-up warm-up
# did, and they are then shared per change stamp; the second shows what every later editor gets until the next
# change). Then, page by page, the editor makes one change through the app (adds a new tag to a claim) and asks for the
# page: "after a change" is that request (the counts of before, marked stale, while one recount runs; decision 0039),
# "exact after" how long after the change the page showed exact counts again (asked every 0.2 s), "then" the next
# request. See docs/benchmarks.md, "Editors at a million claims".
#
#   bench/editor-pages.sh                 the full corpus of bench/run.sh (1M claims), built or reused
#   bench/editor-pages.sh --provider postgres   the same on PostgreSQL (bench/run.sh's copy of the corpus there)
#   options: --scale F (as bench/run.sh)  --corpus FILE (SQLite: an existing corpus instead, e.g. one generated before
#            a migration: the app migrates the copy)  --port P (default 5117)  --no-build  --pg "<connection string>"
#            (as bench/run.sh)  --doc (write the table into docs/benchmarks.md, on PostgreSQL docs/deploying.md)
#
# The corpus is bench/run.sh's cached one; this script works on a copy (it adds an editor account and tags), so the
# cache stays as generated. Needs what bench/run.sh needs. Work files under bench/.work/.
set -euo pipefail

SCALE=1
CORPUS=""
APP_PORT=5117
BUILD=1
WRITE_DOC=0
PROVIDER=sqlite
PG=""
PG_PORT=${BENCH_PG_PORT:-55499}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --corpus) CORPUS=$(realpath "$2"); shift 2 ;;
    --port) APP_PORT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --doc) WRITE_DOC=1; shift ;;
    --provider) PROVIDER="$2"; shift 2 ;;
    --pg) PG="$2"; shift 2 ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$PROVIDER" in sqlite|postgres) ;; *) echo "--provider is sqlite or postgres" >&2; exit 2 ;; esac
[[ "$PROVIDER" == "postgres" && -n "$CORPUS" ]] && { echo "--corpus is for SQLite; on PostgreSQL the corpus is bench/run.sh's copy" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/.work}
mkdir -p "$WORK/logs"
log() { printf '\n== %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1; }
source "$ROOT/bench/postgres.sh"
source "$ROOT/bench/rss-timeline.sh"

APP_DIR="$WORK/app"
CORPUS_DATABASE=""
if [[ -z "$CORPUS" ]]; then
  # The corpus, as bench/run.sh makes and caches it (and its Release build, unless --no-build); on PostgreSQL also
  # its copy there, whose name it prints last.
  CORPUS_DATABASE=$("$ROOT/bench/run.sh" --scale "$SCALE" --corpus-only --provider "$PROVIDER" ${PG:+--pg "$PG"} \
    $([[ $BUILD == 0 ]] && echo --no-build) 2>&1 | tee /dev/stderr | sed -n 's/^corpus ready: //p')
  CORPUS="$WORK/corpus-scale-$SCALE-seed-42.db"
elif [[ $BUILD == 1 || ! -f "$APP_DIR/KnowledgeBase.Web.dll" ]]; then
  log "building Release"
  dotnet publish "$ROOT/src/KnowledgeBase.Web" -c Release -o "$APP_DIR" -v q --nologo >/dev/null
fi
[[ -f "$CORPUS" ]] || { echo "no corpus at $CORPUS" >&2; exit 1; }

APP_PID=""
PG_PID_DIR=""
trap '[[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null; [[ -n "$PG_PID_DIR" ]] && "$ROOT/.ci/postgres-cluster" stop "$PG_PID_DIR"; true' EXIT
if [[ "$PROVIDER" == "postgres" ]]; then
  [[ -n "$CORPUS_DATABASE" ]] || { echo "bench/run.sh named no PostgreSQL corpus" >&2; exit 1; }
  pg_server
  DB="kb_editor_pages"
  log "copying the corpus $CORPUS_DATABASE to the PostgreSQL database $DB"
  pgsql "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  pgsql "CREATE DATABASE $DB TEMPLATE $CORPUS_DATABASE"
  CONNECTION="$PG;Database=$DB"
  PROVIDER_NAME=PostgreSQL
else
  DB="$WORK/editor-pages.db"
  log "copying the corpus to $DB"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  sqlite3 -readonly "$CORPUS" ".backup '$DB'"
  CONNECTION="Data Source=$DB"
  PROVIDER_NAME=SQLite
fi

run_app() {
  # The environment docs/deploying.md ("Memory") recommends: two malloc arenas.
  cd "$APP_DIR" && exec env MALLOC_ARENA_MAX=2 ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider="$([[ "$PROVIDER" == "postgres" ]] && echo Postgres || echo Sqlite)" \
    ConnectionStrings__KnowledgeBase="$CONNECTION" \
    KnowledgeBase__ImportSeedsOnFirstRun=false KnowledgeBase__FillEmbeddingsOnStart=false \
    KnowledgeBase__DataFolder="$WORK/data" \
    Serilog__WriteTo__0__Args__configure__1__Args__path="$WORK/logs/editor-pages-.log" \
    dotnet "$APP_DIR/KnowledgeBase.Web.dll" "$@"
}

BASE="http://127.0.0.1:$APP_PORT"
if curl -s -o /dev/null "$BASE/" 2>/dev/null; then echo "port $APP_PORT is taken; pass --port" >&2; exit 1; fi
log "starting the app on $BASE"
START_NS=$(date +%s%N)
run_app --urls "$BASE" > "$WORK/logs/editor-pages-console.log" 2>&1 &
APP_PID=$!
rss_timeline_start "$APP_PID" "$WORK/editor-pages-rss.txt"
until [[ "$(curl -fs "$BASE/health" 2>/dev/null)" == "Healthy" ]]; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $WORK/logs/editor-pages-console.log" >&2; exit 1; }
  sleep 0.1
done
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
phase "signing in"

# An editor account, made once the app has migrated the copy.
# (A fresh address each run: the copy may be of a database that already holds one from an earlier run.)
RUN_ID=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
EMAIL="bench-editor-$RUN_ID@example.org"
PASSWORD="bench-editor-$RUN_ID"
( KNOWLEDGEBASE_PASSWORD="$PASSWORD" run_app add-user --email "$EMAIL" --role editor --name "Benchmark editor" ) > "$WORK/logs/editor-pages-add-user.log" 2>&1 \
  || { echo "add-user failed; see $WORK/logs/editor-pages-add-user.log" >&2; exit 1; }

JAR="$WORK/editor-pages.cookies"
rm -f "$JAR"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "Email=$EMAIL" \
  --data-urlencode "Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$TOKEN" "$BASE/account/login")
[[ "$STATUS" == "302" ]] || { echo "signing in failed (HTTP $STATUS)" >&2; exit 1; }

# Ids and counts from the corpus the copy was made of (the same rows on either provider).
q() { sqlite3 -readonly "$CORPUS" "$1"; }
CLAIM=$(q "SELECT ClaimId FROM EvidenceLinks WHERE StudyId IS NOT NULL ORDER BY ClaimId LIMIT 1 OFFSET 1000")
SOURCE=$(q "SELECT SourceId FROM Claims WHERE Id = $CLAIM")
THERAPY=$(q "SELECT Slug FROM TherapyTypes ORDER BY SortOrder, Id LIMIT 1")
PAGES=("/claims" "/claims?status=candidate" "/claims?therapy=$THERAPY" "/claims?flags=yes" "/claims/review" "/claims/review?sort=confidence"
  "/sources" "/sources?page=500" "/sources/$SOURCE" "/claims/$CLAIM" "/studies?therapy=$THERAPY" "/trials" "/evidence-map" "/search?q=stem+cells" "/")

log "pages, signed in as an editor, each twice"
ROWS=()
for page in "${PAGES[@]}"; do
  phase "twice: $page"
  read -r c1 t1 s1 <<< "$(curl -s -o /dev/null -b "$JAR" -w '%{http_code} %{time_total} %{size_download}' "$BASE$page")"
  read -r c2 t2 _ <<< "$(curl -s -o /dev/null -b "$JAR" -w '%{http_code} %{time_total} %{size_download}' "$BASE$page")"
  first=$(awk -v t="$t1" 'BEGIN { printf "%.0f", t * 1000 }'); second=$(awk -v t="$t2" 'BEGIN { printf "%.0f", t * 1000 }')
  [[ "$c1" == "200" && "$c2" == "200" ]] || { first="HTTP $c1"; second="HTTP $c2"; }
  verdict=$([[ "$second" =~ ^[0-9]+$ ]] && (( second < 300 )) && echo met || echo MISSED)
  echo "$page: first $first ms, second $second ms, $(( s1 / 1024 )) KB" >&2
  ROWS+=("| \`$page\` | $first ms | $second ms | $(( s1 / 1024 )) KB | $verdict")
done

# One change as the editor, through the app: a new tag on a claim (a history row, so the change stamp moves).
STALE_NOTE="being updated after a recent change"
FORM_TOKEN=$(curl -s -b "$JAR" -c "$JAR" "$BASE/claims/$CLAIM" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
EDITS=0
edit() {
  EDITS=$(( EDITS + 1 ))
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" --data-urlencode "Name=bench $RUN_ID $EDITS" \
    --data-urlencode "__RequestVerificationToken=$FORM_TOKEN" "$BASE/claims/$CLAIM/tags")
  [[ "$code" == "302" ]] || { echo "tagging claim $CLAIM failed (HTTP $code)" >&2; exit 1; }
}
ms() { awk -v t="$1" 'BEGIN { printf "%.0f", t * 1000 }'; }

log "each page right after a change made by the editor, until its counts are exact again"
BODY="$WORK/editor-pages-after.html"
for i in "${!PAGES[@]}"; do
  page=${PAGES[$i]}
  phase "after a change: $page"
  edit
  CHANGED_NS=$(date +%s%N)
  read -r c3 t3 <<< "$(curl -s -o "$BODY" -b "$JAR" -w '%{http_code} %{time_total}' "$BASE$page")"
  after=$(ms "$t3"); stale=no; exact="at once"
  if grep -q "$STALE_NOTE" "$BODY"; then
    stale=yes; exact="not within 120 s"
    while (( ($(date +%s%N) - CHANGED_NS) / 1000000 < 120000 )); do
      sleep 0.2
      curl -s -o "$BODY" -b "$JAR" "$BASE$page"
      if ! grep -q "$STALE_NOTE" "$BODY"; then exact="$(( ($(date +%s%N) - CHANGED_NS) / 1000000 )) ms"; break; fi
    done
  fi
  read -r c4 t4 <<< "$(curl -s -o /dev/null -b "$JAR" -w '%{http_code} %{time_total}' "$BASE$page")"
  next=$(ms "$t4")
  [[ "$c3" == "200" && "$c4" == "200" ]] || { after="HTTP $c3"; next="HTTP $c4"; }
  verdict=$([[ "$after" =~ ^[0-9]+$ ]] && (( after < 300 )) && echo met || echo MISSED)
  echo "$page: after a change $after ms (counts stale: $stale), exact $exact, then $next ms" >&2
  ROWS[$i]+=" | $after ms | $stale | $exact | $next ms | $verdict |"
done
PEAK_RSS=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status")
PEAK_SAMPLE=$(rss_of ".")
echo "peak RSS (VmHWM): $PEAK_RSS MB; highest sample $PEAK_SAMPLE (the whole timeline: $RSS_TIMELINE)" >&2

CORPUS_ROWS=$(q "SELECT (SELECT count(*) FROM Claims) || ' claims, ' || (SELECT count(*) FROM Sources) || ' sources, ' || (SELECT count(*) FROM Studies) || ' studies, ' || (SELECT count(*) FROM Trials) || ' trials'")
TABLE=$(cat <<EOF
Run of $(date -u '+%Y-%m-%d %H:%M') UTC: \`bench/editor-pages.sh\` on $CORPUS_ROWS; Release, Production, $PROVIDER_NAME,
signed in as an editor (no page cache), one request at a time; load average at the end $(cut -d' ' -f1-3 /proc/loadavg) (a shared
machine: other work may run beside it). Ready (evidence ranking and list counts prepared) $READY_MS ms after start; peak RSS
$PEAK_RSS MB (highest sample $PEAK_SAMPLE). "Second" is what every editor gets until the next change; "after a change" is the page's first request
after the editor tagged a claim (a change made just before each page), "stale" whether its counts were the previous
ones (said on the page), "exact after" when the page showed exact counts again, counted from the change.

| page | first request | second request | size | second < 300 ms | after a change | stale | exact after | then | after a change < 300 ms |
|---|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${ROWS[@]}")
EOF
)
echo; echo "$TABLE"

if [[ $WRITE_DOC == 1 ]]; then
  DOC="$ROOT/docs/$([[ "$PROVIDER" == "postgres" ]] && echo deploying || echo benchmarks).md"
  python3 - "$DOC" "$TABLE" <<'PY'
import sys
path, table = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
start, end = "<!-- editor-pages results -->", "<!-- /editor-pages results -->"
block = f"{start}\n{table.strip()}\n{end}"
if start in text and end in text:
    text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip() + "\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
  echo "written to $DOC" >&2
fi
