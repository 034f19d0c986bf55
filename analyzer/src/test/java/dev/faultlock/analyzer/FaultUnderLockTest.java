package dev.faultlock.analyzer;

import static dev.faultlock.analyzer.Programs.analyze;
import static dev.faultlock.analyzer.Programs.of;
import static dev.faultlock.analyzer.Programs.steps;
import static dev.faultlock.analyzer.Programs.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.catalog.Severity;
import dev.faultlock.findings.Finding;
import org.junit.jupiter.api.Test;

class FaultUnderLockTest {
  @Test
  void copyUnderInodeLockFaultingIntoInodeLockIsAnError() {
    AnalysisResult r = analyze("fault");
    assertThat(r.problems()).isEmpty();
    assertThat(of(r, Rule.FAULT_UNDER_LOCK)).singleElement().satisfies(f -> {
      assertThat(where(f)).isEqualTo("BuggyFile.java:11");
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(steps(f)).containsExactly(
          "BuggyFile.java:10: acquires inode lock `this` (synchronized method)",
          "BuggyFile.java:11: calls `UserMemory.write`",
          "BuggyFile.java:16: faults -> `BuggyFile.fault`",
          "BuggyFile.java:17: acquires inode lock `this`");
      assertThat(f.message()).contains("`UserMemory.write` may fault while inode lock `this` is held");
    });
  }
}
