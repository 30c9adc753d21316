#!/usr/bin/env bash
# Soak test: the Release build on a fresh database, wrk spreading reads over the app's pages on
# loopback, and a signed-in editor recording evidence at a steady rate, for --minutes (default 10).
# Passes when: no 5xx (wrk, the editor, the app's request log), no lost edit (every acknowledged
# edit is in the database), RSS growth under 10% from the end of warm-up to the end.
#
#   bench/soak.sh [--minutes N] [--port P] [--connections C] [--edit-interval SECONDS] [--out DIR]
#
# Results (summary.txt, rss.csv, wrk.txt, app log) go to --out (default: a new folder under /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

MINUTES=10 PORT=5105 CONNECTIONS=16 EDIT_INTERVAL=1 OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --edit-interval) EDIT_INTERVAL=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
OUT=${OUT:-$(mktemp -d /tmp/kb-soak-XXXXXX)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BASE="http://127.0.0.1:$PORT"
SECONDS_TOTAL=$((MINUTES * 60))
# Warm-up: the first tenth of the run (at least 30 s) is excluded from the memory comparison.
WARMUP=$(( SECONDS_TOTAL / 10 > 30 ? SECONDS_TOTAL / 10 : 30 ))

for tool in wrk sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "== installing $tool"; apt-get install -y -qq "$tool" >/dev/null; }
done

echo "== building the app (Release) into $OUT/app"
dotnet publish src/KnowledgeBase.Web -c Release -o "$OUT/app" --nologo -v q >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }

export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__KnowledgeBase="Data Source=$OUT/knowledgebase.db"
export KnowledgeBase__DataFolder="$OUT/data"
export KnowledgeBase__SeedsPath="$REPO/seeds"
export Serilog__WriteTo__0__Args__configure__1__Args__path="$OUT/logs/kb-.log"
export KNOWLEDGEBASE_PASSWORD="soak-$(date +%s%N)-password"
EDITOR_EMAIL=soak-editor@example.org

echo "== fresh database, seeds, an editor account"
( cd "$OUT/app" && dotnet KnowledgeBase.Web.dll add-user --email "$EDITOR_EMAIL" --role editor --name "Soak editor" </dev/null ) >"$OUT/add-user.log" 2>&1

( cd "$OUT/app" && exec dotnet KnowledgeBase.Web.dll --urls "$BASE" ) >"$OUT/app.out" 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; [[ -n "${SAMPLER:-}" ]] && kill "$SAMPLER" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true)" == 200 ]] && break
  sleep 1
done
[[ "$(curl -s "$BASE/health")" == Healthy* ]] || { echo "the app did not become healthy"; cat "$OUT/app.out"; exit 1; }

echo "== read paths"
DB="$OUT/knowledgebase.db"
{
  printf '%s\n' / /sources /claims /claims/review /studies /trials /account/login \
    "/export/references?format=ris" "/export/references?format=vancouver-html" "/export/claim-links.csv" \
    "/claims?status=Detected" "/studies?page=2" /health
  sqlite3 "$DB" "SELECT '/sources/' || Id FROM Sources; SELECT '/sources/' || Id || '/original' FROM Sources;
                 SELECT '/claims/' || Id FROM Claims ORDER BY Id LIMIT 200;
                 SELECT '/studies/' || Id FROM Studies; SELECT '/trials/' || Id FROM Trials;
                 SELECT '/export/references?format=bibtex&source=' || Id FROM Sources;"
} >"$OUT/paths.txt"
sqlite3 "$DB" "SELECT Id FROM Claims ORDER BY Id DESC LIMIT 50;" >"$OUT/edit-claims.txt"
echo "$(wc -l <"$OUT/paths.txt") read paths, $(wc -l <"$OUT/edit-claims.txt") claims to edit"

echo "== sampling RSS every 5 s"
( start=$(date +%s); while kill -0 "$APP" 2>/dev/null; do
    echo "$(( $(date +%s) - start )),$(awk '/VmRSS/ {print $2}' /proc/$APP/status 2>/dev/null)"; sleep 5; done ) >"$OUT/rss.csv" &
SAMPLER=$!

