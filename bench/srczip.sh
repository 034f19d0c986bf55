#!/usr/bin/env bash
# Benchmark (b): the whole of the JDK's src.zip (15,224 files, every module) as one program,
# analysis against parse-only. The parse trees of 15k files need more than 3 GB, so this one
# runs with HEAP=${HEAP:-12g} unless told otherwise.
export HEAP="${HEAP:-12g}"
source "$(dirname "$0")/lib.sh"
build
CORPUS="$(jdk_corpus)"
p=$(measure src.zip parse "$CORPUS")
a=$(measure src.zip analyze "$CORPUS")
echo "analyze/parse: wall $(echo "scale=2; $(field wall_ms "$a") / $(field wall_ms "$p")" | bc)x," \
  "cpu $(echo "scale=2; $(field cpu_ms "$a") / $(field cpu_ms "$p")" | bc)x"
