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
            "src/fs/Inode.java:12: error: [FaultUnderLock] `dst.put` may fault while lock `this`"
                + " (class inode) is held: the fault runs `PagedFile.fault`, which acquires lock"
                + " `owner` (class inode), and two threads on two files deadlock ABBA; fix:"
                + " pre-acquire the locks in one sorted order before the copy (@SortedAcquire), or"
                + " copy with faults disabled and, on a short copy, drop the lock, fault the pages"
                + " in and retry (@FaultsDisabled)",
            "    src/fs/Inode.java:10: acquires lock `this` (class inode)",
            "    src/fs/Inode.java:12: calls `UserBuffer.put`",
            "    src/fs/PagedFile.java:7: faults -> `PagedFile.fault`",
            "    src/fs/PagedFile.java:8: acquires lock `owner` (class inode)",
            "src/fs/Journal.java:5: error: [LockOrderInversion] possible circular locking"
                + " dependency: inode -> journal -> inode; fix: take these locks in one global order"
                + " on every path (declare it with @LockOrder), or do not hold one while taking the"
                + " other",
            // A cycle's trace: each edge under its heading, its steps one level further in.
            "    edge 1 of 2: inode -> journal",
            "        src/fs/Inode.java:20: acquires lock `this` (class inode)",
            "        src/fs/Inode.java:21: acquires lock `journal` (class journal)",
            "    edge 2 of 2: journal -> inode",
            "        src/fs/Journal.java:5: acquires lock `this` (class journal)",
            "        src/fs/Journal.java:6: acquires lock `inode` (class inode)");
    assertThat(text.lines().filter(line -> line.startsWith("src/fs/Inode.java:31: warning:")))
        .singleElement()
        .asString()
        .isEqualTo(
            "src/fs/Inode.java:31: warning: [UnsortedSameClassLocks] lock `b` (class inode) is"
                + " acquired while `a` of the same class is held, in program order: another thread"
                + " taking them the other way round deadlocks; fix: take them sorted by a stable"
                + " key, such as `if (a.id() < b.id())`, or through a @SortedAcquire method"
                + " (low confidence)");
    // A sure finding's line says nothing of confidence: it reads as javac's.
    assertThat(text.lines().filter(line -> line.contains("confidence"))).hasSize(1);
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
