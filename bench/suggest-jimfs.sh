#!/usr/bin/env bash
# faultlock suggest on jimfs 1.3.0 (its Maven Central sources jar, fetched as noise.sh does and
# never committed), then the Error Prone checkers on the result: the diff must apply with
# `git apply`, and javac must then report FaultUnderLock at the copy in
# JimfsFileChannel.transferTo (the lock of one file held while writing into the caller's
# channel, which may be another jimfs file: issue #13). Prints the diff's summary and javac's
# faultlock diagnostics; exits 1 when the copy is not reported.
source "$(dirname "$0")/lib.sh"
build
LIBS="$OUT/corpus/libs"
WORK="$OUT/suggest/jimfs"
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
if [[ ! -d "$LIBS/jimfs" ]]; then
  mvn -B -q "$DEP_PLUGIN:get" -Dartifact=com.google.jimfs:jimfs:1.3.0:jar:sources -Dtransitive=false >&2
  jar="$HOME/.m2/repository/com/google/jimfs/jimfs/1.3.0/jimfs-1.3.0-sources.jar"
  mkdir -p "$LIBS/jimfs" && (cd "$LIBS/jimfs" && unzip -q -o "$jar" '*.java')
fi
rm -rf "$WORK" && mkdir -p "$WORK/src" && cp -r "$LIBS/jimfs/." "$WORK/src/"
(cd "$WORK" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -q -m jimfs)

# The suggestions, reviewed as a user would: the diff, and why each annotation.
(cd "$WORK" && java -Xmx"$HEAP" -jar "$JAR" suggest --jobs "$JOBS" src > suggest.diff 2> suggest.log)
cat "$WORK/suggest.log"
(cd "$WORK" && git apply --verbose suggest.diff 2>&1)

# javac with Error Prone and faultlock's checkers; jimfs's own dependencies at the versions of
# its pom (guava as Error Prone's, which it runs with anyway).
EP_VERSION=$(sed -n 's|.*<errorprone.version>\(.*\)</errorprone.version>.*|\1|p' "$ROOT/pom.xml")
cat > "$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.faultlock.bench</groupId>
  <artifactId>jimfs-compile-path</artifactId>
  <version>1</version>
  <dependencies>
    <dependency><groupId>com.google.errorprone</groupId><artifactId>error_prone_core</artifactId><version>$EP_VERSION</version></dependency>
    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.4.0-jre</version></dependency>
    <dependency><groupId>com.ibm.icu</groupId><artifactId>icu4j</artifactId><version>73.2</version></dependency>
    <dependency><groupId>com.google.code.findbugs</groupId><artifactId>jsr305</artifactId><version>3.0.2</version></dependency>
    <dependency><groupId>org.checkerframework</groupId><artifactId>checker-qual</artifactId><version>3.52.0</version></dependency>
    <dependency><groupId>com.google.auto.service</groupId><artifactId>auto-service-annotations</artifactId><version>1.1.1</version></dependency>
  </dependencies>
</project>
POM
(cd "$WORK" && { mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt \
  || mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt; } >&2)
CLASSPATH_JARS="$(cat "$WORK/cp.txt"):$ROOT/annotations/target/classes"
OPENS=()
for p in api file main model parser processing tree util code comp; do
  OPENS+=("-J--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED")
done
OPENS+=(-J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED
  -J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED)
mkdir -p "$WORK/classes"
(cd "$WORK" && find src -name '*.java' | sort > sources.txt)
(cd "$WORK" && javac "${OPENS[@]}" -XDcompilePolicy=simple --should-stop=ifError=FLOW \
  "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:FaultUnderLock:ERROR -Xep:AnnotationMisuse:ERROR" \
  -processorpath "$CLASSPATH_JARS:$ROOT/rules/target/classes" -cp "$CLASSPATH_JARS" \
  -d classes -nowarn -Xmaxerrs 1000 @sources.txt > javac.log 2>&1) || true
grep -E '^src/.*: (error|warning): \[' "$WORK/javac.log" || true
copy_line=$(grep -n 'transferred = file.transferTo(position, count, target);' \
  "$WORK/src/com/google/common/jimfs/JimfsFileChannel.java" | cut -d: -f1)
if grep -q "^src/com/google/common/jimfs/JimfsFileChannel.java:$copy_line: error: \[FaultUnderLock\]" "$WORK/javac.log"; then
  echo "jimfs: FaultUnderLock at JimfsFileChannel.java:$copy_line, the transferTo copy"
else
  echo "jimfs: no FaultUnderLock at the transferTo copy (JimfsFileChannel.java:$copy_line); javac said:" >&2
  tail -20 "$WORK/javac.log" >&2
  exit 1
fi
