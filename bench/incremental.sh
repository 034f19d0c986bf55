#!/usr/bin/env bash
# Benchmark: the per-file cache (issue #6, "Incremental") on java.base, each run in a fresh JVM:
#   cold       empty cache directory: parses and analyses everything, writes every entry
#   unchanged  same input again: answered by the whole-run result (level 1)
#   per-file   same input, whole-run result deleted: every file's declarations and facts are
#              read back from its entry, nothing is parsed (level 2)
#   body-edit  one statement added to one method of a mid-size file: only that file is parsed
#   decl-edit  (DECL=1) a class added to that file: a declaration change, everything is parsed
# and prints each run's wall and CPU time as a ratio to the cold run's. PCT=25 uses the 25%
# subset of bench/scaling.sh instead of the whole module.
HEAP="${HEAP:-3g}"
source "$(dirname "$0")/lib.sh"
build
if [[ "${PCT:-100}" == 100 ]]; then
  BASE="$(jdk_corpus java.base)/java.base"
else
  BASE="$OUT/corpus/scale/$PCT/java.base"
fi
# A private copy: the edits must not touch the shared corpus.
WORK="$OUT/corpus/incremental"
CACHE="$OUT/incremental-cache"
rm -rf "$WORK" "$CACHE"
mkdir -p "$WORK" && cp -r "$BASE" "$WORK/"
CORPUS="$WORK/java.base"
EDITED="$CORPUS/java/util/concurrent/locks/ReentrantLock.java"
[[ -f "$EDITED" ]] || EDITED="$(find "$CORPUS" -name '*.java' -size +20k | LC_ALL=C sort | sed -n 1p)"

run() { measure "incremental-$1" analyze --cache-dir "$CACHE" "$CORPUS"; }
drop_result() { rm -f "$CACHE"/result-*.json; }

cold=$(run cold)
unchanged=$(run unchanged)
drop_result
perfile=$(run per-file)
# A statement in the body of the first method that has one: the declarations stay the same.
awk 'done != 1 && /^    (public |protected |private )?[A-Za-z<>\[\], ]+ [a-z][A-Za-z0-9]*\([^;]*\) *\{ *$/ {
       print; print "        Thread.onSpinWait();"; done = 1; next } { print }' \
  "$EDITED" >"$EDITED.new" && mv "$EDITED.new" "$EDITED"
drop_result
body=$(run body-edit)
rows=("unchanged:$unchanged" "per-file:$perfile" "body-edit:$body")
if [[ "${DECL:-0}" == 1 ]]; then
  printf '\nfinal class BenchAdded { synchronized void m() { } }\n' >>"$EDITED"
  drop_result
  rows+=("decl-edit:$(run decl-edit)")
fi
echo "edited: ${EDITED#"$CORPUS/"}"
for r in "${rows[@]}"; do
  name="${r%%:*}" row="${r#*:}"
  echo "$name/cold: wall $(echo "scale=3; $(field wall_ms "$row") / $(field wall_ms "$cold")" | bc)," \
    "cpu $(echo "scale=3; $(field cpu_ms "$row") / $(field cpu_ms "$cold")" | bc)," \
    "files parsed $(field parsed "$row") of $(field files "$row")"
done
