#!/usr/bin/env bash
# Export alone (issue 20): the whole library as RIS, BibTeX, CSL-JSON and CSV from the published Release app on a
# COPY of a corpus, each format exported --rounds times (the first after start apart from the repeats), one request at
# a time. The app's RSS is sampled every 100 ms during each export (as bench/run.sh does). Prints per format and round:
# references/s, MB, wall seconds, the app's CPU seconds for it, RSS low-high during it (anonymous and file-backed at
# the end), then the app's peak RSS (VmHWM). So a change to export can be measured in minutes, not a full bench/run.sh.
#
#   bench/export.sh                      a copy of bench/run.sh's full corpus, made once in bench/.work (the original
#                                        is opened read only; the app migrates the copy at start)
#   bench/export.sh --corpus FILE        another SQLite corpus, opened in place (the app may migrate it)
#   options: --no-build  --port P (default 5121)  --rounds N (default 3)  --formats "ris bibtex csl-json csv"
#            --save DIR (keep each format's first download there, e.g. to cmp two builds' bytes)
#            --app DIR (a published app to measure instead of building this tree's)
#
# Needs the .NET 10 SDK, sqlite3, curl and awk. Work files under bench/.work/.
set -euo pipefail

CORPUS=""
APP_DIR=""
APP_PORT=5121
BUILD=1
ROUNDS=3
FORMATS="ris bibtex csl-json csv"
SAVE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --corpus) CORPUS=$(realpath "$2"); shift 2 ;;
    --port) APP_PORT="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --formats) FORMATS="$2"; shift 2 ;;
    --save) SAVE=$(realpath -m "$2"); shift 2 ;;
    --app) APP_DIR=$(realpath "$2"); BUILD=0; shift 2 ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/.work}
mkdir -p "$WORK/logs"
log() { printf '\n== %s\n' "$*" >&2; }

APP_DIR=${APP_DIR:-$WORK/app}
if [[ $BUILD == 1 || ! -f "$APP_DIR/KnowledgeBase.Web.dll" ]]; then
  log "building Release (ReadyToRun, as bench/run.sh)"
  RID="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
  dotnet publish "$ROOT/src/KnowledgeBase.Web" -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=true -o "$APP_DIR" -v q --nologo >/dev/null
fi
if [[ -z "$CORPUS" ]]; then
  SOURCE="$WORK/corpus-scale-1-seed-42.db"
  [[ -f "$SOURCE" ]] || { echo "no corpus at $SOURCE: run bench/run.sh --corpus-only first, or pass --corpus" >&2; exit 1; }
  # The app migrates the database it opens: measure a copy, never bench/run.sh's cached corpus.
  CORPUS="$WORK/export-corpus.db"
  if [[ ! -f "$CORPUS" || "$SOURCE" -nt "$CORPUS" ]]; then
    log "copying the corpus to $CORPUS"
    cp "$SOURCE" "$CORPUS.tmp" && mv "$CORPUS.tmp" "$CORPUS"
  fi
fi
[[ -f "$CORPUS" ]] || { echo "no corpus at $CORPUS" >&2; exit 1; }

run_app() {
  cd "$APP_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Sqlite \
    ConnectionStrings__KnowledgeBase="Data Source=$CORPUS" \
    KnowledgeBase__ImportSeedsOnFirstRun=false KnowledgeBase__FillEmbeddingsOnStart=false \
    KnowledgeBase__DataFolder="$WORK/data" \
    Serilog__WriteTo__0__Args__configure__1__Args__path="$WORK/logs/export-.log" \
    dotnet "$APP_DIR/KnowledgeBase.Web.dll" "$@"
}

BASE="http://127.0.0.1:$APP_PORT"
if curl -s -o /dev/null "$BASE/" 2>/dev/null; then echo "port $APP_PORT is taken; pass --port" >&2; exit 1; fi
log "starting the app on $BASE"
run_app --urls "$BASE" > "$WORK/logs/export-console.log" 2>&1 &
APP_PID=$!
SAMPLER=""
trap 'kill $SAMPLER "$APP_PID" 2>/dev/null || true' EXIT
until [[ "$(curl -fs "$BASE/health" 2>/dev/null)" == "Healthy" ]]; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app exited; see $WORK/logs/export-console.log" >&2; exit 1; }
  sleep 0.2
done
# Let start-up work (the evidence ranking's warm-up) finish, so it takes no CPU from the measurement.
for _ in $(seq 60); do
  before=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"); sleep 1; after=$(awk '{ print $14 + $15 }' "/proc/$APP_PID/stat")
  (( after - before < 10 )) && break
done

status_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$APP_PID/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
TICK=$(getconf CLK_TCK)
# Every study and trial is one reference of the whole-library export.
N_REFS=$(sqlite3 -readonly "$CORPUS" "SELECT (SELECT count(*) FROM Studies) + (SELECT count(*) FROM Trials)")
echo "RSS after start: $(( $(status_kb VmRSS) / 1024 )) MB (anonymous $(( $(status_kb RssAnon) / 1024 )), file $(( $(status_kb RssFile) / 1024 ))); load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %5s %10s %7s %7s %7s %11s %15s\n' format round refs/s MB wall_s cpu_s RSS_MB anon/file_MB
[[ -n "$SAVE" ]] && mkdir -p "$SAVE"
for round in $(seq "$ROUNDS"); do
  for format in $FORMATS; do
    out=/dev/null
    [[ -n "$SAVE" && $round == 1 ]] && out="$SAVE/library.$format"
    rss_log="$WORK/export-rss-$format-$round.txt"; : > "$rss_log"
    ( while kill -0 "$APP_PID" 2>/dev/null; do awk '/^VmRSS/ { print $2 }' "/proc/$APP_PID/status" >> "$rss_log"; sleep 0.1; done ) &
    SAMPLER=$!
    cpu0=$(cpu_ticks)
    read -r code seconds bytes <<< "$(curl -s -o "$out" -w '%{http_code} %{time_total} %{size_download}' "$BASE/export/references?format=$format")"
    cpu1=$(cpu_ticks)
    kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""
    [[ "$code" == 200 ]] || { echo "export $format answered $code" >&2; exit 1; }
    awk -v f="$format" -v r="$round" -v n="$N_REFS" -v s="$seconds" -v b="$bytes" -v c=$(( cpu1 - cpu0 )) -v t="$TICK" \
      -v anon="$(status_kb RssAnon)" -v file="$(status_kb RssFile)" -v rss="$(sort -n "$rss_log" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d-%d", lo / 1024, hi / 1024 }')" \
      'BEGIN { printf "%-9s %5s %10.0f %7.1f %7.2f %7.2f %11s %15s\n", f, (r == 1 ? "first" : r), n / s, b / 1048576, s, c / t, rss, sprintf("%d/%d", anon / 1024, file / 1024) }'
  done
done
echo "references: $N_REFS; peak RSS (VmHWM): $(( $(status_kb VmHWM) / 1024 )) MB; load average $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: wall times move with it, CPU seconds less)"
