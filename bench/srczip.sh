#!/usr/bin/env bash
# Benchmark (b): the whole of the JDK's src.zip (15,224 files, every module) as one program,
# analysis against parse-only. The parse trees of 15k files need more than 3 GB, so this one
# runs with HEAP=${HEAP:-12g} unless told otherwise. PTA=1 instead runs the points-to solver
# alone (bench/pta.sh's measurement: every public method of every module an entry point) on it,
# the issue's "all of src.zip within 12 GB". src.zip is unpacked under bench/target, never
# committed.
export HEAP="${HEAP:-12g}"
source "$(dirname "$0")/lib.sh"
build
CORPUS="$(jdk_corpus)"
if [[ "${PTA:-0}" == 1 ]]; then
  measure_pta src.zip "$CORPUS"
  exit
fi
p=$(measure src.zip parse "$CORPUS")
a=$(measure src.zip analyze "$CORPUS")
echo "analyze/parse: wall $(echo "scale=2; $(field wall_ms "$a") / $(field wall_ms "$p")" | bc)x," \
  "cpu $(echo "scale=2; $(field cpu_ms "$a") / $(field cpu_ms "$p")" | bc)x"