echo "== soak: $MINUTES min, wrk $CONNECTIONS connections, one edit every $EDIT_INTERVAL s"
rm -f "$OUT/stop" "$OUT/acked.tsv"
python3 bench/soak-editor.py "$BASE" "$EDITOR_EMAIL" "$OUT/edit-claims.txt" "$OUT/acked.tsv" "$EDIT_INTERVAL" "$OUT/stop" >"$OUT/editor.txt" 2>&1 &
EDITOR=$!
SOAK_PATHS="$OUT/paths.txt" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TOTAL}s" --timeout 30s --latency -s bench/soak-reads.lua "$BASE" >"$OUT/wrk.txt" 2>&1 || true
touch "$OUT/stop"
wait "$EDITOR" || true
sleep 6
kill "$SAMPLER" 2>/dev/null || true
kill -TERM "$APP"; wait "$APP" 2>/dev/null || true
trap - EXIT

echo "== checks"
cat "$OUT/wrk.txt" "$OUT/editor.txt"
wrk5xx=$(sed -n 's/.*soak-status .*5xx=\([0-9]*\).*/\1/p' "$OUT/wrk.txt")
wrk2xx=$(sed -n 's/.*soak-status 2xx=\([0-9]*\).*/\1/p' "$OUT/wrk.txt")
editor5xx=$(sed -n 's/.*soak-editor .*5xx=\([0-9]*\).*/\1/p' "$OUT/editor.txt")
acked=$(wc -l <"$OUT/acked.tsv")
log5xx=$(cat "$OUT"/logs/*.log | grep -c 'responded 5[0-9][0-9]' || true)
logErrors=$(cat "$OUT"/logs/*.log | grep -cE '\[(ERR|FTL)\]| ERR\] | FTL\] ' || true)
# Every acknowledged edit: one evidence link with that note on that claim.
sqlite3 "$DB" "SELECT Note || char(9) || ClaimId FROM EvidenceLinks WHERE Note LIKE 'soak-edit-%';" | sort >"$OUT/stored.tsv"
lost=$(sort "$OUT/acked.tsv" | comm -23 - "$OUT/stored.tsv" | wc -l)
integrity=$(sqlite3 "$DB" "PRAGMA integrity_check;")
rss=$(python3 - "$OUT/rss.csv" "$WARMUP" <<'PY'
import sys, statistics
rows = [tuple(map(int, l.strip().split(","))) for l in open(sys.argv[1]) if l.strip().count(",") == 1 and l.strip().split(",")[1]]
warm = int(sys.argv[2])
after = [r for t, r in rows if t >= warm]
base = statistics.median(after[:12])   # the minute after warm-up
end = statistics.median(after[-12:])   # the last minute
print(f"{base} {end} {max(r for _, r in rows)} {100 * (end - base) / base:.1f}")
PY
)
read -r rssBase rssEnd rssMax rssGrowth <<<"$rss"

{
  echo "soak $(date -u +%Y-%m-%dT%H:%MZ): $MINUTES min, wrk -t2 -c$CONNECTIONS, one edit every $EDIT_INTERVAL s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "reads: $(grep -E 'requests in' "$OUT/wrk.txt" | sed 's/^ *//'); $(grep Requests/sec "$OUT/wrk.txt" | sed 's/^ *//')"
  grep soak-status "$OUT/wrk.txt"; grep soak-latency "$OUT/wrk.txt"
  echo "edits: $(grep soak-editor "$OUT/editor.txt")"
  echo "5xx: wrk $wrk5xx, editor $editor5xx, app log $log5xx; error lines in the app log: $logErrors"
  echo "lost edits: $lost of $acked acknowledged"
  echo "integrity_check: $integrity"
  echo "RSS (KiB): after warm-up ${rssBase}, end ${rssEnd}, max ${rssMax}; growth ${rssGrowth}%"
} | tee "$OUT/summary.txt"

fail=0
[[ "$wrk5xx" == 0 && "$editor5xx" == 0 && "$log5xx" == 0 ]] || { echo "FAIL: 5xx responses"; fail=1; }
[[ "${wrk2xx:-0}" -gt 0 && "$acked" -gt 0 ]] || { echo "FAIL: no successful reads or edits"; fail=1; }
[[ "$lost" == 0 ]] || { echo "FAIL: lost edits"; fail=1; }
[[ "$integrity" == ok ]] || { echo "FAIL: integrity check"; fail=1; }
python3 -c "import sys; sys.exit(0 if float('$rssGrowth') < 10 else 1)" || { echo "FAIL: RSS grew by ${rssGrowth}%"; fail=1; }
[[ $fail == 0 ]] && echo "PASS ($OUT)"
exit $fail
