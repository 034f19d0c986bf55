#!/usr/bin/env bash
# Noise on real code: the analysis of three JDK modules and seven storage libraries (their
# Maven Central sources jars, fetched here and never committed). Every finding and problem goes
# to $OUT/noise/NAME.txt; docs/evaluation.md triages them.
source "$(dirname "$0")/lib.sh"
build
JDK="$(jdk_corpus java.base java.logging jdk.zipfs)"
LIBS="$OUT/corpus/libs"
mkdir -p "$LIBS" "$OUT/noise"
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
for gav in org.apache.commons:commons-vfs2:2.10.0 com.h2database:h2:2.3.232 \
    org.apache.bookkeeper:bookkeeper-server:4.17.1 org.apache.lucene:lucene-core:9.12.0 \
    org.apache.kafka:kafka-clients:3.9.0 com.google.jimfs:jimfs:1.3.0 \
    com.github.marschall:memoryfilesystem:2.8.1; do
  IFS=: read -r g a v <<<"$gav"
  if [[ ! -d "$LIBS/$a" ]]; then
    mvn -B -q "$DEP_PLUGIN:get" -Dartifact="$g:$a:$v:jar:sources" -Dtransitive=false >&2
    jar="$HOME/.m2/repository/${g//.//}/$a/$v/$a-$v-sources.jar"
    mkdir -p "$LIBS/$a" && (cd "$LIBS/$a" && unzip -q -o "$jar" '*.java')
  fi
done
run() {
  local name="$1"; shift
  measure "noise-$name" analyze --out "$OUT/noise/$name.txt" "$@"
}
# NAMES to run only some (default: all, the biggest last).
declare -A PATHS=(
  [java.logging]="$JDK/java.logging" [jdk.zipfs]="$JDK/jdk.zipfs" [java.base]="$JDK/java.base"
  [commons-vfs2]="$LIBS/commons-vfs2" [h2]="$LIBS/h2" [bookkeeper-server]="$LIBS/bookkeeper-server"
  [lucene-core]="$LIBS/lucene-core" [kafka-clients]="$LIBS/kafka-clients" [jimfs]="$LIBS/jimfs"
  [memoryfilesystem]="$LIBS/memoryfilesystem")
for name in ${NAMES:-java.logging jdk.zipfs jimfs memoryfilesystem commons-vfs2 h2 bookkeeper-server \
    kafka-clients lucene-core java.base}; do
  run "$name" "${PATHS[$name]}"
done
for f in "$OUT"/noise/*.txt; do
  echo "$(basename "$f" .txt): $(grep -c '^finding ' "$f" || true) findings, $(grep -c '^problem ' "$f" || true) problems"
done
