#!/usr/bin/env bash
# Benchmark (c): incremental runs with a cache directory on java.base: a cold run (empty
# cache), a warm re-run on unchanged input, and a re-run after one file changed. PCT=25 uses the
# 25% subset of bench/scaling.sh instead of the whole module.
source "$(dirname "$0")/lib.sh"
build
if [[ "${PCT:-100}" == 100 ]]; then
  BASE="$(jdk_corpus java.base)/java.base"
else
  BASE="$OUT/corpus/scale/$PCT/java.base"
fi
# A private copy, so the one-file change does not touch the shared corpus.
WORK="$OUT/corpus/warm"
rm -rf "$WORK" "$OUT/cache"
mkdir -p "$WORK" && cp -r "$BASE" "$WORK/"
CORPUS="$WORK/java.base"
cold=$(measure warm-cold analyze --cache-dir "$OUT/cache" "$CORPUS")
warm=$(measure warm-unchanged analyze --cache-dir "$OUT/cache" "$CORPUS")
# One file changes: a class with a synchronized method is added at the end of the first file.
f="$(find "$CORPUS" -name '*.java' | LC_ALL=C sort | sed -n 1p)"
printf '\nfinal class BenchAdded { synchronized void m() { } }\n' >>"$f"
one=$(measure warm-one-file analyze --cache-dir "$OUT/cache" "$CORPUS")
echo "unchanged/cold: wall $(echo "scale=3; $(field wall_ms "$warm") / $(field wall_ms "$cold")" | bc)," \
  "cpu $(echo "scale=3; $(field cpu_ms "$warm") / $(field cpu_ms "$cold")" | bc)"
echo "one-file/cold: wall $(echo "scale=3; $(field wall_ms "$one") / $(field wall_ms "$cold")" | bc)," \
  "cpu $(echo "scale=3; $(field cpu_ms "$one") / $(field cpu_ms "$cold")" | bc)"
