# Shared by the bench scripts: builds the analyzer jar and the harness, unpacks corpora, runs
# one measured JVM. Source it; it sets -euo pipefail.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/target"
SRC_ZIP="${SRC_ZIP:-/usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip}"
# The targets of issue #6: 2 cores, 3 GB of heap.
HEAP="${HEAP:-3g}"
JOBS="${JOBS:-2}"
RESULTS="$OUT/results.tsv"
mkdir -p "$OUT"

jar_path() {
  ls "$ROOT"/analyzer/target/faultlock-analyzer-*-cli.jar 2>/dev/null | head -1
}

# Builds the analyzer's runnable jar (once, or again with REBUILD=1; FAULTLOCK_JAR=path uses a
# given one) and compiles the harness.
build() {
  if [[ -z "${FAULTLOCK_JAR:-}" && ( -z "$(jar_path)" || "${REBUILD:-0}" == 1 ) ]]; then
    echo "building the analyzer jar..." >&2
    (cd "$ROOT" && { mvn -B -o -q -pl analyzer -am package -DskipTests \
      || mvn -B -q -pl analyzer -am package -DskipTests; }) >&2
  fi
  # A copy: rebuilding the module while a benchmark runs must not swap the jar under it.
  JAR="$OUT/faultlock-cli.jar"
  cp "${FAULTLOCK_JAR:-$(jar_path)}" "$JAR.tmp" && mv "$JAR.tmp" "$JAR"
  mkdir -p "$OUT/classes"
  javac -nowarn -d "$OUT/classes" -cp "$JAR" \
    "$BENCH_DIR"/harness/dev/faultlock/bench/*.java 2>&1 | grep -v '^Note:' >&2 || true
  CP="$JAR:$OUT/classes"
}

# Unpacks the named src.zip modules (or all with no argument) under $OUT/corpus/jdk, once.
jdk_corpus() {
  local dest="$OUT/corpus/jdk"
  mkdir -p "$dest"
  if [[ $# -eq 0 ]]; then
    [[ -f "$dest/.all" ]] || { unzip -q -o "$SRC_ZIP" -d "$dest"; touch "$dest/.all"; }
  else
    local m
    for m in "$@"; do
      [[ -d "$dest/$m" ]] || unzip -q -o "$SRC_ZIP" "$m/*" -d "$dest"
    done
  fi
  echo "$dest"
}

# Fetches the seven storage libraries' Maven Central sources jars and unpacks each under
# $OUT/corpus/libs/ARTIFACT, once; prints that directory.
libs_corpus() {
  local libs="$OUT/corpus/libs" gav g a v jar
  local dep_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
  mkdir -p "$libs"
  for gav in org.apache.commons:commons-vfs2:2.10.0 com.h2database:h2:2.3.232 \
      org.apache.bookkeeper:bookkeeper-server:4.17.1 org.apache.lucene:lucene-core:9.12.0 \
      org.apache.kafka:kafka-clients:3.9.0 com.google.jimfs:jimfs:1.3.0 \
      com.github.marschall:memoryfilesystem:2.8.1; do
    IFS=: read -r g a v <<<"$gav"
    if [[ ! -d "$libs/$a" ]]; then
      mvn -B -q "$dep_plugin:get" -Dartifact="$g:$a:$v:jar:sources" -Dtransitive=false >&2
      jar="$HOME/.m2/repository/${g//.//}/$a/$v/$a-$v-sources.jar"
      mkdir -p "$libs/$a" && (cd "$libs/$a" && unzip -q -o "$jar" '*.java')
    fi
  done
  echo "$libs"
}

# The ten corpora of docs/evaluation.md, fetched and unpacked once: sets CORPORA (name ->
# directory) and CORPUS_NAMES (all of them, the biggest last).
corpora() {
  local jdk libs
  jdk="$(jdk_corpus java.base java.logging jdk.zipfs)"
  libs="$(libs_corpus)"
  declare -gA CORPORA=(
    [java.logging]="$jdk/java.logging" [jdk.zipfs]="$jdk/jdk.zipfs" [java.base]="$jdk/java.base"
    [commons-vfs2]="$libs/commons-vfs2" [h2]="$libs/h2" [bookkeeper-server]="$libs/bookkeeper-server"
    [lucene-core]="$libs/lucene-core" [kafka-clients]="$libs/kafka-clients" [jimfs]="$libs/jimfs"
    [memoryfilesystem]="$libs/memoryfilesystem")
  CORPUS_NAMES=(java.logging jdk.zipfs jimfs memoryfilesystem commons-vfs2 h2 bookkeeper-server
    kafka-clients lucene-core java.base)
}

# measure LABEL MODE [harness args...]: one fresh JVM under /usr/bin/time -v; appends a row to
# $RESULTS and prints it. Wall/CPU come from inside the JVM (the analysis call only); max RSS
# and the process's total CPU from time(1).
measure() {
  local label="$1" mode="$2"; shift 2
  local tv="$OUT/time.$$.txt" line
  line="$(/usr/bin/time -v -o "$tv" java -Xmx"$HEAP" \
    -cp "$CP" dev.faultlock.bench.BenchMain "$mode" --jobs "$JOBS" "$@" | tail -1)"
  local rss user sys
  rss=$(awk -F': ' '/Maximum resident set size/{print int($2/1024)}' "$tv")
  user=$(awk -F': ' '/User time/{print $2}' "$tv")
  sys=$(awk -F': ' '/System time/{print $2}' "$tv")
  rm -f "$tv"
  local row="label=$label $line max_rss_mb=$rss process_cpu_s=$(echo "$user + $sys" | bc)"
  echo "$row" | tee -a "$RESULTS"
}

# measure_pta LABEL DIR [PointsToMain args...]: the points-to solver alone (front end, then the
# solve from every public method) in one fresh JVM under /usr/bin/time -v; appends a row to
# $RESULTS and prints it (front end and solve timed apart, the solution's size, peak heap, RSS).
measure_pta() {
  local label="$1" dir="$2"; shift 2
  local tv="$OUT/time.$$.txt" line rss
  # Resolved: the analysis does not follow a symbolic link to the corpus (a worktree may share one).
  line="$(/usr/bin/time -v -o "$tv" java -Xmx"$HEAP" -cp "$CP" dev.faultlock.bench.PointsToMain \
    --jobs "$JOBS" "$@" "$(readlink -f "$dir")" | tail -1)"
  rss=$(awk -F': ' '/Maximum resident set size/{print int($2/1024)}' "$tv")
  rm -f "$tv"
  local row="label=$label $line max_rss_mb=$rss load=$(cut -d' ' -f1 /proc/loadavg)"
  echo "$row" | tee -a "$RESULTS"
}

# field NAME ROW: the value of NAME=... in a result row.
field() {
  tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1==k{print $2}'
}
