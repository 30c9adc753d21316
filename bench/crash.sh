#!/usr/bin/env bash
# Crash test, many iterations: runs CrashTests with KB_CRASH_ITERATIONS kills (default 60) of the
# app's import command at random moments (seed KB_CRASH_SEED), and prints the figures line.
#   bench/crash.sh [iterations] [seed]      (KB_NO_BUILD=1: use the tests as already built)
set -euo pipefail
cd "$(dirname "$0")/.."
export KB_CRASH_ITERATIONS=${1:-60} KB_CRASH_SEED=${2:-20261121}
dotnet test tests/KnowledgeBase.Tests ${KB_NO_BUILD:+--no-build} --filter "FullyQualifiedName~Reliability.CrashTests" \
  --logger "console;verbosity=detailed" 2>&1 | tee /tmp/kb-crash.log | grep -E "crash-figures|Passed!|Failed!|error|Expected" || true
grep -q "Passed!" /tmp/kb-crash.log
