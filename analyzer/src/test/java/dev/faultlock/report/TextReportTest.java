package dev.faultlock.report;

import static dev.faultlock.report.ReportTesting.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlock.catalog.Rule;
import dev.faultlock.findings.Location;
import dev.faultlock.findings.LockGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {
  @Test
  void javacStyleFindingsWithIndentedTracesThenProblemsThenCounts() {
    String text = render(ReportFormat.TEXT, ResultFixture.clusterFs("src/fs"));

    assertThat(text.lines())
        .startsWith(
            "src/fs/Inode.java:12: error: [FaultUnderLock] `dst.put` may fault while inode lock"
                + " `this` is held: the fault runs `PagedFile.fault`, which acquires inode lock"
                + " `owner` (two threads on two files deadlock ABBA) (fix: sort the locks and"
                + " pre-acquire them all before the copy (@SortedAcquire), or copy with faults"
                + " disabled, and on a short copy drop the lock, fault the pages in and retry"
                + " (@FaultsDisabled))",
            "    src/fs/Inode.java:10: acquires inode lock of `this`",
            "    src/fs/Inode.java:12: calls `UserBuffer.put`",
            "    src/fs/PagedFile.java:7: faults -> `PagedFile.fault`",
            "    src/fs/PagedFile.java:8: acquires inode lock of `owner`",
            "src/fs/Journal.java:5: error: [LockOrderInversion] possible circular locking"
                + " dependency: inode -> journal -> inode (take the locks in one global order on"
                + " every path)");
    assertThat(text.lines().filter(line -> line.startsWith("src/fs/Inode.java:31: warning:")))
        .singleElement()
        .asString()
        .startsWith("src/fs/Inode.java:31: warning: [UnsortedSameClassLocks] inode lock `b`");
    assertThat(text)
        .endsWith(
            "src/fs/Broken.java:4: warning: [faultlock] cannot parse: ';' expected\n"
                + "2 errors, 2 warnings\n");
  }

  @Test
  void cleanResultIsJustTheCounts() {
    String text =
        render(ReportFormat.TEXT, ResultFixture.result(List.of(), List.of(), LockGraph.empty()));

    assertThat(text).isEqualTo("0 errors, 0 warnings\n");
  }

  @Test
  void locationWithoutLineIsTheFileAlone() {
    String text =
        render(
            ReportFormat.TEXT,
            ResultFixture.result(
                List.of(
                    ResultFixture.finding(
                        Rule.ANNOTATION_MISUSE, new Location("A.java", 0, 0), "m", "fp")),
                List.of(),
                LockGraph.empty()));

    assertThat(text).isEqualTo("A.java: error: [AnnotationMisuse] m\n1 error, 0 warnings\n");
  }
}
