#!/usr/bin/env bash
# Compile-time overhead of faultlock's Error Prone checkers, on three source sets:
#
#   generated   CLASSES generated classes, each with ten methods: a synchronized method and one
#               under a ReentrantLock that copy into a @UserBuffer parameter (the two findings of
#               each class), a snapshot taken under the lock and copied after it, a retry loop
#               copying with faults disabled under the lock, its @FaultsDisabled helper, a tryLock,
#               two monitors of one class ordered by id, and three lock-free methods: lock-heavy
#               code, its explicit locks in the lock(); try { ... } finally { unlock(); } idiom.
#   generated-bare  the same classes with lock() and unlock() as plain statements (no try/finally):
#               off the idiom, so every explicit-lock method needs the Checker Framework dataflow,
#               the checkers' most expensive case.
#   commons-io  the 261 files of commons-io 2.18.0 (its Maven Central sources jar, fetched here
#               with maven-dependency-plugin:get and unpacked under bench/out, never committed):
#               real code with no faultlock annotation and a few monitors.
#
# Compiles the set RUNS times with Error Prone alone and RUNS times with Error Prone plus
# faultlock's checkers, interleaved (alone, with, alone, with, ...), and reports the medians and
# their ratio. Same JVM flags, same javac flags; the only difference is faultlock-rules on the
# processor path. The figure is javac's CPU time (user + system of its process, from bash's
# `time`): on a shared machine other work disturbs it far less than wall time, also reported.
#
#   bench/errorprone/run.sh generated [CLASSES] [RUNS]   (defaults: 1000 classes, 3 runs each;
#                                                         generated-bare alike)
#   bench/errorprone/run.sh commons-io [RUNS]             (default: 5 runs each)
#
# With JFR=FILE, the warm-up run (with faultlock, not counted) is recorded by Java Flight Recorder
# into FILE, and the script prints the share of javac's main-thread samples that are in faultlock's
# code (a frame of dev.faultlock anywhere on the stack) and in the Checker Framework dataflow: the
# checkers' own cost, which the load of a shared machine disturbs far less than the CPU time.
#
# With MODE=steady the same source set goes to Steady.java instead: one JVM loads Error Prone once
# and compiles the set WARMUP times per configuration (default 5) to warm up, then RUNS pairs
# (alone and with faultlock, alternating which goes first), and reports the median of the pairs'
# ratios of the compiling thread's CPU time, with quartiles and a 95 % confidence interval: the
# steady cost in a build daemon, which a cold javac process's 35 % run-to-run spread hides. Every
# compile's findings are checked as below. With MODE=steady and JFR=FILE, RUNS pairs after the
# warm-up are recorded instead of measured (the recording starts before the warm-up, each compile
# on a thread named compile-with or compile-alone), and faultlock's share of each thread's
# samples is printed: compare the two threads' samples by method to see what faultlock adds.
#
#   MODE=steady bench/errorprone/run.sh generated 600 20
#   MODE=steady bench/errorprone/run.sh commons-io 20
#
# Needs: JDK 17, Maven, and faultlock-rules built: mvn -B -q -pl rules -am package -DskipTests
set -euo pipefail

CORPUS=${1:-generated}
steady_runs=20
[[ "${MODE:-}" == steady ]] || steady_runs=
case "$CORPUS" in
  generated | generated-bare) CLASSES=${2:-1000} RUNS=${3:-${steady_runs:-3}} ;;
  commons-io) RUNS=${2:-${steady_runs:-5}} ;;
  *) echo "usage: $0 generated|generated-bare [CLASSES] [RUNS] | commons-io [RUNS]" >&2; exit 2 ;;
esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/out/errorprone/$CORPUS"
VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml" | head -1)
EP_VERSION=$(sed -n 's|.*<errorprone.version>\(.*\)</errorprone.version>.*|\1|p' "$ROOT/pom.xml")
RULES_JAR=${RULES_JAR:-"$ROOT/rules/target/faultlock-rules-$VERSION.jar"}
ANNOTATIONS_JAR="$ROOT/annotations/target/faultlock-annotations-$VERSION.jar"

for jar in "$RULES_JAR" "$ANNOTATIONS_JAR"; do
  if [[ ! -f "$jar" ]]; then
    echo "missing $jar: run  mvn -B -q -pl rules -am package -DskipTests  first" >&2
    exit 2
  fi
done

rm -rf "$OUT"/{src,classes,sources.txt,last.log}
mkdir -p "$OUT/src"

