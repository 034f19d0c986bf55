#!/usr/bin/env bash
# The JSON report of every corpus, with and without --points-to, every finding whatever its
# confidence: $OUT/reports/LABEL-plain/NAME.json and LABEL-pta/NAME.json. LABEL is the first
# argument (default: the commit). What an analysis change did, finding by finding:
#   bench/reports.sh before; (change, REBUILD=1) bench/reports.sh after
#   bench/diff-reports.py bench/target/reports/before-pta bench/target/reports/after-pta
# MODES="pta" or "plain" runs one mode; NAMES some corpora. java.base gets -Xmx6g, the rest 3g.
source "$(dirname "$0")/lib.sh"
build
corpora
LABEL="${1:-$(git -C "$ROOT" rev-parse --short HEAD)}"
for mode in ${MODES:-plain pta}; do
  dir="$OUT/reports/$LABEL-$mode"
  mkdir -p "$dir"
  for name in ${NAMES:-${CORPUS_NAMES[@]}}; do
    heap=3g; [[ "$name" == java.base ]] && heap=6g
    java -Xmx"$heap" -jar "$JAR" check --jobs "$JOBS" --fail-on never --progress never \
      --min-confidence low --format json $([[ "$mode" == pta ]] && echo --points-to) \
      "${CORPORA[$name]}" >"$dir/$name.json" 2>"$dir/$name.err" \
      || echo "$mode $name: exit $? (see $dir/$name.err)" >&2
    echo "$mode $name: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$dir/$name.json") findings"
  done
done
