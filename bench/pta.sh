#!/usr/bin/env bash
# The points-to solver alone on java.base (every public method an entry point): front end
# (parse, index, lower every method) then the solve, in one fresh JVM at -Xmx$HEAP with $JOBS
# jobs; prints the front end's and the solver's times, the solution's size, the peak heap and
# the load average at the end. Compare front_wall_ms + solve_wall_ms with `bench/javabase.sh`'s
# parse-only wall time (the issue's budget: the whole analysis within 2x parse-only, heap <= 3
# GB). PTA_ARGS=--histogram also prints (stderr) the variables' facts by declaring class and
# package and the instance fields' facts by field.
source "$(dirname "$0")/lib.sh"
build
CORPUS="${1:-$(jdk_corpus java.base)/java.base}"
# shellcheck disable=SC2086
measure_pta "$(basename "$CORPUS")" "$CORPUS" ${PTA_ARGS:-} >/dev/null
tail -1 "$RESULTS"