# Error Prone's own processor path: exactly error_prone_core and what it depends on.
cat > "$OUT/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.faultlock.bench</groupId>
  <artifactId>errorprone-path</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>com.google.errorprone</groupId>
      <artifactId>error_prone_core</artifactId>
      <version>$EP_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
(cd "$OUT" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$OUT/ep.classpath" >/dev/null)
EP_PATH=$(cat "$OUT/ep.classpath")

# The methods that take the explicit lock. In `generated` they use the lock(); try { ... } finally
# { unlock(); } idiom, as most code does; in `generated-bare` the same methods call lock() and
# unlock() as plain statements, which the checkers' structural fast path does not read, so every
# one of them goes through the Checker Framework dataflow: the cost of code off the idiom.
explicit_locks() {
  if [[ "$CORPUS" == generated-bare ]]; then
    cat <<'JAVA'
  /** The same with an explicit lock. */
  public int readLocked(@UserBuffer ByteBuffer dst) {
    lock.lock();
    int n = Math.min(dst.remaining(), cache.remaining());
    dst.put(cache.slice(0, n));
    lock.unlock();
    return n;
  }

  /** Safe: snapshot under the lock, copy after it. */
  public int readSnapshot(@UserBuffer ByteBuffer dst) {
    lock.lock();
    ByteBuffer snapshot = cache.duplicate();
    history.add("read " + snapshot.remaining());
    lock.unlock();
    int n = Math.min(dst.remaining(), snapshot.remaining());
    dst.put(snapshot.slice(0, n));
    return n;
  }

  /** Safe: copy with faults disabled under the lock, fault in and retry without it. */
  public int readRetry(@UserBuffer ByteBuffer dst) {
    while (true) {
      lock.lock();
      int copied = copyNoFault(dst);
      lock.unlock();
      if (copied > 0 || !dst.hasRemaining()) {
        return copied;
      }
      dst.get(dst.position());
    }
  }

  @FaultsDisabled
  private int copyNoFault(@UserBuffer ByteBuffer dst) {
    int n = Math.min(dst.remaining(), cache.remaining());
    dst.put(cache.slice(0, n));
    return n;
  }

  /** Try-lock only: gives up rather than waits. */
  public boolean tryTouch() {
    if (!lock.tryLock()) {
      return false;
    }
    history.add("touched");
    lock.unlock();
    return true;
  }
JAVA
  else
    cat <<'JAVA'
  /** The same with an explicit lock. */
  public int readLocked(@UserBuffer ByteBuffer dst) {
    lock.lock();
    try {
      int n = Math.min(dst.remaining(), cache.remaining());
      dst.put(cache.slice(0, n));
      return n;
    } finally {
      lock.unlock();
    }
  }

  /** Safe: snapshot under the lock, copy after it. */
  public int readSnapshot(@UserBuffer ByteBuffer dst) {
    ByteBuffer snapshot;
    lock.lock();
    try {
      snapshot = cache.duplicate();
      history.add("read " + snapshot.remaining());
    } finally {
      lock.unlock();
    }
    int n = Math.min(dst.remaining(), snapshot.remaining());
    dst.put(snapshot.slice(0, n));
    return n;
  }

  /** Safe: copy with faults disabled under the lock, fault in and retry without it. */
  public int readRetry(@UserBuffer ByteBuffer dst) {
    while (true) {
      int copied;
      lock.lock();
      try {
        copied = copyNoFault(dst);
      } finally {
        lock.unlock();
      }
      if (copied > 0 || !dst.hasRemaining()) {
        return copied;
      }
      dst.get(dst.position());
    }
  }

  @FaultsDisabled
  private int copyNoFault(@UserBuffer ByteBuffer dst) {
    int n = Math.min(dst.remaining(), cache.remaining());
    dst.put(cache.slice(0, n));
    return n;
  }

  /** Try-lock only: gives up rather than waits. */
  public boolean tryTouch() {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      history.add("touched");
      return true;
    } finally {
      lock.unlock();
    }
  }
JAVA
  fi
}

