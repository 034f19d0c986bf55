#!/usr/bin/env bash
# Benchmark (a): the whole analysis of java.base (3,400 files) against a parse-only pass over
# the same files, each in a fresh JVM with the same settings (-Xmx$HEAP, $JOBS jobs).
# REPS=N repeats each (the best wall time is reported; the machine is shared). PHASES=1 also
# prints each phase's wall and CPU time of the analysis on stderr (BenchMain --phases). PTA=1
# runs the analysis with the points-to analysis (--points-to), against the same parse-only pass.
source "$(dirname "$0")/lib.sh"
build
CORPUS="$(jdk_corpus java.base)/java.base"
REPS="${REPS:-1}"
p="" a=""
for ((i = 1; i <= REPS; i++)); do
  q=$(measure java.base parse "$CORPUS")
  # shellcheck disable=SC2046
  b=$(measure java.base analyze ${PHASES:+--phases} $([[ "${PTA:-0}" == 1 ]] && echo --points-to) "$CORPUS")
  # The fastest of each: the other runs were slowed by something else on the machine.
  if [[ -z "$p" ]] || (( $(field wall_ms "$q") < $(field wall_ms "$p") )); then p="$q"; fi
  if [[ -z "$a" ]] || (( $(field wall_ms "$b") < $(field wall_ms "$a") )); then a="$b"; fi
done
echo "analyze/parse: wall $(echo "scale=2; $(field wall_ms "$a") / $(field wall_ms "$p")" | bc)x," \
  "cpu $(echo "scale=2; $(field cpu_ms "$a") / $(field cpu_ms "$p")" | bc)x"
