package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.Programs.steps;
import static dev.faultlock.analyzer.Programs.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Finding;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled samples: the GFS bug in {@code buggy}, and its two fixes, which must stay silent. */
class SamplesTest {
  static final Path SAMPLES = Path.of("../samples/src/main/java/dev/faultlock/samples");

  private static AnalysisResult analyze(Path... sources) {
    AnalyzerOptions.Builder b = AnalyzerOptions.builder().jobs(2);
    for (Path p : sources) b.source(p);
    return Analyzer.analyze(b.build());
  }

  @Test
  void wholeSamplesTreeHasExactlyTheTwoBuggyCopies() {
    AnalysisResult r = analyze(SAMPLES);

    assertThat(r.problems()).isEmpty();
    assertThat(r.findings())
        .extracting(f -> f.rule().id() + " " + f.severity() + " " + where(f))
        .containsExactly(
            "FaultUnderLock ERROR BuggyFile.java:55", "FaultUnderLock ERROR BuggyFile.java:73");
    Finding read = r.findings().get(0);
    assertThat(read.location().file())
        .isEqualTo("../samples/src/main/java/dev/faultlock/samples/buggy/BuggyFile.java");
    assertThat(steps(read))
        .containsExactly(
            "BuggyFile.java:47: acquires lock `lock` (class inode) by calling `LockManager.lockShared`",
            "BuggyFile.java:55: calls `UserMemory.write`",
            "BuggyFile.java:90: faults -> `BuggyFile.fault`",
            "BuggyFile.java:92: acquires lock `lock` (class inode) by calling `LockManager.lockExclusive`");
    assertThat(read.message())
        .startsWith("`UserMemory.write` may fault while lock `lock` (class inode) is held: the fault runs"
            + " `BuggyFile.fault`, which acquires lock `lock` (class inode), and two threads on two files"
            + " deadlock ABBA; fix: pre-acquire the locks");
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
  }

  @Test
  void buggyWithItsModelFindsBothCopies() {
    AnalysisResult r = analyze(SAMPLES.resolve("buggy"), SAMPLES.resolve("clusterfs"));
    assertThat(r.findings())
        .extracting(f -> f.rule() + " " + where(f))
        .containsExactly(
            Rule.FAULT_UNDER_LOCK + " BuggyFile.java:55", Rule.FAULT_UNDER_LOCK + " BuggyFile.java:73");
  }

  @Test
  void sortedAndRetryFixesAreSilent() {
    assertThat(analyze(SAMPLES.resolve("sorted"), SAMPLES.resolve("clusterfs")).findings()).isEmpty();
    assertThat(analyze(SAMPLES.resolve("retry"), SAMPLES.resolve("clusterfs")).findings()).isEmpty();
  }
}