generate() {
echo "generating $CLASSES classes under $OUT/src"
for ((i = 0; i < CLASSES; i++)); do
  pkg="bench.p$((i / 100))"
  dir="$OUT/src/${pkg//.//}"
  mkdir -p "$dir"
  cat > "$dir/File$i.java" <<JAVA
package $pkg;

import dev.faultlock.annotations.FaultsDisabled;
import dev.faultlock.annotations.LockClass;
import dev.faultlock.annotations.UserBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** Generated: one file of a storage layer, with its lock and its page cache. */
@LockClass("inode")
public final class File$i {
  private final ReentrantLock lock = new ReentrantLock();
  private final ByteBuffer cache = ByteBuffer.allocate(4096);
  private final List<String> history = new ArrayList<>();
  private final long id = $i;

  /** The GFS bug: copies into the caller's buffer under this file's monitor. */
  public synchronized int readSynchronized(@UserBuffer ByteBuffer dst) {
    int n = Math.min(dst.remaining(), cache.remaining());
    dst.put(cache.slice(0, n));
    return n;
  }

$(explicit_locks)
  /** Two files of one class, ordered by id. */
  public void link(File$i other) {
    File$i first = id < other.id ? this : other;
    File$i second = first == this ? other : this;
    synchronized (first) {
      synchronized (second) {
        history.add("linked " + other.id);
      }
    }
  }

  /** Ordinary lock-free code, as most of a code base is. */
  public int checksum(byte[] data) {
    int h = 17;
    for (byte b : data) {
      h = 31 * h + b;
    }
    return h ^ (int) id;
  }

  public String describe() {
    StringBuilder sb = new StringBuilder("file ").append(id);
    for (String event : history) {
      if (event.startsWith("read")) {
        sb.append(", ").append(event);
      }
    }
    return sb.toString();
  }

  public List<String> recent(int n) {
    List<String> out = new ArrayList<>();
    for (int k = history.size() - 1; k >= 0 && out.size() < n; k--) {
      out.add(history.get(k));
    }
    return out;
  }
}
JAVA
done
}

# commons-io's sources, from Maven Central's sources jar (cached in the local repository).
commons_io() {
  local v=2.18.0
  local jar="$HOME/.m2/repository/commons-io/commons-io/$v/commons-io-$v-sources.jar"
  [[ -f "$jar" ]] || mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="commons-io:commons-io:$v:jar:sources" -Dtransitive=false >&2
  echo "unpacking commons-io $v sources under $OUT/src"
  (cd "$OUT/src" && unzip -q -o "$jar" '*.java')
}

if [[ "$CORPUS" == commons-io ]]; then commons_io; else generate; fi
find "$OUT/src" -name '*.java' > "$OUT/sources.txt"

FAULTLOCK_XEP="-Xep:FaultUnderLock:WARN -Xep:DeclaredOrderViolation:WARN -Xep:AnnotationMisuse:WARN"
expected=0
[[ "$CORPUS" != commons-io ]] && expected=$((2 * CLASSES))

# The share of the main thread's JFR samples with a faultlock frame anywhere on the stack, and
# with a Checker Framework dataflow frame.
jfr_share() {
  jfr print --stack-depth 256 --events jdk.ExecutionSample "$1" | awk -v file="$1" -v thread="${2:-main}" '
    /^jdk.ExecutionSample/ { f = 0; c = 0 }
    index($0, "sampledThread = \"" thread "\"") { m = 1 }
    /dev\.faultlock\./ { f = 1 }
    /org\.checkerframework\.errorprone\.dataflow\./ { c = 1 }
    /^}/ { if (m) { main++; fl += f; cf += c } m = 0 }
    END { printf "JFR %s: %d %s-thread samples, %.1f%% in faultlock, %.1f%% in the Checker Framework dataflow\n", file, main, thread, 100 * fl / main, 100 * cf / main }'
}

if [[ "${MODE:-}" == steady ]]; then
  mapfile -t JAVA_FLAGS < <(grep -v '^$' "$ROOT/.mvn/jvm.config")
  steady=(java "${JAVA_FLAGS[@]}" -Xms3g -Xmx3g -cp "$EP_PATH:$RULES_JAR" "$ROOT/bench/errorprone/Steady.java"
    --sources "$OUT/sources.txt" --classpath "$ANNOTATIONS_JAR" --out "$OUT/classes"
    --expect "$expected" --warmup "${WARMUP:-5}" --pairs "$RUNS" --xep "$FAULTLOCK_XEP")
  echo "$CORPUS: $(wc -l < "$OUT/sources.txt") files, $(nproc) cores, MODE=steady"
  if [[ -n "${JFR:-}" ]]; then
    "${steady[@]}" --jfr "$JFR"
    jfr_share "$JFR" compile-with
    jfr_share "$JFR" compile-alone
  else
    "${steady[@]}"
  fi
  exit 0
fi

JVM_FLAGS=()
while read -r flag; do
  [[ -n "$flag" ]] && JVM_FLAGS+=("-J$flag")
