package dev.faultlock.maven;

import static dev.faultlock.maven.Findings.error;
import static dev.faultlock.maven.Findings.warning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.findings.Confidence;
import dev.faultlock.findings.Finding;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.Problem;
import dev.faultlock.findings.TraceStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class FindingLogTest {
  /** Records what was logged at which level, as Maven would print it. */
  static final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void error(CharSequence content) {
      lines.add("[ERROR] " + content);
    }

    @Override
    public void warn(CharSequence content) {
      lines.add("[WARNING] " + content);
    }

    @Override
    public void info(CharSequence content) {
      lines.add("[INFO] " + content);
    }

    @Override
    public void debug(CharSequence content) {}
  }

  @Test
  void anErrorPrintsLikeJavacWithTheTraceIndentedBelow() {
    RecordingLog log = new RecordingLog();

    FindingLog.print(log, error("/w/src/main/java/fs/File.java", 12, "fp"));

    assertThat(log.lines)
        .containsExactly(
            "[ERROR] /w/src/main/java/fs/File.java:12: [FaultUnderLock] message of fp",
            "[ERROR]     /w/src/main/java/fs/File.java:10: acquires lock `this` (class inode)",
            "[ERROR]     /w/src/main/java/fs/File.java:12: calls `UserBuffer.put`");
  }

  @Test
  void aLowConfidenceFindingSaysSoAfterItsMessage() {
    RecordingLog log = new RecordingLog();
    Finding sure = warning("A.java", 12, "fp");
    List<TraceStep> trace = new ArrayList<>(sure.trace());
    trace.set(1, trace.get(1).atMost(Confidence.LOW));
    Finding unsure = new Finding(sure.rule(), sure.severity(), sure.location(), sure.message(),
        trace, sure.fingerprint());

    FindingLog.print(log, sure);
    FindingLog.print(log, unsure);

    assertThat(log.lines.get(0)).isEqualTo("[WARNING] A.java:12: [UnsortedSameClassLocks] message of fp");
    assertThat(log.lines.get(3))
        .isEqualTo("[WARNING] A.java:12: [UnsortedSameClassLocks] message of fp (low confidence)");
    assertThat(log.lines.get(5)).isEqualTo(log.lines.get(2));
  }

  @Test
  void aCyclePrintsEachEdgeUnderItsOwnHeading() {
    RecordingLog log = new RecordingLog();

    FindingLog.print(log, Findings.cycle("A.java"));

    assertThat(log.lines)
        .containsExactly(
            "[ERROR] A.java:4: [LockOrderInversion] message of cycle",
            "[ERROR]     edge 1 of 2: inode -> journal",
            "[ERROR]         A.java:3: acquires lock `this` (class inode)",
            "[ERROR]         A.java:4: acquires lock `journal` (class journal)",
            "[ERROR]     edge 2 of 2: journal -> inode",
            "[ERROR]         A.java:8: acquires lock `journal` (class journal)",
            "[ERROR]         A.java:9: acquires lock `inode` (class inode)");
  }

  @Test
  void aWarningPrintsAsWarning() {
    RecordingLog log = new RecordingLog();

    FindingLog.print(log, warning("A.java", 3, "fp"));

    assertThat(log.lines).hasSize(3).allMatch(l -> l.startsWith("[WARNING] "));
    assertThat(log.lines.get(0)).isEqualTo("[WARNING] A.java:3: [UnsortedSameClassLocks] message of fp");
  }

  @Test
  void problemsAreWarningsWithFileAndLine() {
    RecordingLog log = new RecordingLog();

    FindingLog.print(log, new Problem(new Location("B.java", 4, 1), "cannot parse"));

    assertThat(log.lines).containsExactly("[WARNING] B.java:4: cannot parse");
  }
}
