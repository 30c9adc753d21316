#!/usr/bin/env bash
# Importer fuzzing, large counts: runs ImporterFuzzTests with KB_FUZZ_MUTATIONS mutated and
# KB_FUZZ_GENERATED generated inputs per format (defaults 2000 and 500; CI, i.e. plain `dotnet test`, uses 100 and 40), and
# prints one figures line per format and kind, then the totals.
#   bench/fuzz.sh [mutations-per-format] [generated-per-format] [seed]      (KB_NO_BUILD=1: use the tests as already built)
set -euo pipefail
cd "$(dirname "$0")/.."
export KB_FUZZ_MUTATIONS=${1:-2000} KB_FUZZ_GENERATED=${2:-500} KB_FUZZ_SEED=${3:-9}
dotnet test tests/KnowledgeBase.Tests ${KB_NO_BUILD:+--no-build} --filter "FullyQualifiedName~Reliability.ImporterFuzzTests" \
  --logger "console;verbosity=detailed" 2>&1 | tee /tmp/kb-fuzz.log | grep -E "fuzz-figures|Passed!|Failed!|error" | sed 's/^ *//' | sort -u || true
grep -o 'fuzz-figures.*' /tmp/kb-fuzz.log | sort -u | awk '{for(i=1;i<=NF;i++){split($i,kv,"="); if(kv[1]=="inputs")n+=kv[2]; if(kv[1]=="accepted")a+=kv[2]; if(kv[1]=="rejected")r+=kv[2]; if(kv[1]=="failures")f+=kv[2]}} END {print "total inputs=" n " accepted=" a " rejected=" r " failures=" f}'
grep -q "Passed!" /tmp/kb-fuzz.log