done < "$ROOT/.mvn/jvm.config"
# JAVAC_JVM="-Xms2g -XX:+UseParallelGC ..." adds JVM flags to every javac run (to steady the
# measurement: the same compile's CPU time otherwise varies by a third from run to run).
for flag in ${JAVAC_JVM:-}; do JVM_FLAGS+=("-J$flag"); done

# One javac run; prints "wall cpu" seconds (cpu = user + system time of javac's JVM, which
# other work on a shared machine disturbs far less than wall time). Findings are demoted to
# warnings so every run compiles every file to the end; -Xmaxwarns keeps the output small.
compile() {
  local processor_path=$1 xep=$2 maxwarns=${3:-5} record=${4:-}
  rm -rf "$OUT/classes"
  mkdir -p "$OUT/classes"
  local TIMEFORMAT='%R %U %S' timing
  local jfr=()
  [[ -n "$record" ]] && jfr=("-J-XX:StartFlightRecording=filename=$record,settings=profile")
  timing=$( { time javac "${JVM_FLAGS[@]}" ${jfr[@]+"${jfr[@]}"} -J-Xmx2g -d "$OUT/classes" -cp "$ANNOTATIONS_JAR" \
    -XDcompilePolicy=simple --should-stop=ifError=FLOW -Xmaxwarns "$maxwarns" \
    -processorpath "$processor_path" "-Xplugin:ErrorProne $xep" @"$OUT/sources.txt" \
    > "$OUT/last.log" 2>&1 || { cat "$OUT/last.log" >&2; exit 1; } ; } 2>&1 )
  echo "$timing" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

echo "warm-up (not counted), checking the checkers really ran"
compile "$EP_PATH:$RULES_JAR" "$FAULTLOCK_XEP" 1000000 "${JFR:-}" > /dev/null
[[ -n "${JFR:-}" ]] && jfr_share "$JFR"
# Each generated class has exactly two faulting copies under a lock (readSynchronized, readLocked)
# and nothing else faultlock should report; commons-io has no @UserBuffer or @MayFault, so no copy.
found=$(grep -c '\[FaultUnderLock\]' "$OUT/last.log" || true)
others=$(grep -cE '\[(UnsortedSameClassLocks|DeclaredOrderViolation|AnnotationMisuse)\]' "$OUT/last.log" || true)
if [[ "$found" -ne "$expected" || "$others" -ne 0 ]]; then
  echo "expected $expected FaultUnderLock and no other faultlock findings, got $found and $others" >&2
  exit 1
fi
echo "findings check: $found FaultUnderLock, 0 others"

alone_wall=() alone_cpu=() with_wall=() with_cpu=() pair_cpu=()
for ((r = 1; r <= RUNS; r++)); do
  read -r aw ac < <(compile "$EP_PATH" "")
  read -r ww wc < <(compile "$EP_PATH:$RULES_JAR" "$FAULTLOCK_XEP")
  alone_wall+=("$aw") alone_cpu+=("$ac") with_wall+=("$ww") with_cpu+=("$wc")
  pair_cpu+=("$(awk -v a="$ac" -v w="$wc" 'BEGIN { print w / a }')")
  printf 'run %d: Error Prone alone %7.2f s wall %7.2f s cpu | with faultlock %7.2f s wall %7.2f s cpu\n' \
    "$r" "$aw" "$ac" "$ww" "$wc"
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
maw=$(median "${alone_wall[@]}") mac=$(median "${alone_cpu[@]}")
mww=$(median "${with_wall[@]}") mwc=$(median "${with_cpu[@]}")
echo
echo "$CORPUS: $(wc -l < "$OUT/sources.txt") files, runs: $RUNS each, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'median Error Prone alone:       %7.2f s wall %7.2f s cpu\n' "$maw" "$mac"
printf 'median with faultlock checkers: %7.2f s wall %7.2f s cpu\n' "$mww" "$mwc"
awk -v a="$mac" -v w="$mwc" 'BEGIN { printf "overhead (cpu):  %+.1f%% (ratio %.3f)\n", (w / a - 1) * 100, w / a }'
# Each pair ran at nearly the same moment, so the median of the pairs' ratios resists the load
# changing during the benchmark better than the ratio of the medians.
awk -v r="$(median "${pair_cpu[@]}")" 'BEGIN { printf "overhead (cpu), median of the pairs: %+.1f%% (ratio %.3f)\n", (r - 1) * 100, r }'
awk -v a="$maw" -v w="$mww" 'BEGIN { printf "overhead (wall): %+.1f%% (ratio %.3f)\n", (w / a - 1) * 100, w / a }'
