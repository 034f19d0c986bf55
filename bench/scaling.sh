#!/usr/bin/env bash
# Benchmark (d): how time grows with input size: 10%, 25%, 50% and 100% of java.base. A subset
# takes every k-th file in path order (so every package is represented), hard-linked into its
# own tree. Writes $OUT/scaling.tsv and draws docs/scaling.svg from it (bench/plot.py).
# PTA=1 instead measures the points-to solver alone on each subset (bench/pta.sh's run: front
# end, then the solve from every public method) and writes $OUT/scaling-pta.tsv: its times,
# facts and peak heap per step, no plot.
source "$(dirname "$0")/lib.sh"
build
BASE="$(jdk_corpus java.base)"
TSV="$OUT/scaling.tsv"
PTA="${PTA:-0}"
if [[ "$PTA" == 1 ]]; then
  TSV="$OUT/scaling-pta.tsv"
  echo -e "percent\tfiles\tlines\tfront_wall_ms\tfront_cpu_ms\tsolve_wall_ms\tsolve_cpu_ms\tobjects\tpointers\tfacts\tflow_edges\tpeak_heap_mb\tload" >"$TSV"
else
  echo -e "percent\tfiles\tlines\tparse_cpu_ms\tanalyze_cpu_ms\tparse_wall_ms\tanalyze_wall_ms\tanalyze_peak_heap_mb" >"$TSV"
fi
# java.base/: the corpus may be a symbolic link (a worktree sharing another checkout's corpus).
mapfile -t ALL < <(cd "$BASE" && find java.base/ -name '*.java' | LC_ALL=C sort)
for pct in 10 25 50 100; do
  dir="$OUT/corpus/scale/$pct"
  if [[ ! -d "$dir" ]]; then
    mkdir -p "$dir"
    (cd "$BASE" && for ((i = 0; i < ${#ALL[@]}; i++)); do
      # file i is in the pct% subset when floor(i*pct/100) advances at i
      if (( (i + 1) * pct / 100 != i * pct / 100 )); then echo "${ALL[$i]}"; fi
    done | xargs -d '\n' cp --parents -l -t "$dir")
  fi
  files=$(find "$dir" -name '*.java' | wc -l)
  lines=$(find "$dir" -name '*.java' -print0 | xargs -0 cat | wc -l)
  if [[ "$PTA" == 1 ]]; then
    r=$(measure_pta "scale-$pct" "$dir")
    echo -e "$pct\t$files\t$lines$(for k in front_wall_ms front_cpu_ms solve_wall_ms solve_cpu_ms objects pointers facts flow_edges peak_heap_mb load; do printf '\t%s' "$(field $k "$r")"; done)" >>"$TSV"
    continue
  fi
  p=$(measure "scale-$pct" parse "$dir")
  a=$(measure "scale-$pct" analyze "$dir")
  echo -e "$pct\t$files\t$lines\t$(field cpu_ms "$p")\t$(field cpu_ms "$a")\t$(field wall_ms "$p")\t$(field wall_ms "$a")\t$(field peak_heap_mb "$a")" >>"$TSV"
done
cat "$TSV"
[[ "$PTA" == 1 ]] && exit
python3 "$BENCH_DIR/plot.py" "$TSV" "$ROOT/docs/scaling.svg"
echo "wrote $ROOT/docs/scaling.svg"
