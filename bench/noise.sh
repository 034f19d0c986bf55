#!/usr/bin/env bash
# Noise on real code: the analysis of three JDK modules and seven storage libraries (their
# Maven Central sources jars, fetched here and never committed). Every finding and problem goes
# to $OUT/noise/NAME.txt; docs/evaluation.md triages them.
source "$(dirname "$0")/lib.sh"
build
corpora
mkdir -p "$OUT/noise"
# NAMES to run only some (default: all, the biggest last).
for name in ${NAMES:-${CORPUS_NAMES[@]}}; do
  measure "noise-$name" analyze --out "$OUT/noise/$name.txt" "${CORPORA[$name]}"
done
for f in "$OUT"/noise/*.txt; do
  echo "$(basename "$f" .txt): $(grep -c '^finding ' "$f" || true) findings, $(grep -c '^problem ' "$f" || true) problems"
done
