#!/usr/bin/env bash
# The points-to solver alone on java.base (every public method an entry point): front end
# (parse, index, lower every method) then the solve, in one fresh JVM at -Xmx$HEAP with $JOBS
# jobs; prints the front end's and the solver's times, the solution's size and the peak heap.
# Compare solve_wall_ms with `bench/javabase.sh`'s parse-only wall time (the issue's budget:
# the whole analysis within 2x parse-only, heap <= 3 GB). PTA_ARGS=--histogram also prints
# (stderr) the variables' facts by declaring class and package.
source "$(dirname "$0")/lib.sh"
build
CORPUS="${1:-$(jdk_corpus java.base)/java.base}"
tv="$OUT/time.$$.txt"
line="$(/usr/bin/time -v -o "$tv" java -Xmx"$HEAP" -cp "$CP" dev.faultlock.bench.PointsToMain \
  --jobs "$JOBS" ${PTA_ARGS:-} "$CORPUS" | tail -1)"
rss=$(awk -F': ' '/Maximum resident set size/{print int($2/1024)}' "$tv")
rm -f "$tv"
echo "label=$(basename "$CORPUS") $line max_rss_mb=$rss" | tee -a "$RESULTS"
