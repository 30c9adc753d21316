# The app's memory through a benchmark, sourced by bench/run.sh and bench/editor-pages.sh: RSS sampled every 100 ms,
# each sample with the phase the script said it was in, so that a peak can be placed.
#
#   rss_timeline_start PID FILE   start sampling the process into FILE (tab-separated: phase, MB); phase "start-up"
#   phase "name"                  what the following samples are labelled
#   rss_of PATTERN [range]        the highest sample of the phases matching the awk pattern, "<MB> MB (<phase>)";
#                                 with "range", the lowest and highest as "lo-hi MB"; "-" when none
RSS_TIMELINE=""
RSS_PHASE_FILE=""

rss_timeline_start() {
  RSS_TIMELINE="$2"; RSS_PHASE_FILE="$2.phase"; : > "$RSS_TIMELINE"
  phase "start-up"
  ( while kill -0 "$1" 2>/dev/null; do
      awk -v p="$(cat "$RSS_PHASE_FILE")" '/^VmRSS/ { print p "\t" int($2 / 1024) }' "/proc/$1/status" >> "$RSS_TIMELINE" 2>/dev/null
      sleep 0.1
    done ) &
}

phase() { echo "$1" > "$RSS_PHASE_FILE"; }

rss_of() {
  awk -F'\t' -v pattern="$1" -v mode="${2:-peak}" '$1 ~ pattern { if (n++ == 0 || $2 < lo) lo = $2; if ($2 > hi) { hi = $2; at = $1 } }
    END { if (!n) print "-"; else if (mode == "range") printf "%d-%d MB", lo, hi; else printf "%d MB (%s)", hi, at }' "$RSS_TIMELINE"
}
